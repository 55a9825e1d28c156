import RecallTerminal
import Testing

@testable import RecallCLI

/// The `?` help of the review wraps to the terminal's width: nothing is cut at 30 columns.
struct HelpLinesTests {
  @Test(arguments: [24, 30, 40, 80])
  func helpWrapsAtNarrowWidths(width: Int) {
    let lines = ReviewScreens.helpLines(width: width)
    for line in lines {
      #expect(DisplayWidth.of(line) <= width, "\(line)")
    }
    let words = lines.joined(separator: " ").split(separator: " ").joined(separator: " ")
    #expect(words.contains("Press any key to go back."))
    #expect(words.contains("undo, bury, suspend, edit, quit."), "the typed-answer line is whole: \(lines)")
  }
}
