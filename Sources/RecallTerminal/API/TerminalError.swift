/// Errors of the terminal layer.
public enum TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The terminal's settings could not be read or changed.
  case settingsFailed(operation: String, errno: Int32)
  /// Another terminal session is already active in this process.
  case sessionAlreadyActive
  /// Reading from or writing to the terminal failed.
  case ioFailed(operation: String, errno: Int32)

  /// A sentence describing the error.
  public var description: String {
    switch self {
    case .settingsFailed(let operation, let errno):
      return "The terminal settings could not be changed (\(operation) failed, errno \(errno))."
    case .sessionAlreadyActive:
      return
        "A terminal session is already active in this process; restore it before starting another."
    case .ioFailed(let operation, let errno):
      return "The terminal could not be used (\(operation) failed, errno \(errno))."
    }
  }
}
