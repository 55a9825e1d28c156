import RecallMarkdown

/// Blocks rendered as the lines of an answer or of a detail.
///
/// Answers are plain lines (no list markers, nested items indented by two spaces) so that a
/// typed answer can be compared line by line; details keep `- ` and `1. ` markers because
/// they are only read. Code blocks, tables, raw HTML and images are left out of both.
enum Rendering {
  /// The plain lines of `blocks`, nested list items indented by two spaces per level.
  static func plainLines(of blocks: ArraySlice<Block>, depth: Int = 0) -> [String] {
    lines(of: blocks, depth: depth, marked: false)
  }

  /// The plain lines of one block, nested list items indented by two spaces per level.
  static func plainLines(of block: Block) -> [String] {
    lines(of: CollectionOfOne(block), depth: 0, marked: false)
  }

  /// The lines of `blocks` with list markers, nested items indented by two spaces per level.
  static func markedLines(of blocks: ArraySlice<Block>, depth: Int = 0) -> [String] {
    lines(of: blocks, depth: depth, marked: true)
  }

  /// The inline nodes of the first line of an item's first paragraph, if it starts with one.
  static func firstLine(of item: ListItem) -> [Inline]? {
    guard case .paragraph(let paragraph) = item.blocks.first else { return nil }
    return InlineRendering.firstLine(paragraph.content.nodes)
  }

  /// Whether `list` is a table of contents: at least half of its items start with a link to a
  /// place in the same note (`[Tree](#tree)`), or hold such links with little text around them
  /// (`Purpose: [Why?](#why) | [Scope](#scope)`). Such lists are not asked about.
  static func isTableOfContents(_ list: ListBlock) -> Bool {
    let links = list.items.filter { item in
      // Only a link to a place in the note counts, and its first line is among its paragraph's
      // nodes: an item without one is told at once, its lines not rendered.
      guard case .paragraph(let paragraph) = item.blocks.first,
        paragraph.content.nodes.contains(where: { node in
          if case .link(_, let destination) = node { return destination.hasPrefix("#") }
          return false
        }),
        let nodes = firstLine(of: item)
      else { return false }
      let visible = nodes.filter { node in
        if case .text(let text) = node { return !text.trimmed.isEmpty }
        return true
      }
      if case .link(_, let destination) = visible.first, destination.hasPrefix("#") { return true }
      var hasInternalLink = false
      var outside = ""
      for node in visible {
        if case .link(_, let destination) = node {
          if destination.hasPrefix("#") { hasInternalLink = true } else { return false }
        } else {
          outside += InlineRendering.text([node])
        }
      }
      return hasInternalLink && outside.trimmed.count <= 40
    }
    return !list.items.isEmpty && links.count * 2 >= list.items.count
  }

  /// The lowercase letter-and-digit runs of `text` ("DNS (Route 53)" → dns, route, 53).
  static func nameTokens(_ text: String) -> [String] {
    if let tokens = plainNameTokens(text) { return tokens }
    return text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) })
      .map(String.init)
  }

  /// ``nameTokens(_:)`` of plain text (see ``PlainText``), read from its bytes: each scalar is
  /// a character, lowercased to one plain scalar, and a letter or number when its own
  /// properties say so.
  static func plainNameTokens(_ text: String) -> [String]? {
    var copy = text
    return copy.withUTF8 { bytes -> [String]? in
      var tokens: [String] = []
      var token: [UInt8] = []
      var index = 0
      while index < bytes.count {
        let value = ComparableText.decode(bytes, &index)
        guard PlainText.isPlain(value) else { return nil }
        let lower: UInt32
        let isWord: Bool
        if value < 0x80 {
          lower = (0x41...0x5A).contains(value) ? value | 0x20 : value
          isWord = (0x61...0x7A).contains(lower) || (0x30...0x39).contains(lower)
        } else {
          lower = ComparableText.plainLowercase(value)
          if (0xAC00...0xD7A3).contains(lower) {
            isWord = true
          } else {
            let properties = Unicode.Scalar(lower)!.properties
            isWord = properties.isAlphabetic || properties.numericType != nil
          }
        }
        if isWord {
          if lower < 0x80 {
            token.append(UInt8(truncatingIfNeeded: lower))
          } else {
            ComparableText.appendUTF8(lower, to: &token)
          }
        } else if !token.isEmpty {
          tokens.append(String(decoding: token, as: UTF8.self))
          token.removeAll(keepingCapacity: true)
        }
      }
      if !token.isEmpty { tokens.append(String(decoding: token, as: UTF8.self)) }
      return tokens
    }
  }

  /// Taken as a collection, so that a part of a list of blocks is read in place, not copied.
  private static func lines(of blocks: some Collection<Block>, depth: Int, marked: Bool)
    -> [String]
  {
    let indent = String(repeating: "  ", count: depth)
    var result: [String] = []
    for block in blocks {
      switch block {
      case .paragraph(let paragraph):
        let lines = InlineRendering.contentLines(paragraph.content.nodes)
        result += depth == 0 ? lines : lines.map { indent + $0 }
      case .list(let list):
        for (position, item) in list.items.enumerated() {
          let marker = marked ? (list.isOrdered ? "\(list.start + position). " : "- ") : ""
          let inner = lines(of: item.blocks, depth: depth + 1, marked: marked)
          guard let first = inner.first else { continue }
          let innerIndent = String(repeating: "  ", count: depth + 1)
          let head: String
          switch PlainText.startsWithSpaces(first, innerIndent.utf8.count) {
          case true?:
            head = String(decoding: first.utf8.dropFirst(innerIndent.utf8.count), as: UTF8.self)
          case false?:
            head = first
          case nil:
            head =
              first.hasPrefix(innerIndent) ? String(first.dropFirst(innerIndent.count)) : first
          }
          result.append(indent + marker + head)
          result += inner.dropFirst()
        }
      case .blockQuote(let quote):
        result += lines(of: quote.blocks, depth: depth, marked: marked)
      case .heading(let heading):
        result += InlineRendering.lines(heading.content.nodes).map { indent + $0 }
      case .table, .codeBlock, .htmlBlock, .thematicBreak:
        break
      }
    }
    return result
  }
}

/// The options of a choice quiz.
enum Choices {
  /// At most this many options, the right one included.
  static let limit = 4

  /// The option at `position` and up to three others of `options` nearest to it in order,
  /// listed in their original order. `options` must already be free of duplicates.
  static func around<Option>(_ position: Int, in options: [Option]) -> [Option] {
    guard options.indices.contains(position) else { return [] }
    // The nearest others, the earlier first at equal distance, found outwards from `position`.
    var lower = position
    var upper = position + 1
    while upper - lower < limit && (lower > 0 || upper < options.count) {
      if lower > 0 { lower -= 1 }
      if upper - lower < limit && upper < options.count { upper += 1 }
    }
    return Array(options[lower..<upper])
  }

  /// The steps of a flow in a fixed order that is not theirs (sorted by a stable hash of each
  /// step, rotated by one if that happens to be the right order), for an ordering quiz.
  static func scrambled(_ steps: [String]) -> [String] {
    var order = steps.indices.sorted {
      (StableHash.fnv1a(steps[$0]), $0) < (StableHash.fnv1a(steps[$1]), $1)
    }
    if order == Array(steps.indices), order.count > 1 {
      order.append(order.removeFirst())
    }
    return order.map { steps[$0] }
  }
}
