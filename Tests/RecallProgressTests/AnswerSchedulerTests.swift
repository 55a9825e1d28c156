import Foundation
import RecallProgress
import RecallScheduling
import RecallStorage
import Testing


/// Scheduling an answered card: replays are exact (fuzz and load balancer seeded by card and
/// review count), siblings are kept off each other's day, and stored and scheduler states
/// convert both ways.
struct AnswerSchedulerTests {
  static let now = Date(timeIntervalSince1970: 1_795_597_200)  // 2026-11-25T09:00:00Z

  static func scheduling(fuzz: Bool = true) throws -> AnswerScheduler {
    var settings = StudySettings.resolve([], deck: nil)
    settings.scheduler.fuzzEnabled = fuzz
    return try AnswerScheduler(settings: settings, timeZone: TimeZone(identifier: "UTC") ?? .current)
  }

  /// A card in review, last seen 20 days ago with a stability of 20 days.
  static let known = CardSchedule(
    state: .review, stability: 20, difficulty: 5, due: now, lastReview: now.addingTimeInterval(-20 * 86_400),
    reps: 4, lapses: 0)

  @Test func aReplayGivesTheSameDueDate() throws {
    let scheduling = try Self.scheduling()
    let first = scheduling.next(
      Self.known, cardID: 7, rating: .good, at: Self.now, dueDates: { _, _ in [] }, siblingDueDates: { [] })
    for _ in 0..<5 {
      let again = scheduling.next(
        Self.known, cardID: 7, rating: .good, at: Self.now, dueDates: { _, _ in [] }, siblingDueDates: { [] })
      #expect(again == first)
    }
    let other = (1...20).map { id in
      scheduling.next(
        Self.known, cardID: Int64(id), rating: .good, at: Self.now, dueDates: { _, _ in [] },
        siblingDueDates: { [] }
      ).due
    }
    #expect(Set(other).count > 1, "different cards spread over the fuzz range")
  }

  @Test func aSiblingsDueDayIsAvoided() throws {
    for fuzz in [true, false] {
      let scheduling = try Self.scheduling(fuzz: fuzz)
      let plain = scheduling.next(
        Self.known, cardID: 7, rating: .good, at: Self.now, dueDates: { _, _ in [] }, siblingDueDates: { [] })
      let siblingDue = try #require(plain.due)
      for id in 1...30 {
        let balanced = scheduling.next(
          Self.known, cardID: Int64(id), rating: .good, at: Self.now, dueDates: { _, _ in [] },
          siblingDueDates: { [siblingDue] })
        let day = scheduling.clock.dayNumber(of: try #require(balanced.due))
        #expect(day != scheduling.clock.dayNumber(of: siblingDue), "fuzz \(fuzz), card \(id)")
      }
    }
  }

  @Test func theLoadBalancerPicksTheEmptyDayInTheRange() throws {
    let scheduling = try Self.scheduling()
    let today = scheduling.clock.dayNumber(of: Self.now)
    let plain = scheduling.next(
      Self.known, cardID: 7, rating: .good, at: Self.now, dueDates: { _, _ in [] }, siblingDueDates: { [] })
    let emptyDay = scheduling.clock.dayNumber(of: try #require(plain.due))
    // 500 cards due on every day of the range but one: every card lands on the empty day.
    for id in 1...20 {
      let next = scheduling.next(
        Self.known, cardID: Int64(id), rating: .good, at: Self.now,
        dueDates: { start, end in
          var dates: [Date] = []
          var day = scheduling.clock.dayNumber(of: start)
          while scheduling.clock.startOfDay(day) < end {
            if day != emptyDay { dates += Array(repeating: scheduling.clock.startOfDay(day), count: 500) }
            day += 1
          }
          return dates
        }, siblingDueDates: { [] })
      #expect(scheduling.clock.dayNumber(of: try #require(next.due)) == emptyDay, "card \(id)")
    }
    #expect(emptyDay > today)
  }

  @Test func statesConvertBothWays() {
    let stored = Self.known
    let state = stored.cardState(newCardDue: Self.now)
    #expect(state.phase == .review)
    #expect(CardSchedule(state) == stored)
    #expect(CardSchedule.new.cardState(newCardDue: Self.now).phase == .new)
    #expect(CardSchedule(.new(due: Self.now)) == .new)
  }
}
