/// Turns a ``ReviewScreen`` into lines of text fitted to a width, with or without color.
///
/// Pure: the same screen, width and styler always give the same lines, so the layout is
/// tested without a terminal. Every line is at most `width` columns wide. Without color,
/// differences in answers are marked by a line of `^` under them.
public struct ReviewScreenRenderer: Sendable {
  /// The styler that adds color, or not.
  public var styler: Styler
  /// The symbols used for rules, marks and cut text.
  public var glyphs: Glyphs

  /// Creates a renderer.
  public init(styler: Styler, glyphs: Glyphs = .unicode) {
    self.styler = styler
    self.glyphs = glyphs
  }

  /// The symbols the screen uses beyond plain text.
  ///
  /// ``unicode`` uses box drawing and check marks, which are East Asian Ambiguous: a terminal
  /// set to show ambiguous characters wide (an option some CJK users turn on) would draw
  /// them two columns wide and break the layout. ``ascii`` avoids them.
  public struct Glyphs: Hashable, Sendable {
    /// The character of horizontal rules.
    public var rule: Character
    /// Between the parts of the context path.
    public var pathSeparator: String
    /// Marks the right choice.
    public var right: String
    /// Marks a wrong choice.
    public var wrong: String
    /// Ends cut text.
    public var ellipsis: String
    /// What goes between two counts, such as `done` and `left`.
    public var countSeparator: String

    /// Creates glyphs; every one must be one column wide.
    public init(
      rule: Character, pathSeparator: String, right: String, wrong: String, ellipsis: String,
      countSeparator: String = " · "
    ) {
      self.countSeparator = countSeparator
      self.rule = rule
      self.pathSeparator = pathSeparator
      self.right = right
      self.wrong = wrong
      self.ellipsis = ellipsis
    }

    /// Box drawing, ›, ✓, ✗ and ….
    public static let unicode = Glyphs(
      rule: "─", pathSeparator: " › ", right: "✓", wrong: "✗", ellipsis: "…")
    /// ASCII only: -, >, +, x and ...
    public static let ascii = Glyphs(
      rule: "-", pathSeparator: " > ", right: "+", wrong: "x", ellipsis: "...", countSeparator: ", ")
  }

  /// The screen's lines for a terminal `width` columns wide (at least 20 is used).
  ///
  /// - Parameters:
  ///   - screen: What to show.
  ///   - width: The terminal's columns.
  ///   - height: The terminal's rows; if the screen is taller, lines above the key hints are
  ///     dropped from the end of the body and replaced by `…`.
  public func render(_ screen: ReviewScreen, width: Int, height: Int? = nil) -> [String] {
    renderStyled(screen, width: width, height: height).map(styler.render)
  }

  /// The screen's styled lines, before they become strings.
  public func renderStyled(_ screen: ReviewScreen, width: Int, height: Int? = nil)
    -> [StyledLine]
  {
    layoutStyled(screen, width: width, height: height).lines
  }

  /// The screen's lines and, when the screen has a typing area, where the cursor goes for
  /// line input (0-based row and column; see ``TerminalSession/moveCursor(row:column:)``).
  public func layout(_ screen: ReviewScreen, width: Int, height: Int? = nil) -> RenderedScreen {
    let styled = layoutStyled(screen, width: width, height: height)
    return RenderedScreen(lines: styled.lines.map(styler.render), cursor: styled.cursor)
  }

  /// The styled lines and the typing cursor.
  private func layoutStyled(_ screen: ReviewScreen, width: Int, height: Int?)
    -> (lines: [StyledLine], cursor: RenderedScreen.Position?)
  {
    var cursor: RenderedScreen.Position?
    let width = max(20, width)
    var body: [StyledLine] = []
    body.append(headerLine(screen.header, width: width))
    body.append([StyledSpan(String(repeating: glyphs.rule, count: width), .dim)])
    if !screen.context.isEmpty {
      let path = screen.context.map { safe($0, inline: true) }.joined(
        separator: glyphs.pathSeparator)
      body.append([
        StyledSpan(TextLayout.truncate(path, width: width, ellipsis: glyphs.ellipsis), .dim)
      ])
    }
    for notice in screen.notices {
      body += TextLayout.wrap(
        [StyledSpan("! " + safe(notice, inline: true), .warning)],
        width: width, indent: "  ")
    }
    body.append([])
    body += TextLayout.wrap([StyledSpan(safe(screen.prompt), .emphasis)], width: width)
    if let instruction = screen.instruction {
      body += TextLayout.wrap([StyledSpan(safe(instruction, inline: true), .dim)], width: width)
    }
    if !screen.choices.isEmpty {
      body.append([])
      let numberWidth = String(screen.choices.count).count
      for (index, choice) in screen.choices.enumerated() {
        let number = TextLayout.padLeft(String(index + 1), to: numberWidth)
        let marker: StyledSpan
        let role: TextRole
        switch choice.mark {
        case .none:
          marker = StyledSpan("  ")
          role = .plain
        case .right:
          marker = StyledSpan(glyphs.right + " ", .right)
          role = .right
        case .pickedWrong:
          marker = StyledSpan(glyphs.wrong + " ", .wrong)
          role = .wrong
        }
        let lead = [marker, StyledSpan(number, .key), StyledSpan(") ")]
        let indent = String(repeating: " ", count: 2 + numberWidth + 2)
        // Each line of a multi-line choice (a cell's bullets) starts a line of its own.
        let wrapped = choice.text.split(separator: "\n", omittingEmptySubsequences: true)
          .flatMap { textLine in
            TextLayout.wrap(
              [StyledSpan(safe(String(textLine), inline: true), role)],
              width: width - indent.count)
          }
        for (lineIndex, line) in wrapped.enumerated() {
          body.append((lineIndex == 0 ? lead : [StyledSpan(indent)]) + line)
        }
      }
    }
    switch screen.answer {
    case .none:
      break
    case .hidden:
      body.append([])
      body.append([StyledSpan("(answer hidden)", .dim)])
    case .typing(let label, let text):
      body.append([])
      let safeLabel = safe(label, inline: true) + " "
      body += TextLayout.wrap(
        [StyledSpan(safeLabel, .key), StyledSpan(safe(text, inline: true))], width: width,
        indent: String(repeating: " ", count: min(DisplayWidth.of(safeLabel), width / 2)))
      let lastWidth = TextLayout.width(of: body[body.count - 1])
      cursor = RenderedScreen.Position(
        row: body.count - 1, column: min(width - 1, lastWidth + (text.isEmpty ? 1 : 0)))
    case .shown(let text):
      body.append([])
      body += TextLayout.wrap([StyledSpan(safe(text), .right)], width: width)
    }
    // The source, grade and next due date are kept on a short screen: the body above them is
    // cut instead.
    var facts: [StyledLine] = []
    if let feedback = screen.feedback {
      body.append([])
      body += feedbackLines(feedback, width: width)
      facts = factLines(feedback, width: width)
    }
    var footer: [StyledLine] = []
    if !screen.keyHints.isEmpty {
      footer.append([StyledSpan(String(repeating: glyphs.rule, count: width), .dim)])
      footer += hintLines(screen.keyHints, width: width)
    }
    if let height, body.count + facts.count + footer.count > height {
      let room = max(1, height - footer.count - facts.count)
      body = Array(body.prefix(room - 1)) + [[StyledSpan(glyphs.ellipsis, .dim)]]
      if let row = cursor?.row, row >= room - 1 { cursor = nil }
    }
    return (body + facts + footer, cursor)
  }

  /// Progress and title on the left, counts on the right.
  private func headerLine(_ header: ReviewScreen.Header, width: Int) -> StyledLine {
    let progress = "\(header.done) done\(glyphs.countSeparator)\(header.left) left"
    let counts = safe(header.counts, inline: true)
    let title = safe(header.title, inline: true)
    let countsWidth = min(DisplayWidth.of(counts), max(0, width - DisplayWidth.of(progress) - 2))
    let shownCounts = TextLayout.truncate(counts, width: countsWidth, ellipsis: glyphs.ellipsis)
    let titleRoom = width - DisplayWidth.of(progress) - 1 - countsWidth - (countsWidth > 0 ? 1 : 0)
    var shownTitle = TextLayout.pad(title, to: max(0, titleRoom), ellipsis: glyphs.ellipsis)
    if countsWidth == 0 {
      shownTitle = TextLayout.truncate(title, width: max(0, titleRoom), ellipsis: glyphs.ellipsis)
    }
    var line: StyledLine = [
      StyledSpan(progress, .key), StyledSpan(" "), StyledSpan(shownTitle, .emphasis),
    ]
    if countsWidth > 0 { line += [StyledSpan(" "), StyledSpan(shownCounts, .dim)] }
    return line
  }

  /// The verdict, the right answer, the user's answer and the detail.
  private func feedbackLines(_ feedback: ReviewScreen.Feedback, width: Int) -> [StyledLine] {
    var lines: [StyledLine] = []
    switch feedback.verdict {
    case .right: lines.append([StyledSpan(glyphs.right + " right", .right)])
    case .typo: lines.append([StyledSpan("~ right, with a typo", .warning)])
    case .wrong: lines.append([StyledSpan(glyphs.wrong + " wrong", .wrong)])
    case .selfGraded: break
    }
    let labelWidth = 8
    lines += markedLines(
      label: "answer", feedback.rightAnswer, differentRole: .missing, role: .right,
      labelWidth: labelWidth, width: width)
    if let user = feedback.userAnswer {
      lines += markedLines(
        label: "yours", user, differentRole: .wrong, role: .plain, labelWidth: labelWidth,
        width: width)
    }
    if let detail = feedback.detail, !detail.isEmpty {
      lines += TextLayout.wrap([StyledSpan(safe(detail), .plain)], width: width)
    }
    return lines
  }

  /// The line under the feedback: the note and line the card comes from, the grade and when
  /// the card comes back.
  private func factLines(_ feedback: ReviewScreen.Feedback, width: Int) -> [StyledLine] {
    var facts: [StyledSpan] = [
      StyledSpan("source ", .dim), StyledSpan(safe(feedback.source, inline: true)),
    ]
    if let grade = feedback.grade {
      facts += [StyledSpan("  grade ", .dim), StyledSpan(safe(grade, inline: true), .emphasis)]
    }
    if let due = feedback.nextDue {
      facts += [StyledSpan("  next ", .dim), StyledSpan(safe(due, inline: true))]
    }
    return TextLayout.wrap(facts, width: width, indent: "  ")
  }

  /// A labelled answer, wrapped under its label, with differences marked by role or by a
  /// caret line when there is no color.
  private func markedLines(
    label: String, _ pieces: [MarkedText], differentRole: TextRole, role: TextRole,
    labelWidth: Int, width: Int
  ) -> [StyledLine] {
    let indent = String(repeating: " ", count: labelWidth)
    let spans = pieces.map { piece in
      StyledSpan(safe(piece.text), piece.isDifferent ? differentRole : role)
    }
    let wrapped = TextLayout.wrap(spans, width: width - labelWidth)
    var lines: [StyledLine] = []
    for (index, line) in wrapped.enumerated() {
      let lead = index == 0 ? TextLayout.pad(label, to: labelWidth) : indent
      lines.append([StyledSpan(lead, .dim)] + line)
      if !styler.usesColor, line.contains(where: { $0.role == differentRole }) {
        var carets = indent
        for span in line {
          let mark: Character = span.role == differentRole ? "^" : " "
          carets += String(repeating: mark, count: DisplayWidth.of(span.text))
        }
        while carets.last == " " { carets.removeLast() }
        lines.append([StyledSpan(carets)])
      }
    }
    return lines
  }

  /// The key hints, wrapped at hint boundaries.
  private func hintLines(_ hints: [ReviewScreen.KeyHint], width: Int) -> [StyledLine] {
    var lines: [StyledLine] = []
    var line: StyledLine = []
    var used = 0
    for hint in hints {
      let key = safe(hint.key, inline: true)
      let action = safe(hint.action, inline: true)
      let hintWidth = DisplayWidth.of(key) + 1 + DisplayWidth.of(action)
      let gap = line.isEmpty ? 0 : 2
      if used + gap + hintWidth > width && !line.isEmpty {
        lines.append(line)
        line = []
        used = 0
      }
      if !line.isEmpty { line.append(StyledSpan("  ")) }
      line += [StyledSpan(key, .key), StyledSpan(" " + action, .dim)]
      used += (line.count > 2 ? 2 : 0) + hintWidth
    }
    if !line.isEmpty { lines.append(line) }
    return lines.flatMap { line in
      TextLayout.width(of: line) <= width ? [line] : TextLayout.wrap(line, width: width)
    }
  }

  /// Text made safe; `inline` also turns line breaks into spaces.
  private func safe(_ text: String, inline: Bool = false) -> String {
    let clean = SafeText.sanitize(text)
    return inline ? clean.replacingNewlines() : clean
  }
}

/// Rendered lines with the place of the typing cursor.
public struct RenderedScreen: Hashable, Sendable {
  /// A 0-based place on the screen.
  public struct Position: Hashable, Sendable {
    /// The 0-based line.
    public var row: Int
    /// The 0-based column.
    public var column: Int

    /// Creates a position.
    public init(row: Int, column: Int) {
      self.row = row
      self.column = column
    }
  }

  /// The lines, fitted to the width.
  public var lines: [String]
  /// Where the cursor goes for line input: right after the typing area's label and text;
  /// nil without a typing area or when it was cut off.
  public var cursor: Position?
}

extension String {
  /// The string with line breaks turned into spaces.
  fileprivate func replacingNewlines() -> String {
    String(map { $0 == "\n" ? " " : $0 })
  }
}
