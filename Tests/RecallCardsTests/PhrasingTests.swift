import RecallMarkdown
import Testing

@testable import RecallCards

/// The language of a note is told as the property lookups tell it.
struct PhrasingTests {
  /// The count of letters and Hangul letters by the plain definition.
  static func referenceCount(_ text: String) -> (hangul: Int, letters: Int) {
    var hangul = 0
    var letters = 0
    for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
      letters += 1
      let value = scalar.value
      if (0xAC00...0xD7A3).contains(value) || (0x1100...0x11FF).contains(value)
        || (0x3130...0x318F).contains(value)
      {
        hangul += 1
      }
    }
    return (hangul, letters)
  }

  @Test func blocksToldWithoutALookupAreWhatTheLookupSays() {
    for block in Phrasing.LetterCount.letterBlocks {
      for value in block {
        let scalar = Unicode.Scalar(value)!
        #expect(scalar.properties.isAlphabetic, "\(value)")
      }
    }
    for value in UInt32(0x2010)...0x205E {
      #expect(!Unicode.Scalar(value)!.properties.isAlphabetic, "\(value)")
    }
  }

  /// Expects `text` counted as the property lookups count it, every scalar of it included.
  static func expectCountedAsTheLookups(
    _ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    var count = Phrasing.LetterCount()
    let scalars = count.add(text)
    let reference = referenceCount(text)
    #expect(count.letters == reference.letters, "\(text.debugDescription)", sourceLocation: sourceLocation)
    #expect(count.hangul == reference.hangul, "\(text.debugDescription)", sourceLocation: sourceLocation)
    #expect(scalars == text.unicodeScalars.count, sourceLocation: sourceLocation)
  }

  @Test func lettersAreCountedAsTheLookupsCountThem() {
    for text in PlainTextTests.samples + ["漢字 かな カナ Ёж", "ㄱㄴ ᄀ ᅡ", "‘’ — … ›", "ǅ ǈ Ⅻ"] {
      Self.expectCountedAsTheLookups(text)
    }
  }
}

extension PhrasingTests {
  /// Letters are counted as the lookups count them: every ASCII byte, at every offset, and runs
  /// broken by longer scalars at every place.
  @Test func asciiRunsAreCountedAsTheLookupsCountThem() {
    let ascii = String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self)
    var texts: [String] = []
    for offset in 0..<9 {
      let pad = String(repeating: "x", count: offset)
      texts.append(pad + ascii + pad + ascii)
      texts.append(pad + "한" + ascii + "é" + pad + "漢字" + ascii + "Ж")
      texts.append(pad + "@[`{AZaz" + "09 Zz" + pad + "ǅ")
    }
    for text in texts { Self.expectCountedAsTheLookups(text) }
  }

  @Test func theLetterBlockTestAgreesWithTheList() {
    for value in UInt32(0)...0x1_0000 {
      let listed = Phrasing.LetterCount.letterBlocks.contains { $0.contains(value) }
      #expect(Phrasing.LetterCount.isInLetterBlock(value) == listed, "\(value)")
    }
  }
}

extension PhrasingTests {
  @Test func pathsJoinTheirPartsAsBefore() {
    let phrasing = Phrasing(sample: "")
    let cases: [[String]] = [
      [], [""], ["a"], ["", "b"], ["a", "", "c"], ["표", "ECS", "장점"], ["why?"], ["왜", "무엇？"],
      ["x", "?\u{301}"], ["", ""], ["a\u{600}?"],
    ]
    for parts in cases {
      let text = parts.filter { !$0.isEmpty }.joined(separator: Phrasing.separator)
      let expected = text.hasSuffix("?") || text.hasSuffix("？") ? text : text + "?"
      #expect(phrasing.path(parts) == expected, "\(parts)")
      #expect(Array(phrasing.path(parts).utf8) == Array(expected.utf8))
    }
    for (first, second) in [("", ""), ("a", ""), ("", "b"), ("a", "b")] {
      #expect(
        Phrasing.joined(first, second)
          == [first, second].filter { !$0.isEmpty }.joined(separator: Phrasing.separator))
    }
  }
}

extension PhrasingTests {
  /// A note's language is told from a sample of about 20,000 scalars, however long the note and
  /// wherever its text sits: a long list or table stops the sample inside it.
  @Test(arguments: ["list", "table"])
  func theLanguageSampleStopsInsideALongListOrTable(container: String) throws {
    // 3,000 English entries (about 45,000 scalars), then 3,000 Korean ones.
    let english = (0..<3_000).map { "word number \($0)" }
    let korean = (0..<3_000).map { "한국어 문장 \($0)" }
    let markdown =
      if container == "list" {
        (english + korean).map { "- \($0)" }.joined(separator: "\n")
      } else {
        (["| a |", "|---|"] + (english + korean).map { "| \($0) |" }).joined(separator: "\n")
      }
    let document = try MarkdownParser().parse(Array(markdown.utf8), file: "long.md")
    let count = NoteOutline.letters(of: document)
    #expect(count.letters > 10_000)
    #expect(count.letters < 22_000)
    // Only the English part, where the sample filled up, was read.
    #expect(count.hangul == 0)
  }
}
