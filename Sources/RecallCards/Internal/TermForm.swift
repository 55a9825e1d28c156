import Foundation
import RecallMarkdown

/// Recognizes a line that defines a term: `**term:** definition`, `**term**: definition`,
/// `**term** : definition`, the full-width colon `：`, `**term** — definition`,
/// `**term** - definition`, and the plain `term: definition` whose head is a short term.
enum TermForm {
  /// The term and the rest of the line (possibly empty), if `nodes` start with a bold term
  /// followed by a separator (`:`, `：`, `—`, `–`, ` - `) inside or right after the bold span.
  static func bold(_ nodes: [Inline]) -> (term: String, definition: String)? {
    var rest = nodes[...]
    // Skip spaces and markers before the bold term (`🔸**Timeouts:**`).
    while let first = rest.first, case .text(let text) = first, !hasWordCharacters(text) {
      rest = rest.dropFirst()
    }
    guard let first = rest.first, case .strong(let children) = first else { return nil }
    var term = InlineRendering.text(children).trimmed
    let after = InlineRendering.text(Array(rest.dropFirst()))
    guard !containsLineFeed(term) else { return nil }
    var definition: String
    if let last = term.last, last == ":" || last == "：" {
      term = String(term.dropLast()).trimmed
      definition = after.trimmed
      if let lead = definition.first, lead == ":" || lead == "：" {
        definition = String(definition.dropFirst()).trimmed
      }
    } else {
      let trimmedAfter = after.trimmed
      guard let lead = trimmedAfter.first else { return nil }
      switch lead {
      case ":", "：", "—", "–":
        definition = String(trimmedAfter.dropFirst()).trimmed
      case "-":
        let second = trimmedAfter.dropFirst().first
        guard after.first?.isWhitespace == true, second == nil || second?.isWhitespace == true
        else { return nil }
        definition = String(trimmedAfter.dropFirst()).trimmed
      default:
        return nil
      }
    }
    term = cleanName(term)
    guard !term.isEmpty, PlainText.hasAtMostCharacters(term, 80) else { return nil }
    return (term, definition)
  }

  /// The head and the rest of a plain `head: rest` line whose head is a short term.
  ///
  /// The colon (`:` or `：`) must be followed by a space or end the line, so that times,
  /// addresses and `http://` are not split; the head must be a short name (see
  /// ``isShortName(_:)``) with balanced brackets.
  static func plain(_ nodes: [Inline]) -> (term: String, definition: String)? {
    // Without a colon byte in any of its texts there is no colon to split at (`：` ends in 0x9A).
    guard InlineRendering.containsByte(0x3A, in: nodes) || InlineRendering.containsByte(0x9A, in: nodes)
    else { return nil }
    let text = InlineRendering.text(nodes).trimmed
    // Most lines have no colon at all: tell so from the bytes before walking the characters.
    guard hasColonBytes(text) else { return nil }
    let found = PlainText.isPlain(text) ? plainColon(in: text) : colon(in: text)
    guard let (index, next) = found else { return nil }
    let head = text[..<index].trimmed
    let rest = text[next...].trimmed
    let name = cleanName(head)
    guard isShortName(name), isBalanced(name) else { return nil }
    return (name, rest)
  }

  /// The first colon of `text` that splits a `head: rest` line, and the index after it: a `：`,
  /// or a `:` at the end or before whitespace.
  static func colon(in text: String) -> (String.Index, String.Index)? {
    var index = text.startIndex
    while index < text.endIndex {
      let character = text[index]
      if character == ":" || character == "：" {
        let next = text.index(after: index)
        let endsOrSpaced = next == text.endIndex || text[next].isWhitespace
        if character == "：" || endsOrSpaced { return (index, next) }
      }
      index = text.index(after: index)
    }
    return nil
  }

  /// ``colon(in:)`` for plain text (see ``PlainText``), found in its bytes: there every scalar
  /// is a character, and whitespace is ASCII.
  static func plainColon(in text: String) -> (String.Index, String.Index)? {
    var copy = text
    let offsets = copy.withUTF8 { bytes -> (Int, Int)? in
      var index = 0
      while index < bytes.count {
        let byte = bytes[index]
        if byte == 0x3A {
          let next = index + 1
          if next == bytes.count || bytes[next] == 0x20 || (0x09...0x0D).contains(bytes[next]) {
            return (index, next)
          }
        } else if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBC,
          bytes[index + 2] == 0x9A
        {
          return (index, index + 3)
        }
        index += 1
      }
      return nil
    }
    guard let (colon, next) = offsets else { return nil }
    let utf8 = text.utf8
    return (utf8.index(utf8.startIndex, offsetBy: colon), utf8.index(utf8.startIndex, offsetBy: next))
  }

  /// `name` without leading markers (emoji, arrows, bullets) and without a trailing full stop.
  static func cleanName(_ name: String) -> String {
    var text = Substring(name)
    while let first = text.first, !(first.isLetter || first.isNumber || "([{`'\"<".contains(first))
    {
      text = text.dropFirst()
    }
    while let last = text.last, last == "." || last == "。" { text = text.dropLast() }
    return text.trimmed
  }

  /// Whether `text` holds a letter or a digit.
  static func hasWordCharacters(_ text: String) -> Bool {
    // Up to the first letter or digit, a text whose scalars are plain is read scalar by scalar:
    // each is a character of its own, a letter or number when its own properties say so.
    var copy = text
    let found = copy.withUTF8 { bytes -> Bool? in
      var index = 0
      while index < bytes.count {
        let value = ComparableText.decode(bytes, &index)
        guard PlainText.isPlain(value) else { return nil }
        if value < 0x80 {
          if (0x61...0x7A).contains(value | 0x20) || (0x30...0x39).contains(value) { return true }
          continue
        }
        if (0xAC00...0xD7A3).contains(value) { return true }
        let properties = Unicode.Scalar(value)!.properties
        if properties.isAlphabetic || properties.numericType != nil { return true }
      }
      return false
    }
    return found ?? text.contains { $0.isLetter || $0.isNumber }
  }

  /// Whether `text` reads as a name rather than a sentence: 1 to 40 characters, at most five
  /// words, no sentence punctuation.
  static func isShortName(_ text: String) -> Bool {
    guard !text.isEmpty, PlainText.hasAtMostCharacters(text, 40) else { return false }
    guard PlainText.wordCount(text) <= 5 else { return false }
    // Every mark holds `.`, `?`, `!` or `。`, none of which has another canonical form: a name
    // with none of them is searched no further.
    let hasMarks = text.unicodeScalars.contains { scalar in
      scalar == "." || scalar == "?" || scalar == "!" || scalar == "。"
    }
    for (mark, bytes) in sentenceMarks where hasMarks {
      if PlainText.containsBytes(text, bytes) ?? text.contains(mark) { return false }
    }
    if let last = text.last, ".?!,".contains(last) { return false }
    return true
  }

  /// The marks that end a sentence inside a name, with their UTF-8 bytes.
  static let sentenceMarks: [(String, [UInt8])] = [". ", "? ", "! ", "。", "다.", "요."].map {
    ($0, Array($0.utf8))
  }

  /// Whether `text` holds a line feed (`text.contains("\n")`), told from the bytes when the
  /// text is plain and has no carriage return (which a line feed may belong to).
  static func containsLineFeed(_ text: String) -> Bool {
    if !text.utf8.contains(0x0D), let found = PlainText.containsBytes(text, [0x0A]) {
      return found
    }
    return text.contains("\n")
  }

  /// Whether the bytes of `text` hold `:` or `：` (EF BC 9A, which no other scalar's bytes
  /// hold).
  static func hasColonBytes(_ text: String) -> Bool {
    var copy = text
    return copy.withUTF8 { bytes in
      var index = 0
      while index < bytes.count {
        let byte = bytes[index]
        if byte == 0x3A { return true }
        if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBC,
          bytes[index + 2] == 0x9A
        {
          return true
        }
        index += 1
      }
      return false
    }
  }

  /// Whether every opening bracket in `text` is closed.
  static func isBalanced(_ text: String) -> Bool {
    // Without any bracket byte there is nothing to balance.
    let hasBrackets = text.utf8.contains { byte in
      byte == 0x28 || byte == 0x29 || byte == 0x5B || byte == 0x5D || byte == 0x7B || byte == 0x7D
    }
    guard hasBrackets else { return true }
    // In plain text every bracket byte is a character of its own.
    if PlainText.isPlain(text) {
      var depth = 0
      for byte in text.utf8 {
        if byte == 0x28 || byte == 0x5B || byte == 0x7B { depth += 1 }
        if byte == 0x29 || byte == 0x5D || byte == 0x7D { depth -= 1 }
        if depth < 0 { return false }
      }
      return depth == 0
    }
    var depth = 0
    for character in text {
      if "([{".contains(character) { depth += 1 }
      if ")]}".contains(character) { depth -= 1 }
      if depth < 0 { return false }
    }
    return depth == 0
  }
}
