import Foundation
import RecallStorage
import RecallTestSupport
import Testing

/// Per-deck settings through the real binary: they hold in the plain review (each deck within
/// the global limits), and `config --deck` names only decks that exist, `x` and `x.md` as one.
@Suite(.serialized)
struct DeckSettingsTests {
  /// Two decks, `a.md` and `b.md`, of twelve glossary cards each, imported.
  static func twoDecks() throws -> RecallProcess {
    let recall = try RecallProcess("recall-deck-settings")
    let notes = recall.folder.appendingPathComponent("notes")
    try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
    for deck in ["a", "b"] {
      let terms = (1...12).map { "**\(deck.uppercased())term\($0):** meaning number \($0) of deck \(deck)\n" }
      try ("# Deck \(deck)\n\n" + terms.joined(separator: "\n")).write(
        to: notes.appendingPathComponent("\(deck).md"), atomically: true, encoding: .utf8)
    }
    let imported = try recall.run(["import", notes.path], now: ReviewCommandTests.moment(day: 0))
    #expect(imported.status == 0, "\(imported.stderr)")
    return recall
  }

  /// The decks of the new cards a run asked.
  static func newDecks(_ result: RecallProcess.Result, in store: Store) throws -> [String] {
    try result.events("asked").filter { $0.string("phase") == "new" }.compactMap { event in
      try event.int("card").flatMap { try store.card(id: Int64($0)) }?.card.deck
    }
  }

  @Test func aDecksNewCardLimitHoldsInThePlainReview() throws {
    let recall = try Self.twoDecks()
    #expect(try recall.run(["config", "new-per-day", "8"]).status == 0)
    #expect(try recall.run(["config", "new-per-day", "2", "--deck", "a"]).status == 0)
    let result = try recall.run(
      ["--json"], now: ReviewCommandTests.moment(day: 0), input: ReviewCommandTests.lines("easy", 40))
    #expect(result.status == 0, "\(result.stderr)")
    let decks = try Self.newDecks(result, in: recall.store())
    #expect(decks.filter { $0.hasSuffix("a.md") }.count == 2, "deck a's own limit: \(decks)")
    #expect(decks.count == 8, "the global limit still holds: \(decks)")
    // Later the same day, deck a has no room left, the others what the global limit leaves.
    let again = try recall.run(
      ["review", "--json"], now: ReviewCommandTests.moment(day: 0, hour: 15),
      input: ReviewCommandTests.lines("easy", 40))
    #expect(try Self.newDecks(again, in: recall.store()).isEmpty)
  }

  /// New cards take turns across notes: the first day is not one note's cards only; and the
  /// cards of one table row are not asked back to back.
  @Test func newCardsTakeTurnsAcrossNotesAndBlocks() throws {
    let recall = try Self.twoDecks()
    let tables = recall.folder.appendingPathComponent("tables")
    try FileManager.default.createDirectory(at: tables, withIntermediateDirectories: true)
    try """
      # Services

      | Service | Kind | Price |
      |---|---|---|
      | ECS | containers on AWS | per task |
      | Lambda | functions without servers | per call |
      | S3 | objects in buckets | per gigabyte |

      """.write(to: tables.appendingPathComponent("c.md"), atomically: true, encoding: .utf8)
    #expect(try recall.run(["import", tables.path], now: ReviewCommandTests.moment(day: 0)).status == 0)
    #expect(try recall.run(["config", "new-per-day", "9"]).status == 0)
    let result = try recall.run(
      ["review", "--json", "--limit", "0"], now: ReviewCommandTests.moment(day: 0),
      input: ReviewCommandTests.lines("easy", 60))
    #expect(result.status == 0, "\(result.stderr)")
    let store = try recall.store()
    let asked = try result.events("asked").filter { $0.string("phase") == "new" }.compactMap { event in
      try event.int("card").flatMap { try store.card(id: Int64($0)) }
    }
    #expect(asked.count == 9, "--limit 0 is no limit: the whole daily limit is asked")
    #expect(Set(asked.prefix(3).map(\.card.deck)).count == 3, "the first three come from three notes: \(asked.map(\.card.deck))")
    let rows = asked.filter { $0.card.deck == "c.md" }.map(\.card.line)
    #expect(rows.count >= 2)
    for (first, second) in zip(asked, asked.dropFirst()) where first.card.deck == "c.md" && second.card.deck == "c.md" {
      #expect(first.card.line != second.card.line, "two cards of one table row back to back")
    }
  }

  @Test func aDecksDesiredRetentionSchedulesItsCardsInThePlainReview() throws {
    let recall = try Self.twoDecks()
    #expect(try recall.run(["config", "fuzz", "off"]).status == 0)
    #expect(try recall.run(["config", "new-per-day", "24"]).status == 0)
    #expect(try recall.run(["config", "desired-retention", "0.75", "--deck", "b.md"]).status == 0)
    let result = try recall.run(
      [], now: ReviewCommandTests.moment(day: 0), input: ReviewCommandTests.lines("easy", 60))
    #expect(result.status == 0, "\(result.stderr)")
    let cards = try recall.store().cards(deck: nil, status: .active)
    func dues(_ suffix: String) -> Set<Date> {
      Set(cards.filter { $0.card.deck.hasSuffix(suffix) && $0.schedule.state == .review }.compactMap(\.schedule.due))
    }
    let a = dues("a.md")
    let b = dues("b.md")
    #expect(!a.isEmpty && !b.isEmpty, "cards of both decks were answered")
    #expect(b.min()! > a.max()!, "a lower desired retention spaces deck b's cards further: \(a) \(b)")
  }

  @Test func configRefusesAnUnknownDeckAndTakesXAndXmdAsOne() throws {
    let recall = try Self.twoDecks()
    let before = try recall.store().settings()
    let typo = try recall.run(["config", "new-per-day", "3", "--deck", "c"])
    #expect(typo.status == 1)
    #expect(typo.stderr.contains("There is no deck 'c'. The decks are:"), "\(typo.stderr)")
    #expect(try recall.store().settings() == before, "nothing written")
    #expect(try recall.run(["config", "new-per-day", "3", "--deck", "a.md"]).status == 0)
    #expect(try recall.run(["config", "new-per-day", "4", "--deck", "a"]).status == 0)
    let stored = try recall.store().settings().filter { $0.key == "new-per-day" }
    #expect(stored.count == 1, "one value for the deck: \(stored)")
    #expect(stored.first?.value == "4")
    for spelling in ["a", "a.md"] {
      let shown = try recall.run(["config", "new-per-day", "--deck", spelling])
      #expect(shown.stdout.contains("new-per-day  4"), "\(spelling): \(shown.stdout)")
      #expect(shown.stdout.contains("(set for this deck)"))
    }
    let noDatabase = try RecallProcess("recall-deck-settings")
    let refused = try noDatabase.run(["config", "new-per-day", "3", "--deck", "a"])
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("no cards are stored yet"))
    #expect(!FileManager.default.fileExists(atPath: noDatabase.database))
  }
}
