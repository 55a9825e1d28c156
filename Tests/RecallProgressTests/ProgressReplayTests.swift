import Foundation
import RecallProgress
import RecallScheduling
import RecallStorage
import Testing

/// The replay of a merged log: recorded schedules kept where one machine's log goes on, and
/// interleaved reviews computed again as a review would, load balancer and siblings included.
struct ProgressReplayTests {
  let clock = DayClock(timeZone: TimeZone(identifier: "UTC") ?? .current, dayStartHour: 4)
  let start = Date(timeIntervalSince1970: 1_795_597_200)  // 2026-11-25T09:00:00Z

  var scheduler: Scheduler {
    get throws { try Scheduler(dayCounting: .studyDays(clock)) }
  }

  /// A card in review with a stability of 20 days, last seen at `start`.
  var known: CardSchedule {
    CardSchedule(
      state: .review, stability: 20, difficulty: 5, due: start + 20 * 86_400, lastReview: start, reps: 3)
  }

  /// A review of card 1 at `time` from `before`, recorded as leading to `after`.
  func review(_ time: Date, before: CardSchedule, after: CardSchedule, rating: Int = 3) -> StoredReview {
    StoredReview(
      cardID: 1, reviewedAt: time, rating: rating, quiz: "flip", durationMilliseconds: 1000,
      before: before, after: after)
  }

  /// The days a Good answer to ``known`` at `time` may fall on, and the plain interval.
  func range(at time: Date) throws -> (days: ClosedRange<Int>, today: Int) {
    var generator = SeededGenerator(cardID: 1, reviewCount: known.reps)
    let outcome = try scheduler.review(known.cardState(newCardDue: time), rating: .good, at: time, using: &generator)
    let days = try #require(outcome.log.scheduledDays)
    return (try scheduler.fuzzRange(days: days), clock.dayNumber(of: time))
  }

  @Test func aLogThatGoesOnFromItsOwnSchedulesKeepsTheRecordedOnes() throws {
    // Recorded afters no scheduler would give: they are kept as they are.
    let first = CardSchedule(state: .review, stability: 7, difficulty: 3, due: start + 3 * 86_400, lastReview: start, reps: 1)
    let second = CardSchedule(state: .review, stability: 9, difficulty: 3, due: start + 40 * 86_400, lastReview: start + 3 * 86_400, reps: 2)
    let log = MergedLog(
      cards: [ReplayCard(id: 1, noteID: 1, siblingGroup: "g", isActive: true, schedule: .new)],
      reviews: [review(start, before: .new, after: first), review(start + 3 * 86_400, before: first, after: second)],
      rescheduled: [1])
    #expect(try LogReplay.replay(log, scheduling: DeckScheduling(everyDeck: AnswerScheduler(scheduler: scheduler, clock: clock))).schedules == [1: second])
  }

  @Test func anInterleavedReviewKeepsOffTheSiblingsDaysAsAReviewWould() throws {
    let time = start + 20 * 86_400
    let (days, today) = try range(at: time)
    #expect(days.count > 2)
    let free = days.upperBound
    // Active siblings due on every other day of the range; a retired one, and a new one, on
    // the free day do not count.
    var cards = [ReplayCard(id: 1, noteID: 1, siblingGroup: "g", isActive: true, schedule: .new)]
    for (index, day) in days.enumerated() where day != free {
      cards.append(
        ReplayCard(
          id: Int64(10 + index), noteID: 1, siblingGroup: "g", isActive: true,
          schedule: CardSchedule(state: .review, stability: 30, difficulty: 5, due: clock.startOfDay(today + day), lastReview: start, reps: 2)))
    }
    cards.append(
      ReplayCard(
        id: 30, noteID: 1, siblingGroup: "g", isActive: false,
        schedule: CardSchedule(state: .review, stability: 30, difficulty: 5, due: clock.startOfDay(today + free), lastReview: start, reps: 2)))
    // Another machine answered card 1 from a schedule this log does not lead to.
    let elsewhere = CardSchedule(state: .learning, step: 0, stability: 2, difficulty: 5, due: time, lastReview: time - 600, reps: 1)
    let log = MergedLog(
      cards: cards,
      reviews: [
        review(start - 86_400, before: .new, after: known),
        review(time, before: elsewhere, after: CardSchedule(state: .review, stability: 2, difficulty: 5, due: time + 86_400, lastReview: time, reps: 2)),
      ],
      rescheduled: [1])
    let merged = try #require(try LogReplay.replay(log, scheduling: DeckScheduling(everyDeck: AnswerScheduler(scheduler: scheduler, clock: clock))).schedules[1])
    #expect(merged.reps == known.reps + 1)
    #expect(merged.lastReview == time)
    #expect(merged.state == .review)
    #expect(clock.dayNumber(of: try #require(merged.due)) == today + free)
  }

  @Test func anInterleavedReviewGoesToTheEmptyDayAsAReviewWould() throws {
    let time = start + 20 * 86_400
    let (days, today) = try range(at: time)
    let empty = days.lowerBound
    // 300 active review cards due on every other day of the range (not siblings), and 300
    // retired ones on the empty day.
    var cards = [ReplayCard(id: 1, noteID: 1, siblingGroup: "g", isActive: true, schedule: .new)]
    var id: Int64 = 100
    for day in days {
      for _ in 0..<300 {
        id += 1
        cards.append(
          ReplayCard(
            id: id, noteID: 2, siblingGroup: "other \(id)", isActive: day != empty,
            schedule: CardSchedule(state: .review, stability: 30, difficulty: 5, due: clock.startOfDay(today + day), lastReview: start, reps: 2)))
      }
    }
    let elsewhere = CardSchedule(state: .review, stability: 50, difficulty: 5, due: time, lastReview: start, reps: 3)
    let log = MergedLog(
      cards: cards,
      reviews: [
        review(start - 86_400, before: .new, after: known),
        review(time, before: elsewhere, after: elsewhere),
      ],
      rescheduled: [1])
    let merged = try #require(try LogReplay.replay(log, scheduling: DeckScheduling(everyDeck: AnswerScheduler(scheduler: scheduler, clock: clock))).schedules[1])
    #expect(clock.dayNumber(of: try #require(merged.due)) == today + empty)
  }

  @Test func anInterleavedReviewCountsTheDueDaysAsTheLogLeavesThemThen() throws {
    let time = start + 20 * 86_400
    let (days, today) = try range(at: time)
    let (emptyAtFirst, emptiedByTheLog) = (days.lowerBound, days.upperBound)
    // 300 review cards due on every day of the range but the first; earlier in the log, the
    // cards of the last day are answered onto the first, which leaves the last day empty then.
    var cards = [ReplayCard(id: 1, noteID: 1, siblingGroup: "g", isActive: true, schedule: .new)]
    var moves: [StoredReview] = []
    var id: Int64 = 100
    for day in days where day != emptyAtFirst {
      for _ in 0..<300 {
        id += 1
        let schedule = CardSchedule(
          state: .review, stability: 30, difficulty: 5, due: clock.startOfDay(today + day), lastReview: start, reps: 2)
        cards.append(ReplayCard(id: id, noteID: 2, siblingGroup: "other \(id)", isActive: true, schedule: schedule))
        if day == emptiedByTheLog {
          var moved = schedule
          moved.due = clock.startOfDay(today + emptyAtFirst)
          moved.reps = 3
          moves.append(
            StoredReview(
              cardID: id, reviewedAt: start, rating: 3, quiz: "flip", durationMilliseconds: 1000,
              before: schedule, after: moved))
        }
      }
    }
    let elsewhere = CardSchedule(state: .review, stability: 50, difficulty: 5, due: time, lastReview: start, reps: 3)
    let log = MergedLog(
      cards: cards,
      reviews: [review(start - 86_400, before: .new, after: known)] + moves + [
        review(time, before: elsewhere, after: elsewhere)
      ],
      rescheduled: [1])
    let merged = try #require(try LogReplay.replay(log, scheduling: DeckScheduling(everyDeck: AnswerScheduler(scheduler: scheduler, clock: clock))).schedules[1])
    #expect(clock.dayNumber(of: try #require(merged.due)) == today + emptiedByTheLog)
  }

  @Test func aReviewMadeFromARecomputedScheduleAsStoredGoesOnFromIt() throws {
    // Machine A's first answer; machine B's first answer, from new, is computed again (a
    // learning step: due minutes after a time in whole milliseconds, which a Double does not
    // always hold exactly, as when the sum crosses 2^31 seconds, in January 2038); B, having
    // merged, answers again from that schedule as its store kept it. That answer continues
    // the log: its recorded schedule is kept.
    let scheduler = try self.scheduler
    let start = Date(timeIntervalSince1970: 2_147_483_648 - 3600)
    let first = CardSchedule(state: .learning, step: 0, stability: 2, difficulty: 5, due: start + 60, lastReview: start, reps: 1)
    var found: (Date, CardSchedule)?
    for milliseconds in 0..<5000 {
      let time = Date(timeIntervalSince1970: (2_147_483_648_000 - 300_000 + Double(milliseconds) * 7) / 1000)
      var generator = SeededGenerator(cardID: 1, reviewCount: first.reps)
      let computed = CardSchedule(
        scheduler.review(first.cardState(newCardDue: time), rating: .good, at: time, using: &generator).card)
      if computed != computed.asStored {
        found = (time, computed.asStored)
        break
      }
    }
    let (time, stored) = try #require(found, "a time whose step due date is not whole milliseconds")
    let marker = CardSchedule(state: .review, stability: 4, difficulty: 4, due: time + 5 * 86_400, lastReview: time + 3600, reps: 3)
    let log = MergedLog(
      cards: [ReplayCard(id: 1, noteID: 1, siblingGroup: "g", isActive: true, schedule: .new)],
      reviews: [
        review(start, before: .new, after: first),
        review(time, before: .new, after: CardSchedule(state: .learning, step: 0, stability: 3, difficulty: 5, due: time + 60, lastReview: time, reps: 1)),
        review(time + 3600, before: stored, after: marker),
      ],
      rescheduled: [1])
    #expect(try LogReplay.replay(log, scheduling: DeckScheduling(everyDeck: AnswerScheduler(scheduler: scheduler, clock: clock))).schedules == [1: marker])
  }

  @Test func aCardWhoseReviewsWereAllUndoneIsNewAgain() throws {
    let log = MergedLog(
      cards: [ReplayCard(id: 1, noteID: 1, siblingGroup: "g", isActive: true, schedule: known)],
      reviews: [], rescheduled: [1])
    #expect(try LogReplay.replay(log, scheduling: DeckScheduling(everyDeck: AnswerScheduler(scheduler: scheduler, clock: clock))).schedules == [1: .new])
  }
}
