import Foundation
import GRDB

/// Reading and appending the compact review log (`Migrations/0010_compact_review_log.sql`): a
/// row holds an answer and the schedule after it; the schedule before is the card's previous
/// row's after, or a `reviewBefore` row where it is not. The rows' ids follow the time
/// (`Migrations/0013_review_log_in_time_order.sql`) until a row goes in out of order.
enum ReviewLog {
  /// The columns of a review with its `reviewBefore` row, if any (prefixed `before`).
  static let columns = """
    review.*, reviewBefore.state AS beforeState, reviewBefore.step AS beforeStep,
    reviewBefore.stability AS beforeStability, reviewBefore.difficulty AS beforeDifficulty,
    reviewBefore.due AS beforeDue, reviewBefore.lastReview AS beforeLastReview,
    reviewBefore.reps AS beforeReps, reviewBefore.lapses AS beforeLapses
    """
  /// The tables of ``columns``.
  static let source = "FROM review LEFT JOIN reviewBefore ON reviewBefore.reviewId = review.id"

  /// The card's last row answered at or before a time (`cardId`, `reviewedAt`). While the ids
  /// follow the time (`inTimeOrder`), the card's rows are walked back from its last one in
  /// `review_card`, which is nearly always the row; otherwise they are sorted by time.
  static func lastRowUntilQuery(inTimeOrder: Bool) -> String {
    "SELECT * FROM review WHERE cardId = ?1 AND reviewedAt <= ?2 ORDER BY "
      + (inTimeOrder ? "id DESC" : "reviewedAt DESC, id DESC") + " LIMIT 1"
  }
  /// The card's first row answered after a time (`cardId`, `reviewedAt`), and whether it has a
  /// `reviewBefore` row. While the ids follow the time, it is the card's next row in
  /// `review_card` after its last row until then; otherwise the card's rows are sorted by time.
  static func firstRowAfterQuery(inTimeOrder: Bool) -> String {
    let after =
      inTimeOrder
      ? """
        AND review.id > coalesce(
          (SELECT id FROM review WHERE cardId = ?1 AND reviewedAt <= ?2 ORDER BY id DESC LIMIT 1), 0)
        ORDER BY review.id
        """
      : "ORDER BY review.reviewedAt, review.id"
    return """
      SELECT review.id, reviewBefore.reviewId IS NOT NULL \(source)
      WHERE review.cardId = ?1 AND review.reviewedAt > ?2 \(after) LIMIT 1
      """
  }
  /// The row and card of a UUID's 16 bytes, found by its first 4 (the index `review_uid`).
  static let findQuery = "SELECT id, cardId FROM review WHERE substr(uid, 1, 4) = substr(?1, 1, 4) AND uid = ?1"
  /// Whether a row went in out of time order and the time indexes are still missing: the time
  /// index, or the time in `review_card` (which migration 0016 left out).
  static let needsTimeIndexQuery = """
    SELECT EXISTS (SELECT 1 FROM reviewOutOfOrder)
      AND (NOT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'review_reviewedAt')
        OR (SELECT count(*) FROM pragma_index_info('review_card')) = 1)
    """
  /// The statements an answer reads the log with, each a search through an index, whatever the
  /// log's size.
  static var answerQueries: [String] {
    [true, false].flatMap { [lastRowUntilQuery(inTimeOrder: $0), firstRowAfterQuery(inTimeOrder: $0)] }
      + [findQuery]
  }

  /// Appends `entry`, keeping every schedule before, its own and the following row's, as it
  /// reads now: with prepared statements and a few index lookups, whatever the log's size.
  ///
  /// - Returns: The row's `id`.
  @discardableResult
  static func append(_ db: Database, _ entry: StoredReview) throws -> Int64 {
    var record = ReviewRecord(entry)
    let inTimeOrder = try isInTimeOrder(db)
    // The row this one follows, and the schedule it gives.
    let previous = try Row.fetchOne(
      db.cachedStatement(sql: lastRowUntilQuery(inTimeOrder: inTimeOrder)),
      arguments: [record.cardId, record.reviewedAt]
    ).map(ReviewRecord.init(row:))
    let derived = previous?.after ?? .new(cardId: record.cardId)
    // A row recorded earlier but answered later (a merged log) keeps its schedule before.
    if let next = try Row.fetchOne(
      db.cachedStatement(sql: firstRowAfterQuery(inTimeOrder: inTimeOrder)),
      arguments: [record.cardId, record.reviewedAt]),
      let nextID: Int64 = next.value(0), next.value(1) == false
    {
      try ReviewBeforeRecord(reviewId: nextID, derived).insert(db)
    }
    try record.insert(db)
    let id = record.id ?? db.lastInsertedRowID
    if try db.tableExists(outOfOrderTable), try Bool.fetchOne(db.cachedStatement(sql: needsTimeIndexQuery)) == true {
      // The ids no longer follow the time: the readers order by the time, through its index,
      // and a card's rows by their time through review_card, as before migration 0016.
      try db.execute(sql: "CREATE INDEX IF NOT EXISTS review_reviewedAt ON review(reviewedAt)")
      if try Int.fetchOne(db, sql: "SELECT count(*) FROM pragma_index_info('review_card')") == 1 {
        try db.execute(sql: "DROP INDEX review_card; CREATE INDEX review_card ON review(cardId, reviewedAt)")
      }
    }
    let before = CardScheduleRecord(cardId: entry.cardID, entry.before)
    if !before.isSame(as: derived) {
      try ReviewBeforeRecord(reviewId: id, before).insert(db)
    }
    return id
  }

  /// The `id` and card of the review with the UUID `uid`, if it is in the log.
  static func find(_ db: Database, uid: UUID) throws -> (id: Int64, cardID: Int64)? {
    let bytes = ReviewUID.bytes(uid)
    let row = try Row.fetchOne(db.cachedStatement(sql: findQuery), arguments: [bytes])
    guard let row, let id: Int64 = row.value(0), let cardID: Int64 = row.value(1) else { return nil }
    return (id, cardID)
  }

  /// The card's row before a row (`cardId`, `reviewedAt`, `id`) in time order, then the order
  /// recorded; while the ids follow the time, the card's row with the id before, one step back
  /// in the `review_card` index rather than a sort of the card's rows.
  static func previousRowQuery(inTimeOrder: Bool) -> String {
    inTimeOrder
      ? "SELECT * FROM review WHERE cardId = ?1 AND id < ?3 ORDER BY id DESC LIMIT 1"
      : """
        SELECT * FROM review WHERE cardId = ?1 AND (reviewedAt < ?2 OR (reviewedAt = ?2 AND id < ?3))
        ORDER BY reviewedAt DESC, id DESC LIMIT 1
        """
  }

  /// The review of the row `id`, with its schedule before; `inTimeOrder` is
  /// ``isInTimeOrder(_:)``, read here when not given.
  static func entry(_ db: Database, id: Int64, inTimeOrder: Bool? = nil) throws -> StoredReview? {
    guard
      let row = try Row.fetchOne(
        db.cachedStatement(sql: "SELECT \(columns) \(source) WHERE review.id = ?"), arguments: [id])
    else { return nil }
    let record = ReviewRecord(row: row)
    if let before = ReviewBeforeRecord.schedule(prefixed: row, cardId: record.cardId) {
      return record.entry(before: before)
    }
    let previous = try Row.fetchOne(
      db.cachedStatement(sql: previousRowQuery(inTimeOrder: try inTimeOrder ?? isInTimeOrder(db))),
      arguments: [record.cardId, record.reviewedAt, id]
    ).map(ReviewRecord.init(row:))
    return record.entry(before: previous?.after ?? .new(cardId: record.cardId))
  }

  /// The first review that counts (not undone) of each card that has one, with its schedule
  /// before: each found through the card's rows in the `review_card` index, not by reading the
  /// log (a merge starts its replay of each card there). While the ids follow the time, the
  /// index gives a card's rows in order; otherwise each card's few rows are sorted by time.
  static func firstCounted(_ db: Database) throws -> [StoredReview] {
    // One search per card; the cards with no counted review give NULL, dropped here rather
    // than by an outer `WHERE`, which made SQLite run the search twice.
    let inTimeOrder = try isInTimeOrder(db)
    let ids = try Int64?.fetchAll(
      db, sql: firstCountedQuery(order: inTimeOrder ? "review.id" : "review.reviewedAt, review.id"))
    return try ids.compactMap { id in try id.flatMap { try entry(db, id: $0, inTimeOrder: inTimeOrder) } }
  }

  /// The query of ``firstCounted(_:)``, each card's rows in the order `order`.
  static func firstCountedQuery(order: String) -> String {
    """
    SELECT (
      SELECT review.id FROM review
      WHERE review.cardId = card.id
        AND NOT EXISTS (SELECT 1 FROM reviewUndo WHERE reviewUndo.reviewId = review.id)
      ORDER BY \(order) LIMIT 1
    )
    FROM card
    """
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
        ReviewBeforeRecord.schedule(prefixed: row, cardId: record.cardId)
        ?? afterByCard[record.cardId] ?? .new(cardId: record.cardId)
      afterByCard[record.cardId] = record.after
      let undone: Bool = row.value(named: "undone") ?? false
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
    return try Bool.fetchOne(db.cachedStatement(sql: "SELECT NOT EXISTS (SELECT 1 FROM reviewOutOfOrder)")) ?? false
  }

  /// The table that records the first row that went in out of time order.
  static let outOfOrderTable = "reviewOutOfOrder"

  /// The `ORDER BY` terms that list rows in time order (then the order recorded): the ids alone
  /// while they follow the time, which reads the table in its own order, with no index or sort.
  static func timeOrder(_ db: Database) throws -> String {
    try isInTimeOrder(db) ? "review.id" : "review.reviewedAt, review.id"
  }
}
