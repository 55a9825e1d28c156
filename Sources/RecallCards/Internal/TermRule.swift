/// A glossary term is asked both ways: its definition (`Hash › 해시?` → the definition, a
/// ``CardKind/term``) and, by a clue that hides it, the term itself (`이 설명에 맞는 용어는?
/// …` → `해시`, a ``CardKind/definition``).
///
/// Terms come from `**term:** definition` lines (``GlossaryRule``), defining sentences
/// (``DefinitionRule``) and `term: text` list items (``SetRule``). A term without a
/// definition is a stub.
enum TermRule {
  /// Adds a term card and its definition card, or a stub if the term has no definition.
  static func add(
    _ term: String, definition: [String], line: Int, in place: SectionPlace,
    into sink: inout CardSink
  ) {
    let phrasing = place.phrasing
    guard !Navigation.isReferenceHeading(term) else { return }
    guard !definition.isEmpty else {
      sink.addStub(.termWithoutDefinition, line: line, phrasing.termWithoutDefinition(term))
      return
    }
    let answer = definition.joinedText(separator: "\n")
    guard !ComparableText.equal(answer, term) else { return }
    let context = place.path
    guard
      let termCard = sink.add(
        .term, anchor: ["term", term], context: context, line: line,
        prompt: phrasing.path([place.title, term]), answer: answer)
    else { return }
    let group = sink.cards[termCard].key
    // The clue never shows the term it asks for; without enough words of its own, no card.
    if let clue = ClueMask.masked(AnswerLead.split(definition).lead, hiding: term),
      let definitionCard = sink.add(
        .definition, anchor: ["term", term, "which"], context: context,
        line: line,
        prompt: phrasing.whichTerm(
          title: ClueMask.title(place.title, path: context, hiding: term), definition: clue),
        answer: term,
        siblingGroup: group)
    {
      sink.addTerm(term, definitionCard: definitionCard)
    }
  }
}
