import RecallCards
import Testing

/// The defect report's classes, each told from a card made to have it (and one made not to).
struct CardDefectsTests {
  func card(
    _ kind: CardKind = .section, prompt: String = "Hash?", answer: String = "a table",
    choices: [String] = [], context: [String] = ["Hash"]
  ) -> Card {
    Card(
      key: "k", kind: kind, deck: "d", file: "d", line: 1, prompt: prompt, answer: answer,
      choices: choices, context: context, detail: nil, siblingGroup: "k", contentHash: "")
  }

  func defects(_ cards: [Card]) -> [Set<CardDefect>] {
    let found = CardDefects.find(in: cards)
    return cards.indices.map { found[$0] ?? [] }
  }

  @Test func aPlainCardHasNoDefect() {
    #expect(defects([card()]) == [[]])
  }

  @Test func longAnswersCountByCharactersAndLines() {
    #expect(defects([card(answer: String(repeating: "a", count: 301))]) == [[.longAnswer]])
    #expect(defects([card(answer: String(repeating: "a", count: 300))]) == [[]])
    let nine = (1...9).map { "line \($0)" }.joined(separator: "\n")
    #expect(defects([card(answer: nine)]) == [[.longAnswer]])
  }

  @Test func residueIsMarkdownOrHTMLLeftInTheText() {
    #expect(defects([card(answer: "fast<sup>3</sup>")]) == [[.residue]])
    #expect(defects([card(answer: "**bold** text")]) == [[.residue]])
    #expect(defects([card(answer: "a&nbsp;b")]) == [[.residue]])
    #expect(defects([card(answer: "a < b and c > d")]) == [[]])
  }

  @Test func navigationAndReferenceCardsAreFound() {
    #expect(defects([card(answer: "Back to top")]) == [[.navigation]])
    #expect(defects([card(answer: "https://example.com/a")]) == [[.navigation]])
    #expect(defects([card(prompt: "Hash › Reference?", context: ["Hash", "Reference"])]) == [[.navigation]])
  }

  @Test func twoOptionQuizzesCountOnlyWhenTheDeckHasThreeOfTheKind() {
    let quiz = card(.term, prompt: "T › a?", answer: "heap", choices: ["heap", "stack"])
    #expect(defects([quiz]) == [[]])
    let deck = [
      quiz, card(.term, prompt: "T › b?", answer: "stack"), card(.term, prompt: "T › c?", answer: "queue"),
    ]
    #expect(defects(deck)[0] == [.fewChoices])
    let yesNo = card(.term, prompt: "T › d?", answer: "Yes", choices: ["Yes", "No"])
    #expect(defects(deck + [yesNo])[3] == [])
  }

  @Test func repeatedPromptsWithDifferentAnswersAreFound() {
    let found = defects([card(prompt: "삭제?", answer: "a"), card(prompt: "삭제?", answer: "b")])
    #expect(found == [[.duplicatePrompt], [.duplicatePrompt]])
  }

  @Test func anAnswerWrittenInItsPromptIsFound() {
    #expect(defects([card(prompt: "Swapping › the Swapping step?", answer: "Swapping")]).first?.contains(.answerInPrompt) == true)
  }

  @Test func aReverseClueHoldingAWordOfTheAnswerLeaks() {
    let leak = card(
      .definition, prompt: "EC2 › Which term is this? You pick a base operating system.",
      answer: "Operating system")
    #expect(defects([leak]) == [[.clueLeak, .answerInPrompt]])
    let korean = card(.definition, prompt: "해시 › 이 설명에 맞는 용어는? 해시는 값을 찾는 표", answer: "해시 테이블")
    #expect(defects([korean]).first?.contains(.clueLeak) == true)
    let masked = card(.definition, prompt: "EC2 › Which term is this? You pick a base ___.", answer: "Operating system")
    #expect(defects([masked]) == [[]])
  }
}
