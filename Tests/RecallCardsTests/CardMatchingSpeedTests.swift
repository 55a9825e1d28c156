import Foundation
import RecallCards
import RecallMarkdown
import RecallTestSupport
import Testing

/// Matching stays quick on the largest note of the corpus.
struct CardMatchingSpeedTests {
  @Test func theLargestCorpusNoteMatchesQuickly() throws {
    guard let corpus = TestPaths.corpus else {
      print("CardMatchingSpeedTests: ../shared/corpus is absent; skipping.")
      return
    }
    let url = corpus.appendingPathComponent("open-guides__og-aws/README.md")
    let text = try String(contentsOf: url, encoding: .utf8)
    let before = SeedNote.cards(of: text, deck: "aws/README.md").cards
    // Renamed, and a typo fixed in every second-level heading at once: nothing is exact.
    let after = SeedNote.cards(
      of: text.replacingOccurrences(of: "\n## ", with: "\n## x"), deck: "guide.md"
    ).cards
    let clock = ContinuousClock()
    var found: [(stored: Int, generated: Int)] = []
    let elapsed = clock.measure { found = CardMatching.pairs(stored: before, generated: after) }
    print("CardMatchingSpeedTests: \(before.count) × \(after.count) cards paired in \(elapsed)")
    #expect(found.count > before.count * 9 / 10)
    #expect(elapsed < .seconds(3))
  }
}
