/// The note-wide step that gives every choice quiz of fewer than three options more of them,
/// when the note has answers of the same kind and shape: a coin flip tells nothing.
///
/// Options come from cards of the same kind: a table cell's from cells of the same attribute
/// (the last part of the prompt, `Type?` in another table); a step's from the steps of other
/// flows; a thing's from the things of other tables, nearest in note order first. Options
/// that the prompt shows are not taken, nor are pairs such as Yes/No widened. An option must
/// have the right answer's shape (a short name among names, a sentence among sentences) and
/// differ from every option already there. Options are capped at ``Choices/limit``. A flow
/// step still left with two options is asked typed, without them.
enum ChoiceWidening {
  /// How many cards of the same kind, on each side of a card in note order, are looked at for
  /// its missing options: enough for any note, and bounded so that the pass stays linear.
  static let optionReach = 60

  /// Widens the choices of the cards of one note, `cards`, in note order.
  static func widen(_ cards: inout [Card]) {
    var byKind: [CardKind: [Int]] = [:]
    for index in cards.indices { byKind[cards[index].kind, default: []].append(index) }
    for (kind, indexes) in byKind where kind != .flowOrder && kind != .definition {
      for (position, index) in indexes.enumerated() {
        let card = cards[index]
        guard (1...2).contains(card.choices.count),
          !card.choices.allSatisfy({ closedValues.contains(ComparableText.of($0)) })
        else { continue }
        let low = max(0, position - optionReach)
        let high = min(indexes.count, position + optionReach + 1)
        let nearest = indexes[low..<high].sorted {
          (abs($0 - index), $0) < (abs($1 - index), $1)
        }
        let attribute = lastPart(of: card.prompt)
        let sameAttribute = nearest.filter { lastPart(of: cards[$0].prompt) == attribute }
        var taken = Set(card.choices.map(ComparableText.of))
        var choices = card.choices
        let isName = TermForm.isShortName(card.answer)
        // A cell's options are values of its attribute; a step's, steps of other flows.
        let candidates = kind == .tableCell ? sameAttribute : sameAttribute + nearest
        for other in candidates where other != index {
          if kind == .flowStep && cards[other].siblingGroup == card.siblingGroup { continue }
          guard choices.count < Choices.limit else { break }
          let option = cards[other].answer
          guard TermForm.isShortName(option) == isName, !option.contains("\n") || !isName,
            !ClueMask.holds(card.prompt, whole: option),
            taken.insert(ComparableText.of(option)).inserted
          else { continue }
          choices.append(option)
        }
        if choices.count >= 3 {
          cards[index].choices = choices
        } else if kind == .flowStep {
          // A choice between two steps is a coin flip: the step is typed instead.
          cards[index].choices = []
        }
      }
    }
  }

  /// Values that come in a closed pair or so (yes/no, O/X, 가능/불가능): their options are
  /// complete as they are.
  static let closedValues: Set<String> = [
    "yes", "no", "o", "x", "true", "false", "✓", "✗", "✔", "✘", "○", "×", "가능", "불가능", "불가",
    "있음", "없음", "예", "아니오", "지원", "미지원", "y", "n", "on", "off", "required", "optional",
  ]

  /// The last part of a prompt's path: `Type?` of `Systems › Bigtable › Type?`.
  static func lastPart(of prompt: String) -> Substring {
    guard let range = prompt.range(of: Phrasing.separator, options: .backwards) else {
      return Substring(prompt)
    }
    return prompt[range.upperBound...]
  }
}
