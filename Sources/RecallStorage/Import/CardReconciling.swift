import Foundation
import GRDB
import RecallCards

/// Brings the stored cards of one note in line with the cards its text gives now, inside an
/// import's transaction. No card is ever deleted, so no review loses its card.
struct CardReconciling {
  let db: Database
  /// The import's one clock, in milliseconds.
  let now: Int64
  /// Whether to list every card touched in ``ImportReport/cardChanges``.
  let listsCards: Bool
  /// The UUIDs of the cards added.
  var uids = RandomUUIDs()

  /// Adds `cards` as new active cards of note `noteID`, each named by a new random UUID.
  ///
  /// Through cached statements rather than records: a first import adds thousands of cards,
  /// and encoding each through `Codable` took longer than SQLite's own work. Up to
  /// ``cardsPerInsert`` cards go in one `INSERT`: each card fires the `newCard` trigger, so
  /// SQLite keeps a statement journal (a copy of every page the statement touches, to undo it
  /// alone), and one statement for many cards copies those pages once instead of once a card.
  /// A table card's orientation is kept too, where the card table has its column (a database
  /// of a schema from before migration 0012, as the migration tests write one, has not). Each
  /// UUID goes in as its 16 bytes, or as text in a card table from before migration 0016.
  mutating func add(_ cards: [Card], noteID: Int64, file: String, report: inout ImportReport) throws {
    let keepsOrientation = try Store.cardsHaveOrientation(db)
    let uidBytes = try CardUID.tableHoldsBytes(db)
    // The cards of one section share their heading path: encoded once for them all.
    var context: (list: [String], json: String) = ([], "[]")
    for start in stride(from: 0, to: cards.count, by: Self.cardsPerInsert) {
      let rows = cards[start..<min(start + Self.cardsPerInsert, cards.count)]
      let sql = (keepsOrientation ? Self.insertsWithOrientation : Self.inserts)[rows.count - 1]
      let insert = try db.cachedStatement(sql: sql)
      var arguments = StatementArguments()
      for card in rows {
        if card.context != context.list { context = (card.context, StringListJSON.encode(card.context)) }
        arguments += [
          CardUID(uids.next(), asBytes: uidBytes), noteID, card.key, card.kind.rawValue, card.prompt, card.answer,
          StringListJSON.encode(card.choices), context.json, card.detail,
          card.siblingGroup, max(card.line, 1), card.contentHash, now, now, now,
        ]
        if keepsOrientation { arguments += [card.orientation?.rawValue] }
      }
      try insert.execute(arguments: arguments)
    }
    if listsCards {
      report.cardChanges += cards.map { CardChange(.added, file: file, card: $0) }
    }
    report.added += cards.count
  }

  /// The most cards one `INSERT` of ``add(_:noteID:file:report:)`` writes: past a few dozen,
  /// larger statements saved nothing more.
  static let cardsPerInsert = 32

  /// The `INSERT`s of 1 to ``cardsPerInsert`` new active cards (by their number less one), with
  /// the `orientation` column and without.
  static let insertsWithOrientation = (1...cardsPerInsert).map { insertSQL(rows: $0, orientation: true) }
  static let inserts = (1...cardsPerInsert).map { insertSQL(rows: $0, orientation: false) }

  /// The `INSERT` of `rows` new active cards, with the `orientation` column or without.
  static func insertSQL(rows: Int, orientation: Bool) -> String {
    let columns =
      "uid, noteId, key, kind, prompt, answer, choices, context, detail, siblingGroup, line, contentHash, "
      + "status, createdAt, updatedAt, contentChangedAt" + (orientation ? ", orientation" : "")
    let row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?" + (orientation ? ", ?)" : ")")
    return "INSERT INTO card (\(columns)) VALUES " + Array(repeating: row, count: rows).joined(separator: ", ")
  }

  /// Pairs each of `generated` with a stored card of note `noteID` (active or retired), updates
  /// the pairs in place, adds the rest, and retires the active cards left over.
  mutating func reconcile(noteID: Int64, file: String, with generated: [Card], report: inout ImportReport) throws {
    let stored = try CardRecord
      .filter(CardRecord.Columns.noteId == noteID)
      .order(sql: "status = 'retired', id")
      .fetchAll(db)
    let reviews = listsCards ? try reviewCounts(noteID: noteID) : [:]
    let orientations = try storedOrientations(noteID: noteID)
    let pairs = CardMatching.pairs(stored: stored.map(\.card), generated: generated)
    let pairedStored = Set(pairs.map(\.stored))
    let pairedGenerated = Set(pairs.map(\.generated))

    // Moving keys in two steps keeps UNIQUE(noteId, key) true after every statement, even when
    // two cards swap keys.
    for pair in pairs where stored[pair.stored].key != generated[pair.generated].key {
      try CardRecord.filter(key: stored[pair.stored].id).updateAll(
        db, CardRecord.Columns.key.set(to: "\u{1}moving \(stored[pair.stored].uid.text)"))
    }
    for pair in pairs {
      var record = stored[pair.stored]
      let card = generated[pair.generated]
      let wasRetired = record.status == CardStatus.retired.rawValue
      // What the user learns: the question and the answer. New distractors (choices) or a new
      // place in the note update the card silently; they do not make it "changed".
      let contentChanged =
        record.prompt != card.prompt || record.answer != card.answer || record.detail != card.detail
      let change: CardChange.Kind?
      if wasRetired {
        report.restored += 1
        change = .restored
      } else if contentChanged {
        report.changed += 1
        change = .changed
      } else {
        report.unchanged += 1
        change = record.context == StringListJSON.encode(card.context) ? nil : .moved
      }
      if listsCards, let change {
        var entry = CardChange(change, file: file, card: card, reviews: reviews[record.id ?? 0] ?? 0)
        if change == .changed { entry.before = CardChange.Text(prompt: record.prompt, answer: record.answer) }
        if change == .moved { entry.fromContext = StringListJSON.decode(record.context) }
        report.cardChanges.append(entry)
      }
      let updated = record.updated(to: card, now: now, contentChanged: wasRetired || contentChanged)
      if updated != record {
        record = updated
        try record.update(db)
      }
      if let orientations, let id = record.id, orientations[id] != card.orientation?.rawValue {
        try db.execute(
          sql: "UPDATE card SET orientation = ? WHERE id = ?", arguments: [card.orientation?.rawValue, id])
      }
    }
    let added = generated.indices.filter { !pairedGenerated.contains($0) }.map { generated[$0] }
    try add(added, noteID: noteID, file: file, report: &report)
    for (index, record) in stored.enumerated()
    where !pairedStored.contains(index) && record.status == CardStatus.active.rawValue {
      try retire(record, file: file, reviews: reviews, report: &report)
    }
  }

  /// Retires every active card of note `noteID` (its file was deleted) and returns how many.
  func retireAll(noteID: Int64, file: String, report: inout ImportReport) throws -> Int {
    let active = try CardRecord.filter(CardRecord.Columns.noteId == noteID)
      .filter(CardRecord.Columns.status == CardStatus.active.rawValue)
      .order(CardRecord.Columns.id).fetchAll(db)
    let reviews = listsCards ? try reviewCounts(noteID: noteID) : [:]
    for record in active {
      try retire(record, file: file, reviews: reviews, report: &report)
    }
    return active.count
  }

  /// Retires one active card, keeping it and its history.
  private func retire(
    _ record: CardRecord, file: String, reviews: [Int64: Int], report: inout ImportReport
  ) throws {
    var record = record
    record.status = CardStatus.retired.rawValue
    record.retiredAt = max(now, record.createdAt)
    record.updatedAt = max(now, record.createdAt)
    try record.update(db)
    report.retired += 1
    if listsCards {
      report.cardChanges.append(
        CardChange(.retired, file: file, card: record.card, reviews: reviews[record.id ?? 0] ?? 0))
    }
  }

  /// The stored orientation of each card of note `noteID` (`nil` in the map for a card with
  /// none), or `nil` where the card table has no `orientation` column (before migration 0012).
  ///
  /// Kept apart from ``CardRecord``, which reads and writes every schema since the first one;
  /// an orientation is what the reader chose, not what the user learns, so a change of it alone
  /// moves none of the card's times.
  private func storedOrientations(noteID: Int64) throws -> [Int64: String?]? {
    guard try Store.cardsHaveOrientation(db) else { return nil }
    let rows = try Row.fetchAll(db, sql: "SELECT id, orientation FROM card WHERE noteId = ?", arguments: [noteID])
    return Dictionary(uniqueKeysWithValues: rows.map { ($0[0] as Int64, $0[1] as String?) })
  }

  /// The number of reviews (not undone) of each card of note `noteID` that has any.
  private func reviewCounts(noteID: Int64) throws -> [Int64: Int] {
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT review.cardId, count(*) FROM review JOIN card ON card.id = review.cardId
        WHERE card.noteId = ? AND review.id NOT IN (SELECT reviewId FROM reviewUndo)
        GROUP BY review.cardId
        """, arguments: [noteID])
    return Dictionary(uniqueKeysWithValues: rows.map { ($0[0] as Int64, $0[1] as Int) })
  }
}

extension CardRecord {
  /// This card holding `card`'s text and place, active; its times moved to `now` where
  /// anything changed (and its content time too if `contentChanged`).
  func updated(to card: Card, now: Int64, contentChanged: Bool) -> CardRecord {
    var next = self
    next.key = card.key
    next.kind = card.kind.rawValue
    next.prompt = card.prompt
    next.answer = card.answer
    next.choices = StringListJSON.encode(card.choices)
    next.context = StringListJSON.encode(card.context)
    next.detail = card.detail
    next.siblingGroup = card.siblingGroup
    next.line = max(card.line, 1)
    next.contentHash = card.contentHash
    next.status = CardStatus.active.rawValue
    next.retiredAt = nil
    if next != self {
      next.updatedAt = max(now, createdAt)
      if contentChanged { next.contentChangedAt = max(now, createdAt) }
    }
    return next
  }
}

/// Random (version 4) UUIDs, their bytes read from the system's random source 256 UUIDs at a
/// time: Foundation's `UUID()` opens and reads `/dev/urandom` for each one on Linux, and
/// `SystemRandomNumberGenerator` makes a system call for each 8 bytes (15,000 calls for the
/// corpus's cards).
struct RandomUUIDs {
  /// The random bytes not used yet.
  private var bytes: ArraySlice<UInt8> = []

  /// The bytes of the UUIDs drawn at once.
  static let batchBytes = 16 * 256

  /// The next UUID.
  mutating func next() -> UUID {
    if bytes.count < 16 { bytes = Self.draw() }
    var uuid = Array(bytes.prefix(16))
    bytes = bytes.dropFirst(16)
    uuid[6] = uuid[6] & 0x0F | 0x40  // version 4
    uuid[8] = uuid[8] & 0x3F | 0x80  // variant 10
    return UUID(
      uuid: (
        uuid[0], uuid[1], uuid[2], uuid[3], uuid[4], uuid[5], uuid[6], uuid[7],
        uuid[8], uuid[9], uuid[10], uuid[11], uuid[12], uuid[13], uuid[14], uuid[15]
      ))
  }

  /// ``batchBytes`` random bytes: read from `/dev/urandom`, or drawn from
  /// `SystemRandomNumberGenerator` if it cannot be read.
  private static func draw() -> ArraySlice<UInt8> {
    let file = FileHandle(forReadingAtPath: "/dev/urandom")
    let read = (try? file?.read(upToCount: batchBytes)).flatMap { $0 } ?? Data()
    try? file?.close()
    if read.count == batchBytes { return ArraySlice(read) }
    var generator = SystemRandomNumberGenerator()
    let words = (0..<batchBytes / 8).map { _ in generator.next() as UInt64 }
    return ArraySlice(words.flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) } })
  }
}
