import Foundation

/// A way a generated card fails a learner, as `recall-bench cards-defects` counts them.
///
/// Each class is told from the cards of one deck alone, so that the report can run over any
/// folder of notes. The checks are deliberately simple and literal: they are a measure, not
/// the rules that avoid the defects (those live in the generator).
public enum CardDefect: String, CaseIterable, Sendable, Hashable, Codable {
  /// An answer over ``CardDefects/answerCharacterLimit`` characters or
  /// ``CardDefects/answerLineLimit`` lines: nobody recalls it whole.
  case longAnswer = "long answer"
  /// Markdown or HTML left in a prompt or answer: tags, entities, `**`, `](`, `<sup>` markers.
  case residue = "markdown/html residue"
  /// A card about navigation or links: "Back to top", "[뒤로]", lines that are only addresses,
  /// a reference or link section.
  case navigation = "navigation/link card"
  /// A choice quiz with fewer than 3 options while the deck has 3 or more answers of that kind
  /// (for a table cell: of its attribute), pairs such as Yes/No aside.
  case fewChoices = "choice quiz under 3 options"
  /// Two cards of a deck asking the same prompt for different answers.
  case duplicatePrompt = "duplicate prompt, different answers"
  /// The answer, whole, is written in the prompt.
  case answerInPrompt = "answer contained in prompt"
  /// A reverse card (which term? which thing?) whose clue holds a word of its answer.
  case clueLeak = "reverse clue contains the answer"
}

/// Finds the ``CardDefect``s of a deck's cards.
public enum CardDefects {
  /// The longest answer, in characters, that is not a ``CardDefect/longAnswer``.
  public static let answerCharacterLimit = 300
  /// The most lines an answer may have without being a ``CardDefect/longAnswer``.
  public static let answerLineLimit = 8

  /// The defects of each card of one deck, by card index; cards without defects are absent.
  public static func find(in cards: [Card]) -> [Int: Set<CardDefect>] {
    var found: [Int: Set<CardDefect>] = [:]
    func note(_ index: Int, _ defect: CardDefect) { found[index, default: []].insert(defect) }
    var answersByPrompt: [String: Set<String>] = [:]
    var answersByKind: [String: Set<String>] = [:]
    for card in cards {
      answersByPrompt[card.prompt, default: []].insert(card.answer)
      answersByKind[optionKind(of: card), default: []].insert(ComparableText.of(card.answer))
    }
    for (index, card) in cards.enumerated() {
      if isLong(card.answer) { note(index, .longAnswer) }
      if hasResidue(card.prompt) || hasResidue(card.answer) { note(index, .residue) }
      if isNavigation(card) { note(index, .navigation) }
      if card.kind != .flowOrder, (1...2).contains(card.choices.count),
        (answersByKind[optionKind(of: card)]?.count ?? 0) >= 3,
        !card.choices.allSatisfy({ ChoiceWidening.closedValues.contains(ComparableText.of($0)) })
      {
        note(index, .fewChoices)
      }
      if (answersByPrompt[card.prompt]?.count ?? 0) > 1 { note(index, .duplicatePrompt) }
      // A heading that compares things (`ECS / EKS / Lambda`) names them all: not a leak.
      let prompt = ClueMask.withoutComparison(card.prompt)
      if ClueMask.holds(prompt, whole: card.answer) { note(index, .answerInPrompt) }
      if card.kind == .definition || card.kind == .tableThing,
        clueLeaks(clue: clue(of: prompt), answer: card.answer)
      {
        note(index, .clueLeak)
      }
    }
    return found
  }

  /// What a choice's options must share with its answer: the card's kind, and for a table cell
  /// its attribute (the values of `Type?` are not options of `Owner?`).
  static func optionKind(of card: Card) -> String {
    card.kind == .tableCell
      ? card.kind.rawValue + Phrasing.separator + ChoiceWidening.lastPart(of: card.prompt)
      : card.kind.rawValue
  }

  /// Whether `answer` is longer than a learner can recall.
  public static func isLong(_ answer: String) -> Bool {
    PlainText.characterCount(answer) > answerCharacterLimit
      || InlineRendering.splitLines(answer).count > answerLineLimit
  }

  /// Whether `text` holds Markdown or HTML that should have been rendered or left out.
  public static func hasResidue(_ text: String) -> Bool {
    if text.contains("**") || text.contains("](") || text.contains("![") || text.contains("[^") {
      return true
    }
    if text.range(of: #"</?[A-Za-z][A-Za-z0-9]*(\s[^<>]*)?/?>"#, options: .regularExpression)
      != nil
    {
      return true
    }
    return text.range(of: #"&(#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z]{2,8});"#, options: .regularExpression)
      != nil
  }

  /// Words that name a way around a document rather than a fact.
  static let navigationWords = [
    "back to top", "go to top", "맨 위로", "위로 가기", "뒤로가기", "뒤로 가기", "[뒤로]",
    "돌아가기",
  ]

  /// Whether `card` is about navigation or links rather than a fact.
  static func isNavigation(_ card: Card) -> Bool {
    let answer = card.answer.lowercased()
    let prompt = card.prompt.lowercased()
    if navigationWords.contains(where: { answer.contains($0) || prompt.contains($0) }) {
      return true
    }
    let lines = answer.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    if !lines.isEmpty,
      lines.allSatisfy({ $0.hasPrefix("http://") || $0.hasPrefix("https://") || $0.hasPrefix("www.") })
    {
      return true
    }
    return card.context.contains(where: Navigation.isReferenceHeading)
  }

  /// The clue of a reverse card's prompt: what follows its question words.
  static func clue(of prompt: String) -> String {
    for marker in ["이 설명에 맞는 용어는? ", "Which term is this? ", "어느 것의 ", "Which one has this "] {
      if let range = prompt.range(of: marker) {
        var rest = String(prompt[range.upperBound...])
        // `어느 것의 <attribute>? <values>`: the attribute is not the clue.
        if marker.hasPrefix("어느") || marker.hasPrefix("Which one"),
          let separator = rest.range(of: marker.hasPrefix("어느") ? "? " : ": ")
        {
          rest = String(rest[separator.upperBound...])
        }
        return rest
      }
    }
    return prompt
  }

  /// Words too common to give an answer away.
  static let commonWords: Set<String> = [
    "the", "a", "an", "of", "and", "or", "in", "on", "to", "for", "with", "by", "is", "are", "as",
    "at", "from", "및", "또는", "의", "vs",
  ]

  /// Whether `clue` holds `answer` or a word of it (a Korean word counts with a particle after
  /// it: `해시는` holds `해시`).
  public static func clueLeaks(clue: String, answer: String) -> Bool {
    let clueWords = words(clue)
    for word in words(answer) where word.count >= 2 && !commonWords.contains(word) {
      if clueWords.contains(where: { $0 == word || ($0.hasPrefix(word) && isHangul(word)) }) {
        return true
      }
    }
    return false
  }

  /// The lowercase letter-and-digit words of `text`.
  static func words(_ text: String) -> [String] {
    text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
  }

  static func isHangul(_ word: String) -> Bool {
    word.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) }
  }

}
