import Foundation
import RecallStorage
import RecallTestSupport
import Testing

/// `recall check` and damaged databases: a real database file with one page overwritten is
/// never written to again by any command (each points to `recall check`), and `recall check`
/// recovers what can be read into a new database, keeping the damaged file beside it.
@Suite(.serialized)
struct CheckCommandTests {
  /// Whether the sqlite3 shell is installed (CI installs it): it finds the page to damage.
  static var hasSQLite3: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") }

  /// A database with the bundled note's 100 cards and three reviews.
  static func reviewedDatabase() throws -> RecallProcess {
    let recall = try RecallProcess("recall-check")
    let run = try recall.run(["--limit", "3"], now: "2026-11-25T09:00:00Z", input: "good\ngood\ngood\n")
    #expect(run.status == 0, "\(run.stderr)")
    #expect(try recall.store().reviewCount() == 3)
    return recall
  }

  /// Overwrites one leaf page of `table` with garbage, as a failing disk would; returns the
  /// page number.
  @discardableResult
  static func damageLeafPage(of table: String, in database: String) throws -> Int {
    let pages = try ProgramRun.output(
      of: "/usr/bin/sqlite3",
      [database, "SELECT pageno FROM dbstat WHERE name = '\(table)' AND pagetype = 'leaf' ORDER BY pageno"])
    let pageSize = try #require(
      Int(try ProgramRun.output(of: "/usr/bin/sqlite3", [database, "PRAGMA page_size"]).trimmingCharacters(in: .whitespacesAndNewlines)))
    let leaves = pages.split(separator: "\n").compactMap { Int($0) }
    // A page in the middle: rows before and after it can still be read.
    let page = try #require(leaves.dropFirst(leaves.count / 2).first, "\(table) has no leaf page")
    let file = try #require(FileHandle(forUpdatingAtPath: database))
    try file.seek(toOffset: UInt64((page - 1) * pageSize))
    try file.write(contentsOf: Data(repeating: 0xA5, count: pageSize))
    try file.close()
    return page
  }

  @Test func aSoundDatabasePassesTheCheckAndIsLeftAsItWas() throws {
    let recall = try Self.reviewedDatabase()
    let before = try Data(contentsOf: URL(fileURLWithPath: recall.database))
    let run = try recall.run(["check"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("passed SQLite's integrity check"), "\(run.stdout)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: recall.database)) == before)
  }

  @Test(.enabled(if: hasSQLite3, "needs the sqlite3 shell"))
  func writingCommandsRefuseADamagedDatabaseAndCheckRecoversIt() throws {
    let recall = try Self.reviewedDatabase()
    let cardsBefore = try recall.store().cards().count
    try Self.damageLeafPage(of: "card", in: recall.database)
    let damagedBytes = try Data(contentsOf: URL(fileURLWithPath: recall.database))

    // `cards` reads every card's text: it meets the damage and says so. (stats may not: its
    // counts can come from indexes alone, which the damage does not touch.)
    let stats = try recall.run(["cards"], now: "2026-11-25T10:00:00Z")
    #expect(stats.status != 0)
    #expect(stats.stderr.contains("is damaged"), "\(stats.stderr)")
    #expect(stats.stderr.contains("recall check"))
    // From then on, every writing command refuses it, pointing to recall check.
    let notes = recall.folder.appendingPathComponent("note.md")
    try "# Extra\n\n## One\n\nA line.\n".write(to: notes, atomically: true, encoding: .utf8)
    for (arguments, input) in [
      (["config", "new-per-day", "5"], ""), (["review"], "good\n"), (["import", notes.path], ""),
    ] {
      let run = try recall.run(arguments, now: "2026-11-25T10:00:00Z", input: input)
      #expect(run.status != 0, "\(arguments)")
      #expect(run.stderr.contains("is damaged") && run.stderr.contains("recall check"), "\(arguments): \(run.stderr)")
      #expect(try Data(contentsOf: URL(fileURLWithPath: recall.database)) == damagedBytes, "\(arguments) wrote")
    }

    let check = try recall.run(["check"], now: "2026-11-25T10:00:00Z")
    #expect(check.status == 0, "\(check.stderr)")
    #expect(check.stdout.contains("is damaged"), "\(check.stdout)")
    #expect(check.stdout.contains("Recovered what could be read"), "\(check.stdout)")
    #expect(check.stdout.contains("damaged stretch"), "\(check.stdout)")
    let kept = recall.database + ".damaged-20261125T100000"
    #expect(check.stdout.contains("The damaged file is kept at \(kept)."), "\(check.stdout)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: kept)) == damagedBytes, "the damaged file is kept as it was")

    // The new database is sound, holds the cards that could be read, and takes writes again.
    #expect(try DatabaseCheck.integrityProblems(at: recall.database).isEmpty)
    let recovered = try recall.store()
    let cardsAfter = try recovered.cards().count
    let active = try recovered.cards(status: .active).count
    #expect(active > 0 && active < cardsBefore, "\(active) of \(cardsBefore)")
    #expect(cardsAfter >= active)
    // The table cards read back keep the orientation they were imported with.
    let tableCards = try recovered.cards(status: .active).filter { "\($0.card.kind)".hasPrefix("table") }
    #expect(!tableCards.isEmpty)
    #expect(tableCards.allSatisfy { $0.card.orientation?.rawValue == "columns" })
    // Every review is kept: a card of theirs that was lost has a retired stand-in.
    #expect(try recovered.reviews().count == 3)
    #expect(try recovered.notes().map(\.file).contains { $0.hasPrefix("recall:Content") })
    let again = try recall.run(["check"])
    #expect(again.stdout.contains("passed SQLite's integrity check"), "\(again.stdout)")
    let config = try recall.run(["config", "new-per-day", "5"])
    #expect(config.status == 0, "\(config.stderr)")
    let review = try recall.run(["review", "--limit", "1"], now: "2026-11-26T09:00:00Z", input: "good\n")
    #expect(review.status == 0, "\(review.stderr)")
  }

  @Test(.enabled(if: hasSQLite3, "needs the sqlite3 shell"))
  func reviewsOfCardsThatCouldBeReadAreRecovered() throws {
    let recall = try Self.reviewedDatabase()
    let reviewed = Set(try recall.store().reviews().map(\.cardID))
    // The settings table is damaged: no card and no review is lost.
    _ = try recall.run(["config", "new-per-day", "7"])
    try Self.damageLeafPage(of: "setting", in: recall.database)
    let check = try recall.run(["check"], now: "2026-11-25T10:00:00Z")
    #expect(check.status == 0, "\(check.stderr)")
    let store = try recall.store()
    #expect(Set(try store.reviews().map(\.cardID)) == reviewed)
    #expect(try store.cards().count == 100)
    #expect(check.stdout.contains("review: 3 rows recovered"), "\(check.stdout)")
  }
}
