import GRDB
import GRDBSQLite
import RecallCards

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The new-card rows of one note as the `card` table stores them, made by an import's worker so
/// that the writer only binds and steps.
///
/// Every text of every card (its new UID, the JSON of its choices and context, and the rest) is
/// UTF-8 back to back in one buffer; the writer binds each text in place, without copying it.
struct CardRows: Sendable {
  /// The texts of a card, in this order: uid, key, kind, prompt, answer, choices, context,
  /// detail, siblingGroup, contentHash.
  static let textsPerCard = 10

  /// The texts of all cards, back to back.
  private(set) var bytes: [UInt8] = []
  /// Where each text ends in ``bytes``: ``textsPerCard`` per card.
  private(set) var ends: [Int] = []
  /// Each card's line (at least 1).
  private(set) var lines: [Int64] = []
  /// Whether each card has a detail (a card without one stores NULL).
  private(set) var hasDetail: [Bool] = []

  /// The rows of `cards`, each with a new random UID.
  init(_ cards: [Card]) {
    var random = RandomBytes(count: cards.count * 16)
    ends.reserveCapacity(cards.count * Self.textsPerCard)
    lines.reserveCapacity(cards.count)
    hasDetail.reserveCapacity(cards.count)
    for card in cards {
      random.appendUID(to: &bytes)
      ends.append(bytes.count)
      append(card.key)
      append(card.kind.rawValue)
      append(card.prompt)
      append(card.answer)
      StringListJSON.append(card.choices, to: &bytes)
      ends.append(bytes.count)
      StringListJSON.append(card.context, to: &bytes)
      ends.append(bytes.count)
      append(card.detail ?? "")
      append(card.siblingGroup)
      append(card.contentHash)
      lines.append(Int64(max(card.line, 1)))
      hasDetail.append(card.detail != nil)
    }
  }

  /// Appends one text and marks its end.
  private mutating func append(_ text: String) {
    bytes.append(contentsOf: text.utf8)
    ends.append(bytes.count)
  }

  /// The number of cards.
  var count: Int { lines.count }

  /// Where text `text` (0 for the UID, see ``textsPerCard``) of card `card` lies in ``bytes``.
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
/// would be.
struct CardInserter {
  /// The text of the statement.
  static let sql = """
    INSERT INTO card (uid, noteId, key, kind, prompt, answer, choices, context, detail,
      siblingGroup, line, contentHash, status, createdAt, updatedAt, contentChangedAt)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?)
    """

  /// The statement's parameter of each text of ``CardRows``, in their order.
  private static let textParameters: [Int32] = [1, 3, 4, 5, 6, 7, 8, 9, 10, 12]
  /// The index of the detail among the texts of ``CardRows`` (NULL when a card has none).
  private static let detailText = 7

  /// The prepared statement.
  private let statement: Statement
  /// The connection, for its error messages.
  private let connection: SQLiteConnection?
  /// The import's one clock, in milliseconds: every new card's times.
  private let now: Int64

  /// Prepares the statement on `db`.
  init(_ db: Database, now: Int64) throws {
    statement = try db.makeStatement(sql: Self.sql)
    connection = db.sqliteConnection
    self.now = now
  }

  /// Inserts the cards of `rows` at `indices`, in that order, as new active cards of note
  /// `noteID`.
  func insert(_ rows: CardRows, at indices: some Sequence<Int>, noteID: Int64) throws {
    let handle = statement.sqliteStatement
    try rows.bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      // Nothing bound may outlive the buffer: the bindings are cleared before it is let go.
      defer { sqlite3_clear_bindings(handle) }
      let start = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
      for card in indices {
        sqlite3_reset(handle)
        var code = sqlite3_bind_int64(handle, 2, noteID)
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

  /// SQLite's `SQLITE_STATIC`: the bound bytes stay where they are until the binding changes.
  private static let `static` = unsafeBitCast(
    OpaquePointer(bitPattern: 0), to: sqlite3_destructor_type.self)
}

/// Random bytes from the system, drawn all at once, for version 4 UUIDs.
///
/// `SystemRandomNumberGenerator` asks the kernel for every 8 bytes; two calls per card showed in
/// large imports.
struct RandomBytes {
  /// The bytes.
  private var buffer: [UInt8]
  /// The next unused byte of ``buffer``.
  private var position = 0

  /// Room for `count` bytes, drawn from the system's generator at once; more are drawn if they
  /// run out.
  init(count: Int = 4096) {
    buffer = Self.draw(max(count, 16))
  }

  /// Appends a random (version 4) UUID in its canonical upper-case text form to `text`.
  mutating func appendUID(to text: inout [UInt8]) {
    if position + 16 > buffer.count {
      buffer = Self.draw(4096)
      position = 0
    }
    let digits: StaticString = "0123456789ABCDEF"
    let hex = digits.utf8Start
    for index in 0..<16 {
      var byte = buffer[position + index]
      if index == 6 { byte = byte & 0x0F | 0x40 }
      if index == 8 { byte = byte & 0x3F | 0x80 }
      if index == 4 || index == 6 || index == 8 || index == 10 { text.append(0x2D) }
      text.append(hex[Int(byte >> 4)])
      text.append(hex[Int(byte & 0x0F)])
    }
    position += 16
  }

  /// `count` bytes from the system's generator.
  private static func draw(_ count: Int) -> [UInt8] {
    var buffer = [UInt8](repeating: 0, count: count)
    var filled = 0
    #if canImport(Glibc)
      // One read of the kernel's generator for all of them.
      if let file = fopen("/dev/urandom", "rb") {
        filled = buffer.withUnsafeMutableBytes { raw in fread(raw.baseAddress, 1, raw.count, file) }
        fclose(file)
      }
    #elseif canImport(Darwin)
      buffer.withUnsafeMutableBytes { raw in arc4random_buf(raw.baseAddress, raw.count) }
      filled = buffer.count
    #endif
    if filled < buffer.count {
      var generator = SystemRandomNumberGenerator()
      for index in filled..<buffer.count { buffer[index] = generator.next() }
    }
    return buffer
  }
}
