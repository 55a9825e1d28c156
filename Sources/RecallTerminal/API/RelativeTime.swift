/// Short phrases for when a card comes back: "in 10 min", "in 3 h", "tomorrow",
/// "in 12 days", "in 3 months", "in 1.5 years".
public enum RelativeTime {
  /// Describes a span of time from now, in seconds (negative or zero is "now").
  public static func describe(seconds: Double) -> String {
    let minute = 60.0
    let hour = 3600.0
    let day = 86_400.0
    switch seconds {
    case ..<1: return "now"
    case ..<minute: return "in \(Int(seconds.rounded())) s"
    case ..<hour: return "in \(Int((seconds / minute).rounded())) min"
    case ..<day: return "in \(Int((seconds / hour).rounded())) h"
    case ..<(2 * day): return "tomorrow"
    case ..<(60 * day): return "in \(Int((seconds / day).rounded())) days"
    case ..<(365 * day): return "in \(Int((seconds / (30.4 * day)).rounded())) months"
    default:
      let years = (seconds / (365.25 * day) * 10).rounded() / 10
      let text = years == years.rounded() ? String(Int(years)) : String(years)
      return "in \(text) \(years == 1 ? "year" : "years")"
    }
  }
}
