import Foundation

/// How well a parameter set predicts a review log.
public struct ModelEvaluation: Sendable, Hashable {
  /// The recency-weighted log-loss of the predicted recall probabilities.
  public var logLoss: Double
  /// The recency-weighted RMSE over fsrs-rs' bins (gap, history length, lapses).
  public var rmse: Double
}

/// What ``Optimizer/fit(reviewLogs:)`` found.
public struct OptimizationResult: Sendable, Hashable {
  /// How much of the model the log was large enough to fit.
  public enum Stage: String, Sendable, Hashable {
    /// Under 8 training items: the defaults.
    case notEnoughData
    /// Under 64 training items (or only first long-term reviews): w0…w3 fitted, the rest default.
    case initialStabilityOnly
    /// All 21 weights fitted.
    case full
  }

  /// The parameters to use from now on: ``fitted`` when kept, else the current ones.
  public var parameters: FSRSParameters
  /// The parameters the fit produced.
  public var fitted: FSRSParameters
  /// How much was fitted.
  public var stage: Stage
  /// Whether ``fitted`` predicts the log better than the current parameters and was kept.
  public var kept: Bool
  /// Training items: reviews at least a day after the card's previous review.
  public var itemCount: Int
  /// The current parameters' metrics on the log.
  public var before: ModelEvaluation
  /// The fitted parameters' metrics on the log.
  public var after: ModelEvaluation
}

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
    /// Whether fsrs-rs' outlier filter runs (it drops everything from logs under ~20 cards).
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
    fit(TrainingData(reviewLogs: reviewLogs, clock: dayClock))
  }

  /// How well `parameters` predict `reviewLogs`.
  public func evaluate(_ parameters: FSRSParameters, reviewLogs: [ReviewLogEntry]) -> ModelEvaluation {
    let data = TrainingData(reviewLogs: reviewLogs, clock: dayClock)
    return Self.evaluate(parameters.weights, data: data, items: data.items)
  }

  // MARK: - Fitting

  func fit(_ data: TrainingData) -> OptimizationResult {
    let (stage, weights) = train(data)
    let fitted = (try? FSRSParameters(clamping: weights)) ?? .defaults
    let before = Self.evaluate(currentParameters.weights, data: data, items: data.items)
    let after = Self.evaluate(fitted.weights, data: data, items: data.items)
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
      : (data.items.filter { data.longTermCount(card: $0.card, position: $0.position) == 1 }, data.items)
    guard trainSet.count >= 8 else { return (.notEnoughData, defaults) }
    let averageRecall = Double(trainSet.filter { data.label($0) }.count) / Double(trainSet.count)
    let (stabilities, counts) = InitialStability.fit(
      data: data, items: initialization, averageRecall: averageRecall)
    let initialS0 = InitialStability.smoothAndFill(stabilities, counts: counts)
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
    var weightAt: [Int: Double] = [:]  // global review index -> weight
    weightAt.reserveCapacity(items.count)
    let span = max(Double(items.count) - 1, 1)
    for (index, item) in items.enumerated() where Int(item.position) + 1 <= config.maximumSequenceLength {
      let x = Double(index) / span
      weightAt[data.cardStarts[Int(item.card)] + Int(item.position)] = 0.25 + 0.75 * x * x * x
    }
    let total = weightAt.count
    let (sequences, cardPredictions) = Self.sequences(data: data, weights: weightAt)
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
    var step = 0
    let iterations = Double((total / config.batchSize + 1) * config.epochs)
    var rng = SeededGenerator(seed: config.seed)
    var best = initial
    var bestLoss = Double.infinity
    var batchOrder = Array(batches.indices)
    for _ in 0..<config.epochs {
      batchOrder = Array(batches.indices)
      batchOrder.shuffle(using: &rng)
      for batchIndex in batchOrder {
        let batch = batches[batchIndex]
        var gradient: [Double]? = [Double](repeating: 0, count: 21)
        _ = model.loss(
          cards: batch.cards, sequences: sequences, constants: .init(w), gradient: &gradient)
        guard var g = gradient else { continue }
        let scale = config.regularization * Double(batch.predictions) / Double(total)
        for i in 0..<21 {
          g[i] += 2 * (w[i] - initial[i]) / (Self.parameterSpread[i] * Self.parameterSpread[i]) * scale
        }
        if !config.trainsShortTerm {
          for i in [0, 1, 2, 3, 17, 18, 19] { g[i] = 0 }
        }
        step += 1
        let rate = config.learningRate * (1 + cos(Double.pi * Double(step) / iterations)) / 2
        let bias1 = 1 - pow(0.9, Double(step))
        let bias2 = 1 - pow(0.999, Double(step))
        for i in 0..<21 {
          adamM[i] = 0.9 * adamM[i] + 0.1 * g[i]
          adamV[i] = 0.999 * adamV[i] + 0.001 * g[i] * g[i]
          w[i] -= rate * (adamM[i] / bias1) / ((adamV[i] / bias2).squareRoot() + 1e-8)
        }
        Self.clip(&w, trainsShortTerm: config.trainsShortTerm)
      }
      // Validation on the training items, with the penalty, as fsrs-rs does.
      var epochLoss = 0.0
      let constants = TrainingModel.Constants(w)
      var penalty = 0.0
      for i in 0..<21 {
        let delta = w[i] - initial[i]
        penalty += delta * delta / (Self.parameterSpread[i] * Self.parameterSpread[i])
      }
      var none: [Double]? = nil
      for batch in batches {
        epochLoss += model.loss(
          cards: batch.cards, sequences: sequences, constants: constants, gradient: &none)
        epochLoss += penalty * config.regularization * Double(batch.predictions) / Double(total)
      }
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

  /// Flattens the cards that have weighted predictions; returns the predictions per card.
  static func sequences(data: TrainingData, weights: [Int: Double]) -> (
    TrainingModel.Sequences, [Int]
  ) {
    var sequences = TrainingModel.Sequences()
    var predictions: [Int] = []
    for card in 0..<data.cardCount {
      let start = data.cardStarts[card]
      let end = data.cardStarts[card + 1]
      var last = -1
      var count = 0
      for index in start..<end where weights[index] != nil {
        last = index
        count += 1
      }
      guard last >= 0 else { continue }
      for index in start...last {
        sequences.gaps.append(Double(data.deltaDays[index]))
        sequences.ratings.append(data.ratings[index])
        let weight = weights[index] ?? 0
        sequences.weights.append(weight)
        sequences.labels.append(data.ratings[index] > 1 ? 1 : 0)
      }
      sequences.starts.append(sequences.gaps.count)
      predictions.append(count)
    }
    return (sequences, predictions)
  }

  // MARK: - Evaluation

  /// fsrs-rs' `evaluate`: recency-weighted log-loss and binned RMSE over `items` (time-ordered).
  static func evaluate(
    _ w: [Double], data: TrainingData, items: [(card: Int32, position: Int32)]
  ) -> ModelEvaluation {
    guard !items.isEmpty else { return ModelEvaluation(logLoss: 0, rmse: 0) }
    var weightAt: [Int: Double] = [:]
    weightAt.reserveCapacity(items.count)
    let span = max(Double(items.count) - 1, 1)
    for (index, item) in items.enumerated() {
      let x = Double(index) / span
      weightAt[data.cardStarts[Int(item.card)] + Int(item.position)] = 0.25 + 0.75 * x * x * x
    }
    let k = TrainingModel.Constants(w)
    var lossSum = 0.0
    var weightSum = 0.0
    struct Bin {
      var predicted = 0.0
      var actual = 0.0
      var count = 0.0
      var weight = 0.0
    }
    var bins: [Int: Bin] = [:]
    for card in 0..<data.cardCount {
      let start = data.cardStarts[card]
      let end = data.cardStarts[card + 1]
      let firstRating = Int(data.ratings[start])
      var s = min(max(w[firstRating - 1], TrainingModel.minimumStability), TrainingModel.maximumStability)
      var d = min(max(w[4] - exp(w[5] * Double(firstRating - 1)) + 1, 1), 10)
      var longTerm = 0
      var lapses = 0
      for index in (start + 1)..<max(end, start + 1) {
        let t = Double(data.deltaDays[index])
        let rating = data.ratings[index]
        let r = t > 0 ? pow(k.factor * t / s + 1, k.decay) : 1
        if t > 0 { longTerm += 1 }
        if let weight = weightAt[index] {
          let y: Double = rating > 1 ? 1 : 0
          let p = min(max(r, TrainingModel.minimumProbability), 1 - TrainingModel.minimumProbability)
          lossSum -= (y * log(p) + (1 - y) * log(1 - p)) * weight
          weightSum += weight
          let key = binKey(delta: t, length: longTerm + 1, lapses: lapses)
          bins[key, default: Bin()].predicted += r
          bins[key, default: Bin()].actual += y
          bins[key, default: Bin()].count += 1
          bins[key, default: Bin()].weight += weight
        }
        if t > 0 && rating == 1 { lapses += 1 }
        // Next state, fsrs-rs style.
        var newS: Double
        if t == 0 {
          let raw = k.short(rating) * pow(s, -w[19])
          newS = s * (rating >= 2 ? max(raw, 1) : raw)
        } else if rating == 1 {
          let raw = w[11] * pow(d, -w[12]) * (pow(s + 1, w[13]) - 1) * exp((1 - r) * w[14])
          newS = min(raw, s * k.floorFactor)
        } else {
          let hard = rating == 2 ? w[15] : 1
          let easy = rating == 4 ? w[16] : 1
          newS = s * (k.expW8 * (11 - d) * pow(s, -w[9]) * (exp((1 - r) * w[10]) - 1) * hard * easy + 1)
        }
        s = min(max(newS, TrainingModel.minimumStability), TrainingModel.maximumStability)
        let nextD = d + (10 - d) * (-w[6] * (Double(rating) - 3)) / 9
        d = min(max(w[7] * (k.easyD0 - nextD) + nextD, 1), 10)
      }
    }
    var squared = 0.0
    var binWeight = 0.0
    for bin in bins.values {
      let difference = bin.predicted / bin.count - bin.actual / bin.count
      squared += difference * difference * bin.weight
      binWeight += bin.weight
    }
    return ModelEvaluation(logLoss: lossSum / weightSum, rmse: (squared / binWeight).squareRoot())
  }

  /// fsrs-rs' `r_matrix_index`: log-scale bins of gap, history length and lapse count.
  static func binKey(delta: Double, length: Int, lapses: Int) -> Int {
    let deltaBin = (2.48 * pow(3.62, floor(log(delta) / log(3.62))) * 100).rounded()
    let lengthBin = (1.99 * pow(1.89, floor(log(Double(length)) / log(1.89)))).rounded()
    let lapseBin =
      lapses == 0 ? 0 : (1.65 * pow(1.73, floor(log(Double(lapses)) / log(1.73)))).rounded()
    return (Int(deltaBin) * 10_000 + Int(lengthBin)) * 1_000 + Int(lapseBin)
  }
}
