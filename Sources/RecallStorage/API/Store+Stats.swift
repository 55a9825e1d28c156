import Foundation
import GRDB

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

/// How many cards are in each state: the active cards by FSRS state, and the retired ones.
public struct CardStateCounts: Hashable, Sendable, Codable {
  /// Active cards never reviewed.
  public var new: Int
  /// Active cards in their learning steps.
  public var learning: Int
  /// Active cards in review.
  public var review: Int
  /// Active cards in their relearning steps.
  public var relearning: Int
  /// Cards whose text left their note (whatever their FSRS state).
  public var retired: Int

  /// Creates counts.
  public init(new: Int = 0, learning: Int = 0, review: Int = 0, relearning: Int = 0, retired: Int = 0) {
    self.new = new
    self.learning = learning
    self.review = review
    self.relearning = relearning
    self.retired = retired
  }

  /// The active cards.
  public var active: Int { new + learning + review + relearning }
}

/// One active card's memory and place in its note, as the stats' one pass over the cards sees it.
public struct CardMemory: Hashable, Sendable {
  /// The card's row id.
  public var id: Int64
  /// The id of the card's note.
  public var noteID: Int64
  /// The card's key (deck, heading path and anchor).
  public var key: String
  /// What part of the note the card comes from, such as `tableCell`.
  public var kind: String
  /// The heading path from the top of the note to the card.
  public var context: [String]
  /// The 1-based line of the card in its note.
  public var line: Int
  /// The FSRS state.
  public var state: CardState
  /// The stability in days; `nil` until the first review.
  public var stability: Double?
  /// When the card was last reviewed; `nil` for a new card.
  public var lastReview: Date?
  /// How many times the card was forgotten after it graduated.
  public var lapses: Int
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
      let young = "review.stateBefore = 'review' AND coalesce(review.dueBefore - review.lastReviewBefore, 0) <= 1728000000"
      let mature = "review.stateBefore = 'review' AND coalesce(review.dueBefore - review.lastReviewBefore, 0) > 1728000000"
      var filter = "review.id NOT IN (SELECT reviewId FROM reviewUndo)"
      if let deck {
        let (condition, deckArguments) = Self.deckCondition(deck)
        filter += " AND review.cardId IN (SELECT card.id FROM card JOIN note ON note.id = card.noteId WHERE \(condition))"
        arguments = deckArguments
      }
      sql = """
        SELECT review.reviewedAt / 900000 AS quarterHour, count(*), sum(review.stateBefore = 'new'),
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
            quarterHour: row[0], reviews: row[1], newCards: row[2], durationMilliseconds: row[3],
            youngReviews: row[4], youngPassed: row[5], matureReviews: row[6], maturePassed: row[7]))
      }
      return tallies
    }
  }

  /// How many cards are in each state, for every deck or one.
  public func cardStateCounts(deck: String? = nil) throws(StorageError) -> CardStateCounts {
    let (condition, arguments) = deck.map(Self.deckCondition) ?? ("1", [])
    return try read { db in
      var counts = CardStateCounts()
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT card.status, coalesce(cardSchedule.state, 'new'), count(*)
          FROM card JOIN note ON note.id = card.noteId
          LEFT JOIN cardSchedule ON cardSchedule.cardId = card.id
          WHERE \(condition)
          GROUP BY card.status, coalesce(cardSchedule.state, 'new')
          """, arguments: arguments)
      for row in rows {
        let status: String = row[0]
        let state: String = row[1]
        let count: Int = row[2]
        if status == CardStatus.retired.rawValue {
          counts.retired += count
          continue
        }
        switch CardState(rawValue: state) ?? .new {
        case .new: counts.new += count
        case .learning: counts.learning += count
        case .review: counts.review += count
        case .relearning: counts.relearning += count
        }
      }
      return counts
    }
  }

  /// The active cards that are not new and fall due before `end`, counted per quarter hour of
  /// their due time (overdue cards included), oldest first.
  public func dueCounts(before end: Date, deck: String? = nil) throws(StorageError)
    -> [(quarterHour: Int64, cards: Int)]
  {
    let (condition, deckArguments) = deck.map(Self.deckCondition) ?? ("1", [])
    var arguments: StatementArguments = [Milliseconds.from(end)]
    _ = arguments.append(contentsOf: deckArguments)
    return try read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT cardSchedule.due / 900000 AS quarterHour, count(*)
          FROM cardSchedule JOIN card ON card.id = cardSchedule.cardId
          JOIN note ON note.id = card.noteId
          WHERE cardSchedule.due < ? AND cardSchedule.state <> 'new' AND card.status = 'active'
            AND \(condition)
          GROUP BY quarterHour ORDER BY quarterHour
          """, arguments: arguments
      ).map { (quarterHour: $0[0], cards: $0[1]) }
    }
  }

  /// Calls `body` with every active card's memory, in note and line order: the stats' one pass
  /// over the cards.
  public func forEachCardMemory(deck: String? = nil, _ body: (CardMemory) throws -> Void)
    throws(StorageError)
  {
    let (condition, arguments) = deck.map(Self.deckCondition) ?? ("1", [])
    try read { db in
      var contexts: [String: [String]] = [:]
      let rows = try Row.fetchCursor(
        db,
        sql: """
          SELECT card.id, card.noteId, card.key, card.kind, card.context, card.line,
            cardSchedule.state, cardSchedule.stability, cardSchedule.lastReview,
            coalesce(cardSchedule.lapses, 0)
          FROM card JOIN note ON note.id = card.noteId
          LEFT JOIN cardSchedule ON cardSchedule.cardId = card.id
          WHERE card.status = 'active' AND \(condition)
          ORDER BY card.noteId, card.line, card.id
          """, arguments: arguments)
      while let row = try rows.next() {
        let contextText: String = row[4]
        let context: [String]
        if let known = contexts[contextText] {
          context = known
        } else {
          context = StringListJSON.decode(contextText)
          contexts[contextText] = context
        }
        let lastReview: Int64? = row[8]
        try body(
          CardMemory(
            id: row[0], noteID: row[1], key: row[2], kind: row[3], context: context, line: row[5],
            state: (row[6] as String?).flatMap(CardState.init(rawValue:)) ?? .new,
            stability: row[7], lastReview: lastReview.map(Milliseconds.date), lapses: row[9]))
      }
    }
  }

  /// The active cards forgotten most often (at least once), most lapses first.
  public func cardsWithMostLapses(deck: String? = nil, limit: Int) throws(StorageError) -> [StoredCard] {
    let (condition, deckArguments) = deck.map(Self.deckCondition) ?? ("1", [])
    var arguments = deckArguments
    _ = arguments.append(contentsOf: [limit])
    return try read { db in
      try Row.fetchAll(
        db,
        sql: Self.storedCardQuery + """
           WHERE card.status = 'active' AND cardSchedule.lapses > 0 AND \(condition)
          ORDER BY cardSchedule.lapses DESC, note.deck, card.line, card.id LIMIT ?
          """, arguments: arguments
      ).map(Self.storedCard)
    }
  }

  /// The SQL condition on `note` that selects a deck: the deck itself, the same with `.md`, or
  /// a folder of decks; with its arguments.
  static func deckCondition(_ deck: String) -> (String, StatementArguments) {
    let trimmed = deck.hasSuffix("/") ? String(deck.dropLast()) : deck
    return (
      "(note.deck = ? OR note.deck = ? OR substr(note.deck, 1, ?) = ?)",
      [trimmed, trimmed + ".md", trimmed.unicodeScalars.count + 1, trimmed + "/"]
    )
  }
}
