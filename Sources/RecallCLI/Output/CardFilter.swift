import ArgumentParser
import Foundation
import RecallScheduling
import RecallStorage

/// Which stored cards `recall cards` lists: `--search`, `--state` and `--due`.
public struct CardFilter: Sendable {
  /// A card's state as the user names it.
  public enum State: String, CaseIterable, Sendable, ExpressibleByArgument {
    /// Active, never reviewed, not suspended.
    case new
    /// Active, in learning or relearning steps, not suspended.
    case learning
    /// Active, in review, not suspended.
    case review
    /// Active and suspended.
    case suspended
    /// Tagged a leech.
    case leech
    /// Left its note, or its deck was removed.
    case retired

    public init?(argument: String) {
      self.init(rawValue: argument.trimmingCharacters(in: .whitespaces).lowercased())
    }
  }

  /// Text that the prompt, answer, headings or deck must contain (any case).
  var search: String?
  /// The state the card must be in.
  var state: State?
  /// The study day (as `recall cards --due` names it) by whose end the card must be due.
  var dueBy: String?

  /// Whether the filter keeps every card.
  var keepsAll: Bool { search == nil && state == nil && dueBy == nil }

  /// The cards of `cards` the filter keeps; `clock` and `now` read `--due`.
  func apply(_ cards: [StoredCard], clock: DayClock, now: Date) throws -> [StoredCard] {
    var dueBefore: Date?
    if let dueBy {
      dueBefore = clock.startOfDay(try StudyDate.dayNumber(dueBy, clock: clock, now: now) + 1)
    }
    let wanted = search?.trimmingCharacters(in: .whitespaces)
    return cards.filter { stored in
      if let state, !Self.isIn(stored, state) { return false }
      if let dueBefore {
        guard stored.status == .active, !stored.isSuspended, stored.schedule.state != .new,
          let due = stored.schedule.due, due < dueBefore
        else { return false }
      }
      if let wanted, !wanted.isEmpty {
        let card = stored.card
        let fields = [card.prompt, card.answer, card.deck] + card.context
        guard fields.contains(where: { $0.range(of: wanted, options: [.caseInsensitive]) != nil })
        else { return false }
      }
      return true
    }
  }

  /// Whether the card is in `state`.
  static func isIn(_ stored: StoredCard, _ state: State) -> Bool {
    let active = stored.status == .active
    switch state {
    case .new: return active && !stored.isSuspended && stored.schedule.state == .new
    case .learning:
      return active && !stored.isSuspended
        && (stored.schedule.state == .learning || stored.schedule.state == .relearning)
    case .review: return active && !stored.isSuspended && stored.schedule.state == .review
    case .suspended: return active && stored.isSuspended
    case .leech: return stored.isLeech
    case .retired: return !active
    }
  }
}
