import Foundation
import RecallStorage
import RecallTestSupport
import Testing

/// `recall optimize` through the real binary: fits on the review log (undone reviews left
/// out), prints the figures before and after, keeps better parameters only, and writes
/// nothing with --dry-run.
@Suite(.serialized)
struct OptimizeCommandTests {
  /// A store with the bundled notes and a simulated review history of `cards` cards.
  static func simulatedHistory(cards: Int) throws -> RecallProcess {
    let recall = try RecallProcess("recall-optimize-cli")
    _ = try recall.run(["review", "--limit", "0"], now: "2026-01-01T09:00:00Z")
    let store = try recall.store()
    var seed: UInt64 = 42
    func random() -> Double {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(seed >> 11) / Double(1 << 53)
    }
    let start = Date(timeIntervalSince1970: 1_767_258_000)  // 2026-01-01T09:00:00Z
    var entries: [StoredReview] = []
    for card in try store.cards().prefix(cards) {
      var stability = 1.5
      var day = 0.0
      var schedule = CardSchedule.new
      for rep in 0..<8 {
        let interval = max(1, (stability * (0.8 + 0.4 * random())).rounded())
        day += rep == 0 ? 0 : interval
        let recalled = rep == 0 || random() < pow(1 + interval / (9 * stability), -1)
        let rating = recalled ? (random() < 0.8 ? 3 : 4) : 1
        stability = recalled ? stability * 2.5 : max(1, stability * 0.4)
        let at = start.addingTimeInterval(day * 86_400)
        let after = CardSchedule(
          state: .review, stability: stability, difficulty: 5, due: at.addingTimeInterval(stability * 86_400),
          lastReview: at, reps: rep + 1, lapses: 0)
        entries.append(
          StoredReview(
            cardID: card.id, reviewedAt: at, rating: rating, quiz: "typed", correct: rating > 1,
            durationMilliseconds: 3000, before: schedule, after: after))
        schedule = after
      }
    }
    try store.recordReviews(entries)
    return recall
  }

  @Test func aDryRunPrintsTheFiguresAndWritesNothing() throws {
    let recall = try Self.simulatedHistory(cards: 60)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: recall.database))
    let result = try recall.run(["optimize", "--dry-run"], now: "2026-12-01T09:00:00Z")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("480 reviews, "))
    #expect(result.stdout.contains("log-loss   RMSE"))
    #expect(result.stdout.contains("in use "))
    #expect(result.stdout.contains("fitted "))
    #expect(result.stdout.contains("Dry run: nothing was written.") || result.stdout.contains("The parameters in use stay; nothing was written."))
    #expect(try recall.store().setting("parameters") == nil)
    _ = bytes
  }

  @Test func keepsFittedParametersOnlyWhenTheyPredictBetterAndTheReviewUsesThem() throws {
    let recall = try Self.simulatedHistory(cards: 60)
    // One undone review: it is left out of the fit.
    let store = try recall.store()
    let last = try #require(try store.reviews().last)
    try store.undoReview(id: last.id, at: Date(timeIntervalSince1970: 1_800_000_000))
    let result = try recall.run(["optimize"], now: "2026-12-01T09:00:00Z")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("479 reviews, "))
    let stored = try recall.store().setting("parameters")
    if result.stdout.contains("predict your reviews better:") {
      #expect(result.stdout.contains("The new parameters are stored"))
      let weights = try #require(stored).split(separator: ",")
      #expect(weights.count == 21)
      let config = try recall.run(["config", "parameters"])
      #expect(config.stdout.contains("(set)"))
      // The review schedules with them (it still runs).
      let review = try recall.run(["review", "--json", "--limit", "1"], now: "2026-12-01T09:00:00Z", input: "good\n")
      #expect(review.events("answered").count == 1)
    } else {
      #expect(stored == nil)
    }
  }

  @Test func aSmallLogKeepsTheDefaults() throws {
    let recall = try RecallProcess("recall-optimize-cli")
    _ = try recall.run(["review", "--limit", "2"], now: "2026-01-01T09:00:00Z", input: "good\ngood\n")
    let result = try recall.run(["optimize"], now: "2026-01-02T09:00:00Z")
    #expect(result.status == 0)
    #expect(result.stdout.contains("too few to fit (under 8); the defaults apply"))
    #expect(try recall.store().setting("parameters") == nil)
  }
}
