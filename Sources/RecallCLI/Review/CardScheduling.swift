import Foundation
import RecallReview
import RecallScheduling
import RecallStorage

/// Schedules answered cards: the FSRS-6 scheduler with its fuzz seeded by card and review
/// count, then the load balancer that keeps siblings apart and spreads due days, with the due
/// dates read from the store.
struct CardScheduling: Sendable {
  /// The scheduler, with the user's settings and parameters, counting study days.
  let scheduler: Scheduler
  /// The clock that counts study days.
  let clock: DayClock

  /// Creates the scheduling for some settings.
  init(settings: StudySettings, timeZone: TimeZone = .current) throws {
    clock = settings.dayClock(timeZone: timeZone)
    scheduler = try Scheduler(
      parameters: settings.parameters, settings: settings.scheduler, dayCounting: .studyDays(clock))
  }

  /// The scheduler's view of a stored schedule (a new card is due at `now`).
  static func state(of schedule: CardSchedule, now: Date) -> RecallScheduling.CardState {
    schedule.cardState(newCardDue: now)
  }

  /// The stored form of a scheduler state.
  static func schedule(of state: RecallScheduling.CardState) -> CardSchedule {
    CardSchedule(state)
  }

  /// The review module's phase for a stored phase.
  static func phase(of state: SchedulePhase) -> RecallReview.CardPhase {
    switch state {
    case .new: return .new
    case .learning: return .learning
    case .review: return .review
    case .relearning: return .relearning
    }
  }

  /// The card's current interval in study days, for a card in review.
  func intervalDays(of schedule: CardSchedule) -> Double? {
    guard schedule.state == .review, let due = schedule.due, let last = schedule.lastReview else {
      return nil
    }
    return Double(max(0, clock.daysBetween(last, due)))
  }

  /// The card's next schedule after `rating` at `now`, without the load balancer: for showing
  /// what each grade would do.
  func preview(_ schedule: CardSchedule, cardID: Int64, rating: Rating, at now: Date) -> CardSchedule {
    var rng = SeededGenerator(cardID: cardID, reviewCount: schedule.reps)
    let outcome = scheduler.review(Self.state(of: schedule, now: now), rating: rating, at: now, using: &rng)
    return Self.schedule(of: outcome.card)
  }

  /// The card's next schedule after `rating` at `now`.
  ///
  /// The fuzz and the load balancer draw from a generator seeded by the card's id and review
  /// count, so replaying the log gives the same dates
  /// (``Scheduler/balancedReview(_:rating:at:clock:using:dueCounts:siblingDueDays:)``, which the
  /// merge of another machine's log uses too). A card that ends in review gets the day
  /// in its fuzz range with the fewest cards due, never a day on which a sibling is due unless
  /// every day has one.
  ///
  /// - Parameters:
  ///   - dueDates: The due dates of review cards in a span of days (from the store).
  ///   - siblingDueDates: The due dates of the card's siblings.
  func next(
    _ schedule: CardSchedule, cardID: Int64, rating: Rating, at now: Date,
    dueDates: (Date, Date) throws -> [Date], siblingDueDates: () throws -> [Date]
  ) rethrows -> CardSchedule {
    var rng = SeededGenerator(cardID: cardID, reviewCount: schedule.reps)
    let clock = self.clock
    let outcome = try scheduler.balancedReview(
      Self.state(of: schedule, now: now), rating: rating, at: now, clock: clock, using: &rng,
      dueCounts: { days in
        var counts: [Int: Int] = [:]
        let dates = try dueDates(clock.startOfDay(days.lowerBound), clock.startOfDay(days.upperBound + 1))
        for date in dates { counts[clock.dayNumber(of: date), default: 0] += 1 }
        return counts
      },
      siblingDueDays: { Set(try siblingDueDates().map(clock.dayNumber(of:))) })
    return Self.schedule(of: outcome.card)
  }
}
