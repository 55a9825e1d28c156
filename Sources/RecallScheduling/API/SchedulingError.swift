import Foundation

/// Everything that can go wrong when configuring or running the scheduler.
///
/// Each message is a complete sentence that tells the user what to change.
public enum SchedulingError: Error, Sendable, Equatable, LocalizedError, CustomStringConvertible {
  /// A parameter list does not hold exactly 21 values.
  case wrongParameterCount(Int)
  /// A parameter is not a finite number.
  case nonFiniteParameter(index: Int)
  /// A parameter lies outside the range FSRS-6 allows for it.
  case parameterOutOfRange(index: Int, value: Double, range: ClosedRange<Double>)
  /// The desired retention lies outside 0.70...0.99.
  case desiredRetentionOutOfRange(Double)
  /// The maximum interval lies outside 1...36,500 days.
  case maximumIntervalOutOfRange(Int)
  /// The day start hour lies outside 0...23.
  case dayStartHourOutOfRange(Int)
  /// A daily limit (new cards or reviews) is negative or too large.
  case dailyLimitOutOfRange(key: String, value: Int)
  /// A learning or relearning step is not a positive duration under a day.
  case stepOutOfRange(key: String, seconds: Double)
  /// A settings key is not known.
  case unknownSettingKey(String)
  /// A settings value could not be read.
  case invalidSettingValue(key: String, value: String, expected: String)

  /// The message for the user: a complete sentence saying what to change.
  public var description: String {
    switch self {
    case .wrongParameterCount(let count):
      return "FSRS-6 needs exactly 21 parameters; you gave \(count)."
    case .nonFiniteParameter(let index):
      return "Parameter w\(index) must be a finite number."
    case .parameterOutOfRange(let index, let value, let range):
      return "Parameter w\(index) must be between \(Self.format(range.lowerBound)) and "
        + "\(Self.format(range.upperBound)); you gave \(Self.format(value))."
    case .desiredRetentionOutOfRange(let value):
      return "Desired retention must be between 0.70 and 0.99; you gave \(Self.format(value))."
    case .maximumIntervalOutOfRange(let value):
      return "Maximum interval must be between 1 and 36500 days; you gave \(value)."
    case .dayStartHourOutOfRange(let value):
      return "Day start hour must be a whole hour from 0 to 23; you gave \(value)."
    case .dailyLimitOutOfRange(let key, let value):
      return "The \(key) limit must be between 0 and 100000 cards a day; you gave \(value)."
    case .stepOutOfRange(let key, let seconds):
      return "Each of the \(key) must last from 1 second to less than 1 day; "
        + "you gave \(Self.format(seconds)) seconds."
    case .unknownSettingKey(let key):
      let known = SchedulerSettings.Key.allCases.map(\.rawValue).joined(separator: ", ")
      return "There is no setting called '\(key)'. The settings are: \(known)."
    case .invalidSettingValue(let key, let value, let expected):
      return "The value '\(value)' does not suit \(key): \(expected)"
    }
  }

  /// The same message as ``description``, for `LocalizedError`.
  public var errorDescription: String? { description }

  /// A number with at most six decimals and no trailing zeros.
  static func format(_ value: Double) -> String {
    if value.rounded() == value && abs(value) < 1e15 { return String(Int(value)) }
    var text = String(format: "%.6f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }
}
