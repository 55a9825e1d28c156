import Foundation
import RecallScheduling
import struct RecallScheduling.DayClock
import Testing

@testable import RecallReview

struct QueueBuilderTests {
  /// 2026-11-25 09:00 UTC; the day runs from 04:00 to 04:00.
  static let now = Date(timeIntervalSince1970: 1_795_597_200)
  static let today = ReviewDay(
    start: now.addingTimeInterval(-5 * 3600), end: now.addingTimeInterval(19 * 3600))

  private func card(
    _ id: Int64, _ phase: CardPhase, due hours: Double = 0, group: String? = nil,
    position: Int = 0
  ) -> QueueCard {
    QueueCard(
      id: id, siblingGroup: group ?? "g\(id)", phase: phase,
      due: Self.now.addingTimeInterval(hours * 3600), newPosition: position)
  }

  private func build(
    _ cards: [QueueCard], limits: DailyLimits = DailyLimits(), newToday: Int = 0,
    reviewsToday: Int = 0, seed: UInt64 = 1
  ) -> ReviewQueue {
    QueueBuilder(limits: limits).build(
      cards: cards, now: Self.now, today: Self.today, newIntroducedToday: newToday,
      reviewsDoneToday: reviewsToday, seed: seed)
  }

  @Test func learningDueNowComesFirstAndLaterLearningWaits() {
    let queue = build([
      card(1, .review, due: -30), card(2, .learning, due: -0.1), card(3, .relearning, due: 0.2),
      card(4, .learning, due: 2), card(5, .learning, due: 30),
    ])
    #expect(queue.cards.prefix(2).map(\.id) == [2, 3])  // 0.2 h = 12 min, within learn-ahead
    #expect(queue.laterLearning.map(\.id) == [4])  // later today
    #expect(!queue.cards.contains { $0.id == 5 })  // due tomorrow
    #expect(queue.cards.map(\.id).contains(1))
  }

  @Test func reviewsDueBeforeTomorrowsStartAreIn() {
    let queue = build([
      card(1, .review, due: 18.9), card(2, .review, due: 19.1), card(3, .review, due: -100),
    ])
    #expect(Set(queue.cards.map(\.id)) == [1, 3])
    #expect(queue.cards.first?.id == 3)  // most overdue day first
  }

  @Test func dailyLimitsCountWhatWasDoneToday() {
    let reviews = (1...10).map { card(Int64($0), .review, due: -1) }
    let new = (11...30).map { card(Int64($0), .new, position: $0) }
    let queue = build(
      reviews + new, limits: DailyLimits(newCards: 5, reviews: 8), newToday: 2, reviewsToday: 3)
    #expect(queue.cards.filter { $0.phase == .review }.count == 5)
    #expect(queue.cards.filter { $0.phase == .new }.map(\.id) == [11, 12, 13])
    #expect(build(new, limits: DailyLimits(newCards: 5), newToday: 9).cards.isEmpty)
  }

  @Test func newCardsAreSpreadAmongReviews() {
    let reviews = (1...4).map { card(Int64($0), .review, due: -1) }
    let new = (11...12).map { card(Int64($0), .new, position: $0) }
    let phases = build(reviews + new).cards.map(\.phase)
    #expect(phases == [.review, .review, .new, .review, .review, .new])
  }

  @Test func siblingsAtMostOncePerDayAndNeverAdjacent() {
    let cards = [
      card(1, .review, due: -1, group: "ecs"), card(2, .review, due: -1, group: "ecs"),
      card(3, .new, group: "ecs", position: 1), card(4, .new, group: "eks", position: 2),
      card(5, .review, due: -1, group: "eks"), card(6, .review, due: -1, group: "lambda"),
    ]
    let queue = build(cards)
    let groups = queue.cards.map(\.siblingGroup)
    #expect(groups.count == Set(groups).count)
    #expect(Set(groups) == ["ecs", "eks", "lambda"])
    #expect(queue.deferredSiblings.count == 3)
  }

  @Test func learningSiblingsAreKeptApartWhenPossible() {
    let cards = [
      card(1, .learning, due: -0.3, group: "a"), card(2, .learning, due: -0.2, group: "a"),
      card(3, .review, due: -1, group: "b"),
    ]
    let ids = build(cards).cards.map(\.id)
    #expect(ids == [1, 3, 2])
    let reordered = QueueBuilder.separatingSiblings([
      card(1, .learning, group: "a"), card(2, .learning, group: "a"),
      card(3, .learning, group: "a"),
      card(4, .review, group: "b"), card(5, .review, group: "c"),
    ])
    for (left, right) in zip(reordered, reordered.dropFirst()) {
      #expect(left.siblingGroup != right.siblingGroup)
    }
  }

  @Test func buriedCardsWaitUntilTheirTime() {
    var buried = card(1, .review, due: -1)
    buried.buriedUntil = Self.today.end
    var unburied = card(2, .review, due: -1)
    unburied.buriedUntil = Self.now.addingTimeInterval(-60)
    #expect(build([buried, unburied]).cards.map(\.id) == [2])
  }

  @Test func sameSeedSameOrderOtherSeedOtherOrder() {
    let reviews = (1...30).map { card(Int64($0), .review, due: -2) }
    let first = build(reviews, seed: 99).cards.map(\.id)
    #expect(first == build(reviews, seed: 99).cards.map(\.id))
    #expect(first != build(reviews, seed: 100).cards.map(\.id))
    // The input order does not matter.
    #expect(first == build(reviews.reversed(), seed: 99).cards.map(\.id))
  }

  @Test func aDaysShuffleOrdersAnyOfItsCardsAsItOrdersThemAll() {
    // A queue built from a window of the reviews puts them in the order the whole gives.
    let reviews = (1...40).map { card(Int64($0), .review, due: -2) }
    let all = QueueBuilder(limits: DailyLimits(reviews: 100)).build(
      cards: reviews, now: Self.now, today: Self.today, seed: 7
    ).cards.map(\.id)
    let some = reviews.filter { $0.id % 3 != 0 }
    let fewer = QueueBuilder(limits: DailyLimits(reviews: 100)).build(
      cards: some, now: Self.now, today: Self.today, seed: 7
    ).cards.map(\.id)
    #expect(fewer == all.filter { $0 % 3 != 0 })
    #expect(all != all.sorted(), "shuffled")
  }

  @Test func changedNotesAreFlagged() {
    var changed = card(1, .review, due: -1)
    changed.lastReviewedAt = Self.now.addingTimeInterval(-86_400 * 3)
    changed.noteModifiedAt = Self.now.addingTimeInterval(-86_400)
    var unchanged = changed
    unchanged.noteModifiedAt = Self.now.addingTimeInterval(-86_400 * 5)
    #expect(changed.noteChangedSinceLastReview)
    #expect(!unchanged.noteChangedSinceLastReview)
    #expect(!card(2, .new).noteChangedSinceLastReview)
  }

  @Test func countsByPhase() {
    let queue = build([
      card(1, .new), card(2, .learning, due: -0.1), card(3, .learning, due: 3),
      card(4, .review, due: -1),
    ])
    #expect(queue.counts.new == 1)
    #expect(queue.counts.learning == 2)
    #expect(queue.counts.review == 1)
  }
}

struct ReviewDayTests {
  private func date(_ text: String) throws -> Date {
    try #require(try? Date(text, strategy: .iso8601))
  }

  @Test func dayStartsAtTheConfiguredHourInTheUsersZone() throws {
    let seoul = try #require(TimeZone(identifier: "Asia/Seoul"))
    // 2026-11-25 01:30 in Seoul belongs to the day that started on the 24th at 04:00.
    let day = ReviewDay(clock: DayClock(timeZone: seoul, dayStartHour: 4), containing: try date("2026-11-24T16:30:00Z"))
    #expect(day.start == (try date("2026-11-23T19:00:00Z")))
    #expect(day.end == (try date("2026-11-24T19:00:00Z")))
    let morning = ReviewDay(clock: DayClock(timeZone: seoul, dayStartHour: 4), containing: try date("2026-11-24T20:00:00Z"))
    #expect(morning.start == (try date("2026-11-24T19:00:00Z")))
  }

  @Test func daylightSavingDaysAreShorterOrLonger() throws {
    let newYork = try #require(TimeZone(identifier: "America/New_York"))
    // 2026-03-08: clocks go forward at 2 a.m.; the day from 4 a.m. to 4 a.m. has 24 hours,
    // but the one starting on the 7th has 23.
    let spring = ReviewDay(clock: DayClock(timeZone: newYork, dayStartHour: 4), containing: try date("2026-03-08T06:00:00Z"))
    #expect(spring.end.timeIntervalSince(spring.start) == 23 * 3600)
    let autumn = ReviewDay(clock: DayClock(timeZone: newYork, dayStartHour: 4), containing: try date("2026-11-01T06:00:00Z"))
    #expect(autumn.end.timeIntervalSince(autumn.start) == 25 * 3600)
    for moment in [try date("2026-03-08T06:00:00Z"), try date("2026-11-01T06:00:00Z")] {
      let day = ReviewDay(clock: DayClock(timeZone: newYork, dayStartHour: 4), containing: moment)
      #expect(day.start <= moment && moment < day.end)
    }
  }

  @Test func largeQueuesBuildQuickly() {
    let now = QueueBuilderTests.now
    var cards: [QueueCard] = []
    for index in 0..<10_000 {
      let phase: CardPhase = index % 4 == 0 ? .new : .review
      let offset = Double(index % 50 - 25) * 86_400
      cards.append(
        QueueCard(
          id: Int64(index), siblingGroup: "g\(index / 3)", phase: phase,
          due: now.addingTimeInterval(offset), newPosition: index))
    }
    let clock = ContinuousClock()
    let elapsed = clock.measure {
      _ = QueueBuilder().build(cards: cards, now: now, today: QueueBuilderTests.today, seed: 3)
    }
    #expect(elapsed < .seconds(2))  // debug build; far less in release
  }
}
