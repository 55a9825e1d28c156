import Foundation
import RecallScheduling
import Testing

@testable import RecallReview

/// Undo in a review session: back to the start, one answer at a time, and a card taken back is
/// asked once more, not twice.
struct ReviewSessionUndoTests {
  static let start = Date(timeIntervalSince1970: 1_800_000_000)
  static let day = ReviewDay(start: start.addingTimeInterval(-3600), end: start.addingTimeInterval(20 * 3600))

  static func session(_ count: Int) -> ReviewSession {
    let cards = (1...count).map { QueueCard(id: Int64($0), siblingGroup: "g\($0)", phase: .new, due: start) }
    return ReviewSession(queue: ReviewQueue(cards: cards), today: day, startedAt: start)
  }

  /// Asks the next card as a flip card and grades it.
  static func answerNext(_ session: inout ReviewSession, _ grade: Rating) throws -> Int64? {
    guard let card = session.draw(at: start) else { return nil }
    _ = try session.present(Quiz(kind: .flip, answer: "x"), at: start)
    _ = try session.answer(.grade(grade), at: start)
    _ = try session.rate(grade, at: start, scheduled: ScheduledReview(due: start.addingTimeInterval(86_400 * 3), phase: .review))
    return card.id
  }

  @Test func anUndoneCardIsAskedOnceMoreAndNotTwice() throws {
    var session = Self.session(3)
    #expect(try Self.answerNext(&session, .good) == 1)
    #expect(try Self.answerNext(&session, .good) == 2)
    let undone = try session.undo()
    #expect(undone.review?.card == 2)
    // Card 2 is drawn again, then card 3, and the session ends: no card comes twice.
    var asked: [Int64] = []
    while let id = try Self.answerNext(&session, .easy) { asked.append(id) }
    #expect(asked == [2, 3])
    #expect(session.history.map(\.card) == [1, 2, 3])
  }

  @Test func undoGoesBackToTheStartOneAnswerAtATime() throws {
    var session = Self.session(3)
    for _ in 0..<3 { _ = try Self.answerNext(&session, .good) }
    for expected in [3, 2, 1] as [Int64] {
      #expect(try session.undo().review?.card == expected)
    }
    #expect(throws: ReviewError.nothingToUndo) { try session.undo() }
    var asked: [Int64] = []
    while let id = try Self.answerNext(&session, .good) { asked.append(id) }
    #expect(asked == [1, 2, 3])
  }
}
