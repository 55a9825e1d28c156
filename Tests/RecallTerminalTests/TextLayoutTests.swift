import Testing

@testable import RecallTerminal

struct TextLayoutTests {
  @Test func wrapsAtSpacesByDisplayWidth() {
    let lines = TextLayout.wrap("컨테이너 오케스트레이션 서비스", width: 12)
    // A word wider than the line fills the current line first, as Korean text breaks
    // between syllables.
    #expect(lines == ["컨테이너 오", "케스트레이션", "서비스"])
    #expect(TextLayout.wrap("컨테이너 오케스트레이션 서비스", width: 16) == ["컨테이너", "오케스트레이션", "서비스"])
    for line in lines { #expect(DisplayWidth.of(line) <= 12) }
  }

  @Test func wrapsEnglishAtSpaces() {
    #expect(
      TextLayout.wrap("the quick brown fox jumps", width: 10) == [
        "the quick", "brown fox", "jumps",
      ])
  }

  @Test func breaksKoreanWithoutSpacesBetweenSyllables() {
    let lines = TextLayout.wrap("가나다라마바사아자차", width: 7)
    #expect(lines == ["가나다", "라마바", "사아자", "차"])
    for line in lines { #expect(DisplayWidth.of(line) <= 7) }
  }

  @Test func breaksLongWordsAndKeepsNewlines() {
    #expect(TextLayout.wrap("abcdefghij xy", width: 4) == ["abcd", "efgh", "ij", "xy"])
    #expect(TextLayout.wrap("첫 줄\n둘째 줄", width: 40) == ["첫 줄", "둘째 줄"])
    #expect(TextLayout.wrap("", width: 10) == [""])
  }

  @Test func hangingIndentCountsTowardTheWidth() {
    let lines = TextLayout.wrap("- 하나 둘 셋 넷 다섯", width: 10, indent: "  ")
    #expect(lines == ["- 하나 둘", "  셋 넷", "  다섯"])
    for line in lines { #expect(DisplayWidth.of(line) <= 10) }
  }

  @Test func neverSplitsAGraphemeCluster() {
    let text = String(repeating: "👍🏽", count: 5)
    let lines = TextLayout.wrap(text, width: 3)
    #expect(lines.count == 5)
    #expect(lines.allSatisfy { $0 == "👍🏽" })
  }

  @Test func truncatesWithAnEllipsisByWidth() {
    #expect(TextLayout.truncate("쿠버네티스", width: 6) == "쿠버…")
    #expect(TextLayout.truncate("쿠버네티스", width: 10) == "쿠버네티스")
    #expect(TextLayout.truncate("abcdef", width: 4) == "abc…")
    #expect(TextLayout.truncate("abc", width: 0) == "")
  }

  @Test func padsToAnExactWidth() {
    #expect(TextLayout.pad("한글", to: 6) == "한글  ")
    #expect(DisplayWidth.of(TextLayout.pad("한글한글한글", to: 7)) == 7)
    #expect(TextLayout.padLeft("7", to: 3) == "  7")
  }

  @Test func styledWrapKeepsRoles() {
    let lines = TextLayout.wrap(
      [StyledSpan("정답은 "), StyledSpan("클러스터", .right), StyledSpan(" 입니다")], width: 16)
    #expect(lines.count == 2)
    #expect(lines[0] == [StyledSpan("정답은 "), StyledSpan("클러스터", .right)])
    #expect(lines[1] == [StyledSpan("입니다")])
  }
}
