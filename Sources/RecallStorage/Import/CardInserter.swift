import GRDB
import GRDBSQLite
import RecallCards

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes the new cards of one import through a single prepared statement, binding each value
/// with SQLite's C API.
///
/// An import of a large folder adds thousands of cards; GRDB's `StatementArguments` boxes
/// every value and its statement cache hashes the SQL text on each call, which together cost
/// more than SQLite's own work. The statement runs inside the caller's transaction, and a
/// failure is thrown as GRDB's `DatabaseError`, as any other statement's would be.
struct CardInserter {
  /// The text of the statement.
  static let sql = """
    INSERT INTO card (uid, noteId, key, kind, prompt, answer, choices, context, detail,
      siblingGroup, line, contentHash, status, createdAt, updatedAt, contentChangedAt)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?)
    """

  /// The prepared statement.
  private let statement: Statement
  /// The connection, for its error messages.
  private let connection: SQLiteConnection?
  /// The import's one clock, in milliseconds: every new card's times.
  private let now: Int64
  /// Random bytes for the cards' UIDs, drawn many at a time.
  private var random = RandomBytes()

  /// Prepares the statement on `db`.
  init(_ db: Database, now: Int64) throws {
    statement = try db.makeStatement(sql: Self.sql)
    connection = db.sqliteConnection
    self.now = now
  }

  /// Inserts `card` as a new active card of note `noteID`, with a new UID.
  mutating func insert(_ card: Card, noteID: Int64) throws {
    let uid = random.uid()
    let handle = statement.sqliteStatement
    sqlite3_reset(handle)
    let bound = [
      bind(1, uid),
      sqlite3_bind_int64(handle, 2, noteID),
      bind(3, card.key),
      bind(4, card.kind.rawValue),
      bind(5, card.prompt),
      bind(6, card.answer),
      bind(7, StringListJSON.encode(card.choices)),
      bind(8, StringListJSON.encode(card.context)),
      card.detail.map { bind(9, $0) } ?? sqlite3_bind_null(handle, 9),
      bind(10, card.siblingGroup),
      sqlite3_bind_int64(handle, 11, Int64(max(card.line, 1))),
      bind(12, card.contentHash),
      sqlite3_bind_int64(handle, 13, now),
      sqlite3_bind_int64(handle, 14, now),
      sqlite3_bind_int64(handle, 15, now),
    ]
    if let failed = bound.first(where: { $0 != SQLITE_OK }) {
      throw DatabaseError(resultCode: ResultCode(rawValue: failed), sql: Self.sql)
    }
    let code = sqlite3_step(handle)
    if code != SQLITE_DONE {
      let extended = connection.map { sqlite3_extended_errcode($0) } ?? code
      let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
      sqlite3_reset(handle)
      throw DatabaseError(
        resultCode: ResultCode(rawValue: extended), message: message, sql: Self.sql)
    }
  }

  /// Binds `text` to parameter `index` (SQLite copies it); returns SQLite's result code.
  private func bind(_ index: Int32, _ text: String) -> Int32 {
    var text = text
    return text.withUTF8 { bytes in
      guard bytes.count <= Int(Int32.max) else { return SQLITE_TOOBIG }
      // A non-null pointer even for the empty string, so that it binds as '' and not NULL.
      let base =
        bytes.baseAddress.map(UnsafeRawPointer.init)
        ?? UnsafeRawPointer(("" as StaticString).utf8Start)
      return sqlite3_bind_text(
        statement.sqliteStatement, index, base.assumingMemoryBound(to: CChar.self),
        Int32(bytes.count), Self.transient)
    }
  }

  /// SQLite's `SQLITE_TRANSIENT`: copy the bound bytes.
  private static let transient = unsafeBitCast(
    OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
}

/// Random bytes from the system, drawn 4 KiB at a time, for version 4 UUIDs.
///
/// `SystemRandomNumberGenerator` asks the kernel for every 8 bytes; two calls per card showed in
/// large imports.
struct RandomBytes {
  /// Bytes not used yet.
  private var buffer: [UInt8] = []
  /// The next unused byte of ``buffer``.
  private var position = 0

  /// A random (version 4) UUID in its canonical upper-case text form.
  mutating func uid() -> String {
    if position + 16 > buffer.count { refill() }
    var bytes = Array(buffer[position..<position + 16])
    position += 16
    bytes[6] = bytes[6] & 0x0F | 0x40
    bytes[8] = bytes[8] & 0x3F | 0x80
    let digits: [UInt8] = Array("0123456789ABCDEF".utf8)
    var text = [UInt8]()
    text.reserveCapacity(36)
    for (index, byte) in bytes.enumerated() {
      if index == 4 || index == 6 || index == 8 || index == 10 { text.append(0x2D) }
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: text, as: UTF8.self)
  }

  /// Fills the buffer again from the system's generator.
  private mutating func refill() {
    buffer = [UInt8](repeating: 0, count: 4096)
    position = 0
    var filled = 0
    #if canImport(Glibc)
      // One read of the kernel's generator for 256 UUIDs.
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
  }
}
