import Foundation
import GRDB
import RecallCards
import RecallTestSupport
import Testing

@testable import RecallStorage

/// The `card.orientation` column (migration 0012): the store keeps the orientation a table card
/// was read with, and a database made before the column gets it without losing a card.
struct CardOrientationTests {
  static let day = Date(timeIntervalSince1970: 1_800_000_000)

  static func source(_ text: String) -> [NoteSource] {
    [NoteSource(file: "/n/net.md", deck: "net.md", contents: .bytes(Array(text.utf8)))]
  }

  /// The stored orientation of each active card, by key.
  static func orientations(_ store: Store) throws -> [String: TableOrientation?] {
    Dictionary(uniqueKeysWithValues: try store.cards(status: .active).map { ($0.card.key, $0.card.orientation) })
  }

  /// The generated cards' orientations, by key.
  static func generated(_ text: String) throws -> [String: TableOrientation?] {
    let cards = try CardExtraction.markdown.extract(Array(text.utf8), "/n/net.md", "net.md").cards
    return Dictionary(uniqueKeysWithValues: cards.map { ($0.key, $0.orientation) })
  }

  @Test func anImportKeepsEachTableCardsOrientationAndNoOtherCardHasOne() throws {
    let store = try Store.inMemory()
    _ = try store.importNotes(Self.source(TablesNote.text), paths: ["/n"], extraction: .markdown, now: Self.day)
    let stored = try Self.orientations(store)
    #expect(stored == (try Self.generated(TablesNote.text)))
    #expect(Set(stored.values.compactMap { $0 }) == [.thingsInRows, .thingsInColumns, .singleRecord])
    let term = stored.filter { $0.key.contains("TCP") }
    #expect(term.count == 2 && term.values.allSatisfy { $0 == nil })
  }

  @Test func aDatabaseFromBeforeTheColumnGetsItAndKeepsEveryCard() throws {
    let path = try TestPaths.makeTemporaryFolder("recall-orientation").appendingPathComponent("r.sqlite").path
    let earlier = SchemaMigration.embedded.filter { $0.identifier < "0012" }
    let before: [StoredCard]
    do {
      let old = try Store.open(at: path, options: StoreOptions(migrations: earlier))
      _ = try old.importNotes(Self.source(TablesNote.text), paths: ["/n"], extraction: .markdown, now: Self.day)
      before = try old.cards()
    }
    #expect(before.count > 10 && before.allSatisfy { $0.card.orientation == nil })

    let store = try Store.open(at: path)
    #expect(store.upgrade?.appliedMigrations.first == "0012_card_orientation")
    try store.read { db in
      #expect(try db.columns(in: "card").contains { $0.name == "orientation" && $0.type == "TEXT" })
      // ADD COLUMN kept migration 0011's triggers on the card table.
      let triggers = try String.fetchAll(
        db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'card' ORDER BY name")
      #expect(triggers == ["card_deletedNotNew", "card_startsNew"])
    }
    #expect(try store.cards() == before)

    // An unchanged note is not read again: nothing is written.
    let same = try store.importNotes(Self.source(TablesNote.text), paths: ["/n"], extraction: .markdown, now: Self.day + 60)
    #expect(same.unchangedNotes == 1 && same.changed == 0 && same.added == 0)
    #expect(try store.cards() == before)

    // The note's next edit gives its table cards their orientation; their ids and times stay.
    let edited = TablesNote.editedText
    let report = try store.importNotes(Self.source(edited), paths: ["/n"], extraction: .markdown, now: Self.day + 120)
    // The term and its reverse card changed.
    #expect(report.changed == 2 && report.added == 0 && report.retired == 0)
    #expect(try Self.orientations(store) == (try Self.generated(edited)))
    let after = Dictionary(uniqueKeysWithValues: try store.cards().map { ($0.id, $0) })
    for card in before where card.card.orientation == nil && !card.card.key.contains("TCP") {
      let now = try #require(after[card.id])
      #expect(now.updatedAt == card.updatedAt, "\(card.card.key)")
      #expect(now.card.key == card.card.key)
    }
  }

  @Test func aReimportWithChangesElsewhereWritesNoOrientationAgain() throws {
    let store = try Store.inMemory()
    _ = try store.importNotes(Self.source(TablesNote.text), paths: ["/n"], extraction: .markdown, now: Self.day)
    let before = try store.cards()
    let edited = TablesNote.editedText
    let report = try store.importNotes(Self.source(edited), paths: ["/n"], extraction: .markdown, now: Self.day + 60)
    #expect(report.changed == 2 && report.unchanged == before.count - 2)
    let after = Dictionary(uniqueKeysWithValues: try store.cards().map { ($0.id, $0) })
    for card in before where card.card.orientation != nil {
      #expect(after[card.id] == card, "\(card.card.key)")
    }
  }
}
