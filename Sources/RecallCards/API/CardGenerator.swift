import RecallMarkdown

/// Turns a parsed note into cards and stubs, from its structure alone.
///
/// What becomes a card:
/// - each non-empty cell of a comparison table (``CardKind/tableCell``), and its reverse
///   ("which thing has this value?", ``CardKind/tableThing``) when no other thing shares it;
/// - each glossary term, both ways (``CardKind/term``, ``CardKind/definition``);
/// - each defining sentence (`X란 …`, `X는 …이다.`, `X is a …`) as a term, both ways, and each
///   bold name inside a sentence as a cloze (a ``CardKind/definition`` with the name hidden);
/// - each step of a numbered list whose order the note says matters (``CardKind/flowStep``),
///   and the whole flow (``CardKind/flowOrder``); other numbered lists are sets, read like
///   bulleted ones;
/// - each heading with a paragraph or bullets of its own (``CardKind/section``);
/// - each `label: text` bullet, short bullet with nested bullets, named item with its
///   explanation, or bold question with its answer (``CardKind/label``).
///
/// Empty headings, terms without definitions and tables without filled cells become
/// ``Stub``s. Code blocks, images, raw HTML, link lines, reference sections and number grids
/// are never asked about; no answer is longer than ``CardDefects/answerCharacterLimit``
/// characters (the rest is the card's detail) and no prompt shows its answer. The same note
/// always gives the same cards in the same order.
public struct CardGenerator: Sendable {
  /// Creates a generator.
  public init() {}

  /// Cards and stubs for one parsed note.
  ///
  /// - Parameters:
  ///   - document: The parsed note.
  ///   - deck: The note's path relative to the imported folder, such as `aws/ecs.md`; it
  ///     starts every card's key.
  ///   - file: The note's path as given, for messages and `Card/file`.
  /// - Returns: The note's cards in note order, and its stubs.
  public func generate(from document: MarkdownDocument, deck: String, file: String) -> NoteCards {
    var reader = NoteReader(document: document, deck: deck, file: file)
    return reader.read()
  }
}

/// The cards and stubs of one note.
public struct NoteCards: Sendable, Hashable {
  /// The cards, in note order.
  public var cards: [Card]
  /// The gaps the author may want to fill, in note order.
  public var stubs: [Stub]

  /// Creates the cards and stubs of a note.
  public init(cards: [Card], stubs: [Stub]) {
    self.cards = cards
    self.stubs = stubs
  }
}
