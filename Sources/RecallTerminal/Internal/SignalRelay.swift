#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// Signal handlers can only reach global state. These globals are written only by
// `SignalRelay.install` and `uninstall`, on the thread that owns the session, while the
// handlers are not installed; the handler only reads them. Hence `nonisolated(unsafe)`.

/// The write end of the self-pipe, or -1.
nonisolated(unsafe) private var relayWriteFD: Int32 = -1
/// The terminal to put back into its original settings when a terminating signal arrives.
nonisolated(unsafe) private var relayTerminalFD: Int32 = -1
/// The original settings of that terminal.
nonisolated(unsafe) private var relayOriginalSettings = termios()
/// Whether the handler should restore the terminal (raw mode or the alternate screen is on).
nonisolated(unsafe) private var relayRestoreOnSignal: Int32 = 0
/// The bytes that leave the alternate screen and show the cursor.
nonisolated(unsafe) private var relayLeaveBytes:
  (
    UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
    UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
  ) = (
    0x1B, 0x5B, 0x3F, 0x31, 0x30, 0x34, 0x39, 0x6C,  // ESC [ ? 1 0 4 9 l
    0x1B, 0x5B, 0x3F, 0x32, 0x35, 0x68  // ESC [ ? 2 5 h
  )

/// Puts the terminal back from the globals: async-signal-safe calls only.
private func restoreTerminalFromGlobals() {
  guard relayRestoreOnSignal != 0, relayTerminalFD >= 0 else { return }
  _ = tcsetattr(relayTerminalFD, TCSANOW, &relayOriginalSettings)
  _ = withUnsafeBytes(of: &relayLeaveBytes) { bytes in
    write(relayTerminalFD, bytes.baseAddress, bytes.count)
  }
}

/// Runs at process exit (`exit()` skips `deinit`): restores a terminal left in raw mode.
private func restoreTerminalAtExit() {
  restoreTerminalFromGlobals()
  relayRestoreOnSignal = 0
}

/// Whether the exit handler is registered.
nonisolated(unsafe) private var relayExitHandlerRegistered = false

/// The signal handler: async-signal-safe calls only (tcsetattr, write).
///
/// For a terminating signal it restores the terminal at once, so a session that never gets
/// to handle the event (a blocked write, a crash right after) still leaves the terminal
/// usable; then it tells the session through the pipe.
private func relaySignal(_ signal: Int32) {
  let savedErrno = errno
  if signal != SIGWINCH {
    restoreTerminalFromGlobals()
  }
  if relayWriteFD >= 0 {
    var byte = UInt8(truncatingIfNeeded: signal)
    _ = write(relayWriteFD, &byte, 1)
  }
  errno = savedErrno
}

/// The self-pipe that turns SIGINT, SIGTERM, SIGHUP and SIGWINCH into bytes the session
/// reads with `poll`, next to the terminal input.
///
/// Only one relay is installed at a time in a process.
struct SignalRelay {
  /// The read end of the pipe, polled by the session.
  let readFD: Int32
  /// The write end of the pipe, written by the handler.
  let writeFD: Int32
  /// The actions that were installed before, put back by ``uninstall()``.
  private var previousActions: [Int32: sigaction] = [:]

  /// Whether a relay is installed, guarded by being touched only by the session's thread.
  nonisolated(unsafe) private static var installed = false

  /// Creates the pipe and installs the handlers.
  ///
  /// - Parameters:
  ///   - terminalFD: The terminal to restore on a terminating signal.
  ///   - original: The settings to restore.
  init(terminalFD: Int32, original: termios?) throws {
    guard !SignalRelay.installed else { throw TerminalError.sessionAlreadyActive }
    var fds: [Int32] = [-1, -1]
    guard pipe(&fds) == 0 else { throw TerminalError.ioFailed(operation: "pipe", errno: errno) }
    readFD = fds[0]
    writeFD = fds[1]
    for fd in fds {
      _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
      _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    }
    relayWriteFD = writeFD
    relayTerminalFD = terminalFD
    if let original {
      relayOriginalSettings = original
    }
    relayRestoreOnSignal = 0
    SignalRelay.installed = true
    if !relayExitHandlerRegistered {
      relayExitHandlerRegistered = true
      atexit(restoreTerminalAtExit)
    }
    for signal in TerminalSignal.allCases {
      var action = sigaction()
      action.__sigaction_handler.sa_handler = relaySignal
      sigemptyset(&action.sa_mask)
      // SA_RESTART: other threads' blocking calls (a database write) are not cut short by a
      // resize; `poll` in the session still wakes up, and the pipe carries the signal.
      action.sa_flags = SA_RESTART
      var previous = sigaction()
      sigaction(signal.number, &action, &previous)
      previousActions[signal.number] = previous
    }
  }

  /// Turns on or off the handler's own restore of the terminal.
  func setRestoreOnSignal(_ on: Bool) {
    relayRestoreOnSignal = on ? 1 : 0
  }

  /// Puts the previous signal actions back and closes the pipe.
  mutating func uninstall() {
    for (number, previous) in previousActions {
      var previous = previous
      sigaction(number, &previous, nil)
    }
    previousActions = [:]
    relayRestoreOnSignal = 0
    relayWriteFD = -1
    relayTerminalFD = -1
    close(readFD)
    close(writeFD)
    SignalRelay.installed = false
  }

  /// The signals received since the last call, in order.
  func drain() -> [TerminalSignal] {
    var result: [TerminalSignal] = []
    var buffer = [UInt8](repeating: 0, count: 64)
    while true {
      let count = read(readFD, &buffer, buffer.count)
      if count <= 0 { break }
      for byte in buffer[0..<count] {
        if let signal = TerminalSignal(number: Int32(byte)) { result.append(signal) }
      }
    }
    return result
  }
}
