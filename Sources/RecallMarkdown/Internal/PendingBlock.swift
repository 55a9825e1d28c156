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
///
/// The arena holds one of these per block, so it is kept small: flags and bytes first, then
/// counts and indexes stored as `Int32` (read and written as `Int` through the properties
/// below), then the arrays.
struct PendingBlock {
  /// What the block is.
  var kind: PendingKind
  /// Whether lines may still be added.
  var isOpen = true
  /// Whether the last line seen by this block was blank (for tight and loose lists).
  var lastLineBlank = false
  /// Whether a heading came from a setext underline.
  var isSetext = false
  /// Whether a list is tight.
  var isTight = true
  /// The fence character of fenced code.
  var fenceMarker: UInt8 = 0
  /// Whether an HTML block started with a line of only `<br>` tags.
  var startsWithBreakLine = false
  /// Whether a paragraph was already tried as a table header and refused.
  var tableVisited = false

  private var storedParent: Int32
  private var storedFirstChild: Int32 = -1
  private var storedLastChild: Int32 = -1
  private var storedNextSibling: Int32 = -1
  private var storedChildCount: Int32 = 0
  private var storedLine: Int32
  private var storedColumn: Int32
  private var storedDepth: Int32
  private var storedLevel: Int32 = 0
  private var storedMarkerOffset: Int32 = 0
  private var storedPadding: Int32 = 0
  private var storedFenceLength: Int32 = 0
  private var storedFenceOffset: Int32 = 0
  private var storedHTMLType: Int32 = 0
  private var storedPaddedCells: Int32 = 0

  /// The raw text: paragraph and heading lines, code lines or HTML lines.
  var content: [UInt8] = []
  /// The info string of fenced code.
  var info: [UInt8] = []
  /// The alignment of a table's columns.
  var alignments: [TableAlignment] = []
  /// A table's rows, the header first.
  var rows: [PendingRow] = []
  /// The list marker of a list or item.
  var marker = ListMarker(isOrdered: false, delimiter: 0, start: 1, length: 0)

  /// Creates an open block.
  init(kind: PendingKind, parent: Int, line: Int, column: Int, depth: Int) {
    self.kind = kind
    self.storedParent = Int32(truncatingIfNeeded: parent)
    self.storedLine = Int32(truncatingIfNeeded: line)
    self.storedColumn = Int32(truncatingIfNeeded: column)
    self.storedDepth = Int32(truncatingIfNeeded: depth)
  }

  /// The index of the parent block (-1 for the document).
  var parent: Int {
    get { Int(storedParent) }
    set { storedParent = Int32(truncatingIfNeeded: newValue) }
  }
  /// The first child block (-1 for none). Children are a linked list through
  /// ``nextSibling`` rather than an array, so that opening a block allocates nothing.
  var firstChild: Int {
    get { Int(storedFirstChild) }
    set { storedFirstChild = Int32(truncatingIfNeeded: newValue) }
  }
  /// The last child block (-1 for none).
  var lastChild: Int {
    get { Int(storedLastChild) }
    set { storedLastChild = Int32(truncatingIfNeeded: newValue) }
  }
  /// The next block with the same parent (-1 for none).
  var nextSibling: Int {
    get { Int(storedNextSibling) }
    set { storedNextSibling = Int32(truncatingIfNeeded: newValue) }
  }
  /// How many children the block has.
  var childCount: Int {
    get { Int(storedChildCount) }
    set { storedChildCount = Int32(truncatingIfNeeded: newValue) }
  }
  /// The 1-based line where the block starts.
  var line: Int {
    get { Int(storedLine) }
    set { storedLine = Int32(truncatingIfNeeded: newValue) }
  }
  /// The 1-based column (in Unicode scalars, tabs counted as one) where the block starts.
  var column: Int {
    get { Int(storedColumn) }
    set { storedColumn = Int32(truncatingIfNeeded: newValue) }
  }
  /// How many container levels (quotes, lists, items) enclose this block, itself included.
  var depth: Int {
    get { Int(storedDepth) }
    set { storedDepth = Int32(truncatingIfNeeded: newValue) }
  }
  /// The heading level.
  var level: Int {
    get { Int(storedLevel) }
    set { storedLevel = Int32(truncatingIfNeeded: newValue) }
  }
  /// The column of the marker relative to the container's content.
  var markerOffset: Int {
    get { Int(storedMarkerOffset) }
    set { storedMarkerOffset = Int32(truncatingIfNeeded: newValue) }
  }
  /// The columns from the marker to the item's content.
  var padding: Int {
    get { Int(storedPadding) }
    set { storedPadding = Int32(truncatingIfNeeded: newValue) }
  }
  /// The fence's length.
  var fenceLength: Int {
    get { Int(storedFenceLength) }
    set { storedFenceLength = Int32(truncatingIfNeeded: newValue) }
  }
  /// The fence's indentation.
  var fenceOffset: Int {
    get { Int(storedFenceOffset) }
    set { storedFenceOffset = Int32(truncatingIfNeeded: newValue) }
  }
  /// The HTML block type, 1 to 7.
  var htmlType: Int {
    get { Int(storedHTMLType) }
    set { storedHTMLType = Int32(truncatingIfNeeded: newValue) }
  }
  /// How many empty cells were added to pad short rows (bounded against blow-ups).
  var paddedCells: Int {
    get { Int(storedPaddedCells) }
    set { storedPaddedCells = Int32(truncatingIfNeeded: newValue) }
  }
}
