import RecallMarkdown
import Testing

/// The oddities that `shared/corpus/SOURCES.md` and `shared/markdown/README.md` list, one test
/// each (the others live with their construct: tables, lists, inputs).
struct OdditiesTests {
  /// A bold label with nothing after it introduces the list below it.
  @Test func boldLabelBeforeList() {
    let document = parse("**Disadvantage(s):**\n- slow\n- costly\n")
    #expect(document.blocks[0].paragraph?.content.strongTexts == ["Disadvantage(s):"])
    #expect(document.blocks[1].list?.items.count == 2)
  }

  /// Full-width colons and plain `- 쿠키 : …` definitions stay text, with bold where written.
  @Test func plainDefinitions() {
    let document = parse("- 쿠키 : 클라이언트에 저장\n- **세션**：서버에 저장\n")
    let items = document.blocks[0].list?.items.map { $0.blocks[0].paragraph?.content.plainText }
    #expect(items == ["쿠키 : 클라이언트에 저장", "세션：서버에 저장"])
  }

  /// `:emoji:` codes in headings stay as written.
  @Test func emojiCodesInHeadings() {
    #expect(parse("## :rocket: Deploy\n").blocks[0].heading?.content.plainText == ":rocket: Deploy")
  }

  /// `<br>` spellings between lines of a paragraph are line breaks, not text.
  @Test func breakSpellingsBetweenLines() {
    let content = parse("A\n<br/>\nB\n</br>\nC\n<br />\nD\n<BR>\nE\n").blocks[0].paragraph?.content
    #expect(content?.lines == ["A", "B", "C", "D", "E"])
  }

  /// Headings inside list items and block quotes.
  @Test func headingsInContainers() {
    let document = parse("- ## In a list\n> ### In a quote\n")
    #expect(document.blocks[0].list?.items[0].blocks[0].heading?.level == 2)
    #expect(document.blocks[1].quote?.blocks[0].heading?.level == 3)
  }

  /// `##### <br>`: a heading with no text is kept as an empty heading.
  @Test func headingOfOnlyBreak() {
    let heading = parse("##### <br>\n").blocks[0].heading
    #expect(heading?.level == 5)
    #expect(heading?.content.isEmpty == true)
  }

  /// Tabs inside table cells are trimmed like spaces.
  @Test func tabsInCells() {
    let table = parse("|\ta\t|\tb |\n|---|---|\n").blocks[0].table
    #expect(table?.header.cells.map(\.content.plainText) == ["a", "b"])
  }
}
