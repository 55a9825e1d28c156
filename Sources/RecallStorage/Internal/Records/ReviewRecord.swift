import Foundation
import GRDB

/// A row of the `review` table: one answer in the append-only review log.
struct ReviewRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "review"

  /// The columns of the `review` table that queries use.
  enum Columns {
    static let id = Column(CodingKeys.id)
    static let cardId = Column(CodingKeys.cardId)
    static let reviewedAt = Column(CodingKeys.reviewedAt)
  }

  var id: String
  var cardId: Int64
  var reviewedAt: Int64
  var rating: Int
  var quiz: String
  var answer: String?
  var correct: Bool?
  var duration: Int
  var stateBefore: String
  var stepBefore: Int?
  var stabilityBefore: Double?
  var difficultyBefore: Double?
  var dueBefore: Int64?
  var lastReviewBefore: Int64?
  var repsBefore: Int
  var lapsesBefore: Int
  var stateAfter: String
  var stepAfter: Int?
  var stabilityAfter: Double?
  var difficultyAfter: Double?
  var dueAfter: Int64?
  var lastReviewAfter: Int64?
  var repsAfter: Int
  var lapsesAfter: Int
}

extension ReviewRecord {
  /// The record of `entry`.
  init(_ entry: StoredReview) {
    let before = CardScheduleRecord(cardId: entry.cardID, entry.before)
    let after = CardScheduleRecord(cardId: entry.cardID, entry.after)
    self.init(
      id: entry.id.uuidString, cardId: entry.cardID,
      reviewedAt: Milliseconds.from(entry.reviewedAt), rating: entry.rating, quiz: entry.quiz,
      answer: entry.answer, correct: entry.correct, duration: entry.durationMilliseconds,
      stateBefore: before.state, stepBefore: before.step, stabilityBefore: before.stability,
      difficultyBefore: before.difficulty, dueBefore: before.due,
      lastReviewBefore: before.lastReview, repsBefore: before.reps, lapsesBefore: before.lapses,
      stateAfter: after.state, stepAfter: after.step, stabilityAfter: after.stability,
      difficultyAfter: after.difficulty, dueAfter: after.due, lastReviewAfter: after.lastReview,
      repsAfter: after.reps, lapsesAfter: after.lapses)
  }

  /// The domain value.
  var entry: StoredReview {
    let before = CardScheduleRecord(
      cardId: cardId, state: stateBefore, step: stepBefore, stability: stabilityBefore,
      difficulty: difficultyBefore, due: dueBefore, lastReview: lastReviewBefore, reps: repsBefore,
      lapses: lapsesBefore)
    let after = CardScheduleRecord(
      cardId: cardId, state: stateAfter, step: stepAfter, stability: stabilityAfter,
      difficulty: difficultyAfter, due: dueAfter, lastReview: lastReviewAfter, reps: repsAfter,
      lapses: lapsesAfter)
    return StoredReview(
      id: UUID(uuidString: id) ?? UUID(), cardID: cardId,
      reviewedAt: Milliseconds.date(reviewedAt), rating: rating, quiz: quiz, answer: answer,
      correct: correct, durationMilliseconds: duration, before: before.schedule,
      after: after.schedule)
  }
}

/// A row of the `reviewUndo` table.
struct ReviewUndoRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "reviewUndo"

  /// The columns of the `reviewUndo` table.
  enum Columns {
    static let reviewId = Column(CodingKeys.reviewId)
    static let undoneAt = Column(CodingKeys.undoneAt)
  }

  var reviewId: String
  var undoneAt: Int64
}
