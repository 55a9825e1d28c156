import Foundation
import RecallScheduling
import RecallStorage
import RecallTestSupport
import Testing

/// `recall import-progress` after an ordinary note edit on the other machine: what can be merged
/// is, the rest is listed with its prompts, and merging again after importing the note merges it.
@Suite(.serialized)
struct PartialMergeTests {
  /// A machine with `letters.md` holding `terms`, imported at day 0.
  static func machine(_ name: String, terms: [String]) throws -> RecallProcess {
    let recall = try RecallProcess("recall-partial-merge-" + name)
    try write(terms, in: recall)
    let result = try recall.run(["import", notesFolder(recall).path], now: ReviewCommandTests.moment(day: 0, hour: 8))
    #expect(result.status == 0, "\(result.stderr)")
    return recall
  }

  static func notesFolder(_ recall: RecallProcess) -> URL {
    recall.folder.appendingPathComponent("notes")
  }

  static func write(_ terms: [String], in recall: RecallProcess) throws {
    let folder = notesFolder(recall)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try ("# Letters\n\n" + terms.joined(separator: "\n\n") + "\n").write(
      to: folder.appendingPathComponent("letters.md"), atomically: true, encoding: .utf8)
  }

  static let terms = [
    "**Alpha:** the first letter of the alphabet", "**Beta:** the second letter of the alphabet",
    "**Delta:** the fourth letter of the alphabet",
  ]
  static let added = "**Gamma:** the third letter of the alphabet"

  @Test func aMergeAfterANoteEditMergesWhatItCanAndListsTheRest() throws {
    let a = try Self.machine("a", terms: Self.terms)
    let b = try Self.machine("b", terms: Self.terms)
    let day0 = try a.run(["review"], now: ReviewCommandTests.moment(day: 0), input: ReviewCommandTests.lines("easy", 20))
    #expect(day0.status == 0, "\(day0.stderr)")
    // A adds a term and learns it.
    try Self.write(Self.terms + [Self.added], in: a)
    #expect(try a.run(["import", Self.notesFolder(a).path], now: ReviewCommandTests.moment(day: 1, hour: 8)).status == 0)
    let day1 = try a.run(["review"], now: ReviewCommandTests.moment(day: 1), input: ReviewCommandTests.lines("easy", 20))
    #expect(day1.status == 0, "\(day1.stderr)")
    let aReviews = try a.store().reviewCount()
    let export = a.folder.appendingPathComponent("a.json").path
    #expect(try a.run(["export", "--output", export], now: ReviewCommandTests.moment(day: 1, hour: 20)).status == 0)

    // B has not imported the edit: the new card's reviews are skipped and listed.
    let first = try b.run(["import-progress", export], now: ReviewCommandTests.moment(day: 1, hour: 21))
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("this database does not have:"), "\(first.stdout)")
    #expect(first.stdout.contains("then merge the file again"))
    #expect(first.stdout.contains("letters.md: "), "\(first.stdout)")
    #expect(first.stdout.contains("third letter") || first.stdout.contains("Gamma"), "the prompt: \(first.stdout)")
    let merged = try b.store().reviewCount()
    #expect(merged < aReviews && merged > 0, "\(merged) of \(aReviews)")

    // After importing the edited note, merging again merges the rest.
    try Self.write(Self.terms + [Self.added], in: b)
    #expect(try b.run(["import", Self.notesFolder(b).path], now: ReviewCommandTests.moment(day: 1, hour: 21)).status == 0)
    let again = try b.run(["import-progress", export, "--json"], now: ReviewCommandTests.moment(day: 1, hour: 22))
    #expect(again.status == 0, "\(again.stderr)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
    #expect(report.int("reviewsAdded") == aReviews - merged)
    #expect(report.int("reviewsSkipped") == 0)
    #expect(try b.store().reviewCount() == aReviews)
  }

  @Test func exportsCarryTheSettingsAndTheFittedParametersThatSettingsApplies() throws {
    let a = try Self.machine("a", terms: Self.terms)
    let b = try Self.machine("b", terms: Self.terms)
    var weights = FSRSParameters.defaults.weights
    weights[0] = 0.5
    let fitted = weights.map { "\($0)" }.joined(separator: ",")
    for arguments in [
      ["config", "desired-retention", "0.8"], ["config", "new-per-day", "7", "--deck", "letters.md"],
      ["config", "parameters", fitted],
    ] {
      #expect(try a.run(arguments).status == 0, "\(arguments)")
    }
    let export = a.folder.appendingPathComponent("a.json").path
    #expect(try a.run(["export", "--output", export], now: ReviewCommandTests.moment(day: 1)).status == 0)
    let json = try String(contentsOfFile: export, encoding: .utf8)
    #expect(json.contains("\"settings\""))

    // Without --settings, B keeps its own.
    #expect(try b.run(["import-progress", export], now: ReviewCommandTests.moment(day: 1)).status == 0)
    #expect(try b.store().settings().isEmpty)
    let taken = try b.run(["import-progress", export, "--settings"], now: ReviewCommandTests.moment(day: 1))
    #expect(taken.status == 0, "\(taken.stderr)")
    #expect(taken.stdout.contains("Took the file's 3 settings, fitted parameters included."), "\(taken.stdout)")
    let settings = try b.store().settings()
    let retention = try #require(try a.store().setting("desired-retention"))
    #expect(settings.contains(Setting(key: "desired-retention", value: retention)))
    #expect(settings.contains(Setting(key: "new-per-day", deck: "letters", value: "7")))
    #expect(try StudySettings.load(from: b.store(), deck: nil).parameters.weights[0] == 0.5)
    #expect(try b.run(["config", "new-per-day", "--deck", "letters.md"]).stdout.contains("new-per-day  7"))

    // A setting that does not fit is refused, and nothing is changed.
    let forged = a.folder.appendingPathComponent("forged.json").path
    try json.replacingOccurrences(of: "\"\(retention)\"", with: "\"1.5\"").write(toFile: forged, atomically: true, encoding: .utf8)
    let before = try b.store().settings()
    let refused = try b.run(["import-progress", forged, "--settings"], now: ReviewCommandTests.moment(day: 1))
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("desired-retention = 1.5 that does not fit"), "\(refused.stderr)")
    #expect(try b.store().settings() == before)
  }
}
