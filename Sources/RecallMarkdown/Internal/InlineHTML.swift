/// Scanners for raw HTML: inline tags, `<br>` spellings and HTML block starts.
enum InlineHTML {
  /// The length of a `<br>` tag in any spelling (`<br>`, `<br/>`, `<br />`, `</br>`, `<BR>`).
  static func breakTagLength(_ view: ByteView, _ pos: Int) -> Int? {
    guard view.peek(pos) == Byte.less else { return nil }
    var index = pos + 1
    if view.peek(index) == Byte.slash { index += 1 }
    guard Byte.lower(view.peek(index)) == 0x62, Byte.lower(view.peek(index + 1)) == 0x72 else {
      return nil
    }
    index += 2
    while index < view.end && Byte.isSpace(view.base[index]) { index += 1 }
    if view.peek(index) == Byte.slash { index += 1 }
    guard view.peek(index) == Byte.greater else { return nil }
    return index + 1 - pos
  }

  /// Whether a raw inline HTML string is a `<br>` tag (the oracle's rule, spaces allowed around).
  static func isBreakTag(_ bytes: ArraySlice<UInt8>) -> Bool {
    bytes.withUnsafeBufferPointer { buffer in
      let view = ByteView(base: buffer, end: buffer.count)
      var index = 0
      while index < view.end && Byte.isSpace(view.base[index]) { index += 1 }
      guard let length = breakTagLength(view, index) else { return false }
      index += length
      while index < view.end && Byte.isSpace(view.base[index]) { index += 1 }
      return index == view.end
    }
  }

  /// The length of raw HTML at `pos` (`<` included): a tag, comment, instruction, declaration
  /// or CDATA section, as CommonMark defines them.
  static func rawLength(_ view: ByteView, _ pos: Int) -> Int? {
    guard view.peek(pos) == Byte.less, pos + 1 < view.end else { return nil }
    let next = view.base[pos + 1]
    if Byte.isLetter(next) { return openTagLength(view, pos + 1).map { $0 + 1 } }
    if next == Byte.slash { return closeTagLength(view, pos + 2).map { $0 + 2 } }
    if next == Byte.question {
      var index = pos + 2
      while index + 1 < view.end {
        if view.base[index] == Byte.question && view.base[index + 1] == Byte.greater {
          return index + 2 - pos
        }
        index += 1
      }
      return nil
    }
    guard next == Byte.bang else { return nil }
    if view.matches("<!--", at: pos) {
      // cmark 0.29: not starting with `>` or `->`, no `--` inside, ends with `-->`.
      var index = pos + 4
      if view.peek(index) == Byte.greater { return nil }
      if view.peek(index) == Byte.minus && view.peek(index + 1) == Byte.greater { return nil }
      while index + 2 < view.end + 0 {
        if view.base[index] == Byte.minus && view.base[index + 1] == Byte.minus {
          return view.base[index + 2] == Byte.greater ? index + 3 - pos : nil
        }
        index += 1
      }
      return nil
    }
    if view.matches("<![CDATA[", at: pos) {
      var index = pos + 9
      while index + 2 < view.end {
        if view.base[index] == Byte.closeBracket && view.base[index + 1] == Byte.closeBracket
          && view.base[index + 2] == Byte.greater
        {
          return index + 3 - pos
        }
        index += 1
      }
      return nil
    }
    // Declaration: `<!` uppercase letters, whitespace, anything but `>`, then `>`.
    var index = pos + 2
    guard Byte.isLetter(view.peek(index)) else { return nil }
    while Byte.isLetter(view.peek(index)) && index < view.end { index += 1 }
    guard index < view.end, Byte.isSpace(view.base[index]) else { return nil }
    while index < view.end {
      if view.base[index] == Byte.greater { return index + 1 - pos }
      index += 1
    }
    return nil
  }

  /// Skips a tag name at `pos`; returns the index after it.
  private static func tagNameEnd(_ view: ByteView, _ pos: Int) -> Int? {
    guard pos < view.end, Byte.isLetter(view.base[pos]) else { return nil }
    var index = pos + 1
    while index < view.end
      && (Byte.isAlphanumeric(view.base[index]) || view.base[index] == Byte.minus)
    {
      index += 1
    }
    return index
  }

  /// The length of an open tag's rest (after `<`) at `pos`.
  static func openTagLength(_ view: ByteView, _ pos: Int) -> Int? {
    guard var index = tagNameEnd(view, pos) else { return nil }
    while true {
      let beforeSpace = index
      while index < view.end && Byte.isSpace(view.base[index]) { index += 1 }
      guard index < view.end else { return nil }
      let byte = view.base[index]
      if byte == Byte.greater { return index + 1 - pos }
      if byte == Byte.slash {
        return view.peek(index + 1) == Byte.greater ? index + 2 - pos : nil
      }
      // An attribute needs whitespace before it.
      guard index > beforeSpace else { return nil }
      guard Byte.isLetter(byte) || byte == Byte.underscore || byte == Byte.colon else { return nil }
      index += 1
      while index < view.end {
        let attr = view.base[index]
        if Byte.isAlphanumeric(attr) || attr == Byte.underscore || attr == Byte.colon
          || attr == Byte.dot || attr == Byte.minus
        {
          index += 1
        } else {
          break
        }
      }
      // Optional value.
      var probe = index
      while probe < view.end && Byte.isSpace(view.base[probe]) { probe += 1 }
      if probe < view.end && view.base[probe] == Byte.equals {
        probe += 1
        while probe < view.end && Byte.isSpace(view.base[probe]) { probe += 1 }
        guard probe < view.end else { return nil }
        let open = view.base[probe]
        if open == Byte.quote || open == Byte.apostrophe {
          probe += 1
          while probe < view.end && view.base[probe] != open { probe += 1 }
          guard probe < view.end else { return nil }
          probe += 1
        } else {
          let valueStart = probe
          while probe < view.end {
            let value = view.base[probe]
            if Byte.isSpace(value) || value == Byte.quote || value == Byte.apostrophe
              || value == Byte.equals || value == Byte.less || value == Byte.greater
              || value == Byte.backtick || value == 0
            {
              break
            }
            probe += 1
          }
          guard probe > valueStart else { return nil }
        }
        index = probe
      }
    }
  }

  /// The length of a closing tag's rest (after `</`) at `pos`.
  static func closeTagLength(_ view: ByteView, _ pos: Int) -> Int? {
    guard var index = tagNameEnd(view, pos) else { return nil }
    while index < view.end && Byte.isSpace(view.base[index]) { index += 1 }
    guard index < view.end, view.base[index] == Byte.greater else { return nil }
    return index + 1 - pos
  }

  /// Tag names that start an HTML block of type 6.
  private static let blockTagNames: Set<String> = [
    "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center",
    "col", "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5",
    "h6", "head", "header", "hr", "html", "iframe", "legend", "li", "link", "main", "menu",
    "menuitem", "nav", "noframes", "ol", "optgroup", "option", "p", "param", "section", "source",
    "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "track", "ul",
  ]

  /// The HTML block type (1–6) that starts at `pos`, if any; type 7 is ``blockStartSeven``.
  static func blockStart(_ view: ByteView, _ pos: Int) -> Int? {
    guard view.peek(pos) == Byte.less else { return nil }
    for name: StaticString in ["script", "pre", "style", "textarea"] where view.matches(name, at: pos + 1) {
      let after = view.peek(pos + 1 + name.utf8CodeUnitCount)
      if Byte.isSpace(after) || after == Byte.greater { return 1 }
    }
    if view.matches("<!--", at: pos) { return 2 }
    if view.peek(pos + 1) == Byte.question { return 3 }
    if view.peek(pos + 1) == Byte.bang && Byte.isLetter(view.peek(pos + 2)) { return 4 }
    if view.matches("<![CDATA[", at: pos) { return 5 }
    var index = pos + 1
    if view.peek(index) == Byte.slash { index += 1 }
    let nameStart = index
    while index < view.end && Byte.isAlphanumeric(view.base[index]) { index += 1 }
    guard index > nameStart, index - nameStart <= 10 else { return nil }
    var name = ""
    for offset in nameStart..<index { name.unicodeScalars.append(Unicode.Scalar(Byte.lower(view.base[offset]))) }
    guard blockTagNames.contains(name) else { return nil }
    let after = view.peek(index)
    if Byte.isSpace(after) || after == Byte.greater { return 6 }
    if after == Byte.slash && view.peek(index + 1) == Byte.greater { return 6 }
    return nil
  }

  /// Whether a complete open or closing tag alone on the line starts an HTML block of type 7.
  static func blockStartSeven(_ view: ByteView, _ pos: Int) -> Bool {
    guard view.peek(pos) == Byte.less else { return false }
    let length: Int?
    if view.peek(pos + 1) == Byte.slash {
      length = closeTagLength(view, pos + 2).map { $0 + 2 }
    } else {
      length = openTagLength(view, pos + 1).map { $0 + 1 }
    }
    guard let length else { return false }
    var index = pos + length
    while index < view.end && Byte.isSpace(view.base[index]) { index += 1 }
    return index >= view.end
  }

  /// Whether the line ends an HTML block of `type` (1–5), scanning from `pos`.
  static func blockEnds(_ view: ByteView, _ pos: Int, type: Int) -> Bool {
    switch type {
    case 1:
      return view.contains("</script>", from: pos) || view.contains("</pre>", from: pos)
        || view.contains("</style>", from: pos) || view.contains("</textarea>", from: pos)
    case 2: return view.contains("-->", from: pos)
    case 3: return view.contains("?>", from: pos)
    case 4: return view.contains(">", from: pos)
    case 5: return view.contains("]]>", from: pos)
    default: return false
    }
  }
}
