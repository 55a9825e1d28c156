import Foundation
import RecallCards
import RecallMarkdown
import RecallStorage

/// `recall-bench cards-defects`: every note of `../shared/corpus` and the seed turned into cards,
/// and the cards counted per ``CardDefect`` class, with a few examples of each.
///
/// Goal: 0 in every class, except the named exceptions the README's "How notes become cards"
/// lists. It measures quality, not speed, so a debug build will do:
/// `swift run recall-bench cards-defects`.
enum CardDefectsBenchmark {
  static let suite = BenchmarkSuite(name: "cards-defects", runsByDefault: false) { try run() }

  /// How many examples of each class are printed.
  static let examples = 8

  static func run() throws {
    guard let shared = sharedFolder() else {
      print("cards-defects: skipped, ../shared is not beside the package")
      return
    }
    var paths = [shared.appendingPathComponent("corpus").path]
    let seed = shared.appendingPathComponent("seed")
    if FileManager.default.fileExists(atPath: seed.path) { paths.append(seed.path) }
    let search = NoteSearch(paths: paths)
    var counts: [CardDefect: Int] = [:]
    var kinds: [CardDefect: [CardKind: Int]] = [:]
    var shown: [CardDefect: [String]] = [:]
    var cards = 0
    var notes = 0
    var perKind: [CardKind: Int] = [:]
    for source in search.sources {
      let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: source.file)))
      guard let document = try? MarkdownParser().parse(bytes, file: source.file) else { continue }
      let deck = CardGenerator().generate(from: document, deck: source.deck, file: source.file)
        .cards
      notes += 1
      cards += deck.count
      for card in deck { perKind[card.kind, default: 0] += 1 }
      for (index, defects) in CardDefects.find(in: deck).sorted(by: { $0.key < $1.key }) {
        for defect in defects {
          counts[defect, default: 0] += 1
          kinds[defect, default: [:]][deck[index].kind, default: 0] += 1
          if shown[defect, default: []].count < examples {
            let card = deck[index]
            let answer = card.answer.replacingOccurrences(of: "\n", with: " ⏎ ")
            shown[defect, default: []].append(
              "\(source.deck):\(card.line) [\(card.kind.rawValue)] \(card.prompt.prefix(90)) → \(answer.prefix(90))"
            )
          }
        }
      }
    }
    print("\(cards) cards from \(notes) notes: " + CardKind.allCases.map { "\($0.rawValue) \(perKind[$0] ?? 0)" }.joined(separator: ", "))
    print("")
    print("| defect | cards | goal | by kind |")
    print("|---|---:|---:|---|")
    for defect in CardDefect.allCases {
      let byKind = CardKind.allCases.compactMap { kind in
        kinds[defect]?[kind].map { "\(kind.rawValue) \($0)" }
      }.joined(separator: ", ")
      print("| \(defect.rawValue) | \(counts[defect] ?? 0) | 0 | \(byKind) |")
    }
    for defect in CardDefect.allCases where !(shown[defect] ?? []).isEmpty {
      print("")
      print("\(defect.rawValue), for example:")
      for line in shown[defect] ?? [] { print("  \(line)") }
    }
  }
}
