import Foundation
import RecallMarkdown
import Testing

/// Bytes in: BOM, line ends, invalid UTF-8, NFD, NUL.
struct InputTests {
  private let parser = MarkdownParser()

  private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

  /// The same note with LF, CRLF and CR line ends gives the same tree and locations.
  @Test func lineEnds() throws {
    let lf = "# T\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- x\n  - y\n"
    let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
    let cr = lf.replacingOccurrences(of: "\n", with: "\r")
    let expected = try parser.parse(bytes(lf), file: "lf.md")
    #expect(try parser.parse(bytes(crlf), file: "crlf.md") == expected)
    #expect(try parser.parse(bytes(cr), file: "cr.md") == expected)
    #expect(expected.blocks[2].list?.location == Location(line: 7, column: 1))
  }

  /// A missing final newline is fine.
  @Test func noFinalNewline() throws {
    let document = try parser.parse(bytes("# T\ntext"), file: "a.md")
    #expect(document.blocks[1].paragraph?.content.plainText == "text")
  }

  /// A UTF-8 byte-order mark is dropped: the heading is still a heading at column 1.
  @Test func byteOrderMark() throws {
    let document = try parser.parse([0xEF, 0xBB, 0xBF] + bytes("# 제목\n"), file: "bom.md")
    #expect(document.blocks[0].heading?.content.plainText == "제목")
    #expect(document.blocks[0].location == Location(line: 1, column: 1))
  }

  /// Invalid UTF-8 is an error naming the file, line and byte offset.
  @Test func invalidUTF8() {
    let input = bytes("# ok\n두 번째\n") + [0xFF] + bytes("\n")
    #expect(throws: MarkdownParseError.invalidUTF8(file: "bad.md", line: 3, byteOffset: 16)) {
      try parser.parse(input, file: "bad.md")
    }
    // A truncated sequence at the end, an overlong form and a surrogate.
    #expect(throws: MarkdownParseError.invalidUTF8(file: "t.md", line: 1, byteOffset: 1)) {
      try parser.parse([0x61, 0xEC, 0x95], file: "t.md")
    }
    #expect(throws: MarkdownParseError.invalidUTF8(file: "t.md", line: 1, byteOffset: 0)) {
      try parser.parse([0xC0, 0xAF], file: "t.md")
    }
    #expect(throws: MarkdownParseError.invalidUTF8(file: "t.md", line: 2, byteOffset: 2)) {
      try parser.parse([0x61, 0x0D, 0xED, 0xA0, 0x80], file: "t.md")
    }
  }

  /// The error message is a sentence a user can act on.
  @Test func invalidUTF8Message() {
    let error = MarkdownParseError.invalidUTF8(file: "notes/a.md", line: 3, byteOffset: 18)
    #expect(error.description.contains("notes/a.md:3"))
    #expect(error.description.contains("offset 18"))
    #expect(error.description.hasSuffix("."))
  }

  /// Decomposed (NFD) Hangul is normalized to NFC in text.
  @Test func nfdHangul() throws {
    let nfd = "# " + "한국어".decomposedStringWithCanonicalMapping + "\n"
    #expect(nfd.unicodeScalars.count > "# 한국어\n".unicodeScalars.count)
    let document = try parser.parse(bytes(nfd), file: "nfd.md")
    let text = try #require(document.blocks[0].heading?.content.plainText)
    #expect(Array(text.unicodeScalars) == Array("한국어".unicodeScalars))
  }

  /// A NUL byte becomes U+FFFD, as CommonMark asks.
  @Test func nulByte() throws {
    let document = try parser.parse([0x61, 0x00, 0x62], file: "nul.md")
    #expect(document.blocks[0].paragraph?.content.plainText == "a\u{FFFD}b")
  }

  /// Columns count a tab as one column.
  @Test func columnsCountTabsAsOne() {
    let document = parse("-\t- 항목\n")
    let inner = document.blocks[0].list?.items[0].blocks[0].list
    #expect(inner?.location == Location(line: 1, column: 3))
    #expect(inner?.items[0].blocks[0].paragraph?.location == Location(line: 1, column: 5))
  }
}
