import RecallMarkdown
import Testing

@testable import RecallCards

/// ``TableRule``, called on a table alone.
struct TableRuleTests {
  let compare = """
    # Services
    | Service | Type | Pricing |
    |---|---|---|
    | ECS | Container orchestration | Per task |
    | Lambda | Serverless function | Per request |
    """

  @Test func eachCellIsAskedByThingAndAttributeAndItsThingInReverse() throws {
    var sample = RuleSample(compare)
    let table = try #require(sample.table())
    TableRule.read(table, at: 0, of: sample.blocks(), in: sample.place(), into: &sample.sink)
    let cells = sample.cards.filter { $0.kind == .tableCell }
    #expect(cells.map(\.prompt).contains("Services › ECS › Type?"))
    #expect(cells.first { $0.prompt == "Services › Lambda › Pricing?" }?.answer == "Per request")
    #expect(cells.allSatisfy { $0.orientation == .thingsInRows })
    let reverse = sample.cards.filter { $0.kind == .tableThing }
    #expect(
      reverse.contains { $0.answer == "ECS" && $0.prompt.contains("Container orchestration") })
    // A reverse card is grouped with the cell it reverses.
    let cell = try #require(cells.first { $0.prompt == "Services › ECS › Type?" })
    #expect(reverse.first { $0.key == cell.key + " › which" }?.siblingGroup == cell.key)
  }

  @Test func aTableIsReadOnceAndTheSecondOfASectionIsNumbered() throws {
    var sample = RuleSample(
      compare + "\n\n| Tool | Use |\n|---|---|\n| A | build things |\n| B | test things |\n")
    let tables = sample.blocks().compactMap { block -> Table? in
      if case .table(let table) = block { return table }
      return nil
    }
    #expect(tables.count == 2)
    TableRule.read(tables[0], override: nil, in: sample.place(), into: &sample.sink)
    let first = sample.cards.count
    TableRule.read(tables[0], override: nil, in: sample.place(), into: &sample.sink)
    #expect(sample.cards.count == first)
    TableRule.read(tables[1], override: nil, in: sample.place(), into: &sample.sink)
    #expect(sample.cards.dropFirst(first).contains { $0.key == "Services › table 2 › A › Use" })
    #expect(sample.cards.dropFirst(first).contains { $0.prompt == "Services (2) › B › Use?" })
  }

  @Test func aNumberGridGivesNoCardAndAnEmptyTableAStub() throws {
    var grid = RuleSample("# Sieve\n| 1 | 2 | 3 |\n|---|---|---|\n| 4 | 5 | 6 |\n| 7 | 8 | 9 |\n")
    TableRule.read(try #require(grid.table()), override: nil, in: grid.place(), into: &grid.sink)
    #expect(grid.cards.isEmpty)
    var empty = RuleSample("# Plan\n| Step | Owner |\n|---|---|\n|  |  |\n")
    TableRule.read(try #require(empty.table()), override: nil, in: empty.place(), into: &empty.sink)
    #expect(empty.cards.isEmpty)
    #expect(empty.sink.stubs.map(\.kind) == [.emptyTable])
  }

  @Test func aCommentBeforeTheTableTurnsIt() throws {
    let note = """
      # Services
      <!-- recall: things are columns -->

      | Attribute | ECS | Lambda |
      |---|---|---|
      | Type | Container orchestration | Serverless function |
      """
    var sample = RuleSample(note)
    let blocks = sample.blocks()
    let index = try #require(blocks.firstIndex { if case .table = $0 { true } else { false } })
    let override = TableRule.orientationOverride(near: index, in: blocks, note: nil)
    #expect(override == .thingsInColumns)
    TableRule.read(
      try #require(sample.table()), at: index, of: blocks, in: sample.place(), into: &sample.sink)
    #expect(
      sample.cards.contains {
        $0.prompt == "Services › Lambda › Type?" && $0.answer == "Serverless function"
      })
  }

  @Test func aTableInAListItemIsNamedByTheItemsHead() throws {
    let note = """
      # HTTP
      - Method
        | Name | Safe |
        |---|---|
        | GET | yes |
        | POST | no |
      """
    var sample = RuleSample(note)
    TableRule.readNested(in: sample.blocks()[...], in: sample.place(), into: &sample.sink)
    #expect(sample.cards.contains { $0.prompt == "Method › GET › Safe?" && $0.context == ["HTTP"] })
  }
}
