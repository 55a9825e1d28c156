import Foundation
import GRDB

extension Store {
  /// Imports notes: adds new cards, updates changed ones in place, retires the ones that left
  /// their note, restores the ones that came back, and follows renamed or moved notes.
  ///
  /// Every note is read, hashed and turned into cards first, on every core, before the write
  /// lock is taken; then everything is written in one transaction: the import is committed
  /// whole or not at all, and a process killed during it leaves the database as it was. A note
  /// that cannot be read or parsed is listed in ``ImportReport/errors`` and its cards are left
  /// untouched; the other notes are imported.
  ///
  /// A stored note inside one of `folders` whose file is gone, and that no note of `sources`
  /// continues (renamed or moved), was deleted: its cards are retired, with their history, and
  /// it is listed in ``ImportReport/removedNotes``. Its cards come back if the file, or a file
  /// with its text, is imported again. Notes outside `folders`, or inside `unreadPaths`, are
  /// never retired this way. Unless `allowRemovals`, deleted notes that would leave a folder
  /// without notes or take more than half of its notes at once are left as they were and
  /// listed in ``ImportReport/heldBackNotes``.
  ///
  /// The folders imported are remembered as library roots (see ``libraryRoots()``).
  ///
  /// - Parameters:
  ///   - sources: The notes, in order (see ``NoteSearch``).
  ///   - paths: The paths the user gave, for the import-run log.
  ///   - folders: Absolute paths of the folders imported whole (``NoteSearch/folders``).
  ///   - unreadPaths: Files and folders that could not be read (``NoteSearch/unreadPaths``).
  ///   - extraction: How note bytes become cards.
  ///   - now: The import's one clock: every time it records.
  ///   - dryRun: Whether to roll everything back and only report what would change.
  ///   - allowRemovals: Whether deleted notes may be retired however many they are.
  ///   - listsCards: Whether the report lists every card touched (``ImportReport/cardChanges``).
  ///   - fileExists: Whether a file is still there (a note whose file is gone may have moved).
  ///   - progress: Told after each note is written: notes done, notes in all.
  /// - Returns: What changed (or would change).
  /// - Throws: ``StorageError`` if the database failed; nothing was written then.
  public func importNotes(
    _ sources: [NoteSource], paths: [String], folders: [String] = [], unreadPaths: [String] = [],
    extraction: CardExtraction, now: Date, dryRun: Bool = false, allowRemovals: Bool = false,
    listsCards: Bool = false,
    fileExists: @escaping @Sendable (String) -> Bool = { FileManager.default.fileExists(atPath: $0) },
    progress: (@Sendable (Int, Int) -> Void)? = nil
  ) throws(StorageError) -> ImportReport {
    if isReadOnly { throw readOnlyError }
    let importer = Importer(
      extraction: extraction, now: Milliseconds.from(now), folders: folders,
      unreadPaths: unreadPaths, fileExists: fileExists, allowsRemovals: allowRemovals,
      listsCards: listsCards, progress: progress)
    do {
      // Step 1, without any lock: read and prepare every note against the store as it is now
      // (in a database being built, which nobody else can wait for, while step 2 writes).
      let stored = try dbQueue.read { db in try NoteRecord.fetchAll(db) }
      let notes = importer.prepare(
        sources,
        stored: Dictionary(uniqueKeysWithValues: stored.map { ($0.file, Importer.StoredNoteState($0)) }),
        whileWriting: isBeingBuilt)
      // Step 2: one transaction for the writing.
      var report = ImportReport()
      try dbQueue.writeWithoutTransaction { db in
        // Each card inserted fires the `newCard` trigger, so SQLite keeps a statement journal
        // (the pages the statement touched, to undo it alone) for every card: in memory, not in
        // a temporary file, that is a copy rather than ~700 MB of file writes for the corpus.
        // One statement's journal holds only the few pages it touches.
        try db.execute(sql: "PRAGMA temp_store = MEMORY")
        defer { try? db.execute(sql: "PRAGMA temp_store = DEFAULT") }
        let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
        try db.inTransaction(.immediate) {
          let integrity = try String.fetchAll(db, sql: "PRAGMA quick_check")
          if integrity != ["ok"] {
            if !isSnapshot { DamageMark.record(path) }
            throw StorageError.damaged(path: path)
          }
          // Room for the pages a large import changes (the corpus's: 10 MiB), so that SQLite
          // does not write them to the WAL halfway and read them back (2 MiB by default). Made
          // after the check, which reads every page: kept, they were 2,600 allocations of an
          // unchanged re-import (a third of its time).
          try db.execute(sql: "PRAGMA cache_size = -32768")
          report = try importer.write(db, notes, paths: paths)
          try LibraryRoots.add(folders, now: Milliseconds.from(now), db)
          return dryRun ? .rollback : .commit
        }
      }
      report.isDryRun = dryRun || isSnapshot
      return report
    } catch {
      throw StorageError.from(error, path: path, busyTimeout: options.busyTimeout)
    }
  }

  /// The folders imported so far (the library roots), as absolute paths: a note found under one
  /// has its deck named relative to it, whichever subfolder is imported.
  public func libraryRoots() throws(StorageError) -> [String] {
    try read { db in try LibraryRoots.all(db) }
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
