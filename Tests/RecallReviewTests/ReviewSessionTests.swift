import Foundation
import RecallScheduling
import Testing

@testable import RecallReview

struct ReviewSessionTests {
  static let start = Date(timeIntervalSince1970: 1_795_597_200)  // 2026-11-25T09:00:00Z
  static let today = ReviewDay(
    start: start.addingTimeInterval(-5 * 3600), end: start.addingTimeInterval(19 * 3600))

  private func at(_ seconds: Double) -> Date { Self.start.addingTimeInterval(seconds) }

  private func card(_ id: Int64, _ phase: CardPhase = .review, group: String? = nil) -> QueueCard {
    QueueCard(id: id, siblingGroup: group ?? "g\(id)", phase: phase, due: at(-3600))
  }

  private func session(_ cards: [QueueCard], later: [QueueCard] = []) -> ReviewSession {
    ReviewSession(
      queue: ReviewQueue(cards: cards, laterLearning: later), today: Self.today,
      startedAt: Self.start)
  }

  private let choiceQuiz = Quiz(
    kind: .choice, choices: ["서비스", "클러스터", "태스크"], rightChoice: 1, answer: "클러스터")
  private let typedQuiz = Quiz(kind: .typed, answer: "스케줄러")
  private let flipQuiz = Quiz(kind: .flip, answer: "긴 설명")

  private func review(days: Double) -> ScheduledReview {
    ScheduledReview(due: at(days * 86_400), phase: .review, intervalDays: days)
  }

  @Test func choiceQuizFlowEmitsAskedAndAnswered() throws {
    var session = session([card(1), card(2)])
    let next = session.draw(at: at(0))
    let drawn = try #require(next)
    #expect(drawn.id == 1)
    let asked = try session.present(choiceQuiz, at: at(0))
    #expect(
      asked == .asked(.init(card: 1, quiz: .choice, phase: .review, noteChanged: false, at: at(0))))
    let answer = try session.answer(.choice(2), at: at(4))
    #expect(answer.outcome == .right)
    #expect(answer.suggestedGrade == .good)
    let event = try session.rate(nil, at: at(5), scheduled: review(days: 3))
    guard case .answered(let logged) = event else {
      Issue.record("expected an answered event")
      return
    }
    #expect(logged.grade == .good)
    #expect(logged.elapsed == .seconds(4))
    #expect(logged.nextDue == at(3 * 86_400))
    #expect(session.state == .ready)
    #expect(session.draw(at: at(6))?.id == 2)
  }

  @Test func wrongChoiceIsAgainAndOutOfRangeThrows() throws {
    var session = session([card(1)])
    _ = session.draw(at: at(0))
    _ = try session.present(choiceQuiz, at: at(0))
    #expect(throws: ReviewError.choiceOutOfRange(choice: 4, count: 3)) {
      try session.answer(.choice(4), at: at(1))
    }
    let answer = try session.answer(.typed("1"), at: at(1))  // a typed number picks a choice
    #expect(answer.outcome == .wrong)
    #expect(answer.suggestedGrade == .again)
  }

  @Test func typedTypoSuggestsHardAndTheUserCanOverride() throws {
    var session = session([card(1)])
    _ = session.draw(at: at(0))
    _ = try session.present(typedQuiz, at: at(0))
    let answer = try session.answer(.typed("스케줄로"), at: at(3))
    #expect(answer.outcome == .typo)
    #expect(answer.suggestedGrade == .hard)
    #expect(answer.check?.diff.typed.last == DiffPiece("로", isDifferent: true))
    let event = try session.rate(.good, at: at(4), scheduled: review(days: 4))
    guard case .answered(let logged) = event else { return }
    #expect(logged.grade == .good)
    #expect(logged.suggestedGrade == .hard)
  }

  @Test func fastRightAnswerOnAKnownCardIsEasy() throws {
    var session = session([card(1, .review)])
    _ = session.draw(at: at(0))
    _ = try session.present(typedQuiz, at: at(0))
    #expect(try session.answer(.typed("스케줄러"), at: at(2)).suggestedGrade == .easy)
  }

  @Test func flipCardsNeedTheUsersGrade() throws {
    var session = session([card(1)])
    _ = session.draw(at: at(0))
    _ = try session.present(flipQuiz, at: at(0))
    let answer = try session.answer(.reveal, at: at(5))
    #expect(answer.outcome == nil)
    #expect(answer.suggestedGrade == nil)
    #expect(throws: ReviewError.gradeRequired(card: 1)) {
      try session.rate(nil, at: at(6), scheduled: nil)
    }
    let event = try session.rate(.hard, at: at(6), scheduled: review(days: 2))
    guard case .answered(let logged) = event else { return }
    #expect(logged.grade == .hard)
    #expect(logged.wasRight)
  }

  @Test func gradeWordAnswersAnyCard() throws {
    var session = session([card(1)])
    _ = session.draw(at: at(0))
    _ = try session.present(typedQuiz, at: at(0))
    let answer = try session.answer(.grade(.again), at: at(1))
    #expect(answer.outcome == .wrong)
    #expect(answer.suggestedGrade == .again)
  }

  @Test func orderingQuizTakesTypedOrders() throws {
    let quiz = Quiz(
      kind: .ordering, orderingItems: ["빌드", "배포", "코드"], rightOrder: [3, 1, 2],
      answer: "코드\n빌드\n배포")
    var session = session([card(1), card(2)])
    _ = session.draw(at: at(0))
    _ = try session.present(quiz, at: at(0))
    #expect(try session.answer(.typed("312"), at: at(5)).outcome == .right)
    _ = try session.rate(nil, at: at(5), scheduled: review(days: 1))
    _ = session.draw(at: at(6))
    _ = try session.present(quiz, at: at(6))
    let wrong = try session.answer(.typed("3 2 1"), at: at(9))
    #expect(wrong.outcome == .wrong)
    #expect(wrong.positionsRight == 1)
  }

  @Test func learningCardsComeBackWhenDue() throws {
    var session = session([card(1, .new), card(2), card(3)])
    _ = session.draw(at: at(0))
    _ = try session.present(typedQuiz, at: at(0))
    _ = try session.answer(.typed("틀림"), at: at(5))
    _ = try session.rate(nil, at: at(5), scheduled: ScheduledReview(due: at(65), phase: .learning))
    #expect(session.laterLearning.map(\.id) == [1])
    // Not due yet: the queue goes on.
    #expect(session.draw(at: at(10))?.id == 2)
    _ = try session.present(choiceQuiz, at: at(10))
    _ = try session.answer(.choice(2), at: at(12))
    _ = try session.rate(nil, at: at(12), scheduled: review(days: 2))
    // Due now: it comes before the rest of the queue.
    let next = session.draw(at: at(70))
    let back = try #require(next)
    #expect(back.id == 1)
    #expect(back.phase == .learning)
    _ = try session.present(typedQuiz, at: at(70))
    _ = try session.answer(.typed("스케줄러"), at: at(73))
    // A step into tomorrow does not come back in this session.
    _ = try session.rate(nil, at: at(73), scheduled: review(days: 1))
    #expect(session.laterLearning.isEmpty)
    #expect(session.draw(at: at(80))?.id == 3)
  }

  @Test func learningCardsAreShownAheadWhenNothingElseIsLeft() throws {
    var session = session([card(1, .new)])
    _ = session.draw(at: at(0))
    _ = try session.present(typedQuiz, at: at(0))
    _ = try session.answer(.typed("틀림"), at: at(5))
    _ = try session.rate(nil, at: at(5), scheduled: ScheduledReview(due: at(605), phase: .learning))
    #expect(session.draw(at: at(10))?.id == 1)  // 10 minutes ahead, within 20
    var far = self.session([card(2, .new)])
    _ = far.draw(at: at(0))
    _ = try far.present(typedQuiz, at: at(0))
    _ = try far.answer(.typed("틀림"), at: at(5))
    _ = try far.rate(nil, at: at(5), scheduled: ScheduledReview(due: at(3605), phase: .learning))
    #expect(far.draw(at: at(10)) == nil)
    #expect(far.nextLearningDue == at(3605))
  }

  @Test func siblingsAreNotShownOneAfterAnother() throws {
    // Card 1's learning step is due; the last card was its sibling 2, so card 3 goes first.
    var session = session(
      [card(2, group: "ecs"), card(3, group: "eks")],
      later: [
        QueueCard(id: 1, siblingGroup: "ecs", phase: .learning, due: at(-10))
      ])
    // The due learning card 1 comes first.
    #expect(session.draw(at: at(0))?.id == 1)
    _ = try session.present(choiceQuiz, at: at(0))
    _ = try session.answer(.choice(2), at: at(1))
    _ = try session.rate(nil, at: at(1), scheduled: review(days: 1))
    // The queue head, 2, is 1's sibling: 3 comes first.
    #expect(session.draw(at: at(2))?.id == 3)
  }

  @Test func undoGoesBackToTheSessionStart() throws {
    let cards = [card(1), card(2), card(3)]
    var session = session(cards)
    var events: [ReviewEvent] = []
    for step in 0..<3 {
      _ = session.draw(at: at(Double(step * 10)))
      _ = try session.present(choiceQuiz, at: at(Double(step * 10)))
      _ = try session.answer(.choice(2), at: at(Double(step * 10 + 3)))
      events.append(
        try session.rate(nil, at: at(Double(step * 10 + 3)), scheduled: review(days: 3)))
    }
    #expect(session.history.count == 3)
    var undone: [Int64] = []
    while session.canUndo {
      let result = try session.undo()
      undone.append(result.card.id)
      #expect(result.review?.card == result.card.id)
      #expect(session.state == .drawn(result.card))
      if case .undone(let review) = result.event { #expect(review.before == result.card) }
    }
    #expect(undone == [3, 2, 1])
    #expect(session.history.isEmpty)
    #expect(session.remaining.map(\.id) == [2, 3])
    #expect(throws: ReviewError.nothingToUndo) { try session.undo() }
    // The session goes on from its start as before.
    _ = try session.present(choiceQuiz, at: at(100))
    _ = try session.answer(.choice(1), at: at(101))
    _ = try session.rate(nil, at: at(101), scheduled: review(days: 1))
    #expect(session.draw(at: at(102))?.id == 2)
  }

  @Test func undoWhileACardIsShownPutsThatCardBack() throws {
    var session = session([card(1), card(2)])
    _ = session.draw(at: at(0))
    _ = try session.present(choiceQuiz, at: at(0))
    _ = try session.answer(.choice(2), at: at(1))
    _ = try session.rate(nil, at: at(1), scheduled: ScheduledReview(due: at(61), phase: .learning))
    _ = session.draw(at: at(2))
    _ = try session.present(choiceQuiz, at: at(2))  // card 2 is shown
    let result = try session.undo()
    #expect(result.card.id == 1)
    #expect(session.laterLearning.isEmpty)  // the learning step is taken back too
    #expect(session.remaining.map(\.id) == [2])
  }

  @Test func buryPutsTheCardAwayUntilTomorrowAndCanBeUndone() throws {
    var session = session([card(1), card(2)])
    _ = session.draw(at: at(0))
    _ = try session.present(choiceQuiz, at: at(0))
    #expect(try session.bury(at: at(1)) == .buried(card: 1, until: Self.today.end))
    #expect(session.draw(at: at(2))?.id == 2)
    let result = try session.undo()
    #expect(result.event == .unburied(card: 1))
    #expect(session.state == .drawn(card(1)))
    #expect(session.remaining.map(\.id) == [2])
  }

  @Test func summaryCountsCardsFirstTriesAndTime() throws {
    var session = session([card(1, .new), card(2), card(3)])
    // Card 1 wrong, comes back, then right; card 2 right; card 3 right with a typo.
    _ = session.draw(at: at(0))
    _ = try session.present(typedQuiz, at: at(0))
    _ = try session.answer(.typed("모름"), at: at(5))
    _ = try session.rate(nil, at: at(5), scheduled: ScheduledReview(due: at(30), phase: .learning))
    _ = session.draw(at: at(10))
    _ = try session.present(choiceQuiz, at: at(10))
    _ = try session.answer(.choice(2), at: at(12))
    _ = try session.rate(nil, at: at(12), scheduled: review(days: 3))
    _ = session.draw(at: at(40))
    _ = try session.present(typedQuiz, at: at(40))
    _ = try session.answer(.typed("스케줄러"), at: at(45))
    _ = try session.rate(nil, at: at(45), scheduled: review(days: 1))
    _ = session.draw(at: at(50))
    _ = try session.present(typedQuiz, at: at(50))
    _ = try session.answer(.typed("스케줄로"), at: at(55))
    _ = try session.rate(nil, at: at(55), scheduled: review(days: 2))
    #expect(session.draw(at: at(60)) == nil)
    let event = session.finish(at: at(120), dueTomorrow: 7)
    guard case .finished(let summary) = event else { return }
    #expect(summary.cardsDone == 3)
    #expect(summary.reviewsDone == 4)
    #expect(summary.rightOnFirstTry == 2)
    #expect(abs(summary.rightOnFirstTryShare - 2.0 / 3.0) < 1e-12)
    // The time answering (5 + 2 + 5 + 5 s), as the log records it, not the 120 s the session lasted.
    #expect(summary.timeSpent == .seconds(17))
    #expect(summary.dueTomorrow == 7)
    #expect(session.state == .finished)
  }

  @Test func actionsOutOfOrderThrow() throws {
    var session = session([card(1)])
    #expect(throws: ReviewError.self) { try session.present(choiceQuiz, at: at(0)) }
    #expect(throws: ReviewError.self) { try session.answer(.reveal, at: at(0)) }
    #expect(throws: ReviewError.self) { try session.rate(.good, at: at(0), scheduled: nil) }
    #expect(throws: ReviewError.self) { try session.bury(at: at(0)) }
    _ = session.draw(at: at(0))
    #expect(throws: ReviewError.self) { try session.rate(.good, at: at(0), scheduled: nil) }
  }

  @Test func sessionIsDeterministic() throws {
    func run() throws -> [String] {
      var session = session([card(1), card(2, .new), card(3)])
      var lines: [String] = []
      var clock = 0.0
      while let drawn = session.draw(at: at(clock)) {
        lines.append(try session.present(typedQuiz, at: at(clock)).jsonLine)
        clock += 4
        _ = try session.answer(.typed(drawn.id == 2 ? "x" : "스케줄러"), at: at(clock))
        let due = drawn.id == 2 && session.history.isEmpty ? at(clock + 60) : at(clock + 86_400)
        lines.append(
          try session.rate(
            nil, at: at(clock),
            scheduled: ScheduledReview(due: due, phase: due < Self.today.end ? .learning : .review)
          ).jsonLine)
        clock += 30
      }
      return lines
    }
    #expect(try run() == run())
  }
}
