import Foundation

/// Times as the store keeps them: whole milliseconds since 1970-01-01T00:00:00Z.
enum Milliseconds {
  /// The milliseconds of `date`, rounded to the nearest.
  static func from(_ date: Date) -> Int64 {
    Int64((date.timeIntervalSince1970 * 1000).rounded())
  }

  /// The date of `milliseconds`.
  static func date(_ milliseconds: Int64) -> Date {
    Date(timeIntervalSince1970: Double(milliseconds) / 1000)
  }
}
