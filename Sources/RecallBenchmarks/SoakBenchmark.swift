import Foundation
import RecallMarkdown
import RecallStorage

#if canImport(Glibc)
  import Glibc
#endif

/// The `soak` suite (run only when named): the real `recall` binary killed with SIGKILL 200
/// times during imports and 200 times during reviews, then the hostile inputs; it prints the
/// counts: databases that opened and passed SQLite's integrity check afterwards, reviews and
/// answers lost (goal 0), and each hostile run's time and peak memory (goal: under 200 MB for
/// any single note up to 50 MB, measured with `/usr/bin/time -v`).
///
/// `RECALL_SOAK_RUNS` changes the number of kills of each kind (200 by default).
enum SoakBenchmark {
  /// The suite as registered in ``BenchmarkSuites/all``.
  static let suite = BenchmarkSuite(name: "soak", runsByDefault: false) { try run() }

  /// The peak memory goal, in bytes.
  static let memoryGoal = 200 << 20

  static func run() throws {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("recall")
    guard FileManager.default.isExecutableFile(atPath: binary.path) else {
      print("soak: no recall binary beside recall-bench; build both first (swift build -c release)")
      return
    }
    let runs = Int(ProcessInfo.processInfo.environment["RECALL_SOAK_RUNS"] ?? "") ?? 200
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("recall-soak-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let soak = Soak(recall: binary, folder: folder)
    try soak.killsDuringImports(runs)
    try soak.killsDuringReviews(runs)
    try soak.hostileInputs()
    hostileMarkdown()
  }

  /// The longest a hostile Markdown input may take to parse, in seconds (they were timed
  /// tests in `swift test`, with limits of 5 to 60 s in a debug build).
  static let parseAnchorSeconds = 2.0

  /// Markdown that makes naive parsers quadratic or deeply recursive, parsed in this process:
  /// the time of each beside the anchor.
  static func hostileMarkdown() {
    print("hostile Markdown, parsed (anchor: under \(parseAnchorSeconds) s each)")
    let inputs: [(String, String)] = [
      ("100,000 nested list markers", String(repeating: "- ", count: 100_000) + "x\n"),
      ("100,000 nested quotes", String(repeating: "> ", count: 100_000) + "x\n"),
      ("deep emphasis", String(repeating: "*a ", count: 400_000) + "b" + String(repeating: " a*", count: 400_000)),
      ("50,000 nested links", String(repeating: "[", count: 50_000) + "x" + String(repeating: "](u)", count: 50_000)),
      ("unclosed link titles", String(repeating: "[a](u \"x ", count: 60_000)),
      ("backtick runs", (0..<100_000).map { String(repeating: "`", count: $0 % 40 + 1) + "a" }.joined()),
      ("500,000 pipes", String(repeating: "|", count: 500_000)),
      ("10,000 table columns", "|" + String(repeating: " h |", count: 10_000) + "\n|" + String(repeating: "---|", count: 10_000) + "\n"),
      ("a 10 MB line", String(repeating: "word **bold** ", count: 10_000_000 / 14)),
    ]
    let parser = MarkdownParser()
    for (label, text) in inputs {
      let bytes = Array(text.utf8)
      let seconds = (try? bestSeconds(repeats: 1) { _ = try parser.parse(bytes, file: label) }) ?? .infinity
      print("  \(label): \(String(format: "%.2f", seconds)) s (\(seconds < parseAnchorSeconds ? "within" : "OVER"))")
    }
  }
}

/// One soak run's scratch folder and the binary under test.
struct Soak {
  let recall: URL
  let folder: URL
  var database: String { folder.appendingPathComponent("soak.sqlite").path }
  var notes: URL { folder.appendingPathComponent("notes") }

  /// What a run of `recall` did.
  struct Run {
    var status: Int32
    var killed: Bool
    var stdout: String
    var stderr: String
    var seconds: Double
    var peakBytes: Int?
  }

  // MARK: - Kills during imports

  /// Imports a folder of notes, edited a little before each run, and kills the import at a
  /// random moment within the time a whole import takes.
  func killsDuringImports(_ runs: Int) throws {
    print("kill -9 during imports: \(runs) runs")
    try writeNotes(count: 120, edition: 0)
    let first = try self.run(["import", notes.path, "--db", database])
    guard first.status == 0 else { throw SoakError("the first import failed: \(first.stderr)") }
    _ = try self.run(["review", "--limit", "20", "--db", database], input: String(repeating: "good\n", count: 20))
    let reviews = try Store.open(at: database).reviews(includingUndone: true).count
    var generator = SystemRandomNumberGenerator()
    var opened = 0
    var sound = 0
    var reviewsLost = 0
    var finished = 0
    var wholeSeconds = max(0.2, first.seconds)
    for round in 1...runs {
      try writeNotes(count: 120, edition: round)
      let delay = Double.random(in: 0...wholeSeconds, using: &generator)
      let run = try self.run(["import", notes.path, "--db", database], killAfter: delay)
      if !run.killed {
        finished += 1
        wholeSeconds = max(wholeSeconds, run.seconds)
      }
      do {
        let store = try Store.open(at: database)
        opened += 1
        if try DatabaseCheck.integrityProblems(at: database).isEmpty { sound += 1 }
        let now = try store.reviews(includingUndone: true).count
        reviewsLost += max(0, reviews - now)
      } catch {
        print("  round \(round): the database did not open: \(error)")
      }
    }
    print("  databases that opened afterwards: \(opened) of \(runs)")
    print("  passed SQLite's integrity check: \(sound) of \(runs)")
    print("  reviews lost: \(reviewsLost) (goal 0)")
    print("  imports that finished before the kill: \(finished); killed ones: \(runs - finished)")
  }

  /// Writes `count` notes; `edition` changes a line in a few of them, so each import has work.
  func writeNotes(count: Int, edition: Int) throws {
    try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
    for index in 0..<count {
      let changed = edition > 0 && index % 10 == edition % 10
      var text = "# Topic \(index)\n\n"
      for section in 0..<8 {
        text += "## Part \(section)\n\n"
        text += "- **Term \(index)-\(section)**: meaning \(section)\(changed ? " (edition \(edition))" : "")\n"
        text += "- **Other \(index)-\(section)**: value \(section * 7)\n\n"
        text += "A paragraph of note \(index), part \(section), that a section card asks for.\n\n"
      }
      let url = notes.appendingPathComponent("note-\(index).md")
      if changed || edition == 0 { try text.write(to: url, atomically: true, encoding: .utf8) }
    }
  }

  // MARK: - Kills during reviews

  /// Reviews through `--json`, answering a card at a time, and kills the review after a random
  /// number of answers, sometimes while it writes one; counts the answers it confirmed (an
  /// `answered` event is printed after its review is saved) that are not in the review log.
  func killsDuringReviews(_ runs: Int) throws {
    print("kill -9 during reviews: \(runs) runs")
    var generator = SystemRandomNumberGenerator()
    var opened = 0
    var confirmed = 0
    var lost = 0
    var day = 0
    for round in 1...runs {
      let before = try Store.open(at: database).reviews().count
      // A new day every few rounds, so that cards are due.
      if round % 20 == 0 { day += 1 }
      let now = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: 1_900_000_000 + Double(day * 86_400 + round * 60)))
      let answers = Int.random(in: 1...4, using: &generator)
      let seen = try reviewAndKill(now: now, answers: answers, killMidWrite: round % 3 == 0)
      confirmed += seen
      do {
        let after = try Store.open(at: database).reviews().count
        opened += 1
        lost += max(0, seen - (after - before))
      } catch {
        print("  round \(round): the database did not open: \(error)")
      }
    }
    print("  databases that opened afterwards: \(opened) of \(runs)")
    print("  answers confirmed before the kills: \(confirmed); answers lost: \(lost) (goal 0)")
    print("  passed SQLite's integrity check at the end: \(try DatabaseCheck.integrityProblems(at: database).isEmpty)")
  }

  /// One review killed after `answers` confirmed answers (or right after sending the next
  /// one, while it is written, with `killMidWrite`); returns the answers confirmed.
  func reviewAndKill(now: String, answers: Int, killMidWrite: Bool) throws -> Int {
    let process = Process()
    process.executableURL = recall
    process.arguments = ["review", "--json", "--db", database, "--now", now]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    var confirmed = 0
    var buffer = Data()
    var sent = 0
    func lines() -> [String] {
      guard let end = buffer.lastIndex(of: 0x0A) else { return [] }
      let text = String(decoding: buffer[...end], as: UTF8.self)
      buffer.removeSubrange(...end)
      return text.split(separator: "\n").map(String.init)
    }
    reading: while process.isRunning {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      buffer += chunk
      for line in lines() {
        if line.contains("\"event\":\"answered\"") { confirmed += 1 }
        if line.contains("\"event\":\"asked\"") {
          if sent == answers { break reading }
          input.fileHandleForWriting.write(Data("good\n".utf8))
          sent += 1
          if killMidWrite && sent == answers { break reading }
        }
        if line.contains("\"event\":\"finished\"") { break reading }
      }
    }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    // Whatever it printed before dying.
    buffer += output.fileHandleForReading.readDataToEndOfFile()
    for line in lines() where line.contains("\"event\":\"answered\"") { confirmed += 1 }
    try? input.fileHandleForWriting.close()
    return confirmed
  }

  // MARK: - Hostile inputs

  /// `/dev/zero`, a FIFO, a note of one 50 MB paragraph through every command, and a note
  /// full of terminal escapes: each refused at once or done within the memory goal.
  func hostileInputs() throws {
    print("hostile inputs")
    let scratch = folder.appendingPathComponent("hostile.sqlite").path
    let zero = try run(["import", "/dev/zero", "--db", scratch], killAfter: 10)
    print("  import /dev/zero: exit \(zero.status), \(String(format: "%.2f", zero.seconds)) s, \(zero.killed ? "HUNG" : "refused: " + firstLine(zero.stderr + zero.stdout))")
    let fifo = folder.appendingPathComponent("fifo.md").path
    mkfifo(fifo, 0o600)
    let piped = try run(["import", fifo, "--db", scratch], killAfter: 10)
    print("  import a FIFO: exit \(piped.status), \(String(format: "%.2f", piped.seconds)) s, \(piped.killed ? "HUNG" : "refused: " + firstLine(piped.stderr + piped.stdout))")

    let huge = folder.appendingPathComponent("huge.md")
    try writeHugeNote(to: huge, paragraphBytes: 50_000_000)
    let hugeDatabase = folder.appendingPathComponent("huge.sqlite").path
    let now = "2026-11-25T09:00:00Z"
    let commands: [(String, [String], String)] = [
      ("import", ["import", huge.path], ""),
      ("review", ["review", "--limit", "5"], "abc\n\n\n\n\n\n"),
      ("quiz", ["quiz", "--count", "5"], "abc\n\n\n\n\n\n"),
      ("cards", ["cards"], ""),
      ("cards FILE", ["cards", huge.path], ""),
      ("parse", ["parse", huge.path], ""),
      ("stats", ["stats"], ""),
      ("export", ["export", "--output", folder.appendingPathComponent("export.json").path], ""),
      ("check", ["check"], ""),
    ]
    print("  a note of one 50 MB paragraph (goal: peak memory under 200 MB each):")
    for (name, arguments, input) in commands {
      let needsDatabase = arguments.first != "parse" && !(arguments.first == "cards" && arguments.count > 1)
      let run = try self.run(
        arguments + (needsDatabase ? ["--db", hugeDatabase, "--now", now] : []), input: input,
        killAfter: 600, measured: true)
      let peak = run.peakBytes.map { "\($0 >> 20) MB" } ?? "?"
      let verdict = (run.peakBytes ?? Int.max) < SoakBenchmark.memoryGoal ? "within" : "OVER"
      print("    \(name): exit \(run.status), \(String(format: "%.1f", run.seconds)) s, peak \(peak) (\(verdict))")
    }

    let hostile = folder.appendingPathComponent("hostile \u{1B}]0;title\u{7}.md")
    try "# Esc \u{1B}[31mred\u{1B}[0m\n\n## Clip \u{1B}]52;c;aGk=\u{7}\n\n- **Term \u{9B}2J**: value \u{202E}evil\n"
      .write(to: hostile, atomically: true, encoding: .utf8)
    let hostileDatabase = folder.appendingPathComponent("escapes.sqlite").path
    var rawBytes = 0
    for arguments in [
      ["import", hostile.path, "--db", hostileDatabase], ["cards", "--db", hostileDatabase],
      ["cards", hostile.path], ["parse", hostile.path], ["stats", "--db", hostileDatabase],
    ] {
      let run = try self.run(arguments)
      rawBytes += (run.stdout + run.stderr).unicodeScalars.filter { $0 == "\u{1B}" || $0 == "\u{9B}" || $0 == "\u{7}" }.count
    }
    print("  a note full of terminal escapes, through import, cards, parse and stats (piped): \(rawBytes) raw control bytes in the output (goal 0)")
  }

  /// A note with one paragraph of `paragraphBytes` bytes and a few ordinary cards.
  func writeHugeNote(to url: URL, paragraphBytes: Int) throws {
    let words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
    var paragraph = [UInt8]()
    paragraph.reserveCapacity(paragraphBytes + 16)
    var index: UInt = 0
    while paragraph.count < paragraphBytes {
      paragraph += Array(words[Int(index % UInt(words.count))].utf8) + [0x20]
      index = index &* 31 &+ 7
    }
    let head = Array("# Huge\n\n## One paragraph\n\n".utf8)
    let tail = Array("\n\n## Small\n\n- **Term**: value\n- **Other**: thing\n".utf8)
    try Data(head + paragraph + tail).write(to: url)
  }

  /// The line of a refusal that says why (the one naming a regular file), else the first.
  func firstLine(_ text: String) -> String {
    let lines = text.split(separator: "\n").map(String.init)
    return (lines.first { $0.contains("regular file") } ?? lines.first ?? "").trimmingCharacters(in: .whitespaces)
  }

  // MARK: - Running recall

  /// Runs `recall ARGUMENTS` with `input`, killed with SIGKILL after `killAfter` seconds if it
  /// is still running; `measured` runs it under `/usr/bin/time -v` for its peak memory.
  func run(_ arguments: [String], input: String = "", killAfter: Double? = nil, measured: Bool = false) throws -> Run {
    let process = Process()
    let timeOutput = folder.appendingPathComponent("time-\(UUID().uuidString)")
    if measured {
      process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
      process.arguments = ["-v", "-o", timeOutput.path, recall.path] + arguments
    } else {
      process.executableURL = recall
      process.arguments = arguments
    }
    let outFile = folder.appendingPathComponent("out-\(UUID().uuidString)")
    let errFile = folder.appendingPathComponent("err-\(UUID().uuidString)")
    let inFile = folder.appendingPathComponent("in-\(UUID().uuidString)")
    defer {
      for file in [outFile, errFile, inFile, timeOutput] { try? FileManager.default.removeItem(at: file) }
    }
    _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
    try Data(input.utf8).write(to: inFile)
    process.standardOutput = try FileHandle(forWritingTo: outFile)
    process.standardError = try FileHandle(forWritingTo: errFile)
    process.standardInput = try FileHandle(forReadingFrom: inFile)
    var environment = ProcessInfo.processInfo.environment
    environment["RECALL_DB"] = nil
    process.environment = environment
    let start = DispatchTime.now().uptimeNanoseconds
    try process.run()
    if let killAfter {
      let deadline = Date().addingTimeInterval(killAfter)
      while process.isRunning && Date() < deadline { usleep(1_000) }
      if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
    process.waitUntilExit()
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    var peak: Int?
    if measured, let report = try? String(contentsOf: timeOutput, encoding: .utf8) {
      for line in report.split(separator: "\n") where line.contains("Maximum resident set size") {
        peak = Int(line.filter(\.isNumber)).map { $0 * 1024 }
      }
    }
    return Run(
      status: process.terminationStatus, killed: process.terminationReason == .uncaughtSignal,
      stdout: String(decoding: (try? Data(contentsOf: outFile)) ?? Data(), as: UTF8.self),
      stderr: String(decoding: (try? Data(contentsOf: errFile)) ?? Data(), as: UTF8.self),
      seconds: seconds, peakBytes: peak)
  }
}

/// Why the soak could not go on.
struct SoakError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
