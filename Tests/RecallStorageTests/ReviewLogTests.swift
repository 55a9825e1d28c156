import Foundation
import GRDB
import RecallCards
import RecallStorage
import RecallTestSupport
import Testing

/// The review log: appended with the card's new schedule, never changed, undone by a record.
struct ReviewLogTests {
  private let day = Date(timeIntervalSince1970: 1_800_000_000)

  /// A store with one card, imported on `day`.
  func storeWithOneCard() throws -> (Store, Int64) {
    let store = try Store.inMemory()
    try store.importNotes(
      [NoteSource(file: "/n/a.md", deck: "a.md", contents: .bytes(Array("ECS: containers\n".utf8)))],
      paths: [], extraction: ImportEngineTests.lines, now: day)
    return (store, try #require(try store.cards().first).id)
  }

  /// An answer of `cardID` at `date` from `before`, giving it its `reps`-th review schedule.
  func entry(_ cardID: Int64, at date: Date, before: CardSchedule, reps: Int) -> StoredReview {
    StoredReview(
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

/// Merging one database's log into another, as `import-progress` does.
struct ReviewMergeTests {
  private let day = Date(timeIntervalSince1970: 1_800_000_000)
  private let note = "ECS: containers\nEKS: kubernetes\n"

  private func store() throws -> Store {
    let store = try Store.inMemory()
    try store.importNotes(
      [NoteSource(file: "/n/a.md", deck: "a.md", contents: .bytes(Array(note.utf8)))],
      paths: [], extraction: ImportEngineTests.lines, now: day)
    return store
  }

  @Test func reviewsAreMatchedByIDSoMergingTwiceAddsNothing() throws {
    let laptop = try store()
    let desktop = try store()
    for card in try laptop.cards() {
      try laptop.recordReview(
        StoredReview(
          cardID: card.id, reviewedAt: day + 60, rating: 4, quiz: "choice", answer: "1",
          correct: true, durationMilliseconds: 800, before: .new,
          after: CardSchedule(state: .review, stability: 8, difficulty: 3, due: day + 8 * 86_400, lastReview: day + 60, reps: 1)))
    }
    let last = try #require(try laptop.reviews().last)
    try laptop.undoReview(id: last.id, at: day + 70)

    // The desktop's cards have other ids and uids: map by key, as an export would carry it.
    let desktopIDs = Dictionary(uniqueKeysWithValues: try desktop.cards().map { ($0.card.key, $0.id) })
    let laptopKeys = Dictionary(uniqueKeysWithValues: try laptop.cards().map { ($0.id, $0.card.key) })
    let exported = try laptop.reviews(includingUndone: true).map { entry in
      var entry = entry
      entry.cardID = desktopIDs[laptopKeys[entry.cardID] ?? ""] ?? -1
      return entry
    }
    var logs: [MergedLog] = []
    let merge = {
      try desktop.mergeProgress(reviews: exported, undos: try laptop.reviewUndos()) { log in
        logs.append(log)
        return Dictionary(uniqueKeysWithValues: log.rescheduled.map { ($0, CardSchedule(state: .learning, due: self.day, reps: 9)) })
      }
    }
    let first = try merge()
    #expect(first.reviewsAdded == 2 && first.undosAdded == 1)
    #expect(first.cardsRescheduled == 2)
    let second = try merge()
    #expect(second.reviewsAdded == 0 && second.undosAdded == 0)
    #expect(second.reviewsAlreadyPresent == 2 && second.undosAlreadyPresent == 1)
    #expect(second.cardsRescheduled == 0)
    #expect(try desktop.reviews(includingUndone: true).map(\.id) == exported.map(\.id))
    #expect(try desktop.reviews().count == 1)
    // The replay is asked once, with the reviews that count and every card, and its schedules
    // are stored.
    let log = try #require(logs.first)
    #expect(logs.count == 1)
    #expect(log.reviews.map(\.id) == [exported[0].id])
    #expect(try log.cards.map(\.id) == desktop.cards().map(\.id).sorted())
    #expect(log.cards.allSatisfy { $0.schedule == .new && $0.isActive })
    #expect(Set(log.rescheduled) == Set(exported.map(\.cardID)))
    #expect(try desktop.cards().allSatisfy { $0.schedule.reps == 9 })
  }
}
