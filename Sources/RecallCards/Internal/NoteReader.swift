import RecallMarkdown

/// Reads one note into its cards and stubs: each section by ``SectionReader``, then the
/// note-wide steps.
///
/// The reading is a single pass in note order, so the same note always gives the same cards
/// in the same order. Every shape of a note has a rule of its own, in a file of its own, that
/// reads the shared ``NoteOutline`` and hands its cards to the ``CardSink``: ``TableRule``,
/// ``GlossaryRule`` and ``TermRule``, ``DefinitionRule``, ``ClozeRule``, ``SequenceRule``,
/// ``ChainRule``, ``SetRule``, ``LabelRule``, ``SectionRule`` and ``ContentsRule``. What
/// needs the whole note comes last, a step each: the options of definition cards
/// (``DefinitionChoices``), more options for choice quizzes of two (``ChoiceWidening``),
/// prompts that read alike told apart (``DistinctPrompts``) and content hashes
/// (``ContentHash``).
struct NoteReader {
  /// The note, read once.
  let outline: NoteOutline
  /// Where the rules put the cards.
  var sink: CardSink

  /// Prepares to read `document` as the note `deck` at `file`.
  init(document: MarkdownDocument, deck: String, file: String) {
    outline = NoteOutline(document, deck: deck)
    sink = CardSink(deck: deck, file: file)
  }

  /// Reads the whole note.
  mutating func read() -> NoteCards {
    for index in outline.sections.indices {
      SectionReader.read(SectionPlace(outline, section: index), into: &sink)
    }
    DefinitionChoices.fill(&sink.cards, terms: sink.terms)
    ChoiceWidening.widen(&sink.cards)
    DistinctPrompts.separate(&sink.cards, phrasing: outline.phrasing)
    ContentHash.fill(&sink.cards)
    return NoteCards(cards: sink.cards, stubs: sink.stubs)
  }
}
