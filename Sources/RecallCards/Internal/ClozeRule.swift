import RecallMarkdown

/// Bold names inside a line of prose are asked as clozes: the line with the name hidden
/// (`그 중에서 ___는, 프로그래밍을 도와주는 라이브러리를 만드는 외부 생산자를 뜻한다.` →
/// `서드파티`).
enum ClozeRule {
  /// Adds a cloze card for each bold term of the prose line `line` (its inline `nodes`), at
  /// line `number` of the note.
  static func read(
    _ nodes: [Inline], line: String, at number: Int, in place: SectionPlace,
    into sink: inout CardSink
  ) {
    // A line that leads into a list (`… as follows:`) says nothing on its own.
    guard PlainText.hasAtMostCharacters(line, ProseDefinition.sentenceLimit),
      !line.hasSuffix(":"), !line.hasSuffix("：")
    else { return }
    let context = place.path
    for term in terms(in: nodes, line: line) {
      guard let clue = ClueMask.masked([line], hiding: term), clue[0].contains(ClueMask.mark),
        PlainText.wordCount(clue[0]) >= 5
      else { continue }
      // Registered with the note's terms, so that its options are the other terms.
      if let index = sink.add(
        .definition, anchor: ["cloze", term], context: context, line: number,
        prompt: place.phrasing.whichTerm(
          title: ClueMask.title(place.title, path: context, hiding: term), definition: clue),
        answer: term)
      {
        sink.addTerm(term, definitionCard: index)
      }
    }
  }

  /// The bold terms of a line of prose that a cloze card can hide: names (at most four words
  /// and 30 characters, no colon, no particle inside), each once, in line order.
  static func terms(in nodes: [Inline], line: String) -> [String] {
    var terms: [String] = []
    for node in nodes {
      // A bold link points elsewhere; it is not a term of the line.
      guard case .strong(let children) = node, !children.contains(where: Navigation.isLink)
      else { continue }
      // A name, not a phrase (see ``ProseDefinition/termName(_:)``): `순환 참조를 감지` is none.
      guard let term = ProseDefinition.termName(InlineRendering.text(children).trimmed),
        term.count >= 2, term.contains(where: \.isLetter), !term.contains(":"),
        !term.contains("："), !terms.contains(term)
      else { continue }
      terms.append(term)
    }
    return terms
  }
}
