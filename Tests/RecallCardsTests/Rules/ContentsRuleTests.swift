import Testing

@testable import RecallCards

/// ``ContentsRule``: tables of contents give no card.
struct ContentsRuleTests {
  @Test func aListOfTheNotesOwnHeadingsIsATableOfContents() throws {
    let note = """
      # Guide
      - App Life Cycle
      - View Life Cycle
      - Memory
      ## App Life Cycle
      a
      ## View Life Cycle
      b
      ## Memory
      c
      """
    let sample = RuleSample(note)
    #expect(ContentsRule.isContents(try #require(sample.list()), in: sample.outline))
  }

  @Test func aListOfOtherThingsIsNot() throws {
    let sample = RuleSample("# Guide\n- Apples\n- Pears\n- Plums\n## Apples\na\n")
    #expect(!ContentsRule.isContents(try #require(sample.list()), in: sample.outline))
  }

  @Test func contentsHeadingsInAnyCase() {
    #expect(ContentsRule.isContentsHeading("Table of Contents"))
    #expect(ContentsRule.isContentsHeading("목차"))
    #expect(!ContentsRule.isContentsHeading("Context switching"))
  }
}
