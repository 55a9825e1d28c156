import Foundation
import RecallMarkdown

/// Plain text of inline content as the card generator reads it.
///
/// Unlike ``InlineText/plainText`` it drops images (their alt text is not asked about) as well
/// as raw HTML, and it can split content into lines while keeping the nodes of each line.
enum InlineRendering {
  /// The visible text of `nodes`, breaks as `\n`, images and HTML dropped.
  static func text(_ nodes: [Inline]) -> String {
    var buffer = ""
    append(nodes, to: &buffer)
    return buffer
  }

  /// The trimmed, non-empty lines of `nodes`.
  static func lines(_ nodes: [Inline]) -> [String] {
    let text = text(nodes)
    // Most content is one line: it is its own only part.
    var copy = text
    let hasLineFeed = copy.withUTF8 { bytes in
      bytes.count > 0 && memchr(bytes.baseAddress!, 0x0A, bytes.count) != nil
    }
    if !hasLineFeed {
      let line = text.trimmed
      return line.isEmpty ? [] : [line]
    }
    return splitLines(text).map { $0.trimmed }.filter { !$0.isEmpty }
  }

  /// The non-empty parts of `text` between line feeds, as `split(separator: "\n")` gives them
  /// (with `keepingEmpty`, every part, as `omittingEmptySubsequences: false` gives them).
  ///
  /// A line feed is a character of its own unless a carriage return comes before it (`"\r\n"`
  /// is one character, which is not `"\n"`), so the text is cut at every line feed byte without
  /// such a return, with no walk over characters.
  static func splitLines(_ text: String, keepingEmpty: Bool = false) -> [Substring] {
    var parts: [Substring] = []
    let utf8 = text.utf8
    var start = utf8.startIndex
    var previous: UInt8 = 0
    var index = start
    while index != utf8.endIndex {
      let byte = utf8[index]
      if byte == 0x0A && previous != 0x0D {
        if keepingEmpty || start != index { parts.append(text[start..<index]) }
        start = utf8.index(after: index)
      }
      previous = byte
      index = utf8.index(after: index)
    }
    if keepingEmpty || start != utf8.endIndex { parts.append(text[start..<utf8.endIndex]) }
    return parts
  }

  /// The nodes of `nodes` split at top-level line breaks, with the number of source lines
  /// before each one (a soft break, or a hard break not followed by one, ends a source line).
  static func nodeLines(_ nodes: [Inline]) -> [(nodes: [Inline], lineOffset: Int)] {
    // Most paragraphs are one line: it is the nodes themselves.
    if !nodes.contains(where: isBreak) { return isBlank(nodes) ? [] : [(nodes, 0)] }
    var result: [(nodes: [Inline], lineOffset: Int)] = []
    var current: [Inline] = []
    var offset = 0
    var currentOffset = 0
    for (index, node) in nodes.enumerated() {
      switch node {
      case .softBreak, .lineBreak:
        result.append((current, currentOffset))
        current = []
        let next = index + 1 < nodes.count ? nodes[index + 1] : nil
        if case .softBreak = node {
          offset += 1
        } else if next != .softBreak {
          offset += 1
        }
        currentOffset = offset
      default:
        current.append(node)
      }
    }
    result.append((current, currentOffset))
    return result.filter { !isBlank($0.nodes) }
  }

  /// The nodes of the first line of `nodes` that is not blank: `nodeLines(nodes).first?.nodes`,
  /// without splitting the lines after it.
  static func firstLine(_ nodes: [Inline]) -> [Inline]? {
    var start = 0
    while start <= nodes.count {
      let end = nodes[start...].firstIndex(where: isBreak) ?? nodes.count
      let line = start == 0 && end == nodes.count ? nodes : Array(nodes[start..<end])
      if !isBlank(line) { return line }
      start = end + 1
    }
    return nil
  }

  /// Whether `node` is a soft or hard line break.
  static func isBreak(_ node: Inline) -> Bool {
    switch node {
    case .softBreak, .lineBreak: true
    default: false
    }
  }

  /// Whether the text of `nodes` is empty once trimmed: `text(nodes).trimmed.isEmpty`.
  ///
  /// Text whose first scalar is plain and not whitespace starts with a character that is not
  /// whitespace (a plain scalar is the first of its character), which is told without rendering.
  static func isBlank(_ nodes: [Inline]) -> Bool {
    if let first = firstScalar(of: nodes), PlainText.isPlain(first),
      !ComparableText.isASCIIWhitespace(first)
    {
      return false
    }
    return text(nodes).trimmed.isEmpty
  }

  /// The first scalar of `text(nodes)`, if it has one.
  static func firstScalar(of nodes: [Inline]) -> UInt32? {
    for node in nodes {
      switch node {
      case .text(let text), .code(let text):
        if let first = text.unicodeScalars.first { return first.value }
      case .strong(let children), .emphasis(let children), .strikethrough(let children):
        if let first = firstScalar(of: children) { return first }
      case .link(let text, _):
        if let first = firstScalar(of: text) { return first }
      case .image, .html: break
      case .lineBreak, .softBreak: return 0x0A
      }
    }
    return nil
  }

  /// Whether `text(nodes)` holds the byte `byte`, told without rendering.
  static func containsByte(_ byte: UInt8, in nodes: [Inline]) -> Bool {
    for node in nodes {
      switch node {
      case .text(let text), .code(let text):
        var copy = text
        let found = copy.withUTF8 { bytes in
          bytes.count > 0 && memchr(bytes.baseAddress!, Int32(byte), bytes.count) != nil
        }
        if found { return true }
      case .strong(let children), .emphasis(let children), .strikethrough(let children):
        if containsByte(byte, in: children) { return true }
      case .link(let text, _):
        if containsByte(byte, in: text) { return true }
      case .image, .html: break
      case .lineBreak, .softBreak: if byte == 0x0A { return true }
      }
    }
    return false
  }

  private static func append(_ nodes: [Inline], to buffer: inout String) {
    // Footnote markers (`<sup>1</sup>`, `<sup><a href=…>1</a></sup>`) are left out with their
    // tags: glued to a word, they read as part of it (`✓3`).
    var superscript = 0
    for node in nodes {
      if case .html(let html) = node, let tag = superscriptTag(html) {
        superscript = max(0, superscript + tag)
        continue
      }
      guard superscript == 0 else { continue }
      switch node {
      case .text(let text), .code(let text): buffer += text
      case .strong(let children), .emphasis(let children), .strikethrough(let children):
        append(children, to: &buffer)
      case .link(let text, _): append(text, to: &buffer)
      case .image, .html: break
      case .lineBreak, .softBreak: buffer += "\n"
      }
    }
  }
}

extension InlineRendering {
  /// +1 for an opening `<sup>` tag, −1 for a closing one, `nil` for any other HTML.
  static func superscriptTag(_ html: String) -> Int? {
    guard html.utf8.count >= 5, html.utf8.first == 0x3C else { return nil }
    let lowered = html.lowercased()
    if lowered.hasPrefix("<sup>") || lowered.hasPrefix("<sup ") { return 1 }
    if lowered.hasPrefix("</sup") { return -1 }
    return nil
  }
}

extension Array where Element == String {
  /// `joined(separator:)`, with a single text returned as it is rather than copied into a new
  /// string.
  func joinedText(separator: String = "") -> String {
    count == 1 ? self[0] : joined(separator: separator)
  }
}

extension StringProtocol {
  /// Whether the text is empty once trimmed (`trimmed.isEmpty`): text whose first scalar is
  /// plain and not a space starts with a character that is not whitespace.
  var isBlank: Bool {
    if let first = unicodeScalars.first, PlainText.isPlain(first.value),
      !ComparableText.isASCIIWhitespace(first.value)
    {
      return false
    }
    return trimmed.isEmpty
  }

  /// The text without leading and trailing whitespace (spaces, tabs, new lines).
  var trimmed: String {
    // Most text starts and ends with something other than whitespace: the first character is
    // whitespace only if its first scalar is, and a last scalar that is ASCII (not a space) or a
    // Hangul syllable ends a character whose first scalar is not whitespace.
    let scalars = unicodeScalars
    if let first = scalars.first, let last = scalars.last,
      !ComparableText.isWhitespace(first.value),
      (0x21...0x7E).contains(last.value) || (0xAC00...0xD7A3).contains(last.value)
    {
      return String(self)
    }
    // Cut from the bytes when the first and last scalars kept are plain: no character then
    // spans a cut, and the only whitespace before or after them is ASCII.
    let plainCut = utf8.withContiguousStorageIfAvailable { bytes -> Range<Int>? in
      var start = 0
      var end = bytes.count
      while start < end && ComparableText.isASCIIWhitespace(UInt32(bytes[start])) { start += 1 }
      while end > start && ComparableText.isASCIIWhitespace(UInt32(bytes[end - 1])) { end -= 1 }
      if start < end {
        var first = start
        guard PlainText.isPlain(ComparableText.decode(bytes, &first)) else { return nil }
        var last = end - 1
        while bytes[last] & 0xC0 == 0x80 { last -= 1 }
        guard PlainText.isPlain(ComparableText.decode(bytes, &last)) else { return nil }
      }
      return start..<end
    }
    if let plainCut, let cut = plainCut {
      let lower = utf8.index(utf8.startIndex, offsetBy: cut.lowerBound)
      let upper = utf8.index(utf8.startIndex, offsetBy: cut.upperBound)
      return String(self[lower..<upper])
    }
    var start = startIndex
    var end = endIndex
    while start < end, self[start].isWhitespace { start = index(after: start) }
    while end > start, self[index(before: end)].isWhitespace { end = index(before: end) }
    return String(self[start..<end])
  }
}
