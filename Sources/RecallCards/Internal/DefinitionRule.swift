import RecallMarkdown

/// Prose that defines or asks: a line that is one defining sentence (`해시는 …이다.`, `X is a
/// …`) is a term of its own (see ``ProseDefinition``), and a bold question followed by a
/// paragraph is asked with that paragraph as its answer (`**그래도 해시 테이블을 쓰는 이유는?**`).
enum DefinitionRule {
  /// The term a line of prose defines, and the sentence that defines it, when the line is one
  /// defining sentence; `title` is the section's, which a definition may leave out.
  static func term(definedBy line: String, title: String) -> (term: String, sentence: String)? {
    guard let found = ProseDefinition.parse(line, title: title) else { return nil }
    return (found.term, found.sentence)
  }

  /// Asks the bold question `paragraph` with the paragraph `next` as its answer (a
  /// ``CardKind/label``); returns whether it did, so that `next` is not read again.
  static func readQuestion(
    _ paragraph: Paragraph, answeredBy next: Paragraph, in place: SectionPlace,
    into sink: inout CardSink
  ) -> Bool {
    guard let question = question(of: paragraph) else { return false }
    let answer = InlineRendering.contentLines(next.content.nodes)
    guard !answer.isEmpty else { return false }
    LabelRule.add(
      question, answer: answer, groups: [], line: paragraph.location.line, in: place,
      into: &sink)
    return true
  }

  /// The question of a paragraph that is only a bold question (`**그래도 해시 테이블을 쓰는
  /// 이유는?**`, `***RAM은 휘발성 아닌가요? 껐다키면…***`), if it is one.
  static func question(of paragraph: Paragraph) -> String? {
    var nodes = paragraph.content.nodes
    // `***…***` is bold inside emphasis.
    if nodes.count == 1, case .emphasis(let children) = nodes[0] { nodes = children }
    guard TableOrientation.isBoldOnly(nodes) else { return nil }
    let text = InlineRendering.text(nodes).trimmed
    guard !TermForm.containsLineFeed(text), text.contains("?") || text.contains("？"),
      PlainText.hasAtMostCharacters(text, 120)
    else { return nil }
    return text
  }
}
