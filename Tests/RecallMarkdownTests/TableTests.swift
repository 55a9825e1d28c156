import RecallMarkdown
import Testing

/// GFM pipe tables.
struct TableTests {
  private func table(_ text: String, options: MarkdownParser.Options = .init()) -> Table? {
    parse(text, options: options).blocks.lazy.compactMap(\.table).first
  }

  private func texts(_ row: TableRow?) -> [String] {
    row?.cells.map(\.content.plainText) ?? []
  }

  /// With and without outer pipes, alignment colons read per column.
  @Test func outerPipesAndAlignment() {
    let withPipes = table("| a | b | c | d |\n|---|:--|:-:|--:|\n| 1 | 2 | 3 | 4 |\n")
    #expect(withPipes?.alignments == [.none, .left, .center, .right])
    #expect(texts(withPipes?.rows.first) == ["1", "2", "3", "4"])
    let without = table("a | b\n--|--\n1 | 2\n")
    #expect(texts(without?.header) == ["a", "b"])
    #expect(texts(without?.rows.first) == ["1", "2"])
  }

  /// `\|` is a pipe inside a cell, also inside a code span.
  @Test func escapedPipes() {
    let found = table("| a | b |\n|---|---|\n| x \\| y | `p\\|q` |\n")
    #expect(texts(found?.rows.first) == ["x | y", "p|q"])
  }

  /// Short rows are padded, long rows cut, to the header's width.
  @Test func rowWidths() {
    let found = table("| a | b | c |\n|---|---|---|\n| 1 |\n| 1 | 2 | 3 | 4 | 5 |\n")
    #expect(found?.rows.map(\.cells.count) == [3, 3])
    #expect(texts(found?.rows[0]) == ["1", "", ""])
    #expect(texts(found?.rows[1]) == ["1", "2", "3"])
  }

  /// An empty header cell, and tabs in cells.
  @Test func emptyHeaderCellAndTabs() {
    let found = table("|   | A |\n|---|---|\n|\tx\t| y |\n")
    #expect(texts(found?.header) == ["", "A"])
    #expect(texts(found?.rows.first) == ["x", "y"])
  }

  /// Every `<br>` spelling splits a cell into lines; `- ` and `• ` start bullet lines.
  @Test func breakSpellingsAndBullets() {
    let found = table("| a |\n|---|\n| one<br>- two<br/>• three<br />four</br>five<BR>six |\n")
    let lines = found?.rows.first?.cells.first?.lines
    #expect(lines == [
      CellLine(text: "one", isBullet: false), CellLine(text: "two", isBullet: true),
      CellLine(text: "three", isBullet: true), CellLine(text: "four", isBullet: false),
      CellLine(text: "five", isBullet: false), CellLine(text: "six", isBullet: false),
    ])
  }

  /// Inline markup in cells: bold, code, links.
  @Test func inlineMarkupInCells() {
    let found = table("| **term** | `code` and [link](https://x.y) |\n|---|---|\n")
    #expect(found?.header.cells[0].content.strongTexts == ["term"])
    #expect(found?.header.cells[1].content.plainText == "code and link")
  }

  /// A table right under a heading line, with no blank line.
  @Test func tableUnderHeading() {
    let document = parse("## Compare\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    #expect(document.blocks.count == 2)
    #expect(document.blocks[1].table?.location == Location(line: 2, column: 1))
  }

  /// A table interrupting a paragraph: the lines before stay a paragraph.
  @Test func tableInterruptingParagraph() {
    let document = parse("Some text\nmore text\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    #expect(document.blocks.count == 2)
    #expect(document.blocks[0].paragraph?.content.plainText == "Some text\nmore text")
    #expect(document.blocks[1].table?.location == Location(line: 3, column: 1))
    #expect(document.blocks[1].table?.rows.count == 1)
  }

  /// A table inside a list item.
  @Test func tableInListItem() {
    let document = parse("- item\n  | a | b |\n  |---|---|\n  | 1 | 2 |\n")
    let item = document.blocks[0].list?.items[0]
    #expect(item?.blocks.count == 2)
    #expect(item?.blocks[1].table?.location == Location(line: 2, column: 3))
  }

  /// A delimiter row with a different cell count is no table.
  @Test func mismatchedDelimiterRow() {
    #expect(table("| a | b |\n|---|\n") == nil)
  }

  /// The table ends at a blank line or at another block; a row without pipes continues it.
  @Test func tableEnd() {
    let document = parse("| a | b |\n|---|---|\n| 1 | 2 |\nplain\n# Heading\n")
    #expect(document.blocks[0].table?.rows.count == 2)
    #expect(document.blocks[1].heading != nil)
  }

  /// A line of pipes inside a fence is code, not a table.
  @Test func pipesInFence() {
    #expect(table("```\n| a | b |\n|---|---|\n```\n") == nil)
  }
}
