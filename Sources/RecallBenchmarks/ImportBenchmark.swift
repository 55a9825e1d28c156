import Foundation
import GRDB
import RecallCards
import RecallMarkdown
import RecallStorage

/// `recall-bench import`: the whole `../shared/corpus` imported by the real `recall` binary
/// into a new database, then again unchanged, each timed as a whole process (start to exit),
/// beside the parse-only time of the same files.
///
/// Goals: a new import within 300 ms and an unchanged re-import within 50 ms. Build both
/// products in release first (`swift build -c release`): the binary is found beside
/// `recall-bench`. In-process lines split the new import's time: parsing and making the cards
/// on every core (what the import's first step does), and the import alone without starting a
/// process.
enum ImportBenchmark {
  static let suite = BenchmarkSuite(name: "import") { try run() }

  /// The goal for a new import of the corpus, whole process, in seconds.
  static let newImportGoal = 0.300
  /// The goal for an unchanged re-import of the corpus, whole process, in seconds.
  static let unchangedGoal = 0.050

  /// `recall-bench import-loop`: nothing but the new import, 30 times over, for a profiler
  /// (`perf record`, `valgrind --tool=callgrind`) to see where its time goes.
  static let loopSuite = BenchmarkSuite(name: "import-loop", runsByDefault: false) {
    try loop(times: 30)
  }

  /// `recall-bench cards-loop`: the card generator alone over the parsed corpus, 30 times on one
  /// thread, beside parsing the same notes: its share of a new import, steady enough to compare
  /// two builds, and a load for a profiler.
  static let cardsLoopSuite = BenchmarkSuite(name: "cards-loop", runsByDefault: false) {
    try cardsLoop(times: 30)
  }

  static func cardsLoop(times: Int) throws {
    guard let shared = sharedFolder() else {
      print("cards-loop: skipped, ../shared is not beside the package")
      return
    }
    let search = NoteSearch(paths: [shared.appendingPathComponent("corpus").path])
    let files = try search.sources.map { source in
      (source, [UInt8](try Data(contentsOf: URL(fileURLWithPath: source.file))))
    }
    var documents: [(NoteSource, MarkdownDocument)] = []
    let parsing = threadSeconds {
      for _ in 1...times {
        documents = files.compactMap { source, bytes in
          (try? MarkdownParser().parse(bytes, file: source.file)).map { (source, $0) }
        }
      }
    }
    var cards = 0
    let generating = threadSeconds {
      for _ in 1...times {
        cards = 0
        for (source, document) in documents {
          cards += CardGenerator().generate(from: document, deck: source.deck, file: source.file)
            .cards.count
        }
      }
    }
    let each = { (seconds: Double) in seconds / Double(times) * 1000 }
    print(String(format: "parse only       %7.1f ms CPU (mean of %d, one thread)", each(parsing), times))
    print(
      String(
        format: "making cards     %7.1f ms CPU    %.2f× parse   %d cards", each(generating),
        generating / parsing, cards))
  }

  /// The CPU seconds the calling thread spends in `body`.
  static func threadSeconds(_ body: () throws -> Void) rethrows -> Double {
    func now() -> Double {
      var time = timespec()
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
      return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
    let start = now()
    try body()
    return now() - start
  }

  static func loop(times: Int) throws {
    guard let shared = sharedFolder() else {
      print("import-loop: skipped, ../shared is not beside the package")
      return
    }
    let corpus = shared.appendingPathComponent("corpus")
    let search = NoteSearch(paths: [corpus.path])
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var total = 0.0
    for run in 1...times {
      let path = folder.appendingPathComponent("recall-\(run).sqlite").path
      total += try bestSeconds(repeats: 1) {
        _ = try Store.buildNew(at: path) { store throws(StorageError) in
          try store.importNotes(
            search.sources, paths: [corpus.path], folders: search.folders, extraction: .markdown,
            now: Date(timeIntervalSince1970: 1_800_000_000))
        }
      }
      try? FileManager.default.removeItem(atPath: path)
    }
    print(String(format: "new import, mean of %d: %.1f ms", times, total / Double(times) * 1000))
  }

  /// A new empty folder for the benchmark's databases.
  static func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("recall-bench-import-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  static func run() throws {
    guard let shared = sharedFolder() else {
      print("import: skipped, ../shared is not beside the package")
      return
    }
    let corpus = shared.appendingPathComponent("corpus")
    let search = NoteSearch(paths: [corpus.path])
    let files = try search.sources.map { source in
      (source, [UInt8](try Data(contentsOf: URL(fileURLWithPath: source.file))))
    }
    let megabytes = Double(files.reduce(0) { $0 + $1.1.count }) / 1_048_576
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var databases = 0
    func newDatabase() -> String {
      databases += 1
      return folder.appendingPathComponent("recall-\(databases).sqlite").path
    }

    // The anchor: parsing the same bytes, nothing else.
    let parseOnly = bestSeconds(repeats: 5) {
      for (source, bytes) in files { _ = try? MarkdownParser().parse(bytes, file: source.file) }
    }
    // The import's first step: parsing and making the cards on every core.
    let onEveryCore = bestRun(repeats: 3) {
      DispatchQueue.concurrentPerform(iterations: files.count) { index in
        let (source, bytes) = files[index]
        _ = try? CardExtraction.markdown.extract(bytes, source.file, source.deck)
      }
    }
    // The import in this process: the new database built (created, migrated, written), linked.
    var report = ImportReport()
    let inProcess = try bestRun(repeats: 3) {
      // As `recall import` makes a new database: built whole, then given its name.
      report =
        try Store.buildNew(at: newDatabase()) { store throws(StorageError) in
          try store.importNotes(
            search.sources, paths: [corpus.path], folders: search.folders, extraction: .markdown,
            now: Date(timeIntervalSince1970: 1_800_000_000))
        } ?? ImportReport()
    }

    func ms(_ seconds: Double) -> String { String(format: "%8.1f ms", seconds * 1000) }
    func cpu(_ run: (wall: Double, cpu: Double)) -> String {
      String(format: "CPU %6.1f ms (%.2f cores)", run.cpu * 1000, run.cpu / run.wall)
    }
    print(
      "corpus: \(files.count) notes, \(String(format: "%.2f", megabytes)) MB, "
        + "\(report.added) cards, \(report.stubs.count) stubs, \(report.errors.count) errors")
    print("parse only (anchor)        \(ms(parseOnly))   one core")
    print("parse + make, all cores    \(ms(onEveryCore.wall))   \(cpu(onEveryCore))  (the import's first step)")
    print("new import, in process     \(ms(inProcess.wall))   \(cpu(inProcess))")

    let binary = Bundle.main.executableURL?.deletingLastPathComponent().appendingPathComponent("recall")
    guard let binary, FileManager.default.isExecutableFile(atPath: binary.path) else {
      print("whole process: skipped, build the recall binary beside recall-bench first")
      return
    }
    // The real command, from its start to its exit: a new database each time, then the last one
    // again with nothing changed.
    var lastPath = ""
    var newImport = Double.infinity
    for _ in 0..<5 {
      lastPath = newDatabase()
      newImport = min(newImport, try secondsToExit(binary, ["import", corpus.path, "--db", lastPath]))
    }
    var unchanged = Double.infinity
    for _ in 0..<5 {
      unchanged = min(unchanged, try secondsToExit(binary, ["import", corpus.path, "--db", lastPath]))
    }
    func goal(_ seconds: Double, _ goal: Double) -> String {
      String(format: "goal ≤ %.0f ms: ", goal * 1000) + (seconds <= goal ? "met" : "NOT met")
    }
    print("new import, whole process  \(ms(newImport))   \(goal(newImport, newImportGoal))")
    print("unchanged, whole process   \(ms(unchanged))   \(goal(unchanged, unchangedGoal))")
  }

  /// The wall-clock and CPU (user + system, all threads) seconds of the fastest of `repeats`
  /// runs of `body`.
  static func bestRun(repeats: Int, _ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
    var best = (wall: Double.infinity, cpu: Double.infinity)
    for _ in 0..<max(1, repeats) {
      let cpu = processCPUSeconds()
      let wall = try bestSeconds(repeats: 1, body)
      if wall < best.wall { best = (wall, processCPUSeconds() - cpu) }
    }
    return best
  }
}
