import Foundation

/// FSRS-6 scheduling: the next state of a card after a rating, and its recall probability.
///
/// The scheduler is a pure value: the time and the random source are passed in, so a
/// replay of the same reviews with generators seeded the same way gives the same states.
///
/// ```swift
/// let scheduler = try Scheduler(settings: settings, dayCounting: .studyDays(clock))
/// var rng = SeededGenerator(cardID: id, reviewCount: card.reps)
/// let outcome = scheduler.review(card, rating: .good, at: now, using: &rng)
/// ```
public struct Scheduler: Sendable {
  /// The model weights.
  public let parameters: FSRSParameters
  /// The user's settings.
  public let settings: SchedulerSettings
  /// How days are counted.
  public let dayCounting: DayCounting
  let formulas: FSRSFormulas
  /// Set by ``previews(of:at:)`` to show intervals without fuzz.
  private var fuzzOff = false

  /// Creates a scheduler after checking the settings.
  ///
  /// - Throws: the ``SchedulingError`` of ``SchedulerSettings/validate()``.
  public init(
    parameters: FSRSParameters = .defaults, settings: SchedulerSettings = .defaults,
    dayCounting: DayCounting
  ) throws {
    try settings.validate()
    self.parameters = parameters
    self.settings = settings
    self.dayCounting = dayCounting
    formulas = FSRSFormulas(parameters)
  }

  // MARK: - Reviewing

  /// The card's next state after `rating` at `now`.
  ///
  /// `rng` is drawn from only when fuzz is on and the card ends in review.
  public func review(
    _ card: CardState, rating: Rating, at now: Date, using rng: inout some RandomNumberGenerator
  ) -> ReviewOutcome {
    let elapsed = card.lastReview.map { elapsedDays(from: $0, to: now) }
    let retrievability = self.retrievability(of: card, at: now)
    let memory: MemoryState
    let update: StabilityUpdate
    if let old = card.memory {
      let stability: Double
      if (elapsed ?? 0) < 1 {
        update = .shortTerm
        stability = formulas.shortTermStability(old.stability, rating: rating)
      } else {
        update = rating == .again ? .forget : .recall
        stability = formulas.longTermStability(
          old.stability, difficulty: old.difficulty, retrievability: retrievability, rating: rating)
      }
      memory = MemoryState(
        stability: stability, difficulty: formulas.nextDifficulty(old.difficulty, rating: rating))
    } else {
      update = .initial
      memory = MemoryState(
        stability: formulas.initialStability(rating),
        difficulty: formulas.initialDifficulty(rating))
    }

    var next = card
    next.memory = memory
    next.lastReview = now
    next.reps += 1
    let move: StepMove
    switch card.phase {
    case .new, .learning:
      move = Self.stepMove(steps: settings.learningSteps, step: card.step ?? 0, rating: rating)
      next.phase = .learning
    case .relearning:
      move = Self.stepMove(steps: settings.relearningSteps, step: card.step ?? 0, rating: rating)
      next.phase = .relearning
    case .review:
      if rating == .again {
        next.lapses += 1
        if let first = settings.relearningSteps.first {
          next.phase = .relearning
          move = .step(0, after: first)
        } else {
          move = .graduate
        }
      } else {
        move = .graduate
      }
    }

    var scheduledDays: Int?
    var intervalDays: Int?
    switch move {
    case .step(let step, let wait):
      next.step = step
      next.due = now.addingTimeInterval(wait)
    case .graduate:
      let days = formulas.intervalDays(
        stability: memory.stability, desiredRetention: settings.desiredRetention,
        maximum: settings.maximumInterval)
      let fuzzed =
        settings.fuzzEnabled && !fuzzOff
        ? fuzzedInterval(days: days, draw: rng.unitInterval()) : days
      next.phase = .review
      next.step = nil
      next.due = dueDate(afterDays: fuzzed, from: now)
      scheduledDays = days
      intervalDays = fuzzed
    }
    let log = ReviewLogInfo(
      rating: rating, reviewedAt: now, phaseBefore: card.phase, elapsedDays: elapsed,
      retrievability: retrievability, update: update, scheduledDays: scheduledDays,
      intervalDays: intervalDays)
    return ReviewOutcome(card: next, log: log)
  }

  /// What each of the four ratings would do at `now`, without fuzz, for the answer buttons
  /// ("Good: 3 days"). The outcome actually applied comes from ``review(_:rating:at:using:)``.
  public func previews(of card: CardState, at now: Date) -> [Rating: ReviewOutcome] {
    var unfuzzed = self
    unfuzzed.fuzzOff = true
    var rng = SeededGenerator(seed: 0)
    var outcomes: [Rating: ReviewOutcome] = [:]
    for rating in Rating.allCases {
      outcomes[rating] = unfuzzed.review(card, rating: rating, at: now, using: &rng)
    }
    return outcomes
  }

  /// The card's recall probability at `date` (0 for a card never reviewed).
  public func retrievability(of card: CardState, at date: Date) -> Double {
    guard let memory = card.memory, let last = card.lastReview else { return 0 }
    return formulas.retrievability(
      elapsedDays: Double(max(elapsedDays(from: last, to: date), 0)), stability: memory.stability)
  }

  /// The whole days from `earlier` to `later` under the scheduler's ``DayCounting``.
  public func elapsedDays(from earlier: Date, to later: Date) -> Int {
    switch dayCounting {
    case .elapsed24Hours:
      return Int(floor((later.timeIntervalSince1970 - earlier.timeIntervalSince1970) / 86_400))
    case .studyDays(let clock):
      return clock.daysBetween(earlier, later)
    }
  }

  /// The review interval in days for a stability: ≈ S at retention 0.9, longer below it.
  public func intervalDays(stability: Double) -> Int {
    formulas.intervalDays(
      stability: stability, desiredRetention: settings.desiredRetention,
      maximum: settings.maximumInterval)
  }

  /// The outcome with the card due `intervalDays` after the review instead, for a card that
  /// ended in review (for instance after ``LoadBalancer``); other outcomes come back unchanged.
  public func rescheduled(_ outcome: ReviewOutcome, intervalDays: Int) -> ReviewOutcome {
    guard outcome.card.phase == .review, outcome.log.intervalDays != nil else { return outcome }
    var result = outcome
    let days = min(max(intervalDays, 1), settings.maximumInterval)
    result.card.due = dueDate(afterDays: days, from: outcome.log.reviewedAt)
    result.log.intervalDays = days
    return result
  }

  // MARK: - Fuzz

  /// The days a fuzzed interval of `days` may fall on (py-fsrs' range; `days...days` under 2.5).
  public func fuzzRange(days: Int) -> ClosedRange<Int> {
    if Double(days) < 2.5 { return days...days }
    let ranges: [(start: Double, end: Double, factor: Double)] = [
      (2.5, 7, 0.15), (7, 20, 0.10), (20, .infinity, 0.05),
    ]
    var delta = 1.0
    for range in ranges {
      delta += range.factor * max(min(Double(days), range.end) - range.start, 0)
    }
    var low = Int((Double(days) - delta).rounded(.toNearestOrEven))
    var high = Int((Double(days) + delta).rounded(.toNearestOrEven))
    low = max(2, low)
    high = min(high, settings.maximumInterval)
    low = min(low, high)
    return low...high
  }

  /// The fuzzed interval for a uniform draw `u` in [0, 1), bit-compatible with py-fsrs 6.3.2.
  ///
  /// Like py-fsrs this rounds instead of flooring, so it may return one day past
  /// ``fuzzRange(days:)`` and the two ends come up half as often.
  public func fuzzedInterval(days: Int, draw u: Double) -> Int {
    if Double(days) < 2.5 { return days }
    let range = fuzzRange(days: days)
    let value = u * Double(range.upperBound - range.lowerBound + 1) + Double(range.lowerBound)
    return min(Int(value.rounded(.toNearestOrEven)), settings.maximumInterval)
  }

  // MARK: - Internals

  enum StepMove {
    case step(Int, after: TimeInterval)
    case graduate
  }

  /// The learning/relearning step logic of py-fsrs §9.1.
  static func stepMove(steps: [TimeInterval], step: Int, rating: Rating) -> StepMove {
    let count = steps.count
    if count == 0 || (step >= count && rating != .again) { return .graduate }
    switch rating {
    case .again:
      return .step(0, after: steps[0])
    case .hard:
      if step == 0 {
        return .step(0, after: count == 1 ? steps[0] * 1.5 : (steps[0] + steps[1]) / 2)
      }
      return .step(step, after: steps[step])
    case .good:
      return step + 1 == count ? .graduate : .step(step + 1, after: steps[step + 1])
    case .easy:
      return .graduate
    }
  }

  func dueDate(afterDays days: Int, from now: Date) -> Date {
    switch dayCounting {
    case .elapsed24Hours:
      return now.addingTimeInterval(TimeInterval(days) * 86_400)
    case .studyDays(let clock):
      return clock.startOfDay(clock.dayNumber(of: now) + days)
    }
  }
}
