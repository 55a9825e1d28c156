import Foundation
import GRDB
import RecallCards
import Synchronization

/// One import, in two parts: ``prepare(_:stored:)`` reads, hashes and turns the changed notes
/// into cards without holding any lock; ``apply(_:prepared:paths:)`` then brings the stored cards
/// in line inside one write transaction, without losing any history. Another `recall` (a review
/// answering cards) so waits only for the short write, not for the parsing.
struct Importer {
  /// Turns note bytes into cards.
  let extraction: CardExtraction
  /// The import's one clock, in milliseconds.
  let now: Int64
  /// The folders imported whole: a stored note inside one whose file is gone was deleted.
  let folders: [String]
  /// Whether a stored note's file is still on disk (a note whose file is gone may have moved).
  let fileExists: @Sendable (String) -> Bool
  /// Told after each note: notes done, notes in all.
  let progress: (@Sendable (Int, Int) -> Void)?

  /// What the store held of a note when the import looked: enough to tell it unchanged.
  struct StoredNoteState: Sendable {
    var contentHash: String
    var deck: String
    var generatorRevision: Int
    /// Whether an earlier import found the note's file deleted (its cards are retired).
    var isRemoved: Bool
  }

  /// One note as read, hashed and (if it changed) turned into cards.
  struct PreparedNote: Sendable {
    var source: NoteSource
    /// The note's bytes and their hash, or why they could not be read.
    var read: Result<(bytes: [UInt8], hash: String), ReadFailure>
    /// The cards, if the note differed from the store when it was prepared.
    var extracted: Result<CardExtraction.Result, CardExtraction.Failure>?
  }

  /// A note read and turned into cards, waiting to be matched with a stored note.
  private struct NewNote {
    var source: NoteSource
    var hash: String
    var cards: [Card]
    var stubs: [Stub]
  }

  /// Reads and hashes every note (each file once), and makes the cards of those that differ from
  /// `stored` (keyed by file), each note on its own, on every core. Touches no database.
  func prepare(_ sources: [NoteSource], stored: [String: StoredNoteState]) -> [PreparedNote] {
    var seen: Set<String> = []
    let unique = sources.filter { seen.insert($0.file).inserted }
    let slots = Mutex([PreparedNote?](repeating: nil, count: unique.count))
    let counter = Mutex(0)
    let progress = self.progress
    DispatchQueue.concurrentPerform(iterations: unique.count) { index in
      let source = unique[index]
      let read = Self.read(source).map { bytes in (bytes: bytes, hash: SHA256.hex(bytes)) }
      var note = PreparedNote(source: source, read: read, extracted: nil)
      if case .success(let value) = read,
        !isUnchanged(source, hash: value.hash, stored: stored[source.file])
      {
        note.extracted = extractOne(value.bytes, source)
      }
      slots.withLock { $0[index] = note }
      let done = counter.withLock { count in
        count += 1
        return count
      }
      progress?(done, unique.count)
    }
    return slots.withLock { slots in slots.compactMap { $0 } }
  }

  /// Whether the note's bytes, deck and generator are what the store has.
  private func isUnchanged(_ source: NoteSource, hash: String, stored: StoredNoteState?) -> Bool {
    guard let stored, !stored.isRemoved else { return false }
    return stored.contentHash == hash && stored.deck == source.deck
      && stored.generatorRevision == extraction.revision
  }

  /// Brings the store in line with the prepared notes, inside the caller's write transaction,
  /// and says what it did. A note that another process imported since it was prepared is judged
  /// again against what the store holds now.
  func apply(_ db: Database, prepared: [PreparedNote], paths: [String]) throws -> ImportReport {
    var report = ImportReport()
    var notesByFile: [String: NoteRecord] = [:]
    for note in try NoteRecord.fetchAll(db) { notesByFile[note.file] = note }
    var activeCounts: [Int64: Int] = [:]
    let countRows = try Row.fetchCursor(
      db, sql: "SELECT noteId, count(*) FROM card WHERE status = 'active' GROUP BY noteId")
    while let row = try countRows.next() {
      activeCounts[row[0]] = row[1]
    }

    var inserter = try CardInserter(db, now: now)
    var newNotes: [NewNote] = []
    let filesInImport = Set(prepared.map(\.source.file))
    for item in prepared {
      let hash: String
      let bytes: [UInt8]
      switch item.read {
      case .success(let value): (bytes, hash) = (value.bytes, value.hash)
      case .failure(let failure):
        report.errors.append(failure.problem)
        continue
      }
      let stored = notesByFile[item.source.file]
      if let stored,
        isUnchanged(
          item.source, hash: hash,
          stored: StoredNoteState(
            contentHash: stored.contentHash, deck: stored.deck,
            generatorRevision: stored.generatorRevision, isRemoved: stored.isRemoved))
      {
        report.notes += 1
        report.unchangedNotes += 1
        report.unchanged += stored.id.flatMap { activeCounts[$0] } ?? 0
        report.stubs += NoteStubs.decode(stored.stubs, file: item.source.file)
        continue
      }
      let outcome = item.extracted ?? extractOne(bytes, item.source)
      let result: CardExtraction.Result
      switch outcome {
      case .success(let value): result = value
      case .failure(let error):
        report.errors.append(ImportProblem(file: item.source.file, line: error.line, message: error.message))
        continue
      }
      report.notes += 1
      report.stubs += result.stubs
      if var stored, let noteID = stored.id {
        try reconcile(
          db, noteID: noteID, generated: result.cards, inserter: &inserter, report: &report)
        stored.contentHash = hash
        stored.deck = item.source.deck
        stored.generatorRevision = extraction.revision
        stored.updatedAt = max(now, stored.createdAt)
        stored.stubs = NoteStubs.encode(result.stubs)
        try stored.update(db)
      } else {
        newNotes.append(
          NewNote(source: item.source, hash: hash, cards: result.cards, stubs: result.stubs))
      }
    }

    // A note file seen for the first time may be a stored note that was renamed or moved: one
    // whose file is gone and that holds the same content.
    var candidates = notesByFile.values.filter {
      !filesInImport.contains($0.file) && !fileExists($0.file)
    }.sorted { ($0.id ?? 0) < ($1.id ?? 0) }
    for new in newNotes {
      if let index = try bestMatch(db, for: new, among: candidates), let noteID = candidates[index].id {
        var stored = candidates.remove(at: index)
        report.renamed += 1
        report.moves.append(NoteMove(from: stored.file, to: new.source.file))
        stored.file = new.source.file
        stored.deck = new.source.deck
        stored.contentHash = new.hash
        stored.generatorRevision = extraction.revision
        stored.updatedAt = max(now, stored.createdAt)
        stored.stubs = NoteStubs.encode(new.stubs)
        try stored.update(db)
        try reconcile(
          db, noteID: noteID, generated: new.cards, inserter: &inserter, report: &report)
      } else {
        var note = NoteRecord(
          id: nil, file: new.source.file, deck: new.source.deck, contentHash: new.hash,
          generatorRevision: extraction.revision, createdAt: now, updatedAt: now,
          stubs: NoteStubs.encode(new.stubs))
        try note.insert(db)
        guard let noteID = note.id else { continue }
        for card in new.cards {
          try inserter.insert(card, noteID: noteID)
          report.added += 1
        }
      }
    }

    // What is left of the candidates was not renamed or moved: inside a folder imported whole,
    // its file was deleted.
    for var stored in candidates where !stored.isRemoved && isInsideImportedFolder(stored.file) {
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

  /// Whether `file` lies inside one of the folders imported whole.
  private func isInsideImportedFolder(_ file: String) -> Bool {
    folders.contains { folder in
      file.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }
  }

  // MARK: - Reading

  /// A note that could not be read.
  struct ReadFailure: Error, Sendable {
    var problem: ImportProblem
  }

  /// The cards of one note, keys made unique.
  private func extractOne(_ bytes: [UInt8], _ source: NoteSource)
    -> Result<CardExtraction.Result, CardExtraction.Failure>
  {
    do throws(CardExtraction.Failure) {
      var result = try extraction.extract(bytes, source.file, source.deck)
      result.cards = Self.withUniqueKeys(result.cards)
      return .success(result)
    } catch {
      return .failure(error)
    }
  }

  /// The note's bytes, or the problem that kept them from being read.
  private static func read(_ source: NoteSource) -> Result<[UInt8], ReadFailure> {
    switch source.contents {
    case .bytes(let bytes):
      return .success(bytes)
    case .onDisk:
      do {
        let data = try Data(contentsOf: URL(fileURLWithPath: source.file))
        return .success([UInt8](data))
      } catch {
        let reason = (error as NSError).localizedDescription
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

    static func == (lhs: UTF8Key, rhs: UTF8Key) -> Bool {
      lhs.text.utf8.elementsEqual(rhs.text.utf8)
    }

    func hash(into hasher: inout Hasher) {
      var copy = text
      copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
  }

  // MARK: - Renamed notes

  /// The index of the candidate that `new` is a renamed or moved copy of: one with the same
  /// bytes, else the one sharing the most card texts, if they make at least half of the cards of
  /// both.
  private func bestMatch(_ db: Database, for new: NewNote, among candidates: [NoteRecord]) throws
    -> Int?
  {
    if let index = candidates.firstIndex(where: { $0.contentHash == new.hash }) { return index }
    guard !new.cards.isEmpty else { return nil }
    let generated = Set(new.cards.map(\.contentHash))
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
      let larger = max(stored.count, new.cards.count)
      guard shared * 2 >= larger, shared > 0 else { continue }
      if shared > (best?.shared ?? 0) { best = (index, shared) }
    }
    return best?.index
  }

  // MARK: - Cards

  /// Brings the cards of note `noteID` in line with `generated`: pairs each generated card with
  /// a stored one (active or retired), updates pairs in place, adds the rest, and retires the
  /// active cards left over. No card is deleted, so no review loses its card.
  private func reconcile(
    _ db: Database, noteID: Int64, generated: [Card], inserter: inout CardInserter,
    report: inout ImportReport
  ) throws {
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
    for (index, card) in generated.enumerated() where !pairedGenerated.contains(index) {
      try inserter.insert(card, noteID: noteID)
      report.added += 1
    }
    for (index, record) in stored.enumerated()
    where !pairedStored.contains(index) && record.status == CardStatus.active.rawValue {
      try db.cachedStatement(
        sql: "UPDATE card SET status = 'retired', retiredAt = ?, updatedAt = ? WHERE id = ?"
      ).execute(arguments: [max(now, record.createdAt), max(now, record.createdAt), record.id])
      report.retired += 1
    }
  }
}
