import Foundation
import GRDB
import RecallCards
import RecallTestSupport
import Testing

@testable import RecallStorage

/// Opening the store: a new file, an existing one, migrations with a backup, and the files that
/// are refused and left untouched.
struct StoreTests {
  /// A database path inside a new temporary folder, in folders that do not exist yet.
  private func newPath() throws -> String {
    try TestPaths.makeTemporaryFolder("recall-store").appendingPathComponent("a/b/recall.sqlite").path
  }

  /// The pragma's value, read through a connection of this test.
  private func pragma(_ name: String, _ path: String) throws -> String? {
    let dbQueue = try DatabaseQueue(path: path)
    return try dbQueue.read { db in try String.fetchOne(db, sql: "PRAGMA \(name)") }
  }

  /// Two processes creating one new database: SQLite refuses the switch to WAL at once, without
  /// calling the busy handler, while another connection holds a lock. Opening waits instead.
  @Test func openingANewDatabaseWaitsForAnotherConnectionsLock() throws {
    let path = try newPath()
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    var configuration = Configuration()
    configuration.allowsUnsafeTransactions = true
    let other = try DatabaseQueue(path: path, configuration: configuration)
    // A reserved lock on a database still in rollback mode: the case SQLite answers at once.
    try other.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
    let released = DispatchSemaphore(value: 0)
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) {
      try? other.writeWithoutTransaction { db in try db.execute(sql: "COMMIT") }
      released.signal()
    }
    let store = try Store.open(at: path)
    released.wait()
    #expect(!store.isReadOnly)
    #expect(try pragma("journal_mode", path) == "wal")
    #expect(store.upgrade?.appliedMigrations == SchemaMigration.embedded.map(\.identifier))
  }

  @Test func newDatabaseGetsFoldersWALAndSchema() throws {
    let path = try newPath()
    let store = try Store.open(at: path)
    // A new database gets every migration and needs no backup.
    #expect(store.upgrade?.appliedMigrations == SchemaMigration.embedded.map(\.identifier))
    #expect(store.upgrade?.backupPath == nil)
    #expect(!store.isReadOnly)
    #expect(FileManager.default.fileExists(atPath: path))
    #expect(try pragma("journal_mode", path) == "wal")
    #expect(try pragma("application_id", path) == "1380142156")
    let tables = try DatabaseQueue(path: path).read { db in
      try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    }
    // Every table of every migration, and nothing else.
    #expect(
      tables == [
        "card", "cardAction", "cardBury", "cardLeech", "cardSchedule", "cardSuspension",
        "importRun", "libraryRoot", "newCard", "note", "review", "reviewBefore", "reviewOutOfOrder",
        "reviewTally", "reviewUndo", "schemaMigration", "setting",
      ])
    let applied = try DatabaseQueue(path: path).read { db in
      try String.fetchAll(db, sql: "SELECT identifier FROM schemaMigration")
    }
    #expect(applied == SchemaMigration.embedded.map(\.identifier))
  }

  /// A new database gets 4 KiB pages; one that exists keeps its own page size, and is migrated,
  /// backed up and read (snapshots too) as before, until a migration that frees many pages
  /// vacuums it into 4 KiB pages, still in WAL mode.
  @Test func newDatabasesGetSmallPagesAndOldOnesKeepTheirsUntilVacuumed() throws {
    let path = try newPath()
    _ = try Store.open(at: path)
    #expect(try pragma("page_size", path) == "4096")

    // A database of an earlier Recall: 8 KiB pages, in WAL mode, one setting.
    let old = try newPath()
    try FileManager.default.createDirectory(
      atPath: (old as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    let dbQueue = try DatabaseQueue(path: old)
    try dbQueue.writeWithoutTransaction { db in
      try db.execute(sql: "PRAGMA page_size = 8192")
      _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
    }
    try dbQueue.close()
    let embedded = SchemaMigration.embedded
    // Up to the migration before the first that vacuums (0010).
    let store = try Store.open(at: old, options: StoreOptions(migrations: embedded.filter { $0.identifier < "0010" }))
    try store.setSetting(Setting(key: "desiredRetention", value: "0.85"), now: Date())
    #expect(try pragma("page_size", old) == "8192")
    try store.dbQueue.close()
    let vacuumed = try Store.open(at: old)
    #expect(vacuumed.upgrade?.appliedMigrations.first == "0010_compact_review_log")
    #expect(try pragma("page_size", old) == "4096")
    #expect(try pragma("journal_mode", old) == "wal")
    #expect(try vacuumed.setting("desiredRetention") == "0.85")
    var options = StoreOptions()
    options.migrations.append(
      SchemaMigration(identifier: "9999_test_add_column", sql: "ALTER TABLE setting ADD COLUMN x TEXT;"))
    let upgraded = try Store.open(at: old, options: options)
    let backup = try #require(upgraded.upgrade?.backupPath)
    #expect(try pragma("page_size", old) == "4096")
    #expect(try Store.open(at: backup).setting("desiredRetention") == "0.85")
    #expect(try Store.snapshot(of: old, options: options).setting("desiredRetention") == "0.85")
  }

  @Test func reopeningAppliesNothingAndWritesNoBackup() throws {
    let path = try newPath()
    _ = try Store.open(at: path)
    let again = try Store.open(at: path)
    #expect(again.upgrade == nil)
    let folder = (path as NSString).deletingLastPathComponent
    let files = try FileManager.default.contentsOfDirectory(atPath: folder)
    #expect(!files.contains { $0.contains("backup") })
  }

  @Test func migratingAnExistingDatabaseWritesABackupFirst() throws {
    let path = try newPath()
    let store = try Store.open(at: path)
    try store.setSetting(Setting(key: "desiredRetention", value: "0.9"), now: Date())
    var options = StoreOptions()
    options.migrations.append(
      SchemaMigration(identifier: "9999_test_add_column", sql: "ALTER TABLE setting ADD COLUMN x TEXT;"))
    let upgraded = try Store.open(at: path, options: options)
    let upgrade = try #require(upgraded.upgrade)
    #expect(upgrade.appliedMigrations == ["9999_test_add_column"])
    let backup = try #require(upgrade.backupPath)
    #expect(backup == path + ".backup-before-9999_test_add_column")
    // The backup is the database as it was: the setting, and no column x.
    let columns = try DatabaseQueue(path: backup).read { db in
      try db.columns(in: "setting").map(\.name)
    }
    #expect(!columns.contains("x"))
    #expect(try Store.open(at: backup).setting("desiredRetention") == "0.9")
    #expect(try upgraded.setting("desiredRetention") == "0.9")
  }

  @Test func databaseFromANewerRecallIsRefusedAndUntouched() throws {
    let path = try newPath()
    var newer = StoreOptions()
    newer.migrations.append(SchemaMigration(identifier: "9999_future", sql: "CREATE TABLE future (x);"))
    _ = try Store.open(at: path, options: newer)
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(throws: StorageError.newerVersion(path: path, unknownMigrations: ["9999_future"])) {
      try Store.open(at: path)
    }
    #expect(throws: StorageError.newerVersion(path: path, unknownMigrations: ["9999_future"])) {
      try Store.snapshot(of: path)
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
  }

  @Test func fileThatIsNotADatabaseIsRefusedAndUntouched() throws {
    let path = try newPath()
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    let text = Data(String(repeating: "# My notes, not a database\n", count: 200).utf8)
    try text.write(to: URL(fileURLWithPath: path))
    #expect(throws: StorageError.notADatabase(path: path)) { try Store.open(at: path) }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == text)
  }

  @Test func sqliteDatabaseOfAnotherProgramIsRefusedAndUntouched() throws {
    let path = try newPath()
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try DatabaseQueue(path: path).write { db in
      try db.execute(sql: "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada')")
    }
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(throws: StorageError.notRecallDatabase(path: path)) { try Store.open(at: path) }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    #expect(try pragma("journal_mode", path) == "delete")
  }

  /// Another program's database with a write left half done (a hot rollback journal, as a
  /// crash leaves it) is refused without SQLite's recovery running on it: file and journal stay
  /// as they were.
  @Test func anotherProgramsHalfWrittenDatabaseIsRefusedAndUntouched() throws {
    let folder = try TestPaths.makeTemporaryFolder("recall-hot-journal")
    let live = folder.appendingPathComponent("live.sqlite").path
    let path = folder.appendingPathComponent("crashed.sqlite").path
    var configuration = Configuration()
    configuration.allowsUnsafeTransactions = true
    let other = try DatabaseQueue(path: live, configuration: configuration)
    try other.writeWithoutTransaction { db in
      try db.execute(sql: "PRAGMA cache_size = 1")
      try db.execute(sql: "CREATE TABLE contacts (name TEXT)")
      for index in 0..<2_000 {
        try db.execute(sql: "INSERT INTO contacts VALUES (?)", arguments: ["person \(index) " + String(repeating: "x", count: 200)])
      }
      // Mid-transaction, with pages already written into the file: copy both, as a crash
      // would leave them.
      try db.execute(sql: "BEGIN")
      try db.execute(sql: "UPDATE contacts SET name = upper(name)")
      try FileManager.default.copyItem(atPath: live, toPath: path)
      try FileManager.default.copyItem(atPath: live + "-journal", toPath: path + "-journal")
      try db.execute(sql: "ROLLBACK")
    }
    try other.close()
    let file = try Data(contentsOf: URL(fileURLWithPath: path))
    let journal = try Data(contentsOf: URL(fileURLWithPath: path + "-journal"))
    #expect(journal.count > 512, "the copied journal holds pages")
    #expect(throws: StorageError.self) { try Store.open(at: path) }
    #expect(throws: StorageError.self) { try Store.snapshot(of: path) }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == file)
    #expect(try Data(contentsOf: URL(fileURLWithPath: path + "-journal")) == journal)
  }

  @Test func emptyFileBecomesANewDatabase() throws {
    let path = try newPath()
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    FileManager.default.createFile(atPath: path, contents: Data())
    let store = try Store.open(at: path)
    #expect(try store.cards().isEmpty)
  }

  @Test func readOnlyFileIsOpenedReadOnlyAndRefusesWrites() throws {
    let path = try newPath()
    let store = try Store.open(at: path)
    try store.setSetting(Setting(key: "k", value: "v"), now: Date())
    try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
    defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path) }
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    let readOnly = try Store.open(at: path)
    #expect(readOnly.isReadOnly)
    #expect(try readOnly.setting("k") == "v")
    #expect(throws: StorageError.readOnly(path: path)) {
      try readOnly.setSetting(Setting(key: "k", value: "w"), now: Date())
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
  }

  @Test func settingsAreKeptPerDeck() throws {
    let store = try Store.inMemory()
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    try store.setSetting(Setting(key: "newPerDay", value: "20"), now: now)
    try store.setSetting(Setting(key: "newPerDay", deck: "aws.md", value: "5"), now: now)
    try store.setSetting(Setting(key: "newPerDay", value: "30"), now: now)
    #expect(try store.setting("newPerDay") == "30")
    #expect(try store.setting("newPerDay", deck: "aws.md") == "5")
    #expect(try store.setting("newPerDay", deck: "other.md") == nil)
    try store.removeSetting("newPerDay", deck: "aws.md")
    #expect(
      try store.settings() == [Setting(key: "newPerDay", value: "30")])
  }
}

/// The real migrations, applied to a database written by an earlier schema.
struct MigrationTests {
  @Test func upgradingFromTheFirstSchemaKeepsCardsReviewsAndSchedules() throws {
    let path = try TestPaths.makeTemporaryFolder("recall-migrate").appendingPathComponent("recall.sqlite").path
    let first = try #require(SchemaMigration.embedded.first)
    let day = Date(timeIntervalSince1970: 1_800_000_000)
    // Today's importer writes the stubs column of 0006; it is taken out again below.
    let stubs = try #require(SchemaMigration.embedded.first { $0.identifier == "0006_note_stubs" })
    do {
      let old = try Store.open(at: path, options: StoreOptions(migrations: [first, stubs]))
      try old.importNotes(
        [NoteSource(file: "/n/a.md", deck: "a.md", contents: .bytes(Array("A: one\nB: two\n".utf8)))],
        paths: [], extraction: ImportEngineTests.lines, now: day)
      // Answer one card.
      let card = try #require(try old.cards().first)
      try CompactReviewLogTests.recordOldReview(
        StoredReview(
          cardID: card.id, reviewedAt: day, rating: 3, quiz: "flip", durationMilliseconds: 10,
          before: .new,
          after: CardSchedule(state: .review, stability: 3, difficulty: 5, due: day + 86_400, lastReview: day, reps: 1)),
        in: path)
    }
    // An import of the first schema's time wrote an empty schedule row for every card.
    try DatabaseQueue(path: path).write { db in
      try db.execute(sql: "ALTER TABLE note DROP COLUMN stubs")
      try db.execute(sql: "DELETE FROM schemaMigration WHERE identifier = ?", arguments: [stubs.identifier])
      try db.execute(
        sql: "INSERT INTO cardSchedule (cardId) SELECT id FROM card WHERE id NOT IN (SELECT cardId FROM cardSchedule)")
    }
    let before = try Store.open(at: path, options: StoreOptions(migrations: [first])).cards()

    let upgraded = try Store.open(at: path)
    let upgrade = try #require(upgraded.upgrade)
    #expect(upgrade.appliedMigrations == SchemaMigration.embedded.dropFirst().map(\.identifier))
    let backup = try #require(upgrade.backupPath)
    #expect(FileManager.default.fileExists(atPath: backup))
    #expect(try upgraded.cards() == before)
    #expect(try upgraded.reviews().count == 1)
    let rows = try DatabaseQueue(path: path).read { db in
      try Int.fetchOne(db, sql: "SELECT count(*) FROM cardSchedule")
    }
    #expect(rows == 1)
    // The backup still opens with the first schema, with everything in it.
    #expect(try Store.open(at: backup, options: StoreOptions(migrations: [first])).cards() == before)
  }
}

/// Migration 0007: the card table rebuilt without its JSON checks, and the sibling index gone.
struct LighterCardWritesMigrationTests {
  /// Cards in two sibling groups: `a` has two cards, `b` one; the line `x` is retired later.
  static let siblings = CardExtraction(revision: 1) { bytes, file, deck throws(CardExtraction.Failure) in
    let cards = String(decoding: bytes, as: UTF8.self).split(separator: "\n").enumerated().map {
      index, line in
      let group = String(line.prefix(1))
      return Card(
        key: "card › \(line)", kind: .term, deck: deck, file: file, line: index + 1,
        prompt: "What is \(line)?", answer: "\(line)!", choices: ["other \(line)", "ещё 한 개"],
        context: ["노트", "\(group)"], detail: nil, siblingGroup: group, contentHash: "\(line)")
    }
    return CardExtraction.Result(cards: cards, stubs: [])
  }

  @Test func upgradingKeepsEveryCardReviewAndScheduleAndSiblingsStillMeetThroughAnIndex() throws {
    let path = try TestPaths.makeTemporaryFolder("recall-0007").appendingPathComponent("recall.sqlite").path
    let earlier = Array(SchemaMigration.embedded.prefix { $0.identifier < "0007" })
    #expect(earlier.count == 6)
    let day = Date(timeIntervalSince1970: 1_800_000_000)
    let note = { (text: String) in
      [NoteSource(file: "/n/a.md", deck: "a.md", contents: .bytes(Array(text.utf8)))]
    }
    let before: [StoredCard]
    do {
      let old = try Store.open(at: path, options: StoreOptions(migrations: earlier))
      try old.importNotes(note("a1\na2\nb1\nx1\n"), paths: [], extraction: Self.siblings, now: day)
      try old.importNotes(note("a1\na2\nb1\n"), paths: [], extraction: Self.siblings, now: day + 60)
      for card in try old.cards(status: .active) {
        try CompactReviewLogTests.recordOldReview(
          StoredReview(
            cardID: card.id, reviewedAt: day + 120, rating: 3, quiz: "flip", durationMilliseconds: 10,
            before: .new,
            after: CardSchedule(
              state: .review, stability: 3, difficulty: 5, due: day + 86_400 * Double(card.card.line),
              lastReview: day + 120, reps: 1)),
          in: path)
      }
      before = try old.cards()
    }
    #expect(before.count == 4)
    #expect(before.filter { $0.status == .retired }.count == 1)

    let upgraded = try Store.open(at: path)
    #expect(
      upgraded.upgrade?.appliedMigrations
        == SchemaMigration.embedded.map(\.identifier).filter { $0 >= "0007" })
    #expect(upgraded.upgrade?.appliedMigrations.first == "0007_lighter_card_writes")
    #expect(try upgraded.cards() == before)
    #expect(try upgraded.reviews().count == 3)

    // Siblings: a1's sibling is a2 (due on day 2), b1 has none.
    let a1 = try #require(before.first { $0.card.key == "card › a1" })
    let b1 = try #require(before.first { $0.card.key == "card › b1" })
    #expect(try upgraded.siblingDueDates(cardID: a1.id) == [day + 86_400 * 2])
    #expect(try upgraded.siblingDueDates(cardID: b1.id) == [])

    try DatabaseQueue(path: path).read { db in
      let table = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'card'") ?? ""
      #expect(!table.contains("json_valid"))
      #expect(table.contains("UNIQUE (noteId, key)"))
      let indexes = try String.fetchAll(
        db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'card' ORDER BY name")
      #expect(indexes.contains("card_stats"))
      #expect(!indexes.contains("card_note_siblingGroup"))
      #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
      // Without its own index, the siblings of a card are found through card_stats, never by
      // reading every card.
      let plan = try Row.fetchAll(
        db, sql: "EXPLAIN QUERY PLAN " + Store.siblingDueDatesQuery, arguments: [a1.id]
      ).map { $0["detail"] as String }
      #expect(plan.contains { $0.hasPrefix("SEARCH sibling USING INDEX card_stats") }, "\(plan)")
      #expect(!plan.contains { $0.hasPrefix("SCAN") }, "\(plan)")
    }
  }
}
