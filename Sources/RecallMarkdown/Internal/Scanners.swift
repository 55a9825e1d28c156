/// Byte-level scanners shared by the block and inline parsers.
///
/// Every scanner reads through `peek`, which returns `\n` past the end of its range, so that a
/// line behaves as if it ended in a newline (as cmark's lines do).
enum Byte {
  static let tab: UInt8 = 0x09
  static let newline: UInt8 = 0x0A
  static let carriageReturn: UInt8 = 0x0D
  static let space: UInt8 = 0x20
  static let bang: UInt8 = 0x21
  static let quote: UInt8 = 0x22
  static let hash: UInt8 = 0x23
  static let ampersand: UInt8 = 0x26
  static let apostrophe: UInt8 = 0x27
  static let openParen: UInt8 = 0x28
  static let closeParen: UInt8 = 0x29
  static let star: UInt8 = 0x2A
  static let plus: UInt8 = 0x2B
  static let minus: UInt8 = 0x2D
  static let dot: UInt8 = 0x2E
  static let slash: UInt8 = 0x2F
  static let colon: UInt8 = 0x3A
  static let semicolon: UInt8 = 0x3B
  static let less: UInt8 = 0x3C
  static let equals: UInt8 = 0x3D
  static let greater: UInt8 = 0x3E
  static let question: UInt8 = 0x3F
  static let at: UInt8 = 0x40
  static let openBracket: UInt8 = 0x5B
  static let backslash: UInt8 = 0x5C
  static let closeBracket: UInt8 = 0x5D
  static let underscore: UInt8 = 0x5F
  static let backtick: UInt8 = 0x60
  static let pipe: UInt8 = 0x7C
  static let tilde: UInt8 = 0x7E

  /// Space or tab.
  @inline(__always) static func isSpaceOrTab(_ byte: UInt8) -> Bool { byte == space || byte == tab }

  /// cmark's `isspace`: space, tab, LF, VT, FF, CR.
  @inline(__always) static func isSpace(_ byte: UInt8) -> Bool {
    byte == space || (byte >= 0x09 && byte <= 0x0D)
  }

  /// An ASCII letter.
  @inline(__always) static func isLetter(_ byte: UInt8) -> Bool {
    (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
  }

  /// An ASCII digit.
  @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

  /// An ASCII letter or digit.
  @inline(__always) static func isAlphanumeric(_ byte: UInt8) -> Bool {
    isLetter(byte) || isDigit(byte)
  }

  /// ASCII punctuation, the characters a backslash can escape.
  @inline(__always) static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
    (byte >= 0x21 && byte <= 0x2F) || (byte >= 0x3A && byte <= 0x40)
      || (byte >= 0x5B && byte <= 0x60) || (byte >= 0x7B && byte <= 0x7E)
  }

  /// The byte lowercased if it is an ASCII letter.
  @inline(__always) static func lower(_ byte: UInt8) -> UInt8 {
    isLetter(byte) ? byte | 0x20 : byte
  }
}

/// A read-only view of bytes with a virtual `\n` past `end`.
struct ByteView {
  /// The bytes.
  let base: UnsafeBufferPointer<UInt8>
  /// The end of the readable range; reads at or past it return `\n`.
  let end: Int

  /// The byte at `index`, or `\n` at or past ``end``.
  @inline(__always) func peek(_ index: Int) -> UInt8 {
    index < end ? base[index] : Byte.newline
  }

  /// Whether the bytes at `index` spell `word` (ASCII, case-insensitive).
  func matches(_ word: StaticString, at index: Int) -> Bool {
    let count = word.utf8CodeUnitCount
    if index + count > end { return false }
    let pointer = word.utf8Start
    for offset in 0..<count where Byte.lower(base[index + offset]) != Byte.lower(pointer[offset]) {
      return false
    }
    return true
  }

  /// Whether `needle` (ASCII, case-insensitive) occurs in `[from, end)`.
  func contains(_ needle: StaticString, from: Int) -> Bool {
    let count = needle.utf8CodeUnitCount
    var index = from
    let first = Byte.lower(needle.utf8Start[0])
    while index + count <= end {
      if Byte.lower(base[index]) == first && matches(needle, at: index) { return true }
      index += 1
    }
    return false
  }
}

/// Scanners for block starts.
enum BlockScanners {
  /// The length of an ATX heading opener (`#`s plus following spaces) at `pos`, and its level.
  static func atxHeading(_ view: ByteView, _ pos: Int) -> (length: Int, level: Int)? {
    var index = pos
    while view.peek(index) == Byte.hash && index - pos < 7 { index += 1 }
    let level = index - pos
    guard level >= 1 && level <= 6 else { return nil }
    let next = view.peek(index)
    if next == Byte.newline || next == Byte.carriageReturn { return (index - pos, level) }
    guard Byte.isSpaceOrTab(next) else { return nil }
    while Byte.isSpaceOrTab(view.peek(index)) { index += 1 }
    return (index - pos, level)
  }

  /// Whether a thematic break (`***`, `---`, `___`, spaces allowed) starts at `pos`.
  static func thematicBreak(_ view: ByteView, _ pos: Int) -> Bool {
    let marker = view.peek(pos)
    guard marker == Byte.star || marker == Byte.minus || marker == Byte.underscore else {
      return false
    }
    var count = 0
    var index = pos
    while index < view.end {
      let byte = view.base[index]
      if byte == marker {
        count += 1
      } else if !Byte.isSpaceOrTab(byte) {
        return false
      }
      index += 1
    }
    return count >= 3
  }

  /// The level of a setext underline (`===` → 1, `---` → 2) at `pos`.
  static func setextUnderline(_ view: ByteView, _ pos: Int) -> Int? {
    let marker = view.peek(pos)
    guard marker == Byte.equals || marker == Byte.minus else { return nil }
    var index = pos
    while view.peek(index) == marker { index += 1 }
    while Byte.isSpaceOrTab(view.peek(index)) { index += 1 }
    guard index >= view.end else { return nil }
    return marker == Byte.equals ? 1 : 2
  }

  /// An opening code fence at `pos`: its character, length and the start of the info string.
  static func openingFence(_ view: ByteView, _ pos: Int) -> (marker: UInt8, length: Int)? {
    let marker = view.peek(pos)
    guard marker == Byte.backtick || marker == Byte.tilde else { return nil }
    var index = pos
    while view.peek(index) == marker { index += 1 }
    let length = index - pos
    guard length >= 3 else { return nil }
    if marker == Byte.backtick {
      while index < view.end {
        if view.base[index] == Byte.backtick { return nil }
        index += 1
      }
    }
    return (marker, length)
  }

  /// Whether a closing fence for `marker` of at least `length` is at `pos`.
  static func closingFence(_ view: ByteView, _ pos: Int, marker: UInt8, length: Int) -> Bool {
    var index = pos
    while view.peek(index) == marker { index += 1 }
    guard index - pos >= length else { return false }
    while Byte.isSpaceOrTab(view.peek(index)) { index += 1 }
    return index >= view.end
  }

  /// Whether the line holds only `<br>` tags (any spelling) and spaces, at least one tag.
  static func isBreakOnlyLine(_ view: ByteView, _ pos: Int) -> Bool {
    var index = pos
    var tags = 0
    while true {
      while Byte.isSpaceOrTab(view.peek(index)) { index += 1 }
      if index >= view.end { return tags > 0 }
      guard let length = InlineHTML.breakTagLength(view, index) else { return false }
      index += length
      tags += 1
    }
  }
}

/// A parsed list marker.
struct ListMarker {
  /// Whether the list is ordered.
  var isOrdered: Bool
  /// `-`, `*`, `+` for bullets; `.` or `)` for ordered lists.
  var delimiter: UInt8
  /// The number of an ordered item.
  var start: Int
  /// The marker's length in bytes.
  var length: Int
}

extension BlockScanners {
  /// A list marker at `pos`, following cmark's rules for markers that interrupt a paragraph.
  static func listMarker(_ view: ByteView, _ pos: Int, interruptsParagraph: Bool) -> ListMarker? {
    let first = view.peek(pos)
    if first == Byte.star || first == Byte.minus || first == Byte.plus {
      guard Byte.isSpace(view.peek(pos + 1)) else { return nil }
      if interruptsParagraph && restIsBlank(view, pos + 1) { return nil }
      return ListMarker(isOrdered: false, delimiter: first, start: 1, length: 1)
    }
    guard Byte.isDigit(first) else { return nil }
    var index = pos
    var start = 0
    while Byte.isDigit(view.peek(index)) && index - pos < 9 {
      start = start * 10 + Int(view.peek(index) - 0x30)
      index += 1
    }
    if interruptsParagraph && start != 1 { return nil }
    let delimiter = view.peek(index)
    guard delimiter == Byte.dot || delimiter == Byte.closeParen else { return nil }
    guard Byte.isSpace(view.peek(index + 1)) else { return nil }
    if interruptsParagraph && restIsBlank(view, index + 1) { return nil }
    return ListMarker(isOrdered: true, delimiter: delimiter, start: start, length: index + 1 - pos)
  }

  /// Whether only spaces and tabs follow `pos` on the line.
  static func restIsBlank(_ view: ByteView, _ pos: Int) -> Bool {
    var index = pos
    while Byte.isSpaceOrTab(view.peek(index)) { index += 1 }
    return index >= view.end || view.peek(index) == Byte.carriageReturn
  }
}

/// GitHub's pipe-table scanners (cmark-gfm's table extension).
enum TableScanners {
  /// Whether the line at `pos` is a delimiter row (`| --- | :-: |`).
  static func isDelimiterRow(_ view: ByteView, _ pos: Int) -> Bool {
    var index = pos
    if view.peek(index) == Byte.pipe { index += 1 }
    while true {
      while index < view.end && Byte.isSpace(view.base[index]) { index += 1 }
      if view.peek(index) == Byte.colon { index += 1 }
      guard view.peek(index) == Byte.minus else { return false }
      while view.peek(index) == Byte.minus { index += 1 }
      if view.peek(index) == Byte.colon { index += 1 }
      while index < view.end && Byte.isSpace(view.base[index]) { index += 1 }
      if index >= view.end { return true }
      guard view.base[index] == Byte.pipe else { return false }
      index += 1
      var probe = index
      while probe < view.end && Byte.isSpace(view.base[probe]) { probe += 1 }
      if probe >= view.end { return true }
    }
  }

  /// A row parsed as cmark-gfm's `row_from_string` does.
  struct Row {
    /// The cells' contents, `\|` unescaped, trimmed.
    var cells: [[UInt8]]
    /// Where the row starts in the scanned bytes (after any paragraph text before it).
    var paragraphOffset: Int
  }

  /// Bytes that end a cell or may escape a pipe: `\\`, `|`, LF, CR, NUL (a permanent
  /// 256-entry table).
  nonisolated(unsafe) static let cellStops: UnsafePointer<Bool> = {
    let table = UnsafeMutablePointer<Bool>.allocate(capacity: 256)
    table.initialize(repeating: false, count: 256)
    for byte in [Byte.backslash, Byte.pipe, Byte.newline, Byte.carriageReturn, 0] {
      table[Int(byte)] = true
    }
    return UnsafePointer(table)
  }()

  /// Parses `bytes` (which must end in `\n`) as a table row, or nil.
  static func row(_ bytes: UnsafeBufferPointer<UInt8>, maxCells: Int = 65_535) -> Row? {
    let length = bytes.count
    @inline(__always) func at(_ index: Int) -> UInt8 { index < length ? bytes[index] : 0 }
    func cellEnd(_ offset: Int) -> Int {
      guard at(offset) == Byte.pipe else { return 0 }
      var index = offset + 1
      while index < length && Byte.isSpace(bytes[index]) { index += 1 }
      return index - offset
    }
    let stops = cellStops
    func cell(_ offset: Int) -> Int {
      var index = offset
      while index < length {
        let byte = bytes[index]
        if !stops[Int(byte)] {
          index += 1
          continue
        }
        if byte == Byte.backslash && at(index + 1) == Byte.pipe {
          index += 2
        } else if byte == Byte.pipe || byte == Byte.newline || byte == Byte.carriageReturn
          || byte == 0
        {
          break
        } else {
          index += 1
        }
      }
      return index - offset
    }
    func rowEnd(_ offset: Int) -> Int {
      var index = offset
      var lastNewline = -1
      while index < length && Byte.isSpace(bytes[index]) {
        if bytes[index] == Byte.newline { lastNewline = index }
        index += 1
      }
      return lastNewline >= 0 ? lastNewline + 1 - offset : 0
    }

    var row = Row(cells: [], paragraphOffset: 0)
    var offset = cellEnd(0)
    var expectMoreCells = true
    while offset < length && expectMoreCells {
      let cellLength = cell(offset)
      let pipeLength = cellEnd(offset + cellLength)
      if cellLength > 0 || pipeLength > 0 {
        if row.cells.count >= maxCells { return nil }
        row.cells.append(cleanCell(bytes, offset, offset + cellLength))
      }
      offset += cellLength + pipeLength
      if pipeLength > 0 {
        expectMoreCells = true
      } else {
        let endLength = rowEnd(offset)
        offset += endLength
        if endLength > 0 && offset != length {
          row.paragraphOffset = offset
          row.cells.removeAll(keepingCapacity: true)
          offset += cellEnd(offset)
          expectMoreCells = true
        } else {
          expectMoreCells = false
        }
      }
    }
    if offset != length || row.cells.isEmpty { return nil }
    return row
  }

  /// The cell's bytes with `\|` unescaped and surrounding whitespace trimmed.
  private static func cleanCell(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
    -> [UInt8]
  {
    // Trim first (unescaping `\|` never touches the spaces at either end), then copy once.
    var low = start
    var high = end
    while low < high && Byte.isSpace(bytes[low]) { low += 1 }
    while high > low && Byte.isSpace(bytes[high - 1]) { high -= 1 }
    var cell: [UInt8] = []
    cell.reserveCapacity(high - low)
    var index = low
    while index < high {
      let byte = bytes[index]
      if byte == Byte.backslash && index + 1 < high && bytes[index + 1] == Byte.pipe {
        cell.append(Byte.pipe)
        index += 2
      } else {
        cell.append(byte)
        index += 1
      }
    }
    return cell
  }

  /// The alignment of a delimiter-row cell.
  static func alignment(_ cell: [UInt8]) -> TableAlignment {
    let left = cell.first == Byte.colon
    let right = cell.last == Byte.colon
    switch (left, right) {
    case (true, true): return .center
    case (true, false): return .left
    case (false, true): return .right
    case (false, false): return .none
    }
  }
}
