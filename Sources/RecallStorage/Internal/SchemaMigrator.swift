import GRDB
import RecallResources

/// Applies the SQL migrations in order, each in its own transaction, and records them in the
/// `schemaMigration` table.
///
/// GRDB's `DatabaseMigrator` reads the applied migrations once, before its first transaction, so
/// two processes opening a new database at once would both run the first migration. This runner
/// checks again inside each migration's `BEGIN IMMEDIATE` transaction, so the second process
/// waits for the first (busy timeout) and then finds nothing left to do.
struct SchemaMigrator: Sendable {
  /// The table that records the applied migrations.
  static let tableName = "schemaMigration"

  /// The migrations that rewrite a large table smaller or drop an index, after which the file is
  /// vacuumed once (a migration runs in a transaction, where SQLite cannot vacuum).
  static let shrinking: Set<String> = [
    "0010_compact_review_log", "0013_review_log_in_time_order", "0014_one_due_index",
    "0015_review_uid_in_memory", "0016_compact_card_table",
  ]

  /// The migrations this binary knows, in the order they apply.
  var migrations: [SchemaMigration]

  /// The identifiers recorded in `db`, in the order they were applied; empty if none.
  static func appliedIdentifiers(_ db: Database) throws -> [String] {
    guard try db.tableExists(tableName) else { return [] }
    return try String.fetchAll(db, sql: "SELECT identifier FROM \(tableName) ORDER BY rowid")
  }

  /// The known migrations not yet applied in `db`.
  func pending(_ db: Database) throws -> [SchemaMigration] {
    let applied = Set(try Self.appliedIdentifiers(db))
    return migrations.filter { !applied.contains($0.identifier) }
  }

  /// Applies every pending migration, each in its own immediate transaction.
  ///
  /// Foreign keys are turned off while a migration runs (so that it may rebuild tables), then
  /// checked before it commits, as SQLite's documentation on altering tables advises.
  /// - Returns: The identifiers applied by this call.
  func migrate(_ db: Database) throws -> [String] {
    var appliedNow: [String] = []
    db.add(function: Self.uuidBytes)
    db.add(function: CardUID.storedValue)
    for migration in migrations {
      var failure: (any Error)?
      try db.execute(sql: "PRAGMA foreign_keys = OFF")
      do {
        try db.inTransaction(.immediate) {
          try db.execute(
            sql: "CREATE TABLE IF NOT EXISTS \(Self.tableName) (identifier TEXT PRIMARY KEY NOT NULL)")
          let done = try Bool.fetchOne(
            db, sql: "SELECT 1 FROM \(Self.tableName) WHERE identifier = ?",
            arguments: [migration.identifier]) ?? false
          if done { return .commit }
          do {
            try db.execute(sql: migration.sql)
            try db.checkForeignKeys()
          } catch let error as DatabaseError where error.isAboutTheEnvironment {
            throw error
          } catch {
            throw StorageError.migrationFailed(
              identifier: migration.identifier, reason: "\(error)")
          }
          try db.execute(
            sql: "INSERT INTO \(Self.tableName) (identifier) VALUES (?)",
            arguments: [migration.identifier])
          appliedNow.append(migration.identifier)
          return .commit
        }
      } catch {
        failure = error
      }
      try db.execute(sql: "PRAGMA foreign_keys = ON")
      if let failure { throw failure }
    }
    return appliedNow
  }
}

extension SchemaMigrator {
  /// `recall_uuid_bytes(text)`: the 16 bytes of a UUID written as text, for the migrations that
  /// store UUIDs as blobs (SQLite before 3.41 has no `unhex`). Text that is not a UUID (a value
  /// written by hand) gets 16 bytes of its SHA-256, so that its row is kept.
  static let uuidBytes = DatabaseFunction("recall_uuid_bytes", argumentCount: 1, pure: true) { values in
    guard let text = String.fromDatabaseValue(values[0]) else { return nil }
    return ReviewUID.bytes(of: text)
  }
}

/// One schema change: an SQL file of `Migrations/`, named by its file stem.
public struct SchemaMigration: Hashable, Sendable {
  /// The file stem, such as `0001_create_store`.
  public var identifier: String
  /// The SQL it runs.
  public var sql: String

  /// Creates a migration.
  public init(identifier: String, sql: String) {
    self.identifier = identifier
    self.sql = sql
  }

  /// The migrations compiled into this binary (`Migrations/*.sql`), in the order they apply.
  public static var embedded: [SchemaMigration] {
    EmbeddedFiles.migrations.map { file in
      var name = Substring(file.pathInFolder)
      if name.hasSuffix(".sql") { name = name.dropLast(4) }
      return SchemaMigration(identifier: String(name), sql: file.text)
    }
  }
}
