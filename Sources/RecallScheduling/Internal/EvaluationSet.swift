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
    let span = max(Double(data.items.count) - 1, 1)
    var sum = 0.0
    for (index, item) in data.items.enumerated() {
      let x = Double(index) / span
      let weight = 0.25 + 0.75 * x * x * x
      weights[data.cardStarts[Int(item.card)] + Int(item.position)] = weight
      sum += weight
    }
    weightSum = sum
    let (sequences, _) = Optimizer.sequences(data: data, weights: weights)
    self.sequences = sequences
    longest = sequences.longest
    var labels = [Double](repeating: 0, count: sequences.gaps.count)
    var bins = [Int32](repeating: -1, count: sequences.gaps.count)
    var binIndex: [Int: Int32] = [:]
    for card in 0..<sequences.count {
      var longTerm = 0
      var lapses = 0
      for index in sequences.starts[card]..<sequences.starts[card + 1] {
        let gap = sequences.gaps[index]
        let rating = sequences.ratings[index]
        labels[index] = rating > 1 ? 1 : 0
        if gap > 0 { longTerm += 1 }
        if sequences.weights[index] > 0 {
          let key = Optimizer.binKey(delta: gap, length: longTerm + 1, lapses: lapses)
          if let known = binIndex[key] {
            bins[index] = known
          } else {
            let next = Int32(binIndex.count)
            binIndex[key] = next
            bins[index] = next
          }
        }
        if gap > 0 && rating == 1 { lapses += 1 }
      }
    }
    self.labels = labels
    self.bins = bins
    binCount = binIndex.count
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
}
