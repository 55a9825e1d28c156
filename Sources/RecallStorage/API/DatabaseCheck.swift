import Foundation
import GRDB

/// What `recall check` found and did.
public struct DatabaseCheckReport: Hashable, Sendable {
  /// How many rows of one table were copied into the new database, how many were read but
  /// refused (a card whose note was lost), and how many damaged stretches were skipped.
  public struct TableRecovery: Hashable, Sendable {
    /// The table.
    public var table: String
    /// Rows copied.
    public var recovered: Int
    /// Rows read but refused by the new database: they refer to rows that were lost.
    public var refused: Int
    /// Places where reading stopped at damage and went on past it; the rows there are lost.
    public var damagedStretches: Int
  }

  /// What SQLite's integrity check reported; empty when the database is sound.
  public var problems: [String]
  /// The rows of each table, when the database was recovered.
  public var tables: [TableRecovery] = []
  /// Cards that were lost but that readable reviews or schedules refer to: each has a retired
  /// stand-in under the deck `lost-in-recovery`, so that their reviews are kept.
  public var standInCards = 0
  /// Where the damaged file was moved (with its WAL), when the database was recovered.
  public var damagedCopyPath: String?
  /// The values that are not numbers in columns that hold numbers, at most
  /// ``DatabaseCheck/misplacedValueLimit``; Recall reads each as unknown.
  public var misplacedValues: [MisplacedValue] = []

  /// A value that is not a number in a column that holds numbers: SQLite's type affinity lets
  /// text into an INTEGER or REAL column where the schema's checks do not refuse it, and keeps a
  /// whole number too large for 64 bits as a REAL. SQLite's integrity check does not report it.
  public struct MisplacedValue: Hashable, Sendable {
    /// The table.
    public var table: String
    /// The row's rowid.
    public var row: Int64
    /// The column.
    public var column: String
    /// What the column holds: `text`, `blob`, or `real` (a number too large for an integer
    /// column).
    public var storedType: String
  }

  /// Whether the database passed the check.
  public var isSound: Bool { problems.isEmpty }
}

/// The database checked, and rebuilt from what can still be read when it is damaged, like
/// Anki's Check Database.
///
/// A database Recall found damaged (an SQLite error saying so, or a failed check) is marked
/// with a file beside it (`recall.sqlite.damaged-mark`); ``Store/open(at:options:)`` refuses to
/// write to a marked database and points to `recall check`, which clears the mark once the
/// database passes or is recovered.
public enum DatabaseCheck {
  /// The tables in the order they are copied: each after the ones its rows refer to. Tables
  /// not named here come last; the review tally is rebuilt by the new database's triggers.
  static let copyOrder = [
    "note", "card", "cardSchedule", "cardBury", "review", "reviewBefore", "reviewUndo", "importRun", "setting",
  ]
  /// Tables never copied: kept by triggers, or the migrations' own.
  static let derivedTables: Set<String> = ["reviewTally", "newCard", "reviewOutOfOrder", SchemaMigrator.tableName]

  /// Runs SQLite's integrity check on the database at `path`; if it fails, copies every row
  /// that can still be read into a new database, moves the damaged file beside it
  /// (`recall.sqlite.damaged-20261206T120000`, with its WAL) and puts the new one in its place.
  ///
  /// - Throws: ``StorageError`` if the file is not there, is not a Recall database, or the new
  ///   database could not be written (the damaged file is left where it was then).
  public static func run(at path: String, now: Date, options: StoreOptions = StoreOptions())
    throws(StorageError) -> DatabaseCheckReport
  {
    guard FileManager.default.fileExists(atPath: path) else {
      throw .cannotOpen(path: path, reason: "there is no file at this path")
    }
    let problems = try integrityProblems(at: path, options: options)
    if problems.isEmpty {
      DamageMark.clear(path)
      var report = DatabaseCheckReport(problems: [])
      report.misplacedValues = try misplacedValues(at: path, options: options)
      return report
    }
    DamageMark.record(path)
    var report = DatabaseCheckReport(problems: problems)
    let partial = path + ".recovering"
    removeDatabaseFiles(partial)
    do {
      (report.tables, report.standInCards) = try copyReadableRows(
        from: path, into: partial, options: options, now: now)
      let stamp = stampFormatter.string(from: now)
      var damagedPath = "\(path).damaged-\(stamp)"
      var counter = 2
      while FileManager.default.fileExists(atPath: damagedPath) {
        damagedPath = "\(path).damaged-\(stamp)-\(counter)"
        counter += 1
      }
      for suffix in ["", "-wal", "-shm", "-journal"]
      where FileManager.default.fileExists(atPath: path + suffix) {
        try FileManager.default.moveItem(atPath: path + suffix, toPath: damagedPath + suffix)
      }
      try FileManager.default.moveItem(atPath: partial, toPath: path)
      if FileManager.default.fileExists(atPath: partial + "-wal") {
        try FileManager.default.moveItem(atPath: partial + "-wal", toPath: path + "-wal")
      }
      report.damagedCopyPath = damagedPath
      DamageMark.clear(path)
    } catch {
      removeDatabaseFiles(partial)
      throw StorageError.from(error, path: path, busyTimeout: options.busyTimeout)
    }
    report.misplacedValues = try misplacedValues(at: path, options: options)
    return report
  }

  /// The most misplaced values ``misplacedValues(at:options:)`` lists.
  public static let misplacedValueLimit = 1000

  /// The values that are not numbers in the INTEGER and REAL columns of the database at `path`
  /// (text, blobs, and in an INTEGER column a REAL beyond 64 bits), in table and rowid order;
  /// at most ``misplacedValueLimit``. One pass over each table; the file is only read.
  public static func misplacedValues(at path: String, options: StoreOptions = StoreOptions())
    throws(StorageError) -> [DatabaseCheckReport.MisplacedValue]
  {
    do {
      let queue = try readOnlyQueue(at: path, options: options)
      defer { try? queue.close() }
      return try queue.read { db in
        var found: [DatabaseCheckReport.MisplacedValue] = []
        let tables = try String.fetchAll(
          db,
          sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
        for table in tables where found.count < misplacedValueLimit {
          // A column's affinity from its declared type, as SQLite gives it.
          let numeric = try db.columns(in: table).compactMap { column -> (name: String, isInteger: Bool)? in
            let type = column.type.uppercased()
            if type.contains("INT") { return (column.name, true) }
            if type.contains("REAL") || type.contains("FLOA") || type.contains("DOUB") { return (column.name, false) }
            return nil
          }
          guard !numeric.isEmpty else { continue }
          let flags = numeric.enumerated().map { index, column in
            let name = column.name.quotedDatabaseIdentifier
            let tooLarge =
              column.isInteger
              ? " OR (typeof(\(name)) = 'real' AND abs(\(name)) >= 9223372036854775807.0)" : ""
            return "CASE WHEN typeof(\(name)) IN ('text', 'blob')\(tooLarge) THEN typeof(\(name)) END AS flag\(index)"
          }
          let rows = try Row.fetchCursor(
            db,
            sql: "SELECT * FROM (SELECT rowid AS rowNumber, \(flags.joined(separator: ", ")) "
              + "FROM \(table.quotedDatabaseIdentifier)) "
              + "WHERE coalesce(\(numeric.indices.map { "flag\($0)" }.joined(separator: ", ")), NULL) IS NOT NULL "
              + "ORDER BY rowNumber")
          while let row = try rows.next(), found.count < misplacedValueLimit {
            for (index, column) in numeric.enumerated() {
              if let storedType: String = row.value(index + 1) {
                found.append(.init(table: table, row: row.value(0) ?? 0, column: column.name, storedType: storedType))
              }
            }
          }
        }
        return Array(found.prefix(misplacedValueLimit))
      }
    } catch {
      throw StorageError.from(error, path: path, busyTimeout: options.busyTimeout)
    }
  }

  /// What `PRAGMA integrity_check` reports about the database at `path` (at most 100
  /// problems); empty when it is sound. The file is only read.
  public static func integrityProblems(at path: String, options: StoreOptions = StoreOptions())
    throws(StorageError) -> [String]
  {
    do {
      let queue = try readOnlyQueue(at: path, options: options)
      defer { try? queue.close() }
      let applicationID = try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA application_id") }
      if applicationID != Store.applicationID { throw StorageError.notRecallDatabase(path: path) }
      let lines = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check(100)") }
      return lines == ["ok"] ? [] : lines
    } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
      return [error.message ?? "SQLite reports the file as corrupt"]
    } catch {
      throw StorageError.from(error, path: path, busyTimeout: options.busyTimeout)
    }
  }

  /// The database at `path`, opened only to read.
  private static func readOnlyQueue(at path: String, options: StoreOptions) throws -> DatabaseQueue {
    var configuration = Configuration()
    configuration.readonly = true
    configuration.busyMode = .timeout(options.busyTimeout)
    return try DatabaseQueue(path: path, configuration: configuration)
  }

  /// Copies every readable row of the damaged database at `path` into a new Recall database at
  /// `newPath`, table by table; returns the counts.
  private static func copyReadableRows(
    from path: String, into newPath: String, options: StoreOptions, now: Date
  ) throws -> (tables: [DatabaseCheckReport.TableRecovery], standInCards: Int) {
    let target = try Store.open(at: newPath, options: options)
    var configuration = Configuration()
    configuration.readonly = true
    let source = try DatabaseQueue(path: path, configuration: configuration)
    defer { try? source.close() }
    let sourceTables = Set(
      (try? source.read { db in
        try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
      }) ?? copyOrder)
    let targetTables = try target.dbQueue.read { db in
      try String.fetchAll(
        db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
    }
    let ordered =
      copyOrder.filter(targetTables.contains)
      + targetTables.filter { !copyOrder.contains($0) && !derivedTables.contains($0) }
    var result: [DatabaseCheckReport.TableRecovery] = []
    var standIns = 0
    for table in ordered where sourceTables.contains(table) {
      if table == "cardSchedule" || (table == "review" && standIns == 0) {
        // Before the rows that refer to cards: a stand-in for each card (and note) that was
        // lost, so that no review that could be read is dropped.
        standIns += try keepReferences(from: source, into: target, now: now)
      }
      let columns = try target.dbQueue.read { db in try db.columns(in: table).map(\.name) }
      var recovered = 0
      var refused = 0
      let quotedColumns = columns.map { $0.quotedDatabaseIdentifier }.joined(separator: ", ")
      let insert =
        "INSERT OR IGNORE INTO \(table.quotedDatabaseIdentifier) (\(quotedColumns)) VALUES ("
        + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
      let rows = ReadableRows(source: source, table: table, columns: columns)
      try target.dbQueue.write { db in
        try rows.forEach { values in
          do {
            try db.execute(sql: insert, arguments: StatementArguments(values))
            if db.changesCount > 0 { recovered += 1 } else { refused += 1 }
          } catch {
            refused += 1
          }
        }
      }
      result.append(
        .init(table: table, recovered: recovered, refused: refused, damagedStretches: rows.damagedStretches))
    }
    try target.dbQueue.close()
    return (result, standIns)
  }

  /// The file of the note that holds the stand-ins of lost cards.
  static let lostCardsNote = "recall:lost-in-recovery"

  /// Adds a retired stand-in for every card that readable reviews or schedules refer to but
  /// that could not be read, and a stand-in note for every note that readable cards refer to
  /// but that was lost: the reviews stay in the log (and in exports), under the deck
  /// `lost-in-recovery`. Importing the notes again makes new cards for what they ask.
  ///
  /// - Returns: The number of stand-in cards added.
  @discardableResult
  private static func keepReferences(from source: DatabaseQueue, into target: Store, now: Date) throws -> Int {
    let stamp = Int64((now.timeIntervalSince1970 * 1000).rounded())
    var referenced = Set<Int64>()
    for table in ["review", "cardSchedule", "cardBury"] {
      let rows = ReadableRows(source: source, table: table, columns: ["cardId"])
      try? rows.forEach { values in
        if let id = Int64.fromDatabaseValue(values[0]) { referenced.insert(id) }
      }
    }
    return try target.dbQueue.write { db in
      // Notes lost under cards that were read.
      let orphanNotes = try Int64.fetchAll(
        db, sql: "SELECT DISTINCT noteId FROM card WHERE noteId NOT IN (SELECT id FROM note)")
      for noteID in orphanNotes {
        try db.execute(
          sql: "INSERT INTO note (id, file, deck, contentHash, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?)",
          arguments: [
            noteID, "\(lostCardsNote)/note-\(noteID)", "lost-in-recovery/note-\(noteID)",
            String(repeating: "0", count: 64), stamp, stamp,
          ])
      }
      let present = Set(try Int64.fetchAll(db, sql: "SELECT id FROM card"))
      let lost = referenced.subtracting(present).sorted()
      guard !lost.isEmpty else { return 0 }
      let noteID: Int64
      if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM note WHERE file = ?", arguments: [lostCardsNote]) {
        noteID = existing
      } else {
        try db.execute(
          sql: "INSERT INTO note (file, deck, contentHash, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?)",
          arguments: [lostCardsNote, "lost-in-recovery", String(repeating: "0", count: 64), stamp, stamp])
        noteID = db.lastInsertedRowID
      }
      for cardID in lost {
        try db.execute(
          sql: """
            INSERT INTO card (id, uid, noteId, key, kind, prompt, answer, siblingGroup, line,
              contentHash, status, createdAt, updatedAt, contentChangedAt, retiredAt)
            VALUES (?, ?, ?, ?, 'section', ?, '', ?, 1, '', 'retired', ?, ?, ?, ?)
            """,
          arguments: [
            cardID, UUID().uuidString.lowercased(), noteID, "lost-card-\(cardID)",
            "A card lost when the database was damaged (id \(cardID)); its reviews are kept.",
            "lost-card-\(cardID)", stamp, stamp, stamp, stamp,
          ])
      }
      return lost.count
    }
  }

  /// Removes a database file and its journals, if there.
  private static func removeDatabaseFiles(_ path: String) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
      try? FileManager.default.removeItem(atPath: path + suffix)
    }
  }

  /// The damaged copy's time stamp, in UTC.
  private static let stampFormatter: DateFormatter = {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyyMMdd'T'HHmmss"
    return formatter
  }()
}

/// The rows of one table of a damaged database that can still be read, in rowid order: where
/// reading stops at a damaged page, it goes on from further and further rowids past it, so that
/// the rows after the damage are found too.
final class ReadableRows {
  let source: DatabaseQueue
  let table: String
  let columns: [String]
  /// Places where reading stopped at damage.
  private(set) var damagedStretches = 0

  init(source: DatabaseQueue, table: String, columns: [String]) {
    self.source = source
    self.table = table
    self.columns = columns
  }

  /// Calls `body` with each readable row's values, in the target's column order (a column the
  /// damaged table lacks is NULL).
  func forEach(_ body: ([DatabaseValue]) throws -> Void) throws {
    let quotedTable = table.quotedDatabaseIdentifier
    let largest = (try? source.read { db in try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM \(quotedTable)") }) ?? nil
    var next: Int64 = Int64.min
    var skip: Int64 = 1
    while true {
      var lastRead: Int64?
      var failed = false
      do {
        try source.read { db in
          let sourceColumns = Set(try db.columns(in: table).map(\.name))
          let selected = columns.map { sourceColumns.contains($0) ? $0.quotedDatabaseIdentifier : "NULL" }
          let cursor = try Row.fetchCursor(
            db, sql: "SELECT rowid, \(selected.joined(separator: ", ")) FROM \(quotedTable) WHERE rowid >= ? ORDER BY rowid",
            arguments: [next])
          while let row = try cursor.next() {
            let rowid: Int64 = row[0]
            lastRead = rowid
            try body((1...columns.count).map { row[$0] as DatabaseValue })
          }
        }
      } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB {
        failed = true
      }
      guard failed else { return }
      if lastRead != nil || damagedStretches == 0 { damagedStretches += 1 }
      // Go on past the damage: from the row after the last one read, then further each time.
      if let lastRead {
        next = lastRead + 1
        skip = 1
      } else {
        if next == Int64.min { next = 0 }
        next += skip
        skip = skip < (1 << 40) ? skip * 2 : skip
      }
      if let largest, next > largest { return }
      if largest == nil && skip >= (1 << 40) { return }
    }
  }
}

/// The mark beside a database that Recall found damaged: writing commands refuse it until
/// `recall check` has run.
enum DamageMark {
  /// The mark's path for the database at `path`.
  static func path(for databasePath: String) -> String { databasePath + ".damaged-mark" }

  /// Marks the database at `path` as damaged (best effort: a folder Recall cannot write to
  /// keeps no mark).
  static func record(_ databasePath: String) {
    guard databasePath != ":memory:", !databasePath.isEmpty else { return }
    let text = "SQLite reported this database as damaged. Run `recall check` to recover it.\n"
    FileManager.default.createFile(atPath: path(for: databasePath), contents: Data(text.utf8))
  }

  /// Whether the database at `path` is marked as damaged.
  static func isRecorded(_ databasePath: String) -> Bool {
    FileManager.default.fileExists(atPath: path(for: databasePath))
  }

  /// Takes the mark away.
  static func clear(_ databasePath: String) {
    try? FileManager.default.removeItem(atPath: path(for: databasePath))
  }
}
