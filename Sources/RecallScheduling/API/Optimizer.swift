import Foundation

/// Fits the 21 FSRS-6 weights to a user's review log, as fsrs-rs does, in Swift.
///
/// Training items are built from the log in study days of ``dayClock``. The fit follows
/// fsrs-rs 6.6: outlier filter, initial stabilities from first-interval statistics,
/// then Adam with a cosine learning rate over recency-weighted items, an L2 pull toward
/// the initial weights, parameter clipping, and the best epoch kept. The new weights
/// replace ``currentParameters`` only if their log-loss on the log is lower.
///
/// ```swift
/// let optimizer = Optimizer(dayClock: clock, currentParameters: saved)
/// let result = optimizer.fit(reviewLogs: logs)
/// if result.kept { save(result.parameters) }
/// ```
public struct Optimizer: Sendable {
  /// Training knobs; the defaults are fsrs-rs'.
  public struct Configuration: Sendable, Hashable {
    /// Passes over the training items.
    public var epochs = 5
    /// Predictions per gradient step.
    public var batchSize = 512
    /// The initial Adam learning rate (cosine-annealed to 0).
    public var learningRate = 0.04
    /// The weight of the L2 pull toward the initial weights (fsrs-rs' gamma).
    public var regularization = 1.0
    /// Items with more reviews than this are left out.
    public var maximumSequenceLength = 256
    /// Seeds the batch order.
    public var seed: UInt64 = 2023
    /// Whether fsrs-rs' outlier filter runs.
    ///
    /// Per first rating it drops the smallest first-interval groups until 20 items (or 5 %)
    /// are gone, so a log with fewer than about 20 cards per first rating loses them all
    /// and gets the defaults, as in fsrs-rs and Anki.
    public var filtersOutliers = true
    /// Whether w17…w19 (same-day reviews) are trained; w0…w3 are trained only with them.
    public var trainsShortTerm = true

    /// Creates the default configuration.
    public init() {}
  }

  /// Counts the days between reviews.
  public var dayClock: DayClock
  /// The parameters in use, the baseline the fit must beat.
  public var currentParameters: FSRSParameters
  /// Training knobs.
  public var configuration: Configuration

  /// Creates an optimizer.
  public init(
    dayClock: DayClock, currentParameters: FSRSParameters = .defaults,
    configuration: Configuration = Configuration()
  ) {
    self.dayClock = dayClock
    self.currentParameters = currentParameters
    self.configuration = configuration
  }

  /// Fits the parameters to `reviewLogs` (any order, any number of cards).
  public func fit(reviewLogs: [ReviewLogEntry]) -> OptimizationResult {
    fit(ReviewHistory(reviewLogs: reviewLogs, dayClock: dayClock))
  }

  /// Fits the parameters to a prepared log (its own day clock applies).
  public func fit(_ history: ReviewHistory) -> OptimizationResult {
    fit(history.data)
  }

  /// How well `parameters` predict `reviewLogs`.
  public func evaluate(_ parameters: FSRSParameters, reviewLogs: [ReviewLogEntry])
    -> ModelEvaluation
  {
    evaluate(parameters, on: ReviewHistory(reviewLogs: reviewLogs, dayClock: dayClock))
  }

  /// How well `parameters` predict a prepared log.
  public func evaluate(_ parameters: FSRSParameters, on history: ReviewHistory) -> ModelEvaluation {
    EvaluationSet(data: history.data).evaluate(parameters.weights)
  }

  // MARK: - Fitting

  func fit(_ data: TrainingData) -> OptimizationResult {
    let (stage, weights) = train(data)
    let fitted = (try? FSRSParameters(clamping: weights)) ?? .defaults
    let evaluation = EvaluationSet(data: data)
    let before = evaluation.evaluate(currentParameters.weights)
    let after = evaluation.evaluate(fitted.weights)
    let kept = after.logLoss < before.logLoss
    return OptimizationResult(
      parameters: kept ? fitted : currentParameters, fitted: fitted, stage: stage, kept: kept,
      itemCount: data.items.count, before: before, after: after)
  }

  /// The fsrs-rs `compute_parameters` pipeline.
  func train(_ data: TrainingData) -> (OptimizationResult.Stage, [Double]) {
    let defaults = FSRSParameters.defaults.weights
    let (initialization, trainSet) =
      configuration.filtersOutliers
      ? data.filterOutliers(data.items)
      : (data.items.filter { data.isFirstLongTerm($0) }, data.items)
    guard trainSet.count >= 8 else { return (.notEnoughData, defaults) }
    let averageRecall = Double(trainSet.filter { data.label($0) }.count) / Double(trainSet.count)
    let (stabilities, counts) = InitialStability.fit(
      data: data, items: initialization, averageRecall: averageRecall)
    let initialS0 =
      InitialStability.smoothAndFill(stabilities, counts: counts)
      ?? Array(defaults[0..<4])
    let initial = initialS0 + defaults[4...]
    if trainSet.count == initialization.count || trainSet.count < 64 {
      return (.initialStabilityOnly, initial)
    }
    var trained = gradientDescent(data: data, items: trainSet, initial: initial)
    guard trained.allSatisfy(\.isFinite) else { return (.initialStabilityOnly, initial) }
    var fittedS0: [Int: Double] = [:]
    for rating in 1...4 { fittedS0[rating] = trained[rating - 1] }
    if let smoothed = InitialStability.smoothAndFill(fittedS0, counts: counts) {
      trained.replaceSubrange(0..<4, with: smoothed)
    }
    return (.full, trained)
  }

  /// The standard deviations fsrs-rs scales the L2 pull with.
  static let parameterSpread: [Double] = [
    6.43, 9.66, 17.58, 27.85, 0.57, 0.28, 0.6, 0.12, 0.39, 0.18, 0.33, 0.3, 0.09, 0.16, 0.57,
    0.25, 1.03, 0.31, 0.32, 0.14, 0.27,
  ]

  /// Adam over card batches; returns the weights of the epoch with the lowest training loss.
  func gradientDescent(
    data: TrainingData, items: [(card: Int32, position: Int32)], initial: [Double]
  ) -> [Double] {
    let config = configuration
    // Recency weights over the time-ordered training items, then the length filter.
    var weights = [Double](repeating: 0, count: data.deltaDays.count)
    var total = 0
    for (index, item) in items.enumerated() where Int(item.position) < config.maximumSequenceLength
    {
      weights[data.cardStarts[Int(item.card)] + Int(item.position)] =
        TrainingData.recencyWeight(index, of: items.count)
      total += 1
    }
    guard total > 0 else { return initial }
    let (sequences, cardPredictions) = Self.sequences(data: data, weights: weights)
    // Cards sorted by sequence length, packed greedily into batches of `batchSize` predictions.
    let order = (0..<sequences.count).sorted {
      let a = sequences.starts[$0 + 1] - sequences.starts[$0]
      let b = sequences.starts[$1 + 1] - sequences.starts[$1]
      return a != b ? a < b : $0 < $1
    }
    var batches: [(cards: [Int], predictions: Int)] = []
    var current: [Int] = []
    var predictions = 0
    for card in order {
      if !current.isEmpty && predictions + cardPredictions[card] > config.batchSize {
        batches.append((current, predictions))
        current = []
        predictions = 0
      }
      current.append(card)
      predictions += cardPredictions[card]
    }
    if !current.isEmpty { batches.append((current, predictions)) }

    var model = TrainingModel(capacity: sequences.longest)
    var w = initial
    var adamM = [Double](repeating: 0, count: 21)
    var adamV = [Double](repeating: 0, count: 21)
    var gradient = [Double](repeating: 0, count: 21)
    var step = 0
    let iterations = Double((total / config.batchSize + 1) * config.epochs)
    var rng = SeededGenerator(seed: config.seed)
    var best = initial
    var bestLoss = Double.infinity
    let spread2 = Self.parameterSpread.map { $0 * $0 }
    for _ in 0..<config.epochs {
      var batchOrder = Array(batches.indices)
      batchOrder.shuffle(using: &rng)
      for batchIndex in batchOrder {
        let batch = batches[batchIndex]
        for i in 0..<21 { gradient[i] = 0 }
        _ = model.loss(
          cards: batch.cards, sequences: sequences, constants: .init(w, singlePrecision: true),
          gradient: &gradient,
          withGradient: true)
        let scale = config.regularization * Double(batch.predictions) / Double(total)
        for i in 0..<21 { gradient[i] += 2 * (w[i] - initial[i]) / spread2[i] * scale }
        if !config.trainsShortTerm {
          for i in [0, 1, 2, 3, 17, 18, 19] { gradient[i] = 0 }
        }
        step += 1
        let rate = config.learningRate * (1 + cos(Double.pi * Double(step) / iterations)) / 2
        let bias1 = 1 - pow(0.9, Double(step))
        let bias2 = 1 - pow(0.999, Double(step))
        for i in 0..<21 {
          adamM[i] = 0.9 * adamM[i] + 0.1 * gradient[i]
          adamV[i] = 0.999 * adamV[i] + 0.001 * gradient[i] * gradient[i]
          w[i] -= rate * (adamM[i] / bias1) / ((adamV[i] / bias2).squareRoot() + 1e-8)
        }
        Self.clip(&w, trainsShortTerm: config.trainsShortTerm)
      }
      // Validation on the training items, with the penalty, as fsrs-rs does.
      var penalty = 0.0
      for i in 0..<21 { penalty += (w[i] - initial[i]) * (w[i] - initial[i]) / spread2[i] }
      var epochLoss = model.loss(
        cards: 0..<sequences.count, sequences: sequences,
        constants: .init(w, singlePrecision: true),
        gradient: &gradient, withGradient: false)
      epochLoss += penalty * config.regularization
      epochLoss /= Double(total)
      if epochLoss < bestLoss {
        bestLoss = epochLoss
        best = w
      }
    }
    return best
  }

  /// Moves each weight into fsrs-rs' training bounds (one relearning step).
  static func clip(_ w: inout [Double], trainsShortTerm: Bool) {
    for i in 0..<21 {
      var range = FSRSParameters.bounds[i]
      if i == 19 && trainsShortTerm { range = 0.01...0.8 }
      w[i] = min(max(w[i], range.lowerBound), range.upperBound)
    }
  }

  /// Flattens the cards that have weighted positions, each up to its last one.
  ///
  /// Returns the sequences, the number of weighted positions per card, and each card's
  /// offset in `data`.
  static func sequences(data: TrainingData, weights: [Double]) -> (
    TrainingModel.Sequences, [Int]
  ) {
    var sequences = TrainingModel.Sequences()
    sequences.gaps.reserveCapacity(data.deltaDays.count)
    sequences.ratings.reserveCapacity(data.deltaDays.count)
    sequences.weights.reserveCapacity(data.deltaDays.count)
    var predictions: [Int] = []
    for card in 0..<data.cardCount {
      let start = data.cardStarts[card]
      let end = data.cardStarts[card + 1]
      var last = -1
      var count = 0
      for index in start..<end where weights[index] > 0 {
        last = index
        count += 1
      }
      guard last >= 0 else { continue }
      for index in start...last {
        sequences.gaps.append(Double(data.deltaDays[index]))
        sequences.ratings.append(data.ratings[index])
        sequences.weights.append(weights[index])
      }
      sequences.starts.append(sequences.gaps.count)
      predictions.append(count)
    }
    return (sequences, predictions)
  }
}
