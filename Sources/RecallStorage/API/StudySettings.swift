import Foundation
import RecallScheduling

/// The settings a review, quiz, optimize or stats run works with: the scheduler's settings
/// (stored ones over the defaults, a deck's over every deck's) and the FSRS parameters.
public struct StudySettings: Sendable {
  /// The name under which `recall optimize` stores fitted parameters.
  public static let parametersKey = "parameters"

  /// Keys that only make sense for every deck at once.
  public static let globalOnlyKeys: Set<String> = [
    SchedulerSettings.Key.dayStartHour.rawValue, SchedulerSettings.Key.fuzz.rawValue, parametersKey,
  ]

  /// The scheduler's settings.
  public var scheduler: SchedulerSettings
  /// The model weights: the stored ones from `recall optimize`, else the defaults.
  public var parameters: FSRSParameters
  /// When a card becomes a leech and what happens to it then.
  public var leech: LeechRule = .defaults
  /// Whether ``parameters`` came from the store.
  public var parametersAreFitted: Bool
  /// Stored values that could not be read, with why (shown as warnings).
  public var problems: [String]

  /// The settings stored in `store` for `deck` (`nil`: every deck).
  public static func load(from store: Store, deck: String?) throws(StorageError) -> StudySettings {
    let stored = try store.settings()
    return resolve(stored, deck: deck)
  }

  /// The settings that `stored` gives for `deck`: defaults, then every deck's values, then
  /// those of each folder holding the deck (outermost first), then the deck's own. `x` and
  /// `x.md` name one deck.
  public static func resolve(_ stored: [Setting], deck: String?) -> StudySettings {
    var settings = SchedulerSettings.defaults
    var parameters = FSRSParameters.defaults
    var fitted = false
    var leech = LeechRule.defaults
    var problems: [String] = []
    let scopes = deck.map { deck in
      Set(stored.compactMap(\.deck)).filter { contains($0, deck: deck) }
        .sorted { ($0.count, $0) < ($1.count, $1) }
    } ?? []
    let layers = [stored.filter { $0.deck == nil }]
      + scopes.map { scope in stored.filter { $0.deck == scope } }
    for layer in layers {
      for setting in layer {
        if setting.key == parametersKey {
          do {
            parameters = try parseParameters(setting.value)
            fitted = true
          } catch {
            problems.append("The stored value of '\(setting.key)' was left out: \(error)")
          }
          continue
        }
        if LeechRule.keys.contains(setting.key) {
          do {
            leech = try leech.setting(setting.key, to: setting.value)
          } catch {
            problems.append("The stored value of '\(setting.key)' was left out: \(error)")
          }
          continue
        }
        guard let key = SchedulerSettings.Key(rawValue: setting.key) else { continue }
        do {
          settings = try settings.setting(key, to: setting.value)
        } catch {
          problems.append("The stored value of '\(setting.key)' was left out: \(error)")
        }
      }
    }
    return StudySettings(
      scheduler: settings, parameters: parameters, leech: leech, parametersAreFitted: fitted,
      problems: problems)
  }

  /// The per-deck keys whose values limit or shape a deck's part of a review.
  public static let deckLimitKeys: Set<String> = [
    SchedulerSettings.Key.newPerDay.rawValue, SchedulerSettings.Key.reviewsPerDay.rawValue,
  ]

  /// The deck name without a trailing `/` or `.md`: `x`, `x/` and `x.md` are one deck.
  public static func deckKey(_ deck: String) -> String {
    var key = deck.hasSuffix("/") ? String(deck.dropLast()) : deck
    if key.hasSuffix(".md") { key = String(key.dropLast(3)) }
    return key
  }

  /// Whether settings stored for `scope` (a deck or a folder of decks) apply to `deck`.
  public static func contains(_ scope: String, deck: String) -> Bool {
    let scopeKey = deckKey(scope)
    let deckKey = deckKey(deck)
    return scopeKey == deckKey || deckKey.hasPrefix(scopeKey + "/")
  }

  /// Reads 21 comma-separated weights, or `default`.
  public static func parseParameters(_ text: String) throws -> FSRSParameters {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if trimmed.lowercased() == "default" || trimmed.lowercased() == "defaults" { return .defaults }
    let parts = trimmed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    var weights: [Double] = []
    for part in parts {
      guard let value = Double(part) else {
        throw SettingsProblem(
          message: "The value '\(text)' does not suit parameters: give 21 numbers separated by commas, "
            + "or default.")
      }
      weights.append(value)
    }
    return try FSRSParameters(weights)
  }

  /// The weights as they are stored: every digit, separated by commas.
  public static func format(_ parameters: FSRSParameters) -> String {
    parameters.weights.map { "\($0)" }.joined(separator: ",")
  }

  /// The clock that counts study days: the user's time zone and the day start hour.
  public func dayClock(timeZone: TimeZone = .current) -> DayClock {
    DayClock(timeZone: timeZone, dayStartHour: scheduler.dayStartHour)
  }
}

/// A setting that cannot be read, with a complete sentence saying why.
public struct SettingsProblem: Error, CustomStringConvertible, LocalizedError {
  /// The sentence shown to the user.
  public var message: String
  public var description: String { message }
  public var errorDescription: String? { message }
}
