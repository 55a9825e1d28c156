/// Runs the block parser over a decoded note and turns its arena into the public tree.
struct DocumentBuilder {
  /// The decoded note.
  let input: DecodedInput
  /// The options in force.
  let options: MarkdownParser.Options

  /// Parses the note.
  func build() -> MarkdownDocument {
    input.bytes.withUnsafeBufferPointer { bytes in
      var frontMatter: FrontMatter?
      var start = 0
      var firstLine = 1
      if options.frontMatter, let found = Self.frontMatter(bytes) {
        frontMatter = found.matter
        start = found.end
        firstLine = found.nextLine
      }
      var parser = BlockParser(bytes: bytes, options: options)
      parser.parse(from: start, firstLine: firstLine)
      let inline = InlineParser(references: parser.references, options: options)
      var converter = TreeConverter(blocks: parser.blocks, inline: inline)
      return MarkdownDocument(frontMatter: frontMatter, blocks: converter.children(of: 0))
    }
  }

  /// YAML front matter: `---` on line 1, closed by `---` or `...` on a line of its own.
  static func frontMatter(_ bytes: UnsafeBufferPointer<UInt8>) -> (
    matter: FrontMatter, end: Int, nextLine: Int
  )? {
    func lineEnd(_ start: Int) -> Int {
      var index = start
      while index < bytes.count && bytes[index] != Byte.newline && bytes[index] != Byte.carriageReturn {
        index += 1
      }
      return index
    }
    func nextStart(_ end: Int) -> Int {
      if end < bytes.count && bytes[end] == Byte.carriageReturn && end + 1 < bytes.count
        && bytes[end + 1] == Byte.newline
      {
        return end + 2
      }
      return end + 1
    }
    func isFence(_ start: Int, _ end: Int, _ marker: UInt8) -> Bool {
      var high = end
      while high > start && Byte.isSpaceOrTab(bytes[high - 1]) { high -= 1 }
      guard high - start == 3 else { return false }
      return bytes[start] == marker && bytes[start + 1] == marker && bytes[start + 2] == marker
    }
    let firstEnd = lineEnd(0)
    guard isFence(0, firstEnd, Byte.minus), firstEnd < bytes.count else { return nil }
    var lineStart = nextStart(firstEnd)
    var line = 2
    var raw: [UInt8] = []
    while lineStart < bytes.count {
      let end = lineEnd(lineStart)
      if isFence(lineStart, end, Byte.minus) || isFence(lineStart, end, Byte.dot) {
        if raw.last == Byte.newline { raw.removeLast() }
        let matter = FrontMatter(
          raw: String(decoding: raw, as: UTF8.self), location: SourceLocation(line: 1, column: 1))
        return (matter, nextStart(end), line + 1)
      }
      raw.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[lineStart..<end]))
      raw.append(Byte.newline)
      lineStart = nextStart(end)
      line += 1
    }
    return nil
  }
}

/// Converts the parser's arena into ``Block`` values, parsing inline content.
///
/// Recursion follows container nesting, which the parser caps at
/// ``MarkdownParser/Options/maxNestingDepth``, so the stack stays shallow.
struct TreeConverter {
  /// The parser's arena.
  let blocks: [PendingBlock]
  /// The inline parser.
  let inline: InlineParser
  /// Buffers the inline parser reuses.
  var scratch = InlineParser.Scratch()

  /// Creates a converter over the parser's arena.
  init(blocks: [PendingBlock], inline: InlineParser) {
    self.blocks = blocks
    self.inline = inline
  }

  /// Parses inline content with the shared buffers.
  mutating func parseInline(_ content: [UInt8]) -> [Inline] {
    inline.parse(content, scratch: &scratch)
  }

  /// The public blocks for the children of `index`.
  mutating func children(of index: Int) -> [Block] {
    var result: [Block] = []
    result.reserveCapacity(blocks[index].childCount)
    var child = blocks[index].firstChild
    while child >= 0 {
      if let block = convert(child) { result.append(block) }
      child = blocks[child].nextSibling
    }
    return result
  }

  /// The public block for `index`, or nil for a paragraph emptied by link definitions.
  ///
  /// Fields are read in place (`blocks[index].field`) rather than by copying the whole
  /// pending block, which would retain and release each of its arrays.
  mutating func convert(_ index: Int) -> Block? {
    let location = SourceLocation(line: blocks[index].line, column: blocks[index].column)
    switch blocks[index].kind {
    case .document, .item:
      return nil
    case .paragraph:
      if blocks[index].content.isEmpty { return nil }
      return .paragraph(
        Paragraph(content: InlineText(parseInline(blocks[index].content)), location: location))
    case .heading:
      return .heading(
        Heading(
          level: blocks[index].level, content: InlineText(parseInline(blocks[index].content)),
          location: location))
    case .thematicBreak:
      return .thematicBreak(location)
    case .fencedCode, .indentedCode:
      return .codeBlock(
        CodeBlock(
          info: String(decoding: blocks[index].info, as: UTF8.self),
          text: String(decoding: blocks[index].content, as: UTF8.self),
          isFenced: blocks[index].kind == .fencedCode, location: location))
    case .html:
      let content = blocks[index].content
      let end = content.last == Byte.newline ? content.count - 1 : content.count
      return .htmlBlock(
        HTMLBlock(html: String(decoding: content[..<end], as: UTF8.self), location: location))
    case .blockQuote:
      return .blockQuote(BlockQuote(blocks: children(of: index), location: location))
    case .list:
      var items: [ListItem] = []
      items.reserveCapacity(blocks[index].childCount)
      var item = blocks[index].firstChild
      while item >= 0 {
        items.append(
          ListItem(
            blocks: children(of: item),
            location: SourceLocation(line: blocks[item].line, column: blocks[item].column)))
        item = blocks[item].nextSibling
      }
      let marker = blocks[index].marker
      return .list(
        ListBlock(
          isOrdered: marker.isOrdered, start: marker.isOrdered ? marker.start : 1,
          isTight: blocks[index].isTight, items: items, location: location))
    case .table:
      var rows: [TableRow] = []
      rows.reserveCapacity(blocks[index].rows.count)
      for row in blocks[index].rows {
        var cells: [TableCell] = []
        cells.reserveCapacity(row.cells.count)
        for cell in row.cells { cells.append(TableCell(content: InlineText(parseInline(cell)))) }
        rows.append(TableRow(cells: cells, location: SourceLocation(line: row.line, column: row.column)))
      }
      guard let header = rows.first else { return nil }
      return .table(
        Table(
          alignments: blocks[index].alignments, header: header, rows: Array(rows.dropFirst()),
          location: location))
    }
  }
}
