import Foundation
import RecallCards
import RecallMarkdown

/// The `matching` suite: pairing the cards of the corpus's largest note with those of the same
/// note renamed and with a typo fixed in every second-level heading, so that nothing pairs
/// exactly. Anchor: under 3 s (it was a timed test in `swift test` before).
enum MatchingBenchmark {
  /// The suite as registered in ``BenchmarkSuites/all``.
  static let suite = BenchmarkSuite(name: "matching") { try run() }

  static func run() throws {
    guard let shared = sharedFolder() else {
      print("matching: skipped, ../shared is absent (it holds the corpus)")
      return
    }
    let url = shared.appendingPathComponent("corpus/open-guides__og-aws/README.md")
    let text = try String(contentsOf: url, encoding: .utf8)
    func cards(_ text: String, deck: String) -> [Card] {
      CardGenerator().generate(from: MarkdownParser().parse(text, file: deck), deck: deck, file: deck).cards
    }
    let before = cards(text, deck: "aws/README.md")
    let after = cards(text.replacingOccurrences(of: "\n## ", with: "\n## x"), deck: "guide.md")
    var paired = 0
    let seconds = bestSeconds(repeats: 3) {
      paired = CardMatching.pairs(stored: before, generated: after).count
    }
    print(
      "\(before.count) × \(after.count) cards: \(paired) paired in \(String(format: "%.2f", seconds)) s "
        + "(anchor: under 3 s; \(seconds < 3 ? "within" : "OVER") it)")
  }
}
