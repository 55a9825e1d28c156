import Testing

@testable import RecallReview

struct GradeInferenceTests {
  private let inference = GradeInference()

  @Test func wrongIsAgainAndTypoIsHard() {
    #expect(
      inference.grade(
        outcome: .wrong, elapsed: .seconds(1), answerLength: 5, phase: .review, typed: true)
        == .again)
    #expect(
      inference.grade(
        outcome: .typo, elapsed: .seconds(1), answerLength: 5, phase: .review, typed: true) == .hard
    )
  }

  @Test func rightIsGoodHardWhenSlowEasyWhenFastOnAKnownCard() {
    // Typed, 5 characters: fast under 5 s, slow over 15 s.
    #expect(
      inference.grade(
        outcome: .right, elapsed: .seconds(8), answerLength: 5, phase: .review, typed: true)
        == .good)
    #expect(
      inference.grade(
        outcome: .right, elapsed: .seconds(16), answerLength: 5, phase: .review, typed: true)
        == .hard)
    #expect(
      inference.grade(
        outcome: .right, elapsed: .seconds(3), answerLength: 5, phase: .review, typed: true)
        == .easy)
    // Fast on a card still learning is only Good.
    #expect(
      inference.grade(
        outcome: .right, elapsed: .seconds(3), answerLength: 5, phase: .learning, typed: true)
        == .good)
    #expect(
      inference.grade(
        outcome: .right, elapsed: .seconds(1), answerLength: 5, phase: .new, typed: false) == .good)
  }

  @Test func slowThresholdGrowsWithTheAnswer() {
    // 40 characters typed: slow only after 12 s + 24 s.
    #expect(
      inference.grade(
        outcome: .right, elapsed: .seconds(30), answerLength: 40, phase: .learning, typed: true)
        == .good)
    #expect(
      inference.grade(
        outcome: .right, elapsed: .seconds(37), answerLength: 40, phase: .learning, typed: true)
        == .hard)
    // Choosing is quicker than typing.
    #expect(
      inference.grade(
        outcome: .right, elapsed: .seconds(10), answerLength: 5, phase: .review, typed: false)
        == .hard)
  }
}
