import RecallMarkdown
import Testing

/// Inline markup in paragraphs.
struct InlineTests {
  private func inline(_ text: String, options: MarkdownParser.Options = .init()) -> InlineText {
    parse(text, options: options).blocks.first?.paragraph?.content ?? InlineText([])
  }

  /// `**x**` and `__x__` are strong; `*x*` and `_x_` emphasis; intraword `_` is text.
  @Test func strongAndEmphasis() {
    #expect(inline("**a** and __b__ and *c* and _d_").nodes == [
      .strong([.text("a")]), .text(" and "), .strong([.text("b")]), .text(" and "),
      .emphasis([.text("c")]), .text(" and "), .emphasis([.text("d")]),
    ])
    #expect(inline("snake_case_name").nodes == [.text("snake_case_name")])
  }

  /// Deviation: bold glued to Korean particles counts as bold, although GitHub disagrees.
  @Test func boldGluedToKoreanParticles() {
    let text = "**정적 컨텐츠(S3)**를 캐싱하고 **'실시간 대응'**이 필요하다"
    #expect(inline(text).strongTexts == ["정적 컨텐츠(S3)", "'실시간 대응'"])
    #expect(inline(text, options: .gitHub).strongTexts.isEmpty)
    // Plain Hangul on both sides was bold for GitHub already.
    #expect(inline("**정적 컨텐츠**를", options: .gitHub).strongTexts == ["정적 컨텐츠"])
  }

  /// Bold glued to CJK text pairs up as written.
  @Test func boldGluedToChinese() {
    let text = "两种模式: **故障切换（fail-over）**和**复制（replication）**。"
    #expect(inline(text).strongTexts == ["故障切换（fail-over）", "复制（replication）"])
  }

  /// Bold labels: `**A:** x` lines joined by `<br>` are one paragraph with one line each.
  @Test func boldLabelsWithBreaks() {
    let content = inline("**A:** x\n<br>\n**B:** y\n**Disadvantage(s):**")
    #expect(content.strongTexts == ["A:", "B:", "Disadvantage(s):"])
    #expect(content.lines == ["A: x", "B: y", "Disadvantage(s):"])
  }

  /// Code spans are literal and strip one surrounding space.
  @Test func codeSpans() {
    #expect(inline("use `` a `b` c `` and `**x**`").nodes == [
      .text("use "), .code("a `b` c"), .text(" and "), .code("**x**"),
    ])
    #expect(inline("an `unclosed span").plainText == "an `unclosed span")
  }

  /// Links keep their text, images their alt text, autolinks their address.
  @Test func linksImagesAutolinks() {
    let content = inline("[AWS](https://aws.amazon.com \"t\") ![diagram](a.png) <https://x.io> <me@x.io>")
    #expect(content.plainText == "AWS diagram https://x.io me@x.io")
    #expect(content.nodes[0] == .link(text: [.text("AWS")], destination: "https://aws.amazon.com"))
    #expect(content.nodes[2] == .image(alt: "diagram", source: "a.png"))
    #expect(content.nodes[6] == .link(text: [.text("me@x.io")], destination: "mailto:me@x.io"))
  }

  /// Inline HTML: tags go from the plain text, `<br>` in every spelling is a line break.
  @Test func inlineHTML() {
    let content = inline("press <kbd>Ctrl</kbd> now<br>next<BR/>last</br>end")
    #expect(content.plainText == "press Ctrl now\nnext\nlast\nend")
    #expect(content.nodes.contains(.html("<kbd>")))
    #expect(content.nodes.filter { $0 == .lineBreak }.count == 3)
  }

  /// Hard breaks: two trailing spaces or a backslash; a plain line end is a soft break.
  @Test func hardAndSoftBreaks() {
    #expect(inline("a  \nb\\\nc\nd").nodes == [
      .text("a"), .lineBreak, .text("b"), .lineBreak, .text("c"), .softBreak, .text("d"),
    ])
  }

  /// Backslash escapes and entities.
  @Test func escapesAndEntities() {
    #expect(inline("\\*not\\* &amp; &lt;b&gt; &#44033; &#xAC00; &nbsp;x &bogus;").plainText
      == "*not* & <b> 각 가 \u{00A0}x &bogus;")
  }

  /// Every HTML5 named entity decodes, as CommonMark asks (the spec's own examples), including
  /// the long names and those of two code points; an unknown name stays text.
  @Test func everyHTML5NamedEntity() {
    #expect(inline("x&nbsp; &amp; &copy; &AElig; &Dcaron; &frac34; &HilbertSpace; &DifferentialD;").plainText
      == "x\u{00A0} & © Æ Ď ¾ ℋ ⅆ")
    #expect(inline("&ClockwiseContourIntegral; &ngE; &CounterClockwiseContourIntegral;").plainText
      == "∲ ≧̸ ∳")
    #expect(inline("&MadeUpEntity; &amp &copy").plainText == "&MadeUpEntity; &amp &copy")
    #expect(inline("a&Tab;|&hearts;|&fjlig;").plainText == "a\t|♥|fj")
  }

  /// `~~x~~` is strikethrough; a single `~` is a range, not markup.
  @Test func strikethrough() {
    #expect(inline("~~old~~ 10~20 ~x~").nodes == [
      .strikethrough([.text("old")]), .text(" 10~20 ~x~"),
    ])
    #expect(inline("~~old~~", options: .gitHub).nodes == [.text("~~old~~")])
  }

  /// Full-width colons and plain `- term : text` lines stay text.
  @Test func fullWidthColon() {
    #expect(inline("**용어**：설명").strongTexts == ["용어"])
  }
}
