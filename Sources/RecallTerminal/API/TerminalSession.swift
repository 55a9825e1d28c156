#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Something that happened while the session waited for the user.
public enum TerminalEvent: Hashable, Sendable {
  /// A key was pressed.
  case key(Key)
  /// The terminal was resized; redraw at the new size.
  case resize(TerminalSize?)
  /// SIGINT, SIGTERM or SIGHUP arrived: the terminal is already restored; end the session.
  case signal(TerminalSignal)
  /// The input was closed (end of file).
  case endOfInput
  /// Nothing happened within the timeout.
  case timeout
}

/// What ``TerminalSession/readLine()`` got.
public enum LineInput: Hashable, Sendable {
  /// A line, without its line break.
  case line(String)
  /// The input ended (Ctrl-D on an empty line, or end of file) before a line.
  case endOfInput
  /// SIGINT, SIGTERM or SIGHUP arrived while the user typed.
  case signal(TerminalSignal)
  /// The terminal was resized while the user typed: redraw, then read again; what was typed
  /// so far stays in the terminal's line and comes with the line.
  case resized
}

/// The interactive terminal: raw mode, the alternate screen, keys, line input, signals.
///
/// `start()` saves the terminal's settings, installs the signal handlers and switches to raw
/// mode and the alternate screen; `restore()` undoes all of it and is safe to call twice.
/// The terminal is restored on every way out:
/// - a normal end, `q` or Ctrl-C (a key in raw mode): the caller calls `restore()`, or uses
///   ``withSession(_:)`` which always does;
/// - SIGINT, SIGTERM, SIGHUP: the signal handler restores the settings at once
///   (async-signal-safe `tcsetattr` and `write`), then ``readEvent(timeout:)`` reports
///   ``TerminalEvent/signal(_:)`` so the caller can end cleanly;
/// - the session being released: `deinit` restores.
///
/// Signals reach the session through a self-pipe polled next to the input, so no Swift code
/// runs in the handler beyond two system calls, and resizes arrive as events.
/// It is a class because it owns the terminal; use it from one thread.
public final class TerminalSession {
  /// The input file descriptor (standard input by default).
  public let inputFD: Int32
  /// The output file descriptor (standard output by default).
  public let outputFD: Int32
  /// Whether ``start()`` switches to the alternate screen.
  public let usesAlternateScreen: Bool
  /// The input's settings before the session changed them, nil if it is not a terminal.
  private var originalSettings: termios?
  /// The signal relay while the session is active.
  private var relay: SignalRelay?
  /// Whether raw mode is on.
  public private(set) var isRaw = false
  /// Keys decoded but not yet returned.
  private var pendingKeys: [Key] = []
  /// A resize that arrived during line input, reported by the next ``readEvent(timeout:)``.
  private var pendingResize = false
  /// The decoder keeping incomplete sequences.
  private var decoder = KeyDecoder()

  /// Whether each frame ends by setting the terminal's title to `recall-frame-N` (N counting
  /// frames from 1): set by tests (`RECALL_TEST_FRAME_TITLES`), which wait for the title to know
  /// that the terminal has taken in a whole frame, instead of polling for text on the screen.
  public var marksFrames = false
  /// The frames drawn so far.
  public private(set) var framesDrawn = 0

  /// How long to wait for the rest of an escape sequence before a lone ESC counts as the
  /// Escape key, in milliseconds.
  public var escapeTimeoutMilliseconds: Int32 = 50

  /// Creates a session on a pair of file descriptors; nothing changes until ``start()``.
  public init(inputFD: Int32 = 0, outputFD: Int32 = 1, usesAlternateScreen: Bool = true) {
    self.inputFD = inputFD
    self.outputFD = outputFD
    self.usesAlternateScreen = usesAlternateScreen
  }

  deinit {
    restore()
  }

  /// Whether the session is started and not yet restored.
  public var isActive: Bool { relay != nil }

  /// Saves the settings, installs the signal handlers, enters raw mode and the alternate
  /// screen, and hides the cursor.
  ///
  /// - Throws: ``TerminalError`` if the input is a terminal whose settings cannot be
  ///   changed, or another session is active.
  public func start() throws {
    guard relay == nil else { return }
    let isTerminal = SystemTerminal.isATTY(inputFD)
    originalSettings = isTerminal ? try SystemTerminal.settings(of: inputFD) : nil
    relay = try SignalRelay(terminalFD: inputFD, original: originalSettings)
    do {
      try enterRawMode()
      if usesAlternateScreen {
        try write(ANSISGR.enterAlternateScreen + ANSISGR.hideCursor + ANSISGR.clearScreen)
      } else {
        try write(ANSISGR.hideCursor)
      }
      relay?.setRestoreOnSignal(true)
    } catch {
      restore()
      throw error
    }
  }

  /// Leaves raw mode and the alternate screen, shows the cursor and puts back the signal
  /// handlers; does nothing if the session is not active.
  public func restore() {
    guard var relay else { return }
    relay.setRestoreOnSignal(false)
    if let originalSettings {
      try? SystemTerminal.apply(originalSettings, to: inputFD)
    }
    isRaw = false
    let leave = (usesAlternateScreen ? ANSISGR.leaveAlternateScreen : "") + ANSISGR.showCursor
    try? SystemTerminal.writeAll(outputFD, Array(leave.utf8))
    relay.uninstall()
    self.relay = nil
  }

  /// Runs `body` in a started session and restores the terminal however `body` ends.
  public static func withSession<T>(
    inputFD: Int32 = 0, outputFD: Int32 = 1, usesAlternateScreen: Bool = true,
    _ body: (TerminalSession) throws -> T
  ) throws -> T {
    let session = TerminalSession(
      inputFD: inputFD, outputFD: outputFD, usesAlternateScreen: usesAlternateScreen)
    try session.start()
    defer { session.restore() }
    return try body(session)
  }

  /// Hands the terminal to a program (an editor) until it ends: the session is restored
  /// (cooked mode, the normal screen, the signal handlers put back), the program runs as the
  /// terminal's foreground job (see ``ForegroundProgram``), and the session starts again with
  /// the settings it had first, whatever the program left behind. The caller redraws.
  public func runInForeground(_ arguments: [String]) throws -> ForegroundProgram.Ending {
    let wasActive = isActive
    let settings = originalSettings
    restore()
    defer {
      if let settings { try? SystemTerminal.apply(settings, to: inputFD) }
      if wasActive { try? start() }
    }
    return try ForegroundProgram.run(arguments, terminalFD: inputFD)
  }

  /// The terminal's current size, if known.
  public func size() -> TerminalSize? {
    SystemTerminal.size(of: outputFD) ?? SystemTerminal.size(of: inputFD)
  }

  /// Writes text to the output as it is; callers pass text made safe with ``SafeText``.
  public func write(_ text: String) throws {
    try SystemTerminal.writeAll(outputFD, Array(text.utf8))
  }

  /// Replaces the screen with these lines (already fitted to the width), in one write.
  public func draw(_ lines: [String]) throws {
    var frame = "\u{1B}[H"
    for (index, line) in lines.enumerated() {
      frame += line + ANSISGR.clearToLineEnd
      if index < lines.count - 1 { frame += "\r\n" }
    }
    frame += "\u{1B}[J"
    try write(frame + frameMark())
  }

  /// The title sequence that ends a frame when ``marksFrames`` is on; counts the frame.
  private func frameMark() -> String {
    framesDrawn += 1
    return marksFrames ? "\u{1B}]2;recall-frame-\(framesDrawn)\u{7}" : ""
  }

  /// Writes one line (already made safe) over the screen's last line, cut to the width, until
  /// the next ``draw(_:)``: a notice while the session waits for something.
  public func showStatus(_ line: String) throws {
    let size = size() ?? TerminalSize(rows: 24, columns: 80)
    try moveCursor(row: size.rows - 1, column: 0)
    try write(TextLayout.truncate(line, width: size.columns) + ANSISGR.clearToLineEnd + frameMark())
  }

  /// Moves the cursor to a 0-based row and column (as ``RenderedScreen/cursor`` gives).
  public func moveCursor(row: Int, column: Int) throws {
    try write("\u{1B}[\(row + 1);\(column + 1)H")
  }

  /// Waits for the next key, resize or signal.
  ///
  /// - Parameter timeout: Milliseconds to wait, or nil to wait as long as it takes.
  public func readEvent(timeout: Int32? = nil) throws -> TerminalEvent {
    if pendingResize {
      pendingResize = false
      return .resize(size())
    }
    if !pendingKeys.isEmpty { return .key(pendingKeys.removeFirst()) }
    while true {
      let waitFor = decoder.hasPending ? escapeTimeoutMilliseconds : (timeout ?? -1)
      let ready = try poll(timeout: waitFor)
      if let signal = ready.signals.first {
        // Report a terminating signal before a resize.
        let chosen = ready.signals.first(where: \.endsSession) ?? signal
        if chosen == .resize { return .resize(size()) }
        return .signal(chosen)
      }
      if ready.input {
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = read(inputFD, &buffer, buffer.count)
        if count == 0 { return .endOfInput }
        if count < 0 {
          if errno == EINTR || errno == EAGAIN { continue }
          if errno == EIO { return .endOfInput }  // the terminal is gone
          throw TerminalError.ioFailed(operation: "read", errno: errno)
        }
        pendingKeys += decoder.decode(buffer[0..<count])
      } else if decoder.hasPending {
        pendingKeys += decoder.flush()
      } else {
        return .timeout
      }
      if !pendingKeys.isEmpty { return .key(pendingKeys.removeFirst()) }
    }
  }

  /// Reads one line in cooked (canonical) mode, with echo and the cursor shown, so input
  /// methods compose Korean syllables as usual; raw mode is back on afterwards.
  ///
  /// Works on a pipe or file too (scripted sessions): then it simply reads up to `\n`.
  public func readLine() throws -> LineInput {
    let wasRaw = isRaw
    if wasRaw, let originalSettings {
      try SystemTerminal.apply(originalSettings, to: inputFD)
      isRaw = false
      try write(ANSISGR.showCursor)
    }
    defer {
      if wasRaw {
        try? enterRawMode()
        try? write(ANSISGR.hideCursor)
      }
    }
    var bytes: [UInt8] = []
    while true {
      let ready = try poll(timeout: -1)
      if let signal = ready.signals.first(where: \.endsSession) { return .signal(signal) }
      if ready.signals.contains(.resize) {
        // Nothing is read before the line ends (canonical mode): the caller redraws now.
        if bytes.isEmpty { return .resized }
        pendingResize = true
      }
      guard ready.input else { continue }
      var byte: UInt8 = 0
      let count = read(inputFD, &byte, 1)
      if count < 0 {
        if errno == EINTR || errno == EAGAIN { continue }
        throw TerminalError.ioFailed(operation: "read", errno: errno)
      }
      if count == 0 {
        if bytes.isEmpty { return .endOfInput }
        break
      }
      if byte == 0x0A { break }
      bytes.append(byte)
    }
    if bytes.last == 0x0D { bytes.removeLast() }
    return .line(String(decoding: bytes, as: UTF8.self))
  }

  /// Switches the input to raw mode if it is a terminal.
  private func enterRawMode() throws {
    guard let originalSettings else { return }
    try SystemTerminal.apply(SystemTerminal.rawSettings(from: originalSettings), to: inputFD)
    isRaw = true
  }

  /// Waits until input is readable or a signal arrived.
  private func poll(timeout: Int32) throws -> (input: Bool, signals: [TerminalSignal]) {
    var fds = [pollfd(fd: inputFD, events: Int16(POLLIN), revents: 0)]
    if let relay { fds.append(pollfd(fd: relay.readFD, events: Int16(POLLIN), revents: 0)) }
    while true {
      let result = Glibc.poll(&fds, nfds_t(fds.count), timeout)
      if result < 0 {
        if errno == EINTR {
          // A signal interrupted the wait; its byte is in the pipe.
          if let signals = relay?.drain(), !signals.isEmpty { return (false, signals) }
          continue
        }
        throw TerminalError.ioFailed(operation: "poll", errno: errno)
      }
      let signals = (fds.count > 1 && fds[1].revents != 0) ? (relay?.drain() ?? []) : []
      let input = fds[0].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0
      return (input, signals)
    }
  }
}
