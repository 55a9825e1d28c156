import Foundation
import RecallScheduling
import GRDB

/// A merge of another log into the store, one review at a time, inside one transaction (see
/// ``Store/mergeLog(_:)``): reviews and undo records are added as they are read, then each
/// card's first schedule is found, the log walked once in time order to replay it, and the
/// schedules of the cards that got something new are set.
///
/// It holds no review in memory: the merged log is read with a cursor, so that a year of
/// reviews merges in little memory. What it keeps is what tells a review already here from a
/// new one: the UUIDs of the log's rows (``LoggedReviews``: 16 bytes a review, read once at
/// the first review added, and 8 bytes a review it writes), and the id and card of each review
/// counted but not written yet (``add(_:writing:)`` with `writing: false`, as an Anki import
/// does). It is valid only inside the body it is given to.
public struct LogMerge {
  private let db: Database
  /// What was added so far.
  public private(set) var report = ProgressMergeReport()
  /// The cards that got new reviews or undo records: the ones whose schedules must be set.
  public private(set) var rescheduled: Set<Int64> = []
  /// The cards found in the database so far: a year of reviews names each card many times.
  private var knownCards: Set<Int64> = []
  /// The log's reviews by UUID, as the merge found them and wrote them; read when first needed.
  private var logged: LoggedReviews?
  /// The reviews counted but not written yet (``add(_:writing:)`` with `writing: false`), by
  /// id, with their cards: the log cannot tell that one of them is listed again.
  private var unwritten: [UUID: Int64] = [:]
  /// Whether `review_card` is on (card, time): once a row went in out of time order.
  private var cardIndexByTime = false
  /// The statements of an append, prepared at the first row written and again once
  /// `review_card` changes.
  private var appendStatements: ReviewLog.AppendStatements?
  /// The triggers a merge leaves off while it writes (``begin()``), by name, with their text.
  private var triggersOff: [(name: String, sql: String)] = []
  /// The first review row the merge wrote that is not in the tally yet; `nil` before
  /// ``begin()``.
  private var untalliedFrom: Int64?
  /// The time of the log's last row (in milliseconds; `nil` for an empty log), read at the
  /// first row the merge writes: a row before it goes in out of time order.
  private var lastReviewedAt: Int64??

  init(db: Database) {
    self.db = db
  }

  /// The triggers that run for each review row written, which a merge replaces: the tally by
  /// one statement for all its rows (``finish()``), the mark of a log out of time order by the
  /// time of the last row, kept in memory (``insert(_:)``).
  static let perRowTriggers = ["review_tallied", "review_outOfOrder"]

  /// Leaves the per-row triggers off for the rows the merge writes: they are dropped in the
  /// merge's transaction and made again from their own text before it commits, so that no
  /// other connection sees them missing, and a merge that fails or is killed leaves them as
  /// they were.
  mutating func begin() throws {
    untalliedFrom = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) + 1 FROM review") ?? 1
    triggersOff = try Row.fetchAll(
      db,
      sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'review' AND name IN (?, ?)",
      arguments: StatementArguments(Self.perRowTriggers)
    ).map { ($0[0], $0[1]) }
    for trigger in triggersOff { try db.execute(sql: "DROP TRIGGER \(trigger.name)") }
  }

  /// Adds the rows the merge wrote to the tally as the trigger would have, and makes the
  /// triggers again.
  mutating func finish() throws {
    try tallyWrittenRows()
    for trigger in triggersOff { try db.execute(sql: trigger.sql) }
    triggersOff = []
  }

  private func isOff(_ trigger: String) -> Bool { triggersOff.contains { $0.name == trigger } }

  /// Adds the review rows written since the last call to the tally, as `review_tallied` adds
  /// each row (``tallyQuery``), if that trigger is off.
  private mutating func tallyWrittenRows() throws {
    guard let from = untalliedFrom, isOff("review_tallied") else { return }
    try db.execute(sql: Self.tallyQuery, arguments: [from])
    untalliedFrom = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) + 1 FROM review")
  }

  /// The tally of the review rows from an id on, summed per quarter hour as `review_tallied`
  /// adds one row (`Migrations/0013_review_log_in_time_order.sql`).
  static let tallyQuery = """
    INSERT INTO reviewTally (
      quarterHour, reviews, newCards, duration, youngReviews, youngPassed, matureReviews, maturePassed
    )
    SELECT reviewedAt / 900000, count(*), sum(countedAs = 0), sum(duration), sum(countedAs = 2),
      sum(countedAs = 2 AND rating > 1), sum(countedAs = 3), sum(countedAs = 3 AND rating > 1)
    FROM review WHERE id >= ?
    GROUP BY reviewedAt / 900000
    ON CONFLICT (quarterHour) DO UPDATE SET \(
      ["reviews", "newCards", "duration", "youngReviews", "youngPassed", "matureReviews", "maturePassed"]
        .map { "\($0) = \($0) + excluded.\($0)" }.joined(separator: ", "))
    """

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
    if !knownCards.contains(entry.cardID) {
      let cardExists = try db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM card WHERE id = ?)")
      guard try Bool.fetchOne(cardExists, arguments: [entry.cardID]) == true else {
        throw StorageError.cardNotFound(id: entry.cardID)
      }
      knownCards.insert(entry.cardID)
    }
    if let existing = try find(entry.id)?.cardID {
      guard existing == entry.cardID else {
        throw StorageError.invalidValue(
          "The review \(entry.id.uuidString) is already in this database for another card; "
            + "the file and the database disagree, so nothing was merged.")
      }
      report.reviewsAlreadyPresent += 1
      return nil
    }
    let stored = ReviewRecord(entry).entry(before: CardScheduleRecord(cardId: entry.cardID, entry.before))
    if writing {
      try insert(stored)
    } else {
      unwritten[entry.id] = entry.cardID
    }
    rescheduled.insert(entry.cardID)
    report.reviewsAdded += 1
    return stored
  }

  /// Writes a review that ``add(_:writing:)`` counted without writing.
  public mutating func insert(_ entry: StoredReview) throws {
    if logged == nil { logged = try LoggedReviews(db) }
    let marksOrder = !cardIndexByTime && isOff("review_outOfOrder")
    if marksOrder && lastReviewedAt == nil {
      lastReviewedAt = .some(try Int64.fetchOne(db, sql: "SELECT reviewedAt FROM review ORDER BY id DESC LIMIT 1"))
    }
    if appendStatements == nil { appendStatements = try ReviewLog.AppendStatements(db) }
    let rowID = try ReviewLog.append(
      db, entry, makingTimeIndex: false, knownOutOfOrder: cardIndexByTime, statements: appendStatements)
    if marksOrder {
      // As `review_outOfOrder` marks a row answered before the last one, outside a merge.
      let reviewedAt = Milliseconds.from(entry.reviewedAt)
      if let last = lastReviewedAt ?? nil, reviewedAt < last {
        try db.execute(sql: "INSERT OR IGNORE INTO reviewOutOfOrder (id, reviewId) VALUES (1, ?)", arguments: [rowID])
      }
      lastReviewedAt = .some(reviewedAt)
    }
    // Once the log is out of time order, the next rows' searches go through the card's rows
    // by time: the index on the card alone would make each sort them.
    if !cardIndexByTime {
      cardIndexByTime = try ReviewLog.makeCardTimeIndexIfNeeded(db)
      if cardIndexByTime { appendStatements = nil }
    }
    logged?.add(entry.id, id: rowID)
    unwritten[entry.id] = nil
  }

  /// The row (`nil` for a review counted, not written yet) and card of the review `uid`, if
  /// the log had it before the merge or the merge added it.
  private mutating func find(_ uid: UUID) throws -> (rowID: Int64?, cardID: Int64)? {
    if let cardID = unwritten[uid] { return (nil, cardID) }
    if logged == nil { logged = try LoggedReviews(db) }
    return try logged?.find(db, uid: uid).map { ($0.id, $0.cardID) }
  }

  /// Adds an undo record once, for a review that is in the log.
  ///
  /// - Throws: ``StorageError/invalidValue(_:)`` if the review is not in the log.
  public mutating func addUndo(_ undo: ReviewUndo) throws {
    let id = undo.reviewID.uuidString
    guard let review = try find(undo.reviewID), let rowID = review.rowID else {
      throw StorageError.invalidValue(
        "The undo of review \(id) names a review that is neither in the file nor in this "
          + "database; nothing was merged.")
    }
    if try ReviewUndoRecord.exists(db, key: rowID) {
      report.undosAlreadyPresent += 1
      return
    }
    // The undo's trigger takes its review out of the tally: a review the merge wrote goes in
    // first.
    if let untalliedFrom, rowID >= untalliedFrom { try tallyWrittenRows() }
    try ReviewUndoRecord(reviewId: rowID, undoneAt: Milliseconds.from(undo.undoneAt)).insert(db)
    rescheduled.insert(review.cardID)
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
    try ReviewLog.makeTimeIndexIfNeeded(db)
    try ReviewLog.forEach(db, cardID: nil, includingUndone: false, body)
  }

  /// Calls `body` with each answer that counts, as ``forEachReview(_:)`` gives them, with only
  /// what a replay of the log reads (``LoggedAnswer``).
  public func forEachAnswer(_ body: (LoggedAnswer) throws -> Void) throws {
    try ReviewLog.makeTimeIndexIfNeeded(db)
    try ReviewLog.forEachAnswer(db, body)
  }

  /// The schedule before each card's first review that counts, by card id: where a replay of
  /// the merged log starts each card.
  ///
  /// Each card's first review is found through the log's indexes, without reading the log.
  public func firstSchedules() throws -> [Int64: CardSchedule] {
    try ReviewLog.firstCountedBefore(db)
  }

  /// Sets the schedule of a card the merge reschedules.
  public mutating func setSchedule(_ schedule: CardSchedule, cardID: Int64) throws {
    try CardScheduleRecord(cardId: cardID, schedule).write(db)
    report.cardsRescheduled += 1
  }
}

extension Store {
  /// Runs a merge of another log in one transaction: `body` adds reviews and undo records,
  /// walks the merged log and sets the schedules (``LogMerge``). An error thrown by `body` is
  /// thrown as it is (a ``StorageError`` for the database's), and nothing is written then.
  public func mergeLog<T>(_ body: (inout LogMerge) throws -> T) throws -> T {
    if isReadOnly { throw readOnlyError }
    var failure: (any Error)?
    do {
      return try dbQueue.writeWithoutTransaction { db in
        // A statement that fires a trigger (an undo merged, a schedule set) makes SQLite keep a
        // statement journal (the pages the statement touched, to undo it alone): in memory, not
        // in a temporary file, that is a copy rather than file writes (~9 GB for a year of
        // reviews when every review fired the tally's trigger). And a cache that holds the pages a merge touches, so that SQLite does not
        // write them to the write-ahead log again and again before the commit (~800 MB).
        let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        try db.execute(sql: "PRAGMA temp_store = MEMORY")
        try db.execute(sql: "PRAGMA cache_size = -\(Self.mergeCacheKibibytes)")
        defer {
          try? db.execute(sql: "PRAGMA temp_store = DEFAULT")
          try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)")
        }
        var result: T?
        try db.inTransaction(.immediate) {
          var merge = LogMerge(db: db)
          do {
            try merge.begin()
            result = try body(&merge)
            try merge.finish()
            // The rows went in without the time index; it is made once, if they need it.
            try ReviewLog.makeTimeIndexIfNeeded(db)
          } catch {
            failure = error
            throw error
          }
          return .commit
        }
        guard let result else { throw StorageError.database(path: path, message: "The merge gave no result.") }
        return result
      }
    } catch {
      // The merge's own errors as they are; the database's as the store names them.
      if let failure, !(failure is DatabaseError) { throw failure }
      throw StorageError.from(error, path: path, busyTimeout: options.busyTimeout)
    }
  }

  /// The page cache of a merge, in kibibytes: the pages of the log's table and indexes that a
  /// year of reviews goes into (the default of 2 MiB holds about a tenth of them).
  static let mergeCacheKibibytes = 16_384
}

/// An answer of the log as a replay reads it: the card, when and how it was answered, and the
/// card's schedules before and after.
public struct LoggedAnswer: Hashable, Sendable {
  public var cardID: Int64
  public var reviewedAt: Date
  /// 1 again, 2 hard, 3 good, 4 easy.
  public var rating: Int
  public var before: CardSchedule
  public var after: CardSchedule

  /// An answer of card `cardID`.
  public init(cardID: Int64, reviewedAt: Date, rating: Int, before: CardSchedule, after: CardSchedule) {
    self.cardID = cardID
    self.reviewedAt = reviewedAt
    self.rating = rating
    self.before = before
    self.after = after
  }

  /// The answer of a review.
  public init(_ review: StoredReview) {
    self.init(
      cardID: review.cardID, reviewedAt: review.reviewedAt, rating: review.rating, before: review.before,
      after: review.after)
  }
}
