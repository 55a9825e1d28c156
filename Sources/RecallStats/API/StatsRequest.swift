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

  /// A request with the settings stored in `store` (under their `recall config` names, for every
  /// deck) in the time zone `timeZone`.
  ///
  /// - Throws: ``StatsError/invalidSetting(key:value:reason:)`` for a stored value that cannot be
  ///   used, or ``StatsError/storage(_:)``.
  public static func load(
    from store: Store, now: Date, deck: String?, timeZone: TimeZone = .current
  ) throws(StatsError) -> StatsRequest {
    var settings = SchedulerSettings.defaults
    var parameters = FSRSParameters.defaults
    do {
      for key in SchedulerSettings.Key.allCases {
        guard let value = try store.setting(key.rawValue) else { continue }
        do {
          settings = try settings.setting(key, to: value)
        } catch {
          throw StatsError.invalidSetting(key: key.rawValue, value: value, reason: "\(error)")
        }
      }
      if let text = try store.setting(parametersSettingKey) {
        let numbers = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard numbers.allSatisfy({ $0 != nil }) else {
          throw StatsError.invalidSetting(
            key: parametersSettingKey, value: text, reason: "it is not a list of numbers")
        }
        do {
          parameters = try FSRSParameters(clamping: numbers.compactMap { $0 })
        } catch {
          throw StatsError.invalidSetting(key: parametersSettingKey, value: text, reason: "\(error)")
        }
      }
    } catch let error as StorageError {
      throw .storage(error)
    } catch let error as StatsError {
      throw error
    } catch {
      throw .storage(.database(path: store.path, message: "\(error)"))
    }
    return StatsRequest(
      now: now, deck: deck,
      clock: DayClock(timeZone: timeZone, dayStartHour: settings.dayStartHour),
      parameters: parameters, settings: settings)
  }
}
