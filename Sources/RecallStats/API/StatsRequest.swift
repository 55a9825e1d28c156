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
  public static let parametersSettingKey = StudySettings.parametersKey

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
    let stored: [Setting]
    do {
      stored = try store.settings()
    } catch {
      throw .storage(error)
    }
    let resolved = StudySettings.resolve(stored, deck: deck)
    var request = StatsRequest(
      now: now, deck: deck,
      clock: resolved.dayClock(timeZone: timeZone),
      parameters: resolved.parameters, settings: resolved.scheduler)
    request.warnings = resolved.problems
    return request
  }
}
