/// A block of a note: the structure the card generator reads.
public enum Block: Hashable, Sendable {
  /// An ATX or setext heading; empty headings are kept.
  case heading(Heading)
  /// A paragraph.
  case paragraph(Paragraph)
  /// A bullet or ordered list.
  case list(ListBlock)
  /// A GFM pipe table.
  case table(Table)
  /// A fenced or indented code block; its content is never parsed.
  case codeBlock(CodeBlock)
  /// A block quote.
  case blockQuote(BlockQuote)
  /// An HTML block (comments, `<details>`, lines of only `<br>`, ...).
  case htmlBlock(HTMLBlock)
  /// A thematic break (`---`, `***`, `___`).
  case thematicBreak(SourceLocation)

  /// Where the block starts in the note.
  public var location: SourceLocation {
    switch self {
    case .heading(let block): block.location
    case .paragraph(let block): block.location
    case .list(let block): block.location
    case .table(let block): block.location
    case .codeBlock(let block): block.location
    case .blockQuote(let block): block.location
    case .htmlBlock(let block): block.location
    case .thematicBreak(let location): location
    }
  }
}

/// An ATX (`#` to `######`) or setext (`===`, `---`) heading.
public struct Heading: Hashable, Sendable {
  /// The level, 1 to 6.
  public var level: Int
  /// The heading text; empty for a heading with no text.
  public var content: InlineText
  /// Where the heading starts.
  public var location: SourceLocation

  /// Creates a heading.
  public init(level: Int, content: InlineText, location: SourceLocation) {
    self.level = level
    self.content = content
    self.location = location
  }
}

/// A paragraph of inline content.
public struct Paragraph: Hashable, Sendable {
  /// The paragraph's inline content.
  public var content: InlineText
  /// Where the paragraph starts.
  public var location: SourceLocation

  /// Creates a paragraph.
  public init(content: InlineText, location: SourceLocation) {
    self.content = content
    self.location = location
  }
}

/// A bullet (`-`, `*`, `+`) or ordered (`1.`, `1)`) list.
public struct ListBlock: Hashable, Sendable {
  /// Whether the list is ordered.
  public var isOrdered: Bool
  /// The number of the first item of an ordered list; 1 for bullet lists.
  public var start: Int
  /// Whether the list is tight (no blank lines between items).
  public var isTight: Bool
  /// The items in order.
  public var items: [ListItem]
  /// Where the list starts.
  public var location: SourceLocation

  /// Creates a list.
  public init(
    isOrdered: Bool, start: Int, isTight: Bool, items: [ListItem], location: SourceLocation
  ) {
    self.isOrdered = isOrdered
    self.start = start
    self.isTight = isTight
    self.items = items
    self.location = location
  }
}

/// One item of a list, holding blocks (paragraphs, nested lists, tables, code, headings).
public struct ListItem: Hashable, Sendable {
  /// The item's blocks.
  public var blocks: [Block]
  /// Where the item's marker is.
  public var location: SourceLocation

  /// Creates a list item.
  public init(blocks: [Block], location: SourceLocation) {
    self.blocks = blocks
    self.location = location
  }
}

/// The alignment of a table column, from its delimiter row.
public enum TableAlignment: String, Hashable, Sendable, Codable {
  /// No colon.
  case none = ""
  /// `:---`
  case left
  /// `:---:`
  case center
  /// `---:`
  case right
}

/// A GFM pipe table. Every row has exactly as many cells as the header.
public struct Table: Hashable, Sendable {
  /// The alignment of each column.
  public var alignments: [TableAlignment]
  /// The header row.
  public var header: TableRow
  /// The body rows, padded with empty cells or cut to the header's width.
  public var rows: [TableRow]
  /// Where the table's header row starts.
  public var location: SourceLocation

  /// Creates a table.
  public init(
    alignments: [TableAlignment], header: TableRow, rows: [TableRow], location: SourceLocation
  ) {
    self.alignments = alignments
    self.header = header
    self.rows = rows
    self.location = location
  }
}

/// One row of a table.
public struct TableRow: Hashable, Sendable {
  /// The row's cells.
  public var cells: [TableCell]
  /// Where the row starts.
  public var location: SourceLocation

  /// Creates a table row.
  public init(cells: [TableCell], location: SourceLocation) {
    self.cells = cells
    self.location = location
  }
}

/// One cell of a table: inline content that `<br>` splits into lines.
public struct TableCell: Hashable, Sendable {
  /// The cell's inline content; `<br>` appears as ``Inline/lineBreak``.
  public var content: InlineText

  /// Creates a table cell.
  public init(content: InlineText) {
    self.content = content
  }

  /// The cell's lines, split at `<br>`; a line starting with `- ` or `• ` is a bullet.
  public var lines: [CellLine] {
    content.lines.map { line in
      for marker in ["- ", "• ", "-\t", "•\t"] where line.hasPrefix(marker) {
        let text = line.dropFirst(marker.count).trimmingWhitespace()
        return CellLine(text: text, isBullet: true)
      }
      return CellLine(text: line, isBullet: false)
    }.filter { !$0.text.isEmpty }
  }

  /// Whether the cell has no visible text.
  public var isEmpty: Bool { content.isEmpty }
}

/// One line of a table cell.
public struct CellLine: Hashable, Sendable {
  /// The line's plain text, without its bullet marker.
  public var text: String
  /// Whether the line started with `- ` or `• `.
  public var isBullet: Bool

  /// Creates a cell line.
  public init(text: String, isBullet: Bool) {
    self.text = text
    self.isBullet = isBullet
  }
}

/// A fenced (``` or ~~~) or indented code block.
public struct CodeBlock: Hashable, Sendable {
  /// The info string of a fenced block (`swift`, `sql`, ...); empty otherwise.
  public var info: String
  /// The literal content, each line ending in `\n`.
  public var text: String
  /// Whether the block was fenced.
  public var isFenced: Bool
  /// Where the block starts.
  public var location: SourceLocation

  /// Creates a code block.
  public init(info: String, text: String, isFenced: Bool, location: SourceLocation) {
    self.info = info
    self.text = text
    self.isFenced = isFenced
    self.location = location
  }
}

/// A block quote.
public struct BlockQuote: Hashable, Sendable {
  /// The quoted blocks.
  public var blocks: [Block]
  /// Where the quote starts.
  public var location: SourceLocation

  /// Creates a block quote.
  public init(blocks: [Block], location: SourceLocation) {
    self.blocks = blocks
    self.location = location
  }
}

/// An HTML block, kept raw (comments hold author overrides such as table orientation).
public struct HTMLBlock: Hashable, Sendable {
  /// The raw HTML, lines joined by `\n`.
  public var html: String
  /// Where the block starts.
  public var location: SourceLocation

  /// Creates an HTML block.
  public init(html: String, location: SourceLocation) {
    self.html = html
    self.location = location
  }
}
