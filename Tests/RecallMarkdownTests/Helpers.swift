import RecallMarkdown

/// Swift Testing also declares `SourceLocation`; tests name the parser's one `Location`.
typealias Location = RecallMarkdown.SourceLocation

/// Parses `text` with Recall's defaults.
func parse(_ text: String, options: MarkdownParser.Options = .init()) -> MarkdownDocument {
  MarkdownParser(options: options).parse(text)
}

/// The tree description of `text`, for compact whole-tree expectations.
func tree(_ text: String, options: MarkdownParser.Options = .init()) -> String {
  parse(text, options: options).treeDescription()
}

extension Block {
  /// The heading, if this block is one.
  var heading: Heading? {
    if case .heading(let heading) = self { return heading }
    return nil
  }

  /// The paragraph, if this block is one.
  var paragraph: Paragraph? {
    if case .paragraph(let paragraph) = self { return paragraph }
    return nil
  }

  /// The list, if this block is one.
  var list: ListBlock? {
    if case .list(let list) = self { return list }
    return nil
  }

  /// The table, if this block is one.
  var table: Table? {
    if case .table(let table) = self { return table }
    return nil
  }

  /// The code block, if this block is one.
  var code: CodeBlock? {
    if case .codeBlock(let code) = self { return code }
    return nil
  }

  /// The HTML block, if this block is one.
  var html: HTMLBlock? {
    if case .htmlBlock(let html) = self { return html }
    return nil
  }

  /// The block quote, if this block is one.
  var quote: BlockQuote? {
    if case .blockQuote(let quote) = self { return quote }
    return nil
  }
}
