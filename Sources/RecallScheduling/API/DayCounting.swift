/// How the scheduler counts the days between two reviews.
public enum DayCounting: Sendable, Hashable {
  /// Whole 24-hour periods on the UTC timeline, and due dates at the review's time of day,
  /// exactly as py-fsrs does (used by the parity tests).
  case elapsed24Hours
  /// Calendar study days of a ``DayClock``: a review interval of N days makes the card due
  /// at the start of the Nth study day after the review's, as a daily review tool must.
  case studyDays(DayClock)
}
