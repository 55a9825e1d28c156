import Foundation
import RecallCards

/// A note that could not be imported, or a path that could not be used.
public struct ImportProblem: Error, Hashable, Sendable, Codable {
  /// The note's file (or the path as given).
  public var file: String
  /// The 1-based line of the problem; 0 when it concerns the whole file.
  public var line: Int
  /// What is wrong, as a sentence.
  public var message: String

  /// Creates a problem.
  public init(file: String, line: Int, message: String) {
    self.file = file
    self.line = line
    self.message = message
  }
}

/// What an import did (or, for a dry run, would do).
///
/// Counts are of cards, except ``renamed`` (note files renamed or moved) and the note counts.
public struct ImportReport: Hashable, Sendable {
  /// Cards new to the store.
  public var added = 0
  /// Cards whose question or answer changed, updated in place with their history. (New choices
  /// for a choice quiz, or a new place in the note, update a card without counting here.)
  public var changed = 0
  /// Cards no longer in their note, kept with their history.
  public var retired = 0
  /// Retired cards whose text came back, with their history.
  public var restored = 0
  /// Note files renamed or moved, recognized by their content.
  public var renamed = 0
  /// Cards that stayed as they were.
  public var unchanged = 0
  /// Note files imported (read and turned into cards, or skipped as unchanged).
  public var notes = 0
  /// Note files skipped at once because their bytes had not changed.
  public var unchangedNotes = 0
  /// Empty sections, terms without definitions and empty tables, with file and line.
  public var stubs: [Stub] = []
  /// Notes that could not be read or parsed (their cards were left untouched), and paths that
  /// could not be used.
  public var errors: [ImportProblem] = []
  /// What the search for notes skipped that a user should know of (see ``NoteSearch/notices``).
  public var notices: [ImportProblem] = []
  /// The note files renamed or moved: where each was and where it is now.
  public var moves: [NoteMove] = []
  /// The notes whose files were deleted from a folder being imported, with the number of cards
  /// each had retired (also counted in ``retired``).
  public var removedNotes: [RemovedNote] = []
  /// Notes whose files are gone from a folder being imported, left untouched because retiring
  /// them would empty the folder or take most of its notes at once: the import asks first (see
  /// `allowRemovals` of ``Store/importNotes(_:paths:folders:unreadPaths:extraction:now:dryRun:allowRemovals:listsCards:fileExists:progress:)``).
  public var heldBackNotes: [RemovedNote] = []
  /// Every card the import added, changed, moved, retired or restored, in note order; filled
  /// only when the import was asked to list them.
  public var cardChanges: [CardChange] = []
  /// Whether this was a dry run (nothing was written).
  public var isDryRun = false

  /// Creates an empty report.
  public init() {}

  /// Whether the import changed any card or note.
  public var changedAnything: Bool {
    added + changed + retired + restored + renamed > 0 || !removedNotes.isEmpty
  }
}

/// What an import does (or would do) to one card.
public struct CardChange: Hashable, Sendable, Codable {
  /// What happens to the card.
  public enum Kind: String, Hashable, Sendable, Codable {
    /// A new card.
    case added
    /// Its question or answer changed; it keeps its history.
    case changed
    /// It moved under another heading, its question and answer unchanged.
    case moved
    /// Its text left the note; it is kept with its history.
    case retired
    /// Its text came back; its history with it.
    case restored
  }

  /// A card's question and answer.
  public struct Text: Hashable, Sendable, Codable {
    public var prompt: String
    public var answer: String

    /// Creates a text.
    public init(prompt: String, answer: String) {
      self.prompt = prompt
      self.answer = answer
    }
  }

  /// What happens to the card.
  public var kind: Kind
  /// The note's file.
  public var file: String
  /// The card's key within its note.
  public var key: String
  /// The card's question and answer (after the change; a retired card's last ones).
  public var text: Text
  /// The heading path the card is under (after the change).
  public var context: [String]
  /// For a changed card, its question and answer before.
  public var before: Text?
  /// For a moved card, the heading path it was under before.
  public var fromContext: [String]?
  /// The number of reviews the card has (0 for a new card).
  public var reviews: Int

  /// The change `kind` of `card` of the note at `file`, which has `reviews` reviews.
  public init(_ kind: Kind, file: String, card: Card, reviews: Int = 0) {
    self.kind = kind
    self.file = file
    key = card.key
    text = Text(prompt: card.prompt, answer: card.answer)
    context = card.context
    self.reviews = reviews
  }
}

/// A note whose file was deleted from a folder being imported: its cards were retired, with
/// their history kept.
public struct RemovedNote: Hashable, Sendable, Codable {
  /// Where the note's file was.
  public var file: String
  /// How many of its cards were retired.
  public var cards: Int

  /// Creates a removed note.
  public init(file: String, cards: Int) {
    self.file = file
    self.cards = cards
  }
}

/// A note file that was renamed or moved.
public struct NoteMove: Hashable, Sendable, Codable {
  /// Where the note was.
  public var from: String
  /// Where it is now.
  public var to: String

  /// Creates a move.
  public init(from: String, to: String) {
    self.from = from
    self.to = to
  }
}

/// Turns a note's bytes into cards and stubs: the Markdown parser plus the card generator, or a
/// stand-in in tests.
public struct CardExtraction: Sendable {
  /// What one note gives.
  public struct Result: Sendable {
    /// The note's cards.
    public var cards: [Card]
    /// The note's stubs.
    public var stubs: [Stub]

    /// Creates a result.
    public init(cards: [Card], stubs: [Stub]) {
      self.cards = cards
      self.stubs = stubs
    }
  }

  /// Why a note could not be turned into cards.
  public struct Failure: Error, Hashable, Sendable {
    /// The 1-based line of the problem; 0 when it concerns the whole note.
    public var line: Int
    /// What is wrong, as a sentence.
    public var message: String

    /// Creates a failure.
    public init(line: Int, message: String) {
      self.line = line
      self.message = message
    }
  }

  /// A number that grows whenever the extraction makes different cards from the same bytes;
  /// notes imported with an older revision are read again even when unchanged.
  public var revision: Int
  /// Turns the bytes of the note `file` in `deck` into cards and stubs. The cards of one note
  /// must have different keys: a note whose cards share a key is reported, not imported.
  public var extract: @Sendable (_ bytes: [UInt8], _ file: String, _ deck: String) throws(Failure) -> Result

  /// Creates an extraction.
  public init(
    revision: Int,
    extract: @escaping @Sendable (_ bytes: [UInt8], _ file: String, _ deck: String) throws(Failure) -> Result
  ) {
    self.revision = revision
    self.extract = extract
  }
}

/// One committed run of `recall import`.
public struct ImportRun: Hashable, Sendable, Identifiable {
  /// The run's row id.
  public var id: Int64
  /// When it started.
  public var startedAt: Date
  /// When it finished.
  public var finishedAt: Date
  /// The paths given.
  public var paths: [String]
  /// What it did (counts only; stubs and errors are counted, not listed).
  public var notes, added, changed, retired, restored, renamed, unchanged, stubs, errors: Int

  /// Creates an import run.
  public init(
    id: Int64, startedAt: Date, finishedAt: Date, paths: [String], notes: Int, added: Int,
    changed: Int, retired: Int, restored: Int, renamed: Int, unchanged: Int, stubs: Int, errors: Int
  ) {
    self.id = id
    self.startedAt = startedAt
    self.finishedAt = finishedAt
    self.paths = paths
    self.notes = notes
    self.added = added
    self.changed = changed
    self.retired = retired
    self.restored = restored
    self.renamed = renamed
    self.unchanged = unchanged
    self.stubs = stubs
    self.errors = errors
  }
}
