import RecallScheduling
import Testing

@testable import RecallReview

struct GradeTests {
  @Test func gradeWordsAndNumbersParse() {
    #expect(Rating(word: "good") == .good)
    #expect(Rating(word: " Again ") == .again)
    #expect(Rating(word: "4") == .easy)
    #expect(Rating(word: "5") == nil)
    #expect(Rating(word: "great") == nil)
  }
}
