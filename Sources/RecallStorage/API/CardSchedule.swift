import Foundation
import RecallScheduling

/// A card's scheduling state as the store keeps it: FSRS state, step, memory and counts.
///
/// A card that was never reviewed has ``CardSchedule/new``: state `new` and every other field
/// empty. The scheduler computes the next value; the store only records it.
public struct CardSchedule: Hashable, Sendable, Codable {
  /// The FSRS state (stored by its ``CardPhase/name``).
  public var state: CardPhase
  /// The 0-based learning or relearning step; `nil` in the other states.
  public var step: Int?
  /// The memory stability, in days; `nil` until the first review.
  public var stability: Double?
  /// The difficulty, 1 to 10; `nil` until the first review.
  public var difficulty: Double?
  /// When the card is due next; `nil` for a new card.
  public var due: Date?
  /// When the card was last reviewed; `nil` for a new card.
  public var lastReview: Date?
  /// How many times the card was reviewed.
  public var reps: Int
  /// How many times the card was forgotten after it graduated.
  public var lapses: Int

  /// Creates a scheduling state.
  public init(
    state: CardPhase, step: Int? = nil, stability: Double? = nil, difficulty: Double? = nil,
    due: Date? = nil, lastReview: Date? = nil, reps: Int = 0, lapses: Int = 0
  ) {
    self.state = state
    self.step = step
    self.stability = stability
    self.difficulty = difficulty
    self.due = due
    self.lastReview = lastReview
    self.reps = reps
    self.lapses = lapses
  }

  /// The state of a card that was never reviewed.
  public static var new: CardSchedule { CardSchedule(state: .new) }

  /// The schedule as the store keeps it, its times to the whole millisecond: equal to the
  /// same schedule written and read back.
  public var asStored: CardSchedule {
    var stored = self
    stored.due = due.map { Milliseconds.date(Milliseconds.from($0)) }
    stored.lastReview = lastReview.map { Milliseconds.date(Milliseconds.from($0)) }
    return stored
  }
}

/// Whether a card is still in its note.
public enum CardStatus: String, Hashable, Sendable, Codable, CaseIterable {
  /// The card's text is in its note: it is reviewed.
  case active
  /// The card's text left its note: it is kept with its history, not reviewed, and restored if
  /// the text returns.
  case retired
}
