/// A piece of inline content: text and the markup around it.
///
/// Inline HTML other than `<br>` keeps its raw text in ``Inline/html(_:)`` so that tools can
/// show it, but ``InlineText/plainText`` drops it; every `<br>` spelling becomes
/// ``Inline/lineBreak``.
public enum Inline: Hashable, Sendable {
  /// Literal text, entities decoded, NFC-normalized.
  case text(String)
  /// Strong emphasis (`**x**`, `__x__`), including bold glued to Korean particles.
  case strong([Inline])
  /// Emphasis (`*x*`, `_x_`).
  case emphasis([Inline])
  /// Strikethrough (`~~x~~`).
  case strikethrough([Inline])
  /// A code span; its content is literal.
  case code(String)
  /// A link or autolink; its text is kept.
  case link(text: [Inline], destination: String)
  /// An image; its alt text is kept.
  case image(alt: String, source: String)
  /// Raw inline HTML other than `<br>`, such as `<kbd>` or `<img ...>`.
  case html(String)
  /// A hard break: `<br>` in any spelling, two trailing spaces or a trailing backslash.
  case lineBreak
  /// A soft break: a plain line end inside a paragraph.
  case softBreak
}

/// The inline content of a heading, paragraph or table cell.
public struct InlineText: Hashable, Sendable {
  /// The inline nodes in source order.
  public var nodes: [Inline]

  /// Creates inline text from nodes.
  public init(_ nodes: [Inline]) {
    self.nodes = nodes
  }

  /// The text without markup: HTML tags dropped, line breaks (soft, hard and `<br>`) as `\n`,
  /// each line trimmed, and empty lines dropped.
  public var plainText: String {
    lines.joined(separator: "\n")
  }

  /// The lines of ``plainText``: split at every soft and hard break, trimmed, empty ones dropped.
  public var lines: [String] {
    var buffer = ""
    InlineText.appendPlain(nodes, to: &buffer)
    return buffer.split(separator: "\n", omittingEmptySubsequences: true)
      .map { $0.trimmingWhitespace() }
      .filter { !$0.isEmpty }
  }

  /// The plain text of every strong span, in order (nested spans are not listed twice).
  public var strongTexts: [String] {
    var found: [String] = []
    InlineText.collectStrong(nodes, into: &found)
    return found
  }

  /// Whether there is no visible text at all.
  public var isEmpty: Bool { lines.isEmpty }

  static func appendPlain(_ nodes: [Inline], to buffer: inout String) {
    for node in nodes {
      switch node {
      case .text(let text), .code(let text): buffer += text
      case .strong(let children), .emphasis(let children), .strikethrough(let children):
        appendPlain(children, to: &buffer)
      case .link(let text, _): appendPlain(text, to: &buffer)
      case .image(let alt, _): buffer += alt
      case .html: break
      case .lineBreak, .softBreak: buffer += "\n"
      }
    }
  }

  static func collectStrong(_ nodes: [Inline], into found: inout [String]) {
    for node in nodes {
      switch node {
      case .strong(let children):
        found.append(InlineText(children).plainText)
      case .emphasis(let children), .strikethrough(let children):
        collectStrong(children, into: &found)
      case .link(let text, _): collectStrong(text, into: &found)
      default: break
      }
    }
  }
}

extension Substring {
  /// The substring without leading and trailing spaces and tabs, as a `String`.
  func trimmingWhitespace() -> String {
    var start = startIndex
    var end = endIndex
    while start < end, self[start].isWhitespace { start = index(after: start) }
    while end > start, self[index(before: end)].isWhitespace { end = index(before: end) }
    return String(self[start..<end])
  }
}
