import Foundation
import RecallScheduling

/// Study day numbers for many instants, remembered per quarter hour.
///
/// A quarter hour never straddles two study days (time zones differ from UTC by whole quarter
/// hours and days start on a whole hour), so every instant of one quarter hour has the day of
/// its first instant. The answers are exactly ``DayClock/dayNumber(of:)``'s, at a fraction of
/// the cost for the cards and reviews of a large database.
struct StudyDays {
  /// The clock that counts the days.
  let clock: DayClock
  /// Day numbers by quarter hour since 1970.
  private var known: [Int64: Int] = [:]

  /// Creates a cache for `clock`.
  init(clock: DayClock) {
    self.clock = clock
  }

  /// The study day of the quarter hour `quarterHour`.
  mutating func day(ofQuarterHour quarterHour: Int64) -> Int {
    if let day = known[quarterHour] { return day }
    let day = clock.dayNumber(of: Date(timeIntervalSince1970: Double(quarterHour) * 900))
    known[quarterHour] = day
    return day
  }

  /// The study day containing `date`.
  mutating func day(of date: Date) -> Int {
    day(ofQuarterHour: Int64((date.timeIntervalSince1970 / 900).rounded(.down)))
  }

  /// The local date `YYYY-MM-DD` on which study day `day` starts.
  ///
  /// Day numbers count local days since 1970-01-01 shifted by the start hour, so the date is
  /// the civil date `day` days after 1970-01-01.
  static func dateText(_ day: Int) -> String {
    // Howard Hinnant's civil_from_days.
    let z = day + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
    return String(format: "%04d-%02d-%02d", y, m, d)
  }

  /// The day of the week of study day `day`: 0 Monday … 6 Sunday (1970-01-01 was a Thursday).
  static func weekday(_ day: Int) -> Int {
    ((day + 3) % 7 + 7) % 7
  }
}
