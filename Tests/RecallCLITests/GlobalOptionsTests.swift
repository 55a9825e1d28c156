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
