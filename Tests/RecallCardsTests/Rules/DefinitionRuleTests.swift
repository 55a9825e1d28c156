import Testing

@testable import RecallCards

/// ``DefinitionRule``: defining sentences and bold questions.
struct DefinitionRuleTests {
  @Test func aBoldQuestionIsAskedWithTheParagraphAfterIt() throws {
    let note = "# Hash\n**그래도 해시 테이블을 쓰는 이유는?**\n\n적은 자원으로 많은 데이터를 효율적으로 관리할 수 있기 때문이다.\n"
    var sample = RuleSample(note)
    let paragraphs = sample.paragraphs()
    #expect(paragraphs.count == 2)
    #expect(DefinitionRule.question(of: paragraphs[0]) == "그래도 해시 테이블을 쓰는 이유는?")
    #expect(DefinitionRule.question(of: paragraphs[1]) == nil)
    let read = DefinitionRule.readQuestion(
      paragraphs[0], answeredBy: paragraphs[1], in: sample.place(), into: &sample.sink)
    #expect(read)
    let card = try #require(sample.cards.first)
    #expect(card.kind == .label)
    #expect(card.prompt == "Hash › 그래도 해시 테이블을 쓰는 이유는?")
    #expect(card.answer.hasPrefix("적은 자원으로"))
  }

  @Test func aBoldStatementIsNoQuestion() throws {
    let sample = RuleSample("# Tips\n**Always measure first.**\n")
    #expect(DefinitionRule.question(of: try #require(sample.paragraphs().first)) == nil)
  }

  @Test func aDefiningSentenceNamesItsTerm() {
    let found = DefinitionRule.term(
      definedBy: "분할 정복은 큰 문제를 작은 문제로 쪼개어 답을 찾아가는 방식이다.", title: "분할 정복")
    #expect(found?.term == "분할 정복")
    #expect(found?.sentence.hasSuffix("방식이다.") == true)
    #expect(DefinitionRule.term(definedBy: "Then restart the server.", title: "Deploy") == nil)
  }
}
