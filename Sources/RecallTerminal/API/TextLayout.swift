/// A run of text shown in one role (plain, emphasis, right, wrong, ...).
public struct StyledSpan: Hashable, Sendable {
  /// The text, already made safe for the terminal.
  public var text: String
  /// How the text is shown when color is on.
  public var role: TextRole

  /// Creates a span.
  public init(_ text: String, _ role: TextRole = .plain) {
    self.text = text
    self.role = role
  }
}

/// One line of styled spans, fitted to a width.
public typealias StyledLine = [StyledSpan]

/// Wrapping, padding and truncation of text by display columns.
///
/// Lines break at spaces where possible; a word wider than the line (a long URL, or Korean or
/// Chinese text written without spaces) breaks between grapheme clusters. Widths are counted
/// with ``DisplayWidth``, so a Hangul syllable takes two columns.
public enum TextLayout {
  /// Wraps plain text to lines of at most `width` columns; `\n` starts a new line.
  ///
  /// - Parameters:
  ///   - text: The text, already made safe with ``SafeText``.
  ///   - width: The number of columns per line; at least 1 is used.
  ///   - indent: Text put before every line after the first (a hanging indent).
  /// - Returns: The lines, without trailing spaces; an empty text gives one empty line.
  public static func wrap(_ text: String, width: Int, indent: String = "") -> [String] {
    wrap([StyledSpan(text)], width: width, indent: indent).map { line in
      line.map(\.text).joined()
    }
  }

  /// Wraps styled spans to lines of at most `width` columns, keeping each piece's role.
  public static func wrap(_ spans: [StyledSpan], width: Int, indent: String = "") -> [StyledLine] {
    let width = max(1, width)
    let indentWidth = DisplayWidth.of(indent)
    // Cells: one grapheme cluster with its role.
    var paragraphs: [[Cell]] = [[]]
    for span in spans {
      for character in span.text {
        if character == "\n" || character == "\r\n" {
          paragraphs.append([])
        } else {
          paragraphs[paragraphs.count - 1].append(
            Cell(character: character, role: span.role, width: DisplayWidth.of(character)))
        }
      }
    }
    var lines: [[Cell]] = []
    for paragraph in paragraphs {
      var line: [Cell] = []
      var lineWidth = 0
      var brokeInParagraph = false
      func available() -> Int { lines.isEmpty ? width : max(1, width - indentWidth) }
      func finish() {
        while let last = line.last, last.character == " " { line.removeLast() }
        lines.append(line)
        line = []
        lineWidth = 0
        brokeInParagraph = true
      }
      for word in words(paragraph) {
        let isSpace = word.first?.character == " "
        let wordWidth = word.reduce(0) { $0 + $1.width }
        if isSpace {
          // Spaces at a wrapped line's start are dropped; a paragraph's own indent is kept.
          if lineWidth == 0 && brokeInParagraph { continue }
          if lineWidth + wordWidth <= available() {
            line += word
            lineWidth += wordWidth
          } else {
            finish()
          }
          continue
        }
        if lineWidth + wordWidth <= available() {
          line += word
          lineWidth += wordWidth
          continue
        }
        if lineWidth > 0 && wordWidth <= available() {
          finish()
          line = word
          lineWidth = wordWidth
          continue
        }
        // The word is wider than a line: break it between clusters.
        for cell in word {
          if lineWidth + cell.width > available() && lineWidth > 0 { finish() }
          line.append(cell)
          lineWidth += cell.width
        }
      }
      finish()
    }
    return lines.enumerated().map { index, cells in
      var styled: StyledLine = index > 0 && !indent.isEmpty ? [StyledSpan(indent)] : []
      for cell in cells {
        if let last = styled.last, last.role == cell.role {
          styled[styled.count - 1].text.append(cell.character)
        } else {
          styled.append(StyledSpan(String(cell.character), cell.role))
        }
      }
      return styled
    }
  }

  /// Cuts text to at most `width` columns, ending it with `ellipsis` when something was cut.
  public static func truncate(_ text: String, width: Int, ellipsis: String = "…") -> String {
    guard width > 0 else { return "" }
    if DisplayWidth.of(text) <= width { return text }
    let room = width - DisplayWidth.of(ellipsis)
    guard room >= 0 else { return "" }
    var result = ""
    var used = 0
    for character in text {
      let characterWidth = DisplayWidth.of(character)
      if used + characterWidth > room { break }
      result.append(character)
      used += characterWidth
    }
    return result + ellipsis
  }

  /// Pads text with spaces on the right to exactly `width` columns, truncating it if wider.
  public static func pad(_ text: String, to width: Int, ellipsis: String = "…") -> String {
    let cut = truncate(text, width: width, ellipsis: ellipsis)
    return cut + String(repeating: " ", count: max(0, width - DisplayWidth.of(cut)))
  }

  /// Pads text with spaces on the left to exactly `width` columns, truncating it if wider.
  public static func padLeft(_ text: String, to width: Int, ellipsis: String = "…") -> String {
    let cut = truncate(text, width: width, ellipsis: ellipsis)
    return String(repeating: " ", count: max(0, width - DisplayWidth.of(cut))) + cut
  }

  /// The columns a styled line takes.
  public static func width(of line: StyledLine) -> Int {
    line.reduce(0) { $0 + DisplayWidth.of($1.text) }
  }

  /// One grapheme cluster with its role and width.
  private struct Cell {
    var character: Character
    var role: TextRole
    var width: Int
  }

  /// Splits cells into words and runs of spaces, in order.
  private static func words(_ cells: [Cell]) -> [[Cell]] {
    var result: [[Cell]] = []
    var current: [Cell] = []
    var currentIsSpace = false
    for cell in cells {
      let isSpace = cell.character == " "
      if !current.isEmpty && isSpace != currentIsSpace {
        result.append(current)
        current = []
      }
      currentIsSpace = isSpace
      current.append(cell)
    }
    if !current.isEmpty { result.append(current) }
    return result
  }
}
