import RecallCards
import Testing

@testable import RecallReview

/// A card with a huge answer (a note of one long paragraph) costs no more than its own text:
/// it is never a typed or choice quiz, typed answers to it are compared exactly, and the diff
/// marks nothing rather than comparing character by character.
struct HugeAnswerTests {
  /// About 2 MB of words.
  static let huge = String(repeating: "alpha beta gamma delta ", count: 90_000)

  static func card(answer: String, choices: [String] = []) -> Card {
    Card(
      key: "k", kind: .section, deck: "d", file: "d.md", line: 1, prompt: "?", answer: answer,
      choices: choices, context: [], detail: nil, siblingGroup: "g", contentHash: "h")
  }

  @Test func aHugeAnswerIsAFlipCardNeverTypedOrChosen() {
    let planner = QuizPlanner()
    let card = Self.card(answer: Self.huge, choices: [Self.huge, "short"])
    #expect(planner.kind(for: card, phase: .review, intervalDays: 30) == .flip)
    #expect(planner.kind(for: card, phase: .new, intervalDays: nil) == .flip)
    #expect(QuizPlanner.goodChoices(card) == nil)
    // A long choice is left out; the short ones still make a choice quiz.
    let short = Self.card(answer: "one", choices: ["one", Self.huge, "two"])
    #expect(QuizPlanner.goodChoices(short) == ["one", "two"])
  }

  @Test func aTypedAnswerToAHugeCardIsComparedExactlyAndNotDiffed() {
    let check = AnswerChecker().check("alpha beta", against: Self.huge)
    #expect(check.outcome == .wrong)
    #expect(check.diff.expected == [DiffPiece(Self.huge, isDifferent: false)])
    #expect(check.diff.typed == [DiffPiece("alpha beta", isDifferent: false)])
    #expect(AnswerChecker().check(Self.huge + "\n", against: Self.huge).outcome == .right)
  }

  @Test func answersUpToTheLimitAreStillDiffedCharacterByCharacter() {
    let expected = String(repeating: "a", count: AnswerDiff.maximumComparedBytes - 1) + "b"
    let diff = AnswerDiff(typed: "aaac", expected: expected)
    #expect(diff.hasDifferences)
  }
}
