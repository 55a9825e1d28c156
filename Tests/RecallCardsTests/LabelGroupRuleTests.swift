import RecallCards
import Testing

/// A bullet that ends in a colon over `label: text` bullets names their group.
struct LabelGroupRuleTests {
  @Test func aColonHeadOverLabelsIsTheirGroup() {
    let found = SeedNote.cards(
      of: """
        # Editorial Process
        - Roles:
          - **Project leads:** own the overall quality of the guide
          - **Editors:** own specific sections of the guide
        - All pull requests are reviewed by an editor.
        """, deck: "note.md"
    ).cards
    #expect(found.contains { $0.prompt == "Editorial Process › Roles › Project leads?" && $0.answer == "own the overall quality of the guide" })
    #expect(found.contains { $0.prompt == "Editorial Process › Roles › Editors?" })
    #expect(!found.contains { $0.prompt == "Editorial Process › Roles?" })
  }
}
