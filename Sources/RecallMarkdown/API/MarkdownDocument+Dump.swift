import Foundation

extension MarkdownDocument {
  /// The block tree as indented text, one block per line with its `line:column`.
  ///
  /// ```
  /// 1:1 heading 1 "ECS / EKS / Lambda"
  /// 3:1 table 4 columns, 11 rows
  /// ```
  public func treeDescription() -> String {
    var text = ""
    treeDescription { text += $0 }
    return text
  }

  /// The lines of ``treeDescription()`` given to `write` one at a time, each with its line
  /// break (a long paragraph's text as a piece of its own): a paragraph's line can be tens of
  /// megabytes, and the tree is never held whole.
  public func treeDescription(into write: (String) -> Void) {
    if let frontMatter {
      write("\(frontMatter.location) front matter (\(frontMatter.fields.count) fields)\n")
    }
    Self.describe(blocks, indent: "", into: write)
  }

  private static func quoted(_ text: String) -> String {
    var line = ""
    appendQuoted(text, to: &line)
    return line
  }

  /// Appends `text` in quotes, its backslashes, quotes and line breaks escaped; text with none
  /// of them is appended as it is, without the copies the escaping makes.
  private static func appendQuoted(_ text: String, to line: inout String) {
    line += "\""
    if text.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") }) {
      line += text.replacingOccurrences(of: "\\", with: "\\\\")
        .replacingOccurrences(of: "\"", with: "\\\"")
        .replacingOccurrences(of: "\n", with: "\\n")
    } else {
      line += text
    }
    line += "\""
  }

  private static func describe(_ blocks: [Block], indent: String, into write: (String) -> Void) {
    for block in blocks {
      let prefix = "\(indent)\(block.location) "
      switch block {
      case .heading(let heading):
        write(prefix + "heading \(heading.level) " + quoted(heading.content.plainText) + "\n")
      case .paragraph(let paragraph):
        let text = paragraph.content.plainText
        var line = prefix + "paragraph "
        if text.utf8.count > 65_536 && !text.unicodeScalars.contains(where: { $0 == "\\" || $0 == "\"" || $0.value < 0x20 || $0.value >= 0x7F }) {
          // A long text of printable ASCII without quotes or backslashes: written as it is,
          // between the pieces of its line, without a copy.
          write(line + "\"")
          write(text)
          line = "\""
        } else {
          appendQuoted(text, to: &line)
        }
        let strong = paragraph.content.strongTexts
        if !strong.isEmpty { line += " strong: " + strong.map(quoted).joined(separator: ", ") }
        line += "\n"
        write(line)
      case .list(let list):
        let kind = list.isOrdered ? "ordered list from \(list.start)" : "bullet list"
        write(prefix + kind + (list.isTight ? ", tight" : ", loose") + "\n")
        for item in list.items {
          write("\(indent)  \(item.location) item\n")
          describe(item.blocks, indent: indent + "    ", into: write)
        }
      case .table(let table):
        write(prefix + "table \(table.header.cells.count) columns, \(table.rows.count) rows\n")
        for row in [table.header] + table.rows {
          let cells = row.cells.map { cell in
            cell.lines.map { ($0.isBullet ? "• " : "") + $0.text }.joined(separator: " / ")
          }
          write("\(indent)  \(row.location) | " + cells.joined(separator: " | ") + " |\n")
        }
      case .codeBlock(let code):
        let kind = code.isFenced ? "fenced code" : "indented code"
        let info = code.info.isEmpty ? "" : " " + quoted(code.info)
        let count = code.text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        write(prefix + kind + info + ", \(count) lines\n")
      case .blockQuote(let quote):
        write(prefix + "block quote\n")
        describe(quote.blocks, indent: indent + "  ", into: write)
      case .htmlBlock(let html):
        write(prefix + "html " + quoted(html.html) + "\n")
      case .thematicBreak:
        write(prefix + "thematic break\n")
      }
    }
  }

  /// The block structure as JSON-ready values, in the schema of cmark-gfm's oracle script.
  ///
  /// Keys follow `shared/markdown/oracle.py`: `type`, then `level`/`text`/`strong`, `align`/
  /// `header`/`rows`, `ordered`/`start`/`tight`/`items`, `blocks`, `info`/`text`, `html`.
  /// - Parameters:
  ///   - locations: Whether each block gets `line` and `column`.
  ///   - keepInlineHTML: Whether inline HTML other than `<br>` stays in text, as the oracle
  ///     keeps it (Recall's own ``InlineText/plainText`` drops it).
  public func structure(locations: Bool = false, keepInlineHTML: Bool = true) -> [String: Any] {
    var result: [String: Any] = [
      "blocks": Self.structure(blocks, locations: locations, keepHTML: keepInlineHTML)
    ]
    if let frontMatter { result["front_matter"] = frontMatter.raw }
    return result
  }

  private static func structure(_ blocks: [Block], locations: Bool, keepHTML: Bool) -> [[String:
    Any]]
  {
    blocks.map { block in
      var object: [String: Any]
      switch block {
      case .heading(let heading):
        object = ["type": "heading", "level": heading.level, "text": plain(heading.content.nodes, keepHTML)]
      case .paragraph(let paragraph):
        object = ["type": "paragraph", "text": plain(paragraph.content.nodes, keepHTML)]
        var strong: [String] = []
        collectStrong(paragraph.content.nodes, keepHTML, into: &strong)
        if !strong.isEmpty { object["strong"] = strong }
      case .table(let table):
        object = [
          "type": "table", "align": table.alignments.map(\.rawValue),
          "header": table.header.cells.map { plain($0.content.nodes, keepHTML) },
          "rows": table.rows.map { row in row.cells.map { plain($0.content.nodes, keepHTML) } },
        ]
      case .list(let list):
        object = ["type": "list", "ordered": list.isOrdered, "tight": list.isTight]
        if list.isOrdered { object["start"] = list.start }
        object["items"] = list.items.map { structure($0.blocks, locations: locations, keepHTML: keepHTML) }
      case .blockQuote(let quote):
        object = ["type": "block_quote", "blocks": structure(quote.blocks, locations: locations, keepHTML: keepHTML)]
      case .codeBlock(let code):
        object = ["type": "code_block", "info": code.info, "text": code.text]
      case .htmlBlock(let html):
        object = ["type": "html_block", "html": html.html]
      case .thematicBreak:
        object = ["type": "thematic_break"]
      }
      if locations {
        object["line"] = block.location.line
        object["column"] = block.location.column
      }
      return object
    }
  }

  /// The oracle's plain-text rule: breaks become line ends, lines trimmed, empty ones dropped.
  static func plain(_ nodes: [Inline], _ keepHTML: Bool) -> String {
    var buffer = ""
    appendOraclePlain(nodes, keepHTML, to: &buffer)
    return buffer.split(separator: "\n", omittingEmptySubsequences: false)
      .map(trimmedLikePython)
      .filter { !$0.isEmpty }
      .joined(separator: "\n")
  }

  /// Trims the characters Python's `str.strip()` removes (the oracle's rule).
  static func trimmedLikePython(_ line: Substring) -> String {
    func isSpace(_ scalar: Unicode.Scalar) -> Bool {
      switch scalar.value {
      case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F,
        0x205F, 0x3000:
        return true
      default:
        return false
      }
    }
    let scalars = line.unicodeScalars
    guard let first = scalars.firstIndex(where: { !isSpace($0) }),
      let last = scalars.lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(scalars[first...last])
  }

  private static func appendOraclePlain(_ nodes: [Inline], _ keepHTML: Bool, to buffer: inout String) {
    for node in nodes {
      switch node {
      case .text(let text), .code(let text): buffer += text
      case .strong(let children), .emphasis(let children), .strikethrough(let children):
        appendOraclePlain(children, keepHTML, to: &buffer)
      case .link(let text, _): appendOraclePlain(text, keepHTML, to: &buffer)
      case .image(let alt, _): buffer += alt
      case .html(let raw): if keepHTML { buffer += raw }
      case .lineBreak, .softBreak: buffer += "\n"
      }
    }
  }

  private static func collectStrong(_ nodes: [Inline], _ keepHTML: Bool, into found: inout [String]) {
    for node in nodes {
      switch node {
      case .strong(let children): found.append(plain(children, keepHTML))
      case .emphasis(let children), .strikethrough(let children): collectStrong(children, keepHTML, into: &found)
      case .link(let text, _): collectStrong(text, keepHTML, into: &found)
      default: break
      }
    }
  }
}
