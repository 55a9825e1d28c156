import RecallMarkdown

/// A note cut into sections: each heading with the blocks up to the next heading.
///
/// Headings with no text (`##### <br>`) do not open a section. Block quotes are opened, so
/// that their paragraphs and lists count as the section's content.
struct NoteOutline: Sendable {
  /// One heading and its direct body.
  struct Section: Sendable {
    /// The heading, or `nil` for what comes before the first heading.
    var heading: Heading?
    /// The texts of the enclosing headings, this one last; empty before the first heading.
    var path: [String]
    /// The blocks between this heading and the next one.
    var body: [Block]
    /// Whether the next heading is deeper, so this heading introduces subsections.
    var hasSubsections: Bool

    /// The heading's text, or `""` before the first heading.
    var title: String { path.last ?? "" }
  }

  /// The sections in note order; the first one holds what precedes the first heading.
  var sections: [Section]

  /// Cuts `document` into sections.
  init(_ document: MarkdownDocument) {
    var sections = [Section(heading: nil, path: [], body: [], hasSubsections: false)]
    var stack: [(level: Int, text: String)] = []
    for block in document.blocks {
      if case .heading(let heading) = block {
        let text = InlineRendering.lines(heading.content.nodes).joinedText(separator: " ")
        guard !text.isEmpty else { continue }
        if let last = sections.indices.last, sections[last].heading != nil,
          let level = sections[last].heading?.level, heading.level > level
        {
          sections[last].hasSubsections = true
        }
        while let top = stack.last, top.level >= heading.level { stack.removeLast() }
        stack.append((heading.level, text))
        sections.append(
          Section(heading: heading, path: stack.map(\.text), body: [], hasSubsections: false))
      } else if case .blockQuote = block {
        sections[sections.count - 1].body.append(contentsOf: NoteOutline.opened(block))
      } else {
        sections[sections.count - 1].body.append(block)
      }
    }
    self.sections = sections
  }

  /// The block, or the blocks of a block quote (recursively).
  static func opened(_ block: Block) -> [Block] {
    if case .blockQuote(let quote) = block { return quote.blocks.flatMap(opened) }
    return [block]
  }

  /// Whether `block` holds anything a reader would call content (not HTML, not a rule, not a
  /// paragraph of only `<br>`).
  static func isContent(_ block: Block) -> Bool {
    switch block {
    case .htmlBlock, .thematicBreak, .heading: return false
    case .paragraph(let paragraph):
      return paragraph.content.nodes.contains { node in
        switch node {
        case .image: return true
        case .html, .lineBreak, .softBreak: return false
        default: return !InlineRendering.isBlank([node])
        }
      }
    default: return true
    }
  }
}
