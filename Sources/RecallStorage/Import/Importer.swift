import Foundation
import GRDB
import RecallCards

/// One import, run inside the caller's write transaction: workers on every core read, hash and
/// turn the changed notes into cards while the writer brings the stored cards in line, note by
/// note in a fixed order (the sources', or the largest first into a store without notes),
/// without losing any history.
///
/// Preparing and writing overlap, so an import takes about as long as the longer of the two
/// rather than their sum. The price is that the write lock is held from the start: another
/// `recall` that writes (a review answering a card) waits for the whole import, as its busy
/// timeout allows, not only for the writing. In exchange the notes are judged against what the
/// store holds inside the same transaction, so no other process can change a note between
/// being read and being written.
struct Importer: Sendable {
  /// Turns note bytes into cards.
  let extraction: CardExtraction
  /// The import's one clock, in milliseconds.
  let now: Int64
  /// The folders imported whole: a stored note inside one whose file is gone was deleted.
  let folders: [String]
  /// Whether a stored note's file is still on disk (a note whose file is gone may have moved).
  let fileExists: @Sendable (String) -> Bool
  /// Told after each note is written: notes done, notes in all.
  let progress: (@Sendable (Int, Int) -> Void)?

  /// What the store held of a note when the import looked: enough to tell it unchanged.
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

  /// One note as read, hashed and (if it changed) turned into cards.
  struct PreparedNote: Sendable {
    var source: NoteSource
    /// The note's bytes and their hash, or why they could not be read.
    var read: Result<(bytes: [UInt8], hash: String), ReadFailure>
    /// The cards, if the note differed from the store when it was prepared.
    var extracted: Result<NoteCards, CardExtraction.Failure>?
  }

  /// What a changed note gives: its cards, and the rows they make as new cards.
  struct NoteCards: Sendable {
    /// The cards (keys made unique) and stubs; no cards when ``keptCards`` is false.
    var result: CardExtraction.Result
    /// The cards as new rows of the `card` table, in the same order.
    var rows: CardRows
    /// Whether ``result`` still holds the cards. A worker preparing for a store without notes
    /// lets them go once their rows are made, on its own thread: a new note needs only its
    /// rows, and thousands of small texts freed by the writer held up its writing.
    var keptCards = true
  }

  /// The notes of one import being prepared: started before its transaction, so that reading,
  /// hashing and parsing go on while the import waits for the write lock and sets the store up.
  final class Preparation: Sendable {
    /// The notes, each file once, in the order of the sources.
    let sources: [NoteSource]
    /// Their files.
    let files: Set<String>
    /// The order in which the writer takes the notes when the store holds none: indices of
    /// ``sources``.
    let writingOrder: [Int]
    /// The notes as workers prepare them.
    let notes: PreparedNotes<PreparedNote>

    fileprivate init(
      sources: [NoteSource], files: Set<String>, writingOrder: [Int],
      notes: PreparedNotes<PreparedNote>
    ) {
      self.sources = sources
      self.files = files
      self.writingOrder = writingOrder
      self.notes = notes
    }

    /// Starts no more notes and waits for the ones being prepared: call it once the import is
    /// over, written or not.
    func stop() {
      notes.stop()
    }
  }

  /// Starts preparing `sources` (the first of any repeated file) with `extraction`, against
  /// the notes the store holds now, `storedNotes`; preparing needs nothing else of an import.
  ///
  /// What the store holds may change before the import's transaction begins (another `recall`
  /// importing): the writer judges every note again against the store inside the transaction,
  /// and makes the cards of a note the workers took for unchanged, so a note prepared against an
  /// older store is written as its newer state requires.
  static func startPreparing(
    _ sources: [NoteSource], storedNotes: [NoteRecord], extraction: CardExtraction
  ) -> Preparation {
    var stored: [String: StoredNoteState] = [:]
    for note in storedNotes { stored[note.file] = StoredNoteState(note) }
    var seen: Set<String> = []
    let unique = sources.filter { seen.insert($0.file).inserted }
    // Against a store without notes, every note is new: its rows are all the writer needs.
    let keepingCards = !storedNotes.isEmpty
    let sizes = unique.map(Self.expectedSize)
    let writingOrder = keepingCards ? Array(sizes.indices) : Self.largestFirst(sizes)
    let notes = PreparedNotes(
      count: unique.count,
      order: PreparedNotes<PreparedNote>.startOrder(sizes: sizes, takenIn: writingOrder)
    ) { [stored] index in
      prepare(
        unique[index], stored: stored[unique[index].file], extraction: extraction,
        keepingCards: keepingCards)
    }
    return Preparation(sources: unique, files: seen, writingOrder: writingOrder, notes: notes)
  }

  /// The indices of notes of `sizes` bytes, the largest first, notes of one size in index
  /// order: the order in which notes are written into a store without notes.
  ///
  /// Every such note is new, so the order only numbers the rows; the report still follows the
  /// sources. Written in the sources' order, a long note at the end (a README of a folder
  /// imported last) would be written alone after every other note was ready, one core working
  /// and the others idle; written first, it is written while the other notes are prepared.
  static func largestFirst(_ sizes: [Int]) -> [Int] {
    sizes.indices.sorted { (sizes[$0], $1) > (sizes[$1], $0) }
  }

  /// Brings the store in line with the notes of `preparation`, inside the caller's write
  /// transaction, and says what it did.
  ///
  /// Workers prepare the notes (``prepare(_:stored:extraction:)``) while this thread first runs `check`
  /// (the store's integrity check) and then writes each note as soon as it and every note before
  /// it are ready: in the sources' order, or into a store without notes in the preparation's
  /// ``Preparation/writingOrder``, so that row ids never depend on which worker finished first.
  /// The report follows the sources' order either way. While the next note is not ready, this
  /// thread prepares notes too.
  func run(
    _ db: Database, _ preparation: Preparation, paths: [String], check: (Database) throws -> Void
  ) throws -> ImportReport {
    var notesByFile: [String: NoteRecord] = [:]
    for note in try NoteRecord.fetchAll(db) { notesByFile[note.file] = note }
    try check(db)
    var writer = try Writer(db, importer: self, notesByFile: notesByFile, files: preparation.files)
    let count = preparation.sources.count
    // A store without notes takes them in the preparation's order; a store with notes, in the
    // sources' order, which decides which new file continues a renamed note.
    let order = notesByFile.isEmpty ? preparation.writingOrder : Array(0..<count)
    // Where each note's errors and stubs went in the report, to put them in the sources' order.
    var parts = Array(repeating: (errors: 0..<0, stubs: 0..<0), count: count)
    for (done, index) in order.enumerated() {
      let before = (errors: writer.report.errors.count, stubs: writer.report.stubs.count)
      try writer.write(preparation.notes.take(index))
      parts[index] = (
        before.errors..<writer.report.errors.count, before.stubs..<writer.report.stubs.count
      )
      progress?(done + 1, count)
    }
    if order != Array(0..<count) {
      let report = writer.report
      writer.report.errors = parts.flatMap { report.errors[$0.errors] }
      writer.report.stubs = parts.flatMap { report.stubs[$0.stubs] }
    }
    return try writer.finish(paths: paths)
  }

  /// Reads and hashes one note, and makes its cards with `extraction` if it differs from
  /// `stored`. Touches no database: workers run it on every core.
  static func prepare(
    _ source: NoteSource, stored: StoredNoteState?, extraction: CardExtraction,
    keepingCards: Bool = true
  ) -> PreparedNote {
    let read = Self.read(source).map { bytes in (bytes: bytes, hash: NoteHash.hex(bytes)) }
    var note = PreparedNote(source: source, read: read, extracted: nil)
    if case .success(let value) = read,
      !isUnchanged(source, hash: value.hash, stored: stored, revision: extraction.revision)
    {
      note.extracted = extractOne(
        value.bytes, source, extraction: extraction, keepingCards: keepingCards)
    }
    return note
  }

  /// Whether the note's bytes, deck and generator (of revision `revision`) are what the store
  /// has.
  private static func isUnchanged(
    _ source: NoteSource, hash: String, stored: StoredNoteState?, revision: Int
  ) -> Bool {
    guard let stored, !stored.isRemoved else { return false }
    return stored.contentHash == hash && stored.deck == source.deck
      && stored.generatorRevision == revision
  }

  // MARK: - Writing

  /// The writing half of an import: takes the prepared notes one by one, in order.
  private struct Writer {
    let db: Database
    let importer: Importer
    /// The stored notes, by file, as the import found them.
    let notesByFile: [String: NoteRecord]
    /// The number of active cards of each stored note, counted the first time it is needed.
    var activeCounts: [Int64: Int]?
    /// Stored notes whose file is gone and that no note of the import names: each may have been
    /// renamed or moved to a new file of the import, else (inside a folder imported whole) it
    /// was deleted.
    var candidates: [NoteRecord]
    let inserter: CardInserter
    var report = ImportReport()

    init(_ db: Database, importer: Importer, notesByFile: [String: NoteRecord], files: Set<String>)
      throws
    {
      self.db = db
      self.importer = importer
      self.notesByFile = notesByFile
      candidates = notesByFile.values.filter {
        !files.contains($0.file) && !importer.fileExists($0.file)
      }.sorted { ($0.id ?? 0) < ($1.id ?? 0) }
      inserter = try CardInserter(db, now: importer.now)
    }

    /// Writes one prepared note: skips it if unchanged, brings its cards in line, or adds it
    /// (or continues a renamed or moved note with it).
    mutating func write(_ item: PreparedNote) throws {
      let now = importer.now
      let hash: String
      let bytes: [UInt8]
      switch item.read {
      case .success(let value): (bytes, hash) = (value.bytes, value.hash)
      case .failure(let failure):
        report.errors.append(failure.problem)
        return
      }
      let stored = notesByFile[item.source.file]
      if let stored,
        Importer.isUnchanged(
          item.source, hash: hash, stored: StoredNoteState(stored),
          revision: importer.extraction.revision)
      {
        report.notes += 1
        report.unchangedNotes += 1
        if let noteID = stored.id { report.unchanged += try activeCount(of: noteID) }
        report.stubs += NoteStubs.decode(stored.stubs, file: item.source.file)
        return
      }
      // Prepared against the same transaction's store, a changed note comes with its cards.
      var outcome =
        item.extracted ?? Importer.extractOne(bytes, item.source, extraction: importer.extraction)
      // A note prepared as new whose cards were let go, but that must be compared with stored
      // cards after all (another `recall` imported since): its cards are made again.
      if case .success(let value) = outcome, !value.keptCards, stored != nil || !candidates.isEmpty {
        outcome = Importer.extractOne(bytes, item.source, extraction: importer.extraction)
      }
      let made: NoteCards
      switch outcome {
      case .success(let value): made = value
      case .failure(let error):
        report.errors.append(
          ImportProblem(file: item.source.file, line: error.line, message: error.message))
        return
      }
      report.notes += 1
      report.stubs += made.result.stubs
      if var stored, let noteID = stored.id {
        try importer.reconcile(
          db, noteID: noteID, generated: made, inserter: inserter, report: &report)
        stored.contentHash = hash
        stored.deck = item.source.deck
        stored.generatorRevision = importer.extraction.revision
        stored.updatedAt = max(now, stored.createdAt)
        stored.stubs = NoteStubs.encode(made.result.stubs)
        try stored.update(db)
        return
      }
      // A note file seen for the first time may be a stored note that was renamed or moved: one
      // whose file is gone and that holds the same content.
      if !candidates.isEmpty,
        let index = try importer.bestMatch(db, hash: hash, cards: made.result.cards, among: candidates),
        let noteID = candidates[index].id
      {
        var stored = candidates.remove(at: index)
        report.renamed += 1
        report.moves.append(NoteMove(from: stored.file, to: item.source.file))
        stored.file = item.source.file
        stored.deck = item.source.deck
        stored.contentHash = hash
        stored.generatorRevision = importer.extraction.revision
        stored.updatedAt = max(now, stored.createdAt)
        stored.stubs = NoteStubs.encode(made.result.stubs)
        try stored.update(db)
        try importer.reconcile(
          db, noteID: noteID, generated: made, inserter: inserter, report: &report)
        return
      }
      // A plain cached statement: a record's insert encodes the note through Codable, which
      // costs more than SQLite's own work for a note.
      try db.cachedStatement(
        sql: """
          INSERT INTO note (file, deck, contentHash, generatorRevision, createdAt, updatedAt, stubs)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          """
      ).execute(arguments: [
        item.source.file, item.source.deck, hash, importer.extraction.revision, now, now,
        NoteStubs.encode(made.result.stubs),
      ])
      let noteID = db.lastInsertedRowID
      try inserter.insert(made.rows, at: 0..<made.rows.count, noteID: noteID)
      report.added += made.rows.count
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

    /// Retires the cards of the deleted notes, logs the import run and returns the report.
    mutating func finish(paths: [String]) throws -> ImportReport {
      let now = importer.now
      // What is left of the candidates was not renamed or moved: inside a folder imported
      // whole, its file was deleted.
      for var stored in candidates where !stored.isRemoved && importer.isInsideImportedFolder(stored.file) {
        guard let noteID = stored.id else { continue }
        let retiredAt = max(now, stored.createdAt)
        try db.execute(
          sql: """
            UPDATE card
            SET status = 'retired', retiredAt = max(?, createdAt), updatedAt = max(?, createdAt)
            WHERE noteId = ? AND status = 'active'
            """,
          arguments: [now, now, noteID])
        let cards = db.changesCount
        stored.generatorRevision = NoteRecord.removedRevision
        stored.updatedAt = retiredAt
        try stored.update(db)
        report.retired += cards
        report.removedNotes.append(RemovedNote(file: stored.file, cards: cards))
      }

      var run = ImportRunRecord(
        id: nil, startedAt: now, finishedAt: now, paths: StringListJSON.encode(paths),
        notes: report.notes, added: report.added, changed: report.changed, retired: report.retired,
        restored: report.restored, renamed: report.renamed, unchanged: report.unchanged,
        stubs: report.stubs.count, errors: report.errors.count)
      try run.insert(db)
      return report
    }
  }

  /// Whether `file` lies inside one of the folders imported whole.
  fileprivate func isInsideImportedFolder(_ file: String) -> Bool {
    folders.contains { folder in
      file.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }
  }

  // MARK: - Reading

  /// A note that could not be read.
  struct ReadFailure: Error, Sendable {
    var problem: ImportProblem
  }

  /// The cards `extraction` makes of one note, keys made unique, and their rows; the cards
  /// are let go once the rows are made unless `keepingCards`.
  private static func extractOne(
    _ bytes: [UInt8], _ source: NoteSource, extraction: CardExtraction, keepingCards: Bool = true
  ) -> Result<NoteCards, CardExtraction.Failure> {
    do throws(CardExtraction.Failure) {
      var result = try extraction.extract(bytes, source.file, source.deck)
      if !extraction.makesUniqueKeys { result.cards = Self.withUniqueKeys(result.cards) }
      var made = NoteCards(result: result, rows: CardRows(result.cards))
      if !keepingCards {
        made.result.cards = []
        made.keptCards = false
      }
      return .success(made)
    } catch {
      return .failure(error)
    }
  }

  /// The number of bytes the note is expected to have (0 if its file cannot be looked at): what
  /// orders the start of its preparation.
  private static func expectedSize(_ source: NoteSource) -> Int {
    switch source.contents {
    case .bytes(let bytes): bytes.count
    case .onDisk: FileSystem.size(of: source.file)
    }
  }

  /// The note's bytes, or the problem that kept them from being read.
  private static func read(_ source: NoteSource) -> Result<[UInt8], ReadFailure> {
    switch source.contents {
    case .bytes(let bytes):
      return .success(bytes)
    case .onDisk:
      switch FileSystem.read(source.file) {
      case .success(let bytes): return .success(bytes)
      case .failure(let error):
        let reason = FileErrorReason.text(of: error)
        return .failure(
          ReadFailure(
            problem: ImportProblem(
              file: source.file, line: 0,
              message: "The note could not be read (\(reason)); its cards were left as they were.")))
      }
    }
  }

  /// The cards with any repeated key made unique (`key #2`, `key #3`), so that every card of a
  /// note keeps its own identity.
  static func withUniqueKeys(_ cards: [Card]) -> [Card] {
    var seen: [UTF8Key: Int] = [:]
    seen.reserveCapacity(cards.count)
    var result = cards
    for index in result.indices {
      let key = UTF8Key(result[index].key)
      if let count = seen[key] {
        var number = count + 1
        while seen[UTF8Key("\(key.text) #\(number)")] != nil { number += 1 }
        seen[key] = number
        result[index].key = "\(key.text) #\(number)"
        seen[UTF8Key(result[index].key)] = 1
      } else {
        seen[key] = 1
      }
    }
    return result
  }

  /// A string hashed and compared by its UTF-8 bytes: keys are NFC already, and `String`'s own
  /// hashing normalizes every non-ASCII key again, which shows in an import of Korean notes.
  struct UTF8Key: Hashable {
    var text: String

    init(_ text: String) {
      self.text = text
    }

    /// Compares the bytes at once: the keys of a note share a long prefix (its deck), and a
    /// dictionary compares a key with every one it probes.
    static func == (lhs: UTF8Key, rhs: UTF8Key) -> Bool {
      guard lhs.text.utf8.count == rhs.text.utf8.count else { return false }
      var left = lhs.text
      var right = rhs.text
      return left.withUTF8 { a in
        right.withUTF8 { b in
          a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
        }
      }
    }

    func hash(into hasher: inout Hasher) {
      var copy = text
      copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
  }

  // MARK: - Renamed notes

  /// The index of the candidate that a new note (its bytes' `hash`, its `cards`) is a renamed or
  /// moved copy of: one with the same bytes, else the one sharing the most card texts, if they
  /// make at least half of the cards of both.
  fileprivate func bestMatch(
    _ db: Database, hash: String, cards: [Card], among candidates: [NoteRecord]
  ) throws -> Int? {
    if let index = candidates.firstIndex(where: { $0.contentHash == hash }) { return index }
    guard !cards.isEmpty else { return nil }
    let generated = Set(cards.map(\.contentHash))
    var best: (index: Int, shared: Int)?
    for (index, candidate) in candidates.enumerated() {
      guard let noteID = candidate.id else { continue }
      // A deleted note's cards are the ones retired when its file was found gone.
      let stored =
        if candidate.isRemoved {
          try String.fetchAll(
            db,
            sql: "SELECT contentHash FROM card WHERE noteId = ? AND status = 'retired' AND retiredAt >= ?",
            arguments: [noteID, candidate.updatedAt])
        } else {
          try String.fetchAll(
            db, sql: "SELECT contentHash FROM card WHERE noteId = ? AND status = 'active'",
            arguments: [noteID])
        }
      let shared = Set(stored).intersection(generated).count
      let larger = max(stored.count, cards.count)
      guard shared * 2 >= larger, shared > 0 else { continue }
      if shared > (best?.shared ?? 0) { best = (index, shared) }
    }
    return best?.index
  }

  // MARK: - Cards

  /// Brings the cards of note `noteID` in line with the `made` ones: pairs each made card with
  /// a stored one (active or retired), updates pairs in place, adds the rest, and retires the
  /// active cards left over. No card is deleted, so no review loses its card.
  fileprivate func reconcile(
    _ db: Database, noteID: Int64, generated made: NoteCards, inserter: CardInserter,
    report: inout ImportReport
  ) throws {
    let generated = made.result.cards
    let stored = try CardRecord
      .filter(CardRecord.Columns.noteId == noteID)
      .order(sql: "status = 'retired', id")
      .fetchAll(db)
    let pairs = CardMatching.pairs(stored: stored.map(\.card), generated: generated)
    var pairedStored = Set<Int>()
    var pairedGenerated = Set<Int>()
    var updates: [(record: CardRecord, card: Card)] = []
    for pair in pairs {
      pairedStored.insert(pair.stored)
      pairedGenerated.insert(pair.generated)
      updates.append((stored[pair.stored], generated[pair.generated]))
    }

    // Moving keys in two steps keeps UNIQUE(noteId, key) true after every statement, even when
    // two cards swap keys.
    let rekeyed = updates.filter { $0.record.key != $0.card.key }
    for update in rekeyed {
      try db.execute(
        sql: "UPDATE card SET key = ? WHERE id = ?",
        arguments: ["\u{1}moving \(update.record.uid)", update.record.id])
    }
    for (record, card) in updates {
      let wasRetired = record.status == CardStatus.retired.rawValue
      // What the user learns: the question and the answer. New distractors (choices) or a new
      // place in the note update the card silently; they do not make it "changed".
      let contentChanged =
        record.prompt != card.prompt || record.answer != card.answer || record.detail != card.detail
      if wasRetired {
        report.restored += 1
      } else if contentChanged {
        report.changed += 1
      } else {
        report.unchanged += 1
      }
      let choices = StringListJSON.encode(card.choices)
      let context = StringListJSON.encode(card.context)
      let same =
        !wasRetired && !contentChanged && record.contentHash == card.contentHash
        && record.key == card.key
        && record.kind == card.kind.rawValue && record.prompt == card.prompt
        && record.answer == card.answer && record.choices == choices && record.context == context
        && record.detail == card.detail && record.siblingGroup == card.siblingGroup
        && record.line == card.line
      if same { continue }
      let contentChangedAt = (wasRetired || contentChanged) ? now : record.contentChangedAt
      try db.cachedStatement(
        sql: """
          UPDATE card SET key = ?, kind = ?, prompt = ?, answer = ?, choices = ?, context = ?,
            detail = ?, siblingGroup = ?, line = ?, contentHash = ?, status = 'active',
            updatedAt = ?, contentChangedAt = ?, retiredAt = NULL
          WHERE id = ?
          """
      ).execute(arguments: [
        card.key, card.kind.rawValue, card.prompt, card.answer, choices, context, card.detail,
        card.siblingGroup, max(card.line, 1), card.contentHash, max(now, record.createdAt),
        max(contentChangedAt, record.createdAt), record.id,
      ])
    }
    let added = generated.indices.filter { !pairedGenerated.contains($0) }
    try inserter.insert(made.rows, at: added, noteID: noteID)
    report.added += added.count
    for (index, record) in stored.enumerated()
    where !pairedStored.contains(index) && record.status == CardStatus.active.rawValue {
      try db.cachedStatement(
        sql: "UPDATE card SET status = 'retired', retiredAt = ?, updatedAt = ? WHERE id = ?"
      ).execute(arguments: [max(now, record.createdAt), max(now, record.createdAt), record.id])
      report.retired += 1
    }
  }
}
