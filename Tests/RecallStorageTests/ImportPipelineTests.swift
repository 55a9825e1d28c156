import Foundation
import RecallCards
import RecallStorage
import RecallTestSupport
import Synchronization
import Testing

/// The import's structure: every note is prepared on every core, then written in the sources'
/// order. Ids, reports and failures must not depend on which note was prepared first.
struct ImportPipelineTests {
  private let day = Date(timeIntervalSince1970: 1_800_000_000)

  /// `count` notes `/n/note-<i>.md`, each with `cards` cards; the notes at `broken` fail to parse
  /// at their third line.
  private func notes(_ count: Int, cards: Int = 5, broken: Set<Int> = [], edit: String = "")
    -> [NoteSource]
  {
    (0..<count).map { index in
      var lines = (0..<cards).map { "T\(index)-\($0): definition \($0) of note \(index)\(edit)" }
      if broken.contains(index) { lines.insert("!broken", at: 2) }
      return NoteSource(
        file: "/n/note-\(index).md", deck: "note-\(index).md",
        contents: .bytes(Array((lines.joined(separator: "\n") + "\n").utf8)))
    }
  }

  @discardableResult
  private func importing(
    _ store: Store, _ sources: [NoteSource], at offset: Double = 0, dryRun: Bool = false,
    progress: (@Sendable (Int, Int) -> Void)? = nil
  ) throws -> ImportReport {
    try store.importNotes(
      sources, paths: ["/n"], folders: ["/n"], extraction: ImportEngineTests.lines,
      now: day + offset, dryRun: dryRun, fileExists: { _ in false }, progress: progress)
  }

  /// Every card as (id, note file, key, status), in id order.
  private func rows(_ store: Store) throws -> [String] {
    try store.cards().sorted { $0.id < $1.id }.map {
      "\($0.id) \($0.noteID) \($0.card.file) \($0.card.key) \($0.status)"
    }
  }

  @Test func idsAreTheSameEveryRunAndFollowTheWritingOrder() throws {
    let sources = notes(60, cards: 7)
    var runs: [[String]] = []
    for _ in 0..<3 {
      let store = try Store.inMemory()
      let report = try importing(store, sources)
      #expect(report.added == 60 * 7)
      runs.append(try rows(store))
    }
    #expect(runs[0] == runs[1] && runs[1] == runs[2])
    // Notes in the sources' order, and each note's cards in the order of their lines.
    let store = try Store.inMemory()
    try importing(store, sources)
    let cards = try store.cards().sorted { $0.id < $1.id }
    let expected = (0..<60).flatMap { note in (0..<7).map { "term › T\(note)-\($0)" } }
    #expect(cards.map(\.card.key) == expected)
    #expect(cards.map(\.id) == Array(1...Int64(60 * 7)))
    #expect(try store.notes().sorted { $0.id < $1.id }.map(\.file) == sources.map(\.file))
  }

  /// Stubs and errors are reported in the sources' order.
  @Test func theReportFollowsTheSourcesOrder() throws {
    func note(_ file: String, _ text: String) -> NoteSource {
      NoteSource(file: file, deck: (file as NSString).lastPathComponent, contents: .bytes(Array(text.utf8)))
    }
    let small = note("/n/a.md", "# A\n\n## Empty\n\n## Full\n\nSome text.\n")
    let gone = NoteSource(file: "/nonexistent/b.md", deck: "b.md", contents: .onDisk)
    let sections = (1...40).map { "## Part \($0)\n\nWhat part \($0) says.\n" }.joined(separator: "\n")
    let large = note("/n/c.md", "# C\n\n\(sections)\n## Nothing here\n")
    let store = try Store.inMemory()
    let report = try store.importNotes(
      [small, gone, large], paths: ["/n"], folders: ["/n"], extraction: .markdown, now: day,
      fileExists: { _ in false })
    #expect(report.stubs.map(\.file) == ["/n/a.md", "/n/c.md"])
    #expect(report.errors.map(\.file) == ["/nonexistent/b.md"])
    #expect((report.notes, report.added) == (2, 41))
    #expect(try store.notes().sorted { $0.id < $1.id }.map(\.file) == ["/n/a.md", "/n/c.md"])
  }

  /// New notes, added cards of stored notes and renamed notes are written as their turn comes:
  /// the new rows' ids follow the sources, whatever kind of note each is.
  @Test func newRowsOfEveryKindFollowTheSourcesOrder() throws {
    let store = try Store.inMemory()
    func note(_ file: String, _ text: String) -> NoteSource {
      NoteSource(file: file, deck: (file as NSString).lastPathComponent, contents: .bytes(Array(text.utf8)))
    }
    try importing(store, [note("/n/a.md", "A1: one\n"), note("/n/old.md", "R1: r\nR2: s\n")])
    let report = try importing(
      store,
      [
        note("/n/x.md", "X1: x\n"),
        note("/n/a.md", "A1: one\nA2: two\n"),
        note("/n/renamed.md", "R1: r\nR2: s\nR3: t\n"),
        note("/n/y.md", "Y1: y\n"),
      ], at: 10)
    #expect(report.moves == [NoteMove(from: "/n/old.md", to: "/n/renamed.md")])
    #expect(report.added == 4)
    let added = try store.cards().filter { $0.id > 3 }.sorted { $0.id < $1.id }.map(\.card.key)
    #expect(added == ["term › X1", "term › A2", "term › R3", "term › Y1"])
  }

  @Test func noteFailingMidwayIsReportedAndTheOthersWritten() throws {
    let store = try Store.inMemory()
    try importing(store, notes(40))
    let before = try store.cards()
    // Every note edited; notes 7 and 23 no longer parse; a new note 40 after them.
    let report = try importing(store, notes(41, broken: [7, 23], edit: " (edited)"), at: 60)
    #expect(
      report.errors == [
        ImportProblem(file: "/n/note-7.md", line: 3, message: "The line says it is bad."),
        ImportProblem(file: "/n/note-23.md", line: 3, message: "The line says it is bad."),
      ])
    #expect(report.notes == 39)
    #expect((report.changed, report.added, report.retired) == (38 * 5, 5, 0))
    let after = try store.cards()
    for file in ["/n/note-7.md", "/n/note-23.md"] {
      #expect(after.filter { $0.card.file == file } == before.filter { $0.card.file == file })
    }
    #expect(after.filter { $0.card.file == "/n/note-8.md" }.allSatisfy { $0.card.answer.hasSuffix("(edited)") })
    // The new note's cards are the last rows.
    #expect(after.max { $0.id < $1.id }?.card.file == "/n/note-40.md")
  }

  @Test func unreadableNoteMidwayIsReportedAndTheOthersWritten() throws {
    let store = try Store.inMemory()
    var sources = notes(30)
    sources.insert(NoteSource(file: "/nonexistent/gone.md", deck: "gone.md", contents: .onDisk), at: 12)
    let report = try importing(store, sources)
    #expect(report.errors.map(\.file) == ["/nonexistent/gone.md"])
    #expect(report.errors.first?.message.contains("could not be read") == true)
    #expect(report.added == 30 * 5)
    #expect(try store.notes().count == 30)
  }

  @Test func dryRunThroughThePipelineWritesNothing() throws {
    let store = try Store.inMemory()
    try importing(store, notes(20))
    let cards = try store.cards()
    let notesBefore = try store.notes()
    let report = try importing(store, notes(50, broken: [3], edit: " again"), at: 30, dryRun: true)
    #expect(report.isDryRun)
    #expect((report.added, report.changed, report.errors.count) == (30 * 5, 19 * 5, 1))
    #expect(try store.cards() == cards)
    #expect(try store.notes() == notesBefore)
    #expect(try store.importRuns().count == 1)
    // The same import for real reports the same.
    let real = try importing(store, notes(50, broken: [3], edit: " again"), at: 30)
    #expect((real.added, real.changed, real.errors.count) == (report.added, report.changed, 1))
  }

  @Test func progressCountsEveryNoteInOrder() throws {
    let store = try Store.inMemory()
    let seen = Mutex<[Int]>([])
    let totals = Mutex<Set<Int>>([])
    try importing(store, notes(33, broken: [5])) { done, total in
      seen.withLock { $0.append(done) }
      totals.withLock { _ = $0.insert(total) }
    }
    #expect(seen.withLock { $0 } == Array(1...33))
    #expect(totals.withLock { $0 } == [33])
  }

  @Test func repeatedFileIsImportedOnce() throws {
    let store = try Store.inMemory()
    let sources = notes(3)
    let report = try importing(store, sources + [sources[1]])
    #expect(report.notes == 3)
    #expect(report.added == 15)
  }

  /// A write that fails midway (here, the database may not grow) stops the workers, rolls
  /// everything back, and leaves the file as it was.
  @Test func failedWriteRollsBackAndLeavesTheFileAlone() throws {
    let folder = try TestPaths.makeTemporaryFolder("recall-pipeline")
    let path = folder.appendingPathComponent("recall.sqlite").path
    do {
      let store = try Store.open(at: path)
      try importing(store, notes(5))
    }
    let pages = try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) / 4096
    let limited = try Store.open(at: path, options: StoreOptions(maximumPageCount: pages + 2))
    let cards = try limited.cards()
    #expect(throws: StorageError.diskFull(path: path)) {
      try importing(limited, notes(300, cards: 20), at: 10)
    }
    #expect(try limited.cards() == cards)
    #expect(try limited.importRuns().count == 1)
    // The store still works afterwards.
    let report = try importing(limited, notes(6), at: 20)
    #expect(report.added == 5)
  }
}

/// The lists of a card's row (choices, context) as the store keeps them.
struct CardRowTextTests {
  @Test func listsAreWrittenAsCompactJSON() throws {
    let lists: [[String]] = [
      [], [""], ["plain"], ["a", "b", "c"],
      ["quote \" and \\ backslash", "tab\tnew\nline", "control \u{1}\u{1F}", "한글 ✓", "e\u{301}"],
    ]
    for list in lists {
      let json = StringListJSON.encode(list)
      #expect(try JSONDecoder().decode([String].self, from: Data(json.utf8)) == list)
      #expect(!json.utf8.contains { $0 < 0x20 })
      #expect(StringListJSON.decode(json) == list)
    }
    #expect(StringListJSON.encode(["a", "b c"]) == #"["a","b c"]"#)
  }

  /// A list is read as JSON reads it, whether it takes the quick way (no escape) or not; text
  /// that is not a JSON array of strings reads as no list.
  @Test func listsAreReadAsJSONReadsThem() throws {
    let texts = [
      #"["a","b, c","[x]"]"#, #"["\u0301b","e\u0301"]"#, #"["한글 ✓",""]"#, #"[ "spaced" , "b" ]"#,
      #"["a\"b"]"#, #"["\u00e9"]"#, "[\"e\u{301}\"]", "[\"\u{301}x\"]", #"["a",]"#,
    ]
    for text in texts {
      let json = try JSONDecoder().decode([String].self, from: Data(text.utf8))
      #expect(StringListJSON.decode(text) == json, "\(text)")
    }
    for bad in [#"["a""b"]"#, #"["a"#, #"[,]"#, #"["a",1]"#, "[\"tab\t\"]", "{}", "", #"["a"]x"#] {
      #expect(StringListJSON.decode(bad) == [], "\(bad)")
    }
  }
}

/// The content hash the store keeps of each note: SHA-256 of its bytes, as FIPS 180-4 gives it.
struct NoteHashTests {
  @Test func contentHashIsTheSHA256OfTheBytes() throws {
    let vectors: [(String, String)] = [
      ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
      ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
      (
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
      ),
      (String(repeating: "a", count: 1_000_000), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
    ]
    let store = try Store.inMemory()
    let sources = vectors.enumerated().map { index, vector in
      NoteSource(file: "/n/\(index).md", deck: "\(index).md", contents: .bytes(Array(vector.0.utf8)))
    }
    _ = try store.importNotes(
      sources, paths: [], extraction: ImportEngineTests.lines, now: Date(timeIntervalSince1970: 0))
    let hashes = Dictionary(uniqueKeysWithValues: try store.notes().map { ($0.file, $0.contentHash) })
    for (index, vector) in vectors.enumerated() {
      #expect(hashes["/n/\(index).md"] == vector.1)
    }
  }
}
