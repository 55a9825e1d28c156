import Foundation

/// The user's scheduling choices: retention target, steps, limits and the day start hour.
///
/// Values are checked by ``validate()``; ``setting(_:to:)`` parses the text given to
/// `recall config KEY VALUE`, so the command only passes strings through.
public struct SchedulerSettings: Sendable, Hashable, Codable {
  /// The recall probability at which a card falls due (0.70...0.99).
  public var desiredRetention: Double
  /// The learning steps of a new card, in seconds.
  public var learningSteps: [TimeInterval]
  /// The relearning steps after a lapse, in seconds.
  public var relearningSteps: [TimeInterval]
  /// The longest interval in days (1...36,500).
  public var maximumInterval: Int
  /// Whether review intervals are spread at random within the fuzz range.
  public var fuzzEnabled: Bool
  /// The local hour at which a new study day starts (0...23).
  public var dayStartHour: Int
  /// How many new cards a day may introduce.
  public var newCardsPerDay: Int
  /// How many reviews a day may show.
  public var reviewsPerDay: Int

  /// Creates settings; every argument has the default Recall ships with.
  public init(
    desiredRetention: Double = 0.9,
    learningSteps: [TimeInterval] = [60, 600],
    relearningSteps: [TimeInterval] = [600],
    maximumInterval: Int = 36_500,
    fuzzEnabled: Bool = true,
    dayStartHour: Int = 4,
    newCardsPerDay: Int = 20,
    reviewsPerDay: Int = 200
  ) {
    self.desiredRetention = desiredRetention
    self.learningSteps = learningSteps
    self.relearningSteps = relearningSteps
    self.maximumInterval = maximumInterval
    self.fuzzEnabled = fuzzEnabled
    self.dayStartHour = dayStartHour
    self.newCardsPerDay = newCardsPerDay
    self.reviewsPerDay = reviewsPerDay
  }

  /// The defaults: retention 0.9, steps 1m,10m and 10m, 36,500 days, fuzz on, 4 a.m., 20 and 200.
  public static let defaults = SchedulerSettings()

  /// The study-day clock of these settings in `timeZone` (the user's, usually `.current`).
  public func dayClock(in timeZone: TimeZone) -> DayClock {
    DayClock(timeZone: timeZone, dayStartHour: dayStartHour)
  }

  /// Checks every value and throws the first problem found.
  ///
  /// - Throws: a ``SchedulingError`` whose message names the setting and the allowed range.
  public func validate() throws {
    guard (0.70...0.99).contains(desiredRetention) else {
      throw SchedulingError.desiredRetentionOutOfRange(desiredRetention)
    }
    guard (1...36_500).contains(maximumInterval) else {
      throw SchedulingError.maximumIntervalOutOfRange(maximumInterval)
    }
    guard (0...23).contains(dayStartHour) else {
      throw SchedulingError.dayStartHourOutOfRange(dayStartHour)
    }
    for (key, steps) in [(Key.learningSteps, learningSteps), (.relearningSteps, relearningSteps)] {
      if let bad = steps.first(where: { !($0 >= 1 && $0 < 86_400) }) {
        throw SchedulingError.stepOutOfRange(key: key.rawValue, seconds: bad)
      }
    }
    for (key, limit) in [(Key.newPerDay, newCardsPerDay), (.reviewsPerDay, reviewsPerDay)]
    where !(0...100_000).contains(limit) {
      throw SchedulingError.dailyLimitOutOfRange(key: key.rawValue, value: limit)
    }
  }
}
