/// HTML entities and backslash escapes.
enum Entities {
  /// Decodes the entity at `pos` (`&` included): its length and UTF-8 bytes.
  static func decode(_ view: ByteView, _ pos: Int) -> (length: Int, bytes: [UInt8])? {
    guard view.peek(pos) == Byte.ampersand else { return nil }
    var index = pos + 1
    if view.peek(index) == Byte.hash {
      index += 1
      var value: UInt32 = 0
      var digits = 0
      if Byte.lower(view.peek(index)) == 0x78 {
        index += 1
        while digits < 6, let digit = hexValue(view.peek(index)) {
          value = value * 16 + digit
          digits += 1
          index += 1
        }
      } else {
        while digits < 7 && Byte.isDigit(view.peek(index)) {
          value = value * 10 + UInt32(view.peek(index) - 0x30)
          digits += 1
          index += 1
        }
      }
      guard digits > 0, view.peek(index) == Byte.semicolon else { return nil }
      let scalar =
        (value == 0 || value > 0x10FFFF || (0xD800...0xDFFF).contains(value))
        ? Unicode.Scalar(0xFFFD)! : Unicode.Scalar(value) ?? Unicode.Scalar(0xFFFD)!
      return (index + 1 - pos, Array(String(Character(scalar)).utf8))
    }
    let nameStart = index
    while index - nameStart < 32 && Byte.isAlphanumeric(view.peek(index)) && index < view.end {
      index += 1
    }
    guard index > nameStart, view.peek(index) == Byte.semicolon else { return nil }
    let name = String(decoding: UnsafeBufferPointer(rebasing: view.base[nameStart..<index]), as: UTF8.self)
    guard let text = NamedEntities.text(of: name) else { return nil }
    return (index + 1 - pos, Array(text.utf8))
  }

  /// The value of a hexadecimal digit.
  private static func hexValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case 0x30...0x39: return UInt32(byte - 0x30)
    case 0x41...0x46: return UInt32(byte - 0x41 + 10)
    case 0x61...0x66: return UInt32(byte - 0x61 + 10)
    default: return nil
    }
  }

  /// Bytes `[start, end)` with backslash escapes and entities resolved.
  static func unescape(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(end - start)
    let view = ByteView(base: bytes, end: end)
    var index = start
    // Bytes from `copied` to `index` are copied as they stand, in one go.
    var copied = start
    while index < end {
      let byte = bytes[index]
      if byte == Byte.backslash && index + 1 < end && Byte.isASCIIPunctuation(bytes[index + 1]) {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
        out.append(bytes[index + 1])
        index += 2
        copied = index
      } else if byte == Byte.ampersand, let entity = decode(view, index) {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
        out.append(contentsOf: entity.bytes)
        index += entity.length
        copied = index
      } else {
        index += 1
      }
    }
    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<end]))
    return out
  }

  /// ``unescape(_:_:_:)`` as a `String`; bytes with no `\` or `&` become the string directly.
  static func unescapedString(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
    -> String
  {
    var index = start
    while index < end {
      let byte = bytes[index]
      if byte == Byte.backslash || byte == Byte.ampersand {
        return String(decoding: unescape(bytes, start, end), as: UTF8.self)
      }
      index += 1
    }
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
  }
}

/// Link reference definitions and labels.
enum LinkReference {
  /// A definition `[label]: destination "title"` parsed from a paragraph's start.
  struct Definition {
    /// The normalized label.
    var label: String
    /// The destination.
    var destination: String
    /// The index just past the definition (and its line end).
    var end: Int
  }

  /// Normalizes a label: whitespace collapsed, trimmed, case-folded.
  static func normalize(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(end - start)
    var pendingSpace = false
    for index in start..<end {
      let byte = bytes[index]
      if Byte.isSpace(byte) {
        pendingSpace = !out.isEmpty
      } else {
        if pendingSpace { out.append(Byte.space) }
        pendingSpace = false
        out.append(byte)
      }
    }
    return String(decoding: out, as: UTF8.self).lowercased()
  }

  /// The end of a link label `[...]` starting at `pos` (index just past `]`), or nil.
  static func labelEnd(_ view: ByteView, _ pos: Int) -> Int? {
    guard view.peek(pos) == Byte.openBracket else { return nil }
    var index = pos + 1
    var nonSpace = false
    while index < view.end && index - pos <= 1000 {
      let byte = view.base[index]
      if byte == Byte.backslash && index + 1 < view.end && Byte.isASCIIPunctuation(view.base[index + 1]) {
        nonSpace = true
        index += 2
        continue
      }
      if byte == Byte.openBracket { return nil }
      if byte == Byte.closeBracket { return nonSpace && index - pos - 1 <= 999 ? index + 1 : nil }
      if !Byte.isSpace(byte) { nonSpace = true }
      index += 1
    }
    return nil
  }

  /// Skips spaces, at most one line end, and spaces.
  static func skipSpacesAndNewline(_ view: ByteView, _ pos: Int) -> Int {
    var index = pos
    while index < view.end && Byte.isSpaceOrTab(view.base[index]) { index += 1 }
    if index < view.end && view.base[index] == Byte.newline {
      index += 1
      while index < view.end && Byte.isSpaceOrTab(view.base[index]) { index += 1 }
    }
    return index
  }

  /// A link destination at `pos`: its end and the raw range of its text, or nil.
  static func destination(_ view: ByteView, _ pos: Int) -> (end: Int, start: Int, stop: Int)? {
    var scanned = 0
    return destination(view, pos, scanned: &scanned)
  }

  /// A link destination at `pos`; `scanned` receives how many bytes the attempt read.
  static func destination(_ view: ByteView, _ pos: Int, scanned: inout Int) -> (
    end: Int, start: Int, stop: Int
  )? {
    var reached = pos
    defer { scanned = reached - pos + 1 }
    if view.peek(pos) == Byte.less {
      var index = pos + 1
      while index < view.end {
        reached = index
        let byte = view.base[index]
        if byte == Byte.backslash && index + 1 < view.end && Byte.isASCIIPunctuation(view.base[index + 1]) {
          index += 2
          continue
        }
        if byte == Byte.greater { return (index + 1, pos + 1, index) }
        if byte == Byte.less || byte == Byte.newline { return nil }
        index += 1
      }
      return nil
    }
    var index = pos
    var depth = 0
    let stops = destinationStops
    while index < view.end {
      var byte = view.base[index]
      if !stops[Int(byte)] {
        // Bytes that end nothing and nest nothing, in one tight loop.
        index += 1
        while index < view.end && !stops[Int(view.base[index])] { index += 1 }
        reached = index - 1
        if index >= view.end { break }
        byte = view.base[index]
      }
      reached = index
      if byte == Byte.backslash && index + 1 < view.end && Byte.isASCIIPunctuation(view.base[index + 1]) {
        index += 2
        continue
      }
      if byte == Byte.openParen {
        depth += 1
        if depth > 32 { return nil }
      } else if byte == Byte.closeParen {
        if depth == 0 { break }
        depth -= 1
      } else if byte <= Byte.space || byte == 0x7F {
        break
      }
      index += 1
    }
    if depth != 0 { return nil }
    return (index, pos, index)
  }

  /// Bytes a bare link destination has to look at: `\\`, parentheses, controls, space, DEL
  /// (a permanent 256-entry table).
  nonisolated(unsafe) static let destinationStops: UnsafePointer<Bool> = {
    let table = UnsafeMutablePointer<Bool>.allocate(capacity: 256)
    for byte in 0..<256 {
      table[byte] =
        byte <= Int(Byte.space) || byte == 0x7F || byte == Int(Byte.backslash)
        || byte == Int(Byte.openParen) || byte == Int(Byte.closeParen)
    }
    return UnsafePointer(table)
  }()

  /// A link title at `pos` (`"…"`, `'…'` or `(…)`): the index past it, or nil.
  static func titleEnd(_ view: ByteView, _ pos: Int) -> Int? {
    var scanned = 0
    return titleEnd(view, pos, scanned: &scanned)
  }

  /// A link title at `pos`; `scanned` receives how many bytes the attempt read.
  static func titleEnd(_ view: ByteView, _ pos: Int, scanned: inout Int) -> Int? {
    var reached = pos
    defer { scanned = reached - pos + 1 }
    let open = view.peek(pos)
    let close: UInt8
    switch open {
    case Byte.quote, Byte.apostrophe: close = open
    case Byte.openParen: close = Byte.closeParen
    default: return nil
    }
    var index = pos + 1
    while index < view.end {
      reached = index
      let byte = view.base[index]
      if byte == Byte.backslash && index + 1 < view.end && Byte.isASCIIPunctuation(view.base[index + 1]) {
        index += 2
        continue
      }
      if byte == close { return index + 1 }
      if open == Byte.openParen && byte == Byte.openParen { return nil }
      index += 1
    }
    return nil
  }

  /// Parses a definition at `pos` of a paragraph's content.
  static func parseDefinition(_ buffer: UnsafeBufferPointer<UInt8>, at pos: Int) -> Definition? {
    let view = ByteView(base: buffer, end: buffer.count)
    guard let afterLabel = labelEnd(view, pos), view.peek(afterLabel) == Byte.colon else {
      return nil
    }
    let label = normalize(buffer, pos + 1, afterLabel - 1)
    guard !label.isEmpty else { return nil }
    let destinationStart = skipSpacesAndNewline(view, afterLabel + 1)
    guard let destination = destination(view, destinationStart),
      destination.end > destinationStart || view.peek(destinationStart) == Byte.less
    else { return nil }
    var index = destination.end
    let beforeTitle = index
    let titleStart = skipSpacesAndNewline(view, index)
    var titleLength = 0
    if titleStart != beforeTitle, let end = titleEnd(view, titleStart) {
      titleLength = end - titleStart
      index = end
    }
    func lineEnd(_ from: Int) -> Int? {
      var position = from
      while position < view.end && Byte.isSpaceOrTab(view.base[position]) { position += 1 }
      if position >= view.end { return position }
      if view.base[position] == Byte.newline { return position + 1 }
      return nil
    }
    var end = lineEnd(index)
    if end == nil && titleLength > 0 {
      end = lineEnd(beforeTitle)
    }
    guard let end else { return nil }
    let text = Entities.unescape(buffer, destination.start, destination.stop)
    return Definition(label: label, destination: String(decoding: text, as: UTF8.self), end: end)
  }
}
