import Foundation
import RecallStorage
import RecallTestSupport
import Testing

/// `recall config` through the real binary: listing, showing, setting, per deck, and refusing
/// wrong values without writing anything.
@Suite(.serialized)
struct ConfigCommandTests {
  /// A scratch database with one small imported note for each of `decks`.
  static func withDecks(_ decks: String...) throws -> RecallProcess {
    let recall = try RecallProcess("recall-config-cli")
    let notes = recall.folder.appendingPathComponent("notes")
    for deck in decks {
      let file = notes.appendingPathComponent(deck)
      try FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try "# Terms\n\n**ECS:** a container service\n".write(to: file, atomically: true, encoding: .utf8)
    }
    #expect(try recall.run(["import", notes.path]).status == 0)
    return recall
  }

  @Test func listsEverySettingWithItsDefaultAndWhatItDoes() throws {
    let recall = try RecallProcess("recall-config-cli")
    let result = try recall.run(["config"])
    #expect(result.status == 0, "\(result.stderr)")
    for key in [
      "desired-retention", "learning-steps", "relearning-steps", "maximum-interval", "day-start-hour",
      "new-per-day", "reviews-per-day", "fuzz", "parameters", "leech-threshold", "leech-action",
    ] {
      #expect(result.stdout.contains(key), "\(key) is listed")
    }
    #expect(result.stdout.contains("new-per-day        20"))
    #expect(result.stdout.contains("(default)  New cards introduced per day."))
    #expect(!FileManager.default.fileExists(atPath: recall.database), "showing creates no database")
  }

  /// A long value (three learning steps, set for one deck) keeps every column aligned.
  @Test func columnsStayAlignedWithLongValues() throws {
    let recall = try Self.withDecks("aws.md")
    #expect(try recall.run(["config", "learning-steps", "1m,10m,1h", "--deck", "aws.md"]).status == 0)
    let listing = try recall.run(["config", "--deck", "aws.md"])
    let lines = listing.stdout.split(separator: "\n").dropFirst().map(String.init)
    #expect(lines.count == 11)
    let summaries = [
      "Recall probability", "Waits between the first", "New cards introduced", "Lapses after which",
    ]
    let columns = lines.compactMap { line in
      summaries.compactMap { line.range(of: $0) }.first.map { line.distance(from: line.startIndex, to: $0.lowerBound) }
    }
    #expect(columns.count == 4)
    #expect(Set(columns).count == 1, "the descriptions start in one column: \(lines)")
  }

  @Test func setsShowsAndResetsASetting() throws {
    let recall = try RecallProcess("recall-config-cli")
    let set = try recall.run(["config", "desired-retention", "0.85"])
    #expect(set.status == 0, "\(set.stderr)")
    #expect(set.stdout == "desired-retention = 0.85\n")
    let steps = try recall.run(["config", "learning-steps", "30s, 5m ,1h"])
    #expect(steps.stdout == "learning-steps = 30s,5m,1h\n", "stored in its canonical form")
    let one = try recall.run(["config", "desired-retention"])
    #expect(one.stdout.hasPrefix("desired-retention  0.85"))
    #expect(one.stdout.contains("(set)"))
    #expect(try recall.store().setting("desired-retention") == "0.85")
    let reset = try recall.run(["config", "desired-retention", "default"])
    #expect(reset.stdout == "desired-retention is back to its default.\n")
    #expect(try recall.store().setting("desired-retention") == nil)
  }

  @Test func aDeckGetsItsOwnValuesOverEveryDecksOnes() throws {
    let recall = try Self.withDecks("aws/ecs.md")
    _ = try recall.run(["config", "new-per-day", "10"])
    let deck = try recall.run(["config", "new-per-day", "3", "--deck", "aws/ecs.md"])
    #expect(deck.stdout == "new-per-day for the deck aws/ecs.md = 3\n")
    let shown = try recall.run(["config", "--deck", "aws/ecs.md"])
    #expect(shown.stdout.contains("new-per-day        3"))
    #expect(shown.stdout.contains("(set for this deck)"))
    let global = try recall.run(["config", "new-per-day"])
    #expect(global.stdout.contains("new-per-day  10"))
    let refused = try recall.run(["config", "day-start-hour", "5", "--deck", "aws/ecs.md"])
    #expect(refused.status != 0)
    #expect(refused.stderr.contains("applies to every deck; leave out --deck"))
  }

  @Test func wrongValuesAreRefusedWithAMessageAndNothingIsWritten() throws {
    let recall = try RecallProcess("recall-config-cli")
    _ = try recall.run(["config", "fuzz", "off"])
    let before = try recall.store().settings()
    let cases: [([String], String)] = [
      (["desired-retention", "1.5"], "Desired retention must be between 0.70 and 0.99; you gave 1.5."),
      (["new-per-day", "lots"], "The value 'lots' does not suit new-per-day"),
      (["learning-steps", "5 minutes"], "does not suit learning-steps"),
      (["day-start-hour", "25"], "Day start hour must be a whole hour from 0 to 23"),
      (["fuzz", "maybe"], "give on or off"),
      (["parameters", "1,2,3"], "FSRS-6 needs exactly 21 parameters; you gave 3."),
      (["speed", "fast"], "There is no setting called 'speed'."),
    ]
    for (arguments, message) in cases {
      let result = try recall.run(["config"] + arguments)
      #expect(result.status != 0, "\(arguments) is refused")
      #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
      #expect(!result.stderr.contains("Fatal"))
    }
    #expect(try recall.store().settings() == before)
  }

  @Test func theReviewUsesTheStoredSettings() throws {
    let recall = try RecallProcess("recall-config-cli")
    _ = try recall.run(["config", "new-per-day", "2"])
    let result = try recall.run(
      ["review", "--json"], now: "2026-11-25T09:00:00Z", input: String(repeating: "easy\n", count: 10))
    #expect(result.events("asked").filter { $0.string("phase") == "new" }.count == 2)
  }
}
