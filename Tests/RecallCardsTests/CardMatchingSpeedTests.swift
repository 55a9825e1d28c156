import Foundation
import RecallCards
import RecallMarkdown
import RecallTestSupport
import Testing

/// The largest note of the corpus with every key changed at once still pairs nearly every card.
/// (How long it takes is measured by `recall-bench match`, not here.)
@Suite(.enabled(if: TestPaths.corpus != nil, "../shared/corpus is absent"))
struct CardMatchingSpeedTests {
  @Test func theLargestCorpusNoteWithEveryHeadingRenamedStillPairs() throws {
    let corpus = try #require(TestPaths.corpus)
    let url = corpus.appendingPathComponent("open-guides__og-aws/README.md")
    let text = try String(contentsOf: url, encoding: .utf8)
    let before = SeedNote.cards(of: text, deck: "aws/README.md").cards
    // Renamed, and a typo fixed in every heading at once (the note has only `###` headings):
    // no key is exact.
    let after = SeedNote.cards(
      of: text.replacingOccurrences(of: "\n### ", with: "\n### x"), deck: "guide.md"
    ).cards
    let found = CardMatching.pairs(stored: before, generated: after)
    #expect(found.count > before.count * 9 / 10)
    // Each card is paired with the card that asks and answers the same once the added letters
    // are removed. The question is taken after its headings: a heading that gives the answer
    // away is left out of the prompt, and with an `x` before it, it no longer does.
    let withoutX = { (card: Card) in
      let question = card.prompt.components(separatedBy: " › ").last ?? card.prompt
      return "\(card.kind) \(question) \(card.answer)".replacingOccurrences(of: "x", with: "")
    }
    let wrong = found.filter { withoutX(before[$0.stored]) != withoutX(after[$0.generated]) }
    #expect(wrong.isEmpty, "\(wrong.prefix(3).map { (before[$0.stored].prompt, after[$0.generated].prompt) })")
  }
}
