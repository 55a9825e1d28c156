import Foundation
import RecallScheduling
import RecallStorage

/// What stats to compute: the moment, the deck, how days are counted and the scheduling
/// settings that matter to the figures.
public struct StatsRequest: Sendable {
  /// The moment the stats describe (`--now` in tests).
  public var now: Date
  /// Only this deck (a note's deck, the same without `.md`, or a folder); `nil` for every deck.
  public var deck: String?
  /// How study days are counted: the user's time zone and day start hour.
  public var clock: DayClock
  /// The FSRS weights used for retrievability.
  public var parameters: FSRSParameters
  /// The scheduling settings (new cards per day, steps, …).
  public var settings: SchedulerSettings
  /// How many days the due forecast covers, today included.
  public var forecastDays: Int
  /// How many cards each list of hardest cards holds at most.
  public var hardestLimit: Int

  /// Creates a request.
  public init(
    now: Date, deck: String? = nil, clock: DayClock, parameters: FSRSParameters = .defaults,
    settings: SchedulerSettings = .defaults, forecastDays: Int = 30, hardestLimit: Int = 10
  ) {
    self.now = now
    self.deck = deck
    self.clock = clock
    self.parameters = parameters
    self.settings = settings
    self.forecastDays = max(1, forecastDays)
    self.hardestLimit = max(0, hardestLimit)
  }

  /// The name of the setting that holds the user's fitted FSRS weights (21 numbers separated by
  /// commas), written by `recall optimize`.
  public static let parametersSettingKey = "parameters"

  /// Stored settings that could not be used and were left out, as sentences (shown as
  /// warnings).
  public var warnings: [String] = []

  /// A request with the settings stored in `store` (under their `recall config` names: every
  /// deck's values, then the deck's own) in the time zone `timeZone`.
  ///
  /// A stored value that cannot be used is left out (its default applies) and listed in
  /// ``warnings``: stats never fail because of a setting.
  ///
  /// - Throws: ``StatsError/storage(_:)``.
  public static func load(
    from store: Store, now: Date, deck: String?, timeZone: TimeZone = .current
  ) throws(StatsError) -> StatsRequest {
    var settings = SchedulerSettings.defaults
    var parameters = FSRSParameters.defaults
    var warnings: [String] = []
    let stored: [Setting]
    do {
      stored = try store.settings()
    } catch {
      throw .storage(error)
    }
    let layers = [stored.filter { $0.deck == nil }, stored.filter { $0.deck != nil && $0.deck == deck }]
    for setting in layers.joined() {
      if setting.key == parametersSettingKey {
        let text = setting.value.trimmingCharacters(in: .whitespaces).lowercased()
        if text == "default" || text == "defaults" {
          parameters = .defaults
          continue
        }
        let numbers = setting.value.split(separator: ",").map {
          Double($0.trimmingCharacters(in: .whitespaces))
        }
        if numbers.contains(where: { $0 == nil }) {
          warnings.append(
            StatsError.invalidSetting(key: setting.key, value: setting.value, reason: "it is not a list of numbers")
              .description)
          continue
        }
        do {
          parameters = try FSRSParameters(numbers.compactMap { $0 })
        } catch {
          warnings.append(
            StatsError.invalidSetting(key: setting.key, value: setting.value, reason: "\(error)").description)
        }
        continue
      }
      guard let key = SchedulerSettings.Key(rawValue: setting.key) else { continue }
      do {
        settings = try settings.setting(key, to: setting.value)
      } catch {
        warnings.append(
          StatsError.invalidSetting(key: setting.key, value: setting.value, reason: "\(error)").description)
      }
    }
    var request = StatsRequest(
      now: now, deck: deck,
      clock: DayClock(timeZone: timeZone, dayStartHour: settings.dayStartHour),
      parameters: parameters, settings: settings)
    request.warnings = warnings
    return request
  }
}
