/// The hash of what a card asks and answers, the last note-wide step: an edit that changes it
/// is what the import tells from a card left as it was.
enum ContentHash {
  /// The hash of `card`'s prompt, answer and choices, the choices joined by U+001E and the
  /// three by U+001F, hashed as they come rather than joined first.
  static func of(_ card: Card) -> String {
    of(prompt: card.prompt, answer: card.answer, choices: card.choices)
  }

  /// ``of(_:)`` from the card's texts, read where they are.
  static func of(prompt: String, answer: String, choices: [String]) -> String {
    var hash = StableHash.fnv1a(prompt)
    hash = StableHash.fnv1a(byte: 0x1F, from: hash)
    hash = StableHash.fnv1a(answer, from: hash)
    hash = StableHash.fnv1a(byte: 0x1F, from: hash)
    for (position, choice) in choices.enumerated() {
      if position > 0 { hash = StableHash.fnv1a(byte: 0x1E, from: hash) }
      hash = StableHash.fnv1a(choice, from: hash)
    }
    return StableHash.hex(hash)
  }

  /// Fills the content hash of every card.
  static func fill(_ cards: inout [Card]) {
    for index in cards.indices {
      cards[index].contentHash = of(
        prompt: cards[index].prompt, answer: cards[index].answer, choices: cards[index].choices)
    }
  }
}
