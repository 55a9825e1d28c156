import Foundation
import GRDB
import RecallCards
import RecallMarkdown
import RecallStorage

/// `recall-bench import`: the whole `../shared/corpus` imported into a new database, then again
/// unchanged, beside the parse-only time of the same files.
///
/// Goals: a new import within 3 times the parse-only time; an unchanged re-import under 100 ms.
/// More lines split the new import's time: parsing plus making the cards on one core (the card
/// generator's share) and on every core (what the import's workers do), and the store alone (the
/// same import with the cards made beforehand). Since the import's workers prepare notes while
/// its writer writes, a new import takes about the longer of the last two, not their sum; its
/// CPU time (user + system, all threads) shows how much of both cores it used. "SQLite alone"
/// copies the rows the import wrote into a new database with SQLite's own INSERT … SELECT: the
/// floor any new import with this schema pays, measured in the same run.
enum ImportBenchmark {
  static let suite = BenchmarkSuite(name: "import") { try run() }

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
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("recall-bench-import-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var total = 0.0
    for run in 1...times {
      let path = folder.appendingPathComponent("recall-\(run).sqlite").path
      total += try bestSeconds(repeats: 1) {
        let prepared = NotePreparation(search.sources, extraction: .markdown)
        let store = try Store.open(at: path)
        _ = try store.importNotes(
          search.sources, paths: [corpus.path], extraction: .markdown,
          now: Date(timeIntervalSince1970: 1_800_000_000), prepared: prepared)
      }
      try? FileManager.default.removeItem(atPath: path)
    }
    print(String(format: "new import, mean of %d: %.1f ms", times, total / Double(times) * 1000))
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
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("recall-bench-import-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var databases = 0
    func newDatabase() -> String {
      databases += 1
      return folder.appendingPathComponent("recall-\(databases).sqlite").path
    }

    // The anchor: parsing the same bytes, nothing else.
    var parsed = 0
    let parseOnly = bestSeconds(repeats: 5) {
      parsed = 0
      for (source, bytes) in files where (try? MarkdownParser().parse(bytes, file: source.file)) != nil {
        parsed += 1
      }
    }

    // Parsing plus making the cards, one note after the other, then on every core as the
    // import's workers do.
    var made: [String: CardExtraction.Result] = [:]
    let parseAndGenerate = bestSeconds(repeats: 3) {
      for (source, bytes) in files {
        made[source.file] = try? CardExtraction.markdown.extract(bytes, source.file, source.deck)
      }
    }
    let onEveryCore = bestRun(repeats: 3) {
      DispatchQueue.concurrentPerform(iterations: files.count) { index in
        let (source, bytes) = files[index]
        _ = try? CardExtraction.markdown.extract(bytes, source.file, source.deck)
      }
    }

    // The store alone: the same import with the cards made beforehand (new database each time).
    let premade = CardExtraction(revision: 1) { [made] _, file, _ throws(CardExtraction.Failure) in
      guard let result = made[file] else { throw CardExtraction.Failure(line: 0, message: "not made") }
      return result
    }
    let storeOnly = try bestRun(repeats: 3) {
      let store = try Store.open(at: newDatabase())
      _ = try store.importNotes(search.sources, paths: [], extraction: premade, now: now)
    }

    // A new database each time, as `recall import` makes one: the notes prepared from the
    // start, while the database is opened (created and migrated); then read, hash, parse, make
    // cards, write, commit, and close.
    var report = ImportReport()
    var lastPath = ""
    let newImport = try bestRun(repeats: 5) {
      lastPath = newDatabase()
      let prepared = NotePreparation(search.sources, extraction: .markdown)
      let store = try Store.open(at: lastPath)
      report = try store.importNotes(
        search.sources, paths: [corpus.path], extraction: .markdown, now: now, prepared: prepared)
    }

    // SQLite's own share of a new import: the notes and cards the import wrote, copied by SQLite
    // alone (one INSERT … SELECT, foreign keys on as in Recall, so row by row) into a new
    // database that Recall created, journaled as the import journals it, from opening to
    // closing. No reading, hashing, parsing, cards
    // or Swift per row: the floor of a new import with this schema.
    let sqliteAlone = try bestRun(repeats: 3) {
      let path = newDatabase()
      _ = try Store.open(at: path)
      var configuration = Configuration()
      configuration.foreignKeysEnabled = true
      let copy = try DatabaseQueue(path: path, configuration: configuration)
      try copy.writeWithoutTransaction { db in
        // As the first import into an empty database writes: through the rollback journal.
        _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
        try db.execute(sql: "PRAGMA synchronous = FULL")
        try db.execute(sql: "ATTACH DATABASE ? AS imported", arguments: [lastPath])
        try db.inTransaction(.immediate) {
          try db.execute(sql: "INSERT INTO main.note SELECT * FROM imported.note ORDER BY id")
          try db.execute(sql: "INSERT INTO main.card SELECT * FROM imported.card ORDER BY id")
          return .commit
        }
        try db.execute(sql: "DETACH DATABASE imported")
        _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
      }
      try copy.close()
    }

    // The same files again into the last database: every note skipped by its hash.
    var again = ImportReport()
    let unchanged = try bestRun(repeats: 5) {
      let store = try Store.open(at: lastPath)
      again = try store.importNotes(
        search.sources, paths: [corpus.path], extraction: .markdown, now: now + 60)
    }

    func ms(_ seconds: Double) -> String { String(format: "%8.1f ms", seconds * 1000) }
    func ratio(_ seconds: Double) -> String { String(format: "%5.2f×", seconds / parseOnly) }
    func cpu(_ run: (wall: Double, cpu: Double)) -> String {
      String(format: "CPU %6.1f ms (%.2f cores)", run.cpu * 1000, run.cpu / run.wall)
    }
    print(
      "corpus: \(files.count) notes, \(String(format: "%.2f", megabytes)) MB, "
        + "\(report.added) cards, \(report.stubs.count) stubs, \(report.errors.count) errors")
    print("parse only (anchor)     \(ms(parseOnly))           \(parsed) notes parsed, one core")
    print("parse + make cards      \(ms(parseAndGenerate))   \(ratio(parseAndGenerate))   one core")
    print(
      "parse + make, all cores \(ms(onEveryCore.wall))   \(ratio(onEveryCore.wall))   "
        + "\(cpu(onEveryCore))  (the import's workers)")
    print(
      "store only              \(ms(storeOnly.wall))   \(ratio(storeOnly.wall))   "
        + "\(cpu(storeOnly))  (cards made beforehand)")
    print(
      "SQLite alone            \(ms(sqliteAlone.wall))   \(ratio(sqliteAlone.wall))   "
        + "\(cpu(sqliteAlone))  (the same rows copied by SQLite: the floor)")
    print(
      "new import              \(ms(newImport.wall))   \(ratio(newImport.wall))   \(cpu(newImport))  "
        + "goal ≤ 3×: " + (newImport.wall <= 3 * parseOnly ? "met" : "NOT met"))
    print(
      "unchanged re-import     \(ms(unchanged.wall))   \(ratio(unchanged.wall))   \(cpu(unchanged))  "
        + "goal < 100 ms: " + (unchanged.wall < 0.1 ? "met" : "NOT met")
        + " (\(again.unchangedNotes) notes skipped, \(again.added + again.changed + again.retired) cards changed)")
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
