import Foundation
import RecallScheduling
import GRDB
import GRDBSQLite

/// The reviews of one quarter hour (UTC), added up: what `recall stats` needs of the review log.
///
/// Undone reviews are not counted. True retention counts the reviews of cards in the review
/// state; a card is mature when its scheduled interval before the review was at least 21 days
/// (Anki's convention).
public struct ReviewTally: Hashable, Sendable {
  /// The quarter hour since 1970-01-01T00:00:00Z: `reviewedAt` in milliseconds / 900,000.
  public var quarterHour: Int64
  /// The reviews that count.
  public var reviews: Int
  /// The reviews of new cards: the cards introduced.
  public var newCards: Int
  /// The time spent answering, in milliseconds.
  public var durationMilliseconds: Int64
  /// The reviews of young review cards (interval under 21 days).
  public var youngReviews: Int
  /// The young reviews that passed (rated hard or better).
  public var youngPassed: Int
  /// The reviews of mature review cards (interval of 21 days or more).
  public var matureReviews: Int
  /// The mature reviews that passed (rated hard or better).
  public var maturePassed: Int

  /// Creates a tally.
  public init(
    quarterHour: Int64, reviews: Int, newCards: Int, durationMilliseconds: Int64,
    youngReviews: Int, youngPassed: Int, matureReviews: Int, maturePassed: Int
  ) {
    self.quarterHour = quarterHour
    self.reviews = reviews
    self.newCards = newCards
    self.durationMilliseconds = durationMilliseconds
    self.youngReviews = youngReviews
    self.youngPassed = youngPassed
    self.matureReviews = matureReviews
    self.maturePassed = maturePassed
  }

  /// The first instant of the quarter hour.
  public var start: Date { Date(timeIntervalSince1970: Double(quarterHour) * 900) }
}

/// One active card's schedule and place in its note, as the stats' one pass over the cards sees
/// it.
public struct CardMemory: Hashable, Sendable {
  /// The card's row id.
  public var id: Int64
  /// The id of the card's note.
  public var noteID: Int64
  /// What part of the note the card comes from, such as `tableCell`.
  public var kind: String
  /// The key of a card from a table (`tableCell`, `tableThing`), which names its thing; `nil`
  /// for the other cards (the stats need no other key).
  public var tableKey: String?
  /// The heading path from the top of the note to the card.
  public var context: [String]
  /// A number for the heading path, the same for every card with the same path within one pass.
  public var contextNumber: Int
  /// The 1-based line of the card in its note.
  public var line: Int
  /// The FSRS state.
  public var state: CardPhase
  /// The stability in days; `nil` until the first review.
  public var stability: Double?
  /// When the card was last reviewed; `nil` for a new card.
  public var lastReview: Date?
  /// When the card is due; `nil` for a new card.
  public var due: Date?
  /// How many times the card was forgotten after it graduated.
  public var lapses: Int
  /// Whether the card is suspended.
  public var isSuspended: Bool = false
}

extension Store {
  /// The review tallies per quarter hour, oldest first.
  ///
  /// Without a deck they come from the `reviewTally` table that triggers keep up to date, so
  /// this reads a few thousand rows whatever the size of the log. With a deck (or `fromLog`)
  /// they are added up from the review log itself, with the same rules.
  ///
  /// - Parameters:
  ///   - deck: Only the reviews of this deck's cards (as in ``cards(deck:status:)``); `nil` for all.
  ///   - fromLog: Whether to add up the log even without a deck (tests compare both ways).
  public func reviewTallies(deck: String? = nil, fromLog: Bool = false) throws(StorageError)
    -> [ReviewTally]
  {
    let sql: String
    var arguments: StatementArguments = []
    if deck == nil && !fromLog {
      sql = """
        SELECT quarterHour, reviews, newCards, duration, youngReviews, youngPassed, matureReviews,
          maturePassed
        FROM reviewTally WHERE reviews > 0 ORDER BY quarterHour
        """
    } else {
      let young = "review.countedAs = \(ReviewCount.youngReview)"
      let mature = "review.countedAs = \(ReviewCount.matureReview)"
      var filter = "review.id NOT IN (SELECT reviewId FROM reviewUndo)"
      if let deck {
        let (condition, deckArguments) = Self.deckCondition(deck)
        filter += " AND review.cardId IN (SELECT card.id FROM card WHERE \(condition))"
        arguments = deckArguments
      }
      sql = """
        SELECT review.reviewedAt / 900000 AS quarterHour, count(*), sum(review.countedAs = \(ReviewCount.newCard)),
          sum(review.duration), sum(\(young)), sum(\(young) AND review.rating > 1), sum(\(mature)),
          sum(\(mature) AND review.rating > 1)
        FROM review WHERE \(filter)
        GROUP BY quarterHour ORDER BY quarterHour
        """
    }
    return try read { db in
      var tallies: [ReviewTally] = []
      let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
      while let row = try rows.next() {
        tallies.append(
          ReviewTally(
            quarterHour: row.value(0) ?? 0, reviews: row.value(1) ?? 0, newCards: row.value(2) ?? 0,
            durationMilliseconds: row.value(3) ?? 0, youngReviews: row.value(4) ?? 0,
            youngPassed: row.value(5) ?? 0, matureReviews: row.value(6) ?? 0,
            maturePassed: row.value(7) ?? 0))
      }
      return tallies
    }
  }

  /// The cards tagged a leech that are still in their notes, in every deck or one, in note and
  /// line order.
  public func leechCards(deck: String? = nil) throws(StorageError) -> [StoredCard] {
    let (condition, arguments) = deck.map(Self.deckCondition) ?? ("1", [])
    return try read { db in
      try Self.withManagement(
        Row.fetchAll(
          db,
          sql: Self.storedCardQuery(db)
            + " WHERE card.status = 'active' AND card.id IN (SELECT cardId FROM cardLeech)"
            + " AND \(condition) ORDER BY note.deck, card.line, card.id",
          arguments: arguments
        ).map(Self.storedCard), db)
    }
  }

  /// The number of retired cards, in every deck or one.
  public func retiredCardCount(deck: String? = nil) throws(StorageError) -> Int {
    let (condition, arguments) = deck.map(Self.deckCondition) ?? ("1", [])
    return try read { db in
      try Int.fetchOne(
        db, sql: "SELECT count(*) FROM card WHERE card.status = 'retired' AND \(condition)",
        arguments: arguments) ?? 0
    }
  }

  /// The query of ``forEachCardMemory(deck:_:)``, the active cards that meet `condition`.
  ///
  /// The cards are read through the index `card_stats` (status, noteId, line, kind, context),
  /// not from their rows: SQLite reads a card's own row only for the key of a table card, the
  /// one column outside the index.
  static func cardMemoryQuery(_ condition: String) -> String {
    """
    SELECT card.id, card.noteId, card.kind,
      CASE WHEN card.kind IN ('tableCell', 'tableThing') THEN card.key END, card.context,
      card.line, cardSchedule.state, cardSchedule.stability, cardSchedule.lastReview,
      cardSchedule.due, coalesce(cardSchedule.lapses, 0)
    FROM card LEFT JOIN cardSchedule ON cardSchedule.cardId = card.id
    WHERE card.status = 'active' AND \(condition)
    """
  }

  /// Calls `body` with every active card's memory, in the order of the cards' ids: the stats'
  /// one pass over the cards.
  public func forEachCardMemory(deck: String? = nil, _ body: (CardMemory) throws -> Void)
    throws(StorageError)
  {
    let (condition, arguments) = deck.map(Self.deckCondition) ?? ("1", [])
    try read { db in
      // Heading paths by their JSON bytes (hashing bytes skips the Unicode normalization that
      // hashing Korean text as `String` costs).
      var contexts: [[UInt8]: (list: [String], number: Int)] = [:]
      // The suspended cards, a few: looked up in a set rather than joined on every row.
      let suspended =
        try db.tableExists("cardSuspension")
        ? Set(try Int64.fetchAll(db, sql: "SELECT cardId FROM cardSuspension")) : []
      let statement = try db.makeStatement(sql: Self.cardMemoryQuery(condition))
      statement.arguments = arguments
      // GRDB steps the statement; the columns are read with SQLite's own functions, which is
      // several times faster than through `Row` for the hundred thousand rows of a large
      // collection.
      let sqlite = statement.sqliteStatement
      func text(_ column: Int32) -> String? {
        guard let pointer = sqlite3_column_text(sqlite, column) else { return nil }
        let count = Int(sqlite3_column_bytes(sqlite, column))
        return pointer.withMemoryRebound(to: UInt8.self, capacity: count) {
          String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
        }
      }
      // A number of the type its column declares is read at once; anything else (NULL, text
      // where a number belongs) as ``Row/value(_:)`` reads it: unknown when it is no number.
      func integer(_ column: Int32) -> Int64? {
        sqlite3_column_type(sqlite, column) == SQLITE_INTEGER
          ? sqlite3_column_int64(sqlite, column)
          : Int64.fromDatabaseValue(DatabaseValue(sqliteStatement: sqlite, index: column))
      }
      func real(_ column: Int32) -> Double? {
        sqlite3_column_type(sqlite, column) == SQLITE_FLOAT
          ? sqlite3_column_double(sqlite, column)
          : Double.fromDatabaseValue(DatabaseValue(sqliteStatement: sqlite, index: column))
      }
      func bytes(_ column: Int32) -> [UInt8] {
        guard let pointer = sqlite3_column_blob(sqlite, column) else { return [] }
        let count = Int(sqlite3_column_bytes(sqlite, column))
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
      }
      func state(_ column: Int32) -> CardPhase {
        // new, learning, review, relearning: told apart by their first and third letters.
        guard let text = sqlite3_column_text(sqlite, column), sqlite3_column_bytes(sqlite, column) >= 3
        else { return .new }
        switch (text[0], text[2]) {
        case (UInt8(ascii: "l"), _): return .learning
        case (UInt8(ascii: "r"), UInt8(ascii: "v")): return .review
        case (UInt8(ascii: "r"), UInt8(ascii: "l")): return .relearning
        default: return .new
        }
      }
      var previous: (bytes: [UInt8], list: [String], number: Int) = ([], [], -1)
      let rows = try Row.fetchCursor(statement)
      while try rows.next() != nil {
        let contextBytes = bytes(4)
        if previous.number < 0 || contextBytes != previous.bytes {
          let context: (list: [String], number: Int)
          if let known = contexts[contextBytes] {
            context = known
          } else {
            context = (StringListJSON.decode(String(decoding: contextBytes, as: UTF8.self)), contexts.count)
            contexts[contextBytes] = context
          }
          previous = (contextBytes, context.list, context.number)
        }
        let context = (list: previous.list, number: previous.number)
        try body(
          CardMemory(
            id: sqlite3_column_int64(sqlite, 0), noteID: sqlite3_column_int64(sqlite, 1),
            kind: text(2) ?? "", tableKey: text(3), context: context.list,
            contextNumber: context.number, line: Int(sqlite3_column_int64(sqlite, 5)),
            state: state(6), stability: real(7),
            lastReview: integer(8).map(Milliseconds.date), due: integer(9).map(Milliseconds.date),
            lapses: Int(sqlite3_column_int64(sqlite, 10)),
            isSuspended: !suspended.isEmpty && suspended.contains(sqlite3_column_int64(sqlite, 0))))
      }
    }
  }
}
