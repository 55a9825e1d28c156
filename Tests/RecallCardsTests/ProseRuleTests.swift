import RecallCards
import Testing

/// Definition sentences and bold questions in prose become cards of their own.
struct ProseRuleTests {
  func cards(_ note: String) -> [Card] { SeedNote.cards(of: note, deck: "note.md").cards }

  @Test func aKoreanDefinitionSentenceGivesTheTermWithoutItsParticle() throws {
    let found = cards(
      """
      # 분할 정복
      분할 정복은 큰 문제를 작은 문제로 쪼개어 답을 찾아가는 방식이다.

      # 패턴
      design smell이란 나쁜 디자인을 나타내는 증상같은 것이다.
      """)
    let term = try #require(found.first { $0.kind == .term && $0.prompt == "분할 정복 › 분할 정복?" })
    #expect(term.answer == "분할 정복은 큰 문제를 작은 문제로 쪼개어 답을 찾아가는 방식이다.")
    #expect(found.contains { $0.kind == .term && $0.prompt == "패턴 › design smell?" })
    let reverse = try #require(found.first { $0.kind == .definition && $0.answer == "분할 정복" })
    #expect(reverse.prompt.contains("___은 큰 문제를"))
  }

  @Test func anEnglishDefinitionNeedsItsSubjectInTheHeading() {
    let found = cards(
      """
      # ACID
      ACID is a set of properties of database transactions.

      # Tips
      This article is a must-read if you use load balancers.
      Redis is a fast store.
      """)
    #expect(found.contains { $0.kind == .term && $0.prompt == "ACID › ACID?" })
    #expect(!found.contains { $0.kind == .term && $0.prompt.hasPrefix("Tips") })
  }

  @Test func questionsLeadsAndClausesAreNoDefinitions() {
    let found = cards(
      """
      # Agile
      Agile이란 무엇인가.

      # 그래프
      현재 파란 선이 가설에 해당한다.
      """)
    #expect(!found.contains { $0.kind == .term })
  }

  @Test func aBoldQuestionTakesTheQuoteBelowAsItsAnswer() throws {
    let found = cards(
      """
      # 해시
      해시 함수로 값을 버킷에 대응시킨다.

      **그래도 해시 테이블을 쓰는 이유는?**

      > 적은 자원으로 많은 데이터를 효율적으로 관리하기 위해
      """)
    let question = try #require(found.first { $0.prompt == "해시 › 그래도 해시 테이블을 쓰는 이유는?" })
    #expect(question.answer == "적은 자원으로 많은 데이터를 효율적으로 관리하기 위해")
    let section = try #require(found.first { $0.kind == .section })
    #expect(!section.answer.contains("적은 자원으로"))
  }
}

/// A bold name inside a sentence is asked as a cloze: the sentence with the name hidden.
struct ClozeRuleTests {
  func cards(_ note: String) -> [Card] { SeedNote.cards(of: note, deck: "note.md").cards }

  @Test func aBoldNameInASentenceIsHidden() throws {
    let found = cards(
      """
      # 해시
      결국 데이터가 많아지면 다른 데이터가 같은 해시 값으로 충돌나는 **collision** 현상이 발생한다.
      """)
    let cloze = try #require(found.first { $0.kind == .definition && $0.answer == "collision" })
    #expect(cloze.prompt == "해시 › 이 설명에 맞는 용어는? 결국 데이터가 많아지면 다른 데이터가 같은 해시 값으로 충돌나는 ___ 현상이 발생한다.")
  }

  @Test func boldPhrasesLinksAndListLeadsAreNoClozes() {
    let found = cards(
      """
      # GC
      파이썬은 **순환 참조를 감지** 하는 별도의 수집기를 가지고 있다고 한다.
      See **[the Facebook feed](https://x.org)** and the search, they are similar questions.
      The **cache** stores these values in memory as follows:
      """)
    #expect(!found.contains { $0.kind == .definition })
  }
}
