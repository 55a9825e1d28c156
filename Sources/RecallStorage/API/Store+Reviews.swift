import Foundation
import GRDB

extension Store {
  /// Appends an answer to the review log and sets the card's schedule to the state after it, in
  /// one transaction; with a leech rule, tags (and suspends) the card if the answer makes it a
  /// leech.
  ///
  /// - Returns: Whether the answer made the card a leech.
  /// - Throws: ``StorageError/cardNotFound(id:)``, ``StorageError/duplicateReview(id:)`` for an
  ///   answer its card already has (a review's UUID is made when it is answered, so the only
  ///   one it can repeat is its own, recorded again), or ``StorageError/invalidValue(_:)`` for a
  ///   rating outside 1...4 or a negative duration.
  @discardableResult
  public func recordReview(_ entry: StoredReview, leech: LeechRule? = nil) throws(StorageError) -> Bool {
    guard (1...4).contains(entry.rating) else {
      throw .invalidValue("A review's rating is 1 to 4; \(entry.rating) is not a rating.")
    }
    guard entry.durationMilliseconds >= 0 else {
      throw .invalidValue("A review's duration cannot be negative.")
    }
    return try write { db in
      guard try CardRecord.exists(db, key: entry.cardID) else {
        throw StorageError.cardNotFound(id: entry.cardID)
      }
      if try ReviewLog.isLogged(db, uid: entry.id, cardID: entry.cardID) {
        throw StorageError.duplicateReview(id: entry.id.uuidString)
      }
      let reviewID = try ReviewLog.append(db, entry)
      try CardScheduleRecord(cardId: entry.cardID, entry.after).save(db)
      guard let leech,
        leech.isLeech(lapsesBefore: entry.before.lapses, lapsesAfter: entry.after.lapses)
      else { return false }
      try tagLeech(
        db, cardID: entry.cardID, lapses: entry.after.lapses, reviewID: reviewID,
        suspend: leech.action == .suspend, at: entry.reviewedAt)
      return true
    }
  }

  /// Undoes an answer: records the undo in the log (the review itself stays), puts the card's
  /// schedule back to the state before it, and takes back the leech tag and suspension the
  /// answer gave.
  ///
  /// Only the last answer to a card that still counts can be undone; undo them one by one to go
  /// further back.
  public func undoReview(id: UUID, at date: Date) throws(StorageError) {
    try write { db in
      guard let (rowID, cardID) = try ReviewLog.findLatest(db, uid: id),
        let review = try ReviewLog.entry(db, id: rowID)
      else {
        throw StorageError.reviewNotFound(id: id.uuidString)
      }
      let latest = try Int64.fetchOne(
        db.cachedStatement(
          sql: """
            SELECT id FROM review WHERE cardId = ? AND id NOT IN (SELECT reviewId FROM reviewUndo)
            ORDER BY reviewedAt DESC, id DESC LIMIT 1
            """), arguments: [cardID])
      guard latest == rowID else {
        throw StorageError.invalidValue(
          "Only the last answer to a card can be undone, and review \(id.uuidString) is not the last "
            + "one that counts for its card.")
      }
      try ReviewUndoRecord(reviewId: rowID, undoneAt: Milliseconds.from(date)).insert(db)
      try CardScheduleRecord(cardId: cardID, review.before).save(db)
      try untagLeech(db, reviewID: rowID)
    }
  }

  /// The review log in time order: every review, or one card's.
  ///
  /// - Parameters:
  ///   - cardID: Only this card's reviews; `nil` for all.
  ///   - includingUndone: Whether undone reviews are listed too.
  public func reviews(cardID: Int64? = nil, includingUndone: Bool = false) throws(StorageError)
    -> [StoredReview]
  {
    var entries: [StoredReview] = []
    try forEachReview(cardID: cardID, includingUndone: includingUndone) { entries.append($0) }
    return entries
  }

  /// Calls `body` with each review in time order, without holding the whole log in memory: for
  /// figures computed in one pass over a large log.
  public func forEachReview(
    cardID: Int64? = nil, includingUndone: Bool = false,
    _ body: (StoredReview) throws -> Void
  ) throws(StorageError) {
    try read { db in
      try ReviewLog.forEach(db, cardID: cardID, includingUndone: includingUndone, body)
    }
  }

  /// The undone reviews, in the order they were undone.
  public func reviewUndos() throws(StorageError) -> [ReviewUndo] {
    try read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT review.uid, reviewUndo.undoneAt FROM reviewUndo JOIN review ON review.id = reviewUndo.reviewId
          ORDER BY reviewUndo.undoneAt, reviewUndo.reviewId
          """
      ).compactMap { row in
        guard let bytes: Data = row.value(0), let id = ReviewUID.id(bytes) else { return nil }
        return ReviewUndo(reviewID: id, undoneAt: Milliseconds.date(row.value(1) ?? 0))
      }
    }
  }

  /// The number of reviews in the log, undone ones included.
  public func reviewCount() throws(StorageError) -> Int {
    try read { db in try ReviewRecord.fetchCount(db) }
  }

  /// Sets a card's scheduling state without a review, for a state built directly (the review and
  /// the merge write schedules with their reviews instead).
  public func setSchedule(_ schedule: CardSchedule, cardID: Int64) throws(StorageError) {
    try write { db in
      guard try CardRecord.exists(db, key: cardID) else {
        throw StorageError.cardNotFound(id: cardID)
      }
      try CardScheduleRecord(cardId: cardID, schedule).save(db)
    }
  }
}
