import RecallCards
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
