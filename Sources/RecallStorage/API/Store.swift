import Foundation
import GRDB

/// How a store is opened: how long to wait for another `recall`, and which migrations to apply.
public struct StoreOptions: Sendable {
  /// How long a write waits for another process that holds the database, in seconds.
  public var busyTimeout: Double
  /// A limit on the database's size in pages (`PRAGMA max_page_count`); `nil` for none.
  ///
  /// Only tests set it, to provoke a full disk (`SQLITE_FULL`) without filling a real one.
  public var maximumPageCount: Int?
  /// The schema migrations, in order; the ones compiled into the binary unless a test says
  /// otherwise.
  public var migrations: [SchemaMigration]
  /// The pages SQLite keeps in its cache (`PRAGMA cache_size`); `nil` for SQLite's default
  /// (2,000 KiB, 500 pages of 4 KiB).
  ///
  /// A command that reads each page once (a review's window of cards) goes faster with a small
  /// cache: SQLite reuses its pages' memory rather than taking fresh memory, a page fault each,
  /// for every page read.
  public var cachePages: Int?

  /// Creates options.
  public init(
    busyTimeout: Double = 30, maximumPageCount: Int? = nil,
    migrations: [SchemaMigration] = SchemaMigration.embedded
  ) {
    self.busyTimeout = busyTimeout
    self.maximumPageCount = maximumPageCount
    self.migrations = migrations
  }

  /// The options for the `recall` executable: defaults, plus the test-only size limit of the
  /// `RECALL_TEST_MAX_PAGE_COUNT` environment variable.
  public static func fromEnvironment(
    _ environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> StoreOptions {
    var options = StoreOptions()
    if let text = environment["RECALL_TEST_MAX_PAGE_COUNT"], let pages = Int(text), pages > 0 {
      options.maximumPageCount = pages
    }
    return options
  }
}

/// What opening a store did to bring an existing database up to date.
public struct StoreUpgrade: Hashable, Sendable {
  /// The migrations applied, in order.
  public var appliedMigrations: [String]
  /// The copy of the database written before migrating it; `nil` for a new database.
  public var backupPath: String?
}

/// Recall's SQLite store: notes, cards, scheduling state, the review log, import runs and
/// settings.
///
/// A store is opened from a file (``open(at:options:)``), as an in-memory copy of one for a dry
/// run (``snapshot(of:options:)``), or empty in memory for tests (``inMemory(options:)``). The
/// database uses WAL, foreign keys, and a busy timeout so that two `recall` processes wait for
/// each other. Every method returns domain values and throws only ``StorageError``.
///
/// ## Topics
///
/// ### Opening
/// - ``open(at:options:)``
/// - ``snapshot(of:options:)``
/// - ``inMemory(options:)``
///
/// ### Importing notes
/// - ``importNotes(_:paths:folders:unreadPaths:extraction:now:dryRun:allowRemovals:listsCards:fileExists:progress:)``
/// - ``libraryRoots()``
///
/// ### Reading cards
/// - ``cards(deck:status:)``
/// - ``card(id:)``
/// - ``cardCounts()``
/// - ``notes()``
///
/// ### Reviews and scheduling
/// - ``recordReview(_:)``
/// - ``undoReview(id:at:)``
/// - ``reviews(cardID:includingUndone:)``
/// - ``forEachReview(cardID:includingUndone:_:)``
/// - ``reviewUndos()``
/// - ``mergeProgress(reviews:undos:reschedule:)``
/// - ``setSchedule(_:cardID:)``
///
/// ### Settings and import runs
/// - ``settings()``
/// - ``setting(_:deck:)``
/// - ``setSetting(_:now:)``
/// - ``removeSetting(_:deck:)``
/// - ``importRuns()``
public struct Store: Sendable {
  /// The connection; never leaves this module.
  let dbQueue: DatabaseQueue
  /// The database file's path, or `:memory:`.
  public let path: String
  /// Whether the store can only be read (the file is read-only).
  public let isReadOnly: Bool
  /// Whether this is an in-memory copy: writes never reach a file.
  public let isSnapshot: Bool
  /// What opening did to bring the database up to date; `nil` if nothing was needed.
  public let upgrade: StoreUpgrade?
  /// The options the store was opened with.
  let options: StoreOptions
  /// Whether the database is being built (``buildNew(at:options:_:)``): no other connection can
  /// open it, so nothing ever waits for its write lock.
  var isBeingBuilt = false

  /// The value of `PRAGMA application_id` that marks a Recall database ('RCLL').
  static let applicationID = 0x5243_4C4C

  // MARK: - Opening

  /// Opens the database at `path`, creating it (and its folders) if needed, and brings its schema
  /// up to date.
  ///
  /// Before an existing database is migrated, a backup copy is written beside it
  /// (`recall.sqlite.backup-before-0002_name`). A file that is not a Recall database, a damaged
  /// one, and one written by a newer Recall are refused and left untouched. A file without write
  /// permission is opened read-only.
  ///
  /// - Throws: ``StorageError`` saying what is wrong with the file.
  public static func open(at path: String, options: StoreOptions = StoreOptions()) throws(StorageError)
    -> Store
  {
    var isFolder: ObjCBool = false
    let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
    if isFolder.boolValue {
      throw .cannotOpen(path: path, reason: "it is a folder, not a file")
    }
    // A database found damaged before is only read until `recall check` has run.
    let damaged = exists && DamageMark.isRecorded(path)
    let migrator = SchemaMigrator(migrations: options.migrations)
    // A new database is made whole under a temporary name first; if another `recall` made it
    // meanwhile, that one is opened.
    let created = exists ? nil : try buildNew(at: path, options: options) { store in store.upgrade } ?? nil
    do {
      let readOnly = damaged || !FileSystem.isWritable(path)
      // A first look through a read-only connection: a refused file is only ever read (a
      // read-write connection could checkpoint another program's WAL into it on closing).
      // A file whose header carries Recall's application id is Recall's: one Recall may write
      // is looked at through the connection that then serves it (a second connection reads and
      // parses the whole schema again, a twentieth of a review's start).
      var kind = Kind.empty
      if !damaged { try rollBackInterruptedWrite(at: path, options: options) }
      let isRecalls = !readOnly && FileSystem.size(of: path) > 0 && hasRecallHeader(path)
      if !isRecalls, FileSystem.size(of: path) > 0 {
        let probe = try DatabaseQueue(path: path, configuration: configuration(options, readOnly: true))
        kind = try probe.read { db in try inspect(db, path: path, migrator: migrator) }
        try probe.close()
      }
      let dbQueue = try DatabaseQueue(
        path: path, configuration: configuration(options, readOnly: readOnly))
      let pending = try dbQueue.read { db in
        if isRecalls { kind = try inspect(db, path: path, migrator: migrator) }
        return try migrator.pending(db)
      }
      if readOnly {
        if !pending.isEmpty { throw damaged ? StorageError.damaged(path: path) : StorageError.readOnly(path: path) }
        return Store(
          dbQueue: dbQueue, path: path, isReadOnly: true, isSnapshot: false, upgrade: nil,
          options: options)
      }
      try dbQueue.writeWithoutTransaction { db in
        if case .empty = kind {
          // An empty file gets the pages of a new database (see ``buildNew(at:options:_:)``).
          try db.execute(sql: "PRAGMA page_size = \(Self.newPageSize)")
        }
        try turnOnWAL(db, path: path, within: options.busyTimeout)
        try db.execute(sql: "PRAGMA synchronous = NORMAL")
      }
      var upgrade: StoreUpgrade?
      if !pending.isEmpty {
        var backupPath: String?
        if case .recall = kind {
          try checkIntegrity(dbQueue, path: path)
          backupPath = try writeBackup(of: dbQueue, path: path, before: pending[0].identifier)
        }
        let applied = try dbQueue.writeWithoutTransaction { db in try migrator.migrate(db) }
        if applied.contains(where: SchemaMigrator.shrinking.contains) {
          // The old tables' pages are free now: the file gives them back.
          try dbQueue.writeWithoutTransaction { db in try vacuum(db, path: path, options: options) }
        }
        if !applied.isEmpty {
          upgrade = StoreUpgrade(appliedMigrations: applied, backupPath: backupPath)
        }
      }
      if upgrade == nil { upgrade = created }
      return Store(
        dbQueue: dbQueue, path: path, isReadOnly: false, isSnapshot: false, upgrade: upgrade,
        options: options)
    } catch {
      throw StorageError.from(error, path: path, busyTimeout: options.busyTimeout)
    }
  }

  /// Builds the new database `path` whole under a temporary name beside it, with `fill` (an
  /// import, say) writing into it, then gives it its name; returns what `fill` returned, or `nil`
  /// if `path` exists already or another `recall` made it meanwhile (its database is kept).
  ///
  /// Nobody else can open the database while it is built, so nothing is synced and nothing
  /// goes through the WAL until it is complete: the migrations and `fill` write through a
  /// rollback journal in memory, then the database is switched to WAL, synced once, and linked
  /// to its name. A process killed meanwhile leaves a stray `recall.sqlite.creating-…` file,
  /// never a half-made database, and a later call for the same database deletes it (see
  /// ``AbandonedBuilds``); the temporary file is deleted on every other path, errors included.
  ///
  /// - Throws: ``StorageError`` if the database could not be made or `fill` failed; no database
  ///   is left then.
  public static func buildNew<T>(
    at path: String, options: StoreOptions = StoreOptions(), _ fill: (Store) throws(StorageError) -> T
  ) throws(StorageError) -> T? {
    // What builds killed before they ended left (their builder holds no lock any more): the
    // database may have been made since, by a build started soon after.
    AbandonedBuilds.remove(besides: path)
    let fileManager = FileManager.default
    guard !fileManager.fileExists(atPath: path) else { return nil }
    let folder = (path as NSString).deletingLastPathComponent
    if !folder.isEmpty {
      do {
        try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true)
      } catch {
        throw .cannotCreateFolder(path: folder, reason: FileErrorReason.text(of: error))
      }
    }
    let temporary = AbandonedBuilds.prefix(of: path) + UUID().uuidString
    defer {
      for suffix in ["", "-wal", "-shm", "-journal"] {
        try? fileManager.removeItem(atPath: temporary + suffix)
      }
    }
    let result: T
    do {
      let queue = try DatabaseQueue(path: temporary, configuration: configuration(options, readOnly: false))
      let applied = try queue.writeWithoutTransaction { db in
        // 4 KiB pages: each answer writes a handful of pages to the WAL (the log, its indexes,
        // the schedule and its index, the tally), so their size is most of an answer's cost.
        try db.execute(sql: "PRAGMA page_size = \(Self.newPageSize)")
        // The first write's lock is kept to the end: a later `recall` that can take it knows
        // this build is over, and deletes its file if it is still there (see
        // ``AbandonedBuilds``).
        try db.execute(sql: "PRAGMA locking_mode = EXCLUSIVE")
        // No file has this name yet, so no step needs to reach the disk on its own, and no
        // page needs to go through the WAL and be copied back by the closing checkpoint.
        try db.execute(sql: "PRAGMA journal_mode = MEMORY")
        try db.execute(sql: "PRAGMA synchronous = OFF")
        // The statement journals of the migrations that rebuild tables stay in memory rather
        // than in temporary files (two created and deleted in /var/tmp per new database).
        try db.execute(sql: "PRAGMA temp_store = MEMORY")
        return try SchemaMigrator(migrations: options.migrations).migrate(db)
      }
      let store = Store(
        dbQueue: queue, path: path, isReadOnly: false, isSnapshot: false,
        upgrade: applied.isEmpty ? nil : StoreUpgrade(appliedMigrations: applied, backupPath: nil),
        options: options, isBeingBuilt: true)
      result = try fill(store)
      try queue.writeWithoutTransaction { db in
        // Switching to WAL commits through the rollback journal: with syncing on, that commit
        // syncs the file, and with it every page written before, once.
        try db.execute(sql: "PRAGMA synchronous = FULL")
        try db.execute(sql: "PRAGMA temp_store = DEFAULT")
        // WAL mode as any other database's; the lock goes with the switch's commit.
        try db.execute(sql: "PRAGMA locking_mode = NORMAL")
        try turnOnWAL(db, path: path, within: options.busyTimeout)
      }
      try queue.close()
    } catch let error as StorageError {
      throw error
    } catch {
      throw StorageError.from(error, path: path, busyTimeout: options.busyTimeout)
    }
    // A hard link never replaces a file: if another `recall` made the database meanwhile, its
    // database is the one kept.
    if link(temporary, path) == 0 { return result }
    if errno == EEXIST { return nil }
    let reason = FileErrorReason.text(of: POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO))
    throw StorageError.cannotOpen(path: path, reason: reason)
  }

  /// An in-memory copy of the database at `path`, brought up to date, for a dry run: whatever is
  /// done to it never reaches the file. An empty store if there is no file yet.
  ///
  /// The file is only read, and refused as ``open(at:options:)`` would refuse it.
  public static func snapshot(of path: String, options: StoreOptions = StoreOptions()) throws(StorageError)
    -> Store
  {
    guard FileManager.default.fileExists(atPath: path) else {
      return try inMemory(options: options, path: path)
    }
    do {
      try rollBackInterruptedWrite(at: path, options: options)
      let source = try DatabaseQueue(path: path, configuration: configuration(options, readOnly: true))
      let migrator = SchemaMigrator(migrations: options.migrations)
      _ = try source.read { db in try inspect(db, path: path, migrator: migrator) }
      let copy = try DatabaseQueue(configuration: configuration(options, readOnly: false))
      try source.backup(to: copy)
      try source.close()
      let applied = try copy.writeWithoutTransaction { db in try migrator.migrate(db) }
      return Store(
        dbQueue: copy, path: path, isReadOnly: false, isSnapshot: true,
        upgrade: applied.isEmpty ? nil : StoreUpgrade(appliedMigrations: applied, backupPath: nil),
        options: options)
    } catch {
      throw StorageError.from(error, path: path, busyTimeout: options.busyTimeout)
    }
  }

  /// A new empty store in memory, with the whole schema; for tests and dry runs.
  public static func inMemory(options: StoreOptions = StoreOptions()) throws(StorageError) -> Store {
    try inMemory(options: options, path: ":memory:")
  }

  private static func inMemory(options: StoreOptions, path: String) throws(StorageError) -> Store {
    do {
      let dbQueue = try DatabaseQueue(configuration: configuration(options, readOnly: false))
      let migrator = SchemaMigrator(migrations: options.migrations)
      _ = try dbQueue.writeWithoutTransaction { db in try migrator.migrate(db) }
      return Store(
        dbQueue: dbQueue, path: path, isReadOnly: false, isSnapshot: path != ":memory:",
        upgrade: nil, options: options)
    } catch {
      throw StorageError.from(error, path: path, busyTimeout: options.busyTimeout)
    }
  }

  // MARK: - Internals

  /// Puts the database in WAL mode, waiting for other processes as the busy timeout allows.
  ///
  /// SQLite answers `PRAGMA journal_mode = WAL` with SQLITE_BUSY at once, without calling the
  /// busy handler, while another connection holds a lock on a database that is not in WAL mode
  /// yet (two `recall` processes creating the same new database). So the switch is made only
  /// when the file is not in WAL mode already, and retried until the busy timeout runs out.
  static func turnOnWAL(_ db: Database, path: String, within timeout: Double) throws {
    let deadline = Date().addingTimeInterval(timeout)
    var pause = 0.005
    while true {
      do {
        if try String.fetchOne(db, sql: "PRAGMA journal_mode")?.lowercased() == "wal" { return }
        let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
        if mode?.lowercased() == "wal" { return }
        throw StorageError.cannotOpen(path: path, reason: "SQLite could not turn on its WAL journal")
      } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
        Thread.sleep(forTimeInterval: pause)
        pause = min(pause * 2, 0.1)
      }
    }
  }

  /// Whether Recall found this database damaged and `recall check` has not run since: it is
  /// then opened read-only and every write is refused with ``StorageError/damaged(path:)``.
  public var isMarkedDamaged: Bool { !isSnapshot && DamageMark.isRecorded(path) }

  /// The error a write gets on a store opened read-only: damaged or read-only.
  var readOnlyError: StorageError { isMarkedDamaged ? .damaged(path: path) : .readOnly(path: path) }

  /// Runs `body` in one immediate write transaction; any failure rolls everything back.
  func write<T>(_ body: (Database) throws -> T) throws(StorageError) -> T {
    if isReadOnly { throw readOnlyError }
    do {
      return try dbQueue.write { db in try body(db) }
    } catch {
      throw StorageError.from(error, path: path, busyTimeout: options.busyTimeout)
    }
  }

  /// Runs `body` in one read transaction.
  func read<T>(_ body: (Database) throws -> T) throws(StorageError) -> T {
    do {
      return try dbQueue.read { db in try body(db) }
    } catch {
      throw StorageError.from(error, path: path, busyTimeout: options.busyTimeout)
    }
  }

  /// What a database file holds, as far as opening it is concerned.
  private enum Kind {
    /// No tables at all: a new database.
    case empty
    /// A Recall database.
    case recall
  }

  /// Tells an empty database from a Recall one; refuses anything else.
  private static func inspect(_ db: Database, path: String, migrator: SchemaMigrator) throws -> Kind {
    let applicationID = try Int.fetchOne(db, sql: "PRAGMA application_id") ?? 0
    let tables = try String.fetchAll(
      db, sql: "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
    if applicationID == 0 && tables.isEmpty { return .empty }
    guard applicationID == Store.applicationID, tables.contains(SchemaMigrator.tableName) else {
      throw StorageError.notRecallDatabase(path: path)
    }
    let known = Set(migrator.migrations.map(\.identifier))
    let unknown = try SchemaMigrator.appliedIdentifiers(db).filter { !known.contains($0) }
    if !unknown.isEmpty {
      throw StorageError.newerVersion(path: path, unknownMigrations: unknown)
    }
    return .recall
  }

  /// Refuses a damaged database before it is migrated (and marks it, see ``DatabaseCheck``).
  private static func checkIntegrity(_ dbQueue: DatabaseQueue, path: String) throws {
    let result = try dbQueue.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }
    if result != ["ok"] {
      DamageMark.record(path)
      throw StorageError.damaged(path: path)
    }
  }

  /// Rolls back a write that a killed process left half done in SQLite's rollback journal (a
  /// non-empty `path-journal`: only the first import into a new database writes through it),
  /// so that the file can be looked at: a connection that may only read cannot roll it back.
  /// SQLite's own recovery, as any program opening the file would run it; nothing else is
  /// written. Only a Recall database is recovered (its header carries Recall's application id):
  /// another program's file is left untouched for the checks that refuse it, and so is a file
  /// Recall may not write.
  private static func rollBackInterruptedWrite(at path: String, options: StoreOptions) throws {
    guard FileSystem.size(of: path + "-journal") > 0, FileSystem.isWritable(path), hasRecallHeader(path)
    else { return }
    let recovery = try DatabaseQueue(path: path, configuration: configuration(options, readOnly: false))
    _ = try recovery.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
    try recovery.close()
  }

  /// Whether the file starts with an SQLite header that carries Recall's application id (the
  /// big-endian integer at offset 68).
  private static func hasRecallHeader(_ path: String) -> Bool {
    guard let file = FileHandle(forReadingAtPath: path) else { return false }
    defer { try? file.close() }
    guard let header = try? file.read(upToCount: 100), header.count == 100 else { return false }
    let bytes = [UInt8](header)
    let magic = Array("SQLite format 3\u{0}".utf8)
    let id = bytes[68..<72].reduce(0) { $0 << 8 | Int($1) }
    return Array(bytes[0..<16]) == magic && id == applicationID
  }

  /// Copies the database beside itself before migrations, and returns the copy's path.
  private static func writeBackup(of dbQueue: DatabaseQueue, path: String, before identifier: String)
    throws -> String
  {
    let fileManager = FileManager.default
    var backupPath = "\(path).backup-before-\(identifier)"
    var counter = 2
    while fileManager.fileExists(atPath: backupPath) {
      backupPath = "\(path).backup-before-\(identifier)-\(counter)"
      counter += 1
    }
    let partial = backupPath + ".partial"
    do {
      try? fileManager.removeItem(atPath: partial)
      let copy = try DatabaseQueue(path: partial)
      try dbQueue.backup(to: copy)
      try copy.close()
      try fileManager.moveItem(atPath: partial, toPath: backupPath)
    } catch {
      try? fileManager.removeItem(atPath: partial)
      throw StorageError.backupFailed(path: backupPath, reason: "\(error)")
    }
    return backupPath
  }

  /// The page size of a database Recall creates, and of one it vacuums after a migration, in
  /// bytes. With 16 KiB pages (Recall's before migration 0013) an answer took twice as long
  /// (`recall-bench answer-loop`: 0.44–0.49 ms against 0.23 ms at 10,000 cards).
  static let newPageSize = 4_096

  /// Vacuums the database after a migration that freed many pages, in pages of
  /// ``newPageSize``: SQLite changes the page size only out of WAL mode, so the journal is
  /// switched for the vacuum and back. When another connection holds the file (the switch is
  /// refused), the file is vacuumed in its own page size.
  private static func vacuum(_ db: Database, path: String, options: StoreOptions) throws {
    let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size")
    guard pageSize != newPageSize,
      (try? String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE"))?.lowercased() == "delete"
    else {
      try db.execute(sql: "VACUUM")
      return
    }
    do {
      try db.execute(sql: "PRAGMA page_size = \(newPageSize)")
      try db.execute(sql: "VACUUM")
    } catch {
      try turnOnWAL(db, path: path, within: options.busyTimeout)
      throw error
    }
    try turnOnWAL(db, path: path, within: options.busyTimeout)
  }

  /// The connection settings: foreign keys, busy timeout, read-only, size limit.
  private static func configuration(_ options: StoreOptions, readOnly: Bool) -> Configuration {
    var configuration = Configuration()
    configuration.foreignKeysEnabled = true
    configuration.readonly = readOnly
    configuration.busyMode = .timeout(options.busyTimeout)
    configuration.label = "Recall"
    if let pages = options.maximumPageCount {
      configuration.prepareDatabase { db in
        try db.execute(sql: "PRAGMA max_page_count = \(pages)")
      }
    }
    if let pages = options.cachePages {
      configuration.prepareDatabase { db in
        try db.execute(sql: "PRAGMA cache_size = \(pages)")
      }
    }
    return configuration
  }
}
