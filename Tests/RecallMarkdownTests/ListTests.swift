import RecallMarkdown
import Testing

/// Lists: markers, numbering, nesting by spaces and tabs, tight and loose.
struct ListTests {
  /// `-`, `*` and `+` bullets; a change of bullet starts a new list.
  @Test func bulletMarkers() {
    let document = parse("- a\n- b\n* c\n+ d\n")
    let lists = document.blocks.compactMap(\.list)
    #expect(lists.map(\.items.count) == [2, 1, 1])
    #expect(lists.allSatisfy { !$0.isOrdered && $0.start == 1 })
  }

  /// Ordered lists with `1.` and `1)`, starting at any number.
  @Test func orderedMarkers() {
    let document = parse("3. three\n4. four\n\n1) one\n2) two\n")
    let lists = document.blocks.compactMap(\.list)
    #expect(lists.count == 2)
    #expect(lists[0].isOrdered && lists[0].start == 3 && lists[0].items.count == 2)
    #expect(lists[1].isOrdered && lists[1].start == 1 && lists[1].items.count == 2)
  }

  /// Only `1.` can interrupt a paragraph; `2.` after text is text.
  @Test func orderedListInterruptingParagraph() {
    #expect(parse("Steps:\n2. no\n").blocks.count == 1)
    #expect(parse("Steps:\n1. yes\n").blocks.count == 2)
  }

  /// Nesting with a tab (tab stop 4), with 2 and 4 spaces, and with a mix.
  @Test func nestingWithTabsAndSpaces() {
    #expect(tree("- a\n\t- tab\n  - two\n    - four\n \t- mixed\n") == """
      1:1 bullet list, tight
        1:1 item
          1:3 paragraph "a"
          2:2 bullet list, tight
            2:2 item
              2:4 paragraph "tab"
            3:3 item
              3:5 paragraph "two"
              4:5 bullet list, tight
                4:5 item
                  4:7 paragraph "four"
                5:3 item
                  5:5 paragraph "mixed"

      """)
  }

  /// A tab after the marker counts as the marker's spacing.
  @Test func tabAfterMarker() {
    let document = parse("-\tone\n-\ttwo\n")
    #expect(document.blocks[0].list?.items.count == 2)
    #expect(document.blocks[0].list?.items[0].blocks[0].paragraph?.content.plainText == "one")
  }

  /// Five levels deep.
  @Test func fiveLevels() {
    let text = "- 1\n  - 2\n    - 3\n      - 4\n        - 5\n"
    var depth = 0
    var blocks = parse(text).blocks
    while let list = blocks.first?.list {
      depth += 1
      blocks = list.items[0].blocks.filter { $0.list != nil }
    }
    #expect(depth == 5)
  }

  /// Blank lines between items make a loose list; none make a tight one.
  @Test func tightAndLoose() {
    #expect(parse("- a\n- b\n").blocks[0].list?.isTight == true)
    #expect(parse("- a\n\n- b\n").blocks[0].list?.isTight == false)
    #expect(parse("- a\n\n  more\n- b\n").blocks[0].list?.isTight == false)
  }

  /// Items hold headings, paragraphs, tables and code.
  @Test func itemsHoldBlocks() {
    let text = "- ## Title\n  text\n\n  | a | b |\n  |---|---|\n  | 1 | 2 |\n\n  ```\n  code\n  ```\n"
    let item = parse(text).blocks[0].list?.items[0]
    let kinds = item?.blocks.map { block -> String in
      switch block {
      case .heading: "heading"
      case .paragraph: "paragraph"
      case .table: "table"
      case .codeBlock: "code"
      default: "other"
      }
    }
    #expect(kinds == ["heading", "paragraph", "table", "code"])
    #expect(item?.blocks[2].table?.rows.first?.cells.map(\.content.plainText) == ["1", "2"])
  }

  /// An empty item and a list item right after a heading line.
  @Test func emptyItemAndListUnderHeading() {
    let document = parse("## H\n-\n- b\n")
    #expect(document.blocks[1].list?.items.map(\.blocks.isEmpty) == [true, false])
  }
}
