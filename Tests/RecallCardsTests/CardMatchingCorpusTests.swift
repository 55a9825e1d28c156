import Foundation
import RecallCards
import RecallMarkdown
import RecallTestSupport
import Testing

/// Matching on the largest note of the corpus; its speed is measured by `recall-bench matching`.
struct CardMatchingCorpusTests {
  @Test(.enabled(if: TestPaths.corpus != nil, "needs ../shared/corpus"))
  func theLargestCorpusNoteIsPairedAfterARenameAndHeadingTypos() throws {
    let corpus = try #require(TestPaths.corpus)
    let url = corpus.appendingPathComponent("open-guides__og-aws/README.md")
    let text = try String(contentsOf: url, encoding: .utf8)
    let before = SeedNote.cards(of: text, deck: "aws/README.md").cards
    // Renamed, and a typo fixed in every second-level heading at once: nothing is exact.
    let after = SeedNote.cards(
      of: text.replacingOccurrences(of: "\n## ", with: "\n## x"), deck: "guide.md"
    ).cards
    let found = CardMatching.pairs(stored: before, generated: after)
    #expect(found.count > before.count * 9 / 10)
  }
}
