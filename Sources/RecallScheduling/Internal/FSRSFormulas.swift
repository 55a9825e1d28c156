import Foundation

/// The FSRS-6 formulas as py-fsrs 6.3.2 computes them (f64, no upper stability bound).
///
/// Every function follows the operation order of the reference so that results
/// agree to the last few ulps (spec §3–§8).
struct FSRSFormulas: Sendable {
  /// The lowest stability any update may produce.
  static let minimumStability = 0.001

  let w: [Double]
  let decay: Double
  let factor: Double

  init(_ parameters: FSRSParameters) {
    w = parameters.weights
    decay = parameters.decay
    factor = parameters.factor
  }

  /// R(t, S): the recall probability after `elapsedDays` whole days.
  func retrievability(elapsedDays: Double, stability: Double) -> Double {
    pow(1 + factor * max(elapsedDays, 0) / stability, decay)
  }

  /// S0 for a first rating.
  func initialStability(_ rating: Rating) -> Double {
    max(w[rating.rawValue - 1], Self.minimumStability)
  }

  /// D0 for a first rating, clamped to [1, 10] unless `clamped` is false.
  func initialDifficulty(_ rating: Rating, clamped: Bool = true) -> Double {
    let value = w[4] - exp(w[5] * Double(rating.rawValue - 1)) + 1
    return clamped ? Self.clampDifficulty(value) : value
  }

  /// D after a review: linear damping, then mean reversion toward the unclamped D0(Easy).
  func nextDifficulty(_ difficulty: Double, rating: Rating) -> Double {
    let delta = -w[6] * Double(rating.rawValue - 3)
    let damped = difficulty + (10 - difficulty) * delta / 9
    let reverted = w[7] * initialDifficulty(.easy, clamped: false) + (1 - w[7]) * damped
    return Self.clampDifficulty(reverted)
  }

  /// S after a same-day review (elapsed days < 1).
  func shortTermStability(_ stability: Double, rating: Rating) -> Double {
    var increase = exp(w[17] * (Double(rating.rawValue) - 3 + w[18])) * pow(stability, -w[19])
    if rating != .again { increase = max(increase, 1) }
    return max(stability * increase, Self.minimumStability)
  }

  /// S after a successful review at least a day after the previous one.
  func recallStability(
    _ stability: Double, difficulty: Double, retrievability r: Double, rating: Rating
  ) -> Double {
    let hardPenalty = rating == .hard ? w[15] : 1
    let easyBonus = rating == .easy ? w[16] : 1
    let increase =
      exp(w[8]) * (11 - difficulty) * pow(stability, -w[9]) * (exp((1 - r) * w[10]) - 1)
      * hardPenalty * easyBonus
    return max(stability * (1 + increase), Self.minimumStability)
  }

  /// S after a lapse at least a day after the previous review.
  func forgetStability(_ stability: Double, difficulty: Double, retrievability r: Double) -> Double
  {
    let longTerm =
      w[11] * pow(difficulty, -w[12]) * (pow(stability + 1, w[13]) - 1) * exp((1 - r) * w[14])
    let cap = stability / exp(w[17] * w[18])
    return max(min(longTerm, cap), Self.minimumStability)
  }

  /// S after a review at least a day after the previous one.
  func longTermStability(
    _ stability: Double, difficulty: Double, retrievability r: Double, rating: Rating
  ) -> Double {
    rating == .again
      ? forgetStability(stability, difficulty: difficulty, retrievability: r)
      : recallStability(stability, difficulty: difficulty, retrievability: r, rating: rating)
  }

  /// The interval in whole days for a stability: banker's rounding, at least 1, at most `maximum`.
  func intervalDays(stability: Double, desiredRetention: Double, maximum: Int) -> Int {
    let raw = (stability / factor) * (pow(desiredRetention, 1 / decay) - 1)
    let rounded = raw.rounded(.toNearestOrEven)
    guard rounded.isFinite else { return maximum }
    return min(max(Int(min(rounded, 1e9)), 1), maximum)
  }

  static func clampDifficulty(_ value: Double) -> Double { min(max(value, 1), 10) }
}
