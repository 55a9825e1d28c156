import RecallMarkdown
import Testing

/// Structural promises every parsed document keeps, whatever the input.
enum Invariants {
  /// The problems found in `document` parsed from a note of `lineCount` lines.
  static func violations(
    in document: MarkdownDocument, lineCount: Int, maxDepth: Int = MarkdownParser.Options().maxNestingDepth
  ) -> [String] {
    var problems: [String] = []
    func check(_ location: Location, _ what: String) {
      if location.line < 1 || location.line > max(1, lineCount) || location.column < 1 {
        problems.append("\(what) at \(location) is outside the note (\(lineCount) lines)")
      }
    }
    // An explicit stack: the walk itself must not depend on the nesting depth.
    var stack: [(blocks: [Block], depth: Int, after: Location)] = [(document.blocks, 0, Location(line: 1, column: 1))]
    while let (blocks, depth, _) = stack.popLast() {
      if depth > maxDepth { problems.append("nesting depth \(depth) exceeds \(maxDepth)") }
      var previous = Location(line: 0, column: 0)
      for block in blocks {
        check(block.location, "block")
        if block.location.line < previous.line {
          problems.append("block at \(block.location) comes before the one at \(previous)")
        }
        previous = block.location
        switch block {
        case .heading(let heading):
          if !(1...6).contains(heading.level) { problems.append("heading level \(heading.level)") }
        case .table(let table):
          let width = table.header.cells.count
          if width == 0 { problems.append("table with no columns at \(table.location)") }
          if table.alignments.count != width { problems.append("alignments ≠ header width at \(table.location)") }
          for row in table.rows {
            check(row.location, "table row")
            if row.cells.count != width {
              problems.append("row at \(row.location) has \(row.cells.count) cells, header \(width)")
            }
          }
        case .list(let list):
          if list.items.isEmpty { problems.append("list with no items at \(list.location)") }
          for item in list.items {
            check(item.location, "list item")
            stack.append((item.blocks, depth + 2, item.location))
          }
        case .blockQuote(let quote):
          stack.append((quote.blocks, depth + 1, quote.location))
        default:
          break
        }
      }
    }
    return problems
  }

  /// The number of lines of `bytes` as the parser counts them.
  static func lineCount(_ bytes: [UInt8]) -> Int {
    var lines = 1
    var index = 0
    while index < bytes.count {
      if bytes[index] == 0x0A {
        lines += 1
      } else if bytes[index] == 0x0D {
        if index + 1 < bytes.count && bytes[index + 1] == 0x0A { index += 1 }
        lines += 1
      }
      index += 1
    }
    return lines
  }
}
