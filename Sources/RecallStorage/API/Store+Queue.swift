import Foundation
import GRDB

/// The cards a daily review may ask, read from the store.
public struct ReviewCandidates: Hashable, Sendable {
  /// Cards in learning or relearning due before the end of the day asked for, then cards in
  /// review due by then, the most overdue day first (the last day read in its `dayOrder`, when
  /// one was given).
  public var due: [StoredCard]
  /// New cards taken from the notes in turn, each note's in line order, at most the number
  /// asked for.
  public var new: [StoredCard]
  /// Whether reviews due by then were left unread (the review limit was reached).
  public var moreReviews: Bool

  /// Creates the candidates.
  public init(due: [StoredCard], new: [StoredCard], moreReviews: Bool = false) {
    self.due = due
    self.new = new
    self.moreReviews = moreReviews
  }
}

/// The order a review queue gives the reviews of one day: days are 24-hour steps from
/// ``dayStart``, and within a day the cards go by ``place(_:)`` of their ids (a shuffle), then
/// by id. With it, a window of the reviews that ends inside a day takes that day's first cards
/// in this order, not the ones due earliest in the day.
public struct ReviewDayOrder: Sendable {
  /// Where the days are counted from.
  public var dayStart: Date
  /// A card's place within its day, from its id.
  public var place: @Sendable (Int64) -> UInt64

  /// Creates the order.
  public init(dayStart: Date, place: @escaping @Sendable (Int64) -> UInt64) {
    self.dayStart = dayStart
    self.place = place
  }
}

/// What the review log says about one study day so far.
public struct StudyDayTally: Hashable, Sendable {
  /// New cards answered for the first time since the day started (undone answers left out).
  public var newIntroduced: Int
  /// Answers to cards that were in review, since the day started (undone answers left out).
  public var reviewsDone: Int

  /// Creates a tally.
  public init(newIntroduced: Int, reviewsDone: Int) {
    self.newIntroduced = newIntroduced
    self.reviewsDone = reviewsDone
  }
}

extension Store {
  /// The cards today's review may ask: those due before `dueBefore` (learning, relearning and
  /// review) and up to `newLimit` new ones, active, not suspended and not buried at `now`.
  ///
  /// Only the rows needed are read (the `cardSchedule(state, due)` index), so the first card
  /// of a review shows at once however large the collection is.
  ///
  /// - Parameters:
  ///   - deck: Only this deck or folder of decks (as ``cards(deck:status:)`` reads it); `nil`
  ///     for every deck.
  ///   - dueBefore: The start of the next study day.
  ///   - newLimit: The most new cards to return, taken from the notes in turn (the first card
  ///     of each note, then the second of each…), each note's in line order.
  ///   - reviewLimit: The most cards in review to return, the most overdue day first; `nil` for
  ///     all.
  ///   - dayOrder: When given, and `reviewLimit` cuts the reviews short inside a day, that
  ///     day's reviews are taken in this order (found through the index alone, then read up
  ///     to the limit), the days before it whole: what a queue that shuffles each day's
  ///     reviews would take first from all of them.
  ///   - now: Cards buried until after this moment are left out.
  ///   - whole: `false` reads each card with what its place in a queue depends on (its note,
  ///     deck, kind, line, headings, sibling group, status, times and schedule), leaving out what
  ///     only asking it needs: its uid, key, file, prompt, answer, choices, detail and content
  ///     hash read empty (``cards(ids:)`` reads the cards asked whole). A review reads hundreds
  ///     of cards to ask the first.
  public func reviewCandidates(
    deck: String?, dueBefore: Date, newLimit: Int, reviewLimit: Int? = nil,
    dayOrder: ReviewDayOrder? = nil, now: Date, whole: Bool = true
  ) throws(StorageError) -> ReviewCandidates
  {
    var deckFilter = ""
    var deckArguments: StatementArguments = []
    if let deck {
      let (condition, arguments) = Self.deckCondition(deck)
      deckFilter = " AND " + condition
      deckArguments = arguments
    }
    let notBuried = Self.leavingOutBuried("card.id", now: now)
    let learningFilter =
      " WHERE cardSchedule.state IN ('learning', 'relearning') AND cardSchedule.due < ?"
      + " AND card.status = 'active'" + notBuried + deckFilter
    let reviewFilter =
      " WHERE cardSchedule.state = 'review' AND cardSchedule.due < ?"
      + " AND card.status = 'active'" + notBuried + deckFilter
    // The new cards are read from the `newCard` table (kept by triggers): their number, not
    // the collection's, is what the read costs. The `+` keeps SQLite from walking every active
    // card of the `card_stats` index instead (it cannot tell that few cards are new).
    let newFilter = " WHERE " + Self.newCardCondition + notBuried + deckFilter
    return try read { db in
      var dueArguments: StatementArguments = [Milliseconds.from(dueBefore)]
      _ = dueArguments.append(contentsOf: deckArguments)
      var reviewArguments = dueArguments
      _ = reviewArguments.append(contentsOf: [reviewLimit.map { max(0, $0) } ?? -1])
      var newArguments = deckArguments
      _ = newArguments.append(contentsOf: [max(0, newLimit)])
      // The ids and due times first: the cards of the last day they reach are read only in
      // that day's order below, not twice. Without a deck they come from the indexes alone
      // (``dueReviewsQuery(now:)``), not from each card's page.
      let firstReviewsQuery =
        deck == nil
        ? Self.dueReviewsQuery(now: now)
        : "SELECT card.id, cardSchedule.due " + Self.storedCardTables + reviewFilter
          + " ORDER BY cardSchedule.due, card.id LIMIT ?"
      // Read as SQLite steps to each row, not copied into rows first.
      var firstReviews: [(id: Int64, due: Int64)] = []
      let rows = try Row.fetchCursor(db, sql: firstReviewsQuery, arguments: reviewArguments)
      while let row = try rows.next() { firstReviews.append((id: row[0], due: row.value(1) ?? 0)) }
      var moreReviews = reviewLimit.map { firstReviews.count >= $0 } ?? false
      var reviews: [StoredCard]
      if let dayOrder, let reviewLimit, moreReviews, let last = firstReviews.last?.due {
        // The days before the last one read are whole; that day's reviews are taken in the
        // day's own order: all its ids from the index, then the cards up to the limit.
        let day = 86_400_000 as Int64
        let offset = last - Milliseconds.from(dayOrder.dayStart)
        let dayIndex = offset >= 0 ? offset / day : -((-offset + day - 1) / day)
        let dayBegin = Milliseconds.from(dayOrder.dayStart) + dayIndex * day
        let dayEnd = min(dayBegin + day, Milliseconds.from(dueBefore))
        reviews = try Self.storedCards(db, ids: firstReviews.filter { $0.due < dayBegin }.map(\.id), whole: whole)
        let needed = max(1, reviewLimit - reviews.count)
        let ids = try Int64.fetchAll(
          db, sql: "SELECT cardId FROM cardSchedule WHERE state = 'review' AND due >= ? AND due < ?",
          arguments: [dayBegin, dayEnd]
        ).map { (place: dayOrder.place($0), id: $0) }.sorted { ($0.place, $0.id) < ($1.place, $1.id) }
        var taken: [StoredCard] = []
        var next = 0
        while taken.count < needed && next < ids.count {
          let batch = ids[next..<min(ids.count, next + max(needed - taken.count, 32))]
          next = batch.endIndex
          var arguments: StatementArguments = ["[" + batch.map { String($0.id) }.joined(separator: ",") + "]"]
          _ = arguments.append(contentsOf: deckArguments)
          let place = Dictionary(uniqueKeysWithValues: batch.map { ($0.id, $0.place) })
          let found = try Self.storedCards(
            db, unordered: " WHERE " + Self.listedReviewCondition + notBuried + deckFilter,
            arguments: arguments, whole: whole)
          // The places sorted, not the cards.
          let keys = found.map { (place[$0.id] ?? 0, $0.id) }
          taken += found.indices.sorted { keys[$0] < keys[$1] }.map { found[$0] }
        }
        reviews += taken.prefix(needed)
        moreReviews = taken.count >= needed || next < ids.count || dayEnd < Milliseconds.from(dueBefore)
      } else {
        reviews = try Self.storedCards(db, ids: firstReviews.map(\.id), whole: whole)
      }
      let due = try Self.withManagement(
        Self.storedCards(
          db, learningFilter, order: "cardSchedule.due, card.id", arguments: dueArguments, whole: whole)
          + reviews, db)
      let new =
        newLimit > 0
        ? try Self.storedCards(
          db, newFilter,
          // Round robin over the notes: each note's first card, then each one's second, …
          order: "row_number() OVER (PARTITION BY card.noteId ORDER BY card.line, card.id),"
            + " note.deck, card.line, card.id LIMIT ?",
          arguments: newArguments, whole: whole) : []
      return ReviewCandidates(due: due, new: new, moreReviews: moreReviews)
    }
  }

  /// The conditions that leave out the cards buried at `now` and the suspended ones, on the
  /// card id column `card`.
  static func leavingOutBuried(_ card: String, now: Date) -> String {
    " AND \(card) NOT IN (SELECT cardId FROM cardBury WHERE buriedUntil > \(Milliseconds.from(now)))"
      + " AND \(card) NOT IN (SELECT cardId FROM cardSuspension)"
  }

  /// The ids and due times of the active cards in review due before the first argument, not
  /// buried at `now` nor suspended, the most overdue first, at most the second argument of them:
  /// read from the indexes alone (`cardSchedule(state, due)`, and `card_stats` for the few
  /// retired cards), never from a card's own page.
  static func dueReviewsQuery(now: Date) -> String {
    "SELECT cardId, due FROM cardSchedule WHERE state = 'review' AND due < ?"
      + " AND cardId NOT IN (SELECT id FROM card WHERE status = 'retired')"
      + leavingOutBuried("cardId", now: now) + " ORDER BY due, cardId LIMIT ?"
  }

  /// The condition on ``storedCardTables`` of the active new cards, read through `newCard`.
  static let newCardCondition = "card.id IN (SELECT cardId FROM newCard) AND +card.status = 'active'"

  /// The condition on ``storedCardTables`` of the active cards in review among the ids of a
  /// JSON list (the first argument): the cards are found by id. The `+` keeps SQLite from
  /// walking every review of the `cardSchedule_state_due` index instead, testing each against
  /// the list (9 ms a batch at 100,000 cards).
  static let listedReviewCondition =
    "card.id IN (SELECT value FROM json_each(?)) AND +cardSchedule.state = 'review' AND +card.status = 'active'"

  /// What was studied since `dayStart`: new cards introduced and reviews done (undone answers
  /// left out), in one deck or all.
  public func studyDayTally(since dayStart: Date, deck: String? = nil) throws(StorageError)
    -> StudyDayTally
  {
    var deckFilter = ""
    var arguments: StatementArguments = [Milliseconds.from(dayStart)]
    if let deck {
      let (condition, deckArguments) = Self.deckCondition(deck)
      // `+` keeps SQLite from searching the log card by card through `review_card`: today's
      // rows are read by time (their ids, or the time index) and checked against the deck's
      // cards, however many the deck holds.
      deckFilter = " AND +review.cardId IN (SELECT card.id FROM card WHERE \(condition))"
      _ = arguments.append(contentsOf: deckArguments)
    }
    let sql = """
      SELECT count(DISTINCT CASE WHEN countedAs = \(ReviewCount.newCard) THEN cardId END),
        count(CASE WHEN countedAs >= \(ReviewCount.youngReview) THEN 1 END)
      FROM review
      WHERE reviewedAt >= ?1 AND id NOT IN (SELECT reviewId FROM reviewUndo)
      """ + deckFilter
    // While the ids follow the time, today's rows are the last ones: those after the last row
    // answered before the day, found reading the table backwards (the log has no time index).
    let lastRows = """
       AND id > coalesce((SELECT id FROM review WHERE reviewedAt < ?1 ORDER BY id DESC LIMIT 1), 0)
      """
    return try read { db in
      let sql = try ReviewLog.isInTimeOrder(db) ? sql + lastRows : sql
      guard let row = try Row.fetchOne(db, sql: sql, arguments: arguments) else {
        return StudyDayTally(newIntroduced: 0, reviewsDone: 0)
      }
      return StudyDayTally(newIntroduced: row.value(0) ?? 0, reviewsDone: row.value(1) ?? 0)
    }
  }

  /// The due dates of the active, unsuspended review cards due in `[start, end)`, for spreading
  /// due days evenly (the load balancer).
  public func reviewDueDates(from start: Date, to end: Date) throws(StorageError) -> [Date] {
    try read { db in
      try Int64.fetchAll(
        db,
        sql: """
          SELECT cardSchedule.due FROM cardSchedule JOIN card ON card.id = cardSchedule.cardId
          WHERE cardSchedule.state = 'review' AND cardSchedule.due >= ? AND cardSchedule.due < ?
            AND card.status = 'active' AND card.id NOT IN (SELECT cardId FROM cardSuspension)
          """, arguments: [Milliseconds.from(start), Milliseconds.from(end)]
      ).map(Milliseconds.date)
    }
  }

  /// The due dates of a card's active siblings (same note, same sibling group) that are in
  /// review, so that the card is not scheduled on the same day.
  public func siblingDueDates(cardID: Int64) throws(StorageError) -> [Date] {
    try read { db in
      try Int64.fetchAll(db, sql: Self.siblingDueDatesQuery, arguments: [cardID])
        .map(Milliseconds.date)
    }
  }

  /// The query of ``siblingDueDates(cardID:)``, with the card's id as its one argument. The
  /// siblings are found through the index card_stats (status, noteId, ...): the cards of the
  /// card's note, a few hundred at most.
  static let siblingDueDatesQuery = """
    SELECT cardSchedule.due FROM card AS this
    JOIN card AS sibling ON sibling.noteId = this.noteId
      AND sibling.siblingGroup = this.siblingGroup AND sibling.id <> this.id
    JOIN cardSchedule ON cardSchedule.cardId = sibling.id
    WHERE this.id = ? AND sibling.status = 'active' AND cardSchedule.due IS NOT NULL
      AND cardSchedule.state <> 'new'
    """

  /// How many active, unsuspended cards in steps or in review are due before `date` (for "due
  /// tomorrow").
  ///
  /// For every deck, the schedules due are counted through the `cardSchedule(state, due)`
  /// index alone, less those of the retired cards and of the suspended ones (each found from
  /// its own side, `CROSS JOIN` keeping SQLite to that order): the count reads no active card,
  /// however many are due. A card is active or retired (``CardStatus``).
  public func dueCount(before date: Date, deck: String? = nil) throws(StorageError) -> Int {
    let due = "cardSchedule.state IN ('learning', 'relearning', 'review') AND cardSchedule.due < ?"
    guard let deck else {
      let moment = Milliseconds.from(date)
      return try read { db in
        try Int.fetchOne(
          db,
          sql: """
            SELECT (SELECT count(*) FROM cardSchedule WHERE \(due))
              - (SELECT count(*) FROM card CROSS JOIN cardSchedule ON cardSchedule.cardId = card.id
                 WHERE card.status = 'retired' AND \(due))
              - (SELECT count(*) FROM cardSuspension CROSS JOIN card ON card.id = cardSuspension.cardId
                 CROSS JOIN cardSchedule ON cardSchedule.cardId = card.id
                 WHERE card.status = 'active' AND \(due))
            """, arguments: [moment, moment, moment]) ?? 0
      }
    }
    let (condition, deckArguments) = Self.deckCondition(deck)
    var arguments: StatementArguments = [Milliseconds.from(date)]
    _ = arguments.append(contentsOf: deckArguments)
    return try read { db in
      try Int.fetchOne(
        db,
        sql: """
          SELECT count(*) FROM cardSchedule JOIN card ON card.id = cardSchedule.cardId
          WHERE \(due) AND card.status = 'active'
            AND card.id NOT IN (SELECT cardId FROM cardSuspension) AND \(condition)
          """, arguments: arguments) ?? 0
    }
  }

  /// Buries a card until `until`: today's reviews leave it out.
  public func bury(cardID: Int64, until: Date, at now: Date) throws(StorageError) {
    try write { db in
      guard try CardRecord.exists(db, key: cardID) else {
        throw StorageError.cardNotFound(id: cardID)
      }
      try db.execute(
        sql: "INSERT OR REPLACE INTO cardBury (cardId, buriedUntil, buriedAt) VALUES (?, ?, ?)",
        arguments: [cardID, Milliseconds.from(until), Milliseconds.from(now)])
    }
  }

  /// Takes a card out of the buried ones (an undone bury); nothing happens if it is not buried.
  public func unbury(cardID: Int64) throws(StorageError) {
    try write { db in
      try db.execute(sql: "DELETE FROM cardBury WHERE cardId = ?", arguments: [cardID])
    }
  }

  /// Whether the store holds no notes yet (a first run).
  ///
  /// Asked in SQL: GRDB's query builder took 1.4 million instructions, 2% of a review's start.
  public func isEmpty() throws(StorageError) -> Bool {
    try read { db in try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM note)") ?? true }
  }
}

extension Store {
  /// Appends many answers to the review log in one transaction, each card's schedule set to the
  /// state after its last answer: for replays, merges and benchmarks. All or nothing.
  ///
  /// - Throws: what ``recordReview(_:)`` throws for the first entry that breaks a rule.
  public func recordReviews(_ entries: [StoredReview]) throws(StorageError) {
    if let bad = entries.first(where: { !(1...4).contains($0.rating) }) {
      throw .invalidValue("A review's rating is 1 to 4; \(bad.rating) is not a rating.")
    }
    if entries.contains(where: { $0.durationMilliseconds < 0 }) {
      throw .invalidValue("A review's duration cannot be negative.")
    }
    try write { db in
      for entry in entries {
        guard try CardRecord.exists(db, key: entry.cardID) else {
          throw StorageError.cardNotFound(id: entry.cardID)
        }
        if try ReviewLog.isLogged(db, uid: entry.id, cardID: entry.cardID) {
          throw StorageError.duplicateReview(id: entry.id.uuidString)
        }
        try ReviewLog.append(db, entry)
        try CardScheduleRecord(cardId: entry.cardID, entry.after).save(db)
      }
    }
  }
}
