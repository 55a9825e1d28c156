import RecallMarkdown
import Testing

/// Block constructs, one behaviour per test.
struct BlockTests {
  /// ATX headings `#` to `######`, closing `#`s dropped, `#######` is text, `#5` is text.
  @Test func atxHeadings() {
    #expect(tree("# One\n## Two ##\n###### Six\n####### Seven\n#5 bolt\n") == """
      1:1 heading 1 "One"
      2:1 heading 2 "Two"
      3:1 heading 6 "Six"
      4:1 paragraph "####### Seven\\n#5 bolt"

      """)
  }

  /// Empty headings are kept: `#`, `## ##` and `##### <br>` have no text.
  @Test func emptyHeadings() {
    let document = parse("#\n## ##\n##### <br>\n### Task Definition\n")
    let headings = document.blocks.compactMap(\.heading)
    #expect(headings.map(\.level) == [1, 2, 5, 3])
    #expect(headings.map(\.content.isEmpty) == [true, true, true, false])
  }

  /// Setext headings: `===` is level 1, `---` level 2, over several lines.
  @Test func setextHeadings() {
    #expect(tree("Title\n=====\nSub\ntitle\n---\n") == """
      1:1 heading 1 "Title"
      3:1 heading 2 "Sub\\ntitle"

      """)
  }

  /// A `---` after a blank line is a thematic break, and `***`, `___` and `- - -` are too.
  @Test func thematicBreaks() {
    let document = parse("a\n\n---\n***\n___\n- - -\n")
    #expect(document.blocks.count == 5)
    #expect(document.blocks.dropFirst().allSatisfy { if case .thematicBreak = $0 { true } else { false } })
  }

  /// Fenced code keeps its content unparsed: a pipe table and a heading inside stay code.
  @Test func fencedCodeIsNeverParsed() {
    let document = parse("```swift\n| a | b |\n|---|---|\n# not a heading\n```\n~~~\n**x**\n~~~\n")
    let blocks = document.blocks.compactMap(\.code)
    #expect(blocks.count == 2)
    #expect(blocks[0].info == "swift")
    #expect(blocks[0].text == "| a | b |\n|---|---|\n# not a heading\n")
    #expect(blocks[0].isFenced)
    #expect(blocks[1].text == "**x**\n")
  }

  /// An unclosed fence runs to the end of the file.
  @Test func unclosedFence() {
    let document = parse("```\ncode\n\nmore")
    #expect(document.blocks.count == 1)
    #expect(document.blocks[0].code?.text == "code\n\nmore\n")
  }

  /// Indented code (4 spaces or a tab) after a blank line, trailing blank lines dropped.
  @Test func indentedCode() {
    let document = parse("text\n\n    let x = 1\n\tlet y = 2\n\n")
    let code = document.blocks[1].code
    #expect(code?.isFenced == false)
    #expect(code?.text == "let x = 1\nlet y = 2\n")
  }

  /// Block quotes nest and hold headings and lists; lazy lines continue their paragraph.
  @Test func blockQuotes() {
    #expect(tree("> # Title\n> - a\n>> deep\nlazy\n") == """
      1:1 block quote
        1:3 heading 1 "Title"
        2:3 bullet list, tight
          2:3 item
            2:5 paragraph "a"
        3:2 block quote
          3:4 paragraph "deep\\nlazy"

      """)
  }

  /// HTML blocks: comments, `<details>`, `<img>` lines, and `<br>`-only lines after a blank.
  @Test func htmlBlocks() {
    let document = parse(
      "<!-- orientation: rows -->\n\n<details>\n<summary>More</summary>\n</details>\n\n<img src=\"a.png\">\n\ntext\n<br>\nmore\n")
    #expect(document.blocks.compactMap(\.html).map(\.html) == [
      "<!-- orientation: rows -->", "<details>\n<summary>More</summary>\n</details>",
      "<img src=\"a.png\">",
    ])
    // A `<br>` line right after text continues the paragraph as a line break.
    #expect(document.blocks.last?.paragraph?.content.lines == ["text", "more"])
  }

  /// Deviation: a `<br>` line after a blank line does not swallow the heading after it.
  @Test func breakLineDoesNotSwallowHeading() {
    let text = "- a\n\n<br>\n## Next\ntext\n"
    let recall = parse(text)
    #expect(recall.blocks.compactMap(\.heading).map(\.content.plainText) == ["Next"])
    #expect(recall.blocks[1].html?.html == "<br>")
    // GitHub (cmark-gfm) swallows the heading into the HTML block.
    let github = parse(text, options: .gitHub)
    #expect(github.blocks.compactMap(\.heading).isEmpty)
    #expect(github.blocks[1].html?.html == "<br>\n## Next\ntext")
  }

  /// Several `<br>` lines in a row stay one HTML block.
  @Test func consecutiveBreakLines() {
    let document = parse("a\n\n<br>\n<br/>\n# H\n")
    #expect(document.blocks[1].html?.html == "<br>\n<br/>")
    #expect(document.blocks[2].heading?.level == 1)
  }

  /// YAML front matter is metadata, not a thematic break and a setext heading.
  @Test func frontMatter() {
    let document = parse("---\ntitle: \"ECS\"\ntags: [aws]\n---\n# Heading\n")
    #expect(document.frontMatter?.value(for: "title") == "ECS")
    #expect(document.frontMatter?.location == Location(line: 1, column: 1))
    #expect(document.blocks.count == 1)
    #expect(document.blocks[0].heading?.location == Location(line: 5, column: 1))
    // GitHub reads it as a thematic break and a setext heading.
    let github = parse("---\ntitle: x\n---\n", options: .gitHub)
    #expect(github.frontMatter == nil)
    #expect(github.blocks.count == 2)
  }

  /// Front matter without a closing fence is not front matter.
  @Test func unclosedFrontMatter() {
    let document = parse("---\ntitle: x\n")
    #expect(document.frontMatter == nil)
  }

  /// Link reference definitions vanish from the tree and resolve reference links.
  @Test func linkReferenceDefinitions() {
    let document = parse("[aws]: https://aws.amazon.com \"AWS\"\n\nSee [the site][aws] or [aws].\n")
    #expect(document.blocks.count == 1)
    guard case .link(let text, let destination)? = document.blocks[0].paragraph?.content.nodes[1] else {
      Issue.record("no link: \(document.blocks)")
      return
    }
    #expect(text == [.text("the site")])
    #expect(destination == "https://aws.amazon.com")
  }
}
