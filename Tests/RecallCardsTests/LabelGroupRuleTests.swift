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

/// A numbered name with its explanation below is a card; the parent lists the names.
struct NamedItemRuleTests {
  @Test func aNameAndItsExplanationAreALabelAndTheParentAnOutline() throws {
    let found = SeedNote.cards(
      of: """
        # 데이터베이스의 특징
        1. 데이터의 무결성<br>
           잘못된 데이터가 발생하는 경우를 유효성 검사로 방지한다.
        2. 데이터의 보안성<br>
           인가된 사용자들만 자원에 접근할 수 있다.
        """, deck: "note.md"
    ).cards
    let label = try #require(found.first { $0.prompt == "데이터베이스의 특징 › 데이터의 무결성?" })
    #expect(label.answer == "잘못된 데이터가 발생하는 경우를 유효성 검사로 방지한다.")
    let outline = try #require(found.first { $0.kind == .section })
    #expect(outline.answer == "데이터의 무결성\n데이터의 보안성")
  }
}
