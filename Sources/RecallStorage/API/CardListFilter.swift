import Foundation
import GRDB
import RecallCards

/// Which stored cards a listing keeps: cards in one state, due before a moment, or holding
/// some text (`recall cards --state`, `--due`, `--search`).
///
/// The due moment and the learning and review states are read by SQLite through the
/// schedule's `(state, due)` index, so a listing of the cards due today reads those cards, not
/// the whole collection; the other states are conditions on every card's row.
public struct CardListFilter: Hashable, Sendable {
  /// A card's state as the user names it.
  public enum State: String, CaseIterable, Hashable, Sendable {
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
  }

  /// The state the card must be in; `nil` for any.
  public var state: State?
  /// The moment before which an active, unsuspended card in steps or in review must be due;
  /// `nil` for any card.
  public var dueBefore: Date?
  /// Text that the prompt, answer, headings or deck must contain, in any case; `nil` or blank
  /// for any.
  public var text: String?

  /// A filter of the cards in `state`, due before `dueBefore` and holding `text`.
  public init(state: State? = nil, dueBefore: Date? = nil, text: String? = nil) {
    self.state = state
    self.dueBefore = dueBefore
    let trimmed = text?.trimmingCharacters(in: .whitespaces)
    self.text = trimmed?.isEmpty == false ? trimmed : nil
  }

  /// The SQL conditions on ``Store/storedCardTables`` that the state and the due moment
  /// make, with their arguments; `managed` tells whether the tables of suspended cards and
  /// leeches exist (a database of a schema from before them has neither).
  func conditions(managed: Bool) -> [(String, StatementArguments)] {
    let suspended = managed ? "card.id IN (SELECT cardId FROM cardSuspension)" : "0"
    let leech = managed ? "card.id IN (SELECT cardId FROM cardLeech)" : "0"
    let activeAndNotSuspended = "card.status = 'active' AND NOT \(suspended)"
    var conditions: [(String, StatementArguments)] = []
    switch state {
    case nil: break
    case .new:
      conditions.append(
        ("\(activeAndNotSuspended) AND coalesce(cardSchedule.state, 'new') = 'new'", []))
    case .learning:
      conditions.append(
        ("\(activeAndNotSuspended) AND cardSchedule.state IN ('learning', 'relearning')", []))
    case .review:
      conditions.append(("\(activeAndNotSuspended) AND cardSchedule.state = 'review'", []))
    case .suspended: conditions.append(("card.status = 'active' AND \(suspended)", []))
    case .leech: conditions.append((leech, []))
    case .retired: conditions.append(("card.status <> 'active'", []))
    }
    if let dueBefore {
      conditions.append(
        (
          "\(activeAndNotSuspended) AND cardSchedule.state IN ('learning', 'relearning', 'review') "
            + "AND cardSchedule.due < ?",
          [Milliseconds.from(dueBefore)]
        ))
    }
    return conditions
  }

  /// Whether `card`'s prompt, answer, headings or deck hold ``text`` (always, without one).
  func holdsText(_ card: Card) -> Bool {
    guard let text else { return true }
    let fields = [card.prompt, card.answer, card.deck] + card.context
    return fields.contains { $0.range(of: text, options: [.caseInsensitive]) != nil }
  }
}
