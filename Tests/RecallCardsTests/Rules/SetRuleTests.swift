import Testing

@testable import RecallCards

/// ``SetRule``: lists read as sets.
struct SetRuleTests {
  @Test func plainMembersAreReturnedForTheSectionsAnswer() throws {
    var sample = RuleSample("# Redis types\n- String\n- Hash\n- List\n")
    let members = SetRule.read(
      try #require(sample.list()), in: sample.place(), labelsMode: true, groups: [],
      into: &sample.sink)
    #expect(members == ["String", "Hash", "List"])
    #expect(sample.cards.isEmpty)
  }

  @Test func labelItemsAreLabelsInLabelsModeAndTermsOtherwise() throws {
    let note = "# Roles\n- Lead: plans the work\n- Reviewer: checks the work\n"
    var labels = RuleSample(note)
    _ = SetRule.read(
      try #require(labels.list()), in: labels.place(), labelsMode: true, groups: [],
      into: &labels.sink)
    #expect(labels.cards.map(\.kind) == [.label, .label])
    #expect(labels.cards.map(\.prompt) == ["Roles › Lead?", "Roles › Reviewer?"])
    var terms = RuleSample(note)
    _ = SetRule.read(
      try #require(terms.list()), in: terms.place(), labelsMode: false, groups: [],
      into: &terms.sink)
    #expect(
      terms.cards.filter { $0.kind == .term }.map(\.answer) == [
        "plans the work", "checks the work",
      ])
  }

  @Test func aHeadWithLabelledChildrenIsAGroupAndItsParentAsksForItsNames() throws {
    let note = """
      # Team
      - Roles
        - Lead: plans the work
        - Reviewer: checks the work
      - 데이터의 무결성<br>여러 경로를 통해 같은 값을 얻는다
      """
    var sample = RuleSample(note)
    let content = SetRule.read(
      try #require(sample.list()), in: sample.place(), labelsMode: false, groups: [],
      into: &sample.sink)
    #expect(
      sample.cards.contains {
        $0.prompt == "Team › Roles › Lead?" && $0.context == ["Team", "Roles"]
      })
    #expect(sample.cards.contains { $0.prompt == "Team › 데이터의 무결성?" })
    // The named item stays in the parent's answer by its name only.
    #expect(content == ["데이터의 무결성"])
  }

  @Test func aTableOfContentsGivesNothing() throws {
    var sample = RuleSample(
      "# Contents list\n- [Intro](#intro)\n- [Usage](#usage)\n- [End](#end)\n")
    let content = SetRule.read(
      try #require(sample.list()), in: sample.place(), labelsMode: false, groups: [],
      into: &sample.sink)
    #expect(content.isEmpty)
    #expect(sample.cards.isEmpty)
  }
}
