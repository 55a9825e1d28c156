import Foundation
import RecallStorage
import RecallTestSupport
import Testing

/// `recall stats`, `recall export` and `recall import-progress` through the real binary, on the
/// simulated history of ``ProgressHistory`` (Seoul time, `--now 2026-11-25T09:00:00Z`).
struct StatsCommandTests {
  /// What a run of `recall` gave.
  struct Run {
    var status: Int32
    var output: String
    var errors: String
  }

  /// Runs `recall` with `arguments` in Seoul time, optionally through `script` for a terminal.
  func recall(_ arguments: [String], environment extra: [String: String] = [:], terminal: Bool = false)
    throws -> Run
  {
    let executable = try #require(TestPaths.recallExecutable, "build the recall binary first")
    let process = Process()
    var environment = ProcessInfo.processInfo.environment
    environment["TZ"] = "Asia/Seoul"
    environment.removeValue(forKey: "NO_COLOR")
    environment["TERM"] = "xterm-256color"
    for (key, value) in extra { environment[key] = value }
    process.environment = environment
    if terminal {
      let command = ([executable.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        .joined(separator: " ")
      process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
      process.arguments = ["-qec", "stty cols 100; " + command, "/dev/null"]
    } else {
      process.executableURL = executable
      process.arguments = arguments
    }
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
      errors: String(decoding: errorData, as: UTF8.self))
  }

  /// A database file with the whole history, and its folder.
  func historyDatabase() throws -> (path: String, folder: URL) {
    let folder = try TestPaths.makeTemporaryFolder("recall-cli-stats")
    let path = folder.appendingPathComponent("recall.sqlite").path
    _ = try ProgressHistory.makeStore(path: path)
    return (path, folder)
  }

  @Test func statsPrintsPlainTextWithoutATerminal() throws {
    let (path, _) = try historyDatabase()
    let run = try recall(["stats", "--db", path, "--now", ProgressHistory.nowText])
    #expect(run.status == 0, "\(run.errors)")
    #expect(run.output.contains("Recall stats · all decks · 2026-11-25"))
    #expect(run.output.contains("due 3 · done 1 · new left 1"))
    #expect(run.output.contains("new 1 · learning 1 · review 3 · relearning 1 · retired 1 · active 6"))
    #expect(run.output.contains("12 in total on 9 days · streak 2 days (longest 2)"))
    #expect(!run.output.contains("\u{1B}"))
    #expect(!run.output.contains("█"))
    // By default the report fits one screen; --full has every section.
    #expect(run.output.split(separator: "\n", omittingEmptySubsequences: false).count <= 40, "\(run.output)")
    #expect(run.output.contains("recall stats --full adds"))
    #expect(!run.output.contains("table: Lambda"))
    let full = try recall(["stats", "--full", "--db", path, "--now", ProgressHistory.nowText])
    #expect(full.output.contains("table: Lambda"))
    #expect(full.output.contains("Due forecast, next 30 days"))
    #expect(full.output.contains("^[[31mred"))
    #expect(!full.output.contains("--full adds"))
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs script(1) for a terminal"))
  func statsUsesColorOnATerminalButNotUnderNoColor() throws {
    let (path, _) = try historyDatabase()
    let arguments = ["stats", "--db", path, "--now", ProgressHistory.nowText]
    let colored = try recall(arguments, terminal: true)
    #expect(colored.status == 0)
    #expect(colored.output.contains("\u{1B}[1m"))
    #expect(colored.output.contains("█"))
    let noColor = try recall(arguments, environment: ["NO_COLOR": "1"], terminal: true)
    #expect(noColor.status == 0)
    #expect(!noColor.output.contains("\u{1B}["))
    #expect(noColor.output.contains("█"))
  }

  @Test func statsJSONHasTheFiguresAsked() throws {
    let (path, _) = try historyDatabase()
    let run = try recall(["stats", "--json", "--db", path, "--now", ProgressHistory.nowText])
    #expect(run.status == 0, "\(run.errors)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
    let cards = try #require(object["cards"] as? [String: Any])
    #expect(cards["review"] as? Int == 3)
    #expect(cards["retired"] as? Int == 1)
    let reviews = try #require(object["reviews"] as? [String: Any])
    #expect(reviews["total"] as? Int == 12)
    #expect((reviews["byDay"] as? [[String: Any]])?.count == 9)
    let retention = try #require(object["retention"] as? [String: Any])
    let mature = try #require(retention["mature"] as? [String: Any])
    let week = try #require(mature["week"] as? [String: Any])
    #expect(week["reviews"] as? Int == 2)
    #expect(week["passed"] as? Int == 1)
    let forecast = try #require(object["forecast"] as? [[String: Any]])
    #expect(forecast.count == 30)
    #expect(forecast[0]["date"] as? String == "2026-11-25")
    #expect(forecast[0]["count"] as? Int == 3)
    let mastery = try #require(object["mastery"] as? [[String: Any]])
    let lambda = try #require(mastery.first { $0["thing"] as? String == "Lambda" })
    #expect(lambda["note"] as? String == "aws/ecs.md")
    #expect(lambda["headingPath"] as? [String] == [ProgressHistory.tableHeading])
    #expect(lambda["cards"] as? Int == 2)
    #expect(abs((lambda["expectedRecall"] as? Double ?? 0) - 0.5) < 1e-9)
  }

  @Test func statsForOneDeckAndAsAPage() throws {
    let (path, folder) = try historyDatabase()
    let page = folder.appendingPathComponent("stats.html").path
    let run = try recall(["stats", "--deck", "net", "--html", page, "--db", path, "--now", ProgressHistory.nowText])
    #expect(run.status == 0, "\(run.errors)")
    #expect(run.output.contains("Wrote the stats page to"))
    let html = try String(contentsOfFile: page, encoding: .utf8)
    #expect(html.contains("Deck net"))
    #expect(html.contains("&lt;b&gt;Route53"))
    #expect(!html.contains("aws/ecs.md"))
  }

  @Test func exportThenImportProgressIntoAnotherDatabase() throws {
    let (path, folder) = try historyDatabase()
    let exportPath = folder.appendingPathComponent("progress.json").path
    let export = try recall(["export", "--format", "json", "--output", exportPath, "--db", path, "--now", ProgressHistory.nowText])
    #expect(export.status == 0, "\(export.errors)")
    // JSON is the default format: the same document on standard output.
    let plain = try recall(["export", "--db", path, "--now", ProgressHistory.nowText])
    #expect(plain.status == 0, "\(plain.errors)")
    #expect(plain.output == (try String(contentsOfFile: exportPath, encoding: .utf8)))
    let csvFolder = folder.appendingPathComponent("csv").path
    let csv = try recall(["export", "--format", "csv", "--output", csvFolder, "--db", path, "--now", ProgressHistory.nowText])
    #expect(csv.status == 0, "\(csv.errors)")
    let reviewsCSV = try String(contentsOfFile: csvFolder + "/reviews.csv", encoding: .utf8)
    #expect(reviewsCSV.split(separator: "\r\n").count == 14)  // the header and 13 reviews
    #expect(FileManager.default.fileExists(atPath: csvFolder + "/cards.csv"))

    // Another machine: the same notes, no history yet.
    let otherPath = folder.appendingPathComponent("other.sqlite").path
    try ProgressHistory.importNotes(into: try Store.open(at: otherPath))
    let merge = try recall(["import-progress", exportPath, "--db", otherPath, "--now", ProgressHistory.nowText])
    #expect(merge.status == 0, "\(merge.errors)")
    #expect(merge.output.contains("13 reviews added, 0 already here; 1 undo added; 6 cards rescheduled"))
    let again = try recall(["import-progress", exportPath, "--db", otherPath, "--now", ProgressHistory.nowText])
    #expect(again.output.contains("0 reviews added, 13 already here"))

    func figures(_ database: String) throws -> [String: String] {
      let run = try recall(["stats", "--json", "--db", database, "--now", ProgressHistory.nowText])
      let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
      var result: [String: String] = [:]
      for key in ["cards", "reviews", "retention", "today"] {
        let data = try JSONSerialization.data(withJSONObject: object[key] ?? [:], options: [.sortedKeys])
        result[key] = String(decoding: data, as: UTF8.self)
      }
      return result
    }
    let source = try figures(path)
    let merged = try figures(otherPath)
    // The cards' states come from the replayed schedules here, and from the schedules recorded
    // by hand in the source; the library test compares whole stats after a replay.
    #expect(merged["reviews"] == source["reviews"])
    #expect(merged["retention"] == source["retention"])
  }

  @Test func importProgressRefusesABadFileAndChangesNothing() throws {
    let (path, folder) = try historyDatabase()
    let before = try Store.open(at: path).reviews(includingUndone: true)
    let bad = folder.appendingPathComponent("bad.json")
    try Data(#"{"format":"recall-progress","schemaVersion":1,"exportedAt":"x","cards":[],"reviews":[{"id":"nope"}]}"#.utf8)
      .write(to: bad)
    let run = try recall(["import-progress", bad.path, "--db", path, "--now", ProgressHistory.nowText])
    #expect(run.status != 0)
    #expect(run.errors.contains("bad.json"))
    #expect(run.errors.contains("reviews[0]"))
    #expect(run.errors.contains("nothing was changed"))
    // Every command words a failure the same way: `Error: ` and the sentence.
    #expect(run.errors.hasPrefix("Error: The file "), "\(run.errors)")
    let missing = try recall(["import-progress", folder.appendingPathComponent("none.json").path, "--db", path])
    #expect(missing.status != 0)
    #expect(missing.errors.contains("could not be read"))
    #expect(try Store.open(at: path).reviews(includingUndone: true) == before)
  }

  @Test func exportAsCSVNeedsAFolder() throws {
    let (path, _) = try historyDatabase()
    let run = try recall(["export", "--format", "csv", "--db", path])
    #expect(run.status != 0)
    #expect(run.errors.contains("give the folder for them with --output DIR"))
  }
}
