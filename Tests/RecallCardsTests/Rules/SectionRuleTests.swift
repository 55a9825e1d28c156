import Testing

@testable import RecallCards

/// ``SectionRule``: the section's own card, and the stub of an empty heading.
struct SectionRuleTests {
  @Test func aSectionIsAskedByItsLastTwoHeadingsForWhatIsLeft() throws {
    var sample = RuleSample("# Redis\n## Types\n- String\n- Hash\n")
    SectionRule.add(["String", "Hash"], in: sample.place(2), into: &sample.sink)
    let card = try #require(sample.cards.first)
    #expect(card.kind == .section)
    #expect(card.key == "Redis › Types › section")
    #expect(card.prompt == "Redis › Types?")
    #expect(card.answer == "String\nHash")
  }

  @Test func noCardBeforeTheFirstHeadingNorForAHeadingThatIsItsOwnAnswer() {
    var sample = RuleSample("intro line\n# Types\nx\n")
    SectionRule.add(["intro line"], in: sample.place(0), into: &sample.sink)
    SectionRule.add(["Types"], in: sample.place(1), into: &sample.sink)
    #expect(sample.cards.isEmpty)
  }

  @Test func anEmptyHeadingWithoutSubsectionsIsAStub() {
    var sample = RuleSample("# Parent\n## Child\n## Empty\n")
    let parent = SectionRule.readEmpty(0, in: sample.place(1), into: &sample.sink)
    let empty = SectionRule.readEmpty(0, in: sample.place(3), into: &sample.sink)
    let child = SectionRule.readEmpty(1, in: sample.place(2), into: &sample.sink)
    #expect(!parent)
    #expect(empty)
    #expect(!child)
    #expect(sample.sink.stubs.map(\.message) == ["section 'Empty' has no content yet"])
  }
}
