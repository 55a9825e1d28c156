/// What part of a note's structure a card comes from, and so how it can be asked.
public enum CardKind: String, Hashable, Sendable, Codable, CaseIterable {
  /// One cell of a comparison table: thing + attribute → the cell's lines.
  case tableCell
  /// The reverse of a table cell: the cell's lines → which thing.
  case tableThing
  /// A glossary term → its definition.
  case term
  /// A definition → its term.
  case definition
  /// One step of an ordered flow: "what comes after …?".
  case flowStep
  /// A whole ordered flow: put the steps in order.
  case flowOrder
  /// A heading → its paragraph or bullets.
  case section
  /// A nested `label: text` bullet under a heading.
  case label
}

/// A flashcard drawn from a note, before it is stored.
///
/// `key` identifies the card across edits of its note; `contentHash` changes when what the card
/// asks or answers changes. Cards of one `siblingGroup` (the same table cell, term or flow) are
/// kept apart in a review.
public struct Card: Hashable, Sendable, Codable {
  /// The stable identity within the note: heading path and anchor (table + thing + attribute;
  /// term; ...), without the deck, so that renaming or moving the note keeps it.
  public var key: String
  /// What the card comes from.
  public var kind: CardKind
  /// The note's path relative to the folder imported, such as `aws/ecs-eks-lambda.md`.
  public var deck: String
  /// The note's path as given to the generator.
  public var file: String
  /// The 1-based line the card comes from.
  public var line: Int
  /// The question, as shown to the user.
  public var prompt: String
  /// The answer: its lines (cell lines, bullets, steps) joined by `\n`.
  public var answer: String
  /// The options of the card's choice quiz, the right answer among them; empty if it has none.
  /// For a ``CardKind/flowOrder`` card: its steps in a fixed scrambled order.
  public var choices: [String]
  /// The heading path from the top of the note to the card.
  public var context: [String]
  /// Extra text shown after the answer (the section that describes a flow step), if any.
  public var detail: String?
  /// Cards from the same cell, term or flow share this value.
  public var siblingGroup: String
  /// A hash of what the card asks and answers (prompt, answer, choices).
  public var contentHash: String
  /// For a card of a table: which axis of the table the generator read as the things
  /// compared; `nil` for other cards (the store keeps it with the card; a table card stored
  /// before the store kept it has none until its note is next imported with changes).
  public var orientation: TableOrientation?

  /// Creates a card.
  public init(
    key: String, kind: CardKind, deck: String, file: String, line: Int, prompt: String,
    answer: String, choices: [String], context: [String], detail: String?,
    siblingGroup: String, contentHash: String, orientation: TableOrientation? = nil
  ) {
    self.key = key
    self.kind = kind
    self.deck = deck
    self.file = file
    self.line = line
    self.prompt = prompt
    self.answer = answer
    self.choices = choices
    self.context = context
    self.detail = detail
    self.siblingGroup = siblingGroup
    self.contentHash = contentHash
    self.orientation = orientation
  }
}

/// Something in a note that could be a card but has no content yet.
public struct Stub: Hashable, Sendable, Codable {
  /// What kind of gap this is.
  public enum Kind: String, Hashable, Sendable, Codable {
    /// A heading with nothing under it.
    case emptySection
    /// A term with no definition.
    case termWithoutDefinition
    /// A table with no data rows or no filled cells.
    case emptyTable
  }
  /// What kind of gap this is.
  public var kind: Kind
  /// The note's path.
  public var file: String
  /// The 1-based line.
  public var line: Int
  /// A sentence for the author, such as "section 'SSL' has no content yet".
  public var message: String

  /// Creates a stub.
  public init(kind: Kind, file: String, line: Int, message: String) {
    self.kind = kind
    self.file = file
    self.line = line
    self.message = message
  }
}
