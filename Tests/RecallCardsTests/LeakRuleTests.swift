import RecallCards
import Testing

/// A card never says its own answer: reverse clues are masked, headings that give the answer
/// away are left out, and a prompt that holds its answer is no card.
struct LeakRuleTests {
  func cards(_ note: String) -> [Card] { SeedNote.cards(of: note, deck: "note.md").cards }

  @Test func aDefinitionClueHidesTheWordsOfItsTerm() {
    let found = cards(
      """
      # EC2 Tips
      - **Operating system:** to use EC2 you pick a base operating system for your instances
      - **Region:** where the instances run
      """)
    let reverse = found.first { $0.kind == .definition && $0.answer == "Operating system" }
    #expect(reverse?.prompt == "EC2 Tips › Which term is this? to use EC2 you pick a base ___ for your instances")
  }

  @Test func aKoreanClueKeepsTheParticleAfterTheHiddenTerm() {
    let found = cards(
      """
      # 자료구조
      - **해시:** 해시는 키를 버킷에 대응시키는 함수의 결과 값이다
      - **트리:** 계층 구조를 이루는 자료구조
      """)
    let reverse = found.first { $0.kind == .definition && $0.answer == "해시" }
    #expect(reverse?.prompt == "자료구조 › 이 설명에 맞는 용어는? ___는 키를 버킷에 대응시키는 함수의 결과 값이다")
  }

  @Test func aClueThatIsAllAnswerGivesNoReverseCard() {
    let found = cards(
      """
      # Memory
      - **Swapping:** Swapping
      - **Paging:** Paging splits memory into frames
      """)
    #expect(!found.contains { $0.kind == .definition && $0.answer == "Swapping" })
    #expect(found.contains { $0.kind == .definition && $0.answer == "Paging" })
  }

  @Test func aHeadingNamingTheTermIsLeftOutButAComparisonStays() {
    let found = cards(
      """
      # iOS
      ## Weak references
      - **weak:** does not keep the object alive and becomes nil when it goes
      ## assign vs strong
      - **assign:** does not raise the retain count of the object
      - **strong:** raises the retain count of the object
      """)
    let weak = found.first { $0.kind == .definition && $0.answer == "weak" }
    #expect(weak?.prompt.hasPrefix("iOS › Which term is this?") == true)
    let assign = found.first { $0.kind == .definition && $0.answer == "assign" }
    #expect(assign?.prompt.hasPrefix("assign vs strong › Which term is this?") == true)
  }

  @Test func aTableCellWhoseThingNamesItsValueIsNoCard() {
    let found = cards(
      """
      # Real architectures
      | System | Type | Owner |
      |---|---|---|
      | Google File System | File system | Google |
      | Bigtable | Database | Google |
      """)
    #expect(!found.contains { $0.prompt.contains("Google File System › Type?") })
    #expect(found.contains { $0.prompt.contains("Bigtable › Type?") })
  }

  @Test func aWordInsideALongerWordIsNotTheAnswer() {
    let found = cards(
      """
      # Web
      - **Origin:** the server that holds the original
      - **Proxy:** a server in between
      """)
    #expect(found.contains { $0.kind == .definition && $0.answer == "Origin" })
  }
}

/// A choice quiz offers at least three options when the note has them, of the same kind.
struct ChoiceRuleTests {
  func cards(_ note: String) -> [Card] { SeedNote.cards(of: note, deck: "note.md").cards }

  @Test func aTwoValueAttributeTakesTheSameAttributeOfAnotherTable() throws {
    let found = cards(
      """
      # Stores
      | Name | Model |
      |---|---|
      | Redis | key-value |
      | Neo4j | graph |
      # More stores
      | Name | Model |
      |---|---|
      | MongoDB | document |
      | Cassandra | wide column |
      """)
    let redis = try #require(found.first { $0.prompt == "Stores › Redis › Model?" })
    #expect(redis.choices.count >= 3)
    #expect(redis.choices.contains("key-value"))
    #expect(redis.choices.allSatisfy { ["key-value", "graph", "document", "wide column"].contains($0) })
  }

  @Test func yesNoPairsAndOtherAttributesAreNotOptions() throws {
    let found = cards(
      """
      # HTTP
      | Verb | Safe | Purpose |
      |---|---|---|
      | GET | Yes | reads a resource |
      | POST | No | creates a resource |
      """)
    let get = try #require(found.first { $0.prompt == "HTTP › GET › Safe?" })
    #expect(get.choices == ["Yes", "No"])
  }
}

/// Hidden words in a row read as one gap.
struct ClueMaskMergeTests {
  @Test func aTwoWordTermWithAParticleIsOneGap() throws {
    let found = SeedNote.cards(
      of: "# Design Smells\ndesign smell이란 나쁜 디자인을 나타내는 증상같은 것이다.\n", deck: "note.md"
    ).cards
    let reverse = try #require(found.first { $0.kind == .definition })
    #expect(reverse.prompt.hasSuffix("___이란 나쁜 디자인을 나타내는 증상같은 것이다."))
  }
}
