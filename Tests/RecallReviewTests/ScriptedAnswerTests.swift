import Testing

@testable import RecallReview

struct ScriptedAnswerTests {
  private let choice = Quiz(kind: .choice, choices: ["a", "b", "c"], rightChoice: 0, answer: "a")
  private let typed = Quiz(kind: .typed, answer: "클러스터")
  private let flip = Quiz(kind: .flip, answer: "긴 설명")
  private let ordering = Quiz(
    kind: .ordering, orderingItems: ["x", "y", "z"], rightOrder: [2, 3, 1], answer: "y\nz\nx")

  @Test func gradeWordsAnswerAnyCard() {
    for quiz in [choice, typed, flip, ordering] {
      #expect(ScriptedAnswer.response(for: "good", quiz: quiz) == .grade(.good))
      #expect(ScriptedAnswer.response(for: "Again\n", quiz: quiz) == .grade(.again))
    }
  }

  @Test func numbersAreChoicesOnChoiceQuizzesAndGradesElsewhere() {
    #expect(ScriptedAnswer.response(for: "2", quiz: choice) == .choice(2))
    #expect(ScriptedAnswer.response(for: "4", quiz: typed) == .grade(.easy))
    #expect(ScriptedAnswer.response(for: "1", quiz: flip) == .grade(.again))
  }

  @Test func orderingsTypedAnswersAndEmptyLines() {
    #expect(ScriptedAnswer.response(for: "2 3 1", quiz: ordering) == .ordering([2, 3, 1]))
    #expect(ScriptedAnswer.response(for: "231", quiz: ordering) == .ordering([2, 3, 1]))
    #expect(ScriptedAnswer.response(for: "클러스타", quiz: typed) == .typed("클러스타"))
    #expect(ScriptedAnswer.response(for: "", quiz: typed) == .reveal)
    #expect(ScriptedAnswer.response(for: "", quiz: flip) == .grade(.good))
  }
}
