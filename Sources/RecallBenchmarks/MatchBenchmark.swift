import Foundation
import RecallCards
import RecallMarkdown

/// `recall-bench match`: how long pairing a note's stored cards with its new ones takes, on the
/// largest note of the corpus (`open-guides__og-aws/README.md`) and on every version of the edit
/// histories (`../shared/history`).
///
/// The largest note is paired twice: after a typo fixed in every heading at once (the note has
/// only `###` headings), so that no key is exact and every card goes through the weighed
/// assignment; and after a plain edit (one line added), the import's usual case. There is no
/// goal of its own: what users feel is the import's time (`recall-bench import`), where only
/// the cards of changed notes are paired.
enum MatchBenchmark {
  static let suite = BenchmarkSuite(name: "match") { try run() }

  static func run() throws {
    guard let shared = sharedFolder() else {
      print("match: skipped, ../shared is not beside the package")
      return
    }
    let url = shared.appendingPathComponent("corpus/open-guides__og-aws/README.md")
    let text = try String(contentsOf: url, encoding: .utf8)
    let before = cards(text)
    let everyHeading = cards(text.replacingOccurrences(of: "\n### ", with: "\n### x"))
    var paired = 0
    let renamed = bestSeconds(repeats: 5) {
      paired = CardMatching.pairs(stored: before, generated: everyHeading).count
    }
    print(
      String(
        format: "largest note, every heading renamed: %d × %d cards, %d paired in %.1f ms",
        before.count, everyHeading.count, paired, renamed * 1000))
    // One more bullet at the end: the keys stay, only the last section's answer changes.
    let edited = cards(text + "\n- one more line\n")
    let plain = bestSeconds(repeats: 5) { paired = CardMatching.pairs(stored: before, generated: edited).count }
    print(String(format: "largest note, unchanged keys: %d paired in %.1f ms", paired, plain * 1000))

    let histories = shared.appendingPathComponent("history")
    var transitions: [(stored: [Card], generated: [Card])] = []
    for folder in HistoryFolders.noteFolders(under: histories) {
      let versions = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        .filter { $0.hasSuffix(".md") }.sorted()
      let versionCards = try versions.map {
        cards(try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8))
      }
      for index in versionCards.indices.dropFirst() {
        transitions.append((versionCards[index - 1], versionCards[index]))
      }
    }
    let all = bestSeconds(repeats: 3) {
      for transition in transitions {
        _ = CardMatching.pairs(stored: transition.stored, generated: transition.generated)
      }
    }
    print(
      String(
        format: "edit histories: %d transitions paired in %.1f ms (%.2f ms each)",
        transitions.count, all * 1000, all * 1000 / Double(max(1, transitions.count))))
  }

  /// The cards of a note's text.
  private static func cards(_ text: String) -> [Card] {
    let document = MarkdownParser().parse(text, file: "note.md")
    return CardGenerator().generate(from: document, deck: "note.md", file: "note.md").cards
  }

  /// The folders of the edit histories: `history/<repository>/<note>/`.
  private enum HistoryFolders {
    static func noteFolders(under root: URL) -> [URL] {
      let manager = FileManager.default
      guard let repositories = try? manager.contentsOfDirectory(atPath: root.path) else { return [] }
      var found: [URL] = []
      for repository in repositories.sorted() {
        let folder = root.appendingPathComponent(repository)
        guard let notes = try? manager.contentsOfDirectory(atPath: folder.path) else { continue }
        for note in notes.sorted() {
          var isFolder: ObjCBool = false
          let url = folder.appendingPathComponent(note)
          if manager.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
            found.append(url)
          }
        }
      }
      return found
    }
  }
}
