import Testing

@testable import RecallCards

/// ``SectionReader``: each block of a section handed to its rule, the rest the section's card.
struct SectionReaderTests {
  func read(_ note: String, section: Int = 1) -> RuleSample {
    var sample = RuleSample(note)
    SectionReader.read(sample.place(section), into: &sample.sink)
    return sample
  }

  @Test func eachShapeGoesToItsRuleInNoteOrder() {
    let note = """
      # Cache
      **TTL:** how long an entry lives.

      | Kind | Speed |
      |---|---|
      | L1 | fastest |
      | L2 | fast |

      Client → Cache → Database

      - warm it before a release
      - watch the hit rate
      """
    let kinds = read(note).cards.map(\.kind)
    #expect(kinds.first == .term)
    #expect(kinds.contains(.tableCell))
    #expect(kinds.contains(.flowOrder))
    #expect(kinds.last == .section)
  }

  @Test func whatTheRulesLeaveIsTheSectionsAnswer() throws {
    let note = "# Cache\nKeep it small.\n\n- warm it before a release\n- watch the hit rate\n"
    let card = try #require(read(note).cards.last)
    #expect(card.kind == .section)
    #expect(card.answer == "Keep it small.\nwarm it before a release\nwatch the hit rate")
  }

  @Test func aBoldQuestionTakesTheNextParagraphWhichIsNotReadAgain() {
    let note = "# Hash\n**Why use a hash table?**\n\nLookups take constant time on average.\n"
    let cards = read(note).cards
    #expect(cards.map(\.kind) == [.label])
    #expect(cards.first?.answer == "Lookups take constant time on average.")
  }

  @Test func contentsAndReferenceSectionsGiveNothingAndAnEmptyHeadingAStub() {
    #expect(read("# Contents\n- Intro\n- Usage\n").cards.isEmpty)
    #expect(read("# References\n- a book\n- a talk\n").cards.isEmpty)
    let empty = read("# Empty\n")
    #expect(empty.cards.isEmpty)
    #expect(empty.sink.stubs.map(\.kind) == [.emptySection])
  }

  @Test func aNumberedListWithEvidenceOfOrderIsAFlowAndOtherwiseASet() {
    let flow = read("# Deploy steps\n1. Build\n2. Test\n3. Ship\n").cards.map(\.kind)
    #expect(flow.contains(.flowOrder))
    #expect(!flow.contains(.section))
    let set = read("# Design Smells\n1. Rigidity\n2. Fragility\n3. Immobility\n").cards
    #expect(set.map(\.kind) == [.section])
  }
}
