import Testing

@testable import RecallTerminal

struct ReviewScreenRendererTests {
  private let plain = ReviewScreenRenderer(styler: Styler(usesColor: false))
  private let colored = ReviewScreenRenderer(styler: Styler(usesColor: true))

  private var choiceScreen: ReviewScreen {
    ReviewScreen(
      header: .init(done: 2, left: 18, title: "aws/컨테이너.md", counts: "new 2 · due 18"),
      notices: ["노트가 마지막 복습 이후 바뀌었습니다"],
      context: ["AWS", "컨테이너 서비스", "ECS"],
      prompt: "ECS에서 컨테이너를 실행하는 논리적 그룹은 무엇인가요?",
      instruction: "choose one",
      choices: [.init("클러스터"), .init("태스크 정의"), .init("서비스 검색과 로드 밸런싱 구성")],
      keyHints: [
        .init("1-3", "choose"), .init("s", "bury"), .init("?", "help"), .init("q", "quit"),
      ])
  }

  private var feedbackScreen: ReviewScreen {
    ReviewScreen(
      header: .init(done: 3, left: 17, title: "k8s.md"),
      context: ["쿠버네티스"],
      prompt: "파드를 여러 노드에 배치하는 구성 요소는?",
      answer: .typing(label: "answer:", text: "스케줄로"),
      feedback: .init(
        verdict: .typo,
        rightAnswer: [MarkedText("스케줄"), MarkedText("러", isDifferent: true)],
        userAnswer: [MarkedText("스케줄"), MarkedText("로", isDifferent: true)],
        source: "notes/k8s.md:42", grade: "hard (typo)", nextDue: "in 2 days"),
      keyHints: [.init("1-4", "grade"), .init("space", "next"), .init("u", "undo")])
  }

  @Test(arguments: [20, 24, 32, 40, 60, 80, 120])
  func everyLineFitsTheWidth(width: Int) {
    for screen in [choiceScreen, feedbackScreen] {
      for line in plain.render(screen, width: width) {
        #expect(DisplayWidth.of(line) <= width, "\(line)")
      }
      // With color the visible width is the same.
      for line in colored.render(screen, width: width) {
        let visible = line.replacing(/\x1B\[[0-9;]*m/, with: "")
        #expect(DisplayWidth.of(visible) <= width, "\(visible)")
      }
    }
  }

  @Test func choiceScreenAt40Columns() {
    let lines = plain.render(choiceScreen, width: 40)
    #expect(
      lines == [
        "2 done · 18 left aws/컨…  new 2 · due 18",
        String(repeating: "─", count: 40),
        "AWS › 컨테이너 서비스 › ECS",
        "! 노트가 마지막 복습 이후 바뀌었습니다",
        "",
        "ECS에서 컨테이너를 실행하는 논리적",
        "그룹은 무엇인가요?",
        "choose one",
        "",
        "  1) 클러스터",
        "  2) 태스크 정의",
        "  3) 서비스 검색과 로드 밸런싱 구성",
        String(repeating: "─", count: 40),
        "1-3 choose  s bury  ? help  q quit",
      ])
  }

  /// A choice made of a cell's lines shows each line on its own, under its number.
  @Test func multiLineChoicesKeepTheirLines() {
    var screen = choiceScreen
    screen.choices = [.init("완전 서버리스\n이벤트 기반 단위 작업 특화"), .init("쿠버네티스 생태계")]
    let lines = plain.render(screen, width: 60)
    let first = lines.firstIndex { $0.hasSuffix("1) 완전 서버리스") }
    #expect(first != nil, "\(lines)")
    if let first {
      #expect(lines[first + 1] == "     이벤트 기반 단위 작업 특화")
      #expect(lines[first + 2] == "  2) 쿠버네티스 생태계")
    }
  }

  @Test func choicesWrapUnderTheirNumberAt24Columns() throws {
    let lines = plain.render(choiceScreen, width: 24)
    let third = try #require(lines.firstIndex { $0.hasPrefix("  3) ") })
    #expect(lines[third] == "  3) 서비스 검색과 로드")
    #expect(lines[third + 1] == "     밸런싱 구성")
    #expect(lines.suffix(2) == ["1-3 choose  s bury", "? help  q quit"])
  }

  /// On a 40×20 terminal a long answer is cut, not the line with the grade and the next due
  /// date.
  @Test func theGradeAndNextDueStayOnAShortScreen() {
    var screen = feedbackScreen
    screen.feedback?.detail = String(repeating: "스케줄러는 파드를 노드에 배치합니다. ", count: 12)
    let lines = plain.render(screen, width: 40, height: 20)
    #expect(lines.count <= 20)
    #expect(lines.contains { $0.contains("grade hard") }, "\(lines)")
    #expect(lines.contains { $0.contains("in 2 days") }, "\(lines)")
    #expect(lines.contains("…"), "the detail is cut instead")
    #expect(lines.last?.contains("u undo") == true, "the key hints stay too")
  }

  @Test func feedbackMarksDifferencesWithCaretsWithoutColor() throws {
    let lines = plain.render(feedbackScreen, width: 40)
    #expect(lines.contains("~ right, with a typo"))
    let answer = try #require(lines.firstIndex(of: "answer  스케줄러"))
    #expect(lines[answer + 1] == "              ^^")
    #expect(lines[answer + 2] == "yours   스케줄로")
    #expect(lines[answer + 3] == "              ^^")
    // The facts wrap with a hanging indent.
    #expect(lines.contains("source notes/k8s.md:42  grade hard"))
    #expect(lines.contains("  (typo)  next in 2 days"))
    let wide = plain.render(feedbackScreen, width: 80)
    #expect(wide.contains("source notes/k8s.md:42  grade hard (typo)  next in 2 days"))
  }

  @Test func feedbackMarksDifferencesWithColor() {
    let lines = colored.render(feedbackScreen, width: 60)
    let yours = lines.first { $0.contains("스케줄") && $0.contains("yours") }
    #expect(yours?.contains("\u{1B}[31;4m로\u{1B}[0m") == true)
    #expect(!lines.contains { $0.contains("^^") })
  }

  @Test func tallScreensKeepTheKeyHints() {
    let lines = plain.render(choiceScreen, width: 40, height: 8)
    #expect(lines.count == 8)
    #expect(lines.last == "1-3 choose  s bury  ? help  q quit")
    #expect(lines[5] == "…")
  }

  @Test func typingCursorFollowsTheLabelAndText() throws {
    var screen = feedbackScreen
    screen.feedback = nil
    screen.answer = .typing(label: "answer:", text: "")
    let empty = plain.layout(screen, width: 40)
    let row = try #require(empty.cursor?.row)
    #expect(empty.lines[row] == "answer:")
    #expect(empty.cursor?.column == 8)
    screen.answer = .typing(label: "answer:", text: "스케줄")
    let typed = plain.layout(screen, width: 40)
    #expect(typed.cursor == RenderedScreen.Position(row: row, column: 14))
    #expect(plain.layout(choiceScreen, width: 40).cursor == nil)
  }

  @Test func asciiGlyphsAvoidAmbiguousWidthCharacters() {
    var screen = choiceScreen
    screen.choices[0].mark = .right
    screen.header.counts = "new 2 / due 18"  // the caller's text, ASCII here
    let ascii = ReviewScreenRenderer(styler: Styler(usesColor: false), glyphs: .ascii)
    for width in [20, 40, 80] {
      for line in ascii.render(screen, width: width) + ascii.render(feedbackScreen, width: width) {
        for character in line where !character.isASCII {
          // Only the notes' own text (Hangul here) is left.
          #expect(DisplayWidth.of(character) == 2, "\(character) in \(line)")
        }
      }
    }
    #expect(ascii.render(screen, width: 40).contains("+ 1) 클러스터"))
  }

  @Test func choiceMarksAfterAnswering() {
    var screen = choiceScreen
    screen.choices[0].mark = .right
    screen.choices[1].mark = .pickedWrong
    let lines = plain.render(screen, width: 40)
    #expect(lines.contains("✓ 1) 클러스터"))
    #expect(lines.contains("✗ 2) 태스크 정의"))
  }
}
