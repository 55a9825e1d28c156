import Foundation
import RecallStorage

/// `recall-bench scale`: the daily commands on a large collection, beside Anki's own engine on
/// a collection of the same size, measured in the same run.
///
/// For each size (10,000 cards with 100,000 reviews, then 100,000 cards with 1,000,000 reviews;
/// `RECALL_SCALE_CARDS=10000` picks sizes, ten reviews per card) it builds the collection in
/// Recall and, with `scripts/anki_scale.py` and the `anki` package of `.build/anki-venv`, in
/// Anki, then times in fresh processes, alternating between the two, and prints the medians
/// with the ratio Recall/Anki:
///
/// - the first card of a review (Recall: `recall review --json --limit 1`, to its first `asked`
///   line; Anki: a Python process to the first queued card);
/// - one answer committed (in the process: Recall's `Store.recordReview`, Anki's `answer_card`);
/// - the stats (`recall stats`; Anki's graphs, whole process);
/// - the peak memory of the first-card process (`/usr/bin/time`);
/// - the database's bytes per review;
/// - for the smallest size, `recall import-progress` of the whole log into another database of
///   the same notes whose own log interleaves with it (a year studied on two devices).
///
/// `RECALL_SCALE_ONLY=import-progress` measures the merge alone, on the first size (Anki's side
/// and the other measures left out).
/// `RECALL_SCALE_FOLDER=DIR` keeps the built collections there and measures copies of them in
/// later runs (see ``KeptCollections``); `RECALL_SCALE_IMPORT_PROGRESS=0` leaves out the
/// import-progress rows.
///
/// Without the `anki` package the Anki columns are left out, saying so. Build in release first:
/// `swift build -c release --static-swift-stdlib`.
enum ScaleBenchmark {
  static let suite = BenchmarkSuite(name: "scale", runsByDefault: false) { try run() }

  /// `recall-bench answer-loop`: 2,000 answers recorded one by one, each its own transaction, in
  /// a copy of the kept collection `RECALL_SCALE_FOLDER` (`RECALL_SCALE_CARDS` cards, 10,000 by
  /// default): the median of one answer, and a load for a profiler (`perf record`).
  static let answerLoopSuite = BenchmarkSuite(name: "answer-loop", runsByDefault: false) {
    let cards = Int(ProcessInfo.processInfo.environment["RECALL_SCALE_CARDS"] ?? "") ?? 10_000
    let kept = ProcessInfo.processInfo.environment["RECALL_SCALE_FOLDER"].map(URL.init(fileURLWithPath:))
    guard let built = try KeptCollections(folder: kept, cards: cards),
      FileManager.default.fileExists(atPath: built.recall.path)
    else {
      print("answer-loop: skipped, RECALL_SCALE_FOLDER holds no collection of \(cards) cards (run scale first)")
      return
    }
    let database = FileManager.default.temporaryDirectory
      .appendingPathComponent("recall-bench-answers-\(UUID().uuidString).sqlite").path
    try FileManager.default.copyItem(atPath: built.recall.path, toPath: database)
    defer {
      for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
    }
    _ = try Store.open(at: database).reviewCount()
    let milliseconds = try answerMilliseconds(database: database, now: built.now ?? Date(), count: 2_000)
    print(String(format: "answer-loop: one answer committed, median of 2,000: %.3f ms", milliseconds))
  }

  /// Fresh processes per measure; the median is printed.
  static let runs = 7
  /// Reviews in the log per card.
  static let reviewsPerCard = 10
  /// Whether the collections and files are kept (`RECALL_SCALE_KEEP=1`), to profile a measure
  /// again by hand (the other device's database before the merge is `fresh-before.sqlite`).
  static let keepFiles = ProcessInfo.processInfo.environment["RECALL_SCALE_KEEP"] == "1"
  /// Whether only the merge is measured (`RECALL_SCALE_ONLY=import-progress`).
  static let onlyImportProgress = ProcessInfo.processInfo.environment["RECALL_SCALE_ONLY"] == "import-progress"

  static func run() throws {
    let binary = Bundle.main.executableURL?.deletingLastPathComponent().appendingPathComponent("recall")
    guard let binary, FileManager.default.isExecutableFile(atPath: binary.path) else {
      print("scale: skipped, build the recall binary beside recall-bench first")
      return
    }
    let sizes = (ProcessInfo.processInfo.environment["RECALL_SCALE_CARDS"] ?? "10000,100000")
      .split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    let anki = onlyImportProgress ? nil : AnkiEngine.find()
    if anki == nil && !onlyImportProgress {
      emit("scale: Anki's columns skipped: no .build/anki-venv with the anki package (pip install anki)")
    }
    for (index, cards) in sizes.enumerated() where index == 0 || !onlyImportProgress {
      try measure(cards: cards, binary: binary, anki: anki, importProgress: index == 0)
    }
  }

  /// Builds one size in both engines and prints its table.
  static func measure(cards: Int, binary: URL, anki: AnkiEngine?, importProgress: Bool) throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("recall-bench-scale-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer {
      if keepFiles {
        emit("scale: files kept in \(folder.path)")
      } else {
        try? FileManager.default.removeItem(at: folder)
      }
    }
    let database = folder.appendingPathComponent("recall.sqlite").path
    let collection = folder.appendingPathComponent("anki.anki2").path
    let kept = ProcessInfo.processInfo.environment["RECALL_SCALE_FOLDER"].map(URL.init(fileURLWithPath:))
    let built = try KeptCollections(folder: kept, cards: cards)
    let now = built?.now ?? Date()
    let nowText = ISO8601DateFormatter().string(from: now)

    var builtRecall = Double.nan
    if let built, FileManager.default.fileExists(atPath: built.recall.path) {
      try FileManager.default.copyItem(atPath: built.recall.path, toPath: database)
    } else {
      builtRecall = try bestSeconds(repeats: 1) {
        try ReviewBenchmark.makeDatabase(at: database, cards: cards, reviewsPerCard: reviewsPerCard, now: now)
      }
      try built?.keep(recall: database, now: now)
    }
    let reviews = try Store.open(at: database).reviewCount()
    var builtAnki = Double.nan
    if let anki {
      if let built, FileManager.default.fileExists(atPath: built.anki.path) {
        try FileManager.default.copyItem(atPath: built.anki.path, toPath: collection)
      } else {
        builtAnki = try bestSeconds(repeats: 1) {
          _ = try anki.run(["build", collection, String(cards), String(reviewsPerCard)])
        }
        try built?.keep(anki: collection)
      }
    }
    emit(
      "\(cards) cards, \(reviews) reviews: built in "
        + String(format: "%.1f s (Recall), %.1f s (Anki)", builtRecall, builtAnki))

    let table = ScaleTable()
    if onlyImportProgress {
      try addImportProgress(to: table, cards: cards, database: database, folder: folder, binary: binary, now: now)
      return
    }
    // The first card, whole process, alternating between the engines.
    var recallFirst: [Double] = []
    var ankiFirst: [Double] = []
    var ankiFirstInside: [Double] = []
    for _ in 0..<runs {
      recallFirst.append(
        try ReviewBenchmark.timeToOutput(
          binary, ["review", "--db", database, "--now", nowText, "--json", "--limit", "1"],
          marker: "\"event\":\"asked\""))
      if let anki {
        ankiFirst.append(
          try ReviewBenchmark.timeToOutput(anki.python, [anki.script.path, "first-card", collection], marker: "\"ms\""))
        ankiFirstInside.append(try anki.milliseconds(["first-card", collection]) / 1000)
      }
    }
    table.add("first card, whole process", recall: median(recallFirst), anki: median(ankiFirst), unit: .time)
    table.add("first card, Anki in-process", recall: nil, anki: median(ankiFirstInside), unit: .time)

    // Peak memory of the first-card process.
    let recallPeak = try peakKilobytes(binary.path, ["review", "--db", database, "--now", nowText, "--json", "--limit", "1"])
    let ankiPeak = try anki.map { try peakKilobytes($0.python.path, [$0.script.path, "first-card", collection]) }
    table.add("peak memory, first card", recall: recallPeak, anki: ankiPeak, unit: .kilobytes)

    // The stats, whole process.
    var recallStats: [Double] = []
    var ankiStats: [Double] = []
    for _ in 0..<runs {
      recallStats.append(try secondsToExit(requiringSuccess: false, binary, ["stats", "--db", database, "--now", nowText]))
      if let anki { ankiStats.append(try secondsToExit(requiringSuccess: false, anki.python, [anki.script.path, "stats", collection])) }
    }
    table.add("stats, whole process", recall: median(recallStats), anki: median(ankiStats), unit: .time)

    // Bytes per review, before the answers below add to the logs.
    let recallBytes = Double(fileBytes(database)) / Double(max(1, reviews))
    let ankiBytes = anki.map { _ in Double(fileBytes(collection)) / Double(max(1, reviews)) }
    table.add("database bytes per review", recall: recallBytes, anki: ankiBytes, unit: .count)

    // One answer committed, in the process.
    let recallAnswer = try answerMilliseconds(database: database, now: now, count: 30) / 1000
    let ankiAnswer = try anki.map { try $0.milliseconds(["answer", collection, "30"]) / 1000 }
    table.add("one answer committed, in-process", recall: recallAnswer, anki: ankiAnswer, unit: .time)

    if importProgress && ProcessInfo.processInfo.environment["RECALL_SCALE_IMPORT_PROGRESS"] != "0" {
      try addImportProgress(to: table, cards: cards, database: database, folder: folder, binary: binary, now: now)
    }
  }

  /// The rows of `recall import-progress` of the collection's whole log (its reviews, and the
  /// answers the measures before it recorded).
  static func addImportProgress(
    to table: ScaleTable, cards: Int, database: String, folder: URL, binary: URL, now: Date
  ) throws {
    let (seconds, peak, merged) = try importProgressFigures(
      cards: cards, database: database, folder: folder, binary: binary, now: now)
    table.add("import-progress of \(merged) reviews", recall: seconds, anki: nil, unit: .time)
    table.add("import-progress peak memory", recall: peak, anki: nil, unit: .kilobytes)
  }

  /// Writes a line at once, unbuffered (the suite runs for minutes, its output often to a file).
  static func emit(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
  }

  /// The median of `values`, `nil` when there are none.
  static func median(_ values: [Double]) -> Double? {
    values.isEmpty ? nil : values.sorted()[values.count / 2]
  }

  /// The bytes of a database with its write-ahead log.
  static func fileBytes(_ path: String) -> Int {
    [path, path + "-wal"].reduce(0) { total, file in
      total + ((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0)
    }
  }

  /// The median milliseconds of `count` answers recorded one by one, each its own transaction.
  static func answerMilliseconds(database: String, now: Date, count: Int) throws -> Double {
    let store = try Store.open(at: database)
    let candidates = try store.reviewCandidates(
      deck: nil, dueBefore: now.addingTimeInterval(86_400), newLimit: 0, now: now)
    var times: [Double] = []
    for card in candidates.due.prefix(count) {
      let before = card.schedule
      var after = before
      after.reps += 1
      after.lastReview = now
      after.due = now.addingTimeInterval(30 * 86_400)
      let entry = StoredReview(
        cardID: card.id, reviewedAt: now, rating: 3, quiz: "typed", answer: "x", correct: true,
        durationMilliseconds: 4000, before: before, after: after)
      times.append(try bestSeconds(repeats: 1) { _ = try store.recordReview(entry) } * 1000)
    }
    return median(times) ?? .nan
  }

  /// `recall import-progress` of this collection's whole log into another database holding the
  /// same notes and a log of its own: its seconds, peak kilobytes and the reviews exported.
  static func importProgressFigures(
    cards: Int, database: String, folder: URL, binary: URL, now: Date
  ) throws -> (Double, Double, Int) {
    let export = folder.appendingPathComponent("progress.json").path
    // The collection's reviews and the answers the measures before this one recorded.
    let exported = try Store.open(at: database).reviewCount()
    _ = try secondsToExit(requiringSuccess: false, binary, ["export", "--db", database, "--output", export])
    // The other device: the same notes, its own log of as many reviews, each half a day
    // before the exported one, so that the two logs interleave and every merged review is
    // computed again.
    let fresh = folder.appendingPathComponent("fresh.sqlite").path
    try ReviewBenchmark.makeDatabase(
      at: fresh, cards: cards, reviewsPerCard: reviewsPerCard, now: now.addingTimeInterval(-43_200))
    let before = try Store.open(at: fresh).reviewCount()
    if keepFiles {
      try FileManager.default.copyItem(atPath: fresh, toPath: folder.appendingPathComponent("fresh-before.sqlite").path)
    }
    var peak = Double.nan
    let seconds = try bestSeconds(repeats: 1) {
      peak = try peakKilobytes(binary.path, ["import-progress", "--db", fresh, export])
    }
    // A merge that failed would be timed as a fast one: the log must hold both devices' reviews.
    let after = try Store.open(at: fresh).reviewCount()
    guard after == before + exported else {
      throw ScaleBenchmarkError(message: "import-progress merged \(after - before) of \(exported) reviews")
    }
    return (seconds, peak, exported)
  }

  /// The peak resident kilobytes of one run of `path`, as `/usr/bin/time` reports it.
  static func peakKilobytes(_ path: String, _ arguments: [String]) throws -> Double {
    let report = FileManager.default.temporaryDirectory.appendingPathComponent("recall-bench-time-\(UUID())")
    defer { try? FileManager.default.removeItem(at: report) }
    _ = try secondsToExit(
      requiringSuccess: false, URL(fileURLWithPath: "/usr/bin/time"),
      ["-f", "%M", "-o", report.path, path] + arguments)
    let text = try String(contentsOf: report, encoding: .utf8)
    return Double(text.split(separator: "\n").last.map(String.init) ?? "") ?? .nan
  }
}

/// The collections of one size kept in `RECALL_SCALE_FOLDER` between runs, so that a run
/// after the first measures without building them again (a million reviews take minutes):
/// `recall-N.sqlite` with the moment it was built for in `recall-N.now`, and `anki-N.anki2`.
/// Each run measures a copy.
struct KeptCollections {
  let recall: URL
  let anki: URL
  let nowFile: URL
  /// The moment the kept Recall collection was built for; `nil` if there is none yet.
  let now: Date?

  /// The kept collections of `cards` cards in `folder`; `nil` without a folder.
  init?(folder: URL?, cards: Int) throws {
    guard let folder else { return nil }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    recall = folder.appendingPathComponent("recall-\(cards).sqlite")
    anki = folder.appendingPathComponent("anki-\(cards).anki2")
    nowFile = folder.appendingPathComponent("recall-\(cards).now")
    let text = try? String(contentsOf: nowFile, encoding: .utf8)
    now = FileManager.default.fileExists(atPath: recall.path)
      ? text.flatMap { ISO8601DateFormatter().date(from: $0.trimmingCharacters(in: .whitespacesAndNewlines)) } : nil
  }

  /// Keeps a copy of the Recall collection just built for `now`.
  func keep(recall database: String, now: Date) throws {
    // The builder's store is closed: SQLite moved its WAL into the file.
    try FileManager.default.copyItem(atPath: database, toPath: recall.path)
    try ISO8601DateFormatter().string(from: now).write(to: nowFile, atomically: true, encoding: .utf8)
  }

  /// Keeps a copy of the Anki collection just built.
  func keep(anki collection: String) throws {
    try FileManager.default.copyItem(atPath: collection, toPath: anki.path)
  }
}

/// Anki's engine: the virtual environment's Python and the helper script.
struct AnkiEngine {
  let python: URL
  let script: URL

  /// The engine beside the package, `nil` when the `anki` package is not installed there.
  static func find() -> AnkiEngine? {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../..").standardizedFileURL
    let engine = AnkiEngine(
      python: root.appendingPathComponent(".build/anki-venv/bin/python"),
      script: root.appendingPathComponent("scripts/anki_scale.py"))
    guard FileManager.default.isExecutableFile(atPath: engine.python.path),
      (try? engine.output(["-c", "import anki"])) != nil
    else { return nil }
    return engine
  }

  /// Runs the helper script and returns its last line of output.
  @discardableResult
  func run(_ arguments: [String]) throws -> String {
    try output([script.path] + arguments)
  }

  /// Runs the environment's Python with `arguments` and returns its last line of output.
  private func output(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = python
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw ScaleBenchmarkError(message: "python \(arguments.joined(separator: " ")) failed")
    }
    return String(decoding: data, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
  }

  /// The "ms" figure the helper script prints for `arguments`.
  func milliseconds(_ arguments: [String]) throws -> Double {
    let line = try run(arguments)
    let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
    return (object?["ms"] as? Double) ?? .nan
  }
}

/// A failure of the Anki side of the benchmark.
struct ScaleBenchmarkError: Error, CustomStringConvertible {
  let message: String
  var description: String { message }
}

/// One size's table, printed a row at a time as each measure is done (a long run interrupted
/// still shows what it measured): each measure's median in Recall and in Anki, and their ratio.
struct ScaleTable {
  enum Unit { case time, kilobytes, count }

  /// Prints the table's header.
  init() {
    ScaleBenchmark.emit("| measure | Recall | Anki | Recall/Anki |\n|---|---|---|---|")
  }

  /// Prints one row.
  func add(_ name: String, recall: Double?, anki: Double?, unit: Unit) {
    func text(_ value: Double?) -> String {
      guard let value, value.isFinite else { return "—" }
      switch unit {
      case .time: return value >= 1 ? String(format: "%.2f s", value) : String(format: "%.1f ms", value * 1000)
      case .kilobytes: return String(format: "%.1f MiB", value / 1024)
      case .count: return String(format: "%.0f", value)
      }
    }
    var ratio = "—"
    if let recall, let anki, recall.isFinite, anki.isFinite, anki > 0 {
      ratio = String(format: "%.2f", recall / anki)
    }
    ScaleBenchmark.emit("| \(name) | \(text(recall)) | \(text(anki)) | \(ratio) |")
  }
}
