import Testing

@testable import RecallCards

/// ``LabelRule``: a label and its text.
struct LabelRuleTests {
  @Test func aLabelIsAskedWithItsSectionAndGroups() throws {
    var sample = RuleSample("# Team\ntext\n")
    LabelRule.add(
      "Lead", answer: ["plans the work", "runs the meeting"], groups: ["Roles"], line: 3,
      in: sample.place(), into: &sample.sink)
    let card = try #require(sample.cards.first)
    #expect(card.kind == .label)
    #expect(card.key == "Team › Roles › label › Lead")
    #expect(card.prompt == "Team › Roles › Lead?")
    #expect(card.answer == "plans the work\nruns the meeting")
    #expect(card.line == 3)
  }

  @Test func aLabelWithoutTextIsAStubAndAReferenceLabelNothing() {
    var sample = RuleSample("# Team\ntext\n")
    LabelRule.add("Lead", answer: [], groups: [], line: 3, in: sample.place(), into: &sample.sink)
    #expect(sample.sink.stubs.map(\.kind) == [.termWithoutDefinition])
    LabelRule.add(
      "References", answer: ["a link"], groups: [], line: 4, in: sample.place(), into: &sample.sink)
    #expect(sample.cards.isEmpty)
  }
}
