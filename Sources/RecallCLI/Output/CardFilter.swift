import ArgumentParser
import Foundation
import RecallScheduling
import RecallStorage

/// Which stored cards `recall cards` lists: `--search`, `--state` and `--due`, as typed.
public struct CardFilter: Sendable {
  /// A card's state as the user names it.
  public typealias State = CardListFilter.State

  /// Text that the prompt, answer, headings or deck must contain (any case).
  var search: String?
  /// The state the card must be in.
  var state: State?
  /// The study day (as `recall cards --due` names it) by whose end the card must be due.
  var dueBy: String?

  /// Whether the filter keeps every card.
  var keepsAll: Bool { search == nil && state == nil && dueBy == nil }

  /// The filter the store reads; `clock` and `now` read `--due`.
  func listFilter(clock: DayClock, now: Date) throws -> CardListFilter {
    var dueBefore: Date?
    if let dueBy {
      dueBefore = clock.startOfDay(try StudyDate.dayNumber(dueBy, clock: clock, now: now) + 1)
    }
    return CardListFilter(state: state, dueBefore: dueBefore, text: search)
  }
}

extension CardListFilter.State: ExpressibleByArgument {
  public init?(argument: String) {
    self.init(rawValue: argument.trimmingCharacters(in: .whitespaces).lowercased())
  }
}
