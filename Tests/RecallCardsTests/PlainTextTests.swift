import Foundation
import Testing

@testable import RecallCards

/// The byte-level readings of text used for speed agree with the character-level definitions
/// they replace.
struct PlainTextTests {
  /// Every plain scalar, range by range.
  static let plainRanges: [ClosedRange<UInt32>] = [
    0x00...0x7F, 0xA1...0xAC, 0xAE...0xFF, 0x0400...0x0482, 0x048A...0x04FF, 0x2010...0x2027,
    0x2030...0x205E, 0x3001...0x3029, 0x3041...0x3096, 0x309B...0x30FF, 0x3131...0x318E,
    0x4E00...0x9FFF, 0xAC00...0xD7A3, 0xFF01...0xFF5E,
  ]

  static let plainScalars: [Unicode.Scalar] = plainRanges.flatMap { range in
    range.compactMap(Unicode.Scalar.init)
  }

  /// Texts of every kind the notes hold, and the ones that break byte-level shortcuts.
  static let samples = [
    "", " ", "ECS", "Amazon ECS (Elastic Container Service)", "컨트롤 플레인", "웜업 없이\n콜드 스타트",
    "Tab\tand\u{0B}vertical\u{0C}feed\r\n", "a\r\nb", "\r\n", "line\nfeed", "no\u{A0}break here",
    "em\u{2003}space", "ideographic\u{3000}space", "e\u{301} é", "\u{1100}\u{1161}\u{11A8} 각",
    "가\u{11A8}", "😀 👍🏽 family 👨‍👩‍👧", "🇰🇷🇯🇵", "A\u{200B}B", " \u{301}x y", "\u{600} x",
    "Как дела? Всё хорошо.", "テスト。次", "ガ カ\u{3099}", "다. 요. 끝", "끝다.", "이것은 문장이다. 다음",
    "What? No! Yes. ok", "a：b", "a: b", "http://x", "10:30", "\u{F900}", "\u{8C48}",
    "Å \u{212B} A\u{30A}", "ﬀ ligature", "one two three four five six", "1 2 3 4 5",
    String(repeating: "가", count: 41), String(repeating: "a", count: 40), "x\u{85}y", "ㄱㄴㄷ ㅏ",
    "“quoted” ‘single’ — dash … › •", "Straße", "İstanbul", "\u{2028}sep\u{2029}", "\u{202F}nnbsp",
  ]

  @Test func plainScalarsAreNFCOnTheirOwnAndNeverCombine() {
    for scalar in Self.plainScalars {
      let text = String(Character(scalar))
      #expect(PlainText.isPlain(scalar.value))
      #expect(scalar.properties.canonicalCombiningClass == .notReordered, "\(scalar.value)")
      #expect(
        Array(text.precomposedStringWithCanonicalMapping.unicodeScalars) == [scalar],
        "\(scalar.value)")
      let isASCIISpace = scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value)
      #expect(scalar.properties.isWhitespace == isASCIISpace, "\(scalar.value)")
      #expect(Character(scalar).isWhitespace == isASCIISpace, "\(scalar.value)")
    }
    for range in Self.plainRanges {
      if range.lowerBound > 0 { #expect(!PlainText.isPlain(range.lowerBound - 1)) }
      #expect(!PlainText.isPlain(range.upperBound + 1) || Self.plainRanges.contains { $0.contains(range.upperBound + 1) })
    }
  }

  /// No plain scalar ends the canonical decomposition of another character, so none composes
  /// with the scalar before it.
  @Test func noPlainScalarIsTheSecondOfAComposition() {
    for value in UInt32(0)...0x2FFFF {
      guard let scalar = Unicode.Scalar(value) else { continue }
      let decomposed = Array(
        String(Character(scalar)).decomposedStringWithCanonicalMapping.unicodeScalars)
      guard decomposed.count >= 2, let last = decomposed.last else { continue }
      #expect(!PlainText.isPlain(last.value), "\(value) ends with \(last.value)")
    }
  }

  /// Two plain scalars side by side are two characters, but for `\r\n`.
  @Test func plainScalarsAreCharactersOfTheirOwn() {
    let sample = Self.plainRanges.flatMap { range in
      stride(from: range.lowerBound, through: range.upperBound, by: range.count > 200 ? 97 : 1)
        .compactMap(Unicode.Scalar.init) + [Unicode.Scalar(range.upperBound)!]
    }
    for first in sample {
      for second in sample {
        var text = String(Character(first))
        text.unicodeScalars.append(second)
        let expected = first == "\r" && second == "\n" ? 1 : 2
        if text.count != expected {
          Issue.record("\(first.value) \(second.value) make \(text.count) characters")
        }
      }
    }
  }

  @Test(arguments: samples) func countsAgreeWithCharacters(_ text: String) {
    #expect(PlainText.characterCount(text) == text.count)
    #expect(
      PlainText.wordCount(text) == text.split(whereSeparator: { $0.isWhitespace }).count)
    for limit in [0, 1, 3, 40, 80] {
      #expect(PlainText.hasAtMostCharacters(text, limit) == (text.count <= limit))
    }
  }

  @Test(arguments: samples) func byteSearchAgreesWithStringSearch(_ text: String) {
    for needle in [". ", "? ", "! ", "。", "다.", "요.", "\n", "가", "a"] {
      if let found = PlainText.containsBytes(text, Array(needle.utf8)) {
        #expect(found == text.contains(needle), "\(text) / \(needle)")
      } else {
        #expect(!PlainText.isPlain(text))
      }
    }
    for part in ["란", "이란 ", " is a ", " / ", "/", "와 ", "step ", "→", "무엇", "\n", "e\u{301}", "각"] {
      #expect(PlainText.contains(text, part) == text.contains(part), "\(text) / \(part)")
    }
    // Holding an arrow's bytes is needed for holding the arrow, whatever the text.
    for part in SequenceEvidence.arrows where text.contains(part) {
      #expect(PlainText.holdsBytes(text, Array(part.utf8)), "\(text) / \(part)")
    }
    #expect(TermForm.containsLineFeed(text) == text.contains("\n"))
    #expect(
      TermForm.hasColonBytes(text)
        == (text.utf8.contains(0x3A) || text.unicodeScalars.contains("：")))
  }

  @Test(arguments: samples + ["One. Two", "끝。 다음", "Stop! Go", "end.", "a . b", "x.\u{301} y"])
  func oneSentenceAgreesWithTheCharacterWalk(_ text: String) {
    let characters = Array(text)
    let walk = !zip(characters, characters.dropFirst()).contains { mark, next in
      ".。!".contains(mark) && next == " "
    }
    #expect(ProseDefinition.isOneSentence(text) == walk, "\(text)")
  }

  /// The definition of a short name the generator used before it read bytes.
  static func referenceIsShortName(_ text: String) -> Bool {
    guard !text.isEmpty, text.count <= 40 else { return false }
    let words = text.split(whereSeparator: { $0.isWhitespace })
    guard words.count <= 5 else { return false }
    for mark in [". ", "? ", "! ", "。", "다.", "요."] where text.contains(mark) {
      return false
    }
    if let last = text.last, ".?!,".contains(last) { return false }
    return true
  }

  @Test(arguments: samples) func shortNamesAgreeWithTheCharacterDefinition(_ text: String) {
    #expect(TermForm.isShortName(text) == Self.referenceIsShortName(text), "\(text)")
  }

  @Test func textKeysAreEqualAsStringsAre() {
    let texts =
      Self.samples + [
        "가", "\u{1100}\u{1161}", "각", "\u{1100}\u{1161}\u{11A8}", "é", "e\u{301}", "\u{F900}",
        "\u{8C48}", "Å", "\u{212B}", "A\u{30A}", "key › 가", "key › \u{1100}\u{1161}",
      ]
    for first in texts {
      for second in texts {
        #expect((TextKey(first) == TextKey(second)) == (first == second), "\(first) / \(second)")
      }
    }
    let keys = Set(texts.map(TextKey.init))
    #expect(keys.count == Set(texts).count)
    #expect(keys.contains(TextKey("\u{1100}\u{1161}")))
    #expect(Set([TextKey("가"), TextKey("\u{1100}\u{1161}")]).count == 1)
    #expect(Set([TextKey("\u{8C48}"), TextKey("\u{F900}")]).count == 1)
  }

  @Test func contentHashIsTheHashOfTheJoinedTexts() {
    for choices in [[], ["one"], ["가", "나", "다"], ["", "b"]] {
      let card = Card(
        key: "k", kind: .term, deck: "d", file: "f", line: 1, prompt: "질문 › what?",
        answer: "a\nb", choices: choices, context: [], detail: nil, siblingGroup: "k",
        contentHash: "")
      let joined = [card.prompt, card.answer, choices.joined(separator: "\u{1E}")]
        .joined(separator: "\u{1F}")
      #expect(ContentHash.of(card) == StableHash.hex(joined))
    }
  }
}

extension PlainTextTests {
  /// The definition of bracket balance the generator used before it read bytes.
  static func referenceIsBalanced(_ text: String) -> Bool {
    var depth = 0
    for character in text {
      if "([{".contains(character) { depth += 1 }
      if ")]}".contains(character) { depth -= 1 }
      if depth < 0 { return false }
    }
    return depth == 0
  }

  static let colonSamples = [
    "ECS: 컨테이너", "ECS:", "http://x: y", "10:30 meeting", "항목： 값", "a:b: c", "a :\tb", "a:\r\nb",
    "(a: b", "a) b", "[x]{y}(z)", "((a)", "a:\u{301} b", "e\u{301}: x", ":", "：", "가：나",
  ]

  @Test(arguments: samples + colonSamples) func colonsAndBracketsAgreeWithCharacters(_ text: String) {
    if PlainText.isPlain(text) {
      let plain = TermForm.plainColon(in: text)
      let reference = TermForm.colon(in: text)
      #expect(plain?.0 == reference?.0 && plain?.1 == reference?.1, "\(text)")
    }
    #expect(TermForm.isBalanced(text) == Self.referenceIsBalanced(text), "\(text)")
  }
}

extension PlainTextTests {
  static let nameSamples = samples + [
    "DNS (Route 53)", "Route53", "½ and ² and Ⅻ", "İstanbul", "ÀÉÎ Всё", "x_y-z.w", "가나다 123",
    "テスト 漢字", "①②", "٣ arabic digit", "Ǆ", "ａｂｃ１２３",
  ]

  @Test(arguments: nameSamples) func nameTokensAgreeWithCharacters(_ text: String) {
    let reference = text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) })
      .map(String.init)
    #expect(Rendering.nameTokens(text) == reference, "\(text)")
    if let plain = Rendering.plainNameTokens(text) {
      #expect(plain.map { Array($0.unicodeScalars) } == reference.map { Array($0.unicodeScalars) })
    }
  }

  @Test(arguments: samples + ["?", "why?", "왜？", "x\u{600}?", "?\u{301}", "\u{600}?", "a\r\n?", "\r\n"])
  func suffixesBlanksAndIndentsAgreeWithCharacters(_ text: String) {
    for suffix: Unicode.Scalar in ["?", "？"] {
      #expect(PlainText.hasSuffix(text, suffix) == text.hasSuffix(String(Character(suffix))), "\(text)")
    }
    #expect(text.isBlank == text.trimmed.isEmpty)
    for text in [text, "  " + text, "    " + text, " " + text] {
      for count in [2, 4] {
        let indent = String(repeating: " ", count: count)
        switch PlainText.startsWithSpaces(text, count) {
        case true?:
          #expect(text.hasPrefix(indent))
          #expect(Array(text.dropFirst(count).unicodeScalars) == Array(text.unicodeScalars.dropFirst(count)))
        case false?: #expect(!text.hasPrefix(indent))
        case nil: break
        }
      }
    }
  }
}

extension PlainTextTests {
  @Test func theByteScanAgreesWithTheScalarTest() {
    var texts = Self.samples
    for value in stride(from: UInt32(0x9F00), through: 0xE000, by: 0x11) {
      if let scalar = Unicode.Scalar(value) { texts.append("a" + String(Character(scalar)) + "가") }
    }
    for text in texts {
      #expect(PlainText.isPlain(text) == text.unicodeScalars.allSatisfy { PlainText.isPlain($0.value) })
    }
  }
}

extension PlainTextTests {
  @Test func hexDigitsArePaddedLowercase() {
    for value: UInt64 in [0, 1, 0xF, 0x10, 0xabc, 0xcbf2_9ce4_8422_2325, .max, 1 << 63] {
      let digits = String(value, radix: 16)
      #expect(StableHash.hex(value) == String(repeating: "0", count: 16 - digits.count) + digits)
    }
  }
}

extension PlainTextTests {
  @Test(arguments: nameSamples + ["🔸", "🔸**", " - ", "→ x", "\u{301}a", "\u{600}1", "…", "½"])
  func wordCharactersAgreeWithCharacters(_ text: String) {
    #expect(TermForm.hasWordCharacters(text) == text.contains { $0.isLetter || $0.isNumber }, "\(text)")
  }
}

extension PlainTextTests {
  /// Every contents heading is plain, and lowercasing a plain scalar keeps its UTF-8 length.
  @Test func contentsHeadingsAreToldByLength() {
    for heading in ContentsRule.contentsHeadings { #expect(PlainText.isPlain(heading), "\(heading)") }
    for scalar in Self.plainScalars {
      let lower = String(Character(scalar)).lowercased()
      #expect(lower.utf8.count == String(Character(scalar)).utf8.count, "\(scalar.value)")
    }
    for title in Self.samples + ["Table of Contents", "목차", "СОДЕРЖАНИЕ", "Index", "  toc"] {
      #expect(
        ContentsRule.isContentsHeading(title)
          == ContentsRule.contentsHeadings.contains(title.lowercased()), "\(title)")
    }
  }
}

extension PlainTextTests {
  /// Arrows are counted as Foundation splits the text, whether or not the text is plain.
  @Test func arrowsAreCountedAsFoundationSplits() {
    let texts = ["a → b → c", "a -> b => c ⇒ d", "no arrows here", "x →\u{301} y → z", "é -> ⟶ ➡", "a - > b", "a ↛ b ⇏ c -≯ d"]
    for text in texts {
      let split = SequenceEvidence.arrows.reduce(0) { $0 + text.components(separatedBy: $1).count - 1 }
      #expect(SequenceEvidence.arrowCount(text) == split, "\(text)")
    }
    #expect(!PlainText.holdsBytes("a - > b", Array("->".utf8)))
    #expect(PlainText.holdsBytes("a → b", Array("→".utf8)))
  }

  /// The quick letter and number tests agree with the standard library's for every scalar, and
  /// for characters of several scalars (which it judges by their first).
  @Test func lettersAndNumbersAgreeWithCharacters() {
    var mismatches: [String] = []
    for value in UInt32(0)...0x10FFFF {
      guard let scalar = Unicode.Scalar(value) else { continue }
      let character = Character(scalar)
      if PlainText.isLetter(character) != character.isLetter
        || PlainText.isNumber(character) != character.isNumber
      {
        mismatches.append("U+\(String(value, radix: 16))")
      }
    }
    for text in ["a\u{301}", "가\u{302}", "1\u{20E3}", "\r\n", "👍🏽", "\u{1100}\u{1161}\u{11A8}", "é"] {
      let character = Character(text)
      if PlainText.isLetter(character) != character.isLetter
        || PlainText.isNumber(character) != character.isNumber
      {
        mismatches.append(text)
      }
    }
    #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
  }
}
