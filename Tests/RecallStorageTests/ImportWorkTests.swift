import Foundation
import GRDB
import RecallCards
import RecallTestSupport
import Synchronization
import Testing

@testable import RecallStorage

/// How an import does its work: notes read and prepared before the write lock is taken, judged
/// again inside the transaction, and read whole or not at all.
struct ImportWorkTests {
  private let day = Date(timeIntervalSince1970: 1_800_000_000)

  private func sources(_ count: Int, edit: String = "") -> [NoteSource] {
    (0..<count).map { index in
      NoteSource(
        file: "/n/\(index).md", deck: "\(index).md",
        contents: .bytes(Array("T\(index): definition\(edit)\nU\(index): another\n".utf8)))
    }
  }

  /// While notes are read and turned into cards, another connection can still write: the
  /// import takes the write lock only once every note is ready.
  @Test func notesArePreparedBeforeTheWriteLockIsTaken() throws {
    let folder = try TestPaths.makeTemporaryFolder("recall-lock")
    let path = folder.appendingPathComponent("recall.sqlite").path
    let store = try Store.open(at: path)
    let other = try DatabaseQueue(path: path, configuration: {
      var configuration = Configuration()
      configuration.busyMode = .immediateError
      return configuration
    }())
    let writable = Mutex<[Bool]>([])
    let extraction = CardExtraction(revision: 1) { bytes, file, deck throws(CardExtraction.Failure) in
      let wrote = (try? other.write { db in try db.execute(sql: "PRAGMA user_version = 0") }) != nil
      writable.withLock { $0.append(wrote) }
      return try ImportEngineTests.lines.extract(bytes, file, deck)
    }
    let report = try store.importNotes(sources(4), paths: [], extraction: extraction, now: day)
    #expect(report.added == 8)
    #expect(writable.withLock { $0 } == [true, true, true, true])
  }

  /// Another `recall` imported between the look that prepared the notes and the transaction:
  /// a note prepared as unchanged is judged again, and its cards made then.
  @Test func aNotePreparedAsUnchangedIsMadeAgainIfTheStoreChangedSince() throws {
    let store = try Store.inMemory()
    try store.importNotes(sources(5), paths: [], extraction: ImportEngineTests.lines, now: day)
    let stale = try store.dbQueue.read { db in try NoteRecord.fetchAll(db) }
    let edited = sources(5, edit: " edited")
    // Prepared against a store that already held the edited notes: nothing looks changed.
    let importer = Importer(
      extraction: ImportEngineTests.lines, now: 1_800_000_060_000, folders: [], unreadPaths: [],
      fileExists: { _ in true }, allowsRemovals: false, listsCards: false, progress: nil)
    let notes = importer.prepare(
      edited,
      stored: Dictionary(
        uniqueKeysWithValues: stale.enumerated().map { index, note in
          var state = Importer.StoredNoteState(note)
          if case .bytes(let bytes) = edited[index].contents { state.contentHash = NoteHash.hex(bytes) }
          return (note.file, state)
        }))
    #expect(notes.all.allSatisfy { (try? $0.get().cards) == nil })
    let report = try store.dbQueue.write { db in try importer.write(db, notes, paths: []) }
    // Each note's first card changed in place; nothing was retired or added.
    #expect((report.changed, report.unchanged, report.retired, report.added) == (5, 5, 0, 0))
    #expect(try store.cards().allSatisfy { $0.status == .active })
  }

  // MARK: - Reading notes

  @Test func aNoteIsReadWholeOrTheSystemsReasonIsGiven() throws {
    let folder = try TestPaths.makeTemporaryFolder("recall-read")
    let cases: [(String, [UInt8])] = [
      ("empty.md", []), ("small.md", Array("# 제목\n본문\n".utf8)),
      ("large.md", (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }),
    ]
    for (name, bytes) in cases {
      let path = folder.appendingPathComponent(name).path
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      #expect(try FileSystem.read(path).get() == bytes, "\(name)")
    }
    let missing = FileSystem.read(folder.appendingPathComponent("missing.md").path)
    #expect(throws: POSIXError.self) { try missing.get() }
    if case .failure(let error) = missing {
      #expect(FileErrorReason.text(of: error) == "no such file or directory")
    }
    let folderRead = FileSystem.read(folder.path)
    if case .failure(let error) = folderRead {
      #expect(FileErrorReason.text(of: error) == "is a directory")
    } else {
      Issue.record("a folder was read as a note")
    }
  }

  /// A FIFO named as a note would block a read forever: it is refused at once.
  @Test func aFIFOIsRefusedWithoutWaiting() throws {
    let folder = try TestPaths.makeTemporaryFolder("recall-fifo")
    let path = folder.appendingPathComponent("pipe.md").path
    #expect(mkfifo(path, 0o600) == 0)
    let store = try Store.inMemory()
    let report = try store.importNotes(
      [NoteSource(file: path, deck: "pipe.md")], paths: [path], extraction: ImportEngineTests.lines,
      now: day)
    #expect(report.errors.map(\.file) == [path])
    #expect(report.errors.first?.message.contains("not a regular file") == true)
  }

  // MARK: - Keys

  @Test func aNoteWhoseCardsShareAKeyIsReportedAndLeftAlone() throws {
    let store = try Store.inMemory()
    let report = try store.importNotes(
      [NoteSource(file: "/n/a.md", deck: "a.md", contents: .bytes(Array("A: 1\nB: 2\nA: 3\n".utf8)))],
      paths: [], extraction: ImportEngineTests.lines, now: day)
    #expect(
      report.errors == [
        ImportProblem(
          file: "/n/a.md", line: 3,
          message: "Two cards of the note have the key 'term › A'; its cards were left as they were.")
      ])
    #expect(try store.cards().isEmpty)
  }
}
