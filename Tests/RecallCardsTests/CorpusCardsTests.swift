import Foundation
import RecallCards
import RecallMarkdown
import RecallTestSupport
import Testing

/// Every note of `../shared/corpus`: no crash, a report, and no degenerate card.
struct CorpusCardsTests {
  /// Whether `../shared/corpus` is there; the corpus tests are skipped without it.
  static var hasCorpus: Bool { TestPaths.corpus != nil }

  /// The notes of `corpus` with their cards.
  static func corpusCards(_ corpus: URL) -> [(path: String, cards: NoteCards)] {
    let prefix = corpus.standardizedFileURL.path + "/"
    return TestPaths.markdownFiles(under: corpus).map { url in
      let path = url.standardizedFileURL.path.replacingOccurrences(of: prefix, with: "")
      let bytes = (try? Data(contentsOf: url)).map { [UInt8]($0) } ?? []
      let document: MarkdownDocument
      do {
        document = try MarkdownParser().parse(bytes, file: path)
      } catch {
        document = MarkdownParser().parse(String(decoding: bytes, as: UTF8.self), file: path)
      }
      return (path, CardGenerator().generate(from: document, deck: path, file: path))
    }
  }

  /// Why `card` is degenerate, or `nil` if it is fine.
  static func problem(with card: Card, among siblings: [Card]) -> String? {
    let plain = { (text: String) in text.lowercased().filter { !$0.isWhitespace } }
    if card.prompt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return "empty prompt" }
    if card.answer.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return "empty answer" }
    if plain(card.prompt) == plain(card.answer) { return "prompt equals answer" }
    if card.choices.count == 1 { return "a choice quiz with one choice" }
    if card.kind == .flowOrder {
      if card.choices.count < 2 { return "an ordering quiz with fewer than two steps" }
      if card.choices == card.answer.components(separatedBy: "\n") {
        return "steps to order given in order"
      }
    } else if !card.choices.isEmpty {
      let right = card.choices.filter { plain($0) == plain(card.answer) }
      if right.count != 1 {
        return
          "the right answer is \(right.isEmpty ? "missing from" : "repeated among") the choices"
      }
      if Set(card.choices.map(plain)).count != card.choices.count { return "repeated choices" }
    }
    if card.kind == .section {
      // A whole section is not the answer where a shorter anchor (a term or label) exists.
      let lines = Set(
        card.answer.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
      for other in siblings where other.kind == .term || other.kind == .label {
        guard other.context.starts(with: card.context) else { continue }
        let otherLines = other.answer.split(separator: "\n").map {
          $0.trimmingCharacters(in: .whitespaces)
        }
        if otherLines.allSatisfy(lines.contains) {
          return "section repeats the \(other.kind) '\(other.prompt)'"
        }
      }
    }
    return nil
  }

  @Test(.enabled(if: hasCorpus, "needs ../shared/corpus")) func everyCorpusNoteGivesCardsWithoutCrashingAndAReport() throws {
    let notes = Self.corpusCards(try #require(TestPaths.corpus))
    try #require(notes.count > 200)
    var totals: [CardKind: Int] = [:]
    var report =
      "cards per file (tableCell tableThing term definition flowStep flowOrder section label | stubs):\n"
    for (path, note) in notes {
      var counts: [CardKind: Int] = [:]
      for card in note.cards { counts[card.kind, default: 0] += 1 }
      for (kind, count) in counts { totals[kind, default: 0] += count }
      let row = CardKind.allCases.map { String(counts[$0] ?? 0) }.joined(separator: " ")
      report += "  \(note.cards.count)\t\(row) | \(note.stubs.count)\t\(path)\n"
    }
    let all = notes.reduce(0) { $0 + $1.cards.cards.count }
    let stubs = notes.reduce(0) { $0 + $1.cards.stubs.count }
    report += "totals: \(all) cards in \(notes.count) files, \(stubs) stubs; "
    report += CardKind.allCases.map { "\($0.rawValue) \(totals[$0] ?? 0)" }.joined(separator: ", ")
    print(report)
    #expect(all > 1000)
    for kind in CardKind.allCases {
      #expect((totals[kind] ?? 0) > 0, "no \(kind) card in the corpus")
    }
  }

  @Test(.enabled(if: hasCorpus, "needs ../shared/corpus")) func noCorpusCardIsDegenerate() throws {
    let notes = Self.corpusCards(try #require(TestPaths.corpus))
    var problems: [String] = []
    for (path, note) in notes {
      for card in note.cards {
        if let problem = Self.problem(with: card, among: note.cards) {
          problems.append("\(path):\(card.line): \(problem): \(card.prompt.prefix(80))")
        }
      }
      let keys = note.cards.map(\.key)
      if Set(keys).count != keys.count { problems.append("\(path): repeated keys") }
      var answers: [String: String] = [:]
      for card in note.cards {
        if let other = answers[card.prompt], other != card.answer {
          problems.append(
            "\(path):\(card.line): one prompt, two answers: \(card.prompt.prefix(80))")
        }
        answers[card.prompt] = card.answer
      }
    }
    #expect(
      problems.isEmpty,
      "\(problems.count) degenerate cards:\n\(problems.prefix(40).joined(separator: "\n"))")
  }

  /// The import relies on it (`CardExtraction.markdown` makes unique keys): no two cards of a
  /// note share a key, byte for byte.
  @Test(.enabled(if: hasCorpus, "needs ../shared/corpus")) func everyCorpusNotesKeysDifferByteForByte() throws {
    let notes = Self.corpusCards(try #require(TestPaths.corpus))
    var cards = 0
    for (path, note) in notes {
      let keys = note.cards.map { Array($0.key.utf8) }
      #expect(Set(keys).count == keys.count, "\(path)")
      cards += keys.count
    }
    #expect(cards > 1_000)
  }

  @Test(.enabled(if: hasCorpus, "needs ../shared/corpus")) func corpusGenerationIsDeterministic() throws {
    let first = Self.corpusCards(try #require(TestPaths.corpus))
    let second = Self.corpusCards(try #require(TestPaths.corpus))
    #expect(first.map(\.cards) == second.map(\.cards))
  }

  @Test func theDegenerateCheckCatchesDegenerateCards() {
    func card(
      _ kind: CardKind = .tableCell, prompt: String = "T › a?", answer: String = "x",
      choices: [String] = [], context: [String] = ["T"]
    ) -> Card {
      Card(
        key: "k", kind: kind, deck: "d", file: "d", line: 1, prompt: prompt, answer: answer,
        choices: choices, context: context, detail: nil, siblingGroup: "k", contentHash: "")
    }
    #expect(Self.problem(with: card(), among: []) == nil)
    #expect(Self.problem(with: card(prompt: " "), among: []) == "empty prompt")
    #expect(Self.problem(with: card(answer: ""), among: []) == "empty answer")
    #expect(Self.problem(with: card(prompt: "x", answer: "x"), among: []) == "prompt equals answer")
    #expect(Self.problem(with: card(choices: ["x"]), among: []) == "a choice quiz with one choice")
    #expect(Self.problem(with: card(choices: ["x", "y", "x"]), among: []) != nil)
    #expect(Self.problem(with: card(choices: ["y", "z"]), among: []) != nil)
    let label = card(.label, answer: "a long label answer", context: ["T"])
    #expect(
      Self.problem(with: card(.section, answer: "intro\na long label answer"), among: [label])
        != nil)
  }
}
