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
    let candidates = Array(range)
    guard candidates.count > 1 else { return range.lowerBound }
    let free = candidates.filter { !siblingDueDays.contains(today + $0) }
    let pool = free.isEmpty ? candidates : free
    let weights = pool.map { interval -> Double in
      let load = Double(dueCounts[today + interval] ?? 0) + 1
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
