/// The note-wide step that makes sure two cards of a note never ask the same question for
/// different answers.
///
/// Such prompts (two `### enQueue` sections under different parents, a term and a section of
/// the same name) are first widened with the heading above them, as long as there is one;
/// prompts still alike get the kind of card they are (`(용어)`, `(section)`), and cards of one
/// kind a number, `(2)`, `(3)`, in note order.
enum DistinctPrompts {
  /// Separates the prompts of `cards` that read alike, in the language of `phrasing`.
  static func separate(_ cards: inout [Card], phrasing: Phrasing) {
    // Prompts change only when one is widened, so the clashes are found again only then.
    var groups = clashes(in: cards)
    for _ in 0..<6 {
      var widened = false
      for group in groups {
        for index in group {
          let card = cards[index]
          guard PlainText.hasSuffix(card.prompt, "?") else { continue }
          let parts = card.prompt.dropLast().components(separatedBy: Phrasing.separator)
          guard let first = parts.first, let at = card.context.lastIndex(of: first), at > 0
          else { continue }
          cards[index].prompt = phrasing.path([card.context[at - 1]] + parts)
          widened = true
        }
      }
      if !widened { break }
      groups = clashes(in: cards)
    }
    for group in groups {
      let kinds = Set(group.map { cards[$0].kind })
      var seen: [CardKind: Int] = [:]
      for index in group {
        let kind = cards[index].kind
        seen[kind, default: 0] += 1
        var marks: [String] = []
        if kinds.count > 1 { marks.append(phrasing.qualifier(kind)) }
        if let number = seen[kind], number > 1 { marks.append(String(number)) }
        if !marks.isEmpty { cards[index].prompt += " (\(marks.joined(separator: " ")))" }
      }
    }
  }

  /// The indexes of the cards that ask one prompt for different answers, group by group, in
  /// note order.
  static func clashes(in cards: [Card]) -> [[Int]] {
    // Each prompt's first card, and the cards of the prompts that repeat: most prompts are
    // asked once and need no list of their own.
    var first: [TextKey: Int] = [:]
    first.reserveCapacity(cards.count)
    var repeated: [Int: [Int]] = [:]
    for index in cards.indices {
      let prompt = TextKey(cards[index].prompt)
      if let head = first[prompt] {
        repeated[head, default: [head]].append(index)
      } else {
        first[prompt] = index
      }
    }
    return repeated.values.filter { indexes in
      Set(indexes.map { cards[$0].answer }).count > 1
    }.sorted { $0[0] < $1[0] }
  }
}
