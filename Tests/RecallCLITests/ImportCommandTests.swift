import Foundation
import GRDB
import RecallStorage
import RecallTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `recall import` through the real binary: the report, and the ways an import can go wrong
/// (killed, run twice at once, a read-only or full database, a corrupt file, a newer database),
/// each ending with a clear message and the database as it was.
@Suite(.serialized)
struct ImportCommandTests {
  // MARK: - Running the binary

  /// What a run of `recall` printed and how it ended.
  struct Run {
    var status: Int32
    var killed: Bool
    var stdout: String
    var stderr: String
  }

  /// A scratch folder with a `notes/` folder holding the seed note, and a database path.
  struct Scratch {
    var folder: URL
    var notes: URL { folder.appendingPathComponent("notes") }
    var database: String { folder.appendingPathComponent("data/recall.sqlite").path }

    init() throws {
      folder = try TestPaths.makeTemporaryFolder("recall-import-cli")
      try FileManager.default.createDirectory(
        at: folder.appendingPathComponent("notes/aws"), withIntermediateDirectories: true)
      try FileManager.default.copyItem(
        at: TestPaths.seedNote,
        to: folder.appendingPathComponent("notes/aws/ecs-eks-lambda.md"))
    }

    /// The database file's bytes.
    func databaseBytes() throws -> Data {
      try Data(contentsOf: URL(fileURLWithPath: database))
    }
  }

  /// Starts `recall` with `arguments` in `folder`, with files for its output.
  private func start(
    _ arguments: [String], in folder: URL, environment: [String: String] = [:]
  ) throws -> (Process, URL, URL) {
    let executable = try #require(TestPaths.recallExecutable, "build the recall executable first")
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = folder
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "RECALL_DB")
    env.removeValue(forKey: "RECALL_TEST_MAX_PAGE_COUNT")
    env.merge(environment) { $1 }
    process.environment = env
    let id = UUID().uuidString
    let out = folder.appendingPathComponent("stdout-\(id)")
    let err = folder.appendingPathComponent("stderr-\(id)")
    FileManager.default.createFile(atPath: out.path, contents: nil)
    FileManager.default.createFile(atPath: err.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    process.standardInput = FileHandle.nullDevice
    try process.run()
    return (process, out, err)
  }

  /// Waits for a started run and collects what it printed.
  private func finish(_ started: (Process, URL, URL)) throws -> Run {
    let (process, out, err) = started
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus,
      killed: process.terminationReason == .uncaughtSignal,
      stdout: try String(contentsOf: out, encoding: .utf8),
      stderr: try String(contentsOf: err, encoding: .utf8))
  }

  /// Runs `recall` to the end.
  private func recall(
    _ arguments: [String], in folder: URL, environment: [String: String] = [:]
  ) throws -> Run {
    try finish(try start(arguments, in: folder, environment: environment))
  }

  /// The JSON report of a run.
  private func report(_ run: Run) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
    return try #require(object as? [String: Any], "stdout is not a JSON object: \(run.stdout)")
  }

  /// Everything the store holds, as values, for before/after comparisons.
  private func contents(_ path: String) throws -> String {
    let store = try Store.open(at: path)
    var text = ""
    for note in try store.notes() { text += "note \(note)\n" }
    for card in try store.cards() { text += "card \(card)\n" }
    for review in try store.reviews(includingUndone: true) { text += "review \(review)\n" }
    for run in try store.importRuns() { text += "run \(run)\n" }
    return text
  }

  /// Answers every active card once, straight into the log.
  private func reviewEverything(_ path: String, at date: Date) throws {
    let store = try Store.open(at: path)
    for card in try store.cards(status: .active) {
      try store.recordReview(
        StoredReview(
          cardID: card.id, reviewedAt: date, rating: 3, quiz: "flip", durationMilliseconds: 900,
          before: card.schedule,
          after: CardSchedule(
            state: .learning, step: 1, stability: 2.3, difficulty: 5.5, due: date + 600,
            lastReview: date, reps: 1)))
    }
  }

  /// `count` notes, each the seed with its own numbered terms, under `folder/big`.
  private func writeLargeFolder(in folder: URL, count: Int) throws -> URL {
    let big = folder.appendingPathComponent("big")
    let seed = try String(contentsOf: TestPaths.seedNote, encoding: .utf8)
    for index in 0..<count {
      let sub = big.appendingPathComponent("part\(index % 10)")
      try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
      let text = seed.replacingOccurrences(of: "**방향성**", with: "**방향성 \(index)**")
        .replacingOccurrences(of: "컨트롤플레인:", with: "컨트롤플레인 \(index):")
        .replacingOccurrences(of: "# User Flow - ECS", with: "# User Flow - ECS \(index)")
      try text.write(
        to: sub.appendingPathComponent("note-\(index).md"), atomically: false, encoding: .utf8)
    }
    return big
  }

  // MARK: - The report

  @Test func importsTheSeedThenSkipsItUnchanged() throws {
    let scratch = try Scratch()
    let first = try recall(["import", "notes", "--db", scratch.database, "--json"], in: scratch.folder)
    #expect(first.status == 0, "\(first.stderr)")
    let added = try report(first)
    #expect((added["added"] as? Int ?? 0) > 20)
    #expect(added["changed"] as? Int == 0)
    #expect(added["errors"] as? [Any] != nil)
    let stubs = try #require(added["stubs"] as? [[String: Any]])
    #expect(stubs.contains { ($0["file"] as? String) == "notes/aws/ecs-eks-lambda.md" && ($0["line"] as? Int ?? 0) > 0 })

    let again = try report(
      try recall(["import", "notes", "--db", scratch.database, "--json"], in: scratch.folder))
    for key in ["added", "changed", "retired", "restored", "renamed"] {
      #expect(again[key] as? Int == 0, "\(key)")
    }
    #expect(again["unchanged"] as? Int == added["added"] as? Int)

    let text = try recall(["import", "notes", "--db", scratch.database], in: scratch.folder)
    #expect(text.status == 0)
    #expect(text.stdout.contains("Imported 1 note into data/recall.sqlite:"))
    #expect(text.stdout.contains("unchanged"))
  }

  @Test func reimportingUnchangedNotesListsTheSameStubs() throws {
    let scratch = try Scratch()
    func stubs(_ run: Run) throws -> [String] {
      #expect(run.status == 0, "\(run.stderr)")
      let list = try #require(try report(run)["stubs"] as? [[String: Any]])
      return list.map { "\($0["file"] ?? ""):\($0["line"] ?? ""): \($0["message"] ?? "")" }
    }
    let first = try stubs(try recall(["import", "notes", "--db", scratch.database, "--json"], in: scratch.folder))
    #expect(!first.isEmpty)
    let againRun = try recall(["import", "notes", "--db", scratch.database, "--json"], in: scratch.folder)
    #expect(try report(againRun)["unchangedNotes"] as? Int == 1)
    #expect(try stubs(againRun) == first)

    // The text report lists them too, the same on the first import and on a later one.
    func stubLines(_ text: String) -> [String] {
      Array(text.components(separatedBy: "\n").drop { !$0.hasPrefix("Stubs (") })
    }
    let fresh = try Scratch()
    let firstText = try recall(["import", "notes", "--db", fresh.database], in: fresh.folder)
    let laterText = try recall(["import", "notes", "--db", fresh.database], in: fresh.folder)
    #expect(laterText.status == 0, "\(laterText.stderr)")
    #expect(stubLines(firstText.stdout).first == "Stubs (\(first.count)): places in your notes with nothing to ask yet")
    #expect(stubLines(laterText.stdout) == stubLines(firstText.stdout))
  }

  @Test func deletedNoteIsReportedAsRemovedAndComesBackWithItsFile() throws {
    let scratch = try Scratch()
    let note = scratch.notes.appendingPathComponent("aws/ecs-eks-lambda.md")
    let other = scratch.notes.appendingPathComponent("net.md")
    try "# Net\n\n- **VPC**: a private network\n- **IGW**: the way out\n".write(
      to: other, atomically: true, encoding: .utf8)
    let first = try report(
      try recall(["import", "notes", "--db", scratch.database, "--json"], in: scratch.folder))
    let seedCards = (first["added"] as? Int ?? 0) - 4
    #expect(seedCards > 20)
    let bytes = try Data(contentsOf: note)
    try FileManager.default.removeItem(at: note)

    // Importing the other file alone leaves the deleted note's cards alone.
    let single = try report(
      try recall(["import", "notes/net.md", "--db", scratch.database, "--json"], in: scratch.folder))
    #expect(single["removedNotes"] as? [Any] != nil)
    #expect((single["removedNotes"] as? [Any])?.isEmpty == true)
    #expect(single["retired"] as? Int == 0)

    let dry = try recall(["import", "notes", "--db", scratch.database, "--dry-run"], in: scratch.folder)
    #expect(dry.stdout.contains("Removed notes (1)"))
    #expect(dry.stdout.contains("notes/aws/ecs-eks-lambda.md: \(seedCards) cards retired"))

    let removed = try report(
      try recall(["import", "notes", "--db", scratch.database, "--json"], in: scratch.folder))
    let entries = try #require(removed["removedNotes"] as? [[String: Any]])
    #expect(entries.count == 1)
    #expect(entries.first?["file"] as? String == "notes/aws/ecs-eks-lambda.md")
    #expect(entries.first?["cards"] as? Int == seedCards)
    #expect(removed["retired"] as? Int == seedCards)
    #expect(try Store.open(at: scratch.database).cards(status: .active).count == 4)

    try bytes.write(to: note)
    let back = try report(
      try recall(["import", "notes", "--db", scratch.database, "--json"], in: scratch.folder))
    #expect(back["restored"] as? Int == seedCards)
    #expect(back["added"] as? Int == 0)
    #expect((back["removedNotes"] as? [Any])?.isEmpty == true)
  }

  @Test func dryRunWritesNothing() throws {
    let scratch = try Scratch()
    let run = try recall(["import", "notes", "--db", scratch.database, "--dry-run"], in: scratch.folder)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.hasPrefix("Dry run: nothing was written."))
    #expect(!FileManager.default.fileExists(atPath: scratch.database))

    _ = try recall(["import", "notes", "--db", scratch.database], in: scratch.folder)
    let before = try scratch.databaseBytes()
    let note = scratch.notes.appendingPathComponent("aws/ecs-eks-lambda.md")
    let text = try String(contentsOf: note, encoding: .utf8)
    try text.replacingOccurrences(of: "웜업 없ㅇ리", with: "웜업 없이").write(
      to: note, atomically: true, encoding: .utf8)
    let dry = try report(
      try recall(["import", "notes", "--db", scratch.database, "--dry-run", "--json"], in: scratch.folder))
    #expect(dry["dryRun"] as? Bool == true)
    #expect((dry["changed"] as? Int ?? 0) >= 1)
    #expect(try scratch.databaseBytes() == before)
  }

  @Test func unparseableNoteIsReportedAndTheOthersImported() throws {
    let scratch = try Scratch()
    let bad = scratch.notes.appendingPathComponent("bad.md")
    try Data("# Fine\n\nok\n\u{FF}".utf8 + [0xFF, 0xFE]).write(to: bad)
    let run = try recall(["import", "notes", "--db", scratch.database, "--json"], in: scratch.folder)
    #expect(run.status == 1)
    let json = try report(run)
    let errors = try #require(json["errors"] as? [[String: Any]])
    #expect(errors.count == 1)
    #expect(errors.first?["file"] as? String == "notes/bad.md")
    #expect((errors.first?["line"] as? Int ?? 0) >= 1)
    #expect((json["added"] as? Int ?? 0) > 20)
  }

  @Test func missingPathIsReported() throws {
    let scratch = try Scratch()
    let run = try recall(["import", "nowhere", "--db", scratch.database], in: scratch.folder)
    #expect(run.status == 1)
    #expect(run.stdout.contains("nowhere: There is no file or folder at this path."))
  }

  @Test func storedCardsAreListedWithTheirState() throws {
    let scratch = try Scratch()
    let now = "2026-11-25T09:00:00Z"
    let run = try recall(["import", "notes", "--db", scratch.database, "--now", now], in: scratch.folder)
    #expect(run.status == 0, "\(run.stderr)")
    // Every time the import records comes from --now.
    let store = try Store.open(at: scratch.database)
    let moment = Date(timeIntervalSince1970: 1_795_597_200)
    #expect(try store.importRuns().map(\.startedAt) == [moment])
    #expect(try store.cards().allSatisfy { $0.createdAt == moment && $0.updatedAt == moment })
    try reviewEverything(scratch.database, at: moment + 60)

    let listed = try recall(["cards", "--db", scratch.database, "--deck", "aws", "--json"], in: scratch.folder)
    #expect(listed.status == 0, "\(listed.stderr)")
    let cards = try #require(
      try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
    #expect(cards.count == 100)
    for card in cards {
      for key in [
        "id", "key", "kind", "deck", "file", "line", "prompt", "answer", "choices", "context",
        "status", "state", "due", "stability", "difficulty", "reps", "lapses",
      ] {
        #expect(card[key] != nil, "missing \(key)")
      }
    }
    #expect(cards.allSatisfy { $0["status"] as? String == "active" && $0["state"] as? String == "learning" })
    #expect(cards.first?["due"] as? String == "2026-11-25T09:11:00Z")
    #expect(cards.first?["reps"] as? Int == 1)

    let none = try recall(["cards", "--db", scratch.database, "--deck", "gcp", "--json"], in: scratch.folder)
    // A deck that names no stored card is a typo: an error that lists the decks, not an empty
    // listing.
    #expect(none.status == 1)
    #expect(none.stdout.isEmpty)
    #expect(none.stderr.contains("There is no deck 'gcp'. The decks are: aws/ecs-eks-lambda.md."))
    let text = try recall(["cards", "--db", scratch.database], in: scratch.folder)
    #expect(text.stdout.hasPrefix("aws/ecs-eks-lambda.md: 100 cards"))
    #expect(text.stdout.contains("active, learning, due 2026-11-25T09:11:00Z, stability 2.30 d"))
  }

  @Test func progressBarShowsOnlyOnATerminal() throws {
    let scratch = try Scratch()
    let big = try writeLargeFolder(in: scratch.folder, count: 80)
    // Without a terminal: no bar, nothing on standard error.
    // The bar shows once the import has taken longer than a moment; here the moment is 0 ms so
    // that the test does not depend on the machine's speed.
    let noDelay = ["RECALL_PROGRESS_DELAY_MS": "0"]
    let plain = try recall(
      ["import", big.path, "--db", scratch.database + ".plain"], in: scratch.folder, environment: noDelay)
    #expect(plain.status == 0, "\(plain.stderr)")
    #expect(plain.stderr.isEmpty)
    // On a terminal (a pseudo-terminal made by script(1)), a long import draws the bar.
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
    let executable = try #require(TestPaths.recallExecutable)
    let command = "RECALL_PROGRESS_DELAY_MS=0 '\(executable.path)' import '\(big.path)' --db '\(scratch.database)'"
    let run = try recall(["--version"], in: scratch.folder)  // warms the binary's pages
    #expect(run.status == 0)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
    process.arguments = ["-qec", command, "/dev/null"]
    process.currentDirectoryURL = scratch.folder
    let output = scratch.folder.appendingPathComponent("tty-output")
    FileManager.default.createFile(atPath: output.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: output)
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    let screen = try String(contentsOf: output, encoding: .utf8)
    #expect(process.terminationStatus == 0, "\(screen)")
    #expect(screen.contains("Importing notes ["), "\(screen.prefix(400))")
    #expect(screen.contains("/80"))
    #expect(screen.contains("Imported 80 notes"))
  }

  // MARK: - Things that go wrong

  @Test func killDuringALargeImportLeavesTheDatabaseAsBefore() throws {
    let scratch = try Scratch()
    let first = try recall(["import", "notes", "--db", scratch.database], in: scratch.folder)
    #expect(first.status == 0, "\(first.stderr)")
    try reviewEverything(scratch.database, at: Date(timeIntervalSince1970: 1_800_000_000))
    let before = try contents(scratch.database)
    let big = try writeLargeFolder(in: scratch.folder, count: 150)

    // How long the whole import takes here, on a copy: the kills land at fractions of it.
    let copy = scratch.folder.appendingPathComponent("timing.sqlite").path
    try FileManager.default.copyItem(atPath: scratch.database, toPath: copy)
    let clock = ContinuousClock()
    let whole = try clock.measure {
      let run = try recall(["import", big.path, "--db", copy], in: scratch.folder)
      #expect(run.status == 0, "\(run.stderr)")
    }
    let seconds = Double(whole.components.seconds) + Double(whole.components.attoseconds) / 1e18

    let complete = try Store.open(at: copy)
    let (wholeCards, wholeRuns) = (try complete.cards().count, try complete.importRuns().count)
    let reviewsBefore = try Store.open(at: scratch.database).reviews(includingUndone: true).count
    let bytesBefore = try scratch.databaseBytes()

    var killedMidway = 0
    for fraction in [0.15, 0.4, 0.65, 0.9] {
      let delay = seconds * fraction
      let started = try start(["import", big.path, "--db", scratch.database], in: scratch.folder)
      Thread.sleep(forTimeInterval: delay)
      if started.0.isRunning {
        kill(started.0.processIdentifier, SIGKILL)
      }
      let run = try finish(started)
      guard run.killed else { continue }
      let bytesNow = try scratch.databaseBytes()
      let now = try contents(scratch.database)
      if now == before {
        // Killed before its commit: the main file is byte for byte what it was (WAL: nothing
        // reaches it before a commit), and the store holds exactly what it held.
        killedMidway += 1
        #expect(bytesNow == bytesBefore, "killed after \(delay) s")
      } else {
        // Killed after its commit, while printing its report: the import is there whole, and
        // every review is still there. Then the database is put back for the next kill.
        let store = try Store.open(at: scratch.database)
        #expect(try store.cards().count == wholeCards, "killed after \(delay) s")
        #expect(try store.importRuns().count == wholeRuns, "killed after \(delay) s")
        #expect(try store.reviews(includingUndone: true).count == reviewsBefore)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: scratch.database + suffix) }
        try bytesBefore.write(to: URL(fileURLWithPath: scratch.database))
        #expect(try contents(scratch.database) == before)
      }
    }
    #expect(killedMidway >= 2, "the import finished too fast to be killed midway")
  }

  /// The first import into a new database, killed at any moment, leaves no database (it is built
  /// under a temporary name and takes its own only when whole) or one that opens, in WAL mode,
  /// with every note; never a part. (``ImportKillTests`` kills it at many more moments.)
  @Test func killDuringAFirstImportLeavesNoDatabaseOrAWholeOne() throws {
    let scratch = try Scratch()
    let big = try writeLargeFolder(in: scratch.folder, count: 150)
    let clock = ContinuousClock()
    let timing = scratch.folder.appendingPathComponent("timing.sqlite").path
    let whole = try clock.measure {
      let run = try recall(["import", big.path, "--db", timing], in: scratch.folder)
      #expect(run.status == 0, "\(run.stderr)")
    }
    #expect(try journalMode(timing) == "wal")
    let complete = try Store.open(at: timing)
    let (wholeNotes, wholeCards) = (try complete.notes().count, try complete.cards().count)
    let seconds = Double(whole.components.seconds) + Double(whole.components.attoseconds) / 1e18

    var killedMidway = 0
    for fraction in [0.2, 0.45, 0.7, 0.9] {
      for suffix in ["", "-wal", "-shm", "-journal"] {
        try? FileManager.default.removeItem(atPath: scratch.database + suffix)
      }
      let started = try start(["import", big.path, "--db", scratch.database], in: scratch.folder)
      Thread.sleep(forTimeInterval: seconds * fraction)
      if started.0.isRunning { kill(started.0.processIdentifier, SIGKILL) }
      let run = try finish(started)
      guard run.killed else { continue }
      guard FileManager.default.fileExists(atPath: scratch.database) else {
        killedMidway += 1
        continue
      }
      // A quiz only reads (a snapshot), yet still finds the database as it was before the kill.
      let quiz = try recall(["quiz", "--count", "1", "--db", scratch.database], in: scratch.folder)
      #expect(!quiz.stderr.contains("read-only") && !quiz.stderr.contains("damaged"), "\(quiz.stderr)")
      let store = try Store.open(at: scratch.database)
      #expect(try journalMode(scratch.database) == "wal")
      let (notes, cards) = (try store.notes().count, try store.cards().count)
      #expect((notes, cards) == (wholeNotes, wholeCards), "\(notes) notes, \(cards) cards")
      // The database works after the kill: the same import, whole.
      let again = try recall(["import", big.path, "--db", scratch.database], in: scratch.folder)
      #expect(again.status == 0, "\(again.stderr)")
      #expect(try Store.open(at: scratch.database).cards().count == wholeCards)
    }
    #expect(killedMidway >= 1, "the import finished too fast to be killed midway")
  }

  /// The journal mode of the database at `path`.
  private func journalMode(_ path: String) throws -> String? {
    try DatabaseQueue(path: path).read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
  }

  @Test func twoProcessesImportingAtOnceBothSucceed() throws {
    let scratch = try Scratch()
    let big = try writeLargeFolder(in: scratch.folder, count: 40)
    let one = try start(["import", big.path, "--db", scratch.database, "--json"], in: scratch.folder)
    let two = try start(["import", "notes", big.path, "--db", scratch.database, "--json"], in: scratch.folder)
    let first = try finish(one)
    let second = try finish(two)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(second.status == 0, "\(second.stderr)")
    // Whichever ran second waited, found the other's cards, and added only what was new to it.
    let store = try Store.open(at: scratch.database)
    #expect(try store.notes().count == 41)
    let firstAdded = try report(first)["added"] as? Int ?? 0
    let secondAdded = try report(second)["added"] as? Int ?? 0
    #expect(try store.cards().count == firstAdded + secondAdded)
    #expect(min(firstAdded, secondAdded) < max(firstAdded, secondAdded))
    #expect(try store.importRuns().count == 2)
  }

  @Test func readOnlyDatabaseIsRefusedAndUntouched() throws {
    let scratch = try Scratch()
    _ = try recall(["import", "notes", "--db", scratch.database], in: scratch.folder)
    let note = scratch.notes.appendingPathComponent("aws/ecs-eks-lambda.md")
    try (try String(contentsOf: note, encoding: .utf8) + "\n# New\nnew section text\n").write(
      to: note, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: scratch.database)
    defer {
      try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: scratch.database)
    }
    let before = try scratch.databaseBytes()
    let run = try recall(["import", "notes", "--db", scratch.database], in: scratch.folder)
    #expect(run.status != 0)
    #expect(run.stderr.contains("is read-only"), "\(run.stderr)")
    #expect(!run.stderr.contains("Fatal error"))
    #expect(try scratch.databaseBytes() == before)
  }

  @Test func fullDiskIsReportedAndTheDatabaseKept() throws {
    // RECALL_TEST_MAX_PAGE_COUNT sets `PRAGMA max_page_count` on each connection: the database
    // cannot grow past that many pages, and SQLite answers SQLITE_FULL as on a full disk.
    let scratch = try Scratch()
    _ = try recall(["import", "notes", "--db", scratch.database], in: scratch.folder)
    let before = try contents(scratch.database)
    let bytes = try scratch.databaseBytes()
    // The page size, from the file's header (bytes 16-17, big-endian).
    let pageSize = Int(bytes[16]) << 8 | Int(bytes[17])
    #expect(pageSize >= 512 && bytes.count % pageSize == 0)
    let pages = bytes.count / pageSize
    let big = try writeLargeFolder(in: scratch.folder, count: 20)
    // Room for a page or two more than the database has: far less than the folder's cards.
    let run = try recall(
      ["import", big.path, "--db", scratch.database], in: scratch.folder,
      environment: ["RECALL_TEST_MAX_PAGE_COUNT": String(pages + 2)])
    #expect(run.status != 0)
    #expect(run.stderr.contains("The disk is full"), "\(run.stderr)")
    #expect(try scratch.databaseBytes() == bytes)
    #expect(try contents(scratch.database) == before)
  }

  /// A first import that fails (here the disk fills up) leaves no database, and nothing of the
  /// new database it was building beside it: the next import starts afresh.
  @Test func aFailedFirstImportLeavesNoDatabaseAndNoTemporaryFile() throws {
    let scratch = try Scratch()
    let big = try writeLargeFolder(in: scratch.folder, count: 20)
    // A new database's schema takes 42 pages: room for it, not for the folder's cards.
    let run = try recall(
      ["import", big.path, "--db", scratch.database], in: scratch.folder,
      environment: ["RECALL_TEST_MAX_PAGE_COUNT": "60"])
    #expect(run.status != 0)
    #expect(run.stderr.contains("The disk is full"), "\(run.stderr)")
    let data = scratch.folder.appendingPathComponent("data").path
    #expect(try FileManager.default.contentsOfDirectory(atPath: data) == [])
    let again = try recall(["import", big.path, "--db", scratch.database], in: scratch.folder)
    #expect(again.status == 0, "\(again.stderr)")
    #expect(try Store.open(at: scratch.database).notes().count == 20)
  }

  @Test func corruptFilesAreRefusedAndUntouched() throws {
    let scratch = try Scratch()
    // A file that is not a database at all.
    let notes = scratch.folder.appendingPathComponent("notes.sqlite")
    let garbage = Data((0..<20_000).map { UInt8(truncatingIfNeeded: $0 &* 7919) })
    try garbage.write(to: notes)
    let run = try recall(["import", "notes", "--db", notes.path], in: scratch.folder)
    #expect(run.status != 0)
    #expect(run.stderr.contains("is not a Recall database"), "\(run.stderr)")
    #expect(try Data(contentsOf: notes) == garbage)

    // A Recall database with damaged pages.
    _ = try recall(["import", "notes", "--db", scratch.database], in: scratch.folder)
    var bytes = try scratch.databaseBytes()
    let pageSize = 4096
    #expect(bytes.count >= pageSize * 4)
    for offset in stride(from: pageSize * 2 + 8, to: bytes.count, by: pageSize) {
      for index in offset..<min(offset + 64, bytes.count) { bytes[index] = 0xA5 }
    }
    try bytes.write(to: URL(fileURLWithPath: scratch.database))
    let damaged = try recall(["import", "notes", "--db", scratch.database], in: scratch.folder)
    #expect(damaged.status != 0)
    #expect(damaged.stderr.contains("is damaged"), "\(damaged.stderr)")
    #expect(!damaged.stderr.contains("Fatal error"))
    #expect(try scratch.databaseBytes() == bytes)
  }

  @Test func databaseFromANewerRecallIsRefusedAndUntouched() throws {
    let scratch = try Scratch()
    var newer = StoreOptions()
    newer.migrations.append(
      SchemaMigration(identifier: "9999_from_the_future", sql: "CREATE TABLE hologram (x);"))
    _ = try Store.open(at: scratch.database, options: newer)
    let before = try scratch.databaseBytes()
    let run = try recall(["import", "notes", "--db", scratch.database], in: scratch.folder)
    #expect(run.status != 0)
    #expect(run.stderr.contains("was written by a newer version of Recall"), "\(run.stderr)")
    #expect(run.stderr.contains("9999_from_the_future"))
    #expect(try scratch.databaseBytes() == before)
  }

  @Test func databaseLocationComesFromTheEnvironment() throws {
    let scratch = try Scratch()
    let data = scratch.folder.appendingPathComponent("xdg")
    let run = try recall(
      ["import", "notes"], in: scratch.folder,
      environment: ["XDG_DATA_HOME": data.path, "HOME": scratch.folder.path])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(FileManager.default.fileExists(atPath: data.appendingPathComponent("recall/recall.sqlite").path))
    let viaVariable = try recall(
      ["import", "notes"], in: scratch.folder, environment: ["RECALL_DB": "env/r.sqlite"])
    #expect(viaVariable.status == 0, "\(viaVariable.stderr)")
    #expect(FileManager.default.fileExists(atPath: scratch.folder.appendingPathComponent("env/r.sqlite").path))
  }
}
