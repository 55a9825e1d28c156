import RecallCards
import Testing

/// Small notes, one structure each, and the cards they give.
struct CardGenerationTests {
  func cards(_ note: String) -> [Card] { SeedNote.cards(of: note, deck: "note.md").cards }
  func stubs(_ note: String) -> [Stub] { SeedNote.cards(of: note, deck: "note.md").stubs }

  // MARK: Glossary terms

  @Test func everyGlossaryFormGivesATermBothWays() {
    let note = """
      # Web
      **Cookie:** data kept by the browser
      **Session**: data kept by the server
      **Token** : a signed claim
      **쿠키**：브라우저에 저장되는 데이터

      - **Cache** — a copy kept close by
      - **CDN** - servers near the users
      - Origin: the server that holds the original
      """
    let found = cards(note)
    let terms = found.filter { $0.kind == .term }
    #expect(
      terms.map(\.prompt) == [
        "Web › Cookie?", "Web › Session?", "Web › Token?", "Web › 쿠키?", "Web › Cache?",
        "Web › CDN?",
        "Web › Origin?",
      ])
    #expect(
      terms.map(\.answer) == [
        "data kept by the browser", "data kept by the server", "a signed claim", "브라우저에 저장되는 데이터",
        "a copy kept close by", "servers near the users", "the server that holds the original",
      ])
    #expect(terms.map(\.line) == [2, 3, 4, 5, 7, 8, 9])
    let definitions = found.filter { $0.kind == .definition }
    #expect(definitions.count == 7)
    #expect(definitions.first?.prompt == "Web › Which term is this? data kept by the browser")
    #expect(definitions.first?.answer == "Cookie")
    #expect(definitions.first?.choices == ["Cookie", "Session", "Token", "쿠키"])
    #expect(definitions.last?.choices == ["쿠키", "Cache", "CDN", "Origin"])
    #expect(found.count == 14)
  }

  @Test func aBoldLabelWithNothingAfterItTakesTheListBelow() {
    let note = """
      # Lambda
      **Disadvantages:**
      - cold starts
      - 15 minute limit

      **Pending:**

      Some closing words.
      """
    let found = cards(note)
    let term = found.first { $0.kind == .term }
    #expect(term?.prompt == "Lambda › Disadvantages?")
    #expect(term?.answer == "cold starts\n15 minute limit")
    #expect(found.first { $0.kind == .section }?.answer == "Some closing words.")
    #expect(stubs(note).map(\.message) == ["term 'Pending' has no definition yet"])
    #expect(stubs(note).first?.kind == .termWithoutDefinition)
  }

  @Test func aBoldLabelAboveLabelsGroupsThem() {
    let note = """
      # Caching
      Some intro.
      **Strategies:**
      - Cache-aside: the app loads on a miss
      - Write-through: writes go to both
      - mind the stale data
      """
    let found = cards(note)
    #expect(
      found.map(\.prompt) == [
        "Caching › Strategies › Cache-aside?", "Caching › Strategies › Write-through?",
        "Caching › Strategies?", "Caching?",
      ])
    #expect(found.map(\.kind) == [.label, .label, .label, .section])
    #expect(found[2].answer == "mind the stale data")
    #expect(found[3].answer == "Some intro.")
  }

  @Test func sentencesWithColonsAreNotTerms() {
    let note = """
      # Notes
      - The answer is simple. Remember this: always cache
      - Visit http://example.com for more
      - 10:30 meeting
      """
    #expect(cards(note).filter { $0.kind == .term || $0.kind == .label }.isEmpty)
    #expect(cards(note).map(\.kind) == [.section])
  }

  // MARK: Tables

  @Test func recordTablesAskEachRowsAttributes() {
    let note = """
      # HTTP verbs
      | Verb | Description | Idempotent |
      |---|---|---|
      | GET | Reads a resource | Yes |
      | POST | Creates a resource | No |
      | PUT | Replaces a resource | Yes |
      """
    let found = cards(note)
    let cells = found.filter { $0.kind == .tableCell }
    #expect(
      cells.map(\.prompt) == [
        "HTTP verbs › GET › Description?", "HTTP verbs › POST › Description?",
        "HTTP verbs › PUT › Description?", "HTTP verbs › GET › Idempotent?",
        "HTTP verbs › POST › Idempotent?", "HTTP verbs › PUT › Idempotent?",
      ])
    // Two distinct values: a two-way choice, identical values merged.
    #expect(cells[3].choices == ["Yes", "No"])
    #expect(cells[4].choices == ["Yes", "No"])
    #expect(cells[5].choices == ["No", "Yes"])
    // Reverse cards only for values that single out one thing.
    let reverse = found.filter { $0.kind == .tableThing }
    #expect(reverse.map(\.answer) == ["GET", "POST", "PUT", "POST"])
    #expect(reverse.last?.prompt == "HTTP verbs › Which one has this Idempotent: No?")
    #expect(reverse.last?.choices == ["GET", "POST", "PUT"])
    #expect(cells.first?.line == 4)
  }

  /// A first column that repeats groups the rows rather than naming them: the first column that
  /// names each row apart takes its place (by a cell's bold name, the rest of it kept as an
  /// attribute), and the first column is asked like the others.
  @Test func aRepeatingFirstColumnGivesWayToTheColumnThatNamesTheRows() {
    let note = """
      # 실제 아키텍처
      | 종류 | 시스템 | 참고 |
      |---|---|---|
      | 데이터 처리 | **MapReduce** - 구글의 분산 데이터 처리 | paper |
      | 데이터 처리 | **Spark** - Databricks의 분산 데이터 처리 | slides |
      | 데이터 저장소 | **Bigtable** - 구글의 컬럼 지향 데이터베이스 | paper |
      """
    let found = cards(note)
    let cells = found.filter { $0.kind == .tableCell }
    #expect(cells.map(\.prompt).prefix(3) == [
      "실제 아키텍처 › MapReduce › 종류?", "실제 아키텍처 › Spark › 종류?", "실제 아키텍처 › Bigtable › 종류?",
    ])
    #expect(cells.contains { $0.prompt == "실제 아키텍처 › Spark › 시스템?" && $0.answer == "Databricks의 분산 데이터 처리" })
    #expect(!found.contains { $0.prompt.contains("(2)") || $0.answer.contains("(2)") })
    let reverse = found.filter { $0.kind == .tableThing }
    #expect(reverse.contains {
      $0.prompt == "실제 아키텍처 › 어느 것의 시스템? 구글의 컬럼 지향 데이터베이스" && $0.answer == "Bigtable"
    })

    // Without a column that names every row apart, the first one stays, its repeats numbered.
    let plain = cards("""
      # Log
      | Day | Topic |
      |---|---|
      | Mon | Queues |
      | Mon | Queues |
      """)
    #expect(plain.filter { $0.kind == .tableCell }.map(\.prompt) == ["Log › Mon › Topic?", "Log › Mon (2) › Topic?"])
  }

  @Test func aCommentNextToTheTableOverridesTheOrientation() {
    let note = """
      # Sorting
      <!-- recall: things are columns -->
      | Case | Quick | Merge |
      |---|---|---|
      | Best | n log n | n log n |
      | Worst | n² | n log n |
      """
    let cells = cards(note).filter { $0.kind == .tableCell }
    #expect(cells.first?.prompt == "Sorting › Quick › Best?")
    #expect(cells.map(\.answer) == ["n log n", "n log n", "n²", "n log n"])
    // Quick and Merge share their best case: no choice quiz, no reverse card.
    #expect(cells[0].choices.isEmpty)
    #expect(cells[2].choices == ["n²", "n log n"])
    #expect(cards(note).filter { $0.kind == .tableThing }.map(\.answer) == ["Quick", "Merge"])
  }

  @Test func frontMatterSetsTheOrientationOfEveryTable() {
    let note = """
      ---
      recall-things: rows
      ---
      # Compare
      | 항목 | Size |
      |---|---|
      | Apple | small |
      | Melon | large |
      """
    #expect(cards(note).first?.prompt == "Compare › Apple › Size?")
  }

  @Test func aSingleRowTableDescribesItsSection() {
    let note = """
      # Heap sort
      | 평균 | 최선 | 최악 |
      |---|---|---|
      | Θ(nlogn) | Ω(nlogn) | O(nlogn) |
      """
    let found = cards(note)
    #expect(found.map(\.prompt) == ["Heap sort › 평균?", "Heap sort › 최선?", "Heap sort › 최악?"])
    #expect(found.allSatisfy { $0.kind == .tableCell && $0.choices.isEmpty })
  }

  @Test func tablesWithoutDataAreStubs() {
    let note = """
      # Plan
      | Item | Owner |
      |---|---|

      | 항목 | A | B |
      |---|---|---|
      | x | | |
      """
    #expect(cards(note).isEmpty)
    #expect(stubs(note).map(\.kind) == [.emptyTable, .emptyTable])
    #expect(stubs(note).map(\.line) == [2, 5])
  }

  @Test func anAttributeThatIsTheSameForEveryThingIsNotAsked() {
    let note = """
      # Plan
      | | Short | Medium | Long |
      |---|---|---|---|
      | Read the topics | :+1: | :+1: | :+1: |
      | Practice | | :+1: | :+1: |
      """
    let found = cards(note)
    #expect(!found.contains { $0.prompt.contains("Read the topics") })
    #expect(found.filter { $0.kind == .tableCell }.count == 2)
  }

  // MARK: Flows

  @Test func orderedListsOfShortStepsAreFlows() {
    let note = """
      # Deploy flow
      1. Build
      2. Test
         - unit and integration
      3. Ship

      ## Build
      Compile the code.
      """
    let found = cards(note)
    let steps = found.filter { $0.kind == .flowStep }
    #expect(
      steps.map(\.prompt) == [
        "Deploy flow › What is the first step?", "Deploy flow › What comes after ‘Build’?",
        "Deploy flow › What comes after ‘Test’?",
      ])
    #expect(steps.map(\.answer) == ["Build", "Test", "Ship"])
    #expect(steps.map(\.detail) == ["Compile the code.", "- unit and integration", nil])
    #expect(steps[0].choices == ["Build", "Test", "Ship"])
    // After `Build`, only `Test` and `Ship` are left: a coin flip, so the step is typed.
    #expect(steps[1].choices == [])
    let order = found.first { $0.kind == .flowOrder }
    #expect(order?.prompt == "Deploy flow › Put the steps in order.")
    #expect(order?.answer == "Build\nTest\nShip")
  }

  @Test func orderedListsOfTermsOrLongItemsAreNotFlows() {
    let note = """
      # ACID
      1. **Atomicity**: all or nothing
      2. **Consistency**: rules hold

      # Essay
      1. This item is a long explanation that goes on well beyond what anyone would call a step name.
      2. Short
      """
    let found = cards(note)
    #expect(!found.contains { $0.kind == .flowStep || $0.kind == .flowOrder })
    #expect(
      found.filter { $0.kind == .term }.map(\.prompt) == [
        "ACID › Atomicity?", "ACID › Consistency?",
      ])
    #expect(found.last?.kind == .section)
  }

  // MARK: Sections and labels

  @Test func labelsUnderAHeadingOrAGroupBulletAreAskedWithTheirPath() {
    let note = """
      # Launch types
      - Fargate: serverless
      - EC2: your own instances

      # Security groups
      - Web group
        - Inbound: 443
        - Outbound: all
      - Notes
        - keep rules small
      """
    let found = cards(note)
    #expect(
      found.map(\.prompt) == [
        "Launch types › Fargate?", "Launch types › EC2?", "Security groups › Web group › Inbound?",
        "Security groups › Web group › Outbound?", "Security groups › Notes?",
      ])
    #expect(found.allSatisfy { $0.kind == .label })
    #expect(found[2].context == ["Security groups", "Web group"])
    #expect(found[4].answer == "keep rules small")
  }

  @Test func emptyHeadingsAreStubsButParentsOfSectionsAreNot() {
    let note = """
      # Network
      ### SSL
      ### HTTPS

      <br>

      # Done
      Text.
      """
    #expect(
      stubs(note).map(\.message) == [
        "section 'SSL' has no content yet", "section 'HTTPS' has no content yet",
      ])
    #expect(cards(note).map(\.prompt) == ["Done?"])
  }

  // MARK: Edge cases from the corpus

  @Test func tablesOfContentsAreNotAsked() {
    let note = """
      # Data structures
      - [Tree](#tree)
        - Binary Tree
      - [Hash Table](#hash-table): hashing
      - [Graph](#graph)

      ## Tree
      A tree is a hierarchy.
      """
    #expect(cards(note).map(\.prompt) == ["Data structures › Tree?"])
  }

  @Test func contentsSectionsAndMarkersAreLeftOut() {
    let note = """
      # Guide
      ## Table of Contents
      **Purpose**
      - [Why?](#why)
      - [Scope](#scope)

      ## Why?
      Because.

      ## Tips
      - 🔸**Timeouts:** calls stop after 29 seconds
      """
    #expect(
      cards(note).filter { $0.kind != .definition }.map(\.prompt) == [
        "Guide › Why?", "Tips › Timeouts?",
      ])
  }

  @Test func headingsInsideListItemsNameLabels() {
    let note = """
      # Isolation levels
      1. ##### Read Uncommitted
         Reads data not yet committed.
      2. ##### Serializable
         Locks everything it reads.
      """
    let found = cards(note)
    #expect(
      found.map(\.prompt) == [
        "Isolation levels › Read Uncommitted?", "Isolation levels › Serializable?",
      ])
    #expect(found.map(\.answer) == ["Reads data not yet committed.", "Locks everything it reads."])
  }

  @Test func noTwoCardsOfANoteAskTheSameQuestion() {
    let note = """
      # Queue
      **enQueue:** puts an item in

      ## Linear
      ### enQueue
      Adds at the rear.

      ## Circular
      ### enQueue
      Adds at the rear, wrapping around.
      """
    let prompts = cards(note).filter { $0.kind != .definition }.map(\.prompt)
    #expect(prompts == ["Queue › enQueue?", "Linear › enQueue?", "Circular › enQueue?"])
    let twice = """
      # Queue
      ## enQueue
      Adds at the rear.
      ## enQueue
      Adds again.
      """
    #expect(cards(twice).map(\.prompt) == ["Queue › enQueue?", "Queue › enQueue? (2)"])
    let mixed = """
      # Computer
      **Hardware:** the machine

      ## Hardware
      - CPU and memory
      """
    #expect(
      cards(mixed).filter { $0.kind != .definition }.map(\.prompt) == [
        "Computer › Hardware? (term)", "Computer › Hardware? (section)",
      ])
  }

  @Test func flowsNeedDistinctSteps() {
    let note = """
      # Trace
      1. 2
      2. 5
      3. 2
      """
    #expect(!cards(note).contains { $0.kind == .flowStep })
  }

  @Test(arguments: [
    "", "#", "---\ntitle: x\n---\n", "| a |\n|---|", "| a | b |\n|---|---|\n| | |",
    "- a\n  - b\n    - c\n      - d\n        - e\n          - f: g", "1. \n2. ", "**:**", "- :",
    "# A\n## B\n### C\n#### D", "> **Q:** A\n>\n> - x: y", "- **a** -", "1) x\n2) y",
  ])
  func oddNotesGiveNoBrokenCards(note: String) {
    let result = SeedNote.cards(of: note, deck: "odd.md")
    for card in result.cards {
      #expect(!card.prompt.isEmpty && !card.answer.isEmpty)
      #expect(card.choices.isEmpty || card.choices.count >= 2)
    }
    #expect(Set(result.cards.map(\.key)).count == result.cards.count)
  }
}
