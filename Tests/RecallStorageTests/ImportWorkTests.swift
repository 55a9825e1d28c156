import Foundation
import RecallCards
import RecallTestSupport
import Synchronization
import Testing

@testable import RecallStorage

/// How an import shares its work: the order notes are prepared in, the writer preparing notes
/// while it would wait, and the card UIDs given in the order the cards are written.
struct ImportWorkTests {
  // MARK: - Start order

  @Test func notesOfOneSizeStartInTheirOrder() {
    #expect(PreparedNotes<Int>.startOrder(sizes: Array(repeating: 1_000, count: 50)) == Array(0..<50))
    #expect(PreparedNotes<Int>.startOrder(sizes: []) == [])
  }

  @Test func aLargeNoteLateInTheOrderStartsEarlyEnoughToBeReady() {
    // Twenty small notes, then one as large as all of them together (a long README last).
    let sizes = Array(repeating: 10_000, count: 20) + [200_000]
    let order = PreparedNotes<Int>.startOrder(sizes: sizes)
    #expect(order.sorted() == Array(0..<21))
    // Preparing it takes twice as long as writing what comes before it, so it starts first.
    #expect(order.first == 20)
    // The small notes keep their own order around it.
    #expect(order.filter { $0 != 20 } == Array(0..<20))
  }

  @Test func aLargeNoteStartsAsLateAsItCan() {
    // Ten small notes, then one of four of them. Counted in the time it takes to write a small
    // note: the writer reaches the large one after 10, and preparing it takes 8, so it must start
    // by 2, as late as small note 4 must (reached at 4, prepared in 2); ties keep their order.
    let sizes = Array(repeating: 1_000, count: 10) + [4_000, 1_000]
    let order = PreparedNotes<Int>.startOrder(sizes: sizes)
    #expect(order == [0, 1, 2, 3, 4, 10, 5, 6, 7, 8, 9, 11])
  }

  @Test func notesTakenInAnotherOrderStartByThatOrder() {
    // The writer takes the large note (index 3) first, then the others in index order: it starts
    // first, and the small ones follow in the writer's order.
    let sizes = [1_000, 1_000, 1_000, 5_000, 1_000]
    #expect(PreparedNotes<Int>.startOrder(sizes: sizes, takenIn: [3, 0, 1, 2, 4]) == [3, 0, 1, 2, 4])
    // Taken in reverse, notes of one size start in reverse.
    let even = Array(repeating: 1_000, count: 6)
    #expect(PreparedNotes<Int>.startOrder(sizes: even, takenIn: [5, 4, 3, 2, 1, 0]) == [5, 4, 3, 2, 1, 0])
  }

  @Test func aNewStoreWritesTheLargestNotesFirst() {
    #expect(Importer.largestFirst([3, 10, 3, 7, 0, 10]) == [1, 5, 3, 0, 2, 4])
    #expect(Importer.largestFirst([]) == [])
    #expect(Importer.largestFirst(Array(repeating: 5, count: 4)) == [0, 1, 2, 3])
  }

  // MARK: - Preparing while waiting

  /// Which thread prepared each note, behind a lock ThreadSanitizer sees (it cannot see into
  /// `Mutex` on Linux).
  private final class PreparedBy: @unchecked Sendable {
    private let lock = NSLock()
    private var byWriter: [Int: Bool] = [:]

    func record(_ index: Int, byWriter: Bool) {
      lock.withLock { self.byWriter[index] = byWriter }
    }

    var counts: (notes: Int, byWriter: Int) {
      lock.withLock { (byWriter.count, byWriter.values.filter { $0 }.count) }
    }
  }

  @Test(arguments: [0, 1, 3])
  func everyNoteIsTakenInOrderWhateverTheWorkers(workers: Int) {
    let preparedBy = PreparedBy()
    let writer = pthread_self()
    let count = 40
    let notes = PreparedNotes<String>(
      count: count, order: Array((0..<count).reversed()), workerThreads: workers
    ) { index in
      preparedBy.record(index, byWriter: pthread_equal(pthread_self(), writer) != 0)
      return "note \(index)"
    }
    defer { notes.stop() }
    let taken = (0..<count).map { notes.take($0) }
    #expect(taken == (0..<count).map { "note \($0)" })
    let (prepared, byWriter) = preparedBy.counts
    #expect(prepared == count)
    if workers == 0 {
      // Alone, the writer prepares every note itself instead of waiting forever.
      #expect(byWriter == count)
    }
  }

  @Test func theWriterPreparesOtherNotesWhileTheOneItNeedsIsNotReady() {
    // The worker starts note 0 and is held on it until the writer has prepared every other note.
    let workerOnFirst = DispatchSemaphore(value: 0)
    let othersDone = DispatchSemaphore(value: 0)
    let preparedByWriter = Atomic<Int>(0)
    let writer = pthread_self()
    let count = 6
    let notes = PreparedNotes<Int>(count: count, workerThreads: 1) { index in
      if pthread_equal(pthread_self(), writer) != 0 {
        if preparedByWriter.add(1, ordering: .relaxed).newValue == count - 1 { othersDone.signal() }
      } else if index == 0 {
        workerOnFirst.signal()
        othersDone.wait()
      }
      return index * 10
    }
    defer { notes.stop() }
    workerOnFirst.wait()
    #expect(notes.take(0) == 0)
    #expect(preparedByWriter.load(ordering: .relaxed) == count - 1)
    #expect((1..<count).map { notes.take($0) } == [10, 20, 30, 40, 50])
  }

  // MARK: - Preparing before the store opens

  /// Notes of the corpus-like kind, from bytes.
  private func sources(_ count: Int, edit: String = "") -> [NoteSource] {
    (0..<count).map { index in
      NoteSource(
        file: "/n/\(index).md", deck: "\(index).md",
        contents: .bytes(Array("T\(index): definition\(edit)\nU\(index): another\n".utf8)))
    }
  }

  @Test func notesPreparedBeforeAnEmptyStoreOpensAreImportedAsWithout() throws {
    let day = Date(timeIntervalSince1970: 1_800_000_000)
    let notes = sources(30)
    let plain = try Store.inMemory()
    let without = try plain.importNotes(notes, paths: [], extraction: ImportEngineTests.lines, now: day)
    let prepared = NotePreparation(notes, extraction: ImportEngineTests.lines)
    let store = try Store.inMemory()
    let with = try store.importNotes(
      notes, paths: [], extraction: ImportEngineTests.lines, now: day, prepared: prepared)
    #expect(with.added == 60 && without.added == 60)
    let rows = { (store: Store) in
      try store.cards().sorted { $0.id < $1.id }.map { "\($0.id) \($0.card.file) \($0.card.key) \($0.card.answer)" }
    }
    #expect(try rows(store) == rows(plain))
  }

  @Test func notesPreparedForAnEmptyStoreAreNotTrustedWhenItHoldsNotes() throws {
    let day = Date(timeIntervalSince1970: 1_800_000_000)
    let store = try Store.inMemory()
    try store.importNotes(sources(10), paths: [], extraction: ImportEngineTests.lines, now: day)
    // Prepared as if nothing were stored: every note would look new.
    let prepared = NotePreparation(sources(10), extraction: ImportEngineTests.lines)
    let again = try store.importNotes(
      sources(10), paths: [], extraction: ImportEngineTests.lines, now: day + 60, prepared: prepared)
    #expect(again.unchangedNotes == 10)
    #expect((again.added, again.changed, again.retired) == (0, 0, 0))
    // Prepared for other notes than the ones imported: the import reads its own.
    let other = NotePreparation(sources(10, edit: " old"), extraction: ImportEngineTests.lines)
    let fresh = try Store.inMemory()
    let report = try fresh.importNotes(
      sources(10, edit: " new"), paths: [], extraction: ImportEngineTests.lines, now: day, prepared: other)
    #expect(report.added == 20)
    #expect(try fresh.cards().allSatisfy { $0.card.answer.hasSuffix(" new") || $0.card.answer == "another" })
  }

  @Test func notesPreparedAsNewAreComparedWithStoredCardsIfTheStoreHoldsThemByTheTimeTheyAreWritten() throws {
    // Another `recall` imported the notes between the look that found the store empty and the
    // import's transaction: the workers let the cards go, the writer needs them after all.
    let day = Date(timeIntervalSince1970: 1_800_000_000)
    let store = try Store.inMemory()
    try store.importNotes(sources(5), paths: [], extraction: ImportEngineTests.lines, now: day)
    let before = try store.cards().count
    let edited = sources(5, edit: " edited")
    let preparation = Importer.startPreparing(
      edited, storedNotes: [], extraction: ImportEngineTests.lines)
    defer { preparation.stop() }
    let importer = Importer(
      extraction: ImportEngineTests.lines, now: 1_800_000_060_000, folders: [],
      fileExists: { _ in true }, progress: nil)
    let report = try store.dbQueue.write { db in
      try importer.run(db, preparation, paths: []) { _ in }
    }
    // Each note's first card changed in place; nothing was retired or added.
    #expect((report.changed, report.unchanged, report.retired, report.added) == (5, 5, 0, 0))
    let cards = try store.cards()
    #expect(cards.count == before)
    #expect(cards.allSatisfy { $0.status == .active })
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

  // MARK: - Keys

  @Test func repeatedKeysOfAnExtractionThatDoesNotPromiseUniqueOnesAreNumbered() throws {
    let store = try Store.inMemory()
    #expect(!ImportEngineTests.lines.makesUniqueKeys)
    #expect(CardExtraction.markdown.makesUniqueKeys)
    try store.importNotes(
      [NoteSource(file: "/n/a.md", deck: "a.md", contents: .bytes(Array("A: 1\nA: 2\nA: 3\n".utf8)))],
      paths: [], extraction: ImportEngineTests.lines, now: Date(timeIntervalSince1970: 1_800_000_000))
    let keys = try store.cards().sorted { $0.id < $1.id }.map(\.card.key)
    #expect(keys == ["term › A", "term › A #2", "term › A #3"])
  }

  // MARK: - Card UIDs

  @Test func cardUIDsAreVersion7UUIDsInIncreasingOrderFromTheImportsTime() throws {
    let milliseconds: Int64 = 1_800_000_000_123
    var uids = CardUIDs(milliseconds: milliseconds)
    var texts: [String] = []
    var buffer = [UInt8](repeating: 0, count: CardUIDs.length)
    for _ in 0..<1_000 {
      buffer.withUnsafeMutableBufferPointer { uids.writeNext(into: $0) }
      texts.append(String(decoding: buffer, as: UTF8.self))
    }
    for text in texts {
      let uuid = try #require(UUID(uuidString: text))
      #expect(uuid.uuidString == text)  // canonical and upper-case
      let characters = Array(text)
      #expect(characters[14] == "7")
      #expect("89AB".contains(characters[19]))
      let time = text.replacingOccurrences(of: "-", with: "").prefix(12)
      #expect(Int64(time, radix: 16) == milliseconds)
    }
    #expect(texts == texts.sorted())
    #expect(Set(texts).count == texts.count)
  }

  @Test func cardUIDsCarryIntoTheHighBitsWhenTheLowOnesRunOut() {
    var uids = CardUIDs(milliseconds: 0, start: 0x3FF, 0x3FFF_FFFF_FFFF_FFFE)
    var texts: [String] = []
    var buffer = [UInt8](repeating: 0, count: CardUIDs.length)
    for _ in 0..<3 {
      buffer.withUnsafeMutableBufferPointer { uids.writeNext(into: $0) }
      texts.append(String(decoding: buffer, as: UTF8.self))
    }
    #expect(
      texts == [
        "00000000-0000-73FF-BFFF-FFFFFFFFFFFE",
        "00000000-0000-73FF-BFFF-FFFFFFFFFFFF",
        "00000000-0000-7400-8000-000000000000",
      ])
  }

  @Test func twoImportsInOneMillisecondStillGiveDifferentUIDs() throws {
    let store = try Store.inMemory()
    let day = Date(timeIntervalSince1970: 1_800_000_000)
    for name in ["a", "b"] {
      let text = "A: \(name)\nB: \(name)\n"
      try store.importNotes(
        [NoteSource(file: "/n/\(name).md", deck: "\(name).md", contents: .bytes(Array(text.utf8)))],
        paths: [], extraction: ImportEngineTests.lines, now: day)
    }
    let cards = try store.cards().sorted { $0.id < $1.id }
    #expect(cards.count == 4)
    #expect(Set(cards.map(\.uid)).count == 4)
    // Within one import, the UIDs follow the order the cards were written.
    #expect(cards[0].uid < cards[1].uid)
    #expect(cards[2].uid < cards[3].uid)
  }
}
