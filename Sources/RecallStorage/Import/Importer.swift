import Foundation
import GRDB
import RecallCards
import Synchronization

/// One import, in two steps: first every note is read, hashed and (if it changed) turned into
/// cards, on every core and before any lock is taken; then the store is brought in line with
/// the notes in one write transaction.
///
/// Reading first means a note that is slow to read (a network mount) or huge never holds the
/// database's write lock: a review answering a card waits only for the writing. A database
/// being built (``Store/buildNew(at:options:_:)``) has no lock anyone could wait for, so there
/// the writing starts with the first notes prepared while the others are still being prepared.
struct Importer: Sendable {
  /// Turns note bytes into cards.
  let extraction: CardExtraction
  /// The import's one clock, in milliseconds.
  let now: Int64
  /// The folders imported whole: a stored note inside one whose file is gone was deleted.
  let folders: [String]
  /// Files and folders that could not be read: the notes inside keep their cards.
  let unreadPaths: [String]
  /// Whether a stored note's file is still on disk (a note whose file is gone may have moved).
  let fileExists: @Sendable (String) -> Bool
  /// Whether notes found deleted may be retired even when they are most of their folder's.
  let allowsRemovals: Bool
  /// Whether the report lists every card the import touches (``ImportReport/cardChanges``).
  let listsCards: Bool
  /// Told after each note is written: notes done, notes in all.
  let progress: (@Sendable (Int, Int) -> Void)?

  /// One note as read before the transaction: its bytes (kept only while its cards are not
  /// made), their hash, and its cards if it looked changed then.
  struct PreparedNote: Sendable {
    var source: NoteSource
    var bytes: [UInt8]
    var hash: String
    /// The cards, or why they could not be made; `nil` if the note looked unchanged.
    var cards: Result<CardExtraction.Result, ImportProblem>?
  }

  /// What the store holds of a note: enough to tell it unchanged.
  struct StoredNoteState: Sendable {
    var contentHash: String
    var deck: String
    var generatorRevision: Int
    /// Whether an earlier import found the note's file deleted (its cards are retired).
    var isRemoved: Bool

    /// The state of `note`.
    init(_ note: NoteRecord) {
      contentHash = note.contentHash
      deck = note.deck
      generatorRevision = note.generatorRevision
      isRemoved = note.isRemoved
    }
  }

  /// The notes of an import as step 1 prepares them, for step 2 to take in the sources' order:
  /// taking a note that is not prepared yet waits for it.
  final class PreparedNotes: Sendable {
    /// Each note's file, in the sources' order (each file once): known before it is read.
    let files: [String]
    /// The notes prepared so far, by their place in ``files``.
    private let notes: Mutex<[Result<PreparedNote, ImportProblem>?]>
    /// Signalled when the note of the same place is prepared.
    private let ready: [DispatchSemaphore]

    init(files: [String]) {
      self.files = files
      notes = Mutex(Array(repeating: nil, count: files.count))
      ready = files.map { _ in DispatchSemaphore(value: 0) }
    }

    /// Note `index` of ``files``, once it is prepared.
    subscript(index: Int) -> Result<PreparedNote, ImportProblem> {
      ready[index].wait()
      ready[index].signal()
      return notes.withLock { $0[index]! }
    }

    /// Every note, once all are prepared.
    var all: [Result<PreparedNote, ImportProblem>] { files.indices.map { self[$0] } }

    /// Hands over note `index`, prepared.
    fileprivate func keep(_ note: Result<PreparedNote, ImportProblem>, at index: Int) {
      notes.withLock { $0[index] = note }
      ready[index].signal()
    }
  }

  // MARK: - Step 1: reading and preparing, on every core

  /// Reads every note of `sources` (each file once), hashes it, and makes its cards unless it is
  /// unchanged from `stored` (the store's notes by file). Touches no database.
  ///
  /// Returns when every note is prepared; or at once if `whileWriting`, the notes then being
  /// prepared in the background in the sources' order, as the writer takes them.
  func prepare(_ sources: [NoteSource], stored: [String: StoredNoteState], whileWriting: Bool = false)
    -> PreparedNotes
  {
    var seen: Set<String> = []
    let unique = sources.filter { seen.insert($0.file).inserted }
    let notes = PreparedNotes(files: unique.map(\.file))
    // The largest notes first when nothing waits for the first ones: a long note taken up last
    // would leave the other cores idle.
    let order = whileWriting ? Array(unique.indices) : Self.largestFirst(unique)
    let work: @Sendable () -> Void = {
      DispatchQueue.concurrentPerform(iterations: unique.count) { turn in
        let index = order[turn]
        notes.keep(prepareOne(unique[index], stored: stored[unique[index].file]), at: index)
      }
    }
    // On a thread of its own, not queued on the shared pool: from an async command the writer
    // holds one of the pool's threads (as many as cores), and work queued there found the others
    // busy and prepared every note on one thread (242 of 242 files read by one thread, `strace
    // -f`). `concurrentPerform` runs on the thread that calls it and on the pool's free ones.
    if whileWriting { Thread(block: work).start() } else { work() }
    return notes
  }

  /// The indices of `sources`, the largest note first.
  private static func largestFirst(_ sources: [NoteSource]) -> [Int] {
    let sizes = sources.map { source in
      switch source.contents {
      case .bytes(let bytes): bytes.count
      case .onDisk: FileSystem.size(of: source.file)
      }
    }
    return sources.indices.sorted { (sizes[$0], $1) > (sizes[$1], $0) }
  }

  /// Reads and hashes one note, and makes its cards if it differs from `stored`.
  private func prepareOne(_ source: NoteSource, stored: StoredNoteState?)
    -> Result<PreparedNote, ImportProblem>
  {
    Self.read(source).map { bytes in
      let hash = NoteHash.hex(bytes)
      var note = PreparedNote(source: source, bytes: bytes, hash: hash, cards: nil)
      if !isUnchanged(source, hash: hash, stored: stored) {
        note.cards = makeCards(note)
        // The cards are made: the bytes are not read again, and a huge note must not hold
        // them while its cards are written.
        note.bytes = []
      }
      return note
    }
  }

  /// The note's bytes, or the problem that kept them from being read.
  private static func read(_ source: NoteSource) -> Result<[UInt8], ImportProblem> {
    switch source.contents {
    case .bytes(let bytes):
      return .success(bytes)
    case .onDisk:
      return FileSystem.read(source.file).mapError { error in
        ImportProblem(
          file: source.file, line: 0,
          message: "The note could not be read (\(FileErrorReason.text(of: error))); its cards were left as they were.")
      }
    }
  }

  /// Whether the note's bytes, deck and generator revision are what the store has.
  private func isUnchanged(_ source: NoteSource, hash: String, stored: StoredNoteState?) -> Bool {
    guard let stored, !stored.isRemoved else { return false }
    return stored.contentHash == hash && stored.deck == source.deck
      && stored.generatorRevision == extraction.revision
  }

  /// The cards of one note, or why they could not be made (a parse error, or two cards that
  /// share a key and so could not keep an identity each).
  private func makeCards(_ note: PreparedNote) -> Result<CardExtraction.Result, ImportProblem> {
    let file = note.source.file
    do throws(CardExtraction.Failure) {
      let result = try extraction.extract(note.bytes, file, note.source.deck)
      // Room for every key from the start: growing the set hashes each (long) key again.
      var keys = Set<String>(minimumCapacity: result.cards.count)
      if let repeated = result.cards.first(where: { !keys.insert($0.key).inserted }) {
        return .failure(
          ImportProblem(
            file: file, line: repeated.line,
            message: "Two cards of the note have the key '\(repeated.key)'; its cards were left as they were."))
      }
      return .success(result)
    } catch {
      return .failure(ImportProblem(file: file, line: error.line, message: error.message))
    }
  }

  // MARK: - Step 2: writing, in the caller's transaction

  /// Brings the store in line with `notes` (from ``prepare(_:stored:)``), inside the caller's
  /// write transaction, and says what it did.
  ///
  /// Every note is judged again against the store as the transaction sees it: another `recall`
  /// may have imported since the notes were prepared, and a note prepared as unchanged then has
  /// its cards made now.
  func write(_ db: Database, _ notes: PreparedNotes, paths: [String]) throws -> ImportReport {
    var writer = try Writer(db, importer: self, files: notes.files)
    for index in notes.files.indices {
      switch notes[index] {
      case .success(let note): try writer.write(note)
      case .failure(let problem): writer.report.errors.append(problem)
      }
      progress?(index + 1, notes.files.count)
    }
    try writer.retireDeletedNotes()
    try writer.logRun(paths: paths)
    return writer.report
  }

  /// The writing half of an import: takes the prepared notes one by one, in order.
  private struct Writer {
    let db: Database
    let importer: Importer
    /// The stored notes, by file, as the transaction found them.
    let notesByFile: [String: NoteRecord]
    /// Stored notes whose file is gone and that no note of the import names: each may have been
    /// renamed or moved to a new file of the import, else (inside a folder imported whole) it
    /// was deleted.
    var candidates: [NoteRecord]
    /// The number of active cards of each stored note, counted the first time it is needed.
    var activeCounts: [Int64: Int]?
    /// Brings each note's cards in line; one for the whole import, with its supply of UUIDs.
    var reconciling: CardReconciling
    var report = ImportReport()

    /// A writer of the notes of `files`.
    init(_ db: Database, importer: Importer, files: [String]) throws {
      self.db = db
      self.importer = importer
      reconciling = CardReconciling(db: db, now: importer.now, listsCards: importer.listsCards)
      var byFile: [String: NoteRecord] = [:]
      for note in try NoteRecord.fetchAll(db) { byFile[note.file] = note }
      notesByFile = byFile
      let files = Set(files)
      candidates = byFile.values.filter {
        !files.contains($0.file) && !importer.fileExists($0.file)
      }.sorted { ($0.id ?? 0) < ($1.id ?? 0) }
    }

    /// Writes one prepared note: skips it if unchanged, brings its cards in line, or adds it
    /// (or continues a renamed or moved note with it).
    mutating func write(_ note: PreparedNote) throws {
      let source = note.source
      let stored = notesByFile[source.file]
      if let stored, importer.isUnchanged(source, hash: note.hash, stored: StoredNoteState(stored)) {
        report.notes += 1
        report.unchangedNotes += 1
        if let noteID = stored.id { report.unchanged += try activeCount(of: noteID) }
        report.stubs += NoteStubs.decode(stored.stubs, file: source.file)
        return
      }
      let made: CardExtraction.Result
      switch note.cards ?? importer.makeCards(note) {
      case .success(let cards): made = cards
      case .failure(let problem):
        report.errors.append(problem)
        return
      }
      report.notes += 1
      report.stubs += made.stubs
      if var stored, let noteID = stored.id {
        try reconciling.reconcile(noteID: noteID, file: source.file, with: made.cards, report: &report)
        try update(&stored, from: note, made)
        return
      }
      // A note file seen for the first time may be a stored note that was renamed or moved: one
      // whose file is gone and that holds the same content.
      if let index = try bestMatch(hash: note.hash, cards: made.cards), let noteID = candidates[index].id {
        var stored = candidates.remove(at: index)
        report.renamed += 1
        report.moves.append(NoteMove(from: stored.file, to: source.file))
        stored.file = source.file
        try update(&stored, from: note, made)
        try reconciling.reconcile(noteID: noteID, file: source.file, with: made.cards, report: &report)
        return
      }
      var record = NoteRecord(
        id: nil, file: source.file, deck: source.deck, contentHash: note.hash,
        generatorRevision: importer.extraction.revision, createdAt: importer.now,
        updatedAt: importer.now, stubs: NoteStubs.encode(made.stubs))
      try record.insert(db)
      try reconciling.add(made.cards, noteID: db.lastInsertedRowID, file: source.file, report: &report)
    }

    /// Records the note's new hash, deck, revision and stubs.
    private func update(_ stored: inout NoteRecord, from note: PreparedNote, _ made: CardExtraction.Result)
      throws
    {
      stored.deck = note.source.deck
      stored.contentHash = note.hash
      stored.generatorRevision = importer.extraction.revision
      stored.updatedAt = max(importer.now, stored.createdAt)
      stored.stubs = NoteStubs.encode(made.stubs)
      try stored.update(db)
    }

    /// The number of active cards of stored note `noteID`.
    private mutating func activeCount(of noteID: Int64) throws -> Int {
      if let activeCounts { return activeCounts[noteID] ?? 0 }
      var counts: [Int64: Int] = [:]
      let rows = try Row.fetchCursor(
        db, sql: "SELECT noteId, count(*) FROM card WHERE status = 'active' GROUP BY noteId")
      while let row = try rows.next() {
        counts[row[0]] = row[1]
      }
      activeCounts = counts
      return counts[noteID] ?? 0
    }

    /// The index of the candidate that a new note (its bytes' `hash`, its `cards`) is a renamed
    /// or moved copy of: one with the same bytes, else the one sharing the most card texts, if
    /// they make at least half of the cards of both.
    private func bestMatch(hash: String, cards: [Card]) throws -> Int? {
      if let index = candidates.firstIndex(where: { $0.contentHash == hash }) { return index }
      guard !cards.isEmpty else { return nil }
      let generated = Set(cards.map(\.contentHash))
      var best: (index: Int, shared: Int)?
      for (index, candidate) in candidates.enumerated() {
        guard let noteID = candidate.id else { continue }
        // A deleted note's cards are the ones retired when its file was found gone.
        var request = CardRecord.filter(CardRecord.Columns.noteId == noteID).select(CardRecord.Columns.contentHash)
        request =
          candidate.isRemoved
          ? request.filter(CardRecord.Columns.status == CardStatus.retired.rawValue)
            .filter(CardRecord.Columns.retiredAt >= candidate.updatedAt)
          : request.filter(CardRecord.Columns.status == CardStatus.active.rawValue)
        let stored = try String.fetchAll(db, request)
        let shared = Set(stored).intersection(generated).count
        guard shared > 0, shared * 2 >= max(stored.count, cards.count) else { continue }
        if shared > (best?.shared ?? 0) { best = (index, shared) }
      }
      return best?.index
    }

    /// Retires the cards of the notes whose files were deleted from a folder imported whole,
    /// unless that would empty a folder or take most of its notes at once without permission:
    /// those notes are held back, untouched, in ``ImportReport/heldBackNotes``.
    mutating func retireDeletedNotes() throws {
      let deleted = candidates.filter { note in
        !note.isRemoved && importer.isInside(note.file, importer.folders)
          && !importer.isInside(note.file, importer.unreadPaths)
      }
      guard !deleted.isEmpty else { return }
      var counts = try activeCountsOf(deleted)
      let heldBack = importer.allowsRemovals ? [] : removalsNeedingPermission(deleted)
      for var note in deleted {
        guard let noteID = note.id else { continue }
        let cards = counts.removeValue(forKey: noteID) ?? 0
        if heldBack.contains(noteID) {
          report.heldBackNotes.append(RemovedNote(file: note.file, cards: cards))
          continue
        }
        let retired = try reconciling.retireAll(noteID: noteID, file: note.file, report: &report)
        note.generatorRevision = NoteRecord.removedRevision
        note.updatedAt = max(importer.now, note.createdAt)
        try note.update(db)
        report.removedNotes.append(RemovedNote(file: note.file, cards: retired))
      }
    }

    /// The active cards of each of `notes`.
    private func activeCountsOf(_ notes: [NoteRecord]) throws -> [Int64: Int] {
      var counts: [Int64: Int] = [:]
      for note in notes {
        guard let id = note.id else { continue }
        counts[id] = try CardRecord.filter(CardRecord.Columns.noteId == id)
          .filter(CardRecord.Columns.status == CardStatus.active.rawValue).fetchCount(db)
      }
      return counts
    }

    /// The ids of the `deleted` notes that may not be retired without the user's permission:
    /// those of a folder imported whole that would be left without notes, or that would lose
    /// more than half of its notes at once.
    private func removalsNeedingPermission(_ deleted: [NoteRecord]) -> Set<Int64> {
      var needing: Set<Int64> = []
      for folder in importer.folders {
        let inside = deleted.filter { importer.isInside($0.file, [folder]) }
        guard !inside.isEmpty else { continue }
        let stored = notesByFile.values.filter { !$0.isRemoved && importer.isInside($0.file, [folder]) }
        if inside.count * 2 > stored.count {
          needing.formUnion(inside.compactMap(\.id))
        }
      }
      return needing
    }

    /// Logs the import run.
    func logRun(paths: [String]) throws {
      var run = ImportRunRecord(
        id: nil, startedAt: importer.now, finishedAt: importer.now, paths: StringListJSON.encode(paths),
        notes: report.notes, added: report.added, changed: report.changed, retired: report.retired,
        restored: report.restored, renamed: report.renamed, unchanged: report.unchanged,
        stubs: report.stubs.count, errors: report.errors.count)
      try run.insert(db)
    }
  }

  /// Whether `file` is one of `paths` or lies inside one of them.
  fileprivate func isInside(_ file: String, _ paths: [String]) -> Bool {
    paths.contains { LibraryRoots.contains($0, file) }
  }
}
