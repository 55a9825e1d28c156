/// Errors of the review session.
public enum ReviewError: Error, Hashable, Sendable, CustomStringConvertible {
  /// An action was asked for in a state that does not allow it, such as rating before
  /// answering.
  case invalidAction(action: String, state: String)
  /// A flip card was rated without a grade; the user must choose one.
  case gradeRequired(card: Int64)
  /// There is nothing to undo: the session is back at its start.
  case nothingToUndo
  /// A choice number outside the choices shown.
  case choiceOutOfRange(choice: Int, count: Int)

  /// A sentence describing the error.
  public var description: String {
    switch self {
    case .invalidAction(let action, let state):
      return "The review session cannot \(action) while it is \(state)."
    case .gradeRequired(let card):
      return "Card \(card) is a flip card, so it needs a grade from 1 to 4."
    case .nothingToUndo:
      return "There is nothing to undo; the session is back at its start."
    case .choiceOutOfRange(let choice, let count):
      return "Choice \(choice) does not exist; choose a number from 1 to \(count)."
    }
  }
}
