import Foundation

/// Picks a review card's due day inside its fuzz range so that siblings are not due on
/// the same day and no day gets a spike, in the manner of Anki's load balancer.
///
/// Days are study-day numbers (``DayClock/dayNumber(of:)``). Every candidate interval in
/// the range gets a weight `1 / (cards due that day + 1)²`, times `1 / (1 + distance
/// from the unfuzzed interval)`, so emptier days and days near the model's interval are
/// preferred; days on which a sibling is due get no weight unless every day has one. The
/// choice is a weighted draw from `rng`, so a seeded generator replays it exactly.
///
/// ```swift
/// let outcome = scheduler.review(card, rating: rating, at: now, using: &rng)
/// if let days = outcome.log.scheduledDays {
///   let chosen = LoadBalancer.interval(
///     scheduled: days, range: scheduler.fuzzRange(days: days), today: today,
///     dueCounts: counts, siblingDueDays: siblingDays, using: &rng)
///   let balanced = scheduler.rescheduled(outcome, intervalDays: chosen)
/// }
/// ```
public enum LoadBalancer {
  /// The chosen interval in days, within `range`.
  ///
  /// - Parameters:
  ///   - scheduled: the model's interval before fuzz.
  ///   - range: the allowed intervals, usually ``Scheduler/fuzzRange(days:)``.
  ///   - today: the study day of the review.
  ///   - dueCounts: how many cards are already due on each study day.
  ///   - siblingDueDays: the study days on which the card's siblings are due.
  ///   - rng: the random source.
  public static func interval(
    scheduled: Int, range: ClosedRange<Int>, today: Int, dueCounts: [Int: Int],
    siblingDueDays: Set<Int>, using rng: inout some RandomNumberGenerator
  ) -> Int {
    interval(
      scheduled: scheduled, range: range, today: today, counts: dueCounts, siblingDueDays: siblingDueDays, using: &rng)
  }

  /// ``interval(scheduled:range:today:dueCounts:siblingDueDays:using:)`` with the counts of
  /// any table.
  public static func interval(
    scheduled: Int, range: ClosedRange<Int>, today: Int, counts dueCounts: some DueCountsByDay,
    siblingDueDays: Set<Int>, using rng: inout some RandomNumberGenerator
  ) -> Int {
    let candidates = Array(range)
    guard candidates.count > 1 else { return range.lowerBound }
    let free = siblingDueDays.isEmpty ? candidates : candidates.filter { !siblingDueDays.contains(today + $0) }
    let pool = free.isEmpty ? candidates : free
    let weights = pool.map { interval -> Double in
      let load = Double(dueCounts.dueCount(on: today + interval)) + 1
      return 1 / (load * load) / (1 + Double(abs(interval - scheduled)))
    }
    let total = weights.reduce(0, +)
    var target = rng.unitInterval() * total
    for (interval, weight) in zip(pool, weights) {
      if target < weight { return interval }
      target -= weight
    }
    return pool[pool.count - 1]
  }
}

extension Scheduler {
  /// The card's next state after `rating` at `now`, its due day chosen by the ``LoadBalancer``
  /// among the days its fuzz allows: the way a review schedules an answered card.
  ///
  /// `rng` gives the fuzz first and then the balancer's draw, so a generator seeded the same
  /// way (``SeededGenerator/init(cardID:reviewCount:)``) with the same due days gives the
  /// same date. A card that does not end in review comes back as ``review(_:rating:at:using:)``
  /// leaves it. Without fuzz, the balancer moves a card a day either way only when a sibling
  /// is due on its day.
  ///
  /// - Parameters:
  ///   - clock: The clock that numbers the study days.
  ///   - dueCounts: How many review cards are due on each study day of a span (asked only for
  ///     a card that may move).
  ///   - siblingDueDays: The study days on which the card's siblings are due.
  public func balancedReview<Counts: DueCountsByDay>(
    _ card: CardState, rating: Rating, at now: Date, clock: DayClock,
    using rng: inout some RandomNumberGenerator,
    dueCounts: (_ days: ClosedRange<Int>) throws -> Counts,
    siblingDueDays: () throws -> Set<Int>
  ) rethrows -> ReviewOutcome {
    let outcome = review(card, rating: rating, at: now, using: &rng)
    guard let days = outcome.log.scheduledDays, outcome.card.phase == .review else { return outcome }
    let today = clock.dayNumber(of: now)
    let siblingDays = try siblingDueDays()
    var range = settings.fuzzEnabled ? fuzzRange(days: days) : days...days
    if range.count == 1, siblingDays.contains(today + days) {
      // No fuzz to move within: allow a day either side so siblings stay apart.
      range = max(1, days - 1)...min(days + 1, settings.maximumInterval)
    }
    guard range.count > 1 else { return outcome }
    let counts = try dueCounts((today + range.lowerBound)...(today + range.upperBound))
    let chosen = LoadBalancer.interval(
      scheduled: days, range: range, today: today, counts: counts, siblingDueDays: siblingDays, using: &rng)
    return rescheduled(outcome, intervalDays: chosen)
  }
}

/// How many cards are due on each study day, as the ``LoadBalancer`` reads them: a dictionary,
/// or a table a caller keeps of its own (a merge's replay keeps its counts in an array, and
/// made a dictionary of them for each answer it scheduled).
public protocol DueCountsByDay {
  /// The cards due on study day `day`; 0 for none.
  func dueCount(on day: Int) -> Int
}

extension Dictionary: DueCountsByDay where Key == Int, Value == Int {
  public func dueCount(on day: Int) -> Int { self[day] ?? 0 }
}
