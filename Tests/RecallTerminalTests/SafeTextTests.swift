import Testing

@testable import RecallTerminal

struct SafeTextTests {
  @Test func escapeAndControlsBecomeCaretForms() {
    #expect(SafeText.sanitize("a\u{1B}[31mred") == "a^[[31mred")
    #expect(SafeText.sanitize("bell\u{07}") == "bell^G")
    #expect(SafeText.sanitize("del\u{7F}") == "del^?")
    #expect(SafeText.sanitize("cr\rlf") == "cr^Mlf")
  }

  @Test func c1AndBidiControlsBecomeCodePoints() {
    #expect(SafeText.sanitize("x\u{9B}31m") == "x<U+009B>31m")
    #expect(SafeText.sanitize("abc\u{202E}fed") == "abc<U+202E>fed")
    #expect(SafeText.sanitize("\u{2066}iso\u{2069}") == "<U+2066>iso<U+2069>")
  }

  @Test func tabsExpandToTabStops() {
    #expect(SafeText.sanitize("a\tb", tabWidth: 4) == "a   b")
    #expect(SafeText.sanitize("한\tb", tabWidth: 4) == "한  b")
    #expect(SafeText.sanitize("\tx", tabWidth: 2) == "  x")
  }

  @Test func newlinesAreKeptOrShown() {
    #expect(SafeText.sanitize("a\nb") == "a\nb")
    #expect(SafeText.sanitize("a\r\nb") == "a\nb")
    #expect(SafeText.sanitize("a\nb", keepNewlines: false) == "a^Jb")
    // Tab stops count from each line's start; a CR LF is a line break.
    #expect(SafeText.sanitize("abc\n\tx\r\nyz\tw\u{1B}\r") == "abc\n    x\nyz  w^[^M")
  }

  @Test func inlineTextShowsItsNewlines() {
    #expect(SafeText.inline("notes/a\nb\u{1B}]0;x\u{07}.md") == "notes/a^Jb^[]0;x^G.md")
    #expect(SafeText.inline("plain name.md") == "plain name.md")
  }

  /// For files: controls shown visibly, but the ones kept; tabs are not expanded.
  @Test func visibleKeepsWhatItIsTold() {
    let text = "a\tb\r\nc\u{1B}[2J\u{9B}\u{202E}"
    #expect(SafeText.visible(text, keeping: ["\t", "\n", "\r"]) == "a\tb\r\nc^[[2J<U+009B><U+202E>")
    #expect(SafeText.visible(text, keeping: ["\n"]) == "a^Ib^M\nc^[[2J<U+009B><U+202E>")
    #expect(SafeText.visible("한국어 ✓", keeping: []) == "한국어 ✓")
  }

  @Test func koreanAndEmojiPassUnchanged() {
    let text = "쿠버네티스 파드 👍🏽 é"
    #expect(SafeText.sanitize(text) == text)
  }

  /// Every byte sequence that could reach the terminal is checked: no ESC, no C1, no DEL.
  @Test func noEscapeOrC1ByteSurvives() {
    var hostile = ""
    for value in UInt32(0)...0x9F {
      if let scalar = Unicode.Scalar(value) { hostile.unicodeScalars.append(scalar) }
    }
    hostile += "\u{1B}]0;title\u{07}\u{1B}P\u{1B}\\\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}"
    hostile += "e\u{1B}\u{0301}"  // an ESC hidden inside a grapheme cluster
    let safe = SafeText.sanitize(hostile, keepNewlines: false)
    let bytes = Array(safe.utf8)
    #expect(!bytes.contains(0x1B))
    #expect(!bytes.contains(0x7F))
    #expect(bytes.allSatisfy { $0 >= 0x20 })
    // C1 controls are U+0080–U+009F, encoded in UTF-8 as C2 80 – C2 9F.
    for index in bytes.indices.dropLast() where bytes[index] == 0xC2 {
      #expect(!(0x80...0x9F).contains(bytes[index + 1]))
    }
    for scalar in safe.unicodeScalars { #expect(!SafeText.isUnsafe(scalar)) }
  }

  @Test func rendererSanitizesNoteText() {
    let screen = ReviewScreen(
      header: .init(done: 0, left: 1, title: "evil\u{1B}]0;x\u{07}.md"),
      context: ["\u{1B}[2J"], prompt: "Q\u{1B}[31m?\u{9B}", choices: [.init("\u{202E}abc")],
      feedback: .init(
        verdict: .wrong, rightAnswer: [MarkedText("a\u{1B}c")],
        userAnswer: [MarkedText("\u{1B}", isDifferent: true)], source: "f\u{1B}.md:1"),
      keyHints: [.init("q", "quit\u{1B}")])
    for styled in [false, true] {
      let lines = ReviewScreenRenderer(styler: Styler(usesColor: styled)).render(screen, width: 40)
      let text = lines.joined(separator: "\n")
      if styled {
        // Only the styler's own SGR sequences may contain ESC.
        let stripped = text.replacing(/\x1B\[[0-9;]*m/, with: "")
        #expect(!stripped.utf8.contains(0x1B))
      } else {
        #expect(!text.utf8.contains(0x1B))
      }
      #expect(!text.unicodeScalars.contains("\u{9B}"))
      #expect(!text.unicodeScalars.contains("\u{202E}"))
    }
  }
}
