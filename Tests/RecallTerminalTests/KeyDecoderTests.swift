import Testing

@testable import RecallTerminal

struct KeyDecoderTests {
  private func decode(_ bytes: [UInt8]) -> [Key] {
    var decoder = KeyDecoder()
    return decoder.decode(bytes) + decoder.flush()
  }

  @Test func decodesPrintableAndControlKeys() {
    #expect(
      decode(Array("a1 Z".utf8)) == [.character("a"), .character("1"), .space, .character("Z")])
    #expect(
      decode([0x0D, 0x0A, 0x7F, 0x08, 0x09]) == [.enter, .enter, .backspace, .backspace, .tab])
    #expect(decode([0x03, 0x04, 0x01]) == [.interrupt, .endOfInput, .control(1)])
  }

  @Test func decodesArrowsInCSIAndSS3Forms() {
    #expect(decode(Array("\u{1B}[A\u{1B}[B\u{1B}[C\u{1B}[D".utf8)) == [.up, .down, .right, .left])
    #expect(decode(Array("\u{1B}OA\u{1B}OB\u{1B}OC\u{1B}OD".utf8)) == [.up, .down, .right, .left])
    #expect(
      decode(Array("\u{1B}[1;5C\u{1B}[3~\u{1B}[5~\u{1B}[H".utf8)) == [
        .right, .delete, .pageUp, .home,
      ])
  }

  @Test func loneEscapeWaitsForFlush() {
    var decoder = KeyDecoder()
    #expect(decoder.decode([0x1B]) == [])
    #expect(decoder.hasPending)
    #expect(decoder.flush() == [.escape])
    #expect(decode([0x1B, 0x1B]) == [.escape, .escape])
  }

  @Test func altKeysAreNeitherEscapeNorTheKey() {
    #expect(decode(Array("\u{1B}q".utf8)) == [.unknown([0x1B, 0x71])])
    #expect(decode(Array("\u{1B}qu".utf8)) == [.unknown([0x1B, 0x71]), .character("u")])
  }

  @Test func sequencesSplitAcrossReadsAreJoined() {
    var decoder = KeyDecoder()
    #expect(decoder.decode([0x1B, 0x5B]) == [])
    #expect(decoder.decode([0x41]) == [.up])
    let hangul = Array("한".utf8)
    #expect(decoder.decode(hangul.prefix(2)) == [])
    #expect(decoder.decode(hangul.suffix(1)) == [.character("한")])
  }

  @Test func decodesUTF8Characters() {
    #expect(
      decode(Array("ㅁ한é👍".utf8)) == [
        .character("ㅁ"), .character("한"), .character("é"), .character("👍"),
      ])
    #expect(decode([0xFF]) == [.unknown([0xFF])])
    #expect(decode([0xC2, 0x9B]) == [.unknown([0xC2, 0x9B])])  // C1 CSI is not a character
  }

  @Test func koreanLayoutJamoActAsTheirLatinKeys() {
    let pairs: [(Character, Character)] = [
      ("ㅁ", "a"), ("ㅗ", "h"), ("ㅎ", "g"), ("ㄷ", "e"), ("ㅂ", "q"), ("ㅈ", "w"), ("ㄱ", "r"),
      ("ㅅ", "t"), ("ㅛ", "y"), ("ㅕ", "u"), ("ㅑ", "i"), ("ㅐ", "o"), ("ㅔ", "p"), ("ㄴ", "s"),
      ("ㅇ", "d"), ("ㄹ", "f"), ("ㅓ", "j"), ("ㅏ", "k"), ("ㅣ", "l"), ("ㅋ", "z"), ("ㅌ", "x"),
      ("ㅊ", "c"), ("ㅍ", "v"), ("ㅠ", "b"), ("ㅜ", "n"), ("ㅡ", "m"),
      ("ㅃ", "Q"), ("ㅉ", "W"), ("ㄸ", "E"), ("ㄲ", "R"), ("ㅆ", "T"), ("ㅒ", "O"), ("ㅖ", "P"),
    ]
    for (jamo, latin) in pairs {
      #expect(Key.character(jamo).commandLetter == latin)
    }
    #expect(Set(pairs.map(\.1)).count == 33)
    #expect(Key.character("u").commandLetter == "u")
    #expect(Key.character("한").commandLetter == "한")
    #expect(Key.space.commandLetter == nil)
  }

  @Test func digitsIncludeFullwidth() {
    #expect(Key.character("3").digit == 3)
    #expect(Key.character("３").digit == 3)
    #expect(Key.character("a").digit == nil)
  }
}

struct ReviewKeysTests {
  @Test func reviewKeysWorkInBothLayouts() {
    #expect(ReviewKeys.command(for: .character("u")) == .undo)
    #expect(ReviewKeys.command(for: .character("ㅕ")) == .undo)
    #expect(ReviewKeys.command(for: .character("ㄴ")) == .bury)
    #expect(ReviewKeys.command(for: .character("ㄷ")) == .edit)
    #expect(ReviewKeys.command(for: .character("ㅂ")) == .quit)
    #expect(ReviewKeys.command(for: .character("ㅁ")) == .grade(1))
    #expect(ReviewKeys.command(for: .character("ㅗ")) == .grade(2))
    #expect(ReviewKeys.command(for: .character("ㅎ")) == .grade(3))
    #expect(ReviewKeys.command(for: .character("?")) == .help)
  }

  @Test func numbersSpaceAndQuitKeys() {
    #expect(ReviewKeys.command(for: .character("3")) == .number(3))
    #expect(ReviewKeys.command(for: .character("0")) == nil)
    #expect(ReviewKeys.command(for: .space) == .proceed)
    #expect(ReviewKeys.command(for: .enter) == .proceed)
    #expect(ReviewKeys.command(for: .interrupt) == .quit)
    #expect(ReviewKeys.command(for: .endOfInput) == .quit)
    #expect(ReviewKeys.command(for: .escape) == .quit)
    #expect(ReviewKeys.command(for: .character("z")) == nil)
    #expect(ReviewKeys.command(for: .up) == nil)
  }
}
