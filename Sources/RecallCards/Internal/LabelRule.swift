/// A label and its text are asked as one card (`Hash › 해결 방법?` → its text, a
/// ``CardKind/label``), in the context of the section and the groups the label sits in
/// (`Roles › Project leads?`).
///
/// Labels come from `label: text` items and short heads with content below them
/// (``SetRule``), bold names over a list (``GlossaryRule``) and bold questions with their
/// answer (``DefinitionRule``). A label with no text is a stub.
enum LabelRule {
  /// Adds a label card asked with its section and groups, or a stub if it has no text.
  static func add(
    _ label: String, answer: [String], groups: [String], line: Int, in place: SectionPlace,
    into sink: inout CardSink
  ) {
    guard !Navigation.isReferenceHeading(label) else { return }
    guard !answer.isEmpty else {
      sink.addStub(
        .termWithoutDefinition, line: line, place.phrasing.termWithoutDefinition(label))
      return
    }
    let joined = answer.joinedText(separator: "\n")
    guard !ComparableText.equal(joined, label) else { return }
    sink.add(
      .label, anchor: ["label", label], context: place.path + groups, line: line,
      prompt: place.phrasing.path([place.title] + groups + [label]), answer: joined)
  }
}
