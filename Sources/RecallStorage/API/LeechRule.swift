/// When a card that keeps being forgotten becomes a leech, and what happens to it then.
///
/// A card is tagged a leech when an answer brings its lapses to ``threshold`` (8 by default, as
/// in Anki), and again every half threshold after that (12, 16, … for 8) if it is still
/// studied. With ``Action/suspend`` it is suspended too, so it stops taking the user's time
/// until its note is fixed.
public struct LeechRule: Hashable, Sendable {
  /// What happens to a card that becomes a leech.
  public enum Action: String, Hashable, Sendable, CaseIterable {
    /// Tag it and suspend it.
    case suspend
    /// Only tag it.
    case tag
  }

  /// The setting that holds ``threshold``.
  public static let thresholdKey = "leech-threshold"
  /// The setting that holds ``action``.
  public static let actionKey = "leech-action"
  /// Both settings' keys.
  public static let keys: [String] = [thresholdKey, actionKey]

  /// The lapses that make a card a leech, at least 1.
  public var threshold: Int
  /// What happens to it then.
  public var action: Action

  /// Creates a rule.
  public init(threshold: Int = 8, action: Action = .suspend) {
    self.threshold = threshold
    self.action = action
  }

  /// Anki's rule: 8 lapses, suspend.
  public static let defaults = LeechRule()

  /// Whether an answer that took a card from `lapsesBefore` to `lapsesAfter` lapses makes it a
  /// leech (again).
  public func isLeech(lapsesBefore: Int, lapsesAfter: Int) -> Bool {
    guard lapsesAfter > lapsesBefore, lapsesAfter >= threshold else { return false }
    let every = max(1, (threshold + 1) / 2)
    return (lapsesAfter - threshold) % every == 0
  }

  /// The value of one of ``keys`` as `recall config` shows it.
  public func value(of key: String) -> String? {
    switch key {
    case Self.thresholdKey: String(threshold)
    case Self.actionKey: action.rawValue
    default: nil
    }
  }

  /// One line saying what a setting does, for the key listing.
  public static func summary(of key: String) -> String {
    key == thresholdKey
      ? "Lapses after which a card is a leech, 1 to 99."
      : "What happens to a leech: suspend (tag and suspend it) or tag."
  }

  /// A copy with `key` (one of ``keys``) set from `text`.
  ///
  /// - Throws: ``SettingsProblem`` saying what values the setting takes.
  public func setting(_ key: String, to text: String) throws(SettingsProblem) -> LeechRule {
    var copy = self
    let value = text.trimmingCharacters(in: .whitespaces).lowercased()
    switch key {
    case Self.thresholdKey:
      guard let number = Int(value), (1...99).contains(number) else {
        throw SettingsProblem(
          message: "The value '\(text)' does not suit \(key): give a whole number of lapses from 1 to 99, such as 8.")
      }
      copy.threshold = number
    case Self.actionKey:
      guard let action = Action(rawValue: value) else {
        throw SettingsProblem(message: "The value '\(text)' does not suit \(key): give suspend or tag.")
      }
      copy.action = action
    default:
      throw SettingsProblem(message: "The setting '\(key)' is not a leech setting.")
    }
    return copy
  }
}
