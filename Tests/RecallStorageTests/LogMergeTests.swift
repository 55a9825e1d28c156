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

    let (found, walked, reviews, answers) = try store.mergeLog { merge in
      try merge.add(merged)
      var walked: [Int64: CardSchedule] = [:]
      var reviews: [StoredReview] = []
      try merge.forEachReview { review in
        if walked[review.cardID] == nil { walked[review.cardID] = review.before }
        reviews.append(review)
      }
      var answers: [LoggedAnswer] = []
      try merge.forEachAnswer { answers.append($0) }
      return (try merge.firstSchedules(), walked, reviews, answers)
    }
    #expect(found == [ids[0]: .new, ids[1]: otherBefore])
    // As a walk over the whole merged log finds them.
    #expect(found == walked)
    // The replay's lighter walk reads the same answers: undone ones left out, each schedule
    // before from its own row or the card's previous one.
    #expect(reviews.count == 3 && answers == reviews.map(LoggedAnswer.init))
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

  @Test func aLogThatRepeatsReviewsHereAddsEachReviewOnce() throws {
    let (store, ids) = try storeWithThreeCards()
    let first = entry(ids[0], at: day + 60, before: .new, reps: 1)
    let second = entry(ids[0], at: day + 86_400, before: first.after, reps: 2)
    let other = entry(ids[1], at: day + 120, before: .new, reps: 1)
    try store.recordReviews([first, second, other])
    try store.undoReview(id: second.id, at: day + 86_460)
    // Another device's log: the reviews here again (one undo among them), and new ones: one
    // with a UUID whose first 15 bytes are those of a review here, two whose first 15 bytes are
    // the same.
    let third = entry(ids[0], at: day + 2 * 86_400, before: first.after, reps: 2)
    var twin = entry(ids[2], at: day + 180, before: .new, reps: 1)
    twin.id = Self.id(first.id, lastByte: ~first.id.uuid.15)
    var thirdTwin = entry(ids[1], at: day + 2 * 86_400 + 30, before: other.after, reps: 2)
    thirdTwin.id = Self.id(third.id, lastByte: ~third.id.uuid.15)
    let log = [first, other, twin, second, third, thirdTwin]
    // The undo here, and one of a review the merge adds.
    let undos = [
      ReviewUndo(reviewID: second.id, undoneAt: day + 86_460), ReviewUndo(reviewID: third.id, undoneAt: day + 2 * 86_400 + 60),
    ]
    let schedules = { (log: MergedLog) in Dictionary(uniqueKeysWithValues: log.rescheduled.map { ($0, CardSchedule.new) }) }

    let report = try store.mergeProgress(reviews: log, undos: undos, reschedule: schedules)
    #expect(report.reviewsAdded == 3 && report.reviewsAlreadyPresent == 3)
    #expect(report.undosAdded == 1 && report.undosAlreadyPresent == 1)
    let merged = try store.reviews(includingUndone: true)
    #expect(merged.count == 6 && Set(merged.map(\.id)) == Set(log.map(\.id)))
    #expect(try store.reviewUndos().map(\.reviewID) == [second.id, third.id])

    // Merged again, nothing is new.
    let again = try store.mergeProgress(reviews: log, undos: undos, reschedule: schedules)
    #expect(again.reviewsAdded == 0 && again.reviewsAlreadyPresent == 6 && again.undosAlreadyPresent == 2)
    #expect(try store.reviews(includingUndone: true) == merged)

    // A review here listed for another card: the log and the database disagree, nothing is
    // written.
    var moved = other
    moved.cardID = ids[2]
    let fourth = entry(ids[1], at: day + 3 * 86_400, before: other.after, reps: 2)
    #expect(throws: StorageError.self) {
      try store.mergeProgress(reviews: [fourth, moved], undos: [], reschedule: schedules)
    }
    #expect(try store.reviews(includingUndone: true) == merged)
  }

  /// `id` with its last byte replaced: the same first 15 bytes.
  private static func id(_ id: UUID, lastByte: UInt8) -> UUID {
    var bytes = id.uuid
    bytes.15 = lastByte
    return UUID(uuid: bytes)
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

  /// The tables the per-row triggers keep, the log itself, and the triggers.
  private func triggerKept(_ store: Store) throws -> [[Row]] {
    try store.read { db in
      try ["reviewTally", "reviewOutOfOrder", "review", "reviewBefore", "reviewUndo"].map {
        try Row.fetchAll(db, sql: "SELECT * FROM \($0) ORDER BY rowid")
      } + [try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")]
    }
  }

  @Test func aMergeTalliesItsRowsAndMarksTheOrderAsThePerRowTriggersDo() throws {
    // Two stores alike: one merges, the other writes the same rows one by one, its triggers on.
    let (merging, ids) = try storeWithThreeCards()
    let (reference, _) = try storeWithThreeCards()
    let old = entry(ids[0], at: day + 86_400, before: .new, reps: 1)
    for store in [merging, reference] { try store.recordReview(old) }
    let later = entry(ids[1], at: day + 2 * 86_400, before: .new, reps: 1)
    // Alone in its quarter hour, and undone: the tally lists that quarter hour with nothing in it.
    let undone = entry(ids[1], at: day + 5 * 86_400, before: .new, reps: 2)
    let earlier = entry(ids[2], at: day + 3_600, before: .new, reps: 1)
    let undoUndone = ReviewUndo(reviewID: undone.id, undoneAt: day + 5 * 86_400 + 10)
    let undoOld = ReviewUndo(reviewID: old.id, undoneAt: day + 86_400 + 10)
    let merged = try merging.mergeLog { merge in
      try merge.add(later)
      try merge.add(undone)
      try merge.addUndo(undoUndone)
      try merge.add(earlier)
      try merge.addUndo(undoOld)
      return merge.report
    }
    #expect(merged.reviewsAdded == 3 && merged.undosAdded == 2)
    try reference.dbQueue.write { db in
      for review in [later, undone] { try ReviewLog.append(db, review) }
      for (review, undo) in [(undone, undoUndone)] + [(earlier, nil), (old, undoOld)] {
        if let undo {
          let row = try #require(try ReviewLog.findLatest(db, uid: review.id))
          try ReviewUndoRecord(reviewId: row.id, undoneAt: Milliseconds.from(undo.undoneAt)).insert(db)
        } else {
          try ReviewLog.append(db, review)
        }
      }
    }
    let kept = try triggerKept(merging)
    #expect(kept == (try triggerKept(reference)))
    #expect(kept[0].contains { $0["reviews"] == 0 } && kept[1].count == 1 && kept[5].count >= 2)

    // The triggers are back: an answer after the merge is tallied, and a failed merge
    // changes nothing.
    let next = entry(ids[2], at: day + 9 * 86_400, before: .new, reps: 2)
    for store in [merging, reference] { try store.recordReview(next) }
    #expect(throws: StorageError.self) {
      try merging.mergeLog { merge in
        try merge.add(self.entry(ids[0], at: self.day + 10 * 86_400, before: .new, reps: 2))
        try merge.add(self.entry(999, at: self.day, before: .new, reps: 1))
      }
    }
    #expect(try triggerKept(merging) == (try triggerKept(reference)))
  }
}
