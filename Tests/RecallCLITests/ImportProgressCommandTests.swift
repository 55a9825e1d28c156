import Foundation
import GRDB
import RecallScheduling
import RecallStorage
import RecallTestSupport
import Testing

/// `recall import-progress` after real reviews: machine A reviews the seed note over several
/// days, and machine B, with the same note, merges A's export and must end with A's schedules;
/// when both reviewed, merging either way gives the same schedules and loses no review.
@Suite(.serialized)
struct ImportProgressCommandTests {
  /// A machine: its own folder, database and copy of the seed note.
  struct Machine {
    let recall: RecallProcess

    /// A machine that imported the seed note (deck `ecs-eks-lambda.md`).
    init(_ name: String) throws {
      recall = try RecallProcess("recall-merge-" + name)
      let notes = recall.folder.appendingPathComponent("notes")
      try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
      try FileManager.default.copyItem(
        at: TestPaths.seedNote, to: notes.appendingPathComponent("ecs-eks-lambda.md"))
      let result = try recall.run(["import", notes.path], now: ReviewCommandTests.moment(day: 0, hour: 8))
      #expect(result.status == 0, "\(result.stderr)")
    }

    /// A scripted review session at `day` and `hour`, answering `lines`.
    func review(day: Int, hour: Int = 9, _ lines: [String], limit: Int) throws {
      let result = try recall.run(
        ["review", "--json", "--limit", String(limit)], now: ReviewCommandTests.moment(day: day, hour: hour),
        input: lines.map { $0 + "\n" }.joined())
      #expect(result.status == 0, "\(result.stderr)")
    }

    /// Exports the progress as JSON and returns the file's path.
    func export(day: Int) throws -> String {
      let path = recall.folder.appendingPathComponent("export.json").path
      let result = try recall.run(
        ["export", "--format", "json", "--output", path], now: ReviewCommandTests.moment(day: day, hour: 20))
      #expect(result.status == 0, "\(result.stderr)")
      return path
    }

    /// Merges an export.
    func merge(_ path: String, day: Int) throws {
      let result = try recall.run(["import-progress", path], now: ReviewCommandTests.moment(day: day, hour: 21))
      #expect(result.status == 0, "\(result.stderr)")
    }

    /// Every card's schedule, by key.
    func schedules() throws -> [String: CardSchedule] {
      Dictionary(uniqueKeysWithValues: try recall.store().cards().map { ($0.card.key, $0.schedule) })
    }

    /// Every card's id, by key.
    func ids() throws -> [String: Int64] {
      Dictionary(uniqueKeysWithValues: try recall.store().cards().map { ($0.card.key, $0.id) })
    }
  }

  /// A's study: new cards answered Easy (straight into review, where the load balancer and the
  /// sibling spreading choose the day), some Good into learning, an undone answer, and the
  /// reviews of the following days.
  static func studyOnA(_ machine: Machine) throws {
    try machine.review(day: 0, ["easy", "easy", "good", ":undo", "easy", "easy", "good", "easy", "hard", "easy", "easy", "easy", "easy", "good", "easy", "easy"], limit: 15)
    try machine.review(day: 1, Array(repeating: "easy", count: 8) + ["good", "again"], limit: 10)
    try machine.review(day: 2, Array(repeating: "good", count: 12), limit: 12)
    try machine.review(day: 8, ["good", "hard", "again", "good", "easy", "good", "good", "good", "easy", "good", "good", "good"], limit: 12)
    try machine.review(day: 10, Array(repeating: "good", count: 12), limit: 12)
  }

  @Test func aMergedLogGivesTheSchedulesOfTheMachineThatReviewed() throws {
    let a = try Machine("a")
    try Self.studyOnA(a)
    let store = try a.recall.store()
    let reviews = try store.reviews()
    #expect(reviews.count > 40)
    #expect(try store.reviewUndos().count == 1)
    // The premise: the load balancer or the sibling spreading moved some due dates away from
    // where the scheduler's fuzz alone puts them.
    var settings = StudySettings.resolve([], deck: nil)
    settings.scheduler.fuzzEnabled = true
    let clock = settings.dayClock(timeZone: TimeZone(identifier: "UTC") ?? .current)
    let scheduler = try Scheduler(
      parameters: settings.parameters, settings: settings.scheduler, dayCounting: .studyDays(clock))
    let moved = reviews.filter { review in
      var generator = SeededGenerator(cardID: review.cardID, reviewCount: review.before.reps)
      let plain = scheduler.review(
        review.before.cardState(newCardDue: review.reviewedAt), rating: Rating(rawValue: review.rating) ?? .good,
        at: review.reviewedAt, using: &generator)
      return clock.dayNumber(of: plain.card.due) != review.after.due.map(clock.dayNumber(of:))
    }
    #expect(moved.count >= 3, "the load balancer moved \(moved.count) due dates")

    let b = try Machine("b")
    try b.merge(try a.export(day: 10), day: 10)
    let onA = try a.schedules()
    let onB = try b.schedules()
    #expect(onB.count == onA.count)
    for (key, schedule) in onA {
      #expect(onB[key] == schedule, "\(key)")
    }
    #expect(try b.recall.store().reviews(includingUndone: true).map(\.id) == store.reviews(includingUndone: true).map(\.id))
    #expect(try b.recall.store().reviewUndos().map(\.reviewID) == store.reviewUndos().map(\.reviewID))
  }

  @Test func machinesTakingTurnsKeepEachOthersSchedules() throws {
    // A studies and hands over to B, B goes on from A's schedules and hands back: each log
    // continues the other's, so both end with the schedules B computed.
    let a = try Machine("a")
    let b = try Machine("b")
    try a.review(day: 0, Array(repeating: "easy", count: 10) + Array(repeating: "good", count: 5), limit: 15)
    try b.merge(try a.export(day: 0), day: 0)
    try b.review(day: 1, Array(repeating: "good", count: 12), limit: 12)
    try b.review(day: 9, ["good", "again", "easy", "hard", "good", "good", "good", "good"], limit: 8)
    try a.merge(try b.export(day: 9), day: 9)
    let onA = try a.schedules()
    let onB = try b.schedules()
    #expect(onA.count == onB.count)
    for (key, schedule) in onB {
      #expect(onA[key] == schedule, "\(key)")
    }
    #expect(try a.recall.store().reviewCount() == b.recall.store().reviewCount())
  }

  @Test func interleavedLogsMergedEitherWayGiveTheSameSchedulesAndLoseNoReview() throws {
    let a = try Machine("a")
    let b = try Machine("b")
    #expect(try a.ids() == b.ids(), "both machines number the cards alike")
    try Self.studyOnA(a)
    // B studies the same first cards, at other times, knowing nothing of A's answers.
    try b.review(day: 0, hour: 12, ["good", "easy", "hard", "easy", "again", "easy"], limit: 6)
    try b.review(day: 3, hour: 12, Array(repeating: "good", count: 10), limit: 10)
    try b.review(day: 9, hour: 12, ["easy", ":undo", "good", "good", "again", "good", "good"], limit: 6)
    let fromA = try a.export(day: 10)
    let fromB = try b.export(day: 10)
    let reviewsA = try a.recall.store().reviews(includingUndone: true)
    let reviewsB = try b.recall.store().reviews(includingUndone: true)
    let ownA = try a.schedules()
    let ownB = try b.schedules()
    try a.merge(fromB, day: 10)
    try b.merge(fromA, day: 10)

    // No review is lost or counted twice, and the undone ones stay undone.
    let all = Set((reviewsA + reviewsB).map(\.id))
    #expect(all.count == reviewsA.count + reviewsB.count)
    for machine in [a, b] {
      let store = try machine.recall.store()
      #expect(Set(try store.reviews(includingUndone: true).map(\.id)) == all)
      #expect(try store.reviewUndos().count == 2)
    }
    // Either way, the same schedules.
    let mergedA = try a.schedules()
    let mergedB = try b.schedules()
    #expect(mergedA.count == mergedB.count)
    for (key, schedule) in mergedA {
      #expect(mergedB[key] == schedule, "\(key)")
    }

    // Sensible: a card reviewed on one machine only keeps that machine's schedule; a card
    // reviewed on both counts every answer that was not undone, and was last reviewed at the
    // last of them.
    let store = try a.recall.store()
    let keys = Dictionary(uniqueKeysWithValues: try store.cards().map { ($0.id, $0.card.key) })
    let counted = try store.reviews()
    let idsA = Set(reviewsA.map(\.id))
    let idsB = Set(reviewsB.map(\.id))
    let byA = Set(counted.filter { idsA.contains($0.id) }.map(\.cardID))
    let byB = Set(counted.filter { idsB.contains($0.id) }.map(\.cardID))
    #expect(!byA.intersection(byB).isEmpty, "some cards were reviewed on both machines")
    for (id, key) in keys {
      let merged = try #require(mergedA[key])
      let log = counted.filter { $0.cardID == id }
      if byA.contains(id) && byB.contains(id) {
        #expect(merged.reps == log.count, "\(key)")
        #expect(merged.lastReview == log.last?.reviewedAt, "\(key)")
        #expect(merged.state != .new, "\(key)")
      } else if byA.contains(id) {
        #expect(merged == ownA[key], "\(key)")
      } else if byB.contains(id) {
        #expect(merged == ownB[key], "\(key)")
      } else {
        #expect(merged == .new, "\(key)")
      }
    }

    // Merging again changes nothing; and when B goes on from the merged schedules (learning
    // cards among them) and hands over, A takes B's schedules as they are.
    try b.merge(fromA, day: 10)
    #expect(try b.schedules() == mergedB)
    try b.review(day: 10, hour: 22, Array(repeating: "good", count: 8), limit: 8)
    try b.review(day: 12, hour: 12, ["good", "easy", "again", "good", "good", "hard", "good", "good", "good", "good"], limit: 10)
    try a.merge(try b.export(day: 12), day: 12)
    let handedOver = try b.schedules()
    for (key, schedule) in try a.schedules() {
      #expect(handedOver[key] == schedule, "\(key)")
    }
  }

  /// A forged value is refused by the real binary with its field named, exit status 1, and the
  /// database left as it was.
  @Test func aForgedValueIsRefusedWithItsFieldAndNothingChanges() throws {
    let a = try Machine("forger")
    try a.review(day: 0, ["good", "easy", "good"], limit: 3)
    let b = try Machine("victim")
    let text = try String(contentsOfFile: try a.export(day: 0), encoding: .utf8)
    let forgeries = [
      ("\"stability\" : ", "1e999", "reviews[0].after.stability: 1e999 is not a finite number"),
      ("\"difficulty\" : ", "42", "reviews[0].after.difficulty: 42.0 is not a difficulty from 1 to 10"),
      ("\"reviewedAt\" : ", "\"1969-07-20T20:17:00.000Z\"", "reviews[0].reviewedAt: '1969-07-20T20:17:00.000Z' is before 1970"),
    ]
    let before = try b.schedules()
    for (key, value, message) in forgeries {
      // The first review's `after` comes before its `before` and its other fields (sorted keys).
      let reviews = try #require(text.range(of: "\"reviews\" : ["))
      let range = try #require(text.range(of: key, range: reviews.upperBound..<text.endIndex))
      let end = try #require(text[range.upperBound...].firstIndex { $0 == "," || $0 == "\n" })
      let forged = text.replacingCharacters(in: range.upperBound..<end, with: value)
      let path = b.recall.folder.appendingPathComponent("forged.json").path
      try Data(forged.utf8).write(to: URL(fileURLWithPath: path))
      let result = try b.recall.run(["import-progress", path], now: ReviewCommandTests.moment(day: 0, hour: 21))
      #expect(result.status == 1)
      #expect(result.stderr.contains("has a bad value at \(message); nothing was changed."), "\(result.stderr)")
      #expect(try b.recall.store().reviewCount() == 0)
      #expect(try b.schedules() == before)
    }
  }

  /// Values no export would hold, written into the database behind Recall's back, still export.
  @Test func exportWritesWhateverTheDatabaseHolds() throws {
    let a = try Machine("odd")
    try a.review(day: 0, ["good", "easy"], limit: 2)
    let card = try #require(try a.recall.store().cards().first { $0.schedule.stability != nil })
    try DatabaseQueue(path: a.recall.database).write { db in
      try db.execute(
        sql: "UPDATE cardSchedule SET stability = 9e999, difficulty = 10 WHERE cardId = \(card.id);"
          + "UPDATE card SET answer = char(27) || ']0;x' || char(7) || char(8238) WHERE id = \(card.id);")
    }
    for arguments in [["export"], ["export", "--format", "csv", "--output", "csv"], ["stats", "--json"], ["cards", "--json"]] {
      let result = try a.recall.run(arguments, now: ReviewCommandTests.moment(day: 0, hour: 22))
      #expect(result.status == 0, "\(arguments): \(result.stderr)")
      #expect(HostileNote.forbiddenScalars(in: result.stdout) == [], "\(arguments)")
    }
  }
}
