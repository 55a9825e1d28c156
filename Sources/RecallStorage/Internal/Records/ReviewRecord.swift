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
  /// The record of a row, whatever its columns hold: a value of the wrong type reads as unknown,
  /// or 0 where the log needs a number (``Row/value(named:)``).
  init(row: Row) {
    self.init(
      id: row.value(named: "id") ?? "", cardId: row.value(named: "cardId") ?? 0,
      reviewedAt: row.value(named: "reviewedAt") ?? 0, rating: row.value(named: "rating") ?? 0,
      quiz: row.value(named: "quiz") ?? "", answer: row.value(named: "answer"),
      correct: row.value(named: "correct"), duration: row.value(named: "duration") ?? 0,
      stateBefore: row.value(named: "stateBefore") ?? "new", stepBefore: row.value(named: "stepBefore"),
      stabilityBefore: row.value(named: "stabilityBefore"),
      difficultyBefore: row.value(named: "difficultyBefore"), dueBefore: row.value(named: "dueBefore"),
      lastReviewBefore: row.value(named: "lastReviewBefore"), repsBefore: row.value(named: "repsBefore") ?? 0,
      lapsesBefore: row.value(named: "lapsesBefore") ?? 0, stateAfter: row.value(named: "stateAfter") ?? "new",
      stepAfter: row.value(named: "stepAfter"), stabilityAfter: row.value(named: "stabilityAfter"),
      difficultyAfter: row.value(named: "difficultyAfter"), dueAfter: row.value(named: "dueAfter"),
      lastReviewAfter: row.value(named: "lastReviewAfter"), repsAfter: row.value(named: "repsAfter") ?? 0,
      lapsesAfter: row.value(named: "lapsesAfter") ?? 0)
  }

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

extension ReviewUndoRecord {
  /// The record of a row; an undo time that is not a number reads as 0 (``Row/value(named:)``).
  init(row: Row) {
    self.init(reviewId: row.value(named: "reviewId") ?? "", undoneAt: row.value(named: "undoneAt") ?? 0)
  }
}
