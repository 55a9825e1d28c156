import Foundation
import GRDB

extension Store {
  /// Imports notes: adds new cards, updates changed ones in place, retires the ones that left
  /// their note, restores the ones that came back, and follows renamed or moved notes.
  ///
  /// Everything happens in one transaction: the import is committed whole or not at all, and a
  /// process killed during it leaves the database as it was. The transaction holds the write
  /// lock for the whole import, because the notes are read and parsed on every core while the
  /// cards of the notes before them are written: another `recall` that writes waits meanwhile,
  /// up to its busy timeout. A note that cannot be read or parsed
  /// is listed in ``ImportReport/errors`` and its cards are left untouched; the other notes are
  /// imported.
  ///
  /// A stored note inside one of `folders` whose file is gone, and that no note of `sources`
  /// continues (renamed or moved), was deleted: its cards are retired, with their history, and
  /// it is listed in ``ImportReport/removedNotes``. Its cards come back if the file, or a file
  /// with its text, is imported again. Notes outside `folders` are never retired this way, so an
  /// import of single files leaves the other notes alone.
  ///
  /// - Parameters:
  ///   - sources: The notes, in order (see ``NoteSearch``).
  ///   - paths: The paths the user gave, for the import-run log.
  ///   - folders: Absolute paths of the folders imported whole (``NoteSearch/folders``).
  ///   - extraction: How note bytes become cards.
  ///   - now: The import's one clock: every time it records.
  ///   - dryRun: Whether to roll everything back and only report what would change.
  ///   - prepared: The same notes, prepared since before the store was opened (see
  ///     ``NotePreparation``); used only if the store holds no notes.
  ///   - fileExists: Whether a file is still there (a note whose file is gone may have moved).
  ///   - progress: Told after each note: notes done, notes in all.
  /// - Returns: What changed (or would change).
  /// - Throws: ``StorageError`` if the database failed; nothing was written then.
  public func importNotes(
    _ sources: [NoteSource], paths: [String], folders: [String] = [], extraction: CardExtraction,
    now: Date,
    dryRun: Bool = false,
    prepared: NotePreparation? = nil,
    fileExists: @escaping @Sendable (String) -> Bool = { FileManager.default.fileExists(atPath: $0) },
    progress: (@Sendable (Int, Int) -> Void)? = nil
  ) throws(StorageError) -> ImportReport {
    if isReadOnly { throw readOnlyError }
    do {
      // Workers read, hash and parse from the start, while the import switches journals, waits
      // for the write lock and checks the store, then while the writer writes.
      let storedNotes = try dbQueue.read { db in try NoteRecord.fetchAll(db) }
      let preparation: Importer.Preparation
      if let prepared, storedNotes.isEmpty, prepared.revision == extraction.revision,
        prepared.sources == sources
      {
        preparation = prepared.preparation
      } else {
        prepared?.preparation.stop()
        preparation = Importer.startPreparing(
          sources, storedNotes: storedNotes, extraction: extraction)
      }
      defer { preparation.stop() }
      // The first import into an empty database writes through the rollback journal, and has
      // the system write the file back as it grows.
      let bulkLoad = !dryRun && !isSnapshot ? try beginBulkLoadIfEmpty() : nil
      defer { if let bulkLoad { endBulkLoad(bulkLoad) } }
      let writeback = bulkLoad == nil ? nil : DatabaseWriteback(path: path)
      let importer = Importer(
        extraction: extraction, now: Milliseconds.from(now), folders: folders,
        fileExists: fileExists,
        progress: writeback.map { writeback in
          { @Sendable done, total in
            progress?(done, total)
            writeback.noteWritten()
          }
        } ?? progress)
      // One transaction for the whole import.
      var report = ImportReport()
      try dbQueue.inTransaction(.immediate) { db in
        report = try importer.run(db, preparation, paths: paths) { db in
          let integrity = try String.fetchAll(db, sql: "PRAGMA quick_check")
          if integrity != ["ok"] {
            if !isSnapshot { DamageMark.record(path) }
            throw StorageError.damaged(path: path)
          }
        }
        return dryRun ? .rollback : .commit
      }
      report.isDryRun = dryRun || isSnapshot
      return report
    } catch {
      throw StorageError.from(error, path: path, busyTimeout: options.busyTimeout)
    }
  }

  /// What ``beginBulkLoadIfEmpty()`` changed, for ``endBulkLoad(_:)`` to put back.
  struct BulkLoad {
    /// The connection's cache size before (SQLite's `PRAGMA cache_size`).
    var cacheSize: Int
  }

  /// The cache of the first import into an empty database, in KiB: small, so that SQLite writes
  /// pages into the file as the import goes (see ``DatabaseWriteback``) rather than most of them
  /// at the commit.
  static let bulkLoadCacheKiB = 1024

  /// Before the first import into an empty database, switches it from the WAL to SQLite's
  /// rollback journal and a small cache; `nil` if the database holds notes (or the switch was
  /// refused).
  ///
  /// A new import of a large folder writes megabytes of cards; through the WAL they are written
  /// twice (into the WAL, then copied into the file at the checkpoint), through the rollback
  /// journal once, with only the few pages of the empty schema kept aside. The import stays one
  /// transaction: killed, it is rolled back when the file is next opened. Pages SQLite writes
  /// into the file before the commit (its cache is small) either lie past the file's old end,
  /// which the rollback cuts off, or were kept in the journal first. While another
  /// connection has the file open, the switch is refused and the import goes through the WAL.
  private func beginBulkLoadIfEmpty() throws -> BulkLoad? {
    try dbQueue.writeWithoutTransaction { db in
      guard try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM note)") == true else {
        return nil
      }
      let mode = try? String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
      guard mode?.lowercased() == "delete" else { return nil }
      // The rollback journal's commit is safe against power loss only with full syncs.
      try db.execute(sql: "PRAGMA synchronous = FULL")
      let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
      try db.execute(sql: "PRAGMA cache_size = -\(Self.bulkLoadCacheKiB)")
      return BulkLoad(cacheSize: cacheSize)
    }
  }

  /// After the first import: the WAL again (a process killed before this gets it back the next
  /// time the store is opened), and the cache as it was. Full syncs stay until the WAL is back:
  /// in the rollback journal, normal syncs are not safe against power loss.
  private func endBulkLoad(_ bulkLoad: BulkLoad) {
    try? dbQueue.writeWithoutTransaction { db in
      try db.execute(sql: "PRAGMA cache_size = \(bulkLoad.cacheSize)")
      try Store.turnOnWAL(db, path: path, within: options.busyTimeout)
      try db.execute(sql: "PRAGMA synchronous = NORMAL")
    }
  }

  /// The committed import runs, oldest first.
  public func importRuns() throws(StorageError) -> [ImportRun] {
    try read { db in
      try ImportRunRecord.order(ImportRunRecord.Columns.id).fetchAll(db).map { record in
        ImportRun(
          id: record.id ?? 0, startedAt: Milliseconds.date(record.startedAt),
          finishedAt: Milliseconds.date(record.finishedAt),
          paths: StringListJSON.decode(record.paths), notes: record.notes, added: record.added,
          changed: record.changed, retired: record.retired, restored: record.restored,
          renamed: record.renamed, unchanged: record.unchanged, stubs: record.stubs,
          errors: record.errors)
      }
    }
  }
}
