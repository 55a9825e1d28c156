import Foundation
import RecallScheduling

/// A study day named on the command line: `today`, `tomorrow`, `+3` (days from today), or a
/// date such as `2026-12-24`, read in the user's time zone.
enum StudyDate {
  /// The number of the study day `text` names (see ``DayClock/dayNumber(of:)``).
  ///
  /// - Throws: ``ConfigError`` saying which forms are understood.
  static func dayNumber(_ text: String, clock: DayClock, now: Date) throws -> Int {
    let today = clock.dayNumber(of: now)
    let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
    switch trimmed {
    case "today": return today
    case "tomorrow": return today + 1
    default: break
    }
    if let days = Int(trimmed.hasPrefix("+") ? String(trimmed.dropFirst()) : trimmed),
      !trimmed.contains("-"), (0...36_500).contains(days)
    {
      return today + days
    }
    let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
    if parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
      parts[0].count == 4, (1...12).contains(month), (1...31).contains(day)
    {
      var calendar = Calendar(identifier: .gregorian)
      calendar.timeZone = clock.timeZone
      let components = DateComponents(year: year, month: month, day: day, hour: 12)
      if let noon = calendar.date(from: components),
        calendar.component(.day, from: noon) == day
      {
        // Noon of the date is within its study day whatever the day start hour (0 to 23).
        let number = clock.dayNumber(of: noon)
        return clock.dayStartHour > 12 ? number + 1 : number
      }
    }
    throw ConfigError(
      "'\(text)' is not a day: write a date such as 2026-12-24, today, tomorrow, or a number "
        + "of days from today such as +3.")
  }
}
