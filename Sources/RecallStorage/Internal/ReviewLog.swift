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
  /// `reviewedAt`), as ``ReviewRecord/after(row:cardId:)`` reads it. While the ids follow the
  /// time (`inTimeOrder`), the card's rows are walked back from its last one in `review_card`,
  /// which is nearly always the row; otherwise they are sorted by time.
  static func lastRowUntilQuery(inTimeOrder: Bool) -> String {
    inTimeOrder ? lastRowUntilQueries.inTimeOrder : lastRowUntilQueries.byTime
  }
  /// ``lastRowUntilQuery(inTimeOrder:)``'s two texts, made once: an append asks for one.
  private static let lastRowUntilQueries = (
    inTimeOrder: makeLastRowUntilQuery(inTimeOrder: true), byTime: makeLastRowUntilQuery(inTimeOrder: false))
  private static func makeLastRowUntilQuery(inTimeOrder: Bool) -> String {
    "SELECT \(ReviewRecord.afterSelection) FROM review WHERE cardId = ?1 AND reviewedAt <= ?2 ORDER BY "
      + (inTimeOrder ? "id DESC" : "reviewedAt DESC, id DESC") + " LIMIT 1"
  }
  /// The id of the card's first row answered after a time (`cardId`, `reviewedAt`) if that row
  /// has no `reviewBefore` row (NULL if it has one): the row whose schedule before an append
  /// changes. While the ids follow the time, it is the card's next row in `review_card` after
  /// its last row until then; otherwise the card's rows are sorted by time. One value, read
  /// without making a row (an append of a merged review asks for it).
  static func firstRowAfterQuery(inTimeOrder: Bool) -> String {
    inTimeOrder ? firstRowAfterQueries.inTimeOrder : firstRowAfterQueries.byTime
  }
  /// ``firstRowAfterQuery(inTimeOrder:)``'s two texts, made once: an append asks for one.
  private static let firstRowAfterQueries = (
    inTimeOrder: makeFirstRowAfterQuery(inTimeOrder: true), byTime: makeFirstRowAfterQuery(inTimeOrder: false))
  private static func makeFirstRowAfterQuery(inTimeOrder: Bool) -> String {
    let after =
      inTimeOrder
      ? """
        AND review.id > coalesce(
          (SELECT id FROM review WHERE cardId = ?1 AND reviewedAt <= ?2 ORDER BY id DESC LIMIT 1), 0)
        ORDER BY review.id
        """
      : "ORDER BY review.reviewedAt, review.id"
    return """
      SELECT CASE WHEN reviewBefore.reviewId IS NULL THEN review.id END \(source)
      WHERE review.cardId = ?1 AND review.reviewedAt > ?2 \(after) LIMIT 1
      """
  }
  /// Whether the card has a row of a UUID's 16 bytes (`cardId`, `uid`): a search through the
  /// card's rows (the index `review_card`), whatever the log's size.
  static let isInCardQuery = "SELECT 1 FROM review WHERE cardId = ? AND uid = ? LIMIT 1"
  /// Whether a row went in out of time order.
  static let isOutOfOrderQuery = "SELECT EXISTS (SELECT 1 FROM reviewOutOfOrder)"
  /// The index on the time that the readers use once a row went in out of time order.
  static let timeIndex = "review_reviewedAt"
  /// The statements an answer reads the log with, each a search through an index, whatever the
  /// log's size.
  static var answerQueries: [String] {
    [true, false].flatMap { [lastRowUntilQuery(inTimeOrder: $0), firstRowAfterQuery(inTimeOrder: $0)] }
      + [isInCardQuery]
  }

  /// Appends `entry`, keeping every schedule before, its own and the following row's, as it
  /// reads now: with prepared statements and a few index lookups, whatever the log's size.
  ///
  /// - Parameter makingTimeIndex: Whether to create the time index if the row goes in out of
  ///   time order; `false` leaves that to the caller (a merge creates it once, after its rows,
  ///   rather than updating it for each: ``makeTimeIndexIfNeeded(_:)``), who puts `review_card`
  ///   on the time before the next append (``makeCardTimeIndexIfNeeded(_:)``): without it, each
  ///   search sorts the card's rows.
  /// - Parameter knownOutOfOrder: Whether the caller knows a row went in out of time order
  ///   already (for good): the log is not asked again.
  /// - Returns: The row's `id`.
  /// - Parameter statements: The statements of an append, prepared once for many (a merge's);
  ///   `nil` looks them up in the connection's cache.
  @discardableResult
  static func append(
    _ db: Database, _ entry: StoredReview, makingTimeIndex: Bool = true, knownOutOfOrder: Bool = false,
    statements: AppendStatements? = nil
  ) throws -> Int64 {
    let record = ReviewRecord(entry)
    let inTimeOrder = try knownOutOfOrder ? false : isInTimeOrder(db)
    // The row this one follows, and the schedule it gives.
    let previous = try Row.fetchOne(
      statements?.lastRowUntil(inTimeOrder: inTimeOrder)
        ?? db.cachedStatement(sql: lastRowUntilQuery(inTimeOrder: inTimeOrder)),
      arguments: [record.cardId, record.reviewedAt]
    ).map { ReviewRecord.after(row: $0, cardId: record.cardId) }
    let derived = previous ?? .new(cardId: record.cardId)
    // A row recorded earlier but answered later (a merged log) keeps its schedule before.
    if let nextID = try Int64.fetchOne(
      statements?.firstRowAfter(inTimeOrder: inTimeOrder)
        ?? db.cachedStatement(sql: firstRowAfterQuery(inTimeOrder: inTimeOrder)),
      arguments: [record.cardId, record.reviewedAt])
    {
      try ReviewBeforeRecord(reviewId: nextID, derived).write(db, statement: statements?.insertBefore)
    }
    let id = try record.write(db, statement: statements?.insert)
    if makingTimeIndex { try makeTimeIndexIfNeeded(db) }
    let before = CardScheduleRecord(cardId: entry.cardID, entry.before)
    if !before.isSame(as: derived) {
      try ReviewBeforeRecord(reviewId: id, before).write(db, statement: statements?.insertBefore)
    }
    return id
  }

  /// The statements of ``append(_:_:makingTimeIndex:knownOutOfOrder:statements:)``, prepared
  /// once for the many appends of a merge: the connection's cache finds a statement by its
  /// text, hashed at each look-up, a kilobyte of text for each review merged. Prepared again
  /// after a change of the schema (SQLite would prepare them again itself, a limited number of
  /// times).
  struct AppendStatements {
    private let lastRowUntil: (inTimeOrder: Statement, byTime: Statement)
    private let firstRowAfter: (inTimeOrder: Statement, byTime: Statement)
    let insert: Statement
    let insertBefore: Statement

    init(_ db: Database) throws {
      lastRowUntil = (
        try db.cachedStatement(sql: ReviewLog.lastRowUntilQuery(inTimeOrder: true)),
        try db.cachedStatement(sql: ReviewLog.lastRowUntilQuery(inTimeOrder: false)))
      firstRowAfter = (
        try db.cachedStatement(sql: ReviewLog.firstRowAfterQuery(inTimeOrder: true)),
        try db.cachedStatement(sql: ReviewLog.firstRowAfterQuery(inTimeOrder: false)))
      insert = try db.cachedStatement(sql: ReviewRecord.insertQuery)
      insertBefore = try db.cachedStatement(sql: ReviewBeforeRecord.insertQuery)
    }

    func lastRowUntil(inTimeOrder: Bool) -> Statement {
      inTimeOrder ? lastRowUntil.inTimeOrder : lastRowUntil.byTime
    }

    func firstRowAfter(inTimeOrder: Bool) -> Statement {
      inTimeOrder ? firstRowAfter.inTimeOrder : firstRowAfter.byTime
    }
  }

  /// Creates the time indexes if a row went in out of time order and they are missing: the ids
  /// no longer follow the time, so the readers order by the time through `review_reviewedAt`,
  /// and a card's rows by their time through `review_card` on (card, time), as before
  /// migration 0016.
  static func makeTimeIndexIfNeeded(_ db: Database) throws {
    guard try makeCardTimeIndexIfNeeded(db) else { return }
    if try !db.indexes(on: "review").contains(where: { $0.name == timeIndex }) {
      try db.execute(sql: "CREATE INDEX IF NOT EXISTS \(timeIndex) ON review(reviewedAt)")
    }
  }

  /// Puts `review_card` on (card, time) if a row went in out of time order, as
  /// ``makeTimeIndexIfNeeded(_:)`` does, leaving the time index alone: the searches of an
  /// append (a card's rows around a time) need it at once, the readers of the whole log only
  /// once a merge is written.
  ///
  /// - Returns: Whether a row went in out of time order (`review_card` is on the time then).
  @discardableResult
  static func makeCardTimeIndexIfNeeded(_ db: Database) throws -> Bool {
    guard try db.tableExists(outOfOrderTable), try Bool.fetchOne(db.cachedStatement(sql: isOutOfOrderQuery)) == true
    else { return false }
    // The indexes are asked of GRDB's schema cache, not of `sqlite_master`: this runs for
    // every answer recorded.
    if try db.indexes(on: "review").first(where: { $0.name == "review_card" })?.columns == ["cardId"] {
      try db.execute(sql: "DROP INDEX review_card; CREATE INDEX review_card ON review(cardId, reviewedAt)")
    }
    return true
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

  /// The card's row before a row (`cardId`, `reviewedAt`, `id`) in time order, then the order
  /// recorded, as ``ReviewRecord/after(row:cardId:)`` reads it; while the ids follow the time,
  /// the card's row with the id before, one step back in the `review_card` index rather than a
  /// sort of the card's rows.
  static func previousRowQuery(inTimeOrder: Bool) -> String {
    inTimeOrder
      ? "SELECT \(ReviewRecord.afterSelection) FROM review WHERE cardId = ?1 AND id < ?3 ORDER BY id DESC LIMIT 1"
      : """
        SELECT \(ReviewRecord.afterSelection) FROM review
        WHERE cardId = ?1 AND (reviewedAt < ?2 OR (reviewedAt = ?2 AND id < ?3))
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
    return record.entry(
      before: try before(
        db, kept: ReviewBeforeRecord.schedule(row: row, at: beforeOffset, cardId: record.cardId), id: id,
        cardId: record.cardId, reviewedAt: record.reviewedAt, inTimeOrder: try inTimeOrder ?? isInTimeOrder(db)))
  }

  /// The schedule before the row (`id`, `cardId`, `reviewedAt`): the one its `reviewBefore`
  /// row keeps (`kept`), else the card's previous row's after, else a new card's.
  private static func before(
    _ db: Database, kept: CardScheduleRecord?, id: Int64, cardId: Int64, reviewedAt: Int64, inTimeOrder: Bool
  ) throws -> CardScheduleRecord {
    if let kept { return kept }
    let previous = try Row.fetchOne(
      db.cachedStatement(sql: previousRowQuery(inTimeOrder: inTimeOrder)), arguments: [cardId, reviewedAt, id]
    ).map { ReviewRecord.after(row: $0, cardId: cardId) }
    return previous ?? .new(cardId: cardId)
  }

  /// The schedule before the first review that counts (not undone) of each card that has one,
  /// by card: each review found through the card's rows in the `review_card` index, not by
  /// reading the log (a merge starts its replay of each card there), all in one statement.
  /// While the ids follow the time, the index gives a card's rows in order; otherwise each
  /// card's few rows are sorted by time.
  static func firstCountedBefore(_ db: Database) throws -> [Int64: CardSchedule] {
    // One search per card; the cards with no counted review give NULL, dropped by the join
    // rather than by an outer `WHERE`, which made SQLite run the search twice.
    let inTimeOrder = try isInTimeOrder(db)
    let rows = try Row.fetchCursor(
      db,
      sql: """
        SELECT review.id, review.cardId, review.reviewedAt, \(ReviewBeforeRecord.selection)
        FROM (\(firstCountedQuery(order: inTimeOrder ? "review.id" : "review.reviewedAt, review.id"))) AS first
        JOIN review ON review.id = first.id
        LEFT JOIN reviewBefore ON reviewBefore.reviewId = review.id
        """)
    var schedules: [Int64: CardSchedule] = [:]
    while let row = try rows.next() {
      guard let id: Int64 = row.value(0) else { continue }
      let cardId: Int64 = row.value(1) ?? 0
      schedules[cardId] = try before(
        db, kept: ReviewBeforeRecord.schedule(row: row, at: 3, cardId: cardId), id: id, cardId: cardId,
        reviewedAt: row.value(2) ?? 0, inTimeOrder: inTimeOrder
      ).schedule
    }
    return schedules
  }

  /// The first review that counts of each card, as `id` (NULL for a card with none), each
  /// card's rows in the order `order` (``firstCountedBefore(_:)``).
  static func firstCountedQuery(order: String) -> String {
    """
    SELECT (
      SELECT review.id FROM review
      WHERE review.cardId = card.id
        AND NOT EXISTS (SELECT 1 FROM reviewUndo WHERE reviewUndo.reviewId = review.id)
      ORDER BY \(order) LIMIT 1
    ) AS id
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
        ReviewBeforeRecord.schedule(row: row, at: beforeOffset, cardId: record.cardId)
        ?? afterByCard[record.cardId] ?? .new(cardId: record.cardId)
      afterByCard[record.cardId] = record.after
      let undone: Bool = row.value(beforeOffset + ReviewBeforeRecord.selectionCount) ?? false
      if includingUndone || !undone {
        try body(record.entry(before: before))
      }
    }
  }

  /// The columns ``forEachAnswer(_:_:)`` reads: the schedule after (``ReviewRecord/afterSelection``),
  /// the card and rating, the `reviewBefore` row's, and whether the answer was undone.
  static let answerColumns =
    "\(ReviewRecord.afterSelection), review.cardId, review.rating, \(ReviewBeforeRecord.selection), "
    + "review.id IN (SELECT reviewId FROM reviewUndo)"
  /// Where ``answerColumns``'s card, rating, `reviewBefore` row and undone mark are.
  private static let answerCard = ReviewRecord.columnCount(of: ReviewRecord.afterSelection)
  private static let answerBefore = answerCard + 2
  private static let answerUndone = answerBefore + ReviewBeforeRecord.selectionCount

  /// Calls `body` with each answer that counts (undone ones left out), of every card, in time
  /// order (then the order recorded), as ``forEach(_:cardID:includingUndone:_:)`` gives them,
  /// with only what a replay reads: the columns of the card, the time, the rating and the
  /// schedules, and no text or UUID made (a replay reads the whole merged log).
  static func forEachAnswer(_ db: Database, _ body: (LoggedAnswer) throws -> Void) throws {
    let cursor = try Row.fetchCursor(
      db, sql: "SELECT \(answerColumns) \(source) ORDER BY \(try timeOrder(db))")
    var afterByCard: [Int64: CardSchedule] = [:]
    while let row = try cursor.next() {
      let cardID: Int64 = row.value(answerCard) ?? 0
      let after = ReviewRecord.after(row: row, cardId: cardID).schedule
      let before =
        ReviewBeforeRecord.schedule(row: row, at: answerBefore, cardId: cardID)?.schedule
        ?? afterByCard[cardID] ?? .new
      afterByCard[cardID] = after
      if row.value(answerUndone) != true {
        try body(
          LoggedAnswer(
            cardID: cardID, reviewedAt: Milliseconds.date(row.value(0) ?? 0), rating: row.value(answerCard + 1) ?? 0,
            before: before, after: after))
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
