import Foundation

/// One past review, as the store keeps it, for the optimizer.
public struct ReviewLogEntry: Sendable, Hashable, Codable {
  /// The card reviewed.
  public var cardID: Int64
  /// When the review happened.
  public var reviewedAt: Date
  /// The button pressed.
  public var rating: Rating
  /// How long the answer took, if known (not used by the model).
  public var duration: TimeInterval?

  /// Creates a log entry.
  public init(cardID: Int64, reviewedAt: Date, rating: Rating, duration: TimeInterval? = nil) {
    self.cardID = cardID
    self.reviewedAt = reviewedAt
    self.rating = rating
    self.duration = duration
  }
}
