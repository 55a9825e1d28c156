import Foundation
import GRDB
import RecallCards
import RecallTestSupport
import Testing

@testable import RecallStorage

/// The `newCard` table (migration 0011) that the review reads its new cards from: its triggers
/// keep it equal to the cards with no schedule or a schedule in the state 'new', through every
/// write, and the migration fills it from an existing database.
struct NewCardSetTests {
  static let day = Date(timeIntervalSince1970: 1_800_000_000)

  static func source(_ deck: String, _ text: String) -> NoteSource {
    NoteSource(file: "/n/\(deck)", deck: deck, contents: .bytes(Array(text.utf8)))
  }

  /// The new active cards as the queue reads them, and as the schedules say.
  static func newCards(_ store: Store) throws -> (read: Set<Int64>, scheduled: Set<Int64>) {
    let read = try store.reviewCandidates(deck: nil, dueBefore: day, newLimit: 1_000, now: day).new.map(\.id)
    let scheduled = try store.cards(status: .active).filter { $0.schedule.state == .new }.map(\.id)
    return (Set(read), Set(scheduled))
  }

  static func answer(_ store: Store, _ id: Int64, at date: Date) throws -> UUID {
    let card = try #require(try store.card(id: id))
    let entry = StoredReview(
      cardID: id, reviewedAt: date, rating: 3, quiz: "flip", durationMilliseconds: 900, before: card.schedule,
      after: CardSchedule(state: .learning, step: 0, stability: 1, difficulty: 5, due: date + 600, lastReview: date, reps: 1))
    try store.recordReview(entry)
    return entry.id
  }

  @Test func answersUndoResetRetiringAndRestoringKeepTheNewCardsTrue() throws {
    let store = try Store.inMemory()
    let terms = (1...6).map { "**T\($0):** meaning \($0)\n" }.joined(separator: "\n")
    _ = try store.importNotes([Self.source("a.md", "# A\n\n" + terms)], paths: ["/n"], extraction: .markdown, now: Self.day)
    var (read, scheduled) = try Self.newCards(store)
    #expect(read.count == 12 && read == scheduled)

    let ids = scheduled.sorted()
    let first = try Self.answer(store, ids[0], at: Self.day)
    _ = try Self.answer(store, ids[1], at: Self.day)
    (read, scheduled) = try Self.newCards(store)
    #expect(read == scheduled && !read.contains(ids[0]) && read.count == 10)

    // An undone first answer puts the card back among the new ones; a reset too.
    try store.undoReview(id: first, at: Self.day + 60)
    _ = try store.reset(cardIDs: [ids[1]], at: Self.day + 60)
    (read, scheduled) = try Self.newCards(store)
    #expect(read == scheduled && read.count == 12)

    // A card answered, then retired by an edit and restored, keeps its schedule: not new.
    let last = try #require(try store.cards().first { $0.card.key.contains("T6") })
    _ = try Self.answer(store, last.id, at: Self.day + 120)
    let five = (1...5).map { "**T\($0):** meaning \($0)\n" }.joined(separator: "\n")
    let retiring = try store.importNotes(
      [Self.source("a.md", "# A\n\n" + five)], paths: ["/n"], extraction: .markdown, now: Self.day + 180)
    #expect(retiring.retired == 2)
    (read, scheduled) = try Self.newCards(store)
    #expect(read == scheduled && read.count == 10)
    _ = try store.importNotes([Self.source("a.md", "# A\n\n" + terms)], paths: ["/n"], extraction: .markdown, now: Self.day + 240)
    (read, scheduled) = try Self.newCards(store)
    #expect(read == scheduled && !read.contains(last.id) && read.count == 11)
    #expect(try store.card(id: last.id)?.schedule.state == .learning)
  }

  @Test func theNewCardsAreReadFromTheirTableNotByWalkingEveryCard() throws {
    let store = try Store.inMemory()
    let sql = "EXPLAIN QUERY PLAN SELECT card.id " + Store.storedCardTables + " WHERE " + Store.newCardCondition
    let plan = try store.read { db in try String.fetchAll(db, sql: sql, adapter: SuffixRowAdapter(fromIndex: 3)) }
    #expect(plan.contains { $0.contains("SEARCH card USING INTEGER PRIMARY KEY") }, "\(plan)")
    #expect(!plan.contains { $0.contains("card_stats") || $0 == "SCAN card" }, "\(plan)")
  }

  @Test func theLastDaysReviewsAreReadByIdNotByWalkingEveryReview() throws {
    let store = try Store.inMemory()
    let sql = "EXPLAIN QUERY PLAN SELECT card.id " + Store.storedCardTables + " WHERE " + Store.listedReviewCondition
    let plan = try store.read { db in
      try String.fetchAll(db, sql: sql, arguments: ["[1,2,3]"], adapter: SuffixRowAdapter(fromIndex: 3))
    }
    #expect(plan.contains { $0.contains("SEARCH card USING INTEGER PRIMARY KEY") }, "\(plan)")
    #expect(!plan.contains { $0.contains("cardSchedule_state_due") || $0 == "SCAN card" }, "\(plan)")
  }

  @Test func theDueReviewsAreFoundInTheIndexesWithoutReadingACard() throws {
    let store = try Store.inMemory()
    let sql = "EXPLAIN QUERY PLAN " + Store.dueReviewsQuery(now: Self.day)
    let plan = try store.read { db in
      try String.fetchAll(db, sql: sql, arguments: [0, 10], adapter: SuffixRowAdapter(fromIndex: 3))
    }
    #expect(plan.contains { $0.contains("COVERING INDEX cardSchedule_state_due") }, "\(plan)")
    #expect(plan.contains { $0.contains("COVERING INDEX card_stats") }, "\(plan)")
    #expect(!plan.contains { $0.contains("INTEGER PRIMARY KEY") || $0.contains("TEMP B-TREE") }, "\(plan)")
  }

  @Test func theDueCountLeavesOutRetiredAndSuspendedCards() throws {
    let store = try Store.inMemory()
    let terms = (1...6).map { "**T\($0):** meaning \($0)\n" }.joined(separator: "\n")
    _ = try store.importNotes([Self.source("a.md", "# A\n\n" + terms)], paths: ["/n"], extraction: .markdown, now: Self.day)
    let ids = try store.cards().map(\.id).sorted()
    for id in ids.prefix(8) { _ = try Self.answer(store, id, at: Self.day) }
    let end = Self.day + 86_400
    #expect(try store.dueCount(before: end) == 8)
    #expect(try store.dueCount(before: Self.day + 60) == 0)
    _ = try store.suspend(cardIDs: [ids[0]], at: Self.day)
    let five = (1...5).map { "**T\($0):** meaning \($0)\n" }.joined(separator: "\n")
    _ = try store.importNotes([Self.source("a.md", "# A\n\n" + five)], paths: ["/n"], extraction: .markdown, now: Self.day)
    let retired = try store.cards(status: .retired).map(\.id)
    let expected = try store.cards(status: .active).filter {
      !$0.isSuspended && $0.schedule.state != .new && ($0.schedule.due ?? end) < end
    }.count
    #expect(expected == 8 - 1 - retired.filter { ids.prefix(8).contains($0) }.count)
    #expect(try store.dueCount(before: end) == expected)
    #expect(try store.dueCount(before: end, deck: "a.md") == expected)
  }

  @Test func theMigrationFillsTheTableFromADatabaseMadeBeforeIt() throws {
    let path = try TestPaths.makeTemporaryFolder("recall-new-cards").appendingPathComponent("r.sqlite").path
    var answered: Int64 = 0
    do {
      let before = try Store.open(
        at: path,
        options: StoreOptions(migrations: SchemaMigration.embedded.filter { $0.identifier < "0011" }))
      let terms = (1...4).map { "**T\($0):** meaning \($0)\n" }.joined(separator: "\n")
      _ = try before.importNotes([Self.source("a.md", "# A\n\n" + terms)], paths: ["/n"], extraction: .markdown, now: Self.day)
      answered = try #require(try before.cards().first?.id)
      _ = try Self.answer(before, answered, at: Self.day)
    }
    let store = try Store.open(at: path)
    #expect(store.upgrade?.appliedMigrations.contains { $0.hasPrefix("0011") } == true)
    let (read, scheduled) = try Self.newCards(store)
    #expect(read.count == 7 && read == scheduled && !read.contains(answered))
  }
}
