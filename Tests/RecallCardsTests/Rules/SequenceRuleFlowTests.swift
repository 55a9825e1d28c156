import Testing

@testable import RecallCards

/// ``SequenceRule``, called on a numbered list.
struct SequenceRuleFlowTests {
  @Test func eachStepIsAskedAfterTheOneBeforeAndAllInOrder() throws {
    var sample = RuleSample("# Boot process\n1. BIOS\n2. Bootloader\n3. Kernel\n")
    let list = try #require(sample.list())
    let read = SequenceRule.readIfSequence(
      list, introduction: "", in: sample.place(), into: &sample.sink)
    #expect(read)
    let steps = sample.cards.filter { $0.kind == .flowStep }
    #expect(steps.map(\.answer) == ["BIOS", "Bootloader", "Kernel"])
    #expect(steps[0].prompt == "Boot process › What is the first step?")
    #expect(steps[1].prompt == "Boot process › What comes after ‘BIOS’?")
    let order = try #require(sample.cards.last)
    #expect(order.kind == .flowOrder)
    #expect(order.key == "Boot process › flow")
    #expect(order.answer == "BIOS\nBootloader\nKernel")
    #expect(steps.allSatisfy { $0.siblingGroup == order.key })
  }

  @Test func aListWithoutEvidenceOfOrderIsLeftToTheSetRule() throws {
    var sample = RuleSample("# Design Smells\n1. Rigidity\n2. Fragility\n3. Immobility\n")
    let list = try #require(sample.list())
    let read = SequenceRule.readIfSequence(
      list, introduction: "", in: sample.place(), into: &sample.sink)
    #expect(!read)
    #expect(sample.cards.isEmpty)
  }

  @Test func aNestedFlowIsAskedByItsItemsHeadOnce() throws {
    let note = """
      # I/O
      - Non-Blocking I/O
        - 진행 순서
          1. 요청을 보낸다
          2. 바로 반환된다
          3. 나중에 결과를 확인한다
      """
    var sample = RuleSample(note)
    let blocks = sample.blocks()[...]
    SequenceRule.readNested(
      in: blocks, head: "", parent: "I/O", in: sample.place(), into: &sample.sink)
    SequenceRule.readNested(
      in: blocks, head: "", parent: "I/O", in: sample.place(), into: &sample.sink)
    let first = sample.cards.filter { $0.prompt.hasSuffix("첫 단계는?") }
    #expect(first.map(\.prompt) == ["Non-Blocking I/O › 진행 순서 › 첫 단계는?"])
    #expect(first.first?.context == ["I/O", "Non-Blocking I/O", "진행 순서"])
  }

  @Test func aStepWithoutDetailIsDescribedByTheSectionNamedAfterIt() {
    let note =
      "# Request flow\n1. DNS (Route 53)\n2. Load balancer\n\n## Route53\nResolves names.\n"
    let sample = RuleSample(note)
    #expect(
      SequenceRule.describingSection(
        of: "DNS (Route 53)", after: 1, in: sample.outline, names: sample.outline.makeSectionNames()
      )
        == "Resolves names.")
    #expect(
      SequenceRule.describingSection(
        of: "Load balancer", after: 1, in: sample.outline, names: sample.outline.makeSectionNames())
        == nil)
  }
}
