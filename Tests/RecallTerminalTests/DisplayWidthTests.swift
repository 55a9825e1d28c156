import Testing

@testable import RecallTerminal

struct DisplayWidthTests {
  @Test func asciiTakesOneColumnPerCharacter() {
    #expect(DisplayWidth.of("hello") == 5)
    #expect(DisplayWidth.of("") == 0)
  }

  @Test func hangulSyllablesAndJamoTakeTwoColumns() {
    #expect(DisplayWidth.of("한국어") == 6)
    #expect(DisplayWidth.of("ㅁㅗ") == 4)  // compatibility jamo
    #expect(DisplayWidth.of("\u{1112}\u{1161}\u{11AB}") == 2)  // 한 as conjoining jamo
    #expect(DisplayWidth.of("ECS 클러스터") == 4 + 8)
  }

  @Test func cjkAndFullwidthTakeTwoColumns() {
    #expect(DisplayWidth.of("漢字") == 4)
    #expect(DisplayWidth.of("ひらがな") == 8)
    #expect(DisplayWidth.of("ＡＢ１") == 6)
    #expect(DisplayWidth.of("\u{3000}") == 2)  // ideographic space
  }

  @Test func combiningAndZeroWidthTakeNone() {
    #expect(DisplayWidth.of("e\u{0301}") == 1)  // e + combining acute, one cluster
    #expect(DisplayWidth.of("a\u{200B}b") == 2)  // zero-width space
    #expect(DisplayWidth.of(Character("\u{0301}")) == 0)
    #expect(DisplayWidth.of("\u{FEFF}") == 0)
  }

  @Test func emojiPresentationTakesTwoColumns() {
    #expect(DisplayWidth.of("👍") == 2)
    #expect(DisplayWidth.of("👍🏽") == 2)  // skin tone modifier, one cluster
    #expect(DisplayWidth.of("👨‍👩‍👧") == 2)  // ZWJ family
    #expect(DisplayWidth.of("🇰🇷") == 2)  // flag
    #expect(DisplayWidth.of("❤️") == 2)  // text-default heart with VS16
    #expect(DisplayWidth.of("☺") == 1)  // text presentation by default
  }
}
