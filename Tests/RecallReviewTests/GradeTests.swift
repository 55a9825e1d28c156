import Testing

@testable import RecallReview

struct GradeTests {
  @Test func gradeWordsAndNumbersParse() {
    #expect(Grade(word: "good") == .good)
    #expect(Grade(word: " Again ") == .again)
    #expect(Grade(word: "4") == .easy)
    #expect(Grade(word: "5") == nil)
    #expect(Grade(word: "great") == nil)
  }
}
