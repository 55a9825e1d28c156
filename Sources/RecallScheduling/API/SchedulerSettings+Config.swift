import Foundation

extension SchedulerSettings {
  /// A setting as named on the command line: `recall config KEY VALUE`.
  public enum Key: String, Sendable, CaseIterable {
    /// ``SchedulerSettings/desiredRetention``.
    case desiredRetention = "desired-retention"
    /// ``SchedulerSettings/learningSteps``.
    case learningSteps = "learning-steps"
    /// ``SchedulerSettings/relearningSteps``.
    case relearningSteps = "relearning-steps"
    /// ``SchedulerSettings/maximumInterval``.
    case maximumInterval = "maximum-interval"
    /// ``SchedulerSettings/dayStartHour``.
    case dayStartHour = "day-start-hour"
    /// ``SchedulerSettings/newCardsPerDay``.
    case newPerDay = "new-per-day"
    /// ``SchedulerSettings/reviewsPerDay``.
    case reviewsPerDay = "reviews-per-day"
    /// ``SchedulerSettings/fuzzEnabled``.
    case fuzz = "fuzz"

    /// Finds a key by its command-line name.
    ///
    /// - Throws: ``SchedulingError/unknownSettingKey(_:)`` listing the known keys.
    public init(parsing name: String) throws {
      let trimmed = name.trimmingCharacters(in: .whitespaces).lowercased()
      guard let key = Key(rawValue: trimmed) else { throw SchedulingError.unknownSettingKey(name) }
      self = key
    }

    /// One line saying what the setting does, for the key listing.
    public var summary: String {
      switch self {
      case .desiredRetention:
        return "Recall probability at which a card falls due, 0.70 to 0.99."
      case .learningSteps:
        return "Waits between the first reviews of a new card, such as 1m,10m (s, m, h)."
      case .relearningSteps:
        return "Waits between reviews after a lapse, such as 10m; 'none' for no steps."
      case .maximumInterval:
        return "Longest interval between reviews in days, 1 to 36500."
      case .dayStartHour:
        return "Local hour at which a new study day starts, 0 to 23."
      case .newPerDay:
        return "New cards introduced per day."
      case .reviewsPerDay:
        return "Reviews shown per day."
      case .fuzz:
        return "Whether review intervals are spread a little at random, on or off."
      }
    }
  }

  /// Every key with its current value and summary, in ``Key/allCases`` order.
  public var listing: [(key: Key, value: String, summary: String)] {
    Key.allCases.map { ($0, value(of: $0), $0.summary) }
  }

  /// The value of `key` as `recall config` shows it, in the form it accepts.
  public func value(of key: Key) -> String {
    switch key {
    case .desiredRetention: return SchedulingError.format(desiredRetention)
    case .learningSteps: return Self.formatSteps(learningSteps)
    case .relearningSteps: return Self.formatSteps(relearningSteps)
    case .maximumInterval: return String(maximumInterval)
    case .dayStartHour: return String(dayStartHour)
    case .newPerDay: return String(newCardsPerDay)
    case .reviewsPerDay: return String(reviewsPerDay)
    case .fuzz: return fuzzEnabled ? "on" : "off"
    }
  }

  /// A copy with `key` set from `text`, validated.
  ///
  /// - Throws: ``SchedulingError/invalidSettingValue(key:value:expected:)`` when the text
  ///   cannot be read, or the range error of ``validate()``.
  public func setting(_ key: Key, to text: String) throws -> SchedulerSettings {
    var copy = self
    let value = text.trimmingCharacters(in: .whitespaces)
    func integer(_ expected: String) throws -> Int {
      guard let number = Int(value) else {
        throw SchedulingError.invalidSettingValue(
          key: key.rawValue, value: text, expected: expected)
      }
      return number
    }
    switch key {
    case .desiredRetention:
      guard let number = Double(value), number.isFinite else {
        throw SchedulingError.invalidSettingValue(
          key: key.rawValue, value: text, expected: "give a number such as 0.9.")
      }
      copy.desiredRetention = number
    case .learningSteps:
      copy.learningSteps = try Self.parseSteps(value, key: key)
    case .relearningSteps:
      copy.relearningSteps = try Self.parseSteps(value, key: key)
    case .maximumInterval:
      copy.maximumInterval = try integer("give a whole number of days such as 36500.")
    case .dayStartHour:
      copy.dayStartHour = try integer("give a whole hour from 0 to 23, such as 4.")
    case .newPerDay:
      copy.newCardsPerDay = try integer("give a whole number of cards such as 20.")
    case .reviewsPerDay:
      copy.reviewsPerDay = try integer("give a whole number of cards such as 200.")
    case .fuzz:
      switch value.lowercased() {
      case "on", "true", "yes", "1": copy.fuzzEnabled = true
      case "off", "false", "no", "0": copy.fuzzEnabled = false
      default:
        throw SchedulingError.invalidSettingValue(
          key: key.rawValue, value: text, expected: "give on or off.")
      }
    }
    try copy.validate()
    return copy
  }

  /// Reads steps such as `1m,10m`, `30s, 5m, 1h` or `none` into seconds.
  static func parseSteps(_ text: String, key: Key) throws -> [TimeInterval] {
    let expected = "give durations separated by commas, such as 1m,10m (units s, m, h), or none."
    let lowered = text.lowercased()
    if lowered.isEmpty || lowered == "none" { return [] }
    return try lowered.split(separator: ",", omittingEmptySubsequences: false).map { part in
      let token = part.trimmingCharacters(in: .whitespaces)
      let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
      guard let unit = token.last, let scale = units[unit], let amount = Double(token.dropLast()),
        amount.isFinite
      else {
        throw SchedulingError.invalidSettingValue(
          key: key.rawValue, value: text, expected: expected)
      }
      return amount * scale
    }
  }

  /// Writes seconds as steps such as `1m,10m`; `none` for no steps.
  static func formatSteps(_ steps: [TimeInterval]) -> String {
    guard !steps.isEmpty else { return "none" }
    return steps.map { seconds in
      for (unit, scale) in [("h", 3600.0), ("m", 60.0)] where seconds >= scale {
        let amount = seconds / scale
        if amount.rounded() == amount { return "\(Int(amount))\(unit)" }
      }
      return "\(SchedulingError.format(seconds))s"
    }.joined(separator: ",")
  }
}
