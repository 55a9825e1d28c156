import Foundation

/// The fit of the four initial stabilities from first-interval statistics, as in fsrs-rs.
///
/// For each first rating, the recall rate of the first long-term review is tabulated
/// per gap (Laplace-smoothed toward the average recall), and S0 is found by ternary
/// search on the log-loss of the default forgetting curve plus a pull `|S0 - default| / 16`.
/// Missing ratings are filled from the others and the four values made non-decreasing.
enum InitialStability {
  static let maximum = 100.0

  /// The fitted S0 per rating (1...4) and the number of items per first rating.
  static func fit(
    data: TrainingData, items: [(card: Int32, position: Int32)], averageRecall: Double
  ) -> (stabilities: [Int: Double], counts: [Int: Int]) {
    // rating -> gap -> (successes, count)
    var table: [Int: [Int: (successes: Double, count: Double)]] = [:]
    for item in items where data.isFirstLongTerm(item) {
      let rating = data.firstRating(card: item.card)
      let gap = data.delta(item)
      var cell = table[rating, default: [:]][gap, default: (0, 0)]
      cell.successes += data.label(item) ? 1 : 0
      cell.count += 1
      table[rating, default: [:]][gap] = cell
    }
    var stabilities: [Int: Double] = [:]
    var counts: [Int: Int] = [:]
    let defaults = FSRSParameters.defaults
    let decay = defaults.decay
    let factor = defaults.factor
    for (rating, byGap) in table {
      let rows = byGap.sorted { $0.key < $1.key }
      let gaps = rows.map { Double($0.key) }
      let weights = rows.map { $0.value.count }
      let recalls = rows.map { ($0.value.successes + averageRecall) / ($0.value.count + 1) }
      counts[rating] = Int(weights.reduce(0, +))
      let prior = defaults[rating - 1]
      func loss(_ stability: Double) -> Double {
        var total = 0.0
        for index in gaps.indices {
          let predicted = pow(gaps[index] / stability * factor + 1, decay)
          let recall = recalls[index]
          total -= (recall * log(predicted) + (1 - recall) * log(1 - predicted)) * weights[index]
        }
        return total + abs(stability - prior) / 16
      }
      var low = FSRSFormulas.minimumStability
      var high = maximum
      var best = prior
      var iteration = 0
      while high - low > Double.ulpOfOne && iteration < 1000 {
        iteration += 1
        let third = (high - low) / 3
        let (middle1, middle2) = (low + third, high - third)
        if loss(middle1) < loss(middle2) { high = middle2 } else { low = middle1 }
        let next = (high + low) / 2
        if next == best { break }
        best = next
      }
      stabilities[rating] = best
    }
    return (stabilities, counts)
  }

  /// Keeps the ratings that have data, orders them, and fills the missing ones.
  ///
  /// Returns `nil` when no rating has data.
  static func smoothAndFill(_ fitted: [Int: Double], counts: [Int: Int]) -> [Double]? {
    var values = fitted.filter { counts[$0.key] != nil }
    for (small, big) in [(1, 2), (2, 3), (3, 4), (1, 3), (2, 4), (1, 4)] {
      guard let smallValue = values[small], let bigValue = values[big], smallValue > bigValue else {
        continue
      }
      if (counts[small] ?? 0) > (counts[big] ?? 0) {
        values[big] = smallValue
      } else {
        values[small] = bigValue
      }
    }
    let w1 = 0.41
    let w2 = 0.54
    let defaults = FSRSParameters.defaults
    var s: [Double?] = [nil, values[1], values[2], values[3], values[4]]
    switch values.count {
    case 0:
      return nil
    case 1:
      guard let (rating, value) = values.first else { return nil }
      let scale = value / defaults[rating - 1]
      s = [nil] + (0..<4).map { defaults[$0] * scale }
    case 2:
      switch (s[1], s[2], s[3], s[4]) {
      case (nil, nil, let r3?, let r4?):
        let r2 = pow(r3, 1 / (1 - w2)) * pow(r4, 1 - 1 / (1 - w2))
        s[2] = r2
        s[1] = pow(r2, 1 / w1) * pow(r3, 1 - 1 / w1)
      case (nil, let r2?, nil, let r4?):
        let r3 = pow(r2, 1 - w2) * pow(r4, w2)
        s[3] = r3
        s[1] = pow(r2, 1 / w1) * pow(r3, 1 - 1 / w1)
      case (nil, let r2?, let r3?, nil):
        s[4] = pow(r2, 1 - 1 / w2) * pow(r3, 1 / w2)
        s[1] = pow(r2, 1 / w1) * pow(r3, 1 - 1 / w1)
      case (let r1?, nil, nil, let r4?):
        let denominator = w1 + w2 - w1 * w2
        let r2 = pow(r1, w1 / denominator) * pow(r4, 1 - w1 / denominator)
        s[2] = r2
        s[3] = pow(r1, 1 - w2 / denominator) * pow(r4, w2 / denominator)
      case (let r1?, nil, let r3?, nil):
        let r2 = pow(r1, w1) * pow(r3, 1 - w1)
        s[2] = r2
        s[4] = pow(r2, 1 - 1 / w2) * pow(r3, 1 / w2)
      case (let r1?, let r2?, nil, nil):
        let r3 = pow(r1, 1 - 1 / (1 - w1)) * pow(r2, 1 / (1 - w1))
        s[3] = r3
        s[4] = pow(r2, 1 - 1 / w2) * pow(r3, 1 / w2)
      default:
        break
      }
    case 3:
      if s[1] == nil, let r2 = s[2], let r3 = s[3] {
        s[1] = pow(r2, 1 / w1) * pow(r3, 1 - 1 / w1)
      } else if s[2] == nil, let r1 = s[1], let r3 = s[3] {
        s[2] = pow(r1, w1) * pow(r3, 1 - w1)
      } else if s[3] == nil, let r2 = s[2], let r4 = s[4] {
        s[3] = pow(r2, 1 - w2) * pow(r4, w2)
      } else if s[4] == nil, let r2 = s[2], let r3 = s[3] {
        s[4] = pow(r2, 1 - 1 / w2) * pow(r3, 1 / w2)
      }
    default:
      break
    }
    let filled = s.dropFirst().map { $0 ?? .nan }
    guard filled.allSatisfy(\.isFinite) else { return nil }
    return filled.map { min(max($0, FSRSFormulas.minimumStability), maximum) }
  }
}
