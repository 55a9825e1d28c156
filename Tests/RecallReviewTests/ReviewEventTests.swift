import Foundation
import Testing

@testable import RecallReview

struct ReviewEventTests {
  static let start = Date(timeIntervalSince1970: 1_795_597_200)  // 2026-11-25T09:00:00Z

  @Test func askedEventIsOneJSONLine() {
    let event = ReviewEvent.asked(
      .init(card: 12, quiz: .nextStep, phase: .new, noteChanged: true, at: Self.start))
    #expect(
      event.jsonLine
        == #"{"event":"asked","card":12,"quiz":"next-step","phase":"new","noteChanged":true,"at":"2026-11-25T09:00:00Z"}"#
    )
  }

  @Test func answeredEventCarriesRatingCorrectAndDue() throws {
    let before = QueueCard(id: 7, siblingGroup: "g", phase: .review, due: Self.start)
    let review = AnsweredReview(
      card: 7, quiz: .typed, grade: .hard, suggestedGrade: .hard, outcome: .typo,
      response: "스케줄로 \"x\"\n", elapsed: .milliseconds(4250), askedAt: Self.start,
      answeredAt: Self.start.addingTimeInterval(5), before: before,
      nextDue: Self.start.addingTimeInterval(3 * 86_400), nextPhase: .review, isFirstTry: true)
    let line = ReviewEvent.answered(review).jsonLine
    #expect(
      line.hasPrefix(#"{"event":"answered","card":7,"quiz":"typed","rating":2,"grade":"hard""#))
    #expect(line.contains(#""correct":true,"typo":true"#))
    #expect(line.contains(#""answer":"스케줄로 \"x\"\n""#))
    #expect(line.contains(#""elapsedMs":4250"#))
    #expect(line.contains(#""due":"2026-11-28T09:00:00Z""#))
    #expect(!line.contains("\n"))
    // It is valid JSON.
    let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
    #expect(object?["rating"] as? Int == 2)
    #expect(object?["correct"] as? Bool == true)
  }

  @Test func flipAnswerHasNullCorrectnessAndSummaryLine() throws {
    let before = QueueCard(id: 1, siblingGroup: "g", phase: .new, due: Self.start)
    let review = AnsweredReview(
      card: 1, quiz: .flip, grade: .good, suggestedGrade: nil, outcome: nil, response: nil,
      elapsed: .seconds(3), askedAt: Self.start, answeredAt: Self.start, before: before,
      nextDue: nil, nextPhase: nil, isFirstTry: true)
    #expect(ReviewEvent.answered(review).jsonLine.contains(#""suggested":null,"correct":null"#))
    let summary = ReviewSummary(
      cardsDone: 3, reviewsDone: 4, rightOnFirstTry: 2, rightOnFirstTryShare: 0.5,
      timeSpent: .seconds(90), dueTomorrow: 5, learningLaterToday: 0)
    #expect(
      ReviewEvent.finished(summary).jsonLine
        == #"{"event":"finished","cards":3,"reviews":4,"rightFirstTry":2,"rightFirstTryShare":0.5,"seconds":90.0,"dueTomorrow":5}"#
    )
  }

  @Test func controlCharactersAreEscaped() throws {
    let before = QueueCard(id: 1, siblingGroup: "g", phase: .new, due: Self.start)
    let review = AnsweredReview(
      card: 1, quiz: .typed, grade: .again, suggestedGrade: .again, outcome: .wrong,
      response: "a\u{1B}[31m\u{9B}", elapsed: .zero, askedAt: Self.start, answeredAt: Self.start,
      before: before, nextDue: nil, nextPhase: nil, isFirstTry: true)
    let line = ReviewEvent.answered(review).jsonLine
    #expect(!line.utf8.contains(0x1B))
    #expect(line.contains(#"a\u001b[31m\u009b"#))
  }

  @Test func errorsReadAsSentences() {
    for error in [
      ReviewError.nothingToUndo, .gradeRequired(card: 3), .choiceOutOfRange(choice: 5, count: 4),
      .invalidAction(action: "rate", state: "between cards"),
    ] {
      #expect(error.description.first?.isUppercase == true)
      #expect(error.description.hasSuffix("."))
    }
  }
}
