import ArgumentParser
import Foundation
import RecallCLI
import RecallStorage
import RecallTestSupport
import Testing

/// `--db` and the hidden `--now` work before the command's name as well as after it.
struct GlobalOptionsTests {
  @Test func globalOptionsBeforeTheCommandMoveAfterIt() {
    #expect(
      RecallCommand.movingGlobalOptions(in: ["--now", "2026-11-25T09:00:00Z", "import", "notes"])
        == ["import", "--now", "2026-11-25T09:00:00Z", "notes"])
    #expect(
      RecallCommand.movingGlobalOptions(in: ["--db=a.sqlite", "--now", "T", "stats", "--json"])
        == ["stats", "--db=a.sqlite", "--now", "T", "--json"])
  }

  @Test func linesWithoutACommandOrWithParseAreLeftAsTheyAre() {
    // Plain `recall` runs the review, which takes the options itself.
    #expect(RecallCommand.movingGlobalOptions(in: ["--now", "T"]) == ["--now", "T"])
    #expect(RecallCommand.movingGlobalOptions(in: ["--now", "T", "--limit", "3"]) == ["--now", "T", "--limit", "3"])
    // `parse` reads a file and nothing else: it takes neither option.
    #expect(RecallCommand.movingGlobalOptions(in: ["--now", "T", "parse", "a.md"]) == ["--now", "T", "parse", "a.md"])
    #expect(RecallCommand.movingGlobalOptions(in: ["import", "--now", "T", "x"]) == ["import", "--now", "T", "x"])
  }

  /// A review's line is parsed by the review's own parser (a start without every command's
  /// options); any other line, and a review line that asks for help or has a wrong value, is
  /// left to the whole parse.
  @Test func onlyAReviewThatParsesSkipsTheWholeParse() {
    #expect(RecallCommand.parsedReview(["review", "--db", "a.sqlite", "--json", "--limit", "1"]) != nil)
    #expect(RecallCommand.parsedReview(["--now", "2026-11-25T09:00:00Z"]) != nil)
    #expect(RecallCommand.parsedReview([]) != nil)
    for line in [
      ["import", "notes"], ["stats"], ["quiz", "--json"], ["--help"], ["-h"], ["--version"], ["help"],
      ["review", "--help"], ["review", "--limit=-1"], ["review", "--limit"], ["review", "extra"],
      ["--generate-completion-script", "bash"],
    ] {
      #expect(RecallCommand.parsedReview(line) == nil, "\(line)")
    }
  }

  /// Through the real binary: help and wrong values on a review's line read as `recall`'s.
  @Test func reviewHelpAndErrorsSpeakOfRecall() throws {
    let help = try ProgramRun.recall(["--help"])
    #expect(help.status == 0)
    #expect(help.standardOutput.hasPrefix("OVERVIEW: Study your Markdown notes"), "\(help.standardOutput)")
    let reviewHelp = try ProgramRun.recall(["review", "--help"])
    #expect(reviewHelp.status == 0)
    #expect(reviewHelp.standardOutput.contains("USAGE: recall review"), "\(reviewHelp.standardOutput)")
    let wrong = try ProgramRun.recall(["review", "--limit=-1"])
    #expect(wrong.status == 64)
    #expect(wrong.standardError.contains("--limit takes a number of cards"), "\(wrong.standardError)")
    #expect(wrong.standardError.contains("Usage: recall review"), "\(wrong.standardError)")
  }

  /// `--now` takes a time in UTC or with an offset, with or without a fraction, or a bare date
  /// (midnight UTC); anything else is refused with the form to write.
  @Test func nowTakesTheISO8601Forms() throws {
    func moment(_ text: String) throws -> Double {
      try GlobalOptions.parse(["--now", text]).currentDate().timeIntervalSince1970
    }
    #expect(try moment("2026-11-25T09:00:00Z") == 1_795_597_200)
    #expect(try moment("2026-11-25T09:00:00.250Z") == 1_795_597_200.25)
    #expect(try moment("2026-11-25T18:00:00+09:00") == 1_795_597_200)
    #expect(try moment("2026-11-25T18:00:00+0900") == 1_795_597_200)
    #expect(try moment(" 2026-11-25T09:00:00Z ") == 1_795_597_200)
    #expect(try moment("2026-11-25") == 1_795_564_800)
    let bad = [
      "yesterday", "2026-13-01T00:00:00Z", "", "25/11/2026", "2026-11-25T09:00:00", "2026-11-25 09:00:00Z",
      "2026-11-25junk", "2026-11-25T09:00:00Zjunk", "2026-02-30",
    ]
    for bad in bad {
      let error = #expect(throws: ValidationError.self, "\(bad)") { try moment(bad) }
      #expect(error?.message.contains("is not an ISO 8601 time; write it like") == true, "\(bad)")
    }
  }

  /// Through the real binary: the import is recorded at the moment `--now` gives.
  @Test func nowBeforeTheCommandSetsTheImportsClock() throws {
    let folder = try TestPaths.makeTemporaryFolder("recall-global")
    let notes = folder.appendingPathComponent("notes")
    try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: TestPaths.seedNote, to: notes.appendingPathComponent("ecs.md"))
    let database = folder.appendingPathComponent("db.sqlite").path
    let result = try ProgramRun.recall(
      ["--now", "2026-01-02T03:04:05Z", "--db", database, "import", notes.path, "--json"],
      environment: ["RECALL_DB": nil])
    #expect(result.status == 0, "\(result.standardError)")
    let runs = try Store.open(at: database).importRuns()
    #expect(runs.count == 1)
    #expect(runs.first?.startedAt == ISO8601DateFormatter().date(from: "2026-01-02T03:04:05Z"))
  }
}
