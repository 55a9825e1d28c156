import Foundation
import RecallTestSupport
import Testing

/// Two devices that study on different days, each merging the other's export with
/// `import-progress --settings`, end with the same due date and state for every card, as
/// `recall cards --json` lists them.
@Suite(.serialized)
struct TwoWayMergeTests {
  typealias Machine = ImportProgressCommandTests.Machine

  /// Every card's state and due date, by key, as `recall cards --json` lists them.
  static func dueDates(_ machine: Machine, day: Int) throws -> [String: String] {
    let result = try machine.recall.run(["cards", "--json"], now: ReviewCommandTests.moment(day: day, hour: 22))
    #expect(result.status == 0, "\(result.stderr)")
    let cards = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    var dates: [String: String] = [:]
    for card in cards {
      let key = try #require(card["key"] as? String)
      dates[key] = "\(card["state"] ?? "none") \(card["due"] ?? "none")"
    }
    return dates
  }

  @Test func devicesStudyingOnDifferentDaysEndWithTheSameDueDates() throws {
    let a = try Machine("two-way-a")
    let b = try Machine("two-way-b")
    // A keeps a setting of its own, which B takes with --settings.
    let config = try a.recall.run(
      ["config", "desired-retention", "0.85"], now: ReviewCommandTests.moment(day: 0, hour: 8))
    #expect(config.status == 0, "\(config.stderr)")
    try a.review(day: 0, ["easy", "good", "easy", "hard", "easy", "easy", "good", "easy", "again", "easy"], limit: 10)
    try b.review(day: 1, ["good", "easy", "easy", "again", "easy", "good", "easy", "easy"], limit: 8)
    try a.review(day: 3, Array(repeating: "good", count: 8) + ["again", "easy"], limit: 10)
    try b.review(day: 5, ["easy", "good", "hard", "good", "easy", "good", "good", "again"], limit: 8)
    try a.review(day: 9, Array(repeating: "good", count: 6), limit: 6)
    let fromA = try a.export(day: 10)
    let fromB = try b.export(day: 10)
    for (machine, file) in [(a, fromB), (b, fromA)] {
      let result = try machine.recall.run(
        ["import-progress", "--settings", file], now: ReviewCommandTests.moment(day: 10, hour: 21))
      #expect(result.status == 0, "\(result.stderr)")
    }
    #expect(try a.recall.store().reviewCount() == b.recall.store().reviewCount())
    let onA = try Self.dueDates(a, day: 10)
    let onB = try Self.dueDates(b, day: 10)
    #expect(onA.count == onB.count)
    #expect(onA.values.filter { !$0.hasPrefix("new") }.count >= 15, "both devices' cards were studied")
    for (key, due) in onA {
      #expect(onB[key] == due, "\(key)")
    }
  }
}
