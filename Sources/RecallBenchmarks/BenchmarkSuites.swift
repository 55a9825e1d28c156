import Foundation

/// One named group of measurements.
struct BenchmarkSuite: Sendable {
  /// The name given on the command line.
  let name: String
  /// Whether `recall-bench` with no suite named runs it (a profiling loop does not).
  var runsByDefault = true
  /// Runs the measurements and prints them beside their anchors.
  let run: @Sendable () throws -> Void
}

/// Every suite the benchmark knows, in the order they run.
enum BenchmarkSuites {
  static let all: [BenchmarkSuite] = [
    ParseBenchmark.suite,
    ImportBenchmark.suite,
    ImportBenchmark.loopSuite,
    ImportBenchmark.cardsLoopSuite,
    MatchBenchmark.suite,
    OptimizeBenchmark.suite,
    StatsBenchmark.suite,
    ReviewBenchmark.suite,
    CardDefectsBenchmark.suite,
    SoakBenchmark.suite,
    ScaleBenchmark.suite,
    ScaleBenchmark.answerLoopSuite,
  ]
}

/// Peak resident memory of this process, in bytes (from /proc/self/status VmHWM).
func peakMemoryBytes() -> Int {
  guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else {
    return 0
  }
  for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
    let digits = line.filter(\.isNumber)
    return (Int(digits) ?? 0) * 1024
  }
  return 0
}

/// The wall-clock seconds `body` takes, best of `repeats` runs.
func bestSeconds(repeats: Int, _ body: () throws -> Void) rethrows -> Double {
  var best = Double.infinity
  for _ in 0..<max(1, repeats) {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    best = min(best, elapsed)
  }
  return best
}

/// The `../shared` folder beside the package, found from the working directory or this file.
func sharedFolder() -> URL? {
  let candidates = [
    URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("../shared"),
    URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../../shared"),
  ]
  return candidates.map(\.standardizedFileURL).first {
    FileManager.default.fileExists(atPath: $0.path)
  }
}

/// Seconds from starting `binary` with `arguments` to the end of its output (standard input
/// closed, standard error dropped): a whole process, as a user waits for it. The clock stops when
/// the output closes, since Foundation's `waitUntilExit` polls only every 50 ms.
///
/// - Parameter requiringSuccess: Whether an exit status other than 0 is an error.
func secondsToExit(
  requiringSuccess: Bool = true, _ binary: URL, _ arguments: [String]
) throws -> Double {
  let process = Process()
  process.executableURL = binary
  process.arguments = arguments
  let output = Pipe()
  process.standardInput = FileHandle.nullDevice
  process.standardOutput = output
  process.standardError = FileHandle.nullDevice
  let start = DispatchTime.now().uptimeNanoseconds
  try process.run()
  _ = output.fileHandleForReading.readDataToEndOfFile()
  let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  process.waitUntilExit()
  if requiringSuccess && process.terminationStatus != 0 {
    throw CocoaError(
      .executableLoad,
      userInfo: [NSLocalizedDescriptionKey: "\(binary.lastPathComponent) \(arguments) exited with \(process.terminationStatus)"])
  }
  return elapsed
}
