import Foundation
import RecallTestSupport
import Testing

/// Fair quizzes through the real binary, over weeks of `--now`: a new card is never asked as a
/// typed answer, and only answers of one short line are typed.
@Suite(.serialized)
struct FairQuizTests {
  @Test func newCardsAreNeverTypedAndTypedAnswersAreOneShortLine() throws {
    let recall = try RecallProcess("recall-fair-quiz")
    let set = try recall.run(["config", "new-per-day", "200"])
    #expect(set.status == 0, "\(set.stderr)")
    var newAsked = 0
    var typedAnswers: [String] = []
    // Every card introduced on day 0, then reviewed as it falls due over two months.
    for day in [0, 3, 8, 20, 45, 70] {
      let session = try recall.run(
        ["review", "--json"], now: ReviewCommandTests.moment(day: day),
        input: String(repeating: "easy\n", count: 400))
      #expect(session.status == 0, "\(session.stderr)")
      for asked in session.events("asked") where asked.string("phase") == "new" {
        newAsked += 1
        let quiz = asked.string("quiz") ?? ""
        let choices = (asked["choices"] as? [String]) ?? []
        #expect(quiz != "typed", "a new card typed: \(asked.string("prompt") ?? "")")
        #expect(quiz != "next-step" || !choices.isEmpty, "a new flow step typed")
      }
      for answered in session.events("answered") where answered.string("quiz") == "typed" {
        typedAnswers.append(answered.string("expected") ?? "")
      }
    }
    #expect(newAsked >= 90, "nearly every card of the bundled note was asked new (siblings wait)")
    #expect(!typedAnswers.isEmpty, "maturing cards are typed")
    for answer in typedAnswers {
      #expect(!answer.contains("\n") && answer.count <= 40, "typed: \(answer)")
    }
  }
}
