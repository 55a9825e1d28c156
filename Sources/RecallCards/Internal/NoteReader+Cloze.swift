import RecallMarkdown

extension NoteReader {
  /// The bold terms of a line of prose that a cloze card can hide: names (at most four words
  /// and 30 characters, no colon, no particle inside), each once, in line order.
  ///
  /// The line must say something around them: at least five words once they are hidden.
  static func clozeTerms(in nodes: [Inline], line: String) -> [String] {
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

  /// Adds a cloze card for each bold term of a prose line: the line with the term hidden, asking
  /// for the term (`그 중에서 ___는, 프로그래밍을 도와주는 라이브러리를 만드는 외부 생산자를
  /// 뜻한다.` → `서드파티`).
  mutating func addClozes(
    _ nodes: [Inline], line: String, at number: Int, context: [String], title: String
  ) {
    // A line that leads into a list (`… as follows:`) says nothing on its own.
    guard PlainText.hasAtMostCharacters(line, ProseDefinition.sentenceLimit),
      !line.hasSuffix(":"), !line.hasSuffix("：")
    else { return }
    for term in NoteReader.clozeTerms(in: nodes, line: line) {
      guard let clue = ClueMask.masked([line], hiding: term), clue[0].contains(ClueMask.mark),
        PlainText.wordCount(clue[0]) >= 5
      else { continue }
      // Registered with the note's terms, so that its options are the other terms.
      if let index = add(
        .definition, anchor: ["cloze", term], context: context, line: number,
        prompt: phrasing.whichTerm(
          title: ClueMask.title(title, path: context, hiding: term), definition: clue),
        answer: term)
      {
        terms.append(TermEntry(name: term, definitionCard: index))
      }
    }
  }
}
