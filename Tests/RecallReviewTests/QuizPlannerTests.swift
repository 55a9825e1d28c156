import RecallScheduling
import RecallCards
import Testing

@testable import RecallReview

struct QuizPlannerTests {
  private let planner = QuizPlanner()

  private func card(
    _ kind: CardKind = .tableCell, answer: String, choices: [String] = []
  ) -> Card {
    Card(
      key: "k", kind: kind, deck: "aws", file: "aws.md", line: 3, prompt: "?", answer: answer,
      choices: choices, context: [], detail: nil, siblingGroup: "g", contentHash: "h")
  }

  @Test func youngCardsWithGoodChoicesAreChoiceQuizzes() {
    let withChoices = card(answer: "클러스터", choices: ["서비스", "클러스터", "태스크"])
    #expect(planner.kind(for: withChoices, phase: .new, intervalDays: nil) == .choice)
    #expect(planner.kind(for: withChoices, phase: .learning, intervalDays: nil) == .choice)
    #expect(planner.kind(for: withChoices, phase: .review, intervalDays: 3) == .choice)
  }

  @Test func maturingCardsAreRecall() {
    let withChoices = card(answer: "클러스터", choices: ["서비스", "클러스터"])
    #expect(planner.kind(for: withChoices, phase: .review, intervalDays: 10) == .typed)
    let long = card(.section, answer: String(repeating: "긴 설명 ", count: 10) + "\n둘째 줄")
    #expect(planner.kind(for: long, phase: .review, intervalDays: 30) == .flip)
  }

  @Test func cardsWithoutGoodChoicesAreRecallEvenWhenYoung() {
    // Duplicates and blanks do not count, and the answer must be among the choices.
    #expect(QuizPlanner.goodChoices(card(answer: "A", choices: ["A", "a ", ""])) == nil)
    #expect(QuizPlanner.goodChoices(card(answer: "A", choices: ["B", "C"])) == nil)
    #expect(
      planner.kind(for: card(answer: "EC2", choices: ["EC2"]), phase: .learning, intervalDays: nil)
        == .typed)
  }

  @Test func newCardsAreNeverTyped() {
    let noChoices = card(answer: "EC2", choices: ["EC2"])
    #expect(planner.kind(for: noChoices, phase: .new, intervalDays: nil) == .flip)
    let step = card(.flowStep, answer: "빌드")
    #expect(planner.kind(for: step, phase: .new, intervalDays: nil) == .flip)
    var random = SeededGenerator(seed: 3)
    #expect(!planner.quiz(for: step, phase: .new, intervalDays: nil, using: &random).isTyped)
    #expect(planner.quiz(for: step, phase: .learning, intervalDays: nil, using: &random).isTyped)
  }

  @Test func onlyOneShortLineIsTyped() {
    let short = card(answer: String(repeating: "가", count: 40))
    #expect(planner.kind(for: short, phase: .review, intervalDays: 30) == .typed)
    let long = card(answer: String(repeating: "가", count: 41))
    #expect(planner.kind(for: long, phase: .review, intervalDays: 30) == .flip)
    let twoLines = card(answer: "파드\n서비스")
    #expect(planner.kind(for: twoLines, phase: .review, intervalDays: 30) == .flip)
  }

  @Test func flowsAreNextStepAndOrderingQuizzes() {
    let step = card(.flowStep, answer: "빌드", choices: ["빌드", "배포", "테스트"])
    #expect(planner.kind(for: step, phase: .new, intervalDays: nil) == .nextStep)
    var random = SeededGenerator(seed: 1)
    let young = planner.quiz(for: step, phase: .new, intervalDays: nil, using: &random)
    #expect(young.kind == .nextStep && young.presentsChoices)
    let mature = planner.quiz(for: step, phase: .review, intervalDays: 20, using: &random)
    #expect(mature.kind == .nextStep && !mature.presentsChoices && mature.isTyped)
    let flow = card(.flowOrder, answer: "코드\n빌드\n테스트\n배포")
    #expect(planner.kind(for: flow, phase: .new, intervalDays: nil) == .ordering)
  }

  @Test func choiceQuizShufflesDeterministically() throws {
    let withChoices = card(answer: "클러스터", choices: ["서비스", "클러스터", "태스크", "노드"])
    var first = SeededGenerator(seed: 42)
    var second = SeededGenerator(seed: 42)
    let a = planner.quiz(for: withChoices, phase: .new, intervalDays: nil, using: &first)
    let b = planner.quiz(for: withChoices, phase: .new, intervalDays: nil, using: &second)
    #expect(a == b)
    let right = try #require(a.rightChoice)
    #expect(a.choices[right] == "클러스터")
    #expect(Set(a.choices) == Set(withChoices.choices))
  }

  @Test func orderingQuizKnowsTheRightOrderOfShownSteps() {
    let flow = card(.flowOrder, answer: "코드\n빌드\n테스트\n배포")
    var random = SeededGenerator(seed: 7)
    let quiz = planner.quiz(for: flow, phase: .new, intervalDays: nil, using: &random)
    #expect(quiz.orderingItems != ["코드", "빌드", "테스트", "배포"])
    #expect(quiz.rightOrder.map { quiz.orderingItems[$0 - 1] } == ["코드", "빌드", "테스트", "배포"])
  }

  @Test func orderingAnswersParseInEveryForm() {
    #expect(OrderingAnswer.parse("3 1 2", count: 3) == [3, 1, 2])
    #expect(OrderingAnswer.parse("3,1,2", count: 3) == [3, 1, 2])
    #expect(OrderingAnswer.parse("3, 1, 2", count: 3) == [3, 1, 2])
    #expect(OrderingAnswer.parse("312", count: 3) == [3, 1, 2])
    #expect(OrderingAnswer.parse("3-1-2", count: 3) == [3, 1, 2])
    #expect(OrderingAnswer.parse("３１２", count: 3) == [3, 1, 2])
    #expect(
      OrderingAnswer.parse("10 2 3 4 5 6 7 8 9 1", count: 10) == [10, 2, 3, 4, 5, 6, 7, 8, 9, 1])
  }

  @Test func orderingAnswersRejectWhatIsNotAnOrder() {
    #expect(OrderingAnswer.parse("3 1", count: 3) == nil)
    #expect(OrderingAnswer.parse("3 1 1", count: 3) == nil)
    #expect(OrderingAnswer.parse("4 1 2", count: 3) == nil)
    #expect(OrderingAnswer.parse("abc", count: 3) == nil)
    #expect(OrderingAnswer.parse("", count: 3) == nil)
    #expect(OrderingAnswer.parse("1 2 3 a", count: 3) == nil)
  }
}
