import Foundation
import GRDB

/// Reading and appending the compact review log (`Migrations/0010_compact_review_log.sql`): a
/// row holds an answer and the schedule after it; the schedule before is the card's previous
/// row's after, or a `reviewBefore` row where it is not. The rows' ids follow the time
/// (`Migrations/0013_review_log_in_time_order.sql`) until a row goes in out of order.
enum ReviewLog {
  /// The columns of a review (``ReviewRecord/selection``) with its `reviewBefore` row's
  /// (``ReviewBeforeRecord/selection``, from column ``beforeOffset`` on; NULL where it has none).
  static let columns = "\(ReviewRecord.selection), \(ReviewBeforeRecord.selection)"
  /// The column of ``columns`` where the `reviewBefore` row's begin.
  static let beforeOffset = ReviewRecord.selectionCount
  /// The tables of ``columns``.
  static let source = "FROM review LEFT JOIN reviewBefore ON reviewBefore.reviewId = review.id"

  /// The schedule after the card's last row answered at or before a time (`cardId`,
  /// `reviewedAt`), as ``ReviewRecord/after(row:cardId:)`` reads it.
  static let lastRowUntilQuery = """
    SELECT \(ReviewRecord.afterSelection) FROM review WHERE cardId = ? AND reviewedAt <= ?
    ORDER BY reviewedAt DESC, id DESC LIMIT 1
    """
  /// The card's first row answered after a time, and whether it has a `reviewBefore` row.
  static let firstRowAfterQuery = """
    SELECT review.id, reviewBefore.reviewId IS NOT NULL \(source)
    WHERE review.cardId = ? AND review.reviewedAt > ? ORDER BY review.reviewedAt, review.id LIMIT 1
    """
  /// Whether the card has a row of a UUID's 16 bytes (`cardId`, `uid`): a search through the
  /// card's rows (the index `review_card`), whatever the log's size.
  static let isInCardQuery = "SELECT 1 FROM review WHERE cardId = ? AND uid = ? LIMIT 1"
  /// Whether a row went in out of time order.
  static let isOutOfOrderQuery = "SELECT EXISTS (SELECT 1 FROM reviewOutOfOrder)"
  /// The index on the time that the readers use once a row went in out of time order.
  static let timeIndex = "review_reviewedAt"
  /// The statements an answer reads the log with, each a search through an index, whatever the
  /// log's size.
  static var answerQueries: [String] { [lastRowUntilQuery, firstRowAfterQuery, isInCardQuery] }

  /// Appends `entry`, keeping every schedule before, its own and the following row's, as it
  /// reads now: with prepared statements and a few index lookups, whatever the log's size.
  ///
  /// - Parameter makingTimeIndex: Whether to create the time index if the row goes in out of
  ///   time order; `false` leaves that to the caller (a merge creates it once, after its rows,
  ///   rather than updating it for each: ``makeTimeIndexIfNeeded(_:)``).
  /// - Returns: The row's `id`.
  @discardableResult
  static func append(_ db: Database, _ entry: StoredReview, makingTimeIndex: Bool = true) throws -> Int64 {
    let record = ReviewRecord(entry)
    // The row this one follows, and the schedule it gives.
    let previous = try Row.fetchOne(
      db.cachedStatement(sql: lastRowUntilQuery), arguments: [record.cardId, record.reviewedAt]
    ).map { ReviewRecord.after(row: $0, cardId: record.cardId) }
    let derived = previous ?? .new(cardId: record.cardId)
    // A row recorded earlier but answered later (a merged log) keeps its schedule before.
    if let next = try Row.fetchOne(
      db.cachedStatement(sql: firstRowAfterQuery), arguments: [record.cardId, record.reviewedAt]),
      let nextID: Int64 = next.value(0), next.value(1) == false
    {
      try ReviewBeforeRecord(reviewId: nextID, derived).write(db)
    }
    let id = try record.write(db)
    if makingTimeIndex { try makeTimeIndexIfNeeded(db) }
    let before = CardScheduleRecord(cardId: entry.cardID, entry.before)
    if !before.isSame(as: derived) {
      try ReviewBeforeRecord(reviewId: id, before).write(db)
    }
    return id
  }

  /// Creates the time index if a row went in out of time order and it is missing: the ids no
  /// longer follow the time, and the readers order by the time, through its index.
  static func makeTimeIndexIfNeeded(_ db: Database) throws {
    // Whether the index exists is asked of GRDB's schema cache, not of `sqlite_master`: this
    // runs for every answer recorded.
    if try db.tableExists(outOfOrderTable), try Bool.fetchOne(db.cachedStatement(sql: isOutOfOrderQuery)) == true,
      try !db.indexes(on: "review").contains(where: { $0.name == timeIndex })
    {
      try db.execute(sql: "CREATE INDEX IF NOT EXISTS \(timeIndex) ON review(reviewedAt)")
    }
  }

  /// Whether the card `cardID` has a review with the UUID `uid` (the same answer recorded
  /// again): found among the card's rows, whatever the log's size.
  static func isLogged(_ db: Database, uid: UUID, cardID: Int64) throws -> Bool {
    try Bool.fetchOne(db.cachedStatement(sql: isInCardQuery), arguments: [cardID, ReviewUID.bytes(uid)]) ?? false
  }

  /// The `id` and card of the last row with the UUID `uid`, if it is in the log, searched from
  /// the newest row back: the log has no index on its UUIDs (`0015_review_uid_in_memory`), and
  /// the answer an undo takes back is nearly always among the last rows written.
  static func findLatest(_ db: Database, uid: UUID) throws -> (id: Int64, cardID: Int64)? {
    let row = try Row.fetchOne(
      db.cachedStatement(sql: "SELECT id, cardId FROM review WHERE uid = ? ORDER BY id DESC LIMIT 1"),
      arguments: [ReviewUID.bytes(uid)])
    guard let row, let id: Int64 = row.value(0), let cardID: Int64 = row.value(1) else { return nil }
    return (id, cardID)
  }

  /// The review of the row `id`, with its schedule before.
  static func entry(_ db: Database, id: Int64) throws -> StoredReview? {
    guard
      let row = try Row.fetchOne(
        db.cachedStatement(sql: "SELECT \(columns) \(source) WHERE review.id = ?"), arguments: [id])
    else { return nil }
    let record = ReviewRecord(row: row)
    if let before = ReviewBeforeRecord.schedule(row: row, at: beforeOffset, cardId: record.cardId) {
      return record.entry(before: before)
    }
    let previous = try Row.fetchOne(
      db.cachedStatement(
        sql: """
          SELECT \(ReviewRecord.afterSelection) FROM review
          WHERE cardId = ?1 AND (reviewedAt < ?2 OR (reviewedAt = ?2 AND id < ?3))
          ORDER BY reviewedAt DESC, id DESC LIMIT 1
          """),
      arguments: [record.cardId, record.reviewedAt, id]
    ).map { ReviewRecord.after(row: $0, cardId: record.cardId) }
    return record.entry(before: previous ?? .new(cardId: record.cardId))
  }

  /// The first review that counts (not undone) of each card that has one, with its schedule
  /// before: each found through the card's rows in the `review_card` index, not by reading the
  /// log (a merge starts its replay of each card there).
  static func firstCounted(_ db: Database) throws -> [StoredReview] {
    // One search per card; the cards with no counted review give NULL, dropped here rather
    // than by an outer `WHERE`, which made SQLite run the search twice.
    let ids = try Int64?.fetchAll(
      db,
      sql: """
        SELECT (
          SELECT review.id FROM review
          WHERE review.cardId = card.id
            AND NOT EXISTS (SELECT 1 FROM reviewUndo WHERE reviewUndo.reviewId = review.id)
          ORDER BY review.reviewedAt, review.id LIMIT 1
        )
        FROM card
        """)
    return try ids.compactMap { id in try id.flatMap { try entry(db, id: $0) } }
  }

  /// Calls `body` with each review in time order (then the order recorded), one card's or all,
  /// undone ones with `includingUndone`.
  ///
  /// The schedule before each answer comes from the card's previous row as the log is read:
  /// memory grows with the cards reviewed, not with the log.
  static func forEach(
    _ db: Database, cardID: Int64?, includingUndone: Bool,
    _ body: (StoredReview) throws -> Void
  ) throws {
    let filter = cardID == nil ? "" : "WHERE review.cardId = ?"
    let cursor = try Row.fetchCursor(
      db,
      sql: """
        SELECT \(columns), review.id IN (SELECT reviewId FROM reviewUndo) AS undone \(source) \(filter)
        ORDER BY \(cardID == nil ? try timeOrder(db) : "review.reviewedAt, review.id")
        """,
      arguments: cardID.map { [$0] } ?? [])
    var afterByCard: [Int64: CardScheduleRecord] = [:]
    while let row = try cursor.next() {
      let record = ReviewRecord(row: row)
      let before =
        ReviewBeforeRecord.schedule(row: row, at: beforeOffset, cardId: record.cardId)
        ?? afterByCard[record.cardId] ?? .new(cardId: record.cardId)
      afterByCard[record.cardId] = record.after
      let undone: Bool = row.value(beforeOffset + 8) ?? false
      if includingUndone || !undone {
        try body(record.entry(before: before))
      }
    }
  }

  /// Whether the rows' ids follow the time: ordered by `id`, the log is in the order
  /// (`reviewedAt`, `id`). True until a row goes in out of time order (migration
  /// `0013_review_log_in_time_order`), which `reviewOutOfOrder` records for good.
  /// A database before that migration has no `reviewOutOfOrder` table, and is read by the time.
  static func isInTimeOrder(_ db: Database) throws -> Bool {
    guard try db.tableExists(outOfOrderTable) else { return false }
    return try Bool.fetchOne(db.cachedStatement(sql: isOutOfOrderQuery)) == false
  }

  /// The table that records the first row that went in out of time order.
  static let outOfOrderTable = "reviewOutOfOrder"

  /// The `ORDER BY` terms that list rows in time order (then the order recorded): the ids alone
  /// while they follow the time, which reads the table in its own order, with no index or sort.
  static func timeOrder(_ db: Database) throws -> String {
    try isInTimeOrder(db) ? "review.id" : "review.reviewedAt, review.id"
  }
}
