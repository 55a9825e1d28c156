import Foundation

/// Counts study days as calendar days in the user's time zone, each starting at a set hour.
///
/// With the default start hour of 4, a review at 02:00 on 5 March still belongs to the
/// study day of 4 March, as in Anki. Day numbers count from the study day that contains
/// 1970-01-01 at the start hour, so they are comparable across time zones of one user
/// but only meaningful together with the clock that produced them.
///
/// ```swift
/// let clock = DayClock(timeZone: TimeZone(identifier: "Asia/Seoul")!, dayStartHour: 4)
/// let today = clock.dayNumber(of: now)
/// let dueToday = clock.isDueToday(card.due, now: now)
/// ```
public struct DayClock: Sendable, Hashable {
  /// The user's time zone.
  public var timeZone: TimeZone
  /// The local hour at which a study day starts, 0...23.
  public var dayStartHour: Int

  /// Creates a clock; `dayStartHour` is clamped to 0...23.
  public init(timeZone: TimeZone, dayStartHour: Int = 4) {
    self.timeZone = timeZone
    self.dayStartHour = min(max(dayStartHour, 0), 23)
  }

  /// A clock on UTC whose days start at midnight.
  public static let utcMidnight = DayClock(
    timeZone: TimeZone(secondsFromGMT: 0) ?? .current, dayStartHour: 0)

  /// The number of the study day that contains `date`.
  public func dayNumber(of date: Date) -> Int {
    let local = date.addingTimeInterval(TimeInterval(timeZone.secondsFromGMT(for: date)))
    let localSeconds = Int(floor(local.timeIntervalSince1970))
    return Self.floorDivide(localSeconds - dayStartHour * 3600, 86_400)
  }

  /// The first instant of study day `number`: its local date at the start hour.
  ///
  /// When that local time does not exist (a daylight-saving gap), the day starts at the
  /// first instant after the gap.
  public func startOfDay(_ number: Int) -> Date {
    // The local wall-clock time of the start, shifted by the offset in force near it,
    // then bisected to the exact second at which day `number` begins.
    let wall = number * 86_400 + dayStartHour * 3600
    let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(wall)))
    let approximate = wall - offset
    // Where the offset is the same four hours either side (no change of daylight-saving time
    // near), the day starts exactly there: what the bisection would find, without its steps.
    if timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(approximate - 4 * 3600))) == offset,
      timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(approximate + 4 * 3600))) == offset,
      timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(approximate))) == offset
    {
      return Date(timeIntervalSince1970: TimeInterval(approximate))
    }
    var low = approximate - 4 * 3600
    while dayNumber(of: Date(timeIntervalSince1970: TimeInterval(low))) >= number {
      low -= 4 * 3600
    }
    var high = approximate + 4 * 3600
    while dayNumber(of: Date(timeIntervalSince1970: TimeInterval(high))) < number {
      high += 4 * 3600
    }
    while high - low > 1 {
      let middle = low + (high - low) / 2
      if dayNumber(of: Date(timeIntervalSince1970: TimeInterval(middle))) >= number {
        high = middle
      } else {
        low = middle
      }
    }
    return Date(timeIntervalSince1970: TimeInterval(high))
  }

  /// The first instant of the study day after the one containing `date`.
  public func startOfNextDay(after date: Date) -> Date {
    startOfDay(dayNumber(of: date) + 1)
  }

  /// Whether a card due at `due` is due in the study day containing `now`.
  ///
  /// A card is due today when it is due before the next study day starts.
  public func isDueToday(_ due: Date, now: Date) -> Bool {
    due < startOfNextDay(after: now)
  }

  /// The whole study days from `earlier` to `later` (negative if `later` comes first).
  public func daysBetween(_ earlier: Date, _ later: Date) -> Int {
    dayNumber(of: later) - dayNumber(of: earlier)
  }

  static func floorDivide(_ a: Int, _ b: Int) -> Int {
    let quotient = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
  }
}
