import Testing

@testable import RecallScheduling

struct LoadBalancerTests {
  @Test func siblingDaysAreAvoided() {
    for seed in 0..<200 {
      var rng = SeededGenerator(seed: UInt64(seed))
      let chosen = LoadBalancer.interval(
        scheduled: 10, range: 8...12, today: 100, dueCounts: [:],
        siblingDueDays: [110, 109, 111], using: &rng)
      #expect(chosen == 8 || chosen == 12)
    }
  }

  @Test func everyDayTakenBySiblingsStillGivesADayInRange() {
    var rng = SeededGenerator(seed: 3)
    let chosen = LoadBalancer.interval(
      scheduled: 10, range: 9...11, today: 0, dueCounts: [:], siblingDueDays: [9, 10, 11],
      using: &rng)
    #expect((9...11).contains(chosen))
  }

  @Test func emptierDaysAreChosenMoreOften() {
    var tally: [Int: Int] = [:]
    for seed in 0..<2000 {
      var rng = SeededGenerator(seed: UInt64(seed))
      let chosen = LoadBalancer.interval(
        scheduled: 10, range: 8...12, today: 0,
        dueCounts: [8: 40, 9: 40, 10: 40, 11: 0, 12: 40], siblingDueDays: [], using: &rng)
      tally[chosen, default: 0] += 1
    }
    #expect(tally[11, default: 0] > 1800)
  }

  @Test func equalLoadsLeanTowardTheScheduledInterval() {
    var tally: [Int: Int] = [:]
    for seed in 0..<4000 {
      var rng = SeededGenerator(seed: UInt64(seed))
      tally[
        LoadBalancer.interval(
          scheduled: 10, range: 8...12, today: 0, dueCounts: [:], siblingDueDays: [], using: &rng),
        default: 0] += 1
    }
    #expect(tally[10, default: 0] > tally[9, default: 0])
    #expect(tally[9, default: 0] > tally[8, default: 0])
    #expect(tally[11, default: 0] > tally[12, default: 0])
  }

  @Test func sameSeedSameChoiceAndSingleDayRanges() {
    var a = SeededGenerator(cardID: 9, reviewCount: 2)
    var b = SeededGenerator(cardID: 9, reviewCount: 2)
    let counts = [30: 5, 31: 2, 32: 7]
    #expect(
      LoadBalancer.interval(
        scheduled: 31, range: 29...33, today: 0, dueCounts: counts, siblingDueDays: [], using: &a)
        == LoadBalancer.interval(
          scheduled: 31, range: 29...33, today: 0, dueCounts: counts, siblingDueDays: [], using: &b)
    )
    var rng = SeededGenerator(seed: 1)
    #expect(
      LoadBalancer.interval(
        scheduled: 2, range: 2...2, today: 0, dueCounts: [:], siblingDueDays: [2], using: &rng) == 2
    )
  }

  /// Counts kept in an array from day 28, as a merge's replay keeps them.
  private struct ArrayCounts: DueCountsByDay {
    let counts: [Int]
    func dueCount(on day: Int) -> Int { (28..<(28 + counts.count)).contains(day) ? counts[day - 28] : 0 }
  }

  @Test func countsOfAnyTableChooseAsTheSameCountsInADictionary() {
    for seed in 0..<50 {
      var a = SeededGenerator(seed: UInt64(seed))
      var b = SeededGenerator(seed: UInt64(seed))
      let counts = (0..<6).map { ($0 * 7 + seed) % 9 }
      let dictionary = Dictionary(uniqueKeysWithValues: counts.enumerated().map { (28 + $0.offset, $0.element) })
      let siblings: Set<Int> = seed % 3 == 0 ? [30] : []
      #expect(
        LoadBalancer.interval(
          scheduled: 31, range: 27...34, today: 0, dueCounts: dictionary, siblingDueDays: siblings, using: &a)
          == LoadBalancer.interval(
            scheduled: 31, range: 27...34, today: 0, counts: ArrayCounts(counts: counts), siblingDueDays: siblings,
            using: &b))
    }
  }
}
