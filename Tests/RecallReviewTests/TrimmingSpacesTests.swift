import Foundation
import Testing

@testable import RecallReview

/// An answer's lines are trimmed of the same spaces Foundation's `.whitespaces` names.
struct TrimmingSpacesTests {
  @Test func theSpacesTrimmedAreFoundationsWhitespaces() {
    var scalars = (0...0x3100).compactMap(Unicode.Scalar.init)
    scalars += [0x1F600, 0xE0020].compactMap(Unicode.Scalar.init)
    for scalar in (0x3101...0xFFFF).compactMap(Unicode.Scalar.init) {
      let text = "\(scalar)x\(scalar)"
      #expect(AnswerChecker.trimmingSpaces(text[...]) == text.trimmingCharacters(in: .whitespaces), "\(scalar.value)")
    }
    for scalar in scalars {
      let c = String(scalar)
      for text in ["\(c)x\(c)", "\(c)\(c)", "a \(c) b", "\(c)", "\t\(c)가\u{301}\(c) "] {
        #expect(
          AnswerChecker.trimmingSpaces(text[...]) == text.trimmingCharacters(in: .whitespaces),
          "U+\(String(scalar.value, radix: 16)) in \(text.debugDescription)")
      }
    }
  }
}
