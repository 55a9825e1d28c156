/// Parses the inline content of a paragraph, heading or table cell (CommonMark's algorithm:
/// a token list, a delimiter stack for emphasis and a bracket stack for links), in linear time.
struct InlineParser {
  /// Link reference definitions of the note, by normalized label.
  let references: [String: String]
  /// The options in force.
  let options: MarkdownParser.Options

  /// What wraps a span of inline content.
  enum Mark {
    case emphasis, strong, strikethrough
    case link(String)
    case image(String)
  }

  /// The kind of a token.
  enum Kind: UInt8 {
    case text, value, softBreak, hardBreak, code, html, breakTag, autolink, delimiter, bracket
  }

  /// One token: literal text, a decoded value, a break, a delimiter run or a bracket.
  struct Token {
    /// What the token is.
    var kind: Kind
    /// The start of its source bytes.
    var start: Int
    /// The end of its source bytes (for text, what is emitted).
    var end: Int
    /// An index into the parser's decoded values (entities, code, HTML, autolinks).
    var value = -1
    /// The delimiter character (`*`, `_`, `~`).
    var character: UInt8 = 0
    /// Delimiter characters not used by emphasis yet.
    var count = 0
    /// The run's length in the source.
    var originalCount = 0
    /// Whether the run can open emphasis.
    var canOpen = false
    /// Whether the run can close emphasis.
    var canClose = false
    /// The previous delimiter on the stack (token index, -1 for none).
    var previousDelimiter = -1
    /// The next delimiter on the stack.
    var nextDelimiter = -1
    /// The latest span this token opens (an index into the state's marks; -1 for none); each
    /// mark links to the one opened before it, so the list runs outermost first.
    var opens = -1
    /// How many spans this token closes.
    var closes = 0
  }

  /// A span opened by a token, in a linked list per token.
  struct MarkLink {
    /// The span.
    var mark: Mark
    /// The span the same token opened before (inside) this one, or -1.
    var next: Int
  }

  /// An open `[` or `![`.
  struct Bracket {
    /// The token index of the bracket.
    var token: Int
    /// Whether it is `![`.
    var isImage: Bool
    /// Whether it may still form a link.
    var isActive: Bool
    /// The source index just after the bracket.
    var textStart: Int
  }

  /// Bytes that stop a text run.
  static let special: [Bool] = {
    var table = [Bool](repeating: false, count: 256)
    for byte in "\n\\`&<*_[]!~".utf8 { table[Int(byte)] = true }
    return table
  }()

  /// ``special`` without `~`, for when strikethrough is off.
  static let specialWithoutTilde: [Bool] = {
    var table = special
    table[Int(Byte.tilde)] = false
    return table
  }()

  /// ``special`` and ``specialWithoutTilde`` as raw tables (256 entries each, never freed),
  /// read without bounds checks in the scanning loops.
  nonisolated(unsafe) static let specialTable = rawTable(special)
  nonisolated(unsafe) static let specialWithoutTildeTable = rawTable(specialWithoutTilde)

  /// A permanent copy of a 256-entry table.
  static func rawTable(_ table: [Bool]) -> UnsafePointer<Bool> {
    let pointer = UnsafeMutablePointer<Bool>.allocate(capacity: 256)
    pointer.initialize(from: table, count: 256)
    return UnsafePointer(pointer)
  }

  /// Buffers reused from one parse to the next, so that each paragraph or cell does not
  /// allocate them anew.
  struct Scratch {
    /// The token buffer.
    var tokens: [Token] = []
    /// The pending-text buffer of the tree builder.
    var pending: [UInt8] = []
    /// The span links.
    var marks: [MarkLink] = []
    /// The bracket stack.
    var brackets: [Bracket] = []
    /// Backtick run starts and lengths.
    var runStarts: [Int] = []
    var runLengths: [Int] = []
    /// The tree builder's stack of open spans.
    var frames: [InlineState.Frame] = []
    /// The tree builder's nodes of open spans.
    var nodes: [Inline] = []
  }

  /// Parses `content` into inline nodes.
  func parse(_ content: [UInt8]) -> [Inline] {
    var scratch = Scratch()
    return parse(content, scratch: &scratch)
  }

  /// Parses `content` into inline nodes, reusing `scratch`'s buffers.
  func parse(_ content: [UInt8], scratch: inout Scratch) -> [Inline] {
    var end = content.count
    while end > 0 && Byte.isSpace(content[end - 1]) { end -= 1 }
    if end == 0 { return [] }
    return content.withUnsafeBufferPointer { buffer in
      // Fast path: text with no markup character at all is one text node.
      let special = options.strikethrough ? Self.specialTable : Self.specialWithoutTildeTable
      var firstSpecial = 0
      while firstSpecial < end && !special[Int(buffer[firstSpecial])] { firstSpecial += 1 }
      if firstSpecial == end {
        return [.text(String(decoding: UnsafeBufferPointer(rebasing: buffer[0..<end]), as: UTF8.self))]
      }
      var state = InlineState(
        view: ByteView(base: buffer, end: end), references: references, options: options)
      // The state's arrays come from `scratch` and go back to it emptied, capacity kept.
      swap(&state.tokens, &scratch.tokens)
      swap(&state.marks, &scratch.marks)
      swap(&state.brackets, &scratch.brackets)
      swap(&state.runStarts, &scratch.runStarts)
      swap(&state.runLengths, &scratch.runLengths)
      state.tokenize(from: firstSpecial)
      state.processEmphasis(stackBottom: -1)
      let nodes = state.build(
        pending: &scratch.pending, frames: &scratch.frames, nodes: &scratch.nodes)
      swap(&state.tokens, &scratch.tokens)
      swap(&state.marks, &scratch.marks)
      swap(&state.brackets, &scratch.brackets)
      swap(&state.runStarts, &scratch.runStarts)
      swap(&state.runLengths, &scratch.runLengths)
      // Emptying an array that is already empty still costs a generic call: skip it.
      if !scratch.tokens.isEmpty { scratch.tokens.removeAll(keepingCapacity: true) }
      if !scratch.marks.isEmpty { scratch.marks.removeAll(keepingCapacity: true) }
      if !scratch.brackets.isEmpty { scratch.brackets.removeAll(keepingCapacity: true) }
      if !scratch.runStarts.isEmpty {
        scratch.runStarts.removeAll(keepingCapacity: true)
        scratch.runLengths.removeAll(keepingCapacity: true)
      }
      return nodes
    }
  }
}

/// The working state of one inline parse.
struct InlineState {
  typealias Token = InlineParser.Token
  typealias Mark = InlineParser.Mark

  /// The content.
  let view: ByteView
  /// Link reference definitions.
  let references: [String: String]
  /// The options in force.
  let options: MarkdownParser.Options
  /// The tokens in source order.
  var tokens: [Token] = []
  /// Decoded values referenced by tokens.
  var values: [[UInt8]] = []
  /// Link destinations of autolinks, parallel to their values.
  var destinations: [Int: String] = [:]
  /// The last delimiter on the stack (token index).
  var lastDelimiter = -1
  /// Open brackets.
  var brackets: [InlineParser.Bracket] = []
  /// The spans tokens open, linked per token.
  var marks: [InlineParser.MarkLink] = []
  /// Bytes that inline-link destination and title scans may still read. Each `](` may scan
  /// far ahead; the budget (a few times the content's length) keeps the total linear, and
  /// no real note comes near it.
  var linkScanBudget = 0
  /// Every backtick run of the content, in order: start positions and lengths (filled on the
  /// first backtick).
  var runStarts: [Int] = []
  /// The lengths of the runs in ``runStarts``.
  var runLengths: [Int] = []
  /// Whether ``runStarts`` was filled.
  var runsScanned = false
  /// For run lengths below ``smallRunLimit``: per length, the index in ``runStarts`` from
  /// which to look for a closer. Each only moves forward, so the searches stay linear.
  var smallRunCursors: [Int] = []
  /// Run lengths below this use ``smallRunCursors``; longer ones use ``backtickRuns``.
  static let smallRunLimit = 16
  /// Long backtick runs by length: their start positions.
  var backtickRuns: [Int: [Int]]? = nil
  /// Per-length search cursors into ``backtickRuns``.
  var backtickCursor: [Int: Int] = [:]

  init(view: ByteView, references: [String: String], options: MarkdownParser.Options) {
    self.view = view
    self.references = references
    self.options = options
    self.linkScanBudget = 4 * view.end + 65_536
  }

  // MARK: Tokenizing

  /// Appends a text token for `[start, end)`.
  mutating func text(_ start: Int, _ end: Int) {
    tokens.append(Token(kind: .text, start: start, end: end))
  }

  /// Appends a token holding decoded bytes.
  mutating func value(_ kind: InlineParser.Kind, _ bytes: [UInt8], _ start: Int, _ end: Int) {
    values.append(bytes)
    tokens.append(Token(kind: kind, start: start, end: end, value: values.count - 1))
  }

  /// Splits the content into tokens, resolving links as their brackets close.
  /// `start` is the first byte that may be special: the bytes before it are one text run.
  mutating func tokenize(from start: Int = 0) {
    let base = view.base
    let end = view.end
    var pos = start
    if start > 0 { text(0, start) }
    let special =
      options.strikethrough ? InlineParser.specialTable : InlineParser.specialWithoutTildeTable
    while pos < end {
      let byte = base[pos]
      if !special[Int(byte)] {
        var stop = pos + 1
        while stop < end && !special[Int(base[stop])] { stop += 1 }
        text(pos, stop)
        pos = stop
        continue
      }
      switch byte {
      case Byte.newline:
        let hard = pos >= 2 && base[pos - 1] == Byte.space && base[pos - 2] == Byte.space
        if let last = tokens.indices.last, tokens[last].kind == .text {
          var trimmed = tokens[last].end
          while trimmed > tokens[last].start && Byte.isSpace(base[trimmed - 1]) { trimmed -= 1 }
          tokens[last].end = trimmed
        }
        tokens.append(Token(kind: hard ? .hardBreak : .softBreak, start: pos, end: pos + 1))
        pos += 1
        while pos < end && Byte.isSpaceOrTab(base[pos]) { pos += 1 }
      case Byte.backslash:
        let next = view.peek(pos + 1)
        if pos + 1 < end && next == Byte.newline {
          tokens.append(Token(kind: .hardBreak, start: pos, end: pos + 2))
          pos += 2
          while pos < end && Byte.isSpaceOrTab(base[pos]) { pos += 1 }
        } else if pos + 1 < end && Byte.isASCIIPunctuation(next) {
          text(pos + 1, pos + 2)
          pos += 2
        } else {
          text(pos, pos + 1)
          pos += 1
        }
      case Byte.backtick:
        pos = codeSpan(at: pos)
      case Byte.ampersand:
        if let entity = Entities.decode(view, pos) {
          value(.value, entity.bytes, pos, pos + entity.length)
          pos += entity.length
        } else {
          text(pos, pos + 1)
          pos += 1
        }
      case Byte.less:
        pos = angle(at: pos)
      case Byte.star, Byte.underscore, Byte.tilde:
        pos = delimiterRun(at: pos)
      case Byte.openBracket:
        tokens.append(Token(kind: .bracket, start: pos, end: pos + 1))
        brackets.append(.init(token: tokens.count - 1, isImage: false, isActive: true, textStart: pos + 1))
        pos += 1
      case Byte.bang:
        if view.peek(pos + 1) == Byte.openBracket && pos + 1 < end {
          tokens.append(Token(kind: .bracket, start: pos, end: pos + 2))
          brackets.append(.init(token: tokens.count - 1, isImage: true, isActive: true, textStart: pos + 2))
          pos += 2
        } else {
          text(pos, pos + 1)
          pos += 1
        }
      case Byte.closeBracket:
        pos = closeBracket(at: pos)
      default:
        text(pos, pos + 1)
        pos += 1
      }
    }
  }

  /// A code span or literal backticks at `pos`; returns where to continue.
  mutating func codeSpan(at pos: Int) -> Int {
    let base = view.base
    var runEnd = pos
    while runEnd < view.end && base[runEnd] == Byte.backtick { runEnd += 1 }
    let length = runEnd - pos
    if !runsScanned {
      runsScanned = true
      var index = 0
      while index < view.end {
        if base[index] == Byte.backtick {
          let start = index
          while index < view.end && base[index] == Byte.backtick { index += 1 }
          runStarts.append(start)
          runLengths.append(index - start)
        } else {
          index += 1
        }
      }
    }
    // The closer is the first run of exactly `length` backticks starting at or after `runEnd`.
    var closeAt: Int?
    if length < Self.smallRunLimit {
      if smallRunCursors.isEmpty {
        smallRunCursors = [Int](repeating: 0, count: Self.smallRunLimit)
      }
      var cursor = smallRunCursors[length]
      let count = runStarts.count
      while cursor < count && (runStarts[cursor] < runEnd || runLengths[cursor] != length) {
        cursor += 1
      }
      smallRunCursors[length] = cursor
      if cursor < count { closeAt = runStarts[cursor] }
    } else {
      if backtickRuns == nil {
        var runs: [Int: [Int]] = [:]
        for (start, runLength) in zip(runStarts, runLengths) where runLength >= Self.smallRunLimit {
          runs[runLength, default: []].append(start)
        }
        backtickRuns = runs
      }
      let candidates = backtickRuns?[length] ?? []
      var cursor = backtickCursor[length] ?? 0
      while cursor < candidates.count && candidates[cursor] < runEnd { cursor += 1 }
      backtickCursor[length] = cursor
      if cursor < candidates.count { closeAt = candidates[cursor] }
    }
    guard let close = closeAt else {
      text(pos, runEnd)
      return runEnd
    }
    var content: [UInt8] = []
    content.reserveCapacity(close - runEnd)
    for index in runEnd..<close {
      let byte = base[index]
      content.append(byte == Byte.newline ? Byte.space : byte)
    }
    if content.count >= 2 && content.first == Byte.space && content.last == Byte.space
      && content.contains(where: { $0 != Byte.space })
    {
      content.removeFirst()
      content.removeLast()
    }
    value(.code, content, pos, close + length)
    return close + length
  }

  /// An autolink, raw HTML or a literal `<` at `pos`; returns where to continue.
  mutating func angle(at pos: Int) -> Int {
    if let autolink = autolinkEnd(at: pos) {
      let inner = Array(UnsafeBufferPointer(rebasing: view.base[(pos + 1)..<(autolink.end - 1)]))
      value(.autolink, inner, pos, autolink.end)
      destinations[values.count - 1] = (autolink.isEmail ? "mailto:" : "") + String(decoding: inner, as: UTF8.self)
      return autolink.end
    }
    if let length = InlineHTML.rawLength(view, pos) {
      let raw = Array(UnsafeBufferPointer(rebasing: view.base[pos..<(pos + length)]))
      let isBreak = InlineHTML.isBreakTag(raw[...])
      value(isBreak ? .breakTag : .html, raw, pos, pos + length)
      return pos + length
    }
    text(pos, pos + 1)
    return pos + 1
  }

  /// The end of a URI or email autolink at `pos`.
  func autolinkEnd(at pos: Int) -> (end: Int, isEmail: Bool)? {
    let base = view.base
    var index = pos + 1
    // URI: scheme of 2–32 characters, a colon, then no spaces, `<` or `>`.
    if index < view.end && Byte.isLetter(base[index]) {
      var scheme = index + 1
      while scheme < view.end
        && (Byte.isAlphanumeric(base[scheme]) || base[scheme] == Byte.plus
          || base[scheme] == Byte.dot || base[scheme] == Byte.minus)
      {
        scheme += 1
      }
      let schemeLength = scheme - index
      if schemeLength >= 2 && schemeLength <= 32 && view.peek(scheme) == Byte.colon {
        var rest = scheme + 1
        while rest < view.end {
          let byte = base[rest]
          if byte == Byte.greater { return (rest + 1, false) }
          if byte <= Byte.space || byte == Byte.less || byte == 0x7F { break }
          rest += 1
        }
      }
    }
    // Email.
    let localStart = index
    while index < view.end {
      let byte = base[index]
      if Byte.isAlphanumeric(byte) || "!#$%&'*+/=?^_`{|}~-.".utf8.contains(byte) {
        index += 1
      } else {
        break
      }
    }
    guard index > localStart, view.peek(index) == Byte.at else { return nil }
    index += 1
    var labels = 0
    while true {
      let labelStart = index
      while index < view.end && (Byte.isAlphanumeric(base[index]) || base[index] == Byte.minus) {
        index += 1
      }
      let length = index - labelStart
      guard length >= 1 && length <= 63, base[labelStart] != Byte.minus,
        base[index - 1] != Byte.minus
      else { return nil }
      labels += 1
      if view.peek(index) == Byte.dot && index < view.end {
        index += 1
        continue
      }
      break
    }
    guard view.peek(index) == Byte.greater && index < view.end else { return nil }
    return (index + 1, true)
  }

  /// Reads a delimiter run at `pos` and pushes it on the delimiter stack.
  mutating func delimiterRun(at pos: Int) -> Int {
    let base = view.base
    let character = base[pos]
    var runEnd = pos
    while runEnd < view.end && base[runEnd] == character { runEnd += 1 }
    let count = runEnd - pos
    if character == Byte.tilde && count != 2 {
      // Only `~~x~~` is strikethrough: a single `~` is almost always a range (`10~20`).
      text(pos, runEnd)
      return runEnd
    }
    let before = scalar(before: pos)
    let after = scalar(at: runEnd)
    let spaceBefore = Self.isSpace(before)
    let spaceAfter = Self.isSpace(after)
    let punctuationBefore = Self.isPunctuation(before)
    let punctuationAfter = Self.isPunctuation(after)
    let gluedBefore = options.boldGluedToKorean && character == Byte.star && Self.isCJK(before)
    let gluedAfter = options.boldGluedToKorean && character == Byte.star && Self.isCJK(after)
    let leftFlanking =
      !spaceAfter && (!punctuationAfter || spaceBefore || punctuationBefore || gluedBefore)
    let rightFlanking =
      !spaceBefore && (!punctuationBefore || spaceAfter || punctuationAfter || gluedAfter)
    var canOpen = leftFlanking
    var canClose = rightFlanking
    if character == Byte.underscore {
      canOpen = leftFlanking && (!rightFlanking || punctuationBefore)
      canClose = rightFlanking && (!leftFlanking || punctuationAfter)
    }
    var token = Token(kind: .delimiter, start: pos, end: runEnd)
    token.character = character
    token.count = count
    token.originalCount = count
    token.canOpen = canOpen
    token.canClose = canClose
    if canOpen || canClose {
      token.previousDelimiter = lastDelimiter
      tokens.append(token)
      let index = tokens.count - 1
      if lastDelimiter >= 0 { tokens[lastDelimiter].nextDelimiter = index }
      lastDelimiter = index
    } else {
      text(pos, runEnd)
    }
    return runEnd
  }

  /// Removes a delimiter from the stack.
  mutating func removeDelimiter(_ index: Int) {
    let previous = tokens[index].previousDelimiter
    let next = tokens[index].nextDelimiter
    if next >= 0 {
      tokens[next].previousDelimiter = previous
    } else {
      lastDelimiter = previous
    }
    if previous >= 0 { tokens[previous].nextDelimiter = next }
    tokens[index].previousDelimiter = -1
    tokens[index].nextDelimiter = -1
  }

  /// Matches closers with openers above `stackBottom` (a token index), innermost first.
  mutating func processEmphasis(stackBottom: Int) {
    var closer = lastDelimiter
    var candidate = lastDelimiter
    while candidate >= 0 && candidate > stackBottom {
      closer = candidate
      candidate = tokens[candidate].previousDelimiter
    }
    if closer >= 0 && closer <= stackBottom { closer = -1 }
    // Most paragraphs and link texts have no delimiter: nothing to match, nothing to allocate.
    if closer >= 0 {
      // The nine openers-bottom slots live on the stack, not in a heap array per call.
      withUnsafeTemporaryAllocation(of: Int.self, capacity: 9) { openersBottom in
        openersBottom.initialize(repeating: stackBottom)
        matchDelimiters(from: closer, stackBottom: stackBottom, openersBottom: openersBottom)
      }
    }
    while lastDelimiter >= 0 && lastDelimiter > stackBottom {
      removeDelimiter(lastDelimiter)
    }
  }

  /// The matching loop of ``processEmphasis(stackBottom:)``, from the first closer candidate.
  mutating func matchDelimiters(
    from first: Int, stackBottom: Int, openersBottom: UnsafeMutableBufferPointer<Int>
  ) {
    func bottomIndex(_ character: UInt8, _ length: Int) -> Int {
      let group = character == Byte.star ? 0 : character == Byte.underscore ? 1 : 2
      return group * 3 + length % 3
    }
    var closer = first
    while closer >= 0 {
      let closing = tokens[closer]
      guard closing.canClose else {
        closer = closing.nextDelimiter
        continue
      }
      let slot = bottomIndex(closing.character, closing.originalCount)
      var opener = closing.previousDelimiter
      var found = false
      while opener >= 0 && opener > stackBottom && opener > openersBottom[slot] {
        let opening = tokens[opener]
        if opening.canOpen && opening.character == closing.character {
          if closing.character == Byte.tilde {
            if opening.count == closing.count {
              found = true
              break
            }
          } else if !(closing.canOpen || opening.canClose) || closing.originalCount % 3 == 0
            || (opening.originalCount + closing.originalCount) % 3 != 0
          {
            found = true
            break
          }
        }
        opener = opening.previousDelimiter
      }
      let oldCloser = closer
      if found {
        closer = insertEmphasis(opener: opener, closer: closer)
      } else {
        closer = closing.nextDelimiter
        openersBottom[slot] = max(closing.previousDelimiter, stackBottom)
        if !closing.canOpen { removeDelimiter(oldCloser) }
      }
    }
  }

  /// Wraps the tokens between `opener` and `closer` in emphasis; returns the next closer.
  mutating func insertEmphasis(opener: Int, closer: Int) -> Int {
    let character = tokens[closer].character
    let used: Int
    let mark: Mark
    if character == Byte.tilde {
      used = tokens[closer].count
      mark = .strikethrough
    } else {
      used = tokens[closer].count >= 2 && tokens[opener].count >= 2 ? 2 : 1
      mark = used == 2 ? .strong : .emphasis
    }
    tokens[opener].count -= used
    tokens[closer].count -= used
    open(mark, at: opener)
    tokens[closer].closes += 1
    var between = tokens[closer].previousDelimiter
    while between >= 0 && between != opener {
      let previous = tokens[between].previousDelimiter
      removeDelimiter(between)
      between = previous
    }
    if tokens[opener].count == 0 { removeDelimiter(opener) }
    if tokens[closer].count == 0 {
      let next = tokens[closer].nextDelimiter
      removeDelimiter(closer)
      return next
    }
    return closer
  }

  /// Records that token `index` opens `mark` (outside the spans it opened before).
  mutating func open(_ mark: Mark, at index: Int) {
    marks.append(InlineParser.MarkLink(mark: mark, next: tokens[index].opens))
    tokens[index].opens = marks.count - 1
  }

  /// Handles `]` at `pos`: forms a link or image with the last open bracket, or stays text.
  mutating func closeBracket(at pos: Int) -> Int {
    let afterText = pos + 1
    guard let opener = brackets.last else {
      text(pos, afterText)
      return afterText
    }
    guard opener.isActive else {
      brackets.removeLast()
      text(pos, afterText)
      return afterText
    }
    var destination: String?
    var next = afterText
    // Inline link: `(destination "title")`.
    if view.peek(afterText) == Byte.openParen && afterText < view.end && linkScanBudget > 0 {
      let destinationStart = skipSpaces(afterText + 1)
      var scanned = 0
      let found = LinkReference.destination(view, destinationStart, scanned: &scanned)
      linkScanBudget -= scanned + (destinationStart - afterText)
      if let target = found {
        let afterDestination = target.end
        let titleStart = skipSpaces(afterDestination)
        var afterTitle = titleStart
        var titleScanned = 0
        if titleStart != afterDestination,
          let end = LinkReference.titleEnd(view, titleStart, scanned: &titleScanned)
        {
          afterTitle = end
        } else {
          afterTitle = afterDestination
        }
        linkScanBudget -= titleScanned + (titleStart - afterDestination)
        let close = skipSpaces(afterTitle)
        if view.peek(close) == Byte.closeParen && close < view.end {
          destination = Entities.unescapedString(view.base, target.start, target.stop)
          next = close + 1
        }
      }
    }
    if destination == nil {
      // Reference link: `[text][label]`, `[text][]` or `[text]`.
      var labelStart = opener.textStart
      var labelEnd = pos
      if let end = LinkReference.labelEnd(view, afterText) {
        if end - afterText > 2 {
          labelStart = afterText + 1
          labelEnd = end - 1
        }
        next = end
      } else if view.peek(afterText) == Byte.openBracket && view.peek(afterText + 1) == Byte.closeBracket
        && afterText + 1 < view.end
      {
        next = afterText + 2
      }
      // Without any definition no label can match: skip normalizing it (case folding).
      if !references.isEmpty && labelEnd - labelStart <= 999 {
        let label = LinkReference.normalize(view.base, labelStart, labelEnd)
        if !label.isEmpty, let target = references[label] {
          destination = target
        }
      }
      if destination == nil { next = afterText }
    }
    guard let destination else {
      brackets.removeLast()
      text(pos, afterText)
      return afterText
    }
    tokens.append(Token(kind: .bracket, start: pos, end: afterText))
    let closer = tokens.count - 1
    open(opener.isImage ? .image(destination) : .link(destination), at: opener.token)
    tokens[closer].closes += 1
    processEmphasis(stackBottom: opener.token)
    brackets.removeLast()
    if !opener.isImage {
      // Links cannot contain links: earlier `[` openers can no longer form one. Stopping at
      // the first opener already deactivated keeps this linear overall.
      var index = brackets.count - 1
      while index >= 0 {
        if !brackets[index].isImage {
          if !brackets[index].isActive { break }
          brackets[index].isActive = false
        }
        index -= 1
      }
    }
    return next
  }

  /// Skips spaces, tabs and line ends.
  func skipSpaces(_ pos: Int) -> Int {
    var index = pos
    while index < view.end && Byte.isSpace(view.base[index]) { index += 1 }
    return index
  }

  // MARK: Characters around delimiters

  /// The scalar ending just before `pos`, or a newline at the start.
  func scalar(before pos: Int) -> UInt32 {
    guard pos > 0 else { return 0x0A }
    var start = pos - 1
    while start > 0 && view.base[start] & 0xC0 == 0x80 && pos - start < 4 { start -= 1 }
    return decodeScalar(start)
  }

  /// The scalar starting at `pos`, or a newline at the end.
  func scalar(at pos: Int) -> UInt32 {
    guard pos < view.end else { return 0x0A }
    return decodeScalar(pos)
  }

  /// Decodes the scalar at `pos` (the content is valid UTF-8).
  func decodeScalar(_ pos: Int) -> UInt32 {
    let base = view.base
    let lead = base[pos]
    if lead < 0x80 { return UInt32(lead) }
    let count = base.count
    func continuation(_ offset: Int) -> UInt32 {
      pos + offset < count ? UInt32(base[pos + offset] & 0x3F) : 0
    }
    if lead < 0xE0 { return UInt32(lead & 0x1F) << 6 | continuation(1) }
    if lead < 0xF0 { return UInt32(lead & 0x0F) << 12 | continuation(1) << 6 | continuation(2) }
    return UInt32(lead & 0x07) << 18 | continuation(1) << 12 | continuation(2) << 6 | continuation(3)
  }

  /// Unicode whitespace (Zs) or an ASCII space character.
  static func isSpace(_ scalar: UInt32) -> Bool {
    if scalar < 0x80 { return scalar == 0x20 || (scalar >= 0x09 && scalar <= 0x0D) }
    if isCJKLetter(scalar) { return false }
    guard let value = Unicode.Scalar(scalar) else { return false }
    return value.properties.generalCategory == .spaceSeparator
  }

  /// ASCII punctuation or a Unicode punctuation character (P*).
  static func isPunctuation(_ scalar: UInt32) -> Bool {
    if scalar < 0x80 { return Byte.isASCIIPunctuation(UInt8(scalar)) }
    if isCJKLetter(scalar) { return false }
    guard let value = Unicode.Scalar(scalar) else { return false }
    switch value.properties.generalCategory {
    case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
      .initialPunctuation, .finalPunctuation, .otherPunctuation:
      return true
    default:
      return false
    }
  }

  /// Hangul syllables or CJK ideographs: letters, neither spaces nor punctuation.
  @inline(__always) static func isCJKLetter(_ scalar: UInt32) -> Bool {
    (scalar >= 0xAC00 && scalar <= 0xD7A3) || (scalar >= 0x4E00 && scalar <= 0x9FFF)
  }

  /// Hangul, kana or CJK ideographs: scripts that glue particles to words.
  static func isCJK(_ scalar: UInt32) -> Bool {
    switch scalar {
    case 0xAC00...0xD7A3, 0x1100...0x11FF, 0x3130...0x318F, 0x3040...0x30FF, 0x3400...0x4DBF,
      0x4E00...0x9FFF:
      return true
    default:
      return false
    }
  }

  // MARK: Building the tree

  /// One open span while building.
  struct Frame {
    /// What the span is; nil for the root.
    var mark: Mark?
    /// Where its children start in the builder's ``TreeBuilder/nodes``.
    var start = 0
  }

  /// Builds inline nodes from marks and text with an explicit stack (no recursion).
  struct TreeBuilder {
    /// The open spans, the root first (``build(pending:frames:nodes:)`` pushes the root).
    var stack: [Frame] = []
    /// The children of every open span, outermost span first: each span's children run from
    /// its frame's start to the next frame's (or the end). A span's array is made once, at
    /// its exact size, when it closes, instead of growing node by node.
    var nodes: [Inline] = []
    /// Text bytes not yet turned into a node (after the source run below, if any).
    var pending: [UInt8] = []
    /// The content, for text read in place.
    let base: UnsafeBufferPointer<UInt8>
    /// Pending text that is still one run of the content, `[runStart, runEnd)`, not yet
    /// copied to ``pending`` (runStart == runEnd: none). Most text nodes are one run, and
    /// become a string straight from the content.
    var runStart = 0
    var runEnd = 0
    /// How many real (not flattened) spans are open.
    var realDepth = 0
    /// How many flattened spans are open inside the deepest real one.
    var flattened = 0
    /// The inline depth limit.
    let maxDepth: Int

    /// Turns pending text into a text node, merged with a text node before it.
    mutating func flush() {
      let string: String
      if runStart != runEnd {
        string = String(decoding: UnsafeBufferPointer(rebasing: base[runStart..<runEnd]), as: UTF8.self)
        runStart = runEnd
      } else {
        if pending.isEmpty { return }
        string = String(decoding: pending, as: UTF8.self)
        pending.removeAll(keepingCapacity: true)
      }
      if nodes.count > stack[stack.count - 1].start, case .text(let previous) = nodes[nodes.count - 1] {
        nodes[nodes.count - 1] = .text(previous + string)
      } else {
        nodes.append(.text(string))
      }
    }

    /// Appends the content's bytes `[start, end)` (not empty) to the pending text.
    @inline(__always)
    mutating func appendSource(_ start: Int, _ end: Int) {
      if pending.isEmpty && (runStart == runEnd || runEnd == start) {
        if runStart == runEnd { runStart = start }
        runEnd = end
        return
      }
      moveRunToPending()
      pending.append(contentsOf: UnsafeBufferPointer(rebasing: base[start..<end]))
    }

    /// Copies the pending run of the content to ``pending``, before bytes that do not follow
    /// it in the content.
    @inline(__always)
    mutating func moveRunToPending() {
      if runStart != runEnd {
        pending.append(contentsOf: UnsafeBufferPointer(rebasing: base[runStart..<runEnd]))
        runStart = runEnd
      }
    }

    /// Appends a node after any pending text.
    mutating func append(_ node: Inline) {
      flush()
      nodes.append(node)
    }

    /// Opens a span; past the depth limit the span is flattened (its markers dropped, its
    /// text kept in place), which costs nothing however deep the markup goes.
    mutating func open(_ mark: Mark) {
      if realDepth >= maxDepth {
        flattened += 1
        return
      }
      flush()
      realDepth += 1
      stack.append(Frame(mark: mark, start: nodes.count))
    }

    /// Closes the innermost span.
    mutating func close() {
      if flattened > 0 {
        flattened -= 1
        return
      }
      flush()
      guard stack.count > 1 else { return }
      let frame = stack.removeLast()
      guard let mark = frame.mark else { return }
      realDepth -= 1
      let children = takeNodes(from: frame.start)
      let node: Inline
      switch mark {
      case .emphasis: node = .emphasis(children)
      case .strong: node = .strong(children)
      case .strikethrough: node = .strikethrough(children)
      case .link(let destination): node = .link(text: children, destination: destination)
      case .image(let source):
        var alt = ""
        InlineText.appendPlain(children, to: &alt)
        node = .image(alt: alt, source: source)
      }
      nodes.append(node)
    }

    /// Closes every span and returns the root's nodes.
    mutating func finish() -> [Inline] {
      while stack.count > 1 { close() }
      flush()
      return takeNodes(from: stack[0].start)
    }

    /// Removes the nodes from `start` on and returns them in a new array of their exact size
    /// (never sharing the builder's buffer, which is reused).
    mutating func takeNodes(from start: Int) -> [Inline] {
      let count = nodes.count - start
      if count == 0 { return [] }
      var taken: [Inline] = []
      taken.reserveCapacity(count)
      for index in start..<nodes.count { taken.append(nodes[index]) }
      nodes.removeLast(count)
      return taken
    }
  }

  /// Builds the inline tree from the tokens.
  func build(pending: inout [UInt8], frames: inout [Frame], nodes: inout [Inline]) -> [Inline] {
    var builder = TreeBuilder(base: view.base, maxDepth: options.maxInlineDepth)
    // The buffers come back as they leave: `nodes` and `pending` empty, `frames` holding
    // only the root (finish() closes every other span). Emptying an empty array still costs
    // a generic call, so each is emptied only when it is not.
    swap(&builder.pending, &pending)
    if frames.count != 1 {
      frames.removeAll(keepingCapacity: true)
      frames.append(Frame(mark: nil))
    }
    swap(&builder.stack, &frames)
    swap(&builder.nodes, &nodes)
    defer {
      swap(&builder.nodes, &nodes)
      if !nodes.isEmpty { nodes.removeAll(keepingCapacity: true) }
      swap(&builder.stack, &frames)
      swap(&builder.pending, &pending)
      if !pending.isEmpty { pending.removeAll(keepingCapacity: true) }
    }
    for token in tokens {
      switch token.kind {
      case .text:
        if token.end > token.start { builder.appendSource(token.start, token.end) }
      case .value:
        builder.moveRunToPending()
        builder.pending.append(contentsOf: values[token.value])
      case .softBreak:
        builder.append(.softBreak)
      case .hardBreak, .breakTag:
        builder.append(.lineBreak)
      case .code:
        builder.append(.code(String(decoding: values[token.value], as: UTF8.self)))
      case .html:
        builder.append(.html(String(decoding: values[token.value], as: UTF8.self)))
      case .autolink:
        let text = String(decoding: values[token.value], as: UTF8.self)
        builder.append(.link(text: [.text(text)], destination: destinations[token.value] ?? text))
      case .delimiter:
        for _ in 0..<token.closes { builder.close() }
        if token.count > 0 {
          builder.moveRunToPending()
          for _ in 0..<token.count { builder.pending.append(token.character) }
        }
        var link = token.opens
        while link >= 0 {
          builder.open(marks[link].mark)
          link = marks[link].next
        }
      case .bracket:
        if token.closes > 0 {
          for _ in 0..<token.closes { builder.close() }
        } else if token.opens >= 0 {
          builder.open(marks[token.opens].mark)
        } else {
          builder.appendSource(token.start, token.end)
        }
      }
    }
    return builder.finish()
  }
}
