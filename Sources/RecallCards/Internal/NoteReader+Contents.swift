import RecallMarkdown

/// Tables of contents: lists that only point at the note's own sections give no card.
extension NoteReader {
  /// Whether `list` is a table of contents: linked (see ``Rendering/isTableOfContents(_:)``),
  /// or a list of three items or more of which at least four in five are, whole, the title of
  /// a heading of the note (`* App Life Cycle`, `* View Life Cycle`, … over `## App Life
  /// Cycle`, `## View Life Cycle`, …), without links.
  mutating func isContents(_ list: ListBlock) -> Bool {
    if Rendering.isTableOfContents(list) { return true }
    guard list.items.count >= 3 else { return false }
    if headingTexts == nil {
      headingTexts = Set(outline.sections.map { normalized($0.title) }.filter { !$0.isEmpty })
    }
    let headings = headingTexts ?? []
    let named = list.items.filter { item in
      guard let nodes = Rendering.firstLine(of: item) else { return false }
      return headings.contains(normalized(InlineRendering.text(nodes)))
    }
    return named.count * 5 >= list.items.count * 4
  }
}
