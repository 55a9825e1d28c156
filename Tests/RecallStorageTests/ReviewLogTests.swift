import Foundation
import GRDB
import RecallCards
import RecallStorage
import RecallTestSupport
import Testing

/// The review log: appended with the card's new schedule, never changed, undone by a record.
struct ReviewLogTests {
  private let day = Date(timeIntervalSince1970: 1_800_000_000)

  private func storeWithOneCard() throws -> (Store, Int64) {
    let store = try Store.inMemory()
    try store.importNotes(
      [NoteSource(file: "/n/a.md", deck: "a.md", contents: .bytes(Array("ECS: containers\n".utf8)))],
      paths: [], extraction: ImportEngineTests.lines, now: day)
    return (store, try #require(try store.cards().first).id)
  }

  private func entry(_ cardID: Int64, at date: Date, before: CardSchedule, reps: Int) -> ReviewLogEntry {
    ReviewLogEntry(
      cardID: cardID, reviewedAt: date, rating: 3, quiz: "typed", answer: "containers", correct: true,
      durationMilliseconds: 2500, before: before,
      after: CardSchedule(
        state: .review, stability: 3.5 * Double(reps), difficulty: 4.9, due: date + 86_400 * Double(reps),
        lastReview: date, reps: reps))
  }

  @Test func reviewIsLoggedWithTheCardsNewSchedule() throws {
    let (store, cardID) = try storeWithOneCard()
    let first = entry(cardID, at: day + 60, before: .new, reps: 1)
    try store.recordReview(first)
    #expect(try store.reviews() == [first])
    #expect(try store.card(id: cardID)?.schedule == first.after)
    #expect(throws: StorageError.duplicateReview(id: first.id.uuidString)) { try store.recordReview(first) }
    #expect(throws: StorageError.cardNotFound(id: 999)) {
      try store.recordReview(entry(999, at: self.day, before: .new, reps: 1))
    }
  }

  @Test func undoKeepsTheReviewAndRestoresTheScheduleBefore() throws {
    let (store, cardID) = try storeWithOneCard()
    let first = entry(cardID, at: day + 60, before: .new, reps: 1)
    let second = entry(cardID, at: day + 90_000, before: first.after, reps: 2)
    try store.recordReview(first)
    try store.recordReview(second)
    #expect(throws: StorageError.self) { try store.undoReview(id: first.id, at: self.day + 90_100) }
    try store.undoReview(id: second.id, at: day + 90_100)
    #expect(try store.card(id: cardID)?.schedule == first.after)
    #expect(try store.reviews() == [first])
    #expect(try store.reviews(includingUndone: true) == [first, second])
    #expect(try store.reviewUndos().map(\.reviewID) == [second.id])
    try store.undoReview(id: first.id, at: day + 90_200)
    #expect(try store.card(id: cardID)?.schedule == .new)
    #expect(try store.reviewCount() == 2)
  }

  @Test func logRefusesChangesAndDeletionsInSQL() throws {
    let folder = try TestPaths.makeTemporaryFolder("recall-log")
    let path = folder.appendingPathComponent("recall.sqlite").path
    let store = try Store.open(at: path)
    try store.importNotes(
      [NoteSource(file: "/n/a.md", deck: "a.md", contents: .bytes(Array("ECS: containers\n".utf8)))],
      paths: [], extraction: ImportEngineTests.lines, now: day)
    let cardID = try #require(try store.cards().first).id
    try store.recordReview(entry(cardID, at: day, before: .new, reps: 1))
    let dbQueue = try DatabaseQueue(path: path)
    #expect(throws: DatabaseError.self) {
      try dbQueue.write { db in try db.execute(sql: "UPDATE review SET rating = 1") }
    }
    #expect(throws: DatabaseError.self) {
      try dbQueue.write { db in try db.execute(sql: "DELETE FROM review") }
    }
    // A card with reviews cannot be deleted either: the foreign key refuses.
    #expect(throws: DatabaseError.self) {
      try dbQueue.write { db in
        try db.execute(sql: "PRAGMA foreign_keys = ON")
        try db.execute(sql: "DELETE FROM card")
      }
    }
    #expect(try store.reviewCount() == 1)
  }
}
