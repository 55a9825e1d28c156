import Foundation
import RecallScheduling
import RecallStats
import RecallStorage
import RecallTestSupport
import Testing

/// The figures of `recall stats` on the simulated history of ``ProgressHistory``, checked
/// against values worked out by hand (see the comments there).
struct StatsFiguresTests {
  let clock = DayClock(timeZone: ProgressHistory.timeZone, dayStartHour: 4)

  func stats(deck: String? = nil) throws -> ProgressStats {
    let store = try ProgressHistory.makeStore()
    return try StatsCalculator.compute(
      store: store, request: StatsRequest(now: ProgressHistory.now, deck: deck, clock: clock))
  }

  @Test func todayCardsAndReviews() throws {
    let stats = try stats()
    #expect(stats.date == "2026-11-25")
    #expect(stats.timeZone == "Asia/Seoul")
    // Due before 04:00 tomorrow: ECS › 원리 (due 04:00 today), Lambda (09:10 today), 콜드스타트
    // (overdue since 02:40).
    #expect(stats.today.due == 3)
    #expect(stats.today.done == 1)  // the undone answer does not count
    #expect(stats.today.newStudied == 0)  // 콜드스타트 was new on the study day of Nov 24
    #expect(stats.today.newLeft == 1)  // min(20 - 0, one new card)
    #expect(stats.today.seconds == 20)
    #expect(
      stats.cards
        == CardCounts(new: 1, learning: 1, review: 3, relearning: 1, retired: 1, active: 6, total: 7))
    #expect(stats.reviews.total == 12)
    #expect(stats.reviews.daysStudied == 9)
    #expect(
      stats.reviews.byDay.map(\.date) == [
        "2026-10-25", "2026-10-26", "2026-11-05", "2026-11-10", "2026-11-15", "2026-11-20",
        "2026-11-22", "2026-11-24", "2026-11-25",
      ])
    #expect(stats.reviews.byDay.map(\.count) == [1, 1, 2, 2, 1, 1, 1, 2, 1])
    // The 02:30 answer belongs to the study day of Nov 24 (days start at 04:00).
    #expect(stats.reviews.byDay[7] == ReviewDay(date: "2026-11-24", count: 2, seconds: 20))
    #expect(stats.reviews.streak == 2)
    #expect(stats.reviews.longestStreak == 2)
    // Days studied among the last 30: 20+20+10+10+10+20+20 s over 7 days.
    #expect(stats.reviews.averageSecondsPerDay == 16)
  }

  @Test func trueRetentionOfYoungAndMatureCards() throws {
    let r = try stats().retention
    #expect(r.matureIntervalDays == 21)
    func figure(_ reviews: Int, _ passed: Int) -> RetentionFigure {
      RetentionFigure(reviews: reviews, passed: passed, rate: reviews == 0 ? nil : Double(passed) / Double(reviews))
    }
    #expect(r.young == RetentionPeriods(day: figure(0, 0), week: figure(1, 1), month: figure(2, 2), year: figure(3, 3)))
    #expect(r.mature == RetentionPeriods(day: figure(1, 0), week: figure(2, 1), month: figure(3, 1), year: figure(4, 2)))
    #expect(r.all == RetentionPeriods(day: figure(1, 0), week: figure(3, 2), month: figure(5, 3), year: figure(7, 5)))
  }

  @Test func forecastMemoryAndHardestCards() throws {
    let stats = try stats()
    #expect(stats.forecast.count == 30)
    #expect(stats.forecast[0] == DayCount(date: "2026-11-25", count: 3))
    #expect(stats.forecast[10] == DayCount(date: "2026-12-05", count: 1))
    #expect(stats.forecast[25] == DayCount(date: "2026-12-20", count: 1))
    #expect(stats.forecast.map(\.count).reduce(0, +) == 5)
    #expect(stats.memory.studiedCards == 5)
    #expect(abs((stats.memory.averageStability ?? 0) - 9.4) < 1e-9)  // (10+5+1+1+30)/5
    #expect(abs((stats.memory.averageRetrievability ?? 0) - 0.92) < 1e-9)  // (4×0.9+1)/5
    #expect(stats.hardest.mostLapses.map(\.prompt) == ["ECS › 원리?", "Lambda › 방향성?"])
    #expect(stats.hardest.mostLapses.map(\.lapses) == [2, 1])
    #expect(stats.hardest.mostLapses[0].file == "/notes/aws/ecs.md")
    #expect(stats.hardest.mostLapses[0].line == 4)
    let lowest = stats.hardest.lowestRetrievability
    #expect(lowest.count == 5)
    #expect(abs((lowest.first?.retrievability ?? 0) - 0.9) < 1e-9)
    #expect(lowest.last?.prompt == "Lambda › 방향성?")
    #expect(abs((lowest.last?.retrievability ?? 0) - 1) < 1e-12)
  }

  @Test func masteryByNoteHeadingAndTableThing() throws {
    let mastery = try stats().mastery
    let rows = mastery.map { entry in
      [entry.level.rawValue, entry.note, entry.headingPath.joined(separator: "/"), entry.thing ?? "-"]
        .joined(separator: "|")
    }
    #expect(
      rows == [
        "note|aws/ecs.md||-",
        "heading|aws/ecs.md|ECS / EKS / Lambda|-",
        "thing|aws/ecs.md|ECS / EKS / Lambda|ECS",
        "thing|aws/ecs.md|ECS / EKS / Lambda|Lambda",
        "heading|aws/ecs.md|용어|-",
        "note|net/dns.md||-",
        "heading|net/dns.md|DNS/Route53|-",
      ])
    let expected: [(cards: Int, new: Int, recall: Double, studied: Double?)] = [
      (5, 1, 3.7 / 5, 3.7 / 4), (4, 1, 2.8 / 4, 2.8 / 3), (2, 0, 0.9, 0.9), (2, 1, 0.5, 1.0),
      (1, 0, 0.9, 0.9), (1, 0, 0.9, 0.9), (1, 0, 0.9, 0.9),
    ]
    for (entry, want) in zip(mastery, expected) {
      #expect(entry.cards == want.cards)
      #expect(entry.newCards == want.new)
      #expect(abs(entry.expectedRecall - want.recall) < 1e-9)
      #expect(abs((entry.studiedRecall ?? -1) - (want.studied ?? -1)) < 1e-9)
    }
    #expect(mastery[2].table == "table")
  }

  @Test func deckFilterKeepsOneNote() throws {
    let stats = try stats(deck: "net")
    #expect(stats.deck == "net")
    #expect(stats.cards == CardCounts(new: 0, learning: 0, review: 1, relearning: 0, retired: 1, active: 1, total: 2))
    // c6 on Oct 26 and the retired label card on Nov 22; today's c6 answer was undone.
    #expect(stats.reviews.total == 2)
    #expect(stats.today.done == 0)
    #expect(stats.retention.mature.year == RetentionFigure(reviews: 2, passed: 2, rate: 1))
    #expect(stats.mastery.map(\.note) == ["net/dns.md", "net/dns.md"])
  }

  @Test func tallyKeptByTriggersMatchesTheLog() throws {
    let store = try ProgressHistory.makeStore()
    let kept = try store.reviewTallies()
    let added = try store.reviewTallies(fromLog: true)
    #expect(kept == added)
    #expect(kept.reduce(0) { $0 + $1.reviews } == 12)
  }

  @Test func retrievabilityMatchesTheScheduler() throws {
    // The stats' forgetting curve is the scheduler's, on the same study days.
    let scheduler = try Scheduler(dayCounting: .studyDays(clock))
    let last = ProgressHistory.seoul("2026-11-15 10:00")
    let card = RecallScheduling.CardState(
      phase: .review, step: nil, memory: MemoryState(stability: 7.3, difficulty: 5), due: last,
      lastReview: last, reps: 3, lapses: 0)
    let store = try ProgressHistory.makeStore()
    let id = try #require(try store.cards().first { $0.card.key.hasSuffix("ECS › 방향성") }?.id)
    try store.setSchedule(
      CardSchedule(state: .review, stability: 7.3, difficulty: 5, due: last, lastReview: last, reps: 3),
      cardID: id)
    let stats = try StatsCalculator.compute(
      store: store, request: StatsRequest(now: ProgressHistory.now, clock: clock))
    let thing = try #require(stats.mastery.first { $0.thing == "ECS" })
    let r = scheduler.retrievability(of: card, at: ProgressHistory.now)
    #expect(abs(thing.expectedRecall - (r + 0.9) / 2) < 1e-12)
  }

  @Test func jsonTextReadsBackAsTheSameFigures() throws {
    let stats = try stats()
    let decoded = try JSONDecoder().decode(ProgressStats.self, from: Data(stats.jsonText().utf8))
    #expect(decoded == stats)
    // Missing values are written as null, so every key is always there.
    let object = try JSONSerialization.jsonObject(with: Data(stats.jsonText().utf8)) as? [String: Any]
    #expect(object?["deck"] is NSNull)
  }

  @Test func storedSettingsChangeTheDayAndTheNewCardLimit() throws {
    let store = try ProgressHistory.makeStore()
    for (key, value) in [("day-start-hour", "0"), ("new-per-day", "0"), ("parameters", "nonsense")] {
      try store.setSetting(Setting(key: key, value: value), now: ProgressHistory.now)
    }
    let request = try StatsRequest.load(
      from: store, now: ProgressHistory.now, deck: nil, timeZone: ProgressHistory.timeZone)
    #expect(request.clock.dayStartHour == 0)
    #expect(request.parameters == .defaults)
    #expect(request.warnings.count == 1)
    #expect(request.warnings.first?.contains("'parameters'") == true)
    let stats = try StatsCalculator.compute(store: store, request: request)
    // With days starting at midnight, the 02:30 answer belongs to Nov 25.
    #expect(stats.reviews.byDay.last == ReviewDay(date: "2026-11-25", count: 2, seconds: 30))
    #expect(stats.reviews.byDay[7] == ReviewDay(date: "2026-11-24", count: 1, seconds: 10))
    #expect(stats.today.newLeft == 0)
  }

  @Test func emptyDatabaseHasEmptyFigures() throws {
    let stats = try StatsCalculator.compute(
      store: try Store.inMemory(), request: StatsRequest(now: ProgressHistory.now, clock: clock))
    #expect(stats.cards.total == 0)
    #expect(stats.reviews.total == 0)
    #expect(stats.reviews.streak == 0)
    #expect(stats.memory.averageRetrievability == nil)
    #expect(stats.mastery.isEmpty)
    #expect(stats.forecast.allSatisfy { $0.count == 0 })
  }
}
