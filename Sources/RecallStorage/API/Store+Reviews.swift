import Foundation
import GRDB

extension Store {
  /// Appends an answer to the review log and sets the card's schedule to the state after it, in
  /// one transaction; with a leech rule, tags (and suspends) the card if the answer makes it a
  /// leech.
  ///
  /// - Returns: Whether the answer made the card a leech.
  /// - Throws: ``StorageError/cardNotFound(id:)``, ``StorageError/duplicateReview(id:)``, or
  ///   ``StorageError/invalidValue(_:)`` for a rating outside 1...4 or a negative duration.
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
      if try ReviewRecord.exists(db, key: entry.id.uuidString) {
        throw StorageError.duplicateReview(id: entry.id.uuidString)
      }
      try ReviewRecord(entry).insert(db)
      try CardScheduleRecord(cardId: entry.cardID, entry.after).save(db)
      guard let leech,
        leech.isLeech(lapsesBefore: entry.before.lapses, lapsesAfter: entry.after.lapses)
      else { return false }
      try tagLeech(
        db, cardID: entry.cardID, lapses: entry.after.lapses, reviewID: entry.id.uuidString,
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
      guard let review = try ReviewRecord.fetchOne(db, key: id.uuidString) else {
        throw StorageError.reviewNotFound(id: id.uuidString)
      }
      let latest = try String.fetchOne(
        db,
        sql: """
          SELECT id FROM review WHERE cardId = ? AND id NOT IN (SELECT reviewId FROM reviewUndo)
          ORDER BY reviewedAt DESC, rowid DESC LIMIT 1
          """, arguments: [review.cardId])
      guard latest == review.id else {
        throw StorageError.invalidValue(
          "Only the last answer to a card can be undone, and review \(review.id) is not the last "
            + "one that counts for its card.")
      }
      try ReviewUndoRecord(reviewId: review.id, undoneAt: Milliseconds.from(date)).insert(db)
      try CardScheduleRecord(cardId: review.cardId, review.entry.before).save(db)
      try untagLeech(db, reviewID: review.id)
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
    var conditions: [String] = []
    var arguments: StatementArguments = []
    if let cardID {
      conditions.append("cardId = ?")
      _ = arguments.append(contentsOf: [cardID])
    }
    if !includingUndone {
      conditions.append("id NOT IN (SELECT reviewId FROM reviewUndo)")
    }
    let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
    try read { db in
      let cursor = try ReviewRecord.fetchCursor(
        db, sql: "SELECT * FROM review \(filter) ORDER BY reviewedAt, rowid", arguments: arguments)
      while let record = try cursor.next() {
        try body(record.entry)
      }
    }
  }

  /// The undone reviews, in the order they were undone.
  public func reviewUndos() throws(StorageError) -> [ReviewUndo] {
    try read { db in
      try ReviewUndoRecord.order(ReviewUndoRecord.Columns.undoneAt).fetchAll(db).compactMap {
        guard let id = UUID(uuidString: $0.reviewId) else { return nil }
        return ReviewUndo(reviewID: id, undoneAt: Milliseconds.date($0.undoneAt))
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
