/// The kind of a block while it is being parsed.
enum PendingKind: UInt8 {
  case document, blockQuote, list, item, paragraph, heading, fencedCode, indentedCode, html
  case thematicBreak, table

  /// Whether lines of text are added to this block as they come.
  var acceptsLines: Bool {
    self == .paragraph || self == .heading || self == .fencedCode || self == .indentedCode
  }

  /// Whether this block can hold a child of `kind`.
  func canContain(_ kind: PendingKind) -> Bool {
    switch self {
    case .document, .blockQuote, .item: return kind != .item
    case .list: return kind == .item
    default: return false
    }
  }

  /// Whether this kind opens a container level counted against the nesting limit.
  var isContainer: Bool { self == .blockQuote || self == .list || self == .item }
}

/// One row of a table while parsing.
struct PendingRow {
  /// The row's 1-based line.
  var line: Int
  /// The row's 1-based column.
  var column: Int
  /// The cells' raw contents.
  var cells: [[UInt8]]
}

/// A block that is open or was closed during parsing, stored in the parser's arena.
///
/// Containers refer to their children by index, so the tree can be walked without recursion
/// while parsing; the public ``Block`` tree is built once the whole note is read.
struct PendingBlock {
  /// What the block is.
  var kind: PendingKind
  /// The index of the parent block (-1 for the document).
  var parent: Int
  /// The first child block (-1 for none). Children are a linked list through
  /// ``nextSibling`` rather than an array, so that opening a block allocates nothing.
  var firstChild = -1
  /// The last child block (-1 for none).
  var lastChild = -1
  /// The next block with the same parent (-1 for none).
  var nextSibling = -1
  /// How many children the block has.
  var childCount = 0
  /// The 1-based line where the block starts.
  var line: Int
  /// The 1-based column (in Unicode scalars, tabs counted as one) where the block starts.
  var column: Int
  /// How many container levels (quotes, lists, items) enclose this block, itself included.
  var depth: Int
  /// Whether lines may still be added.
  var isOpen = true
  /// Whether the last line seen by this block was blank (for tight and loose lists).
  var lastLineBlank = false
  /// The raw text: paragraph and heading lines, code lines or HTML lines.
  var content: [UInt8] = []
  /// The heading level.
  var level = 0
  /// Whether a heading came from a setext underline.
  var isSetext = false
  /// The list marker of a list or item.
  var marker = ListMarker(isOrdered: false, delimiter: 0, start: 1, length: 0)
  /// The column of the marker relative to the container's content.
  var markerOffset = 0
  /// The columns from the marker to the item's content.
  var padding = 0
  /// Whether a list is tight.
  var isTight = true
  /// The fence character of fenced code.
  var fenceMarker: UInt8 = 0
  /// The fence's length.
  var fenceLength = 0
  /// The fence's indentation.
  var fenceOffset = 0
  /// The info string of fenced code.
  var info: [UInt8] = []
  /// The HTML block type, 1 to 7.
  var htmlType = 0
  /// Whether an HTML block started with a line of only `<br>` tags.
  var startsWithBreakLine = false
  /// Whether a paragraph was already tried as a table header and refused.
  var tableVisited = false
  /// The alignment of a table's columns.
  var alignments: [TableAlignment] = []
  /// A table's rows, the header first.
  var rows: [PendingRow] = []
  /// How many empty cells were added to pad short rows (bounded against blow-ups).
  var paddedCells = 0
}
