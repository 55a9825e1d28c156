#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A signal the terminal session reports as an event.
public enum TerminalSignal: Int32, Hashable, Sendable, CaseIterable {
  /// SIGINT: Ctrl-C in line mode, or `kill -INT`.
  case interrupt
  /// SIGTERM.
  case terminate
  /// SIGHUP: the terminal was closed.
  case hangup
  /// SIGWINCH: the terminal was resized.
  case resize

  /// The signal number.
  var number: Int32 {
    switch self {
    case .interrupt: return SIGINT
    case .terminate: return SIGTERM
    case .hangup: return SIGHUP
    case .resize: return SIGWINCH
    }
  }

  /// Whether the signal ends the session (all but resize).
  public var endsSession: Bool { self != .resize }

  /// The signal for a number, if it is one the session handles.
  init?(number: Int32) {
    guard let match = TerminalSignal.allCases.first(where: { $0.number == number }) else {
      return nil
    }
    self = match
  }
}
