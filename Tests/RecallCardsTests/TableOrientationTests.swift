@testable import RecallCards
import RecallMarkdown
import Testing

/// Which axis of a table holds the things compared.
struct TableOrientationTests {
  func table(_ rows: [[String]]) -> Table {
    func cell(_ text: String) -> TableCell {
      if text.hasPrefix("**") && text.hasSuffix("**") && text.count > 4 {
        return TableCell(
          content: InlineText([.strong([.text(String(text.dropFirst(2).dropLast(2)))])]))
      }
      return TableCell(content: InlineText(text.isEmpty ? [] : [.text(text)]))
    }
    let location = SourceLocation(line: 1, column: 1)
    return Table(
      alignments: rows[0].map { _ in .none },
      header: TableRow(cells: rows[0].map(cell), location: location),
      rows: rows.dropFirst().enumerated().map { index, row in
        TableRow(cells: row.map(cell), location: SourceLocation(line: index + 3, column: 1))
      },
      location: location)
  }

  @Test func genericFirstHeaderPutsThingsInColumns() {
    #expect(
      TableOrientation.decide(
        table([["항목", "ECS", "EKS"], ["**방향성**", "a", "b"], ["**원리**", "c", "d"]]))
        == .thingsInColumns)
    #expect(
      TableOrientation.decide(
        table([
          ["", "Cookie", "Session"], ["저장위치", "Client", "Server"], ["저장형식", "Text", "Object"],
        ])) == .thingsInColumns)
    #expect(
      TableOrientation.decide(
        table([
          ["분류", "String", "StringBuffer"], ["변경", "Immutable", "Mutable"], ["동기화", "", "가능"],
        ])) == .thingsInColumns)
    #expect(
      TableOrientation.decide(
        table([
          ["Category", "SQL", "NoSQL"], ["Schema", "fixed", "flexible"], ["Scaling", "up", "out"],
        ])) == .thingsInColumns)
  }

  @Test func anEmptyFirstHeaderGivesWayToLongColumnNames() {
    // og-aws: storage classes in the rows, long measures in the header.
    let storage = table([
      ["", "Durability (per year)", "Availability designed", "Storage (per TB per month)"],
      ["S3 Standard", "99.999999999%", "99.99%", "$23"],
      ["Glacier", "99.999999999%", "sloooow", "$4"],
    ])
    #expect(TableOrientation.decide(storage) == .thingsInRows)
  }

  @Test func recordTablesPutThingsInRows() {
    #expect(
      TableOrientation.decide(
        table([
          ["Verb", "Description", "Idempotent"], ["GET", "Reads a resource", "Yes"],
          ["POST", "Creates a resource", "No"],
        ])) == .thingsInRows)
    #expect(
      TableOrientation.decide(
        table([["상태코드", "이름", "의미"], ["200", "OK", "요청 성공"], ["201", "Create", "생성 성공"]]))
        == .thingsInRows)
  }

  @Test func boldFirstColumnAndShortHeaderNamesCountAsEvidence() {
    // Bold row labels and long row labels beside short column names: the columns are things.
    #expect(
      TableOrientation.decide(
        table([
          ["Aspect of the service", "A", "B"],
          ["**Read through the first long description here**", "x", "y"],
          ["**Another rather long attribute description**", "z", "w"],
        ])) == .thingsInColumns)
    // Bold first column alone is not enough.
    #expect(
      TableOrientation.decide(
        table([["Verb", "Description"], ["**GET**", "Reads"], ["**PUT**", "Replaces"]]))
        == .thingsInRows)
  }

  @Test func aSingleDataRowDescribesTheSection() {
    #expect(
      TableOrientation.decide(table([["평균", "최선", "최악"], ["Θ(nlogn)", "Ω(nlogn)", "O(nlogn)"]]))
        == .singleRecord)
    #expect(
      TableOrientation.decide(table([["항목", "A", "B"], ["x", "1", "2"]])) == .thingsInColumns)
  }

  @Test func valuesOfOneShapeAlongTheRowsPutThingsInColumnsWithoutAHeaderWord() {
    // No generic corner: the cells alone say that each row is one attribute.
    let engines = table([
      ["Engine", "InnoDB", "MyISAM"], ["Transactions", "Yes", "No"], ["Max size", "64TB", "256TB"],
      ["Locking", "Row-level lock", "Table-level lock"],
    ])
    #expect(TableOrientation.decide(engines) == .thingsInColumns)
  }

  @Test func valuesOfOneShapeDownTheColumnsOutweighAnEmptyCorner() {
    let storage = table([
      ["", "Durability", "Price", "Free tier"], ["Glacier", "99.999%", "$4", "No"],
      ["S3 Standard", "99.999%", "$23", "Yes"], ["S3 IA", "99.9%", "$12.50", "No"],
    ])
    #expect(TableOrientation.decide(storage) == .thingsInRows)
  }

  @Test func aHeaderRowOfSentencesIsNoRowOfThings() {
    // An empty corner alone would put the things in the columns.
    let questions = table([
      ["", "What it is for when the build runs", "How it reports what it finds to you"],
      ["lint", "style", "warnings"], ["test", "behaviour", "failures"],
    ])
    #expect(TableOrientation.decide(questions) == .thingsInRows)
  }

  @Test func aHeaderRowOfNamesOverSentencesHasItsThingsInColumns() {
    // Algorithm/README.md: no column labels the rows; reading the first column's sentences as
    // things would read the table sideways.
    let strategies = table([
      ["Divide and Conquer", "Dynamic Programming", "Greedy"],
      ["문제를 작은 문제로 쪼개어 해결한다.", "overlapping substructure를 갖는 문제를 해결한다.", "각 단계에서 최적의 선택을 한다."],
      ["재귀 함수를 사용한다.", "재귀적 관계(점화식)를 이용한다.", "반복문을 사용한다."],
      ["call stack을 통해 답을 구한다.", "look-up-table에 답을 저장해 놓고 구한다.", "단계별 답을 추가해 가며 구한다."],
    ])
    #expect(TableOrientation.decide(strategies) == .thingsInColumns)
  }

  @Test func cellsAreShapedByWhatTheyHold() {
    #expect(TableCells.shape("") == .empty)
    #expect(TableCells.shape("99.99%") == .number)
    #expect(TableCells.shape("$12.50") == .number)
    #expect(TableCells.shape("Yes") == .flag)
    #expect(TableCells.shape("불가능") == .flag)
    #expect(TableCells.shape("S3 Standard") == .name)
    #expect(TableCells.shape("Availability per region") == .phrase)
    #expect(TableCells.shape("재귀 함수를 사용한다.") == .sentence)
    #expect(TableCells.shape("Reads a resource and returns it to the client as it is") == .sentence)
  }

  @Test func theAuthorOverridesInACommentOrFrontMatter() {
    #expect(
      TableOrientation.override(inComment: "<!-- recall: things are columns -->")
        == .thingsInColumns)
    #expect(
      TableOrientation.override(inComment: "<!-- recall: things are rows -->") == .thingsInRows)
    #expect(TableOrientation.override(inComment: "<!-- a note about rows -->") == nil)
    #expect(TableOrientation.override(inFrontMatter: "columns") == .thingsInColumns)
    #expect(TableOrientation.override(inFrontMatter: "rows") == .thingsInRows)
    #expect(TableOrientation.override(inFrontMatter: "diagonal") == nil)
  }
}

/// A grid of numbers is not a table of facts.
struct GridTableTests {
  @Test func aNumberGridGivesNoCard() {
    let note = """
      # Sieve of Eratosthenes
      | 1 | 2 | 3 | 4 |
      |---|---|---|---|
      | 5 | 6 | 7 | 8 |
      | 9 | 10 | 11 | 12 |
      """
    let found = SeedNote.cards(of: note, deck: "note.md")
    #expect(found.cards.isEmpty)
    #expect(found.stubs.isEmpty)
  }

  @Test func aTableWithNamedRowsIsNoGrid() {
    let note = """
      # Ports
      | Service | Port |
      |---|---|
      | HTTP | 80 |
      | HTTPS | 443 |
      """
    let found = SeedNote.cards(of: note, deck: "note.md").cards
    #expect(found.contains { $0.prompt == "Ports › HTTP › Port?" && $0.answer == "80" })
  }
}

/// A series of numbers under variable names is a grid as well.
struct SeriesTableTests {
  @Test func aNumberSeriesUnderVariableNamesGivesNoCard() {
    let note = """
      # 선형회귀
      | X | Y |
      |---|---|
      | 1 | 5 |
      | 2 | 8 |
      | 3 | 11 |
      """
    #expect(SeedNote.cards(of: note, deck: "note.md").cards.isEmpty)
  }
}

/// Tables whose header row names no attributes are not read sideways.
struct HeaderlessTableTests {
  @Test func aTableOfThingsInItsHeaderIsAskedWhichThingEachRowDescribes() {
    let note = """
      # Strategies
      | Divide and Conquer | Dynamic Programming | Greedy |
      |---|---|---|
      | 문제를 작은 문제로 쪼개어 해결한다. | overlapping substructure를 갖는 문제를 해결한다. | 각 단계에서 최적의 선택을 한다. |
      | 재귀 함수를 사용한다. | 재귀적 관계(점화식)를 이용한다. | 반복문을 사용한다. |
      """
    let cards = SeedNote.cards(of: note, deck: "note.md").cards
    let recursion = cards.first { $0.prompt.hasSuffix("어느 것의 특징? 재귀 함수를 사용한다.") }
    #expect(recursion?.answer == "Divide and Conquer")
    #expect(recursion?.choices == ["Divide and Conquer", "Dynamic Programming", "Greedy"])
    #expect(recursion?.orientation == .thingsInColumns)
    // No sentence is taken for a thing, nor a thing for an attribute.
    #expect(!cards.contains { $0.kind == .tableCell })
    #expect(!cards.contains { $0.answer.hasSuffix("해결한다.") && $0.kind.rawValue.hasPrefix("table") })
  }

  @Test func anEmptyHeaderRowGivesWayToTheFirstRow() {
    let note = """
      # Approaches
      |   |   |   |
      |---|---|---|
      | Approach | 요구 사항 | 목표 |
      | Predictive | Fixed | 비용 관리 |
      | Agile | Dynamic | 고객 가치 제공 |
      """
    let cards = SeedNote.cards(of: note, deck: "note.md").cards
    let fixed = cards.first { $0.prompt == "Approaches › Predictive › 요구 사항?" }
    #expect(fixed?.answer == "Fixed")
    #expect(fixed?.orientation == .thingsInRows)
    #expect(!cards.contains { $0.prompt.contains("Approach ›") })
  }

  @Test func everyTableCardTellsItsOrientationAndNoOtherDoes() {
    let cards = SeedNote.noteCards.cards
    #expect(cards.filter { $0.kind == .tableCell }.allSatisfy { $0.orientation == .thingsInColumns })
    #expect(cards.filter { !$0.kind.rawValue.hasPrefix("table") }.allSatisfy { $0.orientation == nil })
  }
}

/// A table inside list items is read, once, named by the item that holds it.
struct NestedTableTests {
  @Test func aTableTwoListsDeepIsAskedWithItsItemsName() {
    let note = """
      # REST
      * REST의 요소
        * Method

          | Method | 의미 | Idempotent |
          | --- | --- | --- |
          | POST | Create | No |
          | GET | Select | Yes |
          | PUT | Update | Yes |

        * Resource
          * URI로 표현
      """
    let cards = SeedNote.cards(of: note, deck: "note.md").cards
    let post = cards.filter { $0.prompt == "Method › POST › 의미?" }
    #expect(post.map(\.answer) == ["Create"])
    #expect(post.first?.orientation == .thingsInRows)
    #expect(cards.filter { $0.kind == .tableCell }.count == 6)
  }
}
