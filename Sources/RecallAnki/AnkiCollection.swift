import Foundation

/// What Recall writes into an Anki package or reads out of one: the collection's notes, cards
/// and review log (the `notes`, `cards` and `revlog` tables of Anki's collection), with the
/// decks, note type and deck options a package needs.
///
/// The numbers keep Anki's meanings (see ``AnkiCard`` and ``AnkiRevlogEntry``); days are
/// counted from ``creation``, Anki's `col.crt`.
public struct AnkiCollection: Hashable, Sendable {
  /// When the collection was created: day 0 of the cards' due days.
  public var creation: Date
  /// When it last changed (a package written by Recall: when it was exported).
  public var modified: Date
  /// The local hour at which Anki's study day starts (its "next day starts at").
  public var dayStartHour: Int
  /// Minutes west of UTC of the collection's time zone, as Anki records it.
  public var minutesWest: Int
  /// The note type of the notes (a package written by Recall has one).
  public var noteType: AnkiNoteType?
  /// The decks, parents included.
  public var decks: [AnkiDeck]
  /// The deck options the decks use.
  public var deckOptions: AnkiDeckOptions?
  /// The notes.
  public var notes: [AnkiNote]
  /// The cards.
  public var cards: [AnkiCard]
  /// The review log.
  public var revlog: [AnkiRevlogEntry]

  /// Creates a collection.
  public init(
    creation: Date, modified: Date? = nil, dayStartHour: Int = 4, minutesWest: Int = 0, noteType: AnkiNoteType? = nil,
    decks: [AnkiDeck] = [], deckOptions: AnkiDeckOptions? = nil, notes: [AnkiNote] = [],
    cards: [AnkiCard] = [], revlog: [AnkiRevlogEntry] = []
  ) {
    self.creation = creation
    self.modified = modified ?? creation
    self.dayStartHour = dayStartHour
    self.minutesWest = minutesWest
    self.noteType = noteType
    self.decks = decks
    self.deckOptions = deckOptions
    self.notes = notes
    self.cards = cards
    self.revlog = revlog
  }
}

/// A note type: its fields, its one card template and its style.
public struct AnkiNoteType: Hashable, Sendable {
  /// The note type's id.
  public var id: Int64
  /// Its name, as Anki lists it.
  public var name: String
  /// When it last changed: Anki updates a note type on import only when this is newer.
  public var modified: Date
  /// The field names, in order.
  public var fields: [String]
  /// The front template.
  public var front: String
  /// The back template.
  public var back: String
  /// The cards' CSS.
  public var css: String

  /// Creates a note type.
  public init(
    id: Int64, name: String, modified: Date, fields: [String], front: String, back: String,
    css: String
  ) {
    self.id = id
    self.name = name
    self.modified = modified
    self.fields = fields
    self.front = front
    self.back = back
    self.css = css
  }
}

/// A deck, named with Anki's `::` between levels.
public struct AnkiDeck: Hashable, Sendable {
  /// The deck's id.
  public var id: Int64
  /// The full name, such as `Recall::aws::ecs-eks-lambda`.
  public var name: String

  /// Creates a deck.
  public init(id: Int64, name: String) {
    self.id = id
    self.name = name
  }
}

/// The deck options a package brings: FSRS with its parameters and desired retention.
public struct AnkiDeckOptions: Hashable, Sendable {
  /// The options' id.
  public var id: Int64
  /// Their name, as Anki lists them.
  public var name: String
  /// The FSRS-6 parameters (21 numbers).
  public var fsrsParameters: [Double]
  /// The desired retention, 0 to 1.
  public var desiredRetention: Double
  /// The learning steps, in minutes.
  public var learningSteps: [Double]
  /// The relearning steps, in minutes.
  public var relearningSteps: [Double]
  /// The longest interval, in days.
  public var maximumInterval: Int
  /// New cards a day.
  public var newCardsPerDay: Int
  /// Reviews a day.
  public var reviewsPerDay: Int

  /// Creates deck options.
  public init(
    id: Int64, name: String, fsrsParameters: [Double], desiredRetention: Double,
    learningSteps: [Double], relearningSteps: [Double], maximumInterval: Int, newCardsPerDay: Int,
    reviewsPerDay: Int
  ) {
    self.id = id
    self.name = name
    self.fsrsParameters = fsrsParameters
    self.desiredRetention = desiredRetention
    self.learningSteps = learningSteps
    self.relearningSteps = relearningSteps
    self.maximumInterval = maximumInterval
    self.newCardsPerDay = newCardsPerDay
    self.reviewsPerDay = reviewsPerDay
  }
}

/// A note: its GUID (what Anki matches notes by across imports) and its fields.
public struct AnkiNote: Hashable, Sendable {
  /// The note's id.
  public var id: Int64
  /// The GUID.
  public var guid: String
  /// The id of its note type.
  public var noteTypeID: Int64
  /// When it last changed, to the second: Anki updates a note on import only when this is
  /// newer than its own copy.
  public var modified: Int64
  /// The tags, separated by spaces.
  public var tags: String
  /// The fields' contents (HTML), in the note type's order.
  public var fields: [String]

  /// Creates a note.
  public init(id: Int64, guid: String, noteTypeID: Int64, modified: Int64, tags: String = "", fields: [String]) {
    self.id = id
    self.guid = guid
    self.noteTypeID = noteTypeID
    self.modified = modified
    self.tags = tags
    self.fields = fields
  }
}

/// Anki's card type (`cards.type`).
public enum AnkiCardType: Int, Hashable, Sendable {
  /// Never studied.
  case new = 0
  /// In its learning steps.
  case learning = 1
  /// Graduated.
  case review = 2
  /// Forgotten, in its relearning steps.
  case relearning = 3
}

/// Anki's queue (`cards.queue`): where the scheduler looks for the card, and how `due` counts.
public enum AnkiQueue: Int, Hashable, Sendable {
  /// Buried by the user.
  case userBuried = -3
  /// Buried by the scheduler (a sibling was studied).
  case schedulerBuried = -2
  /// Suspended.
  case suspended = -1
  /// New: `due` is its position.
  case new = 0
  /// Learning within the day: `due` is a Unix time in seconds.
  case learning = 1
  /// Review: `due` is a day number from the collection's creation.
  case review = 2
  /// Learning across days: `due` is a day number.
  case dayLearning = 3
  /// Previewed in a filtered deck.
  case preview = 4
}

/// A card: its note, deck and scheduling.
public struct AnkiCard: Hashable, Sendable {
  /// The card's id.
  public var id: Int64
  /// Its note's id.
  public var noteID: Int64
  /// Its deck's id.
  public var deckID: Int64
  /// Which template of its note type made it (0 for the first).
  public var ordinal: Int
  /// When it last changed, to the second.
  public var modified: Int64
  /// Its type.
  public var type: AnkiCardType
  /// Its queue.
  public var queue: AnkiQueue
  /// Its position (new), Unix time in seconds (learning) or day number (review).
  public var due: Int64
  /// Its interval in days.
  public var interval: Int
  /// Its ease factor in thousandths (2500 for 250 %).
  public var factor: Int
  /// How many times it was answered.
  public var reps: Int
  /// How many times it lapsed.
  public var lapses: Int
  /// Learning steps left.
  public var left: Int
  /// Its FSRS memory state and related values (`cards.data`).
  public var memory: AnkiMemory

  /// Creates a card.
  public init(
    id: Int64, noteID: Int64, deckID: Int64, ordinal: Int = 0, modified: Int64, type: AnkiCardType,
    queue: AnkiQueue, due: Int64, interval: Int = 0, factor: Int = 0, reps: Int = 0, lapses: Int = 0,
    left: Int = 0, memory: AnkiMemory = AnkiMemory()
  ) {
    self.id = id
    self.noteID = noteID
    self.deckID = deckID
    self.ordinal = ordinal
    self.modified = modified
    self.type = type
    self.queue = queue
    self.due = due
    self.interval = interval
    self.factor = factor
    self.reps = reps
    self.lapses = lapses
    self.left = left
    self.memory = memory
  }
}

/// A card's FSRS values as Anki keeps them in `cards.data`: stability `s`, difficulty `d`,
/// desired retention `dr`, `decay` and the last review's Unix time `lrt`.
public struct AnkiMemory: Hashable, Sendable {
  /// The stability in days.
  public var stability: Double?
  /// The difficulty, 1 to 10.
  public var difficulty: Double?
  /// The desired retention the card was scheduled for.
  public var desiredRetention: Double?
  /// The forgetting curve's decay.
  public var decay: Double?
  /// When it was last reviewed, in Unix seconds.
  public var lastReview: Int64?

  /// Creates a memory state.
  public init(
    stability: Double? = nil, difficulty: Double? = nil, desiredRetention: Double? = nil,
    decay: Double? = nil, lastReview: Int64? = nil
  ) {
    self.stability = stability
    self.difficulty = difficulty
    self.desiredRetention = desiredRetention
    self.decay = decay
    self.lastReview = lastReview
  }
}

/// Anki's kind of review log row (`revlog.type`).
public enum AnkiReviewKind: Int, Hashable, Sendable {
  /// An answer to a new or learning card.
  case learning = 0
  /// An answer to a review card.
  case review = 1
  /// An answer to a relearning card.
  case relearning = 2
  /// An answer in a filtered deck that did not reschedule.
  case filtered = 3
  /// A due date set by hand.
  case manual = 4
  /// A card rescheduled (by the FSRS helper or "reschedule cards on change").
  case rescheduled = 5
}

/// One row of Anki's review log.
public struct AnkiRevlogEntry: Hashable, Sendable {
  /// The row's id: when the answer was given, in Unix milliseconds.
  public var id: Int64
  /// The card answered.
  public var cardID: Int64
  /// The button: 1 again, 2 hard, 3 good, 4 easy (0 for a row that is not an answer).
  public var ease: Int
  /// The interval after: days when positive, seconds when negative.
  public var interval: Int
  /// The interval before, counted the same way.
  public var lastInterval: Int
  /// The ease factor after, in thousandths (Anki records one with FSRS too).
  public var factor: Int
  /// How long the answer took, in milliseconds.
  public var milliseconds: Int
  /// The kind of row.
  public var kind: AnkiReviewKind

  /// Creates a review log row.
  public init(
    id: Int64, cardID: Int64, ease: Int, interval: Int, lastInterval: Int, factor: Int,
    milliseconds: Int, kind: AnkiReviewKind
  ) {
    self.id = id
    self.cardID = cardID
    self.ease = ease
    self.interval = interval
    self.lastInterval = lastInterval
    self.factor = factor
    self.milliseconds = milliseconds
    self.kind = kind
  }
}
