import Testing

@testable import RecallCards

/// The note-wide steps after the rules: ``DefinitionChoices``, ``ChoiceWidening``,
/// ``DistinctPrompts`` and ``ContentHash``.
struct NoteWideStepsTests {
  func card(
    _ kind: CardKind, _ prompt: String, _ answer: String, context: [String] = [],
    choices: [String] = []
  ) -> Card {
    Card(
      key: prompt, kind: kind, deck: "n.md", file: "n.md", line: 1, prompt: prompt, answer: answer,
      choices: choices, context: context, detail: nil, siblingGroup: prompt, contentHash: "")
  }

  @Test func aDefinitionCardsOptionsAreTheNearestOtherTerms() {
    var sink = CardSink(deck: "n.md", file: "n.md")
    for name in ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"] {
      let index = sink.add(
        .definition, anchor: [name], context: [], line: 1,
        prompt: "Which term is this? \(name.count) letters", answer: name)
      sink.addTerm(name, definitionCard: index ?? 0)
    }
    DefinitionChoices.fill(&sink.cards, terms: sink.terms)
    #expect(sink.cards[0].choices.first == "Alpha")
    #expect(sink.cards[0].choices.count == 4)
    #expect(sink.cards[4].choices.contains("Epsilon"))
  }

  @Test func aQuizOfTwoOptionsGetsMoreOfTheSameAttribute() {
    var cards = [
      card(.tableCell, "T › A › Type?", "Queue", choices: ["Queue", "Stack"]),
      card(.tableCell, "U › C › Type?", "Heap"),
      card(.tableCell, "U › D › Size?", "Large"),
      card(.tableCell, "V › E › Safe?", "Yes", choices: ["Yes", "No"]),
    ]
    ChoiceWidening.widen(&cards)
    #expect(cards[0].choices == ["Queue", "Stack", "Heap"])
    // A closed pair stays as it is.
    #expect(cards[3].choices == ["Yes", "No"])
    #expect(ChoiceWidening.lastPart(of: "Systems › Bigtable › Type?") == "Type?")
  }

  @Test func promptsThatReadAlikeAreWidenedThenMarked() {
    var cards = [
      card(.section, "enQueue?", "adds at the back", context: ["Queue", "enQueue"]),
      card(.section, "enQueue?", "adds by priority", context: ["Priority queue", "enQueue"]),
      card(.term, "Cache?", "a fast store"),
      card(.section, "Cache?", "keep it warm"),
    ]
    DistinctPrompts.separate(&cards, phrasing: RuleSample("# English\ntext\n").outline.phrasing)
    #expect(cards[0].prompt == "Queue › enQueue?")
    #expect(cards[1].prompt == "Priority queue › enQueue?")
    #expect(cards[2].prompt == "Cache? (term)")
    #expect(cards[3].prompt == "Cache? (section)")
  }

  @Test func theContentHashChangesWithWhatIsAsked() {
    var cards = [card(.label, "Q?", "A"), card(.label, "Q?", "B"), card(.label, "Q?", "A")]
    ContentHash.fill(&cards)
    #expect(cards[0].contentHash != cards[1].contentHash)
    #expect(cards[0].contentHash == cards[2].contentHash)
    #expect(cards[0].contentHash == ContentHash.of(cards[0]))
  }
}
