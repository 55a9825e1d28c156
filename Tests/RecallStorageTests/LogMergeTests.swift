import Foundation
import GRDB
@testable import RecallStorage
import RecallTestSupport
import Testing

/// The merge of another log (``LogMerge``): where each card's replay starts, reviews listed
/// twice, and the connection as the merge leaves it.
struct LogMergeTests {
  private let day = Date(timeIntervalSince1970: 1_800_000_000)

  /// A store with three cards, imported on `day`, and their ids in order.
  func storeWithThreeCards(path: String? = nil) throws -> (Store, [Int64]) {
    let store = try path.map { try Store.open(at: $0) } ?? Store.inMemory()
    try store.importNotes(
      [NoteSource(file: "/n/a.md", deck: "a.md", contents: .bytes(Array("ECS: containers\nBVH: tree\nLOD: levels\n".utf8)))],
      paths: [], extraction: ImportEngineTests.lines, now: day)
    return (store, try store.cards().map(\.id).sorted())
  }

  /// An answer as ``ReviewLogTests`` makes them.
  private func entry(_ cardID: Int64, at date: Date, before: CardSchedule, reps: Int) -> StoredReview {
    ReviewLogTests().entry(cardID, at: date, before: before, reps: reps)
  }

  @Test func eachCardsReplayStartsFromTheScheduleBeforeItsFirstReviewThatCounts() throws {
    let (store, ids) = try storeWithThreeCards()
    // The first card: its first answer undone, then answered again from the schedule it had.
    let undone = entry(ids[0], at: day + 60, before: .new, reps: 1)
    try store.recordReview(undone)
    try store.undoReview(id: undone.id, at: day + 70)
    let again = entry(ids[0], at: day + 80, before: .new, reps: 1)
    try store.recordReview(again)
    // The second card: answered here, then a review from another machine merged before it,
    // from a schedule of its own (kept in a `reviewBefore` row).
    let here = entry(ids[1], at: day + 86_400, before: .new, reps: 1)
    try store.recordReview(here)
    let otherBefore = CardSchedule(state: .learning, step: 1, due: day, lastReview: day - 600, reps: 1)
    let merged = entry(ids[1], at: day + 3_600, before: otherBefore, reps: 2)
    // The third card: its only answer undone.
    let only = entry(ids[2], at: day + 90, before: .new, reps: 1)
    try store.recordReview(only)
    try store.undoReview(id: only.id, at: day + 100)

    let (found, walked) = try store.mergeLog { merge in
      try merge.add(merged)
      var walked: [Int64: CardSchedule] = [:]
      try merge.forEachReview { review in
        if walked[review.cardID] == nil { walked[review.cardID] = review.before }
      }
      return (try merge.firstSchedules(), walked)
    }
    #expect(found == [ids[0]: .new, ids[1]: otherBefore])
    // As a walk over the whole merged log finds them.
    #expect(found == walked)
  }

  @Test func aReviewListedTwiceInOneMergeOfAnswersIsAddedOnce() throws {
    let (store, ids) = try storeWithThreeCards()
    let answer = entry(ids[0], at: day + 60, before: .new, reps: 1)
    let report = try store.mergeAnswers([answer, answer]) { log in
      ReplayedLog(schedules: [ids[0]: answer.after])
    }
    #expect(report.reviewsAdded == 1)
    #expect(report.reviewsAlreadyPresent == 1)
    #expect(try store.reviews(includingUndone: true).map(\.id) == [answer.id])

    // The same id for another card: the file and the database disagree, nothing is written.
    let first = entry(ids[1], at: day + 120, before: .new, reps: 1)
    var clash = entry(ids[2], at: day + 180, before: .new, reps: 1)
    clash.id = first.id
    #expect(throws: StorageError.self) {
      try store.mergeAnswers([first, clash]) { _ in ReplayedLog(schedules: [:]) }
    }
    #expect(try store.reviewCount() == 1)
  }

  @Test func aMergeLeavesTheConnectionsCacheAndTemporaryStoreAsTheyWere() throws {
    let folder = try TestPaths.makeTemporaryFolder("recall-log-merge")
    let (store, ids) = try storeWithThreeCards(path: folder.appendingPathComponent("a.sqlite").path)
    let settings = { try store.read { db in
      [try Int.fetchOne(db, sql: "PRAGMA cache_size"), try Int.fetchOne(db, sql: "PRAGMA temp_store")]
    } }
    let before = try settings()
    let review = entry(ids[0], at: day + 60, before: .new, reps: 1)
    _ = try store.mergeLog { merge in try merge.add(review) }
    #expect(try settings() == before)
    // A failed merge too, and it wrote nothing.
    #expect(throws: StorageError.self) {
      try store.mergeLog { merge in try merge.add(self.entry(999, at: self.day, before: .new, reps: 1)) }
    }
    #expect(try settings() == before)
    #expect(try store.reviewCount() == 1)
  }
}
