import Foundation

@testable import RecallScheduling

/// Simulates a learner whose memory follows known FSRS-6 weights, for optimizer tests.
///
/// Cards are introduced over the first 60 days and reviewed at their due time (sometimes
/// late); a long-term review succeeds with the true model's recall probability.
struct LogSimulator {
  /// The weights of `optimize_bench.py`'s ground truth, all different from the defaults.
  static let groundTruth = try! FSRSParameters([
    0.35, 1.6, 3.8, 11.5, 5.9, 1.05, 2.4, 0.015, 1.4, 0.13, 0.95, 1.7, 0.08, 0.33, 1.9, 0.5,
    2.1, 0.45, 0.25, 0.1, 0.25,
  ])

  let truth: FSRSParameters
  let cards: Int
  let horizonDays: Int

  func reviewLogs(seed: UInt64, firstCardID: Int64 = 1) throws -> [ReviewLogEntry] {
    var rng = SeededGenerator(seed: seed)
    let settings = SchedulerSettings(desiredRetention: 0.9, maximumInterval: 90, fuzzEnabled: false)
    let scheduler = try Scheduler(
      parameters: truth, settings: settings, dayCounting: .studyDays(.utcMidnight))
    var logs: [ReviewLogEntry] = []
    for index in 0..<cards {
      let cardID = firstCardID + Int64(index)
      let introduced = Double(Int(rng.unitInterval() * 60)) * 86_400 + 8 * 3600
      var now = Date(timeIntervalSince1970: introduced + rng.unitInterval() * 3600)
      var card = CardState.new(due: now)
      let end = Date(timeIntervalSince1970: Double(horizonDays) * 86_400)
      while now < end {
        let rating: Rating
        if card.phase == .review {
          let recalled = rng.unitInterval() < scheduler.retrievability(of: card, at: now)
          rating = recalled ? pick([.hard, .good, .easy], [0.12, 0.78, 0.10], &rng) : .again
        } else {
          rating = pick([.again, .hard, .good, .easy], [0.15, 0.10, 0.65, 0.10], &rng)
        }
        logs.append(ReviewLogEntry(cardID: cardID, reviewedAt: now, rating: rating))
        card = scheduler.review(card, rating: rating, at: now, using: &rng).card
        // On time mostly, sometimes hours or days late.
        let lateness =
          rng.unitInterval() < 0.7 ? rng.unitInterval() * 3600 : rng.unitInterval() * 4 * 86_400
        now = max(card.due, now.addingTimeInterval(60)).addingTimeInterval(
          lateness + 8 * 3600 * Double(card.phase == .review ? 1 : 0))
      }
    }
    return logs
  }

  private func pick(_ ratings: [Rating], _ odds: [Double], _ rng: inout SeededGenerator) -> Rating {
    var draw = rng.unitInterval()
    for (rating, odd) in zip(ratings, odds) {
      if draw < odd { return rating }
      draw -= odd
    }
    return ratings[ratings.count - 1]
  }
}

/// A log in which every card is first rated Good on day 0 at 10:00 UTC and then reviewed
/// `longTerm` more times on later days (every fifth review of a card forgotten).
func steppedLog(cards: Int, longTerm: Int, firstGap: Int = 1) -> [ReviewLogEntry] {
  var logs: [ReviewLogEntry] = []
  for card in 0..<cards {
    var day = 0
    logs.append(
      ReviewLogEntry(
        cardID: Int64(card), reviewedAt: Date(timeIntervalSince1970: 36_000), rating: .good))
    for review in 0..<longTerm {
      day += review == 0 ? firstGap : 2 + review * 2 + card % 3
      let rating: Rating = (card + review) % 5 == 4 ? .again : .good
      logs.append(
        ReviewLogEntry(
          cardID: Int64(card),
          reviewedAt: Date(timeIntervalSince1970: Double(day) * 86_400 + 36_000),
          rating: rating))
    }
  }
  return logs
}
