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
    text(nodes).split(separator: "\n", omittingEmptySubsequences: true)
      .map { $0.trimmed }
      .filter { !$0.isEmpty }
  }

  /// The nodes of `nodes` split at top-level line breaks, with the number of source lines
  /// before each one (a soft break, or a hard break not followed by one, ends a source line).
  static func nodeLines(_ nodes: [Inline]) -> [(nodes: [Inline], lineOffset: Int)] {
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
    return result.filter { !text($0.nodes).trimmed.isEmpty }
  }

  /// Whether `nodes` hold nothing but images, HTML and whitespace.
  static func isOnlyImagesOrHTML(_ nodes: [Inline]) -> Bool {
    text(nodes).trimmed.isEmpty
  }

  private static func append(_ nodes: [Inline], to buffer: inout String) {
    for node in nodes {
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

extension StringProtocol {
  /// The text without leading and trailing whitespace (spaces, tabs, new lines).
  var trimmed: String {
    var start = startIndex
    var end = endIndex
    while start < end, self[start].isWhitespace { start = index(after: start) }
    while end > start, self[index(before: end)].isWhitespace { end = index(before: end) }
    return String(self[start..<end])
  }
}
