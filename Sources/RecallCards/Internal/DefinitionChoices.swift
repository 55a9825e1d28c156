/// The note-wide step that gives each definition card (and cloze) its options: its term among
/// up to three other terms of the note, the nearest ones in note order, listed in note order.
enum DefinitionChoices {
  /// Fills the choices of the definition cards of `terms` among `cards`.
  static func fill(_ cards: inout [Card], terms: [CardSink.TermEntry]) {
    // Each term's name is normalized once; the first term of each normalized name stays.
    var names: [String] = []
    var positions: [TextKey: Int] = [:]
    positions.reserveCapacity(terms.count)
    let plains = terms.map { TextKey(ComparableText.of($0.name)) }
    for (entry, plain) in zip(terms, plains) where positions[plain] == nil {
      positions[plain] = names.count
      names.append(entry.name)
    }
    for (entry, plain) in zip(terms, plains) {
      guard let position = positions[plain] else { continue }
      let choices = Choices.around(position, in: names)
      if choices.count >= 2 { cards[entry.definitionCard].choices = choices }
    }
  }
}
