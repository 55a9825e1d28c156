import Testing

@testable import RecallCards

/// ``ChainRule``: arrow chains asked like flows.
struct ChainRuleTests {
  @Test func anArrowChainInAParagraphIsAFlow() throws {
    var sample = RuleSample("# Compile\n소스 코드 → 바이트 코드 → 기계어\n")
    ChainRule.read(try #require(sample.paragraphs().first), in: sample.place(), into: &sample.sink)
    let order = try #require(sample.cards.last)
    #expect(order.kind == .flowOrder)
    #expect(order.answer == "소스 코드\n바이트 코드\n기계어")
    #expect(order.key == "Compile › chain")
    // Three steps: a choice between the two others than the one before is a coin flip, typed.
    #expect(sample.cards.filter { $0.kind == .flowStep }.allSatisfy { $0.choices.count != 2 })
  }

  @Test func aSecondChainOfTheSectionIsNumbered() throws {
    var sample = RuleSample("# Release\nBuild → Test → Deploy\n\nPlan → Code → Review\n")
    for paragraph in sample.paragraphs() {
      ChainRule.read(paragraph, in: sample.place(), into: &sample.sink)
    }
    let orders = sample.cards.filter { $0.kind == .flowOrder }
    #expect(orders.map(\.key) == ["Release › chain", "Release › chain 2"])
    #expect(orders.last?.prompt.hasPrefix("Release (2) › ") == true)
  }

  @Test func aPlainParagraphHasNoChain() throws {
    var sample = RuleSample("# Flow\nNothing flows here.\n")
    ChainRule.read(try #require(sample.paragraphs().first), in: sample.place(), into: &sample.sink)
    #expect(sample.cards.isEmpty)
  }
}
