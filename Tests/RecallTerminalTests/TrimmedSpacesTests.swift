import Foundation
import RecallTerminal
import Testing

/// `trimmedOfSpaces` trims what Foundation's `.whitespaces` trims: tabs and space separators at
/// the ends (and the zero-width space), not line breaks, nothing inside.
struct TrimmedSpacesTests {
  @Test(arguments: [
    "", " ", "\t2026-11-25 ", "\u{00A0}\u{3000}T\u{2009}", " a b ", "\nT\n", "\u{200B}T\u{200B}", "\u{180E}T", "\u{FEFF}T", " \u{301}T", "T", "  용어  ",
  ])
  func trimsAsFoundationTrimsWhitespaces(text: String) {
    #expect(text.trimmedOfSpaces == text.trimmingCharacters(in: .whitespaces), "\(Array(text.unicodeScalars))")
    #expect(text[...].trimmedOfSpaces == text.trimmingCharacters(in: .whitespaces))
  }
}
