import Foundation
import RecallCards

/// A card as the store holds it: the generated card, its status, its scheduling state and times.
public struct StoredCard: Hashable, Sendable, Identifiable {
  /// The card's row id in this database.
  public var id: Int64
  /// The card's UUID, the same in every database it is exported to or merged with.
  public var uid: String
  /// The id of the card's note.
  public var noteID: Int64
  /// The card as last generated from its note (deck and file are the note's current ones).
  public var card: Card
  /// Whether the card is still in its note.
  public var status: CardStatus
  /// The card's scheduling state.
  public var schedule: CardSchedule
  /// When the card was first imported.
  public var createdAt: Date
  /// When anything of the card last changed (text, position, status).
  public var updatedAt: Date
  /// When what the card asks or answers last changed, or the card was restored.
  public var contentChangedAt: Date
  /// When the card was retired; `nil` while it is active.
  public var retiredAt: Date?
  /// Whether the card is suspended: kept out of reviews and quizzes until it is unsuspended.
  public var isSuspended: Bool
  /// Whether the card is tagged a leech (see ``LeechRule``).
  public var isLeech: Bool

  /// Creates a stored card.
  public init(
    id: Int64, uid: String, noteID: Int64, card: Card, status: CardStatus, schedule: CardSchedule,
    createdAt: Date, updatedAt: Date, contentChangedAt: Date, retiredAt: Date?,
    isSuspended: Bool = false, isLeech: Bool = false
  ) {
    self.id = id
    self.uid = uid
    self.noteID = noteID
    self.card = card
    self.status = status
    self.schedule = schedule
    self.createdAt = createdAt
    self.updatedAt = updatedAt
    self.contentChangedAt = contentChangedAt
    self.retiredAt = retiredAt
    self.isSuspended = isSuspended
    self.isLeech = isLeech
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
