import GRDB
import GRDBSQLite
import RecallCards

/// The new-card rows of one note as the `card` table stores them, made by an import's worker so
/// that the writer only binds and steps.
///
/// Every text of every card (the JSON of its choices and context, and the rest) is UTF-8 back to
/// back in one buffer; the writer binds each text in place, without copying it. The cards' UIDs
/// are not here: the writer gives them, in the order it inserts the cards (see ``CardUIDs``).
struct CardRows: Sendable {
  /// The texts of a card, in this order: key, kind, prompt, answer, choices, context, detail,
  /// siblingGroup, contentHash.
  static let textsPerCard = 9

  /// The texts of all cards, back to back.
  private(set) var bytes: [UInt8] = []
  /// Where each text ends in ``bytes``: ``textsPerCard`` per card.
  private(set) var ends: [Int] = []
  /// Each card's line (at least 1).
  private(set) var lines: [Int64] = []
  /// Whether each card has a detail (a card without one stores NULL).
  private(set) var hasDetail: [Bool] = []

  /// The rows of `cards`.
  init(_ cards: [Card]) {
    ends.reserveCapacity(cards.count * Self.textsPerCard)
    lines.reserveCapacity(cards.count)
    hasDetail.reserveCapacity(cards.count)
    // The cards of one section share their context: its JSON is written once and copied.
    var lastContext: (list: [String], json: [UInt8])?
    // The cards are read in place, field by field: a copy of each card would retain and release
    // every text it holds.
    for index in cards.indices {
      append(cards[index].key)
      append(cards[index].kind.rawValue)
      append(cards[index].prompt)
      append(cards[index].answer)
      StringListJSON.append(cards[index].choices, to: &bytes)
      ends.append(bytes.count)
      if lastContext?.list != cards[index].context {
        var json: [UInt8] = []
        StringListJSON.append(cards[index].context, to: &json)
        lastContext = (cards[index].context, json)
      }
      bytes.append(contentsOf: lastContext?.json ?? [])
      ends.append(bytes.count)
      if let detail = cards[index].detail {
        append(detail)
        hasDetail.append(true)
      } else {
        ends.append(bytes.count)
        hasDetail.append(false)
      }
      append(cards[index].siblingGroup)
      append(cards[index].contentHash)
      lines.append(Int64(max(cards[index].line, 1)))
    }
  }

  /// Appends one text and marks its end.
  private mutating func append(_ text: String) {
    bytes.append(contentsOf: text.utf8)
    ends.append(bytes.count)
  }

  /// The number of cards.
  var count: Int { lines.count }

  /// Where text `text` (0 for the key, see ``textsPerCard``) of card `card` lies in ``bytes``.
  func range(card: Int, text: Int) -> Range<Int> {
    let index = card * Self.textsPerCard + text
    return (index == 0 ? 0 : ends[index - 1])..<ends[index]
  }
}

/// Writes the new cards of one import through a single prepared statement, binding each value
/// with SQLite's C API.
///
/// An import of a large folder adds thousands of cards; GRDB's `StatementArguments` boxes
/// every value and its statement cache hashes the SQL text on each call, which together cost
/// more than SQLite's own work. The texts come ready in ``CardRows`` and are bound in place
/// (`SQLITE_STATIC`): SQLite copies them into the row when the statement steps, and the bindings
/// are cleared before the rows' buffer can go away. The statement runs inside the caller's
/// transaction, and a failure is thrown as GRDB's `DatabaseError`, as any other statement's
/// would be. Each new card gets the next UID of the import's ``CardUIDs``.
final class CardInserter {
  /// The text of the statement.
  static let sql = """
    INSERT INTO card (uid, noteId, key, kind, prompt, answer, choices, context, detail,
      siblingGroup, line, contentHash, status, createdAt, updatedAt, contentChangedAt)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?)
    """

  /// The statement's parameter of each text of ``CardRows``, in their order.
  private static let textParameters: [Int32] = [3, 4, 5, 6, 7, 8, 9, 10, 12]
  /// The index of the detail among the texts of ``CardRows`` (NULL when a card has none).
  private static let detailText = 6
  /// The statement's parameter of the UID.
  private static let uidParameter: Int32 = 1

  /// The prepared statement.
  private let statement: Statement
  /// The connection, for its error messages.
  private let connection: SQLiteConnection?
  /// The import's one clock, in milliseconds: every new card's times.
  private let now: Int64
  /// The UIDs of the cards inserted, in order.
  private var uids: CardUIDs

  /// Prepares the statement on `db`.
  init(_ db: Database, now: Int64) throws {
    statement = try db.makeStatement(sql: Self.sql)
    connection = db.sqliteConnection
    self.now = now
    uids = CardUIDs(milliseconds: now)
  }

  /// Inserts the cards of `rows` at `indices`, in that order, as new active cards of note
  /// `noteID`.
  func insert(_ rows: CardRows, at indices: some Sequence<Int>, noteID: Int64) throws {
    let handle = statement.sqliteStatement
    // The UID being bound: SQLite reads it when the statement steps.
    try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: CardUIDs.length) { uidBuffer in
      try rows.bytes.withUnsafeBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return }
        // Nothing bound may outlive the buffers: the bindings are cleared before they are let go.
        defer { sqlite3_clear_bindings(handle) }
        let start = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
        let uidStart = UnsafeRawPointer(uidBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
        for card in indices {
          sqlite3_reset(handle)
          uids.writeNext(into: uidBuffer)
          var code = sqlite3_bind_int64(handle, 2, noteID)
          let uidBound = sqlite3_bind_text(
            handle, Self.uidParameter, uidStart, Int32(CardUIDs.length), Self.static)
          if code == SQLITE_OK { code = uidBound }
          for (text, parameter) in Self.textParameters.enumerated() {
            let bound: Int32
            if text == Self.detailText && !rows.hasDetail[card] {
              bound = sqlite3_bind_null(handle, parameter)
            } else {
              let range = rows.range(card: card, text: text)
              guard range.count <= Int(Int32.max) else {
                throw DatabaseError(resultCode: .SQLITE_TOOBIG, sql: Self.sql)
              }
              bound = sqlite3_bind_text(
                handle, parameter, start + range.lowerBound, Int32(range.count), Self.static)
            }
            if code == SQLITE_OK { code = bound }
          }
          let line = sqlite3_bind_int64(handle, 11, rows.lines[card])
          if code == SQLITE_OK { code = line }
          for parameter: Int32 in 13...15 {
            let bound = sqlite3_bind_int64(handle, parameter, now)
            if code == SQLITE_OK { code = bound }
          }
          if code != SQLITE_OK {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), sql: Self.sql)
          }
          let step = sqlite3_step(handle)
          if step != SQLITE_DONE {
            let extended = connection.map { sqlite3_extended_errcode($0) } ?? step
            let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            sqlite3_reset(handle)
            throw DatabaseError(
              resultCode: ResultCode(rawValue: extended), message: message, sql: Self.sql)
          }
        }
        sqlite3_reset(handle)
      }
    }
  }

  /// SQLite's `SQLITE_STATIC`: the bound bytes stay where they are until the binding changes.
  private static let `static` = unsafeBitCast(
    OpaquePointer(bitPattern: 0), to: sqlite3_destructor_type.self)
}

/// The UIDs of the cards one import adds: version 7 UUIDs (RFC 9562), in their canonical
/// upper-case text form, each greater than the one before.
///
/// A version 7 UUID starts with its time in milliseconds (the import's clock); the other 74 bits
/// (less version and variant) count up from a random start, as the RFC's "monotonic random"
/// method allows. The `card` table keeps its UIDs in a unique index, where random (version 4)
/// UUIDs land all over the index while time-ordered ones are appended at its end: a new import
/// of a large folder writes a tenth faster. The random start keeps UIDs of different databases
/// apart (they name cards in exports and merges): two imports in the same millisecond would have
/// to draw starts within a few thousand of each other among 2^72.
struct CardUIDs {
  /// The length of the text form.
  static let length = 36

  /// The time part: milliseconds since 1970 (48 bits).
  private let milliseconds: UInt64
  /// The 12 bits after the version (`rand_a`).
  private var high: UInt64
  /// The 62 bits after the variant (`rand_b`).
  private var low: UInt64

  /// UIDs for an import at `milliseconds` since 1970, counting from a random start.
  init(milliseconds: Int64) {
    var random = SystemRandomNumberGenerator()
    self.init(milliseconds: milliseconds, start: random.next(), random.next())
  }

  /// UIDs for an import at `milliseconds`, counting from `high` and `low` (their low 10 and 62
  /// bits: the top bits of the count stay clear, so that it cannot run out).
  init(milliseconds: Int64, start high: UInt64, _ low: UInt64) {
    self.milliseconds = UInt64(max(0, milliseconds)) & 0xFFFF_FFFF_FFFF
    self.high = high & 0x3FF
    self.low = low & 0x3FFF_FFFF_FFFF_FFFF
  }

  /// Writes the next UID's text into the first ``length`` bytes of `text`.
  mutating func writeNext(into text: UnsafeMutableBufferPointer<UInt8>) {
    precondition(text.count >= Self.length)
    let first = milliseconds << 16 | 0x7000 | high
    let second = 0x8000_0000_0000_0000 | low
    low += 1
    if low > 0x3FFF_FFFF_FFFF_FFFF {
      low = 0
      high += 1
    }
    let digits: StaticString = "0123456789ABCDEF"
    let hex = digits.utf8Start
    var position = 0
    for place in 0..<16 {
      let word = place < 8 ? first : second
      let byte = UInt8(truncatingIfNeeded: word >> UInt64(56 - 8 * (place & 7)))
      if place == 4 || place == 6 || place == 8 || place == 10 {
        text[position] = 0x2D
        position += 1
      }
      text[position] = hex[Int(byte >> 4)]
      text[position + 1] = hex[Int(byte & 0x0F)]
      position += 2
    }
  }
}
