import Foundation

/// One answer in the review log: which card, when, how it was asked and answered, and the
/// scheduling state before and after.
///
/// Entries are appended and never changed. The `id` is a UUID that stays the same when the log
/// is exported and merged into another database, so that merging never counts a review twice;
/// replaying a card's entries in time order rebuilds its schedule.
public struct StoredReview: Hashable, Sendable, Identifiable {
  /// The review's UUID.
  public var id: UUID
  /// The id of the card reviewed.
  public var cardID: Int64
  /// When the answer was given.
  public var reviewedAt: Date
  /// The grade: 1 again, 2 hard, 3 good, 4 easy.
  public var rating: Int
  /// How the card was asked, such as `choice`, `typed`, `flip`, `nextStep`, `ordering`.
  public var quiz: String
  /// What the user answered; `nil` when nothing was typed or chosen.
  public var answer: String?
  /// Whether the answer was right; `nil` when the user graded themselves.
  public var correct: Bool?
  /// How long the answer took, in milliseconds.
  public var durationMilliseconds: Int
  /// The card's scheduling state before the answer.
  public var before: CardSchedule
  /// The card's scheduling state after the answer.
  public var after: CardSchedule

  /// Creates a review log entry.
  public init(
    id: UUID = UUID(), cardID: Int64, reviewedAt: Date, rating: Int, quiz: String,
    answer: String? = nil, correct: Bool? = nil, durationMilliseconds: Int,
    before: CardSchedule, after: CardSchedule
  ) {
    self.id = id
    self.cardID = cardID
    self.reviewedAt = reviewedAt
    self.rating = rating
    self.quiz = quiz
    self.answer = answer
    self.correct = correct
    self.durationMilliseconds = durationMilliseconds
    self.before = before
    self.after = after
  }
}

/// An undone answer: the review stays in the log and no longer counts.
public struct ReviewUndo: Hashable, Sendable {
  /// The id of the review undone.
  public var reviewID: UUID
  /// When it was undone.
  public var undoneAt: Date

  /// Creates an undo record.
  public init(reviewID: UUID, undoneAt: Date) {
    self.reviewID = reviewID
    self.undoneAt = undoneAt
  }
}
