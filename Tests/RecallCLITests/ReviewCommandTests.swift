import Foundation
import RecallStorage
import RecallTestSupport
import Testing

/// `recall review` (and plain `recall`) and `recall quiz` through the real binary, in scripted
/// mode: the queue rules, undo, bury, the JSON events, and that every answer is in the log.
@Suite(.serialized)
struct ReviewCommandTests {
  /// A moment on day `day` (0 = 2026-11-25) at `hour` UTC, as `--now` takes it.
  static func moment(day: Int, hour: Int = 9) -> String {
    let base = Date(timeIntervalSince1970: 1_795_564_800)  // 2026-11-25T00:00:00Z
    return ISO8601DateFormatter().string(from: base.addingTimeInterval(Double(day * 86_400 + hour * 3600)))
  }

  /// The start of the study day after the one containing day `day` 09:00 UTC (days start at 4).
  static func dayEnd(day: Int) -> Date {
    Date(timeIntervalSince1970: 1_795_564_800 + Double((day + 1) * 86_400 + 4 * 3600))
  }

  /// `count` answer lines of `word`.
  static func lines(_ word: String, _ count: Int) -> String {
    String(repeating: word + "\n", count: count)
  }

  @Test func plainRecallImportsTheBundledNotesOnAFirstRunAndReviews() throws {
    let recall = try RecallProcess()
    let result = try recall.run(["--limit", "3"], now: Self.moment(day: 0), input: Self.lines("good", 3))
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.hasPrefix("First run: imported 100 cards from the note bundled with Recall; import your own with recall import PATH."))
    #expect(result.stdout.contains("source ecs-eks-lambda.md") || result.stdout.contains("Content/ecs-eks-lambda.md:"))
    #expect(result.stdout.contains("Done: 3 cards, 100% right on the first try"))
    #expect(try recall.store().reviewCount() == 3)
    // A second run does not import again.
    let again = try recall.run(["review", "--limit", "1"], now: Self.moment(day: 0), input: "good\n")
    #expect(!again.stdout.contains("First run"))
    // Quitting before the first answer says so, with no share of right answers.
    let quit = try recall.run(["review"], now: Self.moment(day: 0), input: ":quit\n")
    #expect(quit.status == 0, "\(quit.stderr)")
    #expect(quit.stdout.contains("Done: no card answered, 0 s."), "\(quit.stdout)")
    #expect(!quit.stdout.contains("% right"))
  }

  @Test func jsonModePrintsOneEventPerLineAndLogsEveryAnswer() throws {
    let recall = try RecallProcess()
    let result = try recall.run(
      ["review", "--json", "--limit", "5"], now: Self.moment(day: 0),
      input: "1\n2\nagain\nhard\n\n")
    #expect(result.status == 0, "\(result.stderr)")
    let events = result.events
    #expect(events.count == result.stdout.split(separator: "\n").count, "every line is one JSON object")
    let asked = result.events("asked")
    let answered = result.events("answered")
    #expect(answered.count == 5)
    #expect(asked.count == 6, "the sixth card was shown when the input ended")
    for event in asked {
      #expect(event.int("card") != nil)
      #expect(["choice", "typed", "flip", "next-step", "ordering"].contains(event.string("quiz") ?? ""))
      #expect(!(event.string("prompt") ?? "").isEmpty)
    }
    for event in answered {
      #expect((1...4).contains(event.int("rating") ?? 0))
      #expect(event["correct"] is Bool || event["correct"] is NSNull)
      #expect(ISO8601DateFormatter().date(from: event.string("due") ?? "") != nil)
    }
    #expect(answered[2].int("rating") == 1)
    #expect(answered[3].int("rating") == 2)
    #expect(answered[4].int("rating") == 1, "an empty line shows the answer: Again")
    #expect(events.last?.string("event") == "finished")
    #expect(events.last?.int("cards") == 5)
    let log = try recall.store().reviews()
    #expect(log.map(\.cardID) == answered.compactMap { $0.int("card") }.map(Int64.init))
    #expect(log.map(\.rating) == answered.compactMap { $0.int("rating") })
  }

  @Test func undoGoesBackToTheSessionsStartKeepingTheReviewsInTheLog() throws {
    let recall = try RecallProcess()
    let result = try recall.run(
      ["review", "--json", "--limit", "3"], now: Self.moment(day: 0),
      input: "easy\ngood\nhard\n:undo\n:undo\n:undo\n:undo\n")
    #expect(result.status == 0)
    #expect(result.events("undone").count == 3)
    #expect(result.stderr.contains("There is nothing to undo"))
    let store = try recall.store()
    #expect(try store.reviews(includingUndone: true).count == 3, "the reviews stay in the log")
    #expect(try store.reviews().count == 0, "none of them counts")
    #expect(try store.reviewUndos().count == 3)
    let answered = result.events("answered").compactMap { $0.int("card") }
    for id in answered {
      #expect(try store.card(id: Int64(id))?.schedule == CardSchedule.new)
    }
    // Undo then answer again: the card is asked once more, and the new answer counts.
    let redo = try recall.run(
      ["review", "--json", "--limit", "2"], now: Self.moment(day: 0), input: "good\n:u\neasy\ngood\n")
    let redoAnswered = redo.events("answered")
    #expect(redoAnswered.count == 3)
    #expect(redoAnswered[0].int("card") == redoAnswered[1].int("card"))
    let first = try #require(redoAnswered[1].int("card"))
    let schedule = try #require(try recall.store().card(id: Int64(first))?.schedule)
    #expect(schedule.state == .review, "easy graduates the card")
    #expect(try recall.store().reviews(cardID: Int64(first)).map(\.rating) == [4])
  }

  @Test func buryPutsACardAwayUntilTomorrow() throws {
    let recall = try RecallProcess()
    let result = try recall.run(["review", "--json", "--limit", "2"], now: Self.moment(day: 0), input: ":bury\n")
    let buried = try #require(result.events("buried").first)
    let card = try #require(buried.int("card"))
    #expect(buried.string("until") == "2026-11-26T04:00:00Z")
    let later = try recall.run(["review", "--json"], now: Self.moment(day: 0, hour: 15), input: "")
    #expect(!later.events("asked").contains { $0.int("card") == card })
    let tomorrow = try recall.run(["review", "--json"], now: Self.moment(day: 1), input: "")
    #expect(tomorrow.events("asked").first?.int("card") == card)
  }

  @Test func newCardsStayWithinTheDailyLimitMinusThoseIntroducedToday() throws {
    let recall = try RecallProcess()
    _ = try recall.run(["config", "new-per-day", "4"])
    let first = try recall.run(["review", "--json", "--limit", "2"], now: Self.moment(day: 0), input: Self.lines("easy", 2))
    #expect(first.events("answered").count == 2)
    let second = try recall.run(["review", "--json"], now: Self.moment(day: 0, hour: 20), input: Self.lines("easy", 20))
    let newAsked = second.events("asked").filter { $0.string("phase") == "new" }
    #expect(newAsked.count == 2, "4 a day, 2 already introduced")
    let third = try recall.run(["review", "--json"], now: Self.moment(day: 1, hour: 2), input: "")
    #expect(third.events("asked").isEmpty, "02:00 still belongs to the day that started at 04:00")
    let nextDay = try recall.run(["review", "--json"], now: Self.moment(day: 1), input: Self.lines("easy", 20))
    #expect(nextDay.events("asked").filter { $0.string("phase") == "new" }.count == 4)
  }

  @Test func siblingsAreNeverAskedOnTheSameDay() throws {
    let recall = try RecallProcess()
    _ = try recall.run(["config", "new-per-day", "100"])
    let result = try recall.run(["review", "--json"], now: Self.moment(day: 0), input: Self.lines("easy", 120))
    let store = try recall.store()
    var groups: [String: Int64] = [:]
    for id in result.events("asked").compactMap({ $0.int("card") }).map(Int64.init) {
      let card = try #require(try store.card(id: id))
      let group = "\(card.noteID):\(card.card.siblingGroup)"
      if let other = groups[group], other != id {
        Issue.record("cards \(other) and \(id) are siblings (\(group)) asked on the same day")
      }
      groups[group] = id
    }
    #expect(groups.count > 20)
    // And the scheduler keeps graduated siblings off each other's due day.
    let due = try store.cards(status: .active).filter { $0.schedule.state == .review }
    var days: [String: Set<Int>] = [:]
    var clashes = 0
    for card in due {
      let group = "\(card.noteID):\(card.card.siblingGroup)"
      let day = Int((card.schedule.due ?? .distantPast).timeIntervalSince1970 / 86_400)
      if days[group, default: []].contains(day) { clashes += 1 }
      days[group, default: []].insert(day)
    }
    #expect(clashes == 0)
  }

  @Test func learningStepsAndReviewsFollowTheDayClockAcrossASimulatedWeek() throws {
    let recall = try RecallProcess()
    _ = try recall.run(["config", "new-per-day", "3"])
    _ = try recall.run(["config", "fuzz", "off"])
    // Day 0: three new cards through the learning steps (1m, 10m) in one session.
    let day0 = try recall.run(["review", "--json"], now: Self.moment(day: 0), input: Self.lines("good", 30))
    let answered0 = day0.events("answered")
    #expect(answered0.count == 6, "each new card: good → the 10 min step → good → graduates")
    #expect(answered0.filter { $0.string("phase") == "review" }.count == 3)
    #expect(Set(answered0.compactMap { $0.int("card") }).count == 3)
    for day in 1...7 {
      let store = try recall.store()
      let expected = Set(
        try store.cards(status: .active).filter {
          $0.schedule.state != .new && ($0.schedule.due ?? .distantFuture) < Self.dayEnd(day: day)
        }.map(\.id))
      let run = try recall.run(
        ["review", "--json", "--limit", "50"], now: Self.moment(day: day),
        input: Self.lines("good", 80))
      let asked = run.events("asked")
      // The cards that were not new when first asked today (new ones come back in learning).
      var firstPhase: [Int64: String] = [:]
      for event in asked {
        guard let card = event.int("card") else { continue }
        if firstPhase[Int64(card)] == nil { firstPhase[Int64(card)] = event.string("phase") }
      }
      let reviewed = Set(firstPhase.filter { $0.value != "new" }.keys)
      #expect(reviewed == expected, "day \(day): the cards due today and only those")
      #expect(firstPhase.values.filter { $0 == "new" }.count <= 3)
      for event in run.events("answered") where event.string("phase") == "review" {
        let due = try #require(ISO8601DateFormatter().date(from: event.string("due") ?? ""))
        #expect(due >= Self.dayEnd(day: day), "a graduated card is due on a later day")
        #expect(Int(due.timeIntervalSince1970) % 86_400 == 4 * 3600, "due at the start of a study day")
      }
    }
  }

  @Test func cardsWhoseNoteChangedSinceTheirLastReviewAreMarked() throws {
    let recall = try RecallProcess()
    let note = recall.folder.appendingPathComponent("notes/terms.md")
    try FileManager.default.createDirectory(
      at: note.deletingLastPathComponent(), withIntermediateDirectories: true)
    try "# 용어\n\n**ECS:** 컨테이너 오케스트레이션\n\n**EKS:** 관리형 쿠버네티스\n".write(
      to: note, atomically: true, encoding: .utf8)
    _ = try recall.run(["import", note.deletingLastPathComponent().path], now: Self.moment(day: 0))
    let first = try recall.run(["review", "--json"], now: Self.moment(day: 0), input: Self.lines("easy", 10))
    #expect(first.events("asked").allSatisfy { ($0["noteChanged"] as? Bool) == false })
    try "# 용어\n\n**ECS:** 완전 관리형 컨테이너 오케스트레이션\n\n**EKS:** 관리형 쿠버네티스\n".write(
      to: note, atomically: true, encoding: .utf8)
    _ = try recall.run(["import", note.deletingLastPathComponent().path], now: Self.moment(day: 1))
    let later = try recall.run(["review", "--json"], now: Self.moment(day: 40), input: Self.lines("good", 10))
    let changed = later.events("asked").filter { ($0["noteChanged"] as? Bool) == true }
    #expect(!changed.isEmpty)
    #expect(changed.allSatisfy { ($0.string("prompt") ?? "").contains("ECS") || ($0.string("prompt") ?? "").contains("완전") })
  }

  @Test func quizPractisesWithoutWritingAnything() throws {
    let recall = try RecallProcess()
    _ = try recall.run(["review", "--limit", "2"], now: Self.moment(day: 0), input: Self.lines("good", 2))
    let store = try recall.store()
    let before = try store.cards()
    let result = try recall.run(
      ["quiz", "--topic", "ECS", "--count", "4"], now: Self.moment(day: 0), input: Self.lines("good", 4))
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("Practice: nothing is written to your review log or schedules."))
    #expect(result.stdout.contains("Done: 4 cards"))
    #expect(try recall.store().reviewCount() == 2)
    #expect(try recall.store().cards() == before)
    let none = try recall.run(["quiz", "--topic", "no such heading"], now: Self.moment(day: 0))
    #expect(none.status != 0)
    #expect(none.stderr.contains("No cards match"))
  }

  @Test func anUnknownDeckIsAnErrorThatNamesTheDecks() throws {
    let recall = try RecallProcess()
    _ = try recall.run(["review", "--limit", "1"], now: Self.moment(day: 0), input: "good\n")
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("recall-decks-\(UUID().uuidString)")
    let note = folder.appendingPathComponent("클라우드/용어.md")
    try FileManager.default.createDirectory(
      at: note.deletingLastPathComponent(), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try "# 용어\n\n**ECS:** 완전 관리형 컨테이너 오케스트레이션\n".write(to: note, atomically: true, encoding: .utf8)
    _ = try recall.run(["import", folder.path], now: Self.moment(day: 0))
    let bytes = try Data(contentsOf: URL(fileURLWithPath: recall.database))
    for command in [["review"], ["quiz"], ["stats"], ["cards"]] {
      let typo = try recall.run(command + ["--deck", "ecs-eks-lamda"], now: Self.moment(day: 0), input: "good\n")
      #expect(typo.status == 1, "\(command): \(typo.stderr)")
      #expect(typo.stderr.contains("There is no deck 'ecs-eks-lamda'."), "\(command): \(typo.stderr)")
      #expect(typo.stderr.contains("ecs-eks-lambda.md, 클라우드/용어.md"), "\(command): \(typo.stderr)")
      #expect(!typo.stdout.contains("Done:"), "\(command) asked nothing")
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: recall.database)) == bytes, "nothing written")
    // The folder and the deck without .md still name decks.
    let folderStats = try recall.run(["stats", "--deck", "클라우드"], now: Self.moment(day: 0))
    #expect(folderStats.status == 0, "\(folderStats.stderr)")
    let shortName = try recall.run(["cards", "--deck", "ecs-eks-lambda"], now: Self.moment(day: 0))
    #expect(shortName.status == 0, "\(shortName.stderr)")
    #expect(shortName.stdout.contains("ecs-eks-lambda.md: 100 cards"))
  }

  @Test func badInputGetsAClearMessageAndChangesNothing() throws {
    let recall = try RecallProcess()
    _ = try recall.run(["review", "--limit", "1"], now: Self.moment(day: 0), input: "good\n")
    let bytes = try Data(contentsOf: URL(fileURLWithPath: recall.database))
    let negative = try recall.run(["review", "--limit=-1"], now: Self.moment(day: 0))
    #expect(negative.status != 0)
    #expect(negative.stderr.contains("--limit takes a number of cards"))
    let badNow = try recall.run(["review"], now: "yesterday")
    #expect(badNow.status != 0)
    #expect(badNow.stderr.contains("is not an ISO 8601 time"))
    #expect(!negative.stderr.contains("Fatal") && !badNow.stderr.contains("Fatal"))
    #expect(try recall.store().reviewCount() == 1)
    // A read-only database is refused before the first card is asked.
    try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: recall.database)
    defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: recall.database) }
    let readOnly = try recall.run(["review", "--json"], now: Self.moment(day: 1), input: "good\n")
    #expect(readOnly.status != 0)
    #expect(readOnly.stderr.contains("is read-only, so Recall cannot write to it"))
    #expect(readOnly.events("asked").isEmpty)
    _ = bytes
  }
}
