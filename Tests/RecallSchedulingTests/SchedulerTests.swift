import Foundation
import Testing

@testable import RecallScheduling

/// A generator that counts its draws.
struct CountingGenerator: RandomNumberGenerator {
  var draws = 0
  var inner = SeededGenerator(seed: 1)
  mutating func next() -> UInt64 {
    draws += 1
    return inner.next()
  }
}

struct SchedulerTests {
  private func berlinScheduler(fuzz: Bool = false) throws -> (Scheduler, DayClock) {
    let berlin = try clock("Europe/Berlin")
    let settings = SchedulerSettings(fuzzEnabled: fuzz)
    return (try Scheduler(settings: settings, dayCounting: .studyDays(berlin)), berlin)
  }

  @Test func newCardGoesThroughLearningStepsToTheStartOfAStudyDay() throws {
    let (scheduler, berlin) = try berlinScheduler()
    var rng = SeededGenerator(seed: 1)
    let start = try utc("2025-06-02T08:00:00Z")  // 10:00 CEST
    var card = CardState.new(due: start)
    #expect(scheduler.retrievability(of: card, at: start) == 0)
    card = scheduler.review(card, rating: .good, at: start, using: &rng).card
    #expect(card.phase == .learning && card.step == 1)
    #expect(card.due == start.addingTimeInterval(600))
    let second = start.addingTimeInterval(700)
    let outcome = scheduler.review(card, rating: .good, at: second, using: &rng)
    #expect(outcome.card.phase == .review && outcome.card.step == nil)
    #expect(outcome.log.update == .shortTerm && outcome.log.elapsedDays == 0)
    let days = try #require(outcome.log.intervalDays)
    #expect(days == scheduler.intervalDays(stability: try #require(outcome.card.stability)))
    #expect(outcome.card.due == berlin.startOfDay(berlin.dayNumber(of: second) + days))
    #expect(outcome.card.reps == 2 && outcome.card.lapses == 0)
  }

  @Test func reviewsAcrossMidnightBeforeTheDayStartAreSameDay() throws {
    let (scheduler, _) = try berlinScheduler()
    var rng = SeededGenerator(seed: 1)
    let evening = try utc("2025-06-02T21:30:00Z")  // 23:30 CEST
    let card = scheduler.review(.new(due: evening), rating: .easy, at: evening, using: &rng).card
    let night = try utc("2025-06-03T01:30:00Z")  // 03:30 CEST, same study day
    let morning = try utc("2025-06-03T02:30:00Z")  // 04:30 CEST, next study day
    let sameDay = scheduler.review(card, rating: .good, at: night, using: &rng).log
    let nextDay = scheduler.review(card, rating: .good, at: morning, using: &rng).log
    #expect(sameDay.elapsedDays == 0 && sameDay.update == .shortTerm)
    #expect(nextDay.elapsedDays == 1 && nextDay.update == .recall)
    #expect(scheduler.retrievability(of: card, at: night) == 1)
    #expect(scheduler.retrievability(of: card, at: morning) < 1)
  }

  @Test func lapseMovesAReviewCardToRelearning() throws {
    let (scheduler, _) = try berlinScheduler()
    var rng = SeededGenerator(seed: 1)
    let start = try utc("2025-06-02T08:00:00Z")
    let card = scheduler.review(.new(due: start), rating: .easy, at: start, using: &rng).card
    let later = card.due.addingTimeInterval(3600)
    let lapse = scheduler.review(card, rating: .again, at: later, using: &rng)
    #expect(lapse.card.phase == .relearning && lapse.card.step == 0)
    #expect(lapse.card.lapses == 1 && lapse.log.update == .forget)
    #expect(lapse.card.due == later.addingTimeInterval(600))
    let hard = scheduler.review(
      lapse.card, rating: .hard, at: later.addingTimeInterval(660), using: &rng)
    #expect(hard.card.due == later.addingTimeInterval(660 + 900))  // 1.5 x the single step
    let back = scheduler.review(
      hard.card, rating: .good, at: later.addingTimeInterval(2000), using: &rng)
    #expect(back.card.phase == .review && back.card.lapses == 1)
  }

  @Test func fuzzReplaysExactlyWithTheSameSeed() throws {
    let (scheduler, _) = try berlinScheduler(fuzz: true)
    let start = try utc("2025-06-02T08:00:00Z")
    func replay(seed: Int64) -> [Date] {
      var card = CardState.new(due: start)
      var dues: [Date] = []
      for _ in 0..<8 {
        var rng = SeededGenerator(cardID: seed, reviewCount: card.reps)
        card = scheduler.review(card, rating: .good, at: max(card.due, start), using: &rng).card
        dues.append(card.due)
      }
      return dues
    }
    #expect(replay(seed: 5) == replay(seed: 5))
    #expect((1...20).map { replay(seed: $0) }.contains { $0 != replay(seed: 5) })
  }

  @Test func fuzzStaysInItsRangeAndIsOnlyDrawnWhenOn() throws {
    let (fuzzy, _) = try berlinScheduler(fuzz: true)
    let (plain, _) = try berlinScheduler(fuzz: false)
    let start = try utc("2025-06-02T08:00:00Z")
    let card = CardState(
      phase: .review, step: nil, memory: MemoryState(stability: 30, difficulty: 5),
      due: start, lastReview: start.addingTimeInterval(-30 * 86_400), reps: 5, lapses: 0)
    var counter = CountingGenerator()
    let unfuzzed = plain.review(card, rating: .good, at: start, using: &counter).log
    #expect(counter.draws == 0)
    let days = try #require(unfuzzed.intervalDays)
    let range = fuzzy.fuzzRange(days: days)
    for seed in 0..<200 {
      var rng = SeededGenerator(seed: UInt64(seed))
      let log = fuzzy.review(card, rating: .good, at: start, using: &rng).log
      let fuzzed = try #require(log.intervalDays)
      #expect(log.scheduledDays == days)
      // py-fsrs rounds, so one day past the range is possible.
      #expect(fuzzed >= range.lowerBound && fuzzed <= range.upperBound + 1)
    }
    var counting = CountingGenerator()
    _ = fuzzy.review(card, rating: .good, at: start, using: &counting)
    #expect(counting.draws == 1)
  }

  @Test func rescheduledMovesOnlyReviewOutcomes() throws {
    let (scheduler, berlin) = try berlinScheduler()
    var rng = SeededGenerator(seed: 1)
    let start = try utc("2025-06-02T08:00:00Z")
    let easy = scheduler.review(.new(due: start), rating: .easy, at: start, using: &rng)
    let moved = scheduler.rescheduled(easy, intervalDays: 12)
    #expect(moved.card.due == berlin.startOfDay(berlin.dayNumber(of: start) + 12))
    #expect(moved.log.intervalDays == 12)
    let learning = scheduler.review(.new(due: start), rating: .again, at: start, using: &rng)
    #expect(scheduler.rescheduled(learning, intervalDays: 12) == learning)
  }

  @Test func previewsShowEveryRatingWithoutFuzz() throws {
    let (scheduler, berlin) = try berlinScheduler(fuzz: true)
    let start = try utc("2025-06-02T08:00:00Z")
    let previews = scheduler.previews(of: .new(due: start), at: start)
    #expect(previews.count == 4)
    #expect(previews[.again]?.card.due == start.addingTimeInterval(60))
    #expect(previews[.hard]?.card.due == start.addingTimeInterval(330))
    #expect(previews[.good]?.card.due == start.addingTimeInterval(600))
    let easy = try #require(previews[.easy])
    #expect(easy.log.intervalDays == easy.log.scheduledDays)
    let days = try #require(easy.log.intervalDays)
    #expect(easy.card.due == berlin.startOfDay(berlin.dayNumber(of: start) + days))
    #expect(scheduler.previews(of: .new(due: start), at: start) == previews)
  }

  @Test func invalidSettingsAreRejectedByTheScheduler() {
    #expect(throws: SchedulingError.desiredRetentionOutOfRange(0.5)) {
      try Scheduler(
        settings: SchedulerSettings(desiredRetention: 0.5), dayCounting: .elapsed24Hours)
    }
  }
}
