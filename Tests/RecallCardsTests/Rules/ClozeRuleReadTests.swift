import RecallMarkdown
import Testing

@testable import RecallCards

/// ``ClozeRule``: bold names inside a line of prose.
struct ClozeRuleReadTests {
  func read(_ line: String) -> RuleSample {
    var sample = RuleSample("# Libraries\n\(line)\n")
    let paragraph = sample.paragraphs()[0]
    let text = InlineRendering.text(paragraph.content.nodes)
    ClozeRule.read(
      paragraph.content.nodes, line: text, at: 2, in: sample.place(), into: &sample.sink)
    return sample
  }

  @Test func aBoldNameInASentenceIsHiddenAndAsked() throws {
    let sample = read("그 중에서 **서드파티**는 프로그래밍을 도와주는 라이브러리를 만드는 외부 생산자를 뜻한다.")
    let card = try #require(sample.cards.first)
    #expect(card.kind == .definition)
    #expect(card.key == "Libraries › cloze › 서드파티")
    #expect(card.answer == "서드파티")
    #expect(card.prompt.contains(ClueMask.mark))
    #expect(!card.prompt.contains("서드파티"))
    #expect(sample.sink.terms.map(\.name) == ["서드파티"])
  }

  @Test func aLineThatLeadsIntoAListOrSaysTooLittleGivesNone() {
    #expect(read("The **cache** works as follows:").cards.isEmpty)
    #expect(read("Use **Redis** here.").cards.isEmpty)
  }

  @Test func aBoldLinkOrPhraseIsNoTerm() {
    let nodes = MarkdownParser().parse(
      "See **[Redis](https://redis.io)** for more on caching data.\n", file: "n.md")
    guard case .paragraph(let paragraph) = nodes.blocks.first else {
      Issue.record("no paragraph")
      return
    }
    #expect(ClozeRule.terms(in: paragraph.content.nodes, line: "").isEmpty)
  }
}
