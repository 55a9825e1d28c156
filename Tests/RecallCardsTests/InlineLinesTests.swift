import RecallMarkdown
import Testing

@testable import RecallCards

/// The shortcuts over inline nodes agree with rendering the nodes and reading the text.
struct InlineLinesTests {
  /// The line splitting the generator used before it had shortcuts.
  static func referenceLines(_ nodes: [Inline]) -> [[Inline]] {
    var result: [[Inline]] = []
    var current: [Inline] = []
    for node in nodes {
      if InlineRendering.isBreak(node) {
        result.append(current)
        current = []
      } else {
        current.append(node)
      }
    }
    result.append(current)
    return result.filter { !InlineRendering.text($0).trimmed.isEmpty }
  }

  static let lines: [[Inline]] = [
    [], [.text("")], [.text(" ")], [.text("ECS: 컨테이너")], [.softBreak], [.lineBreak, .text("x")],
    [.text("  "), .softBreak, .text("둘째 줄")], [.image(alt: "그림", source: "a.png"), .text(" ")],
    [.html("<br>"), .softBreak, .strong([.text("용어")]), .text(": 설명")],
    [.text(" \u{301}"), .text("x")], [.text("\u{301}")], [.text("\u{A0}")], [.text("\u{600}"), .text(" ")],
    [.strong([.text("")]), .emphasis([.text("  ")]), .code("let x = 1")],
    [.link(text: [.text("목차")], destination: "#toc"), .softBreak, .text("a："), .softBreak],
    [.text("a"), .lineBreak, .softBreak, .text("b"), .softBreak], [.strikethrough([.text("😀")])],
    [.text("\r\n"), .text("x")], [.code(" "), .softBreak, .code("y")],
  ]

  @Test(arguments: lines) func linesAndBlanksAgreeWithRendering(_ nodes: [Inline]) {
    #expect(InlineRendering.isBlank(nodes) == InlineRendering.text(nodes).trimmed.isEmpty)
    let split = InlineRendering.nodeLines(nodes).map(\.nodes)
    #expect(split == Self.referenceLines(nodes))
    #expect(InlineRendering.firstLine(nodes) == Self.referenceLines(nodes).first)
    let text = InlineRendering.text(nodes)
    for byte: UInt8 in [0x3A, 0x9A, 0x0A, 0x20] {
      #expect(InlineRendering.containsByte(byte, in: nodes) == text.utf8.contains(byte))
    }
  }
}
