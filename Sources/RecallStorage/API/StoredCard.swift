import Foundation
import RecallCards

/// A card as the store holds it: the generated card, its status, its scheduling state and times.
///
/// Its fields are kept once, shared by its copies, and copied only when one copy changes: a
/// review filters, orders and keeps by id a window of hundreds of cards, and each copy of the
/// 350 bytes of every card took fresh memory, a page fault for each 4 KiB (a fifth of the page
/// faults of a review's start). A copy is now a pointer.
public struct StoredCard: Hashable, Sendable, Identifiable {
  /// The fields of a stored card.
  private struct Fields: Hashable, Sendable {
    var id: Int64
    var uid: String
    var noteID: Int64
    var card: Card
    var status: CardStatus
    var schedule: CardSchedule
    var createdAt: Date
    var updatedAt: Date
    var contentChangedAt: Date
    var retiredAt: Date?
    var isSuspended: Bool
    var isLeech: Bool
  }

  /// The fields, never changed once made: a change makes new ones.
  private final class Storage: Sendable {
    let fields: Fields

    init(_ fields: Fields) {
      self.fields = fields
    }
  }

  private var storage: Storage

  /// The fields, changed by `change`.
  private mutating func change(_ change: (inout Fields) -> Void) {
    var fields = storage.fields
    change(&fields)
    storage = Storage(fields)
  }

  /// The card's row id in this database.
  public var id: Int64 {
    get { storage.fields.id }
    set { change { $0.id = newValue } }
  }
  /// The card's UUID, the same in every database it is exported to or merged with.
  public var uid: String {
    get { storage.fields.uid }
    set { change { $0.uid = newValue } }
  }
  /// The id of the card's note.
  public var noteID: Int64 {
    get { storage.fields.noteID }
    set { change { $0.noteID = newValue } }
  }
  /// The card as last generated from its note (deck and file are the note's current ones).
  public var card: Card {
    get { storage.fields.card }
    set { change { $0.card = newValue } }
  }
  /// Whether the card is still in its note.
  public var status: CardStatus {
    get { storage.fields.status }
    set { change { $0.status = newValue } }
  }
  /// The card's scheduling state.
  public var schedule: CardSchedule {
    get { storage.fields.schedule }
    set { change { $0.schedule = newValue } }
  }
  /// When the card was first imported.
  public var createdAt: Date {
    get { storage.fields.createdAt }
    set { change { $0.createdAt = newValue } }
  }
  /// When anything of the card last changed (text, position, status).
  public var updatedAt: Date {
    get { storage.fields.updatedAt }
    set { change { $0.updatedAt = newValue } }
  }
  /// When what the card asks or answers last changed, or the card was restored.
  public var contentChangedAt: Date {
    get { storage.fields.contentChangedAt }
    set { change { $0.contentChangedAt = newValue } }
  }
  /// When the card was retired; `nil` while it is active.
  public var retiredAt: Date? {
    get { storage.fields.retiredAt }
    set { change { $0.retiredAt = newValue } }
  }
  /// Whether the card is suspended: kept out of reviews and quizzes until it is unsuspended.
  public var isSuspended: Bool {
    get { storage.fields.isSuspended }
    set { change { $0.isSuspended = newValue } }
  }
  /// Whether the card is tagged a leech (see ``LeechRule``).
  public var isLeech: Bool {
    get { storage.fields.isLeech }
    set { change { $0.isLeech = newValue } }
  }

  /// Creates a stored card.
  public init(
    id: Int64, uid: String, noteID: Int64, card: Card, status: CardStatus, schedule: CardSchedule,
    createdAt: Date, updatedAt: Date, contentChangedAt: Date, retiredAt: Date?,
    isSuspended: Bool = false, isLeech: Bool = false
  ) {
    storage = Storage(
      Fields(
        id: id, uid: uid, noteID: noteID, card: card, status: status, schedule: schedule,
        createdAt: createdAt, updatedAt: updatedAt, contentChangedAt: contentChangedAt,
        retiredAt: retiredAt, isSuspended: isSuspended, isLeech: isLeech))
  }

  public static func == (left: StoredCard, right: StoredCard) -> Bool {
    left.storage === right.storage || left.storage.fields == right.storage.fields
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(storage.fields)
  }

  /// The short id `recall cards` shows: 12 hexadecimal digits derived from ``uid``, so it stays
  /// the same through edits of the card and renames or moves of its note.
  public var shortID: String { Card.shortID(uid: uid) }
}

/// A note file the store knows: a deck.
public struct StoredNote: Hashable, Sendable, Identifiable {
  /// The note's row id in this database.
  public var id: Int64
  /// Where the note was last imported from.
  public var file: String
  /// The deck: the note's path relative to the folder imported.
  public var deck: String
  /// SHA-256 of the file's bytes when it was last imported, in lowercase hex.
  public var contentHash: String
  /// When the note was first imported.
  public var createdAt: Date
  /// When the note's cards or location last changed.
  public var updatedAt: Date
  /// When an import of its folder found the note's file deleted (its cards were retired then);
  /// `nil` while the file exists.
  public var removedAt: Date?

  /// Creates a stored note.
  public init(
    id: Int64, file: String, deck: String, contentHash: String, createdAt: Date, updatedAt: Date,
    removedAt: Date? = nil
  ) {
    self.id = id
    self.file = file
    self.deck = deck
    self.contentHash = contentHash
    self.createdAt = createdAt
    self.updatedAt = updatedAt
    self.removedAt = removedAt
  }
}
