import Foundation
import RecallStorage
import RecallTestSupport
import Testing

/// A database where another program wrote text into number columns (SQLite's type affinity
/// lets it in where the schema's checks do not refuse it), a whole number too large for 64
/// bits and a stability too large to round: every read-only command still succeeds and shows such a value as unknown, writing
/// commands keep working, and `recall check` names each row.
@Suite(.serialized)
struct MisplacedValueTests {
  /// Whether the sqlite3 shell is installed (CI installs it): it writes the stray values.
  static var hasSQLite3: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") }

  /// A reviewed database with stray values written by the sqlite3 shell; returns it and the
  /// uid of the card whose stability is text.
  static func strayValueDatabase() throws -> (RecallProcess, String) {
    let recall = try CheckCommandTests.reviewedDatabase()
    let sql = """
      UPDATE cardSchedule SET stability = 'abc' WHERE cardId = (SELECT min(cardId) FROM cardSchedule);
      UPDATE card SET line = 'seven' WHERE id = (SELECT min(cardId) FROM cardSchedule);
      UPDATE cardSchedule SET due = 99999999999999999999, reps = 'many', stability = 1e308
        WHERE cardId = (SELECT max(cardId) FROM cardSchedule);
      INSERT INTO review (uid, cardId, reviewedAt, rating, quiz, answer, correct, duration,
        countedAs, state, step, stability, difficulty, due, lastReviewAgo, reps, lapses)
      SELECT X'000000000000000000000000000000AA', cardId, reviewedAt + 7200000, rating, quiz,
        answer, correct, 'slow', countedAs, state, step, 'high', difficulty, due, lastReviewAgo,
        reps, lapses
      FROM review ORDER BY reviewedAt LIMIT 1;
      SELECT CASE typeof(uid) WHEN 'blob' THEN substr(hex(uid), 1, 8) || '-' || substr(hex(uid), 9, 4) || '-'
          || substr(hex(uid), 13, 4) || '-' || substr(hex(uid), 17, 4) || '-' || substr(hex(uid), 21) ELSE uid END
      FROM card WHERE id = (SELECT min(cardId) FROM cardSchedule);
      """
    let uid = try ProgramRun.output(of: "/usr/bin/sqlite3", [recall.database, sql])
      .trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(uid.count == 36, "\(uid)")
    return (recall, uid)
  }

  @Test(.enabled(if: hasSQLite3, "needs the sqlite3 shell"))
  func readOnlyCommandsShowStrayValuesAsUnknown() throws {
    let (recall, uid) = try Self.strayValueDatabase()
    let csvFolder = recall.folder.appendingPathComponent("csv").path
    let package = recall.folder.appendingPathComponent("out.apkg").path
    for arguments in [
      ["export"], ["export", "--format", "csv", "--output", csvFolder],
      ["export", "--format", "apkg", "--output", package], ["stats"], ["stats", "--json"],
      ["cards"], ["cards", "--json"], ["cards", "--state", "review"], ["decks"],
    ] {
      let run = try recall.run(arguments, now: "2026-11-26T09:00:00Z")
      #expect(run.status == 0, "\(arguments): \(run.stderr)")
      #expect(!run.stderr.contains("Fatal error"), "\(arguments): \(run.stderr)")
    }

    let export = try recall.run(["export"], now: "2026-11-26T09:00:00Z")
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [String: Any])
    let cards = try #require(document["cards"] as? [[String: Any]])
    let card = try #require(cards.first { $0["uid"] as? String == uid })
    let schedule = try #require(card["schedule"] as? [String: Any])
    #expect(schedule["stability"] == nil || schedule["stability"] is NSNull, "\(schedule)")
    #expect(schedule["state"] as? String != "new", "the rest of the schedule is read: \(schedule)")
    let reviews = try #require(document["reviews"] as? [[String: Any]])
    let stray = try #require(reviews.first { $0["id"] as? String == "00000000-0000-0000-0000-0000000000AA" })
    let after = try #require(stray["after"] as? [String: Any])
    #expect(after["stability"] == nil || after["stability"] is NSNull, "\(after)")

    let listed = try recall.run(["cards", "--json"], now: "2026-11-26T09:00:00Z")
    let listedCards = try #require(
      try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
    #expect(listedCards.contains { $0["stability"] is NSNull || $0["stability"] == nil })
  }

  @Test(.enabled(if: hasSQLite3, "needs the sqlite3 shell"))
  func checkNamesEachStrayValueAndWritingCommandsKeepWorking() throws {
    let (recall, _) = try Self.strayValueDatabase()
    let check = try recall.run(["check"], now: "2026-11-26T09:00:00Z")
    #expect(check.status == 0, "\(check.stderr)")
    #expect(check.stdout.contains("passed SQLite's integrity check"), "\(check.stdout)")
    for line in [
      "column stability: text", "table card, row", "column line: text", "column due: real",
      "column reps: text", "table review, row 4, column duration: text", "table review, row 4, column stability: text",
    ] {
      #expect(check.stdout.contains(line), "\(line) in \(check.stdout)")
    }

    let review = try recall.run(["review", "--limit", "3"], now: "2026-11-30T09:00:00Z", input: "good\ngood\ngood\n")
    #expect(review.status == 0, "\(review.stderr)")
    #expect(!review.stderr.contains("Fatal error"), "\(review.stderr)")
    let config = try recall.run(["config", "new-per-day", "5"], now: "2026-11-30T10:00:00Z")
    #expect(config.status == 0, "\(config.stderr)")
  }
}
