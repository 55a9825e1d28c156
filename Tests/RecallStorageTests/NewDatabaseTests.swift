import Foundation
import GRDB
import RecallTestSupport
import Testing

@testable import RecallStorage

/// A new database built whole under a temporary name before it takes its own
/// (``Store/buildNew(at:options:_:)``): what it ends as, and that the temporary file never stays
/// behind and never replaces a database another process made meanwhile.
struct NewDatabaseTests {
  /// A database path inside a new temporary folder, in a folder that does not exist yet.
  private func newPath() throws -> String {
    try TestPaths.makeTemporaryFolder("recall-new-database").appendingPathComponent("data/recall.sqlite").path
  }

  /// The files in the database's folder.
  private func filesBeside(_ path: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent).sorted()
  }

  /// The pragma's value, read through a connection of this test.
  private func pragma(_ name: String, _ path: String) throws -> String? {
    try DatabaseQueue(path: path).read { db in try String.fetchOne(db, sql: "PRAGMA \(name)") }
  }

  @Test func aBuiltDatabaseHasWhatWasWrittenInWALModeWithSmallPagesAndNothingBeside() throws {
    let path = try newPath()
    let built = try Store.buildNew(at: path) { store throws(StorageError) in
      #expect(!FileManager.default.fileExists(atPath: path), "the name is taken only when the database is whole")
      try store.setSetting(Setting(key: "desiredRetention", value: "0.85"), now: Date())
      return store.upgrade?.appliedMigrations
    }
    #expect(built == SchemaMigration.embedded.map(\.identifier))
    #expect(try filesBeside(path) == ["recall.sqlite"])
    #expect(try pragma("journal_mode", path) == "wal")
    #expect(try pragma("page_size", path) == "4096")
    #expect(try pragma("quick_check", path) == "ok")
    let store = try Store.open(at: path)
    #expect(store.upgrade == nil)
    #expect(try store.setting("desiredRetention") == "0.85")
  }

  @Test func anExistingDatabaseIsNotBuiltAgain() throws {
    let path = try newPath()
    try Store.open(at: path).setSetting(Setting(key: "desiredRetention", value: "0.85"), now: Date())
    var filled = false
    let built = try Store.buildNew(at: path) { _ throws(StorageError) in filled = true }
    #expect(built == nil)
    #expect(!filled)
    #expect(try Store.open(at: path).setting("desiredRetention") == "0.85")
  }

  /// Another `recall` made the database while this one was built: the other's is kept whole,
  /// this one's is deleted, and the caller is told (`nil`) so that it can write into the other's.
  @Test func aDatabaseMadeMeanwhileIsKeptAndTheBuiltOneDeleted() throws {
    let path = try newPath()
    let built = try Store.buildNew(at: path) { store throws(StorageError) in
      try Store.open(at: path).setSetting(Setting(key: "desiredRetention", value: "0.80"), now: Date())
      try store.setSetting(Setting(key: "desiredRetention", value: "0.95"), now: Date())
      return true
    }
    #expect(built == nil)
    #expect(try Store.open(at: path).setting("desiredRetention") == "0.80")
    #expect(try filesBeside(path).filter { $0.contains("creating") } == [])
  }

  @Test func aFailedBuildLeavesNoDatabaseAndNoTemporaryFile() throws {
    let path = try newPath()
    #expect(throws: StorageError.diskFull(path: path)) {
      _ = try Store.buildNew(at: path) { store throws(StorageError) in
        try store.setSetting(Setting(key: "desiredRetention", value: "0.85"), now: Date())
        throw StorageError.diskFull(path: path)
      }
    }
    #expect(try filesBeside(path) == [])
    // A migration that fails: the same.
    var options = StoreOptions()
    options.migrations.append(SchemaMigration(identifier: "9999_test_broken", sql: "NOT SQL;"))
    #expect(throws: StorageError.self) {
      _ = try Store.buildNew(at: path, options: options) { _ throws(StorageError) in }
    }
    #expect(try filesBeside(path) == [])
  }

  /// A database being built is written while its notes are still being prepared (nothing can
  /// wait for its lock): the notes and cards still go in the sources' order, the same rows as an
  /// import into a database opened the usual way.
  @Test func anImportWrittenWhileItsNotesArePreparedStoresTheSameRows() throws {
    let seed = try String(contentsOf: TestPaths.seedNote, encoding: .utf8)
    // Notes of very different sizes, so that they are not prepared in their order.
    let sources = (0..<40).map { index in
      let text = (0...(index * 7 % 5)).map { copy in
        seed.replacingOccurrences(of: "# User Flow - ECS", with: "# User Flow - ECS \(index)-\(copy)")
      }.joined(separator: "\n")
      return NoteSource(file: "/notes/\(index).md", deck: "\(index)", contents: .bytes(Array(text.utf8)))
    }
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let built = try newPath()
    let report = try Store.buildNew(at: built) { store throws(StorageError) in
      #expect(store.isBeingBuilt)
      return try store.importNotes(sources, paths: [], extraction: .markdown, now: now)
    }
    let opened = try newPath()
    let expected = try Store.open(at: opened).importNotes(sources, paths: [], extraction: .markdown, now: now)
    #expect(report?.added == expected.added && expected.added > 40)
    let rows = { (path: String) in
      try DatabaseQueue(path: path).read { db in
        try String.fetchAll(db, sql: "SELECT id || ' ' || file FROM note ORDER BY id")
          + String.fetchAll(
            db, sql: "SELECT id || ' ' || noteId || ' ' || key || ' ' || prompt || ' ' || answer FROM card ORDER BY id")
      }
    }
    #expect(try rows(built) == rows(opened))
  }

  /// Makes `file` look last written two hours ago, older than ``AbandonedBuilds/minimumAge``.
  private func age(_ file: String) throws {
    try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-7_200)], ofItemAtPath: file)
  }

  /// A build killed before it ended left its file: the next build of the database deletes it
  /// once its lock can be taken and it is old; a young one is left (a build about to lock it)
  /// until a later import into the database made since.
  @Test func aKilledBuildsFileIsDeletedByTheNextBuild() throws {
    let path = try newPath()
    let killed = AbandonedBuilds.prefix(of: path) + "0A6E1B2C-KILLED"
    let young = AbandonedBuilds.prefix(of: path) + "0A6E1B2C-YOUNG"
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    for file in [killed, young] {
      try DatabaseQueue(path: file).write { db in try db.execute(sql: "CREATE TABLE t(x); INSERT INTO t VALUES (1)") }
    }
    try age(killed)
    let built = try Store.buildNew(at: path) { _ throws(StorageError) in true }
    #expect(built == true)
    #expect(try filesBeside(path) == ["recall.sqlite", (young as NSString).lastPathComponent])
    // Once old, it goes on a later import into the database made since.
    try age(young)
    #expect(try Store.buildNew(at: path) { _ throws(StorageError) in true } == nil)
    #expect(try filesBeside(path) == ["recall.sqlite"])
  }

  /// A build still running keeps its file, however old it looks, while it holds its lock.
  @Test func aLiveBuildsFileIsNeverDeleted() throws {
    let path = try newPath()
    let built = try Store.buildNew(at: path) { store throws(StorageError) in
      try store.setSetting(Setting(key: "desiredRetention", value: "0.85"), now: Date())
      guard let building = (try? filesBeside(path))?.first(where: { $0.contains(".creating-") }) else {
        Issue.record("The build has no temporary file.")
        return false
      }
      let file = ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(building)
      #expect(throws: Never.self) { try age(file) }
      #expect(!AbandonedBuilds.hasNoBuilder(file))
      AbandonedBuilds.remove(besides: path)
      #expect(FileManager.default.fileExists(atPath: file))
      return true
    }
    #expect(built == true)
    #expect(try Store.open(at: path).setting("desiredRetention") == "0.85")
    #expect(try filesBeside(path) == ["recall.sqlite"])
  }
}
