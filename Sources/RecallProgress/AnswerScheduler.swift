import Foundation
import RecallScheduling
import RecallStorage

/// Schedules an answered card, the one way the review, `import-progress` and `import-anki` all
/// do: the FSRS-6 scheduler with its fuzz seeded by the card and its review count, then the
/// load balancer that spreads due days and keeps siblings apart.
///
/// Where the due days come from is the caller's: the review reads them from the store, the
/// merge of a log keeps them as it walks the log. Given the same due days, both give the same
/// schedule.
public struct AnswerScheduler: Sendable {
  /// The scheduler, with the user's settings and parameters, counting study days.
  public let scheduler: Scheduler
  /// The clock that counts study days.
  public let clock: DayClock

  /// The scheduling for some settings.
  public init(settings: StudySettings, timeZone: TimeZone = .current) throws(ProgressError) {
    let clock = settings.dayClock(timeZone: timeZone)
    do {
      try self.init(
        scheduler: Scheduler(
          parameters: settings.parameters, settings: settings.scheduler, dayCounting: .studyDays(clock)),
        clock: clock)
    } catch {
      throw .invalidSchedulerSettings(reason: "\(error)")
    }
  }

  /// The scheduling with a scheduler made already.
  public init(scheduler: Scheduler, clock: DayClock) {
    self.scheduler = scheduler
    self.clock = clock
  }

  /// The card's current interval in study days, for a card in review.
  public func intervalDays(of schedule: CardSchedule) -> Double? {
    guard schedule.state == .review, let due = schedule.due, let last = schedule.lastReview else {
      return nil
    }
    return Double(max(0, clock.daysBetween(last, due)))
  }

  /// The card's next schedule after `rating` at `now`, without the load balancer: for showing
  /// what each rating would do.
  public func preview(_ schedule: CardSchedule, cardID: Int64, rating: Rating, at now: Date) -> CardSchedule {
    var generator = SeededGenerator(cardID: cardID, reviewCount: schedule.reps)
    let outcome = scheduler.review(schedule.cardState(newCardDue: now), rating: rating, at: now, using: &generator)
    return CardSchedule(outcome.card)
  }

  /// The card's next schedule after `rating` at `now`, as the store keeps it (times to the
  /// millisecond).
  ///
  /// The fuzz and the load balancer draw from a generator seeded by the card's id and review
  /// count, so a replay gives the same dates
  /// (``Scheduler/balancedReview(_:rating:at:clock:using:dueCounts:siblingDueDays:)``). A card
  /// that ends in review gets the day in its fuzz range with the fewest cards due, never a day
  /// on which a sibling is due unless every day has one.
  ///
  /// - Parameters:
  ///   - dueCounts: How many review cards are due on each study day of a span.
  ///   - siblingDueDays: The study days on which the card's siblings are due.
  public func next<Counts: DueCountsByDay>(
    _ schedule: CardSchedule, cardID: Int64, rating: Rating, at now: Date,
    dueCounts: (ClosedRange<Int>) throws -> Counts, siblingDueDays: () throws -> Set<Int>
  ) rethrows -> CardSchedule {
    var generator = SeededGenerator(cardID: cardID, reviewCount: schedule.reps)
    let outcome = try scheduler.balancedReview(
      schedule.cardState(newCardDue: now), rating: rating, at: now, clock: clock, using: &generator,
      dueCounts: dueCounts, siblingDueDays: siblingDueDays)
    return CardSchedule(outcome.card).asStored
  }

  /// ``next(_:cardID:rating:at:dueCounts:siblingDueDays:)`` with the due dates of a store.
  ///
  /// - Parameters:
  ///   - dueDates: The due dates of review cards from one instant to another.
  ///   - siblingDueDates: The due dates of the card's siblings.
  public func next(
    _ schedule: CardSchedule, cardID: Int64, rating: Rating, at now: Date,
    dueDates: (Date, Date) throws -> [Date], siblingDueDates: () throws -> [Date]
  ) rethrows -> CardSchedule {
    let clock = self.clock
    return try next(
      schedule, cardID: cardID, rating: rating, at: now,
      dueCounts: { days in
        var counts: [Int: Int] = [:]
        let dates = try dueDates(clock.startOfDay(days.lowerBound), clock.startOfDay(days.upperBound + 1))
        for date in dates { counts[clock.dayNumber(of: date), default: 0] += 1 }
        return counts
      },
      siblingDueDays: { Set(try siblingDueDates().map(clock.dayNumber(of:))) })
  }
}

/// The scheduling of each deck: with the deck's own settings where it has some
/// (`recall config --deck`), else with the settings for every deck.
public struct DeckScheduling: Sendable {
  /// The stored settings, for every deck and per deck.
  public let settings: [Setting]
  /// The time zone that counts study days.
  public let timeZone: TimeZone
  /// The scheduling with the settings for every deck.
  public let everyDeck: AnswerScheduler
  private var byDeck: [String: AnswerScheduler] = [:]

  /// The scheduling of every deck for `settings`.
  public init(settings: [Setting], timeZone: TimeZone = .current) throws(ProgressError) {
    self.settings = settings
    self.timeZone = timeZone
    everyDeck = try AnswerScheduler(settings: StudySettings.resolve(settings, deck: nil), timeZone: timeZone)
  }

  /// The scheduling of one answer for every deck, with a scheduler made already.
  public init(everyDeck: AnswerScheduler) {
    settings = []
    timeZone = everyDeck.clock.timeZone
    self.everyDeck = everyDeck
  }

  /// The scheduling of the cards of `deck`.
  public mutating func scheduler(forDeck deck: String) throws(ProgressError) -> AnswerScheduler {
    if let known = byDeck[deck] { return known }
    let scheduler =
      settings.contains(where: { $0.deck != nil })
      ? try AnswerScheduler(settings: StudySettings.resolve(settings, deck: deck), timeZone: timeZone)
      : everyDeck
    byDeck[deck] = scheduler
    return scheduler
  }
}
