import RecallMarkdown

/// A paragraph read as a glossary: its `**term:** definition` lines are terms (asked both ways
/// by ``TermRule``), a bold name over a list labels that list, and its other lines are prose:
/// a defining sentence is a term too (``DefinitionRule``), the bold names of any other line
/// are clozes (``ClozeRule``), and the rest is the section's content.
enum GlossaryRule {
  /// A term found in the paragraph, asked once the whole paragraph is read.
  private struct Entry {
    var term: String
    var definition: [String]
    var line: Int
  }

  /// Reads a paragraph of the section at `place`, `list` being the list right after it (not a
  /// table of contents), if any. Returns the paragraph's content lines, and whether the list
  /// was used as the answer of a bold label (so that it is not read again).
  static func read(
    _ paragraph: Paragraph, followedBy list: ListBlock?, in place: SectionPlace,
    into sink: inout CardSink
  ) -> (content: [String], usedList: Bool) {
    let lines = InlineRendering.nodeLines(paragraph.content.nodes)
    var content: [String] = []
    var current: Entry?
    var usedList = false
    var pending: [Entry] = []
    for (nodes, offset) in lines {
      let number = paragraph.location.line + offset
      if Navigation.isLinkOnly(nodes) { continue }
      if let found = TermForm.bold(nodes) {
        if let current { pending.append(current) }
        current = Entry(
          term: found.term, definition: found.definition.isEmpty ? [] : [found.definition],
          line: number)
      } else if current != nil {
        current?.definition += InlineRendering.lines(nodes)
      } else if lines.count == 1, list != nil, TableOrientation.isBoldOnly(nodes),
        TermForm.isShortName(InlineRendering.text(nodes).trimmed)
      {
        // A bold name over a list labels it; a bold sentence (`**Clarify with your interviewer
        // if …**`) is content like any other line.
        current = Entry(term: InlineRendering.text(nodes).trimmed, definition: [], line: number)
      } else {
        let text = InlineRendering.lines(nodes)
        // A line that is one defining sentence is a term of its own (`해시는 …이다.`).
        if text.count == 1, let found = DefinitionRule.term(definedBy: text[0], title: place.title)
        {
          pending.append(Entry(term: found.term, definition: [found.sentence], line: number))
        } else {
          content += text
          if text.count == 1 {
            ClozeRule.read(nodes, line: text[0], at: number, in: place, into: &sink)
          }
        }
      }
    }
    // A bold label with nothing after it takes the list below: as its answer, or, when the
    // list holds `label: text` items of its own, as the group of those labels.
    var group: (label: String, line: Int, list: ListBlock)?
    if var last = current {
      if last.definition.isEmpty, let list {
        if SetRule.hasLabelItems(list) {
          group = (last.term, last.line, list)
        } else {
          last.definition = Rendering.plainLines(of: .list(list))
          usedList = !last.definition.isEmpty
          pending.append(last)
        }
      } else {
        pending.append(last)
      }
    }
    for entry in pending {
      TermRule.add(
        entry.term, definition: entry.definition, line: entry.line, in: place, into: &sink)
    }
    if let group {
      let leftovers = SetRule.read(
        group.list, in: place, labelsMode: true, groups: [group.label], into: &sink)
      if !leftovers.isEmpty {
        LabelRule.add(
          group.label, answer: leftovers, groups: [], line: group.line, in: place, into: &sink)
      }
      usedList = true
    }
    return (content, usedList)
  }
}
