import RecallMarkdown

@testable import RecallCards

/// A small note for calling one rule directly: its outline, a sink for the cards, and the
/// blocks of its sections.
struct RuleSample {
  /// The note's outline.
  let outline: NoteOutline
  /// The cards and stubs the rules have made so far.
  var sink = CardSink(deck: "note.md", file: "note.md")

  /// Parses `markdown` as the note `note.md`.
  init(_ markdown: String) {
    outline = NoteOutline(MarkdownParser().parse(markdown, file: "note.md"), deck: "note.md")
  }

  /// The cards made so far.
  var cards: [Card] { sink.cards }

  /// The place of the section at `index` (0 is what comes before the first heading).
  func place(_ index: Int = 1) -> SectionPlace {
    SectionPlace(outline, section: index)
  }

  /// The blocks of the section at `index`.
  func blocks(_ index: Int = 1) -> [Block] {
    outline.sections[index].body
  }

  /// The first table of the section at `index`.
  func table(_ index: Int = 1) -> Table? {
    for case .table(let table) in blocks(index) { return table }
    return nil
  }

  /// The first list of the section at `index`.
  func list(_ index: Int = 1) -> ListBlock? {
    for case .list(let list) in blocks(index) { return list }
    return nil
  }

  /// The paragraphs of the section at `index`.
  func paragraphs(_ index: Int = 1) -> [Paragraph] {
    blocks(index).compactMap { block in
      if case .paragraph(let paragraph) = block { return paragraph }
      return nil
    }
  }
}
