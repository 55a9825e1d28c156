import Testing

@testable import RecallCards

/// ``TermRule``: a term asked both ways.
struct TermRuleTests {
  @Test func aTermIsAskedForItsDefinitionAndByAClueThatHidesIt() throws {
    var sample = RuleSample("# Networking\ntext\n")
    TermRule.add(
      "Latency", definition: ["the time a packet takes to cross the network"], line: 3,
      in: sample.place(), into: &sample.sink)
    let term = try #require(sample.cards.first)
    #expect(term.kind == .term)
    #expect(term.key == "Networking › term › Latency")
    #expect(term.prompt == "Networking › Latency?")
    let definition = try #require(sample.cards.last)
    #expect(definition.kind == .definition)
    #expect(definition.answer == "Latency")
    #expect(definition.siblingGroup == term.key)
    #expect(definition.prompt.contains("the time a packet takes"))
    #expect(sample.sink.terms.map(\.definitionCard) == [1])
  }

  @Test func aTermWithoutDefinitionIsAStubAndOneThatRepeatsItselfNothing() {
    var sample = RuleSample("# Networking\ntext\n")
    TermRule.add("Jitter", definition: [], line: 4, in: sample.place(), into: &sample.sink)
    #expect(sample.sink.stubs.map(\.kind) == [.termWithoutDefinition])
    TermRule.add("Jitter", definition: ["jitter"], line: 5, in: sample.place(), into: &sample.sink)
    #expect(sample.cards.isEmpty)
  }
}
