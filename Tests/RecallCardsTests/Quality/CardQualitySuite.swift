import Foundation
import RecallCards
import RecallMarkdown
import RecallTestSupport
import Testing

/// What a careful learner expects of the cards of one real note of `../shared/corpus`.
///
/// Written by reading the note, not the generator's output: cards that must exist (a fragment
/// of the prompt and of the answer), text no card may show, which headings hold a numbered
/// list that is a sequence or a set, and how each table reads (a thing and one of its
/// attributes). The notes and their expectations are in ``CardQualityNotes``.
struct NoteExpectation: Sendable {
  /// One thing to check.
  enum Check: Sendable {
    /// A card whose prompt holds the first text and whose answer holds the second.
    case card(String, String)
    /// No card whose prompt or answer holds the text.
    case absent(String)
    /// The numbered list under the heading is asked in order (a flow).
    case sequence(String)
    /// The numbered list under the heading is a set: no flow card there.
    case set(String)
    /// A table cell asked as `thing › attribute?`, its answer holding the value: the table
    /// reads with that thing and that attribute.
    case table(thing: String, attribute: String, value: String)
    /// The tables under the heading read with the things along this axis: every table card
    /// there says so, and there is one.
    case orientation(String, TableOrientation)
  }

  /// The note's path under `../shared/corpus`.
  var path: String
  /// What to check.
  var checks: [Check]

  init(_ path: String, _ checks: [Check]) {
    self.path = path
    self.checks = checks
  }

  /// The checks of `cards` that fail, as sentences.
  func failures(in cards: [Card]) -> [String] {
    var failed: [String] = []
    for check in checks {
      switch check {
      case .card(let prompt, let answer):
        if !cards.contains(where: { $0.prompt.contains(prompt) && $0.answer.contains(answer) }) {
          failed.append("no card '\(prompt)' → '\(answer)'")
        }
      case .absent(let text):
        if let card = cards.first(where: { $0.prompt.contains(text) || $0.answer.contains(text) }) {
          failed.append("'\(text)' shows in \(card.kind) '\(card.prompt)'")
        }
      case .sequence(let heading):
        if !cards.contains(where: { $0.kind == .flowOrder && $0.context.last == heading }) {
          failed.append("the list under '\(heading)' is not asked in order")
        }
      case .set(let heading):
        if cards.contains(where: { $0.kind.isFlow && $0.context.last == heading }) {
          failed.append("the list under '\(heading)' is asked in order")
        }
      case .table(let thing, let attribute, let value):
        let prompt = "\(thing) › \(attribute)?"
        if !cards.contains(where: {
          $0.kind == .tableCell && $0.prompt.hasSuffix(prompt) && $0.answer.contains(value)
        }) {
          failed.append("no table card '\(prompt)' → '\(value)'")
        }
      case .orientation(let heading, let orientation):
        let found = cards.filter { $0.kind.isTable && $0.context.last == heading }
        if found.isEmpty || found.contains(where: { $0.orientation != orientation }) {
          let read = Set(found.compactMap { $0.orientation?.rawValue }).sorted()
          failed.append("the table under '\(heading)' is read \(read), not \(orientation.rawValue)")
        }
      }
    }
    return failed
  }
}

extension CardKind {
  /// Whether the card asks for order.
  var isFlow: Bool { self == .flowStep || self == .flowOrder }
  /// Whether the card comes from a table.
  var isTable: Bool { self == .tableCell || self == .tableThing }
}

/// The labelled card-quality suite: every note of ``CardQualityNotes/all`` against its
/// expectations.
@Suite(.enabled(if: TestPaths.corpus != nil, "needs ../shared/corpus"))
struct CardQualitySuite {
  /// The cards of the corpus note at `path`.
  static func cards(of path: String) throws -> [Card] {
    let url = try #require(TestPaths.corpus).appendingPathComponent(path)
    let bytes = [UInt8](try Data(contentsOf: url))
    let document = try MarkdownParser().parse(bytes, file: path)
    return CardGenerator().generate(from: document, deck: path, file: path).cards
  }

  @Test(arguments: CardQualityNotes.all.map(\.path))
  func noteMeetsItsExpectations(path: String) throws {
    let note = try #require(CardQualityNotes.all.first { $0.path == path })
    let failures = note.failures(in: try Self.cards(of: path))
    #expect(failures.isEmpty, "\(path):\n\(failures.joined(separator: "\n"))")
  }

  @Test func theSuiteCoversManyNotesAndExpectations() {
    let checks = CardQualityNotes.all.reduce(0) { $0 + $1.checks.count }
    print("card quality: \(CardQualityNotes.all.count) notes, \(checks) expectations")
    #expect(Set(CardQualityNotes.all.map(\.path)).count == CardQualityNotes.all.count)
    #expect(CardQualityNotes.all.count >= 40)
    #expect(checks >= 300)
  }
}

/// The suite's checks fail when the cards do not meet them.
struct NoteExpectationTests {
  let cards = [
    Card(
      key: "k", kind: .tableCell, deck: "d", file: "d", line: 1, prompt: "Web › Cookie › 저장위치?",
      answer: "Client", choices: [], context: ["Web"], detail: nil, siblingGroup: "k",
      contentHash: "", orientation: .thingsInRows),
    Card(
      key: "f", kind: .flowOrder, deck: "d", file: "d", line: 2, prompt: "DNS › 단계를 순서대로 놓으세요.",
      answer: "a\nb", choices: [], context: ["DNS"], detail: nil, siblingGroup: "f",
      contentHash: ""),
  ]

  @Test func metExpectationsGiveNoFailure() {
    let note = NoteExpectation(
      "x.md",
      [
        .card("Cookie › 저장위치?", "Client"), .absent("<br>"), .sequence("DNS"), .set("Web"),
        .table(thing: "Cookie", attribute: "저장위치", value: "Client"),
        .orientation("Web", .thingsInRows),
      ])
    #expect(note.failures(in: cards).isEmpty)
  }

  @Test func everyUnmetExpectationIsAFailure() {
    let note = NoteExpectation(
      "x.md",
      [
        .card("Session › 저장위치?", "Server"), .absent("Client"), .sequence("Web"), .set("DNS"),
        .table(thing: "저장위치", attribute: "Cookie", value: "Client"),
        .orientation("Web", .thingsInColumns), .orientation("DNS", .thingsInRows),
      ])
    #expect(note.failures(in: cards).count == 7)
  }
}
