import Foundation
import RecallScheduling
import GRDB
import RecallCards

extension Store {
  /// The stored cards, in note and line order, with their status and scheduling state.
  ///
  /// - Parameters:
  ///   - deck: Only the cards of this deck: a note's deck (`aws/ecs.md`), the same without
  ///     `.md`, or a folder of decks (`aws`). `nil` for every deck.
  ///   - status: Only cards with this status; `nil` for both.
  ///   - filter: Only the cards it keeps. Its state and due moment are read through the
  ///     schedule's index; its text is looked for in the cards as they are read, and only the
  ///     cards that hold it are kept.
  public func cards(
    deck: String? = nil, status: CardStatus? = nil, filter listFilter: CardListFilter = CardListFilter()
  ) throws(StorageError) -> [StoredCard] {
    var conditions: [String] = []
    var arguments: StatementArguments = []
    if let deck {
      let (condition, deckArguments) = Self.deckCondition(deck)
      conditions.append(condition)
      _ = arguments.append(contentsOf: deckArguments)
    }
    if let status {
      conditions.append("card.status = ?")
      _ = arguments.append(contentsOf: [status.rawValue])
    }
    return try read { db in
      for (condition, filterArguments) in listFilter.conditions(
        managed: try db.tableExists("cardSuspension"))
      {
        conditions.append("(\(condition))")
        _ = arguments.append(contentsOf: filterArguments)
      }
      let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
      return try Self.withManagement(
        Self.storedCards(
          db, filter, order: "note.deck, card.line, card.id", arguments: arguments,
          keeping: listFilter.text == nil ? nil : { listFilter.holdsText($0.card) }), db)
    }
  }

  /// The SQL condition on `card` that selects a deck: the deck itself, the same with `.md`, or
  /// a folder of decks; with its arguments.
  static func deckCondition(_ deck: String) -> (String, StatementArguments) {
    let trimmed = deck.hasSuffix("/") ? String(deck.dropLast()) : deck
    return (
      "card.noteId IN (SELECT note.id FROM note WHERE note.deck = ? OR note.deck = ? "
        + "OR substr(note.deck, 1, ?) = ?)",
      [trimmed, trimmed + ".md", trimmed.unicodeScalars.count + 1, trimmed + "/"]
    )
  }

  /// The decks that hold active cards, in order.
  public func decks() throws(StorageError) -> [String] {
    try read { db in
      try String.fetchAll(
        db,
        sql: """
          SELECT DISTINCT note.deck FROM note
          WHERE EXISTS (SELECT 1 FROM card WHERE card.noteId = note.id AND card.status = 'active')
          ORDER BY note.deck
          """)
    }
  }

  /// Whether `deck` (a note's deck, the same without `.md`, or a folder of decks) names any
  /// stored card, active or retired.
  public func hasDeck(_ deck: String) throws(StorageError) -> Bool {
    let (condition, arguments) = Self.deckCondition(deck)
    return try read { db in
      try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM card WHERE \(condition))", arguments: arguments)
        ?? false
    }
  }

  /// The card with this id, if there is one.
  public func card(id: Int64) throws(StorageError) -> StoredCard? {
    try read { db in
      try Self.withManagement(
        Row.fetchAll(db, sql: Self.storedCardQuery(db) + " WHERE card.id = ?", arguments: [id])
          .map(Self.storedCard), db
      ).first
    }
  }

  /// The stored notes, by deck.
  public func notes() throws(StorageError) -> [StoredNote] {
    try read { db in
      try NoteRecord.order(NoteRecord.Columns.deck, NoteRecord.Columns.file).fetchAll(db).map {
        StoredNote(
          id: $0.id ?? 0, file: $0.file, deck: $0.deck, contentHash: $0.contentHash,
          createdAt: Milliseconds.date($0.createdAt), updatedAt: Milliseconds.date($0.updatedAt),
          removedAt: $0.isRemoved ? Milliseconds.date($0.updatedAt) : nil)
      }
    }
  }

  /// The number of cards with each status.
  public func cardCounts() throws(StorageError) -> [CardStatus: Int] {
    try read { db in
      var counts: [CardStatus: Int] = [.active: 0, .retired: 0]
      for row in try Row.fetchAll(db, sql: "SELECT status, count(*) FROM card GROUP BY status") {
        if let status = CardStatus(rawValue: row[0]) { counts[status] = row.value(1) ?? 0 }
      }
      return counts
    }
  }

  /// The columns of a stored card, in the order ``storedCard(_:)`` reads them.
  ///
  /// A database of a schema from before migration 0012 (as the migration tests open one) has
  /// no `card.orientation`: its cards read with none.
  ///
  /// - Parameter whole: `false` leaves out what only asking the card needs (see
  ///   ``reviewCandidates(deck:dueBefore:newLimit:reviewLimit:dayOrder:now:whole:)``): its uid,
  ///   key, file, prompt, answer, choices, detail and content hash read empty.
  static func storedCardQuery(_ db: Database, whole: Bool = true) throws -> String {
    let orientation = try cardsHaveOrientation(db) ? "card.orientation" : "NULL"
    let asked =
      whole
      ? (uid: "card.uid", key: "card.key", file: "note.file",
         texts: "card.prompt, card.answer, card.choices", detail: "card.detail", hash: "card.contentHash")
      : (uid: "''", key: "''", file: "''", texts: "'', '', '[]'", detail: "NULL", hash: "''")
    return """
      SELECT card.id, \(asked.uid), card.noteId, \(asked.key), card.kind, note.deck,
        \(asked.file), card.line, \(asked.texts), card.context, \(asked.detail),
        card.siblingGroup, \(asked.hash), card.status, card.createdAt, card.updatedAt,
        card.contentChangedAt, card.retiredAt, \(scheduleColumns), \(orientation)
      """ + storedCardTables
  }

  /// The columns of a card's schedule, in the order ``schedule(_:from:)`` reads them.
  static let scheduleColumns = """
    cardSchedule.state, cardSchedule.step, cardSchedule.stability, cardSchedule.difficulty,
    cardSchedule.due, cardSchedule.lastReview, coalesce(cardSchedule.reps, 0),
    coalesce(cardSchedule.lapses, 0)
    """

  /// The schedule in the ``scheduleColumns`` of `row` that start at `first`.
  ///
  /// Numbers are read whatever the column holds (``Row/value(_:)``): one that is not a number
  /// reads as unknown (`nil`), or as 0 for the counts. A card with no schedule row is new.
  static func schedule(_ row: Row, from first: Int) -> CardSchedule {
    CardSchedule(
      state: (row.value(first) as String?).flatMap(CardPhase.init(name:)) ?? .new,
      step: row.value(first + 1), stability: row.value(first + 2), difficulty: row.value(first + 3),
      due: (row.value(first + 4) as Int64?).map(Milliseconds.date),
      lastReview: (row.value(first + 5) as Int64?).map(Milliseconds.date), reps: row.value(first + 6) ?? 0,
      lapses: row.value(first + 7) ?? 0)
  }

  /// Whether the card table has the `orientation` column of migration 0012 (GRDB caches the
  /// schema, so this reads it once per connection and schema change).
  static func cardsHaveOrientation(_ db: Database) throws -> Bool {
    try db.columns(in: "card").contains { $0.name == "orientation" }
  }

  /// The tables of ``storedCardQuery``: a card with its note and schedule.
  static let storedCardTables = """
     FROM card
    JOIN note ON note.id = card.noteId
    LEFT JOIN cardSchedule ON cardSchedule.cardId = card.id
    """

  /// The stored cards that `filter` (a `WHERE` clause on ``storedCardTables``, or empty)
  /// selects, in `order` (an `ORDER BY` list, with a `LIMIT ?` after it if wanted).
  ///
  /// The cards' texts never go through SQLite's sorter, and each card is made from its row as
  /// SQLite steps to it: the order is worked out on the ids alone, then the cards are read by
  /// id and put in that order. A card with a 50 MB answer is then copied once or twice on its
  /// way out of SQLite, not four times. With `keeping`, only the cards it keeps are held: the
  /// others are let go as they are read.
  static func storedCards(
    _ db: Database, _ filter: String, order: String, arguments: StatementArguments,
    keeping keep: ((StoredCard) -> Bool)? = nil, whole: Bool = true
  ) throws -> [StoredCard] {
    let ids = try Int64.fetchAll(
      db, sql: "SELECT card.id " + storedCardTables + " \(filter) ORDER BY \(order)", arguments: arguments)
    guard !ids.isEmpty else { return [] }
    var position: [Int64: Int] = [:]
    for (index, id) in ids.enumerated() { position[id] = index }
    var cards: [Int: StoredCard] = [:]
    let list = "[" + ids.map(String.init).joined(separator: ",") + "]"
    let rows = try Row.fetchCursor(
      db, sql: storedCardQuery(db, whole: whole) + " WHERE card.id IN (SELECT value FROM json_each(?))",
      arguments: [list])
    while let row = try rows.next() {
      let card = storedCard(row)
      if let index = position[card.id], keep?(card) ?? true { cards[index] = card }
    }
    return cards.keys.sorted().compactMap { cards[$0] }
  }

  /// The stored cards that `filter` (a `WHERE` clause on ``storedCardTables``) selects, in no
  /// set order, each row made into a card as SQLite steps to it.
  ///
  /// For a filter that finds a few cards by id: their pages are read once (a first pass for
  /// the ids, then one for the rows, reads each page twice when they do not all fit SQLite's
  /// cache) and, with no `ORDER BY`, no sorter copies their texts.
  static func storedCards(
    _ db: Database, unordered filter: String, arguments: StatementArguments, whole: Bool = true
  ) throws -> [StoredCard] {
    try Array(
      Row.fetchCursor(db, sql: storedCardQuery(db, whole: whole) + filter, arguments: arguments).map(storedCard))
  }

  /// The stored cards of `ids`, in that order, read in one pass; an id without a card is left
  /// out.
  static func storedCards(_ db: Database, ids: [Int64], whole: Bool = true) throws -> [StoredCard] {
    guard !ids.isEmpty else { return [] }
    let found = try storedCards(
      db, unordered: " WHERE card.id IN (SELECT value FROM json_each(?))",
      arguments: ["[" + ids.map(String.init).joined(separator: ",") + "]"], whole: whole)
    var place: [Int64: Int] = [:]
    for (index, id) in ids.enumerated() { place[id] = index }
    // The places sorted, not the cards.
    let places = found.map { place[$0.id] ?? 0 }
    return found.indices.sorted { places[$0] < places[$1] }.map { found[$0] }
  }

  /// The stored card in a row of ``storedCardQuery``.
  ///
  /// Numbers are read whatever the column holds (``Row/value(_:)``): one that is not a number
  /// reads as unknown (`nil`), or as 0 where the card needs a number (line, counts, times).
  static func storedCard(_ row: Row) -> StoredCard {
    let card = Card(
      key: row[3], kind: CardKind(rawValue: row[4]) ?? .section, deck: row[5], file: row[6],
      line: row.value(7) ?? 0, prompt: row[8], answer: row[9], choices: StringListJSON.decode(row[10]),
      context: StringListJSON.decode(row[11]), detail: row[12], siblingGroup: row[13],
      contentHash: row[14], orientation: (row[28] as String?).flatMap(TableOrientation.init(rawValue:)))
    let schedule = schedule(row, from: 20)
    // The UUID's text made here, not in SQL: `hex()` five times a row, substrings and joins
    // were a tenth of the instructions of a review's start.
    return StoredCard(
      id: row.value(0) ?? 0, uid: (row.value(1) as DatabaseValue?).flatMap(CardUID.text(of:)) ?? "", noteID: row.value(2) ?? 0, card: card,
      status: CardStatus(rawValue: row[15]) ?? .active, schedule: schedule,
      createdAt: Milliseconds.date(row.value(16) ?? 0), updatedAt: Milliseconds.date(row.value(17) ?? 0),
      contentChangedAt: Milliseconds.date(row.value(18) ?? 0),
      retiredAt: (row.value(19) as Int64?).map(Milliseconds.date))
  }

  /// The cards with ``StoredCard/isSuspended`` and ``StoredCard/isLeech`` set.
  ///
  /// Read apart from ``storedCardQuery`` (both tables are small), so that the query also reads
  /// a database of a schema from before suspensions, as the migration tests open one.
  static func withManagement(_ cards: [StoredCard], _ db: Database) throws -> [StoredCard] {
    guard !cards.isEmpty, try db.tableExists("cardSuspension") else { return cards }
    let suspended = Set(try Int64.fetchAll(db, sql: "SELECT cardId FROM cardSuspension"))
    let leeches = Set(try Int64.fetchAll(db, sql: "SELECT cardId FROM cardLeech"))
    guard !suspended.isEmpty || !leeches.isEmpty else { return cards }
    return cards.map { stored in
      let (isSuspended, isLeech) = (suspended.contains(stored.id), leeches.contains(stored.id))
      guard isSuspended != stored.isSuspended || isLeech != stored.isLeech else { return stored }
      var stored = stored
      stored.isSuspended = isSuspended
      stored.isLeech = isLeech
      return stored
    }
  }
}
