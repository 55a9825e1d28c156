import Foundation
import RecallScheduling
import GRDB

/// A merge of another log into the store, one review at a time, inside one transaction (see
/// ``Store/mergeLog(_:)``): reviews and undo records are added as they are read, then the log
/// is walked in time order (once for each card's first schedule, once to replay it) and the
/// schedules of the cards that got something new are set.
///
/// It holds no review in memory: the merged log is read with a cursor, so that a year of
/// reviews merges in little memory. It is valid only inside the body it is given to.
public struct LogMerge {
  private let db: Database
  /// What was added so far.
  public private(set) var report = ProgressMergeReport()
  /// The cards that got new reviews or undo records: the ones whose schedules must be set.
  public private(set) var rescheduled: Set<Int64> = []

  init(db: Database) {
    self.db = db
  }

  /// Adds a review of another log, matched by id: one already in the log is left as it is
  /// (never counted twice), provided it belongs to the same card.
  ///
  /// - Parameter writing: Whether to write the review now; `false` counts it and marks its
  ///   card only, for a review written later with the schedules a replay gives it
  ///   (``insert(_:)``).
  /// - Returns: The review as the store keeps it (times to the millisecond) if it is new.
  /// - Throws: ``StorageError/cardNotFound(id:)``, or ``StorageError/invalidValue(_:)`` for a
  ///   bad rating or duration, or a review already here for another card; or the database's
  ///   error.
  @discardableResult
  public mutating func add(_ entry: StoredReview, writing: Bool = true) throws -> StoredReview? {
    guard (1...4).contains(entry.rating) else {
      throw StorageError.invalidValue("The review \(entry.id.uuidString) has the rating \(entry.rating); a rating is 1 to 4.")
    }
    guard entry.durationMilliseconds >= 0 else {
      throw StorageError.invalidValue("The review \(entry.id.uuidString) has a negative duration.")
    }
    // Statements prepared once for the whole merge: a year of reviews asks these 100,000 times.
    let cardExists = try db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM card WHERE id = ?)")
    guard try Bool.fetchOne(cardExists, arguments: [entry.cardID]) == true else {
      throw StorageError.cardNotFound(id: entry.cardID)
    }
    if let existing = try ReviewLog.find(db, uid: entry.id)?.cardID {
      guard existing == entry.cardID else {
        throw StorageError.invalidValue(
          "The review \(entry.id.uuidString) is already in this database for another card; "
            + "the file and the database disagree, so nothing was merged.")
      }
      report.reviewsAlreadyPresent += 1
      return nil
    }
    let stored = ReviewRecord(entry).entry(before: CardScheduleRecord(cardId: entry.cardID, entry.before))
    if writing { try insert(stored) }
    rescheduled.insert(entry.cardID)
    report.reviewsAdded += 1
    return stored
  }

  /// Writes a review that ``add(_:writing:)`` counted without writing.
  public func insert(_ entry: StoredReview) throws {
    try ReviewLog.append(db, entry)
  }

  /// Adds an undo record once, for a review that is in the log.
  ///
  /// - Throws: ``StorageError/invalidValue(_:)`` if the review is not in the log.
  public mutating func addUndo(_ undo: ReviewUndo) throws {
    let id = undo.reviewID.uuidString
    guard let (rowID, cardID) = try ReviewLog.find(db, uid: undo.reviewID) else {
      throw StorageError.invalidValue(
        "The undo of review \(id) names a review that is neither in the file nor in this "
          + "database; nothing was merged.")
    }
    if try ReviewUndoRecord.exists(db, key: rowID) {
      report.undosAlreadyPresent += 1
      return
    }
    try ReviewUndoRecord(reviewId: rowID, undoneAt: Milliseconds.from(undo.undoneAt)).insert(db)
    rescheduled.insert(cardID)
    report.undosAdded += 1
  }

  /// Every card of the database as the replay sees it, with its schedule before the merge.
  public func cards() throws -> [ReplayCard] {
      try Row.fetchAll(
        db,
        sql: """
          SELECT card.id, card.noteId, card.siblingGroup, card.status, note.deck,
            card.id IN (SELECT cardId FROM cardSuspension) AS suspended, cardSchedule.*
          FROM card JOIN note ON note.id = card.noteId
          LEFT JOIN cardSchedule ON cardSchedule.cardId = card.id ORDER BY card.id
          """
      ).map { row in
        // A card without a schedule row was never reviewed.
        let hasSchedule = !((row["cardId"] as DatabaseValue?)?.isNull ?? true)
        let status: String = row[3]
        return ReplayCard(
          id: row.value(0) ?? 0, noteID: row.value(1) ?? 0, siblingGroup: row[2], deck: row[4],
          isActive: status == CardStatus.active.rawValue, isSuspended: row[5],
          schedule: hasSchedule ? CardScheduleRecord(row: row).schedule : .new)
      }
  }

  /// Calls `body` with each review that counts (undone ones left out), of every card, in time
  /// order, as the merge has left the log so far; one at a time, from a cursor.
  public func forEachReview(_ body: (StoredReview) throws -> Void) throws {
    try ReviewLog.forEach(db, cardID: nil, includingUndone: false, body)
  }

  /// The schedule before each card's first review that counts, by card id: where a replay of
  /// the merged log starts each card.
  public func firstSchedules() throws -> [Int64: CardSchedule] {
    var schedules: [Int64: CardSchedule] = [:]
    try forEachReview { review in
      if schedules[review.cardID] == nil { schedules[review.cardID] = review.before }
    }
    return schedules
  }

  /// Sets the schedule of a card the merge reschedules.
  public mutating func setSchedule(_ schedule: CardSchedule, cardID: Int64) throws {
    try CardScheduleRecord(cardId: cardID, schedule).save(db)
    report.cardsRescheduled += 1
  }
}

extension Store {
  /// Runs a merge of another log in one transaction: `body` adds reviews and undo records,
  /// walks the merged log and sets the schedules (``LogMerge``). An error thrown by `body` is
  /// thrown as it is (a ``StorageError`` for the database's), and nothing is written then.
  public func mergeLog<T>(_ body: (inout LogMerge) throws -> T) throws -> T {
    var failure: (any Error)?
    do {
      return try write { db in
        var merge = LogMerge(db: db)
        do {
          return try body(&merge)
        } catch {
          failure = error
          throw error
        }
      }
    } catch {
      // The merge's own errors as they are; the database's as the store names them.
      if let failure, !(failure is DatabaseError) { throw failure }
      throw error
    }
  }
}
