import Foundation
import GRDB

/// What ``Store/suspend(cardIDs:at:)`` and the other card actions changed.
public struct CardActionResult: Hashable, Sendable {
  /// The cards changed.
  public var changed: [Int64]
  /// The cards left as they were, because they already were as asked.
  public var unchanged: [Int64]

  /// Creates a result.
  public init(changed: [Int64], unchanged: [Int64]) {
    self.changed = changed
    self.unchanged = unchanged
  }
}

/// A deck's cards counted: what `recall decks` shows.
public struct DeckSummary: Hashable, Sendable {
  /// The deck: a note's path relative to the folder imported.
  public var deck: String
  /// Active cards never reviewed, not suspended.
  public var new: Int
  /// Active cards in learning or relearning steps, not suspended.
  public var learning: Int
  /// Active cards in review, not suspended.
  public var review: Int
  /// Active cards that are suspended.
  public var suspended: Int
  /// Active cards tagged a leech (suspended or not).
  public var leeches: Int
  /// Cards that left their note, or whose deck was removed.
  public var retired: Int
  /// Active, unsuspended cards in steps or in review due before the end of the study day.
  public var due: Int

  /// Creates a summary.
  public init(
    deck: String, new: Int, learning: Int, review: Int, suspended: Int, leeches: Int, retired: Int,
    due: Int
  ) {
    self.deck = deck
    self.new = new
    self.learning = learning
    self.review = review
    self.suspended = suspended
    self.leeches = leeches
    self.retired = retired
    self.due = due
  }

  /// The active cards: new, learning, review and suspended.
  public var active: Int { new + learning + review + suspended }
}

extension Store {
  // MARK: - Suspending

  /// Suspends cards: reviews and quizzes leave them out until they are unsuspended. Their
  /// history and schedule stay; an import never unsuspends them. All or nothing.
  ///
  /// - Throws: ``StorageError/cardNotFound(id:)`` for an id with no card (nothing is written).
  @discardableResult
  public func suspend(cardIDs: [Int64], at now: Date) throws(StorageError) -> CardActionResult {
    try act(on: cardIDs) { db, cardID in
      guard try !Self.isSuspended(db, cardID) else { return false }
      try db.execute(
        sql: "INSERT INTO cardSuspension (cardId, suspendedAt, reason) VALUES (?, ?, 'user')",
        arguments: [cardID, Milliseconds.from(now)])
      try Self.log(db, cardID: cardID, action: "suspend", at: now)
      return true
    }
  }

  /// Unsuspends cards, leeches included (they keep their leech tag). All or nothing.
  ///
  /// - Throws: ``StorageError/cardNotFound(id:)`` for an id with no card (nothing is written).
  @discardableResult
  public func unsuspend(cardIDs: [Int64], at now: Date) throws(StorageError) -> CardActionResult {
    try act(on: cardIDs) { db, cardID in
      guard try Self.isSuspended(db, cardID) else { return false }
      try db.execute(sql: "DELETE FROM cardSuspension WHERE cardId = ?", arguments: [cardID])
      try Self.log(db, cardID: cardID, action: "unsuspend", at: now)
      return true
    }
  }

  // MARK: - Resetting and moving

  /// Forgets cards: each goes back to new, as if never reviewed, and loses its leech tag. The
  /// review log keeps every answer, and the schedule before the reset is logged. A suspended
  /// card stays suspended. All or nothing.
  @discardableResult
  public func reset(cardIDs: [Int64], at now: Date) throws(StorageError) -> CardActionResult {
    try act(on: cardIDs) { db, cardID in
      let before = try CardScheduleRecord.fetchOne(db, key: cardID)
      let isLeech = try Bool.fetchOne(
        db, sql: "SELECT EXISTS (SELECT 1 FROM cardLeech WHERE cardId = ?)", arguments: [cardID]) ?? false
      guard before != nil || isLeech else { return false }
      try Self.log(db, cardID: cardID, action: "reset", before: before, at: now)
      try db.execute(sql: "DELETE FROM cardSchedule WHERE cardId = ?", arguments: [cardID])
      try db.execute(sql: "DELETE FROM cardLeech WHERE cardId = ?", arguments: [cardID])
      try db.execute(
        sql: "UPDATE cardSuspension SET reason = 'user', reviewId = NULL WHERE cardId = ?",
        arguments: [cardID])
      return true
    }
  }

  /// Sets the due date of cards that were reviewed at least once; the rest of their schedule
  /// stays, and the date before is logged. All or nothing.
  ///
  /// - Throws: ``StorageError/invalidValue(_:)`` naming the cards never reviewed (they have no
  ///   schedule to move: they come with the new cards), and nothing is written.
  @discardableResult
  public func setDue(cardIDs: [Int64], due: Date, at now: Date) throws(StorageError)
    -> CardActionResult
  {
    try act(on: cardIDs) { db, cardID in
      guard var schedule = try CardScheduleRecord.fetchOne(db, key: cardID), schedule.state != "new"
      else {
        throw StorageError.invalidValue(
          "Card \(cardID) was never reviewed, so it has no due date to move: it comes with the "
            + "new cards. Leave it out, or review it once first.")
      }
      let dueAfter = Milliseconds.from(due)
      guard schedule.due != dueAfter else { return false }
      try Self.log(db, cardID: cardID, action: "due", before: schedule, dueAfter: dueAfter, at: now)
      schedule.due = dueAfter
      try schedule.update(db)
      return true
    }
  }

  // MARK: - Leeches

  /// Tags a card a leech after the answer `reviewID` (its `review.id`) and, with `suspend`, suspends it; undoing
  /// that answer takes both back (see ``undoReview(id:at:)``).
  func tagLeech(
    _ db: Database, cardID: Int64, lapses: Int, reviewID: Int64, suspend: Bool, at now: Date
  ) throws {
    try db.execute(
      sql: """
        INSERT INTO cardLeech (cardId, taggedAt, lapses, reviewId) VALUES (?, ?, ?, ?)
        ON CONFLICT (cardId) DO NOTHING
        """, arguments: [cardID, Milliseconds.from(now), lapses, reviewID])
    if suspend {
      try db.execute(
        sql: """
          INSERT INTO cardSuspension (cardId, suspendedAt, reason, reviewId) VALUES (?, ?, 'leech', ?)
          ON CONFLICT (cardId) DO NOTHING
          """, arguments: [cardID, Milliseconds.from(now), reviewID])
    }
  }

  /// Takes back what the answer `reviewID` did to its card beyond its schedule: a leech tag and
  /// a suspension.
  func untagLeech(_ db: Database, reviewID: Int64) throws {
    try db.execute(sql: "DELETE FROM cardLeech WHERE reviewId = ?", arguments: [reviewID])
    try db.execute(sql: "DELETE FROM cardSuspension WHERE reviewId = ?", arguments: [reviewID])
  }

  // MARK: - Decks

  /// Each deck that has cards, with its cards counted by state and those due before `dueBefore`
  /// (the end of the study day); buried cards count as due, as they are due today.
  public func deckSummaries(dueBefore: Date) throws(StorageError) -> [DeckSummary] {
    try read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT note.deck,
            sum(active AND NOT suspended AND (state IS NULL OR state = 'new')),
            sum(active AND NOT suspended AND state IN ('learning', 'relearning')),
            sum(active AND NOT suspended AND state = 'review'),
            sum(active AND suspended),
            sum(active AND leech),
            sum(NOT active),
            sum(active AND NOT suspended AND state <> 'new' AND due < ?)
          FROM (
            SELECT card.noteId, card.status = 'active' AS active, cardSchedule.state,
              cardSchedule.due,
              EXISTS (SELECT 1 FROM cardSuspension WHERE cardSuspension.cardId = card.id) AS suspended,
              EXISTS (SELECT 1 FROM cardLeech WHERE cardLeech.cardId = card.id) AS leech
            FROM card LEFT JOIN cardSchedule ON cardSchedule.cardId = card.id
          ) AS counted
          JOIN note ON note.id = counted.noteId
          GROUP BY note.deck ORDER BY note.deck
          """, arguments: [Milliseconds.from(dueBefore)]
      ).map { row in
        DeckSummary(
          deck: row[0], new: row.value(1) ?? 0, learning: row.value(2) ?? 0, review: row.value(3) ?? 0,
          suspended: row.value(4) ?? 0, leeches: row.value(5) ?? 0, retired: row.value(6) ?? 0,
          due: row.value(7) ?? 0)
      }
    }
  }

  /// Removes decks: the active cards of every note of `deck` (a note's deck, the same without
  /// `.md`, or a folder of decks) are retired, with their history, as if the note files were
  /// deleted; importing the notes again restores them.
  ///
  /// - Returns: The notes removed (deck and file) and the cards retired.
  /// - Throws: ``StorageError/invalidValue(_:)`` when no note with active cards is in `deck`.
  public func removeDeck(_ deck: String, at now: Date) throws(StorageError)
    -> (notes: [(deck: String, file: String)], cards: Int)
  {
    let (condition, arguments) = Self.deckCondition(deck)
    return try write { db in
      let notes = try NoteRecord.fetchAll(
        db,
        sql: """
          SELECT * FROM note WHERE id IN (
            SELECT card.noteId FROM card WHERE card.status = 'active' AND \(condition))
          ORDER BY deck
          """, arguments: arguments)
      guard !notes.isEmpty else {
        throw StorageError.invalidValue(
          "The deck '\(deck)' has no active cards to remove; `recall decks` lists the decks.")
      }
      let moment = Milliseconds.from(now)
      var cards = 0
      for var note in notes {
        guard let noteID = note.id else { continue }
        try db.execute(
          sql: """
            UPDATE card
            SET status = 'retired', retiredAt = max(?, createdAt), updatedAt = max(?, createdAt)
            WHERE noteId = ? AND status = 'active'
            """, arguments: [moment, moment, noteID])
        cards += db.changesCount
        note.generatorRevision = NoteRecord.removedRevision
        note.updatedAt = max(moment, note.createdAt)
        try note.update(db)
      }
      return (notes.map { ($0.deck, $0.file) }, cards)
    }
  }

  // MARK: - Helpers

  /// Runs `body` on each card in one transaction, after checking that every card exists;
  /// `body` says whether it changed the card.
  private func act(on cardIDs: [Int64], _ body: (Database, Int64) throws -> Bool)
    throws(StorageError) -> CardActionResult
  {
    try write { db in
      var result = CardActionResult(changed: [], unchanged: [])
      var seen: Set<Int64> = []
      for cardID in cardIDs where seen.insert(cardID).inserted {
        guard try CardRecord.exists(db, key: cardID) else {
          throw StorageError.cardNotFound(id: cardID)
        }
        if try body(db, cardID) {
          result.changed.append(cardID)
        } else {
          result.unchanged.append(cardID)
        }
      }
      return result
    }
  }

  /// Whether the card is suspended.
  private static func isSuspended(_ db: Database, _ cardID: Int64) throws -> Bool {
    try Bool.fetchOne(
      db, sql: "SELECT EXISTS (SELECT 1 FROM cardSuspension WHERE cardId = ?)", arguments: [cardID])
      ?? false
  }

  /// Appends an action to the card action log.
  private static func log(
    _ db: Database, cardID: Int64, action: String, before: CardScheduleRecord? = nil,
    dueAfter: Int64? = nil, at now: Date
  ) throws {
    let scheduleJSON = try before.map { record in
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      return String(decoding: try encoder.encode(record), as: UTF8.self)
    }
    try db.execute(
      sql: """
        INSERT INTO cardAction (cardId, actedAt, action, scheduleBefore, dueAfter)
        VALUES (?, ?, ?, ?, ?)
        """, arguments: [cardID, Milliseconds.from(now), action, scheduleJSON, dueAfter])
  }
}
