import Foundation

/// The items of a log prepared once for scoring several parameter sets, as fsrs-rs'
/// `evaluate` does: recency-weighted log-loss and RMSE over bins.
struct EvaluationSet {
  let sequences: TrainingModel.Sequences
  let labels: [Double]
  let bins: [Int32]
  let binCount: Int
  let weightSum: Double
  let longest: Int

  init(data: TrainingData) {
    var weights = [Double](repeating: 0, count: data.deltaDays.count)
    var sum = 0.0
    for (index, item) in data.items.enumerated() {
      let weight = TrainingData.recencyWeight(index, of: data.items.count)
      weights[data.cardStarts[Int(item.card)] + Int(item.position)] = weight
      sum += weight
    }
    weightSum = sum
    let (sequences, _) = Optimizer.sequences(data: data, weights: weights)
    self.sequences = sequences
    longest = sequences.longest
    var labels = [Double](repeating: 0, count: sequences.gaps.count)
    var bins = [Int32](repeating: -1, count: sequences.gaps.count)
    // Bins are numbered by their three log-scale exponents; the table maps them to 0, 1, 2…
    var binIndex = [Int32](repeating: -1, count: Self.binTableSize)
    var binTotal: Int32 = 0
    var exponents = BinExponents()
    for card in 0..<sequences.count {
      var longTerm = 0
      var lapses = 0
      for index in sequences.starts[card]..<sequences.starts[card + 1] {
        let gap = sequences.gaps[index]
        let rating = sequences.ratings[index]
        labels[index] = rating > 1 ? 1 : 0
        if gap > 0 { longTerm += 1 }
        if sequences.weights[index] > 0 {
          let key = exponents.tableIndex(delta: Int(gap), length: longTerm + 1, lapses: lapses)
          if binIndex[key] < 0 {
            binIndex[key] = binTotal
            binTotal += 1
          }
          bins[index] = binIndex[key]
        }
        if gap > 0 && rating == 1 { lapses += 1 }
      }
    }
    self.labels = labels
    self.bins = bins
    binCount = Int(binTotal)
  }

  /// The metrics of weights `w` on these items.
  func evaluate(_ w: [Double]) -> ModelEvaluation {
    guard weightSum > 0 else { return ModelEvaluation(logLoss: 0, rmse: 0) }
    let (loss, predictions) = predict(w)
    var predicted = [Double](repeating: 0, count: binCount)
    var actual = [Double](repeating: 0, count: binCount)
    var count = [Double](repeating: 0, count: binCount)
    var weight = [Double](repeating: 0, count: binCount)
    for index in bins.indices where bins[index] >= 0 {
      let bin = Int(bins[index])
      predicted[bin] += predictions[index]
      actual[bin] += labels[index]
      count[bin] += 1
      weight[bin] += sequences.weights[index]
    }
    var squared = 0.0
    for bin in 0..<binCount {
      let difference = (predicted[bin] - actual[bin]) / count[bin]
      squared += difference * difference * weight[bin]
    }
    return ModelEvaluation(logLoss: loss / weightSum, rmse: (squared / weightSum).squareRoot())
  }

  /// The weighted log-loss, and the predicted recall probability at every position
  /// (meaningful where an item ends, 0 elsewhere).
  func predict(_ w: [Double]) -> (loss: Double, predictions: [Double]) {
    var model = TrainingModel(capacity: longest)
    var unused = [Double](repeating: 0, count: 21)
    var predictions = [Double](repeating: 0, count: sequences.gaps.count)
    let loss = predictions.withUnsafeMutableBufferPointer { buffer in
      model.loss(
        cards: 0..<sequences.count, sequences: sequences, constants: .init(w), gradient: &unused,
        withGradient: false, predictions: buffer.baseAddress)
    }
    return (loss, predictions)
  }

  static let binTableSize = 64 * 64 * 64

  /// fsrs-rs' `r_matrix_index` bins, `round(2.48 · 3.62^⌊log₃.₆₂ Δt⌋ · 100)` and the like for
  /// history length (base 1.89) and lapses (base 1.73, 0 apart): each bin value is fixed by
  /// its exponent, so the exponents identify the bin. Exponents are cached per input value.
  struct BinExponents {
    private var cache: [[Int]] = [[], [], []]

    mutating func tableIndex(delta: Int, length: Int, lapses: Int) -> Int {
      let d = exponent(0, delta, base: 3.62)
      let l = exponent(1, length, base: 1.89)
      let k = lapses == 0 ? 0 : exponent(2, lapses, base: 1.73) + 1
      return (min(d, 63) * 64 + min(l, 63)) * 64 + min(k, 63)
    }

    private mutating func exponent(_ which: Int, _ value: Int, base: Double) -> Int {
      if value < cache[which].count { return cache[which][value] }
      for v in cache[which].count...value {
        cache[which].append(v <= 0 ? 0 : max(Int(floor(log(Double(v)) / log(base))), 0))
      }
      return cache[which][value]
    }
  }
}
