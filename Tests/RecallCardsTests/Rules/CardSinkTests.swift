import Testing

@testable import RecallCards

/// ``CardSink``: what every card goes through, and what the whole note remembers.
struct CardSinkTests {
  @Test func aRepeatedKeyGetsANumber() throws {
    var sink = CardSink(deck: "note.md", file: "note.md")
    for answer in ["one", "two", "three"] {
      sink.add(
        .label, anchor: ["label", "A"], context: ["S"], line: 1, prompt: "S › A?", answer: answer)
    }
    #expect(sink.cards.map(\.key) == ["S › label › A", "S › label › A #2", "S › label › A #3"])
    #expect(sink.cards.allSatisfy { $0.siblingGroup == $0.key })
    #expect(sink.cards.allSatisfy { $0.deck == "note.md" && $0.file == "note.md" })
  }

  @Test func aCardThatAsksNothingIsTurnedAway() {
    var sink = CardSink(deck: "note.md", file: "note.md")
    let added = [
      sink.add(.label, anchor: ["a"], context: [], line: 1, prompt: "", answer: "x"),
      sink.add(.label, anchor: ["b"], context: [], line: 1, prompt: "Q?", answer: " "),
      sink.add(
        .label, anchor: ["c"], context: [], line: 1, prompt: "Q?", answer: "https://example.com"),
      sink.add(
        .tableCell, anchor: ["d"], context: [], line: 1, prompt: "Google File System › Type?",
        answer: "File system"),
    ]
    #expect(added.allSatisfy { $0 == nil })
    #expect(sink.cards.isEmpty)
  }

  @Test func aLongAnswerKeepsItsLeadAndTheRestIsDetail() throws {
    var sink = CardSink(deck: "note.md", file: "note.md")
    let lines = (1...12).map { "fact number \($0) about hashing" }
    let added = sink.add(
      .section, anchor: ["section"], context: ["Hash"], line: 1, prompt: "Hash?",
      answer: lines.joined(separator: "\n"))
    let index = try #require(added)
    #expect(sink.cards[index].answer.split(separator: "\n").count == 8)
    #expect(sink.cards[index].detail?.hasSuffix("fact number 12 about hashing") == true)
  }

  @Test func ordinalsCountPerSectionAndKind() {
    var sink = CardSink(deck: "note.md", file: "note.md")
    let names = [
      sink.ordinal("table", in: ["A"], title: "A"), sink.ordinal("table", in: ["A"], title: "A"),
      sink.ordinal("flow", in: ["A"], title: "A"), sink.ordinal("table", in: ["B"], title: "B"),
    ]
    #expect(names.map(\.anchor) == ["table", "table 2", "flow", "table"])
    #expect(names.map(\.title) == ["A", "A (2)", "A", "B"])
  }

  @Test func tablesAndFlowsAreRememberedAsRead() {
    var sink = CardSink(deck: "note.md", file: "note.md")
    let first = sink.markTableRead(at: 4)
    let again = sink.markTableRead(at: 4)
    #expect(first)
    #expect(!again)
    #expect(!sink.hasReadFlow(at: 9))
    sink.markFlowRead(at: 9)
    #expect(sink.hasReadFlow(at: 9))
  }
}
