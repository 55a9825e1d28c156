import RecallMarkdown

/// Content that only leads somewhere else: link lines, reference sections, navigation bars.
///
/// None of it is a fact to learn, so the generator leaves it out of every prompt and answer:
/// `[뒤로](…)/[위로](#top)`, `[Back to top ⬆](#contents)`, `📒 IAM [Homepage](…) ∙ [FAQ](…)`,
/// and sections headed `Reference`, `참고 자료`, `Further reading` and the like.
enum Navigation {
  /// Whether a line is made of links with at most one word around them: a line that points
  /// rather than says (`[뒤로](…)/[위로](…)`, `📒 IAM [Homepage](…) ∙ [FAQ](…)`,
  /// `Source: [paper](…)`).
  static func isLinkOnly(_ nodes: [Inline]) -> Bool {
    var links = 0
    var outside = ""
    for node in nodes {
      switch node {
      case .link: links += 1
      case .image, .html, .lineBreak, .softBreak: break
      case .text(let text), .code(let text): outside += text
      case .strong(let children), .emphasis(let children), .strikethrough(let children):
        if children.contains(where: isLink) {
          links += 1
        } else {
          outside += InlineRendering.text(children)
        }
      }
    }
    guard links > 0 else { return false }
    return !hasWords(outside, moreThan: 1)
  }

  /// Whether `node` is a link.
  static func isLink(_ node: Inline) -> Bool {
    if case .link = node { return true }
    return false
  }

  /// Whether `text` has more than `limit` words, GitHub emoji shortcodes (`:arrow_up:`) not
  /// counted; the text is read only as far as the word past the limit.
  static func hasWords(_ text: String, moreThan limit: Int) -> Bool {
    var count = 0
    var rest = Substring(text)
    while let start = rest.firstIndex(where: { !$0.isWhitespace }) {
      let end = rest[start...].firstIndex(where: \.isWhitespace) ?? rest.endIndex
      let word = rest[start..<end]
      rest = rest[end...]
      if word.count > 2, word.first == ":", word.last == ":" { continue }
      if word.contains(where: { $0.isLetter || $0.isNumber }) { count += 1 }
      if count > limit { return true }
    }
    return false
  }

  /// Headings of sections that only point elsewhere: their content is not asked about.
  static let referenceHeadings: Set<String> = [
    "reference", "references", "참고", "참고자료", "참고 자료", "참고문헌", "참고 문헌", "참고 링크", "참조",
    "출처", "links", "link", "useful links", "resources", "further reading", "see also",
    "source", "sources", "source(s) and further reading", "관련 링크", "reference links", "credits",
  ]

  /// Whether `title` heads a reference section (its leading and trailing marks ignored).
  static func isReferenceHeading(_ title: String) -> Bool {
    guard title.utf8.count <= 40 else { return false }
    var text = Substring(title.lowercased())
    while let first = text.first, !(first.isLetter || first.isNumber) { text = text.dropFirst() }
    while let last = text.last, !(last.isLetter || last.isNumber || last == ")") {
      text = text.dropLast()
    }
    return referenceHeadings.contains(String(text))
  }
}

extension Navigation {
  /// Whether every line of `answer` is a web address: an answer that only points elsewhere.
  static func isAddressOnly(_ answer: String) -> Bool {
    var any = false
    for line in InlineRendering.splitLines(answer) {
      let text = line.trimmed
      guard !text.isEmpty else { continue }
      guard text.hasPrefix("http://") || text.hasPrefix("https://") || text.hasPrefix("www.")
      else { return false }
      any = true
    }
    return any
  }
}

extension InlineRendering {
  /// ``lines(_:)`` without the lines that only hold links (see ``Navigation/isLinkOnly(_:)``).
  static func contentLines(_ nodes: [Inline]) -> [String] {
    // Most paragraphs have no link: their lines are all content.
    guard nodes.contains(where: Navigation.isLink) || nodes.contains(where: isStrongLink) else {
      return lines(nodes)
    }
    return nodeLines(nodes).filter { !Navigation.isLinkOnly($0.nodes) }.flatMap { lines($0.nodes) }
  }

  /// Whether `node` is bold text holding a link.
  static func isStrongLink(_ node: Inline) -> Bool {
    if case .strong(let children) = node { return children.contains(where: Navigation.isLink) }
    return false
  }
}
