import Foundation
import RecallScheduling

/// The Swift optimizer beside the Rust one (fsrs-rs-python) on the same simulated logs.
///
/// `../shared/fsrs/optimize_bench.py --export-dir DIR` simulates the train and test logs,
/// times the Rust fits and writes the logs as CSV; the Swift optimizer fits the train log;
/// `--eval-params` then scores the Swift weights beside the Rust fit on both logs.
/// Needs `python3` with `pip install fsrs-rs-python`.
enum OptimizeBenchmark {
  static let suite = BenchmarkSuite(name: "optimize") { try run() }

  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  static func run() throws {
    guard let shared = sharedFolder() else {
      throw Failure(description: "the ../shared folder with fsrs/optimize_bench.py is missing")
    }
    let script = shared.appendingPathComponent("fsrs/optimize_bench.py").path
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("recall-optimize-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }

    print("running optimize_bench.py --export-dir (simulation and Rust fits)…")
    let exportOutput = try python([script, "--export-dir", folder.path, "--repeat", "5"])
    let rustPlain = try timing(exportOutput, label: "compute_parameters(items)")
    let rustWithIDs = try timing(
      exportOutput, label: "compute_parameters(items, card_ids=card_ids)")

    let train = try readLog(folder.appendingPathComponent("train.csv"))
    let optimizer = Optimizer(dayClock: .utcMidnight)
    var result: OptimizationResult?
    // Like the Rust figures, the main figure starts from prepared items; the whole call from
    // the raw log (preparing the items as well) is shown beside it.
    let history = ReviewHistory(reviewLogs: train, dayClock: .utcMidnight)
    // Best of 5 wall-clock runs, as the script times the Rust fits (--repeat 5); the CPU time
    // of the same runs is shown too, since the machine is shared.
    var cpuSeconds = Double.infinity
    let swiftSeconds = bestSeconds(repeats: 5) {
      let start = processCPUSeconds()
      result = optimizer.fit(history)
      cpuSeconds = min(cpuSeconds, processCPUSeconds() - start)
    }
    let rawSeconds = bestSeconds(repeats: 5) { _ = optimizer.fit(reviewLogs: train) }
    guard let result else { throw Failure(description: "the Swift fit did not run") }

    let parameters = result.fitted.weights.map { String(format: "%.6f", $0) }.joined(separator: ",")
    print("running optimize_bench.py --eval-params (scoring both fits)…")
    let evalOutput = try python([script, "--eval-params", parameters, "--repeat", "1"])
    let rust = try metrics(evalOutput, split: "test", name: "fitted")
    let rustIDs = try metrics(evalOutput, split: "test", name: "fitted+ids")
    let swift = try metrics(evalOutput, split: "test", name: "external")
    let swiftTrain = try metrics(evalOutput, split: "train", name: "external")
    let rustTrain = try metrics(evalOutput, split: "train", name: "fitted")
    // Cross-check of the metrics: Swift's own scoring of the default weights on the train log
    // beside fsrs-rs' evaluate of the same weights.
    let rustDefault = try metrics(evalOutput, split: "train", name: "default")
    let swiftDefault = optimizer.evaluate(.defaults, reviewLogs: train)

    print("")
    print(
      "train log: \(train.count) reviews, \(result.itemCount) items, stage \(result.stage.rawValue)"
    )
    print(
      "Swift fit (21 weights): "
        + result.fitted.weights.map { String(format: "%.4f", $0) }
        .joined(separator: " "))
    print("")
    func row(_ label: String, _ a: String, _ b: String, _ c: String, _ d: String) {
      print(
        label.padding(toLength: 34, withPad: " ", startingAt: 0)
          + [a, b, c, d].map { $0.padding(toLength: 14, withPad: " ", startingAt: 0) }.joined())
    }
    row("", "Swift", "Rust", "Rust+card_ids", "Swift/Rust")
    row(
      "fit time (s, best)", f(swiftSeconds, 3), f(rustPlain, 3), f(rustWithIDs, 3),
      f(swiftSeconds / rustPlain, 3) + " / " + f(swiftSeconds / rustWithIDs, 3))
    row(
      "test log-loss (recency-weighted)", f(swift.logLoss, 5), f(rust.logLoss, 5),
      f(rustIDs.logLoss, 5), f(swift.logLoss / rust.logLoss, 4))
    row(
      "test RMSE(bins)", f(swift.rmse, 5), f(rust.rmse, 5), f(rustIDs.rmse, 5),
      f(swift.rmse / rust.rmse, 4))
    row(
      "train log-loss", f(swiftTrain.logLoss, 5), f(rustTrain.logLoss, 5), "",
      f(swiftTrain.logLoss / rustTrain.logLoss, 4))
    print(
      "metrics cross-check, default weights on the train log: Swift log-loss "
        + "\(f(swiftDefault.logLoss, 6)), RMSE \(f(swiftDefault.rmse, 6)); fsrs-rs "
        + "\(f(rustDefault.logLoss, 6)), \(f(rustDefault.rmse, 6))")
    print(
      "Swift fit time: Optimizer.fit(_:) on the prepared log, scoring before/after included; "
        + "from the raw log (Optimizer.fit(reviewLogs:)): \(f(rawSeconds, 3)) s; "
        + "CPU time of the prepared-log fit: \(f(cpuSeconds, 3)) s")
    print("")
    let lossGoal = swift.logLoss <= rust.logLoss * 1.005
    let timeGoal = swiftSeconds <= rustPlain
    print("goal test log-loss within 0.5% of Rust's: \(lossGoal ? "met" : "missed")")
    print(
      "goal fit no slower than Rust's compute_parameters(items): \(timeGoal ? "met" : "missed")"
        + " (with card_ids: \(swiftSeconds <= rustWithIDs ? "met" : "missed"))")
  }

  static func f(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }

  /// Runs python3 with `arguments`; returns standard output, throwing when it fails.
  static func python(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    guard process.terminationStatus == 0 else {
      throw Failure(
        description: "optimize_bench.py failed (is fsrs-rs-python installed? "
          + "pip install fsrs-rs-python):\n\(text)")
    }
    return text
  }

  /// The "min X s" figure of a timing line.
  static func timing(_ output: String, label: String) throws -> Double {
    for line in output.split(separator: "\n") where line.hasPrefix(label + " ") {
      let words = line.split(separator: " ")
      if let index = words.firstIndex(of: "min"), index + 1 < words.count,
        let value = Double(words[index + 1])
      {
        return value
      }
    }
    throw Failure(description: "no timing line '\(label)' in the script's output")
  }

  /// The recency-weighted log-loss and RMSE of one row of the metrics table.
  static func metrics(_ output: String, split: String, name: String) throws -> (
    logLoss: Double, rmse: Double
  ) {
    for line in output.split(separator: "\n") {
      let columns = line.split(separator: "|")
      guard columns.count == 3 else { continue }
      let label = columns[0].split(separator: " ").map(String.init)
      guard label.count == 2, label[0] == split, label[1] == name else { continue }
      let numbers = columns[1].split(separator: " ").compactMap { Double($0) }
      if numbers.count == 2 { return (numbers[0], numbers[1]) }
    }
    throw Failure(description: "no metrics row '\(split) \(name)' in the script's output")
  }

  /// Reads `card_id,day,order,rating,delta_t` rows as review log entries on a UTC day clock.
  static func readLog(_ url: URL) throws -> [ReviewLogEntry] {
    let text = try String(contentsOf: url, encoding: .utf8)
    var entries: [ReviewLogEntry] = []
    for line in text.split(separator: "\n").dropFirst() {
      let fields = line.split(separator: ",")
      guard fields.count == 5, let card = Int64(fields[0]), let day = Double(fields[1]),
        let order = Double(fields[2]), let raw = Int(fields[3]), let rating = Rating(rawValue: raw)
      else { throw Failure(description: "unreadable row '\(line)' in \(url.lastPathComponent)") }
      // The order (time of day, < 1.01) becomes seconds within the day.
      let seconds = day * 86_400 + order * 80_000
      entries.append(
        ReviewLogEntry(
          cardID: card, reviewedAt: Date(timeIntervalSince1970: seconds), rating: rating))
    }
    return entries
  }
}

/// The CPU time this process has used, in seconds.
func processCPUSeconds() -> Double {
  var time = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
  return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}
