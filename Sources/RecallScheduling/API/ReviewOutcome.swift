import Foundation

/// Which stability formula a review used.
public enum StabilityUpdate: String, Sendable, Hashable, Codable {
  /// The first review of a card.
  case initial
  /// A review less than one day after the previous one.
  case shortTerm
  /// A successful review at least one day after the previous one.
  case recall
  /// A lapse at least one day after the previous review.
  case forget
}

/// What happened in one review, for the review log and the stats.
public struct ReviewLogInfo: Sendable, Hashable, Codable {
  /// The button pressed.
  public var rating: Rating
  /// When the review happened.
  public var reviewedAt: Date
  /// The card's phase before the review.
  public var phaseBefore: CardPhase
  /// Days since the previous review under the scheduler's ``DayCounting``; `nil` for a new card.
  public var elapsedDays: Int?
  /// The predicted recall probability at review time (0 for a new card).
  public var retrievability: Double
  /// The stability formula used.
  public var update: StabilityUpdate
  /// The interval in whole days before fuzz, when the card ends in review.
  public var scheduledDays: Int?
  /// The interval in whole days after fuzz, when the card ends in review.
  public var intervalDays: Int?
}

/// The card after a review, and the log entry describing it.
public struct ReviewOutcome: Sendable, Hashable {
  /// The card's next state.
  public var card: CardState
  /// What happened.
  public var log: ReviewLogInfo
}
