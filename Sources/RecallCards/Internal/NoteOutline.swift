import RecallMarkdown

/// What every rule reads of a note: its sections, the language of its prompts and the lookups
/// over its headings.
///
/// A section is a heading with the blocks up to the next heading. Headings with no text
/// (`##### <br>`) do not open a section. Block quotes are opened, so that their paragraphs and
/// lists count as the section's content. The outline is made once per note and never changes
/// while the rules read it.
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

  /// A section's title as one run of lowercase letters and digits.
  struct SectionName: Sendable {
    /// The run.
    var text: String
    /// Its UTF-8 bytes when it is plain text, which then equals another plain text exactly
    /// when their bytes are equal.
    var plainBytes: [UInt8]?

    init(_ text: String) {
      self.text = text
      plainBytes = PlainText.isPlain(text) ? Array(text.utf8) : nil
    }
  }

  /// The sections in note order; the first one holds what precedes the first heading.
  var sections: [Section]
  /// The language of the prompts.
  let phrasing: Phrasing
  /// The orientation the front matter sets for every table, if any.
  let noteOrientation: TableOrientation?
  /// The title of cards that come before the first heading: the note's file name.
  let fallbackTitle: String
  /// Every section's title as compared text (see ``ComparableText``), for telling a table of
  /// contents.
  let headingTexts: Set<String>

  /// Cuts `document`, the note `deck`, into sections.
  init(_ document: MarkdownDocument, deck: String) {
    sections = NoteOutline.sections(of: document)
    phrasing = Phrasing(NoteOutline.letters(of: document))
    noteOrientation = document.frontMatter?.value(for: TableOrientation.frontMatterKey)
      .flatMap(TableOrientation.override(inFrontMatter:))
    var name = Substring(deck.split(separator: "/").last ?? Substring(deck))
    if name.lowercased().hasSuffix(".md") { name = name.dropLast(3) }
    fallbackTitle = String(name)
    headingTexts = Set(sections.map { ComparableText.of($0.title) }.filter { !$0.isEmpty })
  }

  /// The title the cards of `section` are asked by: its heading's, or the note's file name
  /// before the first heading.
  func title(of section: Section) -> String {
    section.title.isEmpty ? fallbackTitle : section.title
  }

  /// Each section's title as one run of lowercase letters and digits (see
  /// ``Rendering/nameTokens(_:)``), in note order, for finding the section that describes a
  /// step. Made on demand: few notes need it (see ``CardSink/sectionNames(in:)``).
  func makeSectionNames() -> [SectionName] {
    sections.map { SectionName(Rendering.nameTokens($0.title).joined()) }
  }

  /// The sections of `document`.
  static func sections(of document: MarkdownDocument) -> [Section] {
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
    return sections
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

  /// The letters of a sample of the note's text, for its language: headings, paragraphs and
  /// table cells, up to the block that takes the sample past 20,000 scalars.
  ///
  /// The sample is the texts joined by line feeds, which are not letters: its letters are
  /// counted text by text, without joining them.
  static func letters(of document: MarkdownDocument) -> Phrasing.LetterCount {
    var count = Phrasing.LetterCount()
    // The scalars of the sample, counted as it grows: counting them again after every block
    // made long notes quadratic.
    var scalars = 0
    func append(_ nodes: [Inline]) {
      scalars += count.add(nodes) + 1
    }
    var isFull: Bool { scalars > 20_000 }
    func visit(_ blocks: [Block]) {
      for block in blocks where !isFull {
        switch block {
        case .heading(let heading): append(heading.content.nodes)
        case .paragraph(let paragraph): append(paragraph.content.nodes)
        case .list(let list): for item in list.items where !isFull { visit(item.blocks) }
        case .blockQuote(let quote): visit(quote.blocks)
        case .table(let table):
          for row in [table.header] + table.rows where !isFull {
            for cell in row.cells { append(cell.content.nodes) }
          }
        default: break
        }
      }
    }
    visit(document.blocks)
    return count
  }
}
