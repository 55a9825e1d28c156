import Foundation
import RecallTestSupport
import Testing

@testable import RecallCards

/// The one-pass comparison text gives exactly what lowercasing and dropping whitespace give.
struct ComparableTextTests {
  /// The slow, obvious definition the card generator used before.
  static func reference(_ text: String) -> String {
    String(
      text.lowercased().unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
  }

  static let samples = [
    "", " ", "ECS", "Amazon ECS (Elastic Container Service)", "컨트롤 플레인", "웜업 없이\n콜드 스타트",
    "Tab\tand\u{0B}vertical\u{0C}feed\r\n", "no\u{A0}break\u{2003}em\u{3000}ideographic\u{85}nel",
    "İstanbul", "ΣΊΣΥΦΟΣ", "Straße STRASSE ẞ", "ǅungla Ǆ", "ＡＢＣ　ｄｅｆ", "Ⅻ ⅻ", "ﬀ ﬁ",
    "e\u{301} é", "ᄀ ㄱ ㅏ", "日本語のテキスト", "Ѐ Ж ж", "\u{1}\u{1F}\u{7F}", "😀 👍🏽", "A\u{200B}B",
  ]

  @Test(arguments: samples) func matchesLowercasedWithoutWhitespace(_ text: String) {
    #expect(ComparableText.of(text) == Self.reference(text))
    let fast = Array(ComparableText.of(text).unicodeScalars)
    #expect(fast == Array(Self.reference(text).unicodeScalars))
  }

  @Test(arguments: samples) func lowercasesAsTheStandardLibraryDoes(_ text: String) {
    #expect(Array(ComparableText.lowercased(text).unicodeScalars) == Array(text.lowercased().unicodeScalars))
  }

  /// ``ClueMask/spaced(_:)`` lowercases scalar by scalar: the same scalars as lowercasing the
  /// text first, each run of whitespace one space, none at the ends.
  @Test(arguments: samples + ["  Ab  Cd\t", "\u{0130}\u{00A0}X", "ΣΑ Σ"])
  func spacedScalarsMatchLowercasingTheTextFirst(_ text: String) {
    let words = text.lowercased().unicodeScalars.split { $0.properties.isWhitespace }
    let reference = Array(words.map { Array($0) }.joined(separator: [" "]))
    #expect(ClueMask.spaced(text) == reference)
  }

  @Test func equalityAgreesWithComparingTheTexts() {
    let texts = Self.samples + [
      "ECS", "e c s", String(repeating: "ECS ", count: 60), "\u{212A}", "k", "가", "\u{1100}\u{1161}",
      String(repeating: "\u{1100}\u{1161}", count: 40), String(repeating: "가", count: 40), "İ", "i\u{307}",
      "\u{1F82}", "\u{3B1}\u{313}\u{300}\u{345}", "\u{1F8A}", "ᾂᾂ", String(repeating: "\u{3B1}\u{313}\u{300}\u{345}", count: 2),
      "가", "\u{1100}\u{1161}\u{11A8}", "각",
    ]
    for first in texts {
      for second in texts {
        #expect(
          ComparableText.equal(first, second)
            == (Self.reference(first) == Self.reference(second)), "\(first) / \(second)")
      }
    }
  }

  @Test func matchesForEveryScalar() {
    var mismatches: [String] = []
    for value in UInt32(0)...0x10FFFF {
      guard let scalar = Unicode.Scalar(value) else { continue }
      let text = String(scalar)
      if ComparableText.isWhitespace(value) != scalar.properties.isWhitespace {
        mismatches.append("whitespace U+\(String(value, radix: 16))")
      }
      if Array(ComparableText.of(text).unicodeScalars) != Array(Self.reference(text).unicodeScalars) {
        mismatches.append("U+\(String(value, radix: 16))")
      }
      if Array(ComparableText.lowercased(text).unicodeScalars) != Array(text.lowercased().unicodeScalars) {
        mismatches.append("lowercased U+\(String(value, radix: 16))")
      }
      let expanded = text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars.count
      if expanded > ComparableText.expansionLimit {
        mismatches.append("expansion U+\(String(value, radix: 16)): \(expanded)")
      }
    }
    #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
  }

  /// The quick paths of `trimmed` and of splitting at line feeds agree with the character walks.
  @Test(
    arguments: samples + PlainTextTests.samples + [
      "  x  ", "\r\nx\r\n", "x\u{301}", " \u{301}x", "a\n\nb\r\nc\n", "\n", "가 ", "가\u{11A8}",
      " x \u{301}", "\u{600} x ", " Всё ", " テスト。 ", "\t…\t", " \u{A0}x\u{A0} ", "  ", " 😀 ", "x\r\n",
    ])
  func trimmingAndSplittingMatchTheCharacterWalks(_ text: String) {
    var start = text.startIndex
    var end = text.endIndex
    while start < end, text[start].isWhitespace { start = text.index(after: start) }
    while end > start, text[text.index(before: end)].isWhitespace { end = text.index(before: end) }
    #expect(Array(text.trimmed.unicodeScalars) == Array(text[start..<end].unicodeScalars))
    let split = text.split(separator: "\n", omittingEmptySubsequences: true)
    #expect(InlineRendering.splitLines(text).map(String.init) == split.map(String.init))
    let every = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(
      InlineRendering.splitLines(text, keepingEmpty: true).map(String.init) == every.map(String.init))
  }

  @Test(.enabled(if: TestPaths.corpus != nil, "needs ../shared/corpus")) func matchesOnEveryLineOfTheCorpus() throws {
    let corpus = try #require(TestPaths.corpus)
    var checked = 0
    for url in TestPaths.markdownFiles(under: corpus) {
      let text = try String(contentsOf: url, encoding: .utf8)
      for line in text.split(separator: "\n") {
        let line = String(line)
        let fast = Array(ComparableText.of(line).unicodeScalars)
        #expect(fast == Array(Self.reference(line).unicodeScalars))
        checked += 1
      }
    }
    #expect(checked > 10_000)
  }

  /// Plain scalars lowercase to one plain scalar, the one the standard library gives.
  @Test func plainScalarsLowercaseToPlainScalars() {
    for scalar in PlainTextTests.plainScalars where scalar.value >= 0x80 {
      let lower = Array(scalar.properties.lowercaseMapping.unicodeScalars)
      #expect(lower.map(\.value) == [ComparableText.plainLowercase(scalar.value)], "\(scalar.value)")
      #expect(lower.allSatisfy { PlainText.isPlain($0.value) }, "\(scalar.value)")
    }
  }

  /// Comparing plain texts scalar by scalar agrees with comparing their comparison texts, also
  /// where only the end differs and where a text that is not plain follows.
  @Test func plainEqualityAgreesWithComparingTheTexts() {
    let texts = [
      "", "ECS", "ecs", "E C S", "ECS!", "컨트롤 플레인", "컨트롤플레인", "Всё ВСЁ", "всё", "ＡＢＣ", "ａｂｃ",
      "Ÿ ÿ", "ÀÉÎ", "àéî", "e\u{301}", "é", "é\u{301}", "가\u{11A8}", "각", "’quote’", "— dash",
    ]
    for first in texts {
      for second in texts {
        let expected = Self.reference(first) == Self.reference(second)
        if let plain = ComparableText.plainEqual(first, second) {
          #expect(plain == expected, "\(first) / \(second)")
        }
        #expect(ComparableText.equal(first, second) == expected, "\(first) / \(second)")
      }
    }
  }

  /// A scalar that does not change when lowercased maps to itself.
  @Test func scalarsThatDoNotChangeWhenLowercasedMapToThemselves() {
    var mismatches: [UInt32] = []
    for value in UInt32(0)...0x10FFFF {
      guard let scalar = Unicode.Scalar(value), !scalar.properties.changesWhenLowercased else {
        continue
      }
      if Array(scalar.properties.lowercaseMapping.unicodeScalars) != [scalar] {
        mismatches.append(value)
      }
    }
    #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
  }
}
