#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// The position reached on the line being parsed, counted in bytes and in columns.
struct LineCursor {
  /// The byte index of the line's first byte.
  let start: Int
  /// The byte index just past the line's last byte (its line end excluded).
  let end: Int
  /// The byte index reached.
  var offset: Int
  /// The column reached, tabs expanded to stops of 4.
  var column = 0
  /// Whether the tab at ``offset`` is only partly consumed.
  var partiallyConsumedTab = false
  /// The byte index of the first non-space at or after ``offset``.
  var firstNonspace = 0
  /// The column of ``firstNonspace``.
  var firstNonspaceColumn = 0
  /// The columns between ``column`` and ``firstNonspaceColumn``.
  var indent = 0
  /// Whether only spaces and tabs remain.
  var blank = false

  /// Creates a cursor at the start of the line `[start, end)`.
  init(start: Int, end: Int) {
    self.start = start
    self.end = end
    self.offset = start
  }
}

/// The line-based block parser: cmark-gfm's block algorithm over UTF-8 bytes.
///
/// Each line first walks the open blocks (the last child of each open container) and asks each
/// whether the line continues it; then it opens new blocks (quotes, lists, headings, fences,
/// HTML, tables); then it adds the rest of the line as text to the deepest block that takes it,
/// or as a lazy continuation of an open paragraph.
struct BlockParser {
  /// Tab stops are every 4 columns.
  static let tabStop = 4

  /// The note's bytes.
  let bytes: UnsafeBufferPointer<UInt8>
  /// The options in force.
  let options: MarkdownParser.Options
  /// The arena of blocks; index 0 is the document.
  var blocks: [PendingBlock]
  /// The deepest open block.
  var tip = 0
  /// The 1-based number of the line being parsed.
  var lineNumber = 0
  /// Link reference definitions found so far, by normalized label.
  var references: [String: String] = [:]
  /// The number of the first line parsed (after any front matter).
  var firstLine = 1
  /// The byte index where each parsed line starts, from ``firstLine`` on.
  var lineStarts: [Int] = []

  /// Creates a parser over `bytes`.
  init(bytes: UnsafeBufferPointer<UInt8>, options: MarkdownParser.Options) {
    self.bytes = bytes
    self.options = options
    self.blocks = [PendingBlock(kind: .document, parent: -1, line: 1, column: 1, depth: 0)]
    self.blocks.reserveCapacity(max(16, bytes.count / 64))
  }

  // MARK: - Driving

  /// Parses lines from byte `start` on, numbering the first one `firstLine`.
  mutating func parse(from start: Int, firstLine: Int) {
    self.firstLine = firstLine
    lineNumber = firstLine - 1
    var index = start
    let count = bytes.count
    // Without any `\r` in the note, line ends are found with `memchr` (vectorized by libc).
    let hasCarriageReturn =
      count > start && memchr(bytes.baseAddress! + start, Int32(Byte.carriageReturn), count - start) != nil
    while index < count {
      let end =
        hasCarriageReturn
        ? Self.lineEnd(bytes, from: index) : Self.newline(bytes, from: index)
      lineNumber += 1
      lineStarts.append(index)
      processLine(start: index, end: end)
      if end < count && bytes[end] == Byte.carriageReturn && end + 1 < count
        && bytes[end + 1] == Byte.newline
      {
        index = end + 2
      } else {
        index = end + 1
      }
    }
    while tip != 0 {
      tip = finalize(tip)
    }
    _ = finalize(0)
  }

  /// The index of the first `\n` at or after `start`, or the end of `bytes`.
  static func newline(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    guard start < bytes.count, let base = bytes.baseAddress else { return bytes.count }
    guard let found = memchr(base + start, Int32(Byte.newline), bytes.count - start) else {
      return bytes.count
    }
    return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
  }

  /// The index of the first `\n` or `\r` at or after `start`, or the end of `bytes`; reads
  /// eight bytes at a time.
  static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    let count = bytes.count
    var index = start
    if let base = bytes.baseAddress {
      let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
      let high: UInt64 = 0x8080_8080_8080_8080
      let newlines: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
      let returns: UInt64 = 0x0D0D_0D0D_0D0D_0D0D
      while index + 8 <= count {
        let word = UInt64(
          littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
        // Exact zero-byte tests: the high bit of a byte is set iff that byte is 0.
        let x = word ^ newlines
        let y = word ^ returns
        let found =
          (~(((x & low7) &+ low7) | x) | ~(((y & low7) &+ low7) | y)) & high
        if found != 0 { return index + found.trailingZeroBitCount >> 3 }
        index += 8
      }
    }
    while index < count {
      let byte = bytes[index]
      if byte == Byte.newline || byte == Byte.carriageReturn { break }
      index += 1
    }
    return index
  }

  // MARK: - Cursor moves

  /// The byte at `index` of the line, or `\n` past its end.
  @inline(__always) func peek(_ cursor: LineCursor, _ index: Int) -> UInt8 {
    index < cursor.end ? bytes[index] : Byte.newline
  }

  /// Finds the first non-space from the cursor's offset, and the indentation up to it.
  func findFirstNonspace(_ cursor: inout LineCursor) {
    var index = cursor.offset
    var column = cursor.column
    var charsToTab = Self.tabStop - (column % Self.tabStop)
    while index < cursor.end {
      let byte = bytes[index]
      if byte == Byte.space {
        index += 1
        column += 1
        charsToTab -= 1
        if charsToTab == 0 { charsToTab = Self.tabStop }
      } else if byte == Byte.tab {
        index += 1
        column += charsToTab
        charsToTab = Self.tabStop
      } else {
        break
      }
    }
    cursor.firstNonspace = index
    cursor.firstNonspaceColumn = column
    cursor.indent = column - cursor.column
    cursor.blank = index >= cursor.end
  }

  /// Advances `count` bytes, or `count` columns when `columns` is set (tabs may split).
  func advance(_ cursor: inout LineCursor, _ count: Int, columns: Bool) {
    var remaining = count
    while remaining > 0 && cursor.offset < cursor.end {
      if bytes[cursor.offset] == Byte.tab {
        let charsToTab = Self.tabStop - (cursor.column % Self.tabStop)
        if columns {
          cursor.partiallyConsumedTab = charsToTab > remaining
          let step = min(remaining, charsToTab)
          cursor.column += step
          cursor.offset += cursor.partiallyConsumedTab ? 0 : 1
          remaining -= step
        } else {
          cursor.partiallyConsumedTab = false
          cursor.column += charsToTab
          cursor.offset += 1
          remaining -= 1
        }
      } else {
        cursor.partiallyConsumedTab = false
        cursor.offset += 1
        cursor.column += 1
        remaining -= 1
      }
    }
  }

  /// Advances to the first non-space.
  func advanceToFirstNonspace(_ cursor: inout LineCursor) {
    advance(&cursor, cursor.firstNonspace - cursor.offset, columns: false)
  }

  /// The 1-based column of byte `index` on the line starting at `lineStart`, in scalars.
  func column(of index: Int, lineStart: Int) -> Int {
    var column = 1
    var position = lineStart
    while position < index {
      if bytes[position] & 0xC0 != 0x80 { column += 1 }
      position += 1
    }
    return column
  }

  // MARK: - The line algorithm

  /// Parses one line `[start, end)`.
  mutating func processLine(start: Int, end: Int) {
    var cursor = LineCursor(start: start, end: end)
    let view = ByteView(base: bytes, end: end)
    var container = 0
    var allMatched = true
    // The table row read while matching an open table, kept for step 2 (same line, same start).
    var continuedRow: (start: Int, row: TableScanners.Row)?

    // 1. Which open blocks does the line continue?
    while case let last = blocks[container].lastChild, last >= 0, blocks[last].isOpen {
      container = last
      findFirstNonspace(&cursor)
      switch blocks[container].kind {
      case .blockQuote:
        if cursor.indent <= 3 && peek(cursor, cursor.firstNonspace) == Byte.greater {
          advance(&cursor, cursor.indent + 1, columns: true)
          if Byte.isSpaceOrTab(peek(cursor, cursor.offset)) { advance(&cursor, 1, columns: true) }
        } else {
          allMatched = false
        }
      case .item:
        let needed = blocks[container].markerOffset + blocks[container].padding
        if cursor.indent >= needed {
          advance(&cursor, needed, columns: true)
        } else if cursor.blank && blocks[container].lastChild >= 0 {
          advanceToFirstNonspace(&cursor)
        } else {
          allMatched = false
        }
      case .fencedCode:
        // Fields are read in place: copying the whole pending block retains its arrays.
        if cursor.indent <= 3
          && BlockScanners.closingFence(
            view, cursor.firstNonspace, marker: blocks[container].fenceMarker,
            length: blocks[container].fenceLength)
        {
          // The closing fence ends the block and the line.
          tip = finalize(container)
          return
        }
        var skip = blocks[container].fenceOffset
        while skip > 0 && Byte.isSpaceOrTab(peek(cursor, cursor.offset)) {
          advance(&cursor, 1, columns: true)
          skip -= 1
        }
      case .indentedCode:
        if cursor.indent >= 4 {
          advance(&cursor, 4, columns: true)
        } else if cursor.blank {
          advanceToFirstNonspace(&cursor)
        } else {
          allMatched = false
        }
      case .heading, .thematicBreak:
        allMatched = false
      case .html:
        if blocks[container].htmlType >= 6 && cursor.blank {
          allMatched = false
        } else if blocks[container].startsWithBreakLine && options.breakLinesEndHTMLBlocks
          && !BlockScanners.isBreakOnlyLine(view, cursor.firstNonspace)
        {
          allMatched = false
        }
      case .paragraph:
        if cursor.blank { allMatched = false }
      case .table:
        if cursor.blank {
          allMatched = false
        } else if let row = tableRow(cursor) {
          continuedRow = (cursor.firstNonspace, row)
        } else {
          allMatched = false
        }
      case .document, .list:
        break
      }
      if !allMatched {
        container = blocks[container].parent
        break
      }
    }

    let lastMatched = container
    let maybeLazy = blocks[tip].kind == .paragraph
    var openedNew = false

    // 2. Open new blocks.
    while blocks[container].kind != .fencedCode && blocks[container].kind != .indentedCode
      && blocks[container].kind != .html
    {
      findFirstNonspace(&cursor)
      let indented = cursor.indent >= 4
      let first = peek(cursor, cursor.firstNonspace)
      let containerKind = blocks[container].kind
      let depth = blocks[container].depth

      if !indented && first == Byte.greater && depth + 1 <= options.maxNestingDepth {
        let at = cursor.firstNonspace
        advance(&cursor, cursor.indent + 1, columns: true)
        if Byte.isSpaceOrTab(peek(cursor, cursor.offset)) { advance(&cursor, 1, columns: true) }
        container = addChild(container, .blockQuote, at: at, lastMatched: lastMatched, opened: &openedNew)
      } else if !indented && first == Byte.hash,
        let atx = BlockScanners.atxHeading(view, cursor.firstNonspace)
      {
        let at = cursor.firstNonspace
        advance(&cursor, cursor.firstNonspace + atx.length - cursor.offset, columns: false)
        container = addChild(container, .heading, at: at, lastMatched: lastMatched, opened: &openedNew)
        blocks[container].level = atx.level
      } else if !indented && (first == Byte.backtick || first == Byte.tilde),
        let fence = BlockScanners.openingFence(view, cursor.firstNonspace)
      {
        let at = cursor.firstNonspace
        container = addChild(container, .fencedCode, at: at, lastMatched: lastMatched, opened: &openedNew)
        blocks[container].fenceMarker = fence.marker
        blocks[container].fenceLength = fence.length
        blocks[container].fenceOffset = cursor.firstNonspace - cursor.offset
        blocks[container].info = infoString(from: cursor.firstNonspace + fence.length, to: end)
        advance(&cursor, end - cursor.offset, columns: false)
      } else if !indented && first == Byte.less,
        let type = htmlBlockType(
          view, cursor.firstNonspace,
          allowSeven: containerKind != .paragraph)
      {
        let at = cursor.firstNonspace
        container = addChild(container, .html, at: at, lastMatched: lastMatched, opened: &openedNew)
        blocks[container].htmlType = type
        blocks[container].startsWithBreakLine =
          type == 7 && BlockScanners.isBreakOnlyLine(view, cursor.firstNonspace)
      } else if !indented && containerKind == .paragraph
        && (first == Byte.equals || first == Byte.minus),
        let level = BlockScanners.setextUnderline(view, cursor.firstNonspace)
      {
        resolveReferences(container)
        if !blocks[container].content.isEmpty {
          blocks[container].kind = .heading
          blocks[container].level = level
          blocks[container].isSetext = true
          advance(&cursor, end - cursor.offset, columns: false)
        }
      } else if !indented && (first == Byte.star || first == Byte.minus || first == Byte.underscore)
        && BlockScanners.thematicBreak(view, cursor.firstNonspace)
      {
        let at = cursor.firstNonspace
        container = addChild(container, .thematicBreak, at: at, lastMatched: lastMatched, opened: &openedNew)
        advance(&cursor, end - cursor.offset, columns: false)
      } else if (!indented || containerKind == .list) && cursor.indent < 4
        && depth + (containerKind == .list ? 1 : 2) <= options.maxNestingDepth,
        let marker = BlockScanners.listMarker(
          view, cursor.firstNonspace, interruptsParagraph: containerKind == .paragraph)
      {
        container = openListItem(
          marker, cursor: &cursor, container: container, lastMatched: lastMatched, opened: &openedNew)
      } else if indented && !maybeLazy && !cursor.blank {
        advance(&cursor, 4, columns: true)
        container = addChild(container, .indentedCode, at: cursor.offset, lastMatched: lastMatched, opened: &openedNew)
      } else if !indented && containerKind == .paragraph && !blocks[container].tableVisited
        && TableScanners.isDelimiterRow(view, cursor.firstNonspace)
      {
        guard tryTableHeader(container, cursor: cursor) else { break }
        openedNew = true
        advance(&cursor, end - cursor.offset, columns: false)
        // The paragraph became the table, or the table follows what stays of the paragraph.
        container = tip
      } else if !indented && containerKind == .table && !cursor.blank,
        let row = continuedRow?.start == cursor.firstNonspace ? continuedRow?.row : tableRow(cursor)
      {
        if !addTableRow(container, row: row, cursor: cursor) { break }
        advance(&cursor, end - cursor.offset, columns: false)
      } else {
        break
      }
      if blocks[container].kind.acceptsLines { break }
    }

    // 3. Add the rest of the line.
    findFirstNonspace(&cursor)
    if cursor.blank, case let last = blocks[container].lastChild, last >= 0 {
      blocks[last].lastLineBlank = true
    }
    let kind = blocks[container].kind
    let lastLineBlank =
      cursor.blank && kind != .blockQuote && kind != .heading && kind != .thematicBreak
      && kind != .fencedCode
      && !(kind == .item && blocks[container].lastChild < 0
        && blocks[container].line == lineNumber)
    blocks[container].lastLineBlank = lastLineBlank
    var ancestor = blocks[container].parent
    while ancestor >= 0 {
      blocks[ancestor].lastLineBlank = false
      ancestor = blocks[ancestor].parent
    }

    if !openedNew && tip != lastMatched && container == lastMatched && !cursor.blank
      && blocks[tip].kind == .paragraph
    {
      // A lazy continuation line.
      addLine(tip, &cursor)
      return
    }
    if !openedNew {
      closeUnmatched(lastMatched)
      openedNew = true
    }
    switch kind {
    case .fencedCode:
      // The opening fence line is not content.
      if !(blocks[container].line == lineNumber && blocks[container].content.isEmpty && cursor.offset >= end) {
        addLine(container, &cursor)
      }
    case .indentedCode:
      addLine(container, &cursor)
    case .html:
      addLine(container, &cursor)
      let type = blocks[container].htmlType
      if type <= 5 && InlineHTML.blockEnds(view, cursor.firstNonspace, type: type) {
        tip = finalize(container)
        return
      }
    case _ where cursor.blank:
      break
    case .paragraph, .heading:
      if kind == .heading && !blocks[container].isSetext {
        let contentEnd = atxContentEnd(cursor.firstNonspace, end)
        advanceToFirstNonspace(&cursor)
        appendContent(container, from: cursor.offset, to: max(cursor.offset, contentEnd))
      } else {
        advanceToFirstNonspace(&cursor)
        addLine(container, &cursor)
      }
    case .thematicBreak:
      break
    default:
      // Text that no block takes (also a line a table refused as a row) starts a paragraph.
      let at = cursor.firstNonspace
      container = addChild(container, .paragraph, at: at, lastMatched: lastMatched, opened: &openedNew)
      advanceToFirstNonspace(&cursor)
      addLine(container, &cursor)
    }
    tip = container
  }

  /// Closes the open blocks below `lastMatched` that the line did not continue.
  mutating func closeUnmatched(_ lastMatched: Int) {
    while tip != lastMatched && tip > 0 {
      tip = finalize(tip)
    }
  }

  /// Adds a child of `kind` to `parent` (or the nearest ancestor that can hold it).
  mutating func addChild(
    _ parent: Int, _ kind: PendingKind, at index: Int, lastMatched: Int, opened: inout Bool
  ) -> Int {
    if !opened {
      closeUnmatched(lastMatched)
      opened = true
    }
    var parent = parent
    while !blocks[parent].kind.canContain(kind) {
      parent = finalize(parent)
    }
    let lineStart = lineStarts.last ?? lineStartOf(index)
    let depth = blocks[parent].depth + (kind.isContainer ? 1 : 0)
    blocks.append(
      PendingBlock(
        kind: kind, parent: parent, line: lineNumber,
        column: column(of: index, lineStart: lineStart), depth: depth))
    let child = blocks.count - 1
    appendChild(child, to: parent)
    tip = child
    return child
  }

  /// Links `child` after the last child of `parent`.
  mutating func appendChild(_ child: Int, to parent: Int) {
    let last = blocks[parent].lastChild
    if last >= 0 {
      blocks[last].nextSibling = child
    } else {
      blocks[parent].firstChild = child
    }
    blocks[parent].lastChild = child
    blocks[parent].childCount += 1
  }

  /// The start of the line holding byte `index`.
  func lineStartOf(_ index: Int) -> Int {
    var position = min(index, bytes.count)
    while position > 0 {
      let byte = bytes[position - 1]
      if byte == Byte.newline || byte == Byte.carriageReturn { break }
      position -= 1
    }
    return position
  }

  /// Opens a list item (and its list when needed) for `marker`.
  mutating func openListItem(
    _ marker: ListMarker, cursor: inout LineCursor, container: Int, lastMatched: Int,
    opened: inout Bool
  ) -> Int {
    let markerStart = cursor.firstNonspace
    let markerOffset = cursor.indent
    advance(&cursor, cursor.firstNonspace + marker.length - cursor.offset, columns: false)
    let saved = cursor
    while cursor.column - saved.column <= 5 && Byte.isSpaceOrTab(peek(cursor, cursor.offset)) {
      advance(&cursor, 1, columns: true)
    }
    let spaces = cursor.column - saved.column
    var padding: Int
    if spaces >= 5 || spaces < 1 || cursor.offset >= cursor.end {
      padding = marker.length + 1
      cursor = saved
      if spaces > 0 { advance(&cursor, 1, columns: true) }
    } else {
      padding = marker.length + spaces
    }
    var parent = container
    let continues =
      blocks[container].kind == .list && blocks[container].marker.isOrdered == marker.isOrdered
      && blocks[container].marker.delimiter == marker.delimiter
    if !continues {
      parent = addChild(container, .list, at: markerStart, lastMatched: lastMatched, opened: &opened)
      blocks[parent].marker = marker
      blocks[parent].markerOffset = markerOffset
      blocks[parent].padding = padding
    }
    let item = addChild(parent, .item, at: markerStart, lastMatched: lastMatched, opened: &opened)
    blocks[item].marker = marker
    blocks[item].markerOffset = markerOffset
    blocks[item].padding = padding
    return item
  }

  /// The HTML block type starting at `pos`, if any.
  func htmlBlockType(_ view: ByteView, _ pos: Int, allowSeven: Bool) -> Int? {
    if let type = InlineHTML.blockStart(view, pos) { return type }
    if allowSeven && InlineHTML.blockStartSeven(view, pos) { return 7 }
    return nil
  }

  /// The trimmed info string after a fence, with backslash escapes and entities resolved.
  func infoString(from start: Int, to end: Int) -> [UInt8] {
    var low = start
    var high = end
    while low < high && Byte.isSpace(bytes[low]) { low += 1 }
    while high > low && Byte.isSpace(bytes[high - 1]) { high -= 1 }
    return Entities.unescape(bytes, low, high)
  }

  /// Where the content of an ATX heading ends, closing `#`s and spaces removed.
  func atxContentEnd(_ start: Int, _ end: Int) -> Int {
    var high = end
    while high > start && Byte.isSpace(bytes[high - 1]) { high -= 1 }
    var index = high
    while index > start && bytes[index - 1] == Byte.hash { index -= 1 }
    if index == high { return high }
    if index == start { return start }
    if Byte.isSpaceOrTab(bytes[index - 1]) {
      var trimmed = index
      while trimmed > start && Byte.isSpace(bytes[trimmed - 1]) { trimmed -= 1 }
      return trimmed
    }
    return high
  }

  /// Adds the rest of the line (and any partly consumed tab as spaces) to `block`'s content.
  mutating func addLine(_ block: Int, _ cursor: inout LineCursor) {
    if cursor.partiallyConsumedTab {
      cursor.offset += 1
      let charsToTab = Self.tabStop - (cursor.column % Self.tabStop)
      for _ in 0..<charsToTab { blocks[block].content.append(Byte.space) }
    }
    appendContent(block, from: cursor.offset, to: cursor.end)
  }

  /// Appends bytes `[from, to)` and a newline to `block`'s content.
  mutating func appendContent(_ block: Int, from: Int, to: Int) {
    if to > from {
      blocks[block].content.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from..<to]))
    }
    blocks[block].content.append(Byte.newline)
  }

  // MARK: - Tables

  /// The current line, from its first non-space, parsed as a table row.
  func tableRow(_ cursor: LineCursor) -> TableScanners.Row? {
    let start = cursor.firstNonspace
    let end = max(start, cursor.end)
    // The scanner wants the line with a `\n` after it: when the note has one there (LF line
    // ends), read the bytes in place; otherwise copy the line and add it.
    if end < bytes.count && bytes[end] == Byte.newline {
      return TableScanners.row(UnsafeBufferPointer(rebasing: bytes[start...end]))
    }
    var line = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<end]))
    line.append(Byte.newline)
    return line.withUnsafeBufferPointer { TableScanners.row($0) }
  }

  /// Turns the paragraph's last line into a table header if the delimiter row fits it.
  mutating func tryTableHeader(_ paragraph: Int, cursor: LineCursor) -> Bool {
    guard let delimiter = tableRow(cursor) else { return false }
    let content = blocks[paragraph].content
    let header = content.withUnsafeBufferPointer { TableScanners.row($0) }
    guard let header, header.cells.count == delimiter.cells.count else {
      blocks[paragraph].tableVisited = true
      return false
    }
    var table = paragraph
    if header.paragraphOffset > 0 {
      // The lines before the header stay a paragraph; the table follows it.
      let before = Array(content[..<header.paragraphOffset])
      let headerLines = content[..<header.paragraphOffset].reduce(0) { $0 + ($1 == Byte.newline ? 1 : 0) }
      let parent = blocks[paragraph].parent
      blocks[paragraph].content = before
      _ = finalize(paragraph)
      blocks.append(
        PendingBlock(
          kind: .table, parent: parent, line: blocks[paragraph].line + headerLines,
          column: 1, depth: blocks[parent].depth))
      table = blocks.count - 1
      appendChild(table, to: parent)
      blocks[table].column = headerColumn(line: blocks[table].line)
      tip = table
    } else {
      blocks[paragraph].kind = .table
      blocks[paragraph].content = []
    }
    blocks[table].alignments = delimiter.cells.map(TableScanners.alignment)
    blocks[table].rows = [
      PendingRow(line: blocks[table].line, column: blocks[table].column, cells: header.cells)
    ]
    return true
  }

  /// The column of the first non-space on the earlier line `line`.
  func headerColumn(line: Int) -> Int {
    let position = line - firstLine
    guard position >= 0 && position < lineStarts.count else { return 1 }
    let start = lineStarts[position]
    var first = start
    while first < bytes.count && Byte.isSpaceOrTab(bytes[first]) { first += 1 }
    return column(of: first, lineStart: start)
  }

  /// Adds a body row to `table`, padded or cut to the header's width.
  mutating func addTableRow(_ table: Int, row: TableScanners.Row, cursor: LineCursor) -> Bool {
    let width = blocks[table].alignments.count
    var cells = row.cells
    if cells.count > width {
      cells.removeLast(cells.count - width)
    } else if cells.count < width {
      let missing = width - cells.count
      if blocks[table].paddedCells + missing > 0x80000 { return false }
      blocks[table].paddedCells += missing
      cells.append(contentsOf: repeatElement([], count: missing))
    }
    let lineStart = cursor.start
    blocks[table].rows.append(
      PendingRow(
        line: lineNumber, column: column(of: cursor.firstNonspace, lineStart: lineStart),
        cells: cells))
    return true
  }

  // MARK: - Closing blocks

  /// Closes `index`, finishing its content; returns its parent.
  mutating func finalize(_ index: Int) -> Int {
    let parent = blocks[index].parent
    guard blocks[index].isOpen else { return parent }
    blocks[index].isOpen = false
    switch blocks[index].kind {
    case .paragraph:
      resolveReferences(index)
    case .indentedCode:
      // Drop trailing blank lines.
      var content = blocks[index].content
      var end = content.count
      var lineEnd = end
      while lineEnd > 0 {
        var lineStart = lineEnd - 1
        while lineStart > 0 && content[lineStart - 1] != Byte.newline { lineStart -= 1 }
        var blank = true
        for position in lineStart..<(lineEnd - 1) where !Byte.isSpaceOrTab(content[position]) {
          blank = false
          break
        }
        if !blank { break }
        end = lineStart
        lineEnd = lineStart
      }
      content.removeLast(content.count - end)
      blocks[index].content = content
    case .list:
      blocks[index].isTight = listIsTight(index)
    default:
      break
    }
    return parent
  }

  /// cmark's rule: a list is loose if an item ends in a blank line before another item, or
  /// blocks inside an item are separated by a blank line.
  func listIsTight(_ list: Int) -> Bool {
    var item = blocks[list].firstChild
    while item >= 0 {
      let hasNextItem = blocks[item].nextSibling >= 0
      if blocks[item].lastLineBlank && hasNextItem { return false }
      var child = blocks[item].firstChild
      while child >= 0 {
        if (hasNextItem || blocks[child].nextSibling >= 0) && endsWithBlankLine(child) {
          return false
        }
        child = blocks[child].nextSibling
      }
      item = blocks[item].nextSibling
    }
    return true
  }

  /// Whether `block` (or the last item of a list, recursively) ends with a blank line.
  func endsWithBlankLine(_ block: Int) -> Bool {
    var current = block
    while true {
      if blocks[current].lastLineBlank { return true }
      let kind = blocks[current].kind
      let last = blocks[current].lastChild
      guard kind == .list || kind == .item, last >= 0 else {
        return false
      }
      current = last
    }
  }

  /// Removes link reference definitions from the start of a paragraph and records them.
  mutating func resolveReferences(_ paragraph: Int) {
    let content = blocks[paragraph].content
    guard content.first == Byte.openBracket else { return }
    var consumed = 0
    content.withUnsafeBufferPointer { buffer in
      while consumed < buffer.count, buffer[consumed] == Byte.openBracket,
        let definition = LinkReference.parseDefinition(buffer, at: consumed)
      {
        if references[definition.label] == nil {
          references[definition.label] = definition.destination
        }
        consumed = definition.end
      }
    }
    if consumed > 0 {
      blocks[paragraph].content = Array(content[consumed...])
    }
  }
}
