import Testing

@testable import RecallTerminal

#if canImport(Glibc)
  import Glibc
#endif

/// A pseudo-terminal pair for tests: the session runs on the slave side, the test plays the
/// terminal on the master side.
private struct PseudoTerminal {
  let master: Int32
  let slave: Int32

  init() throws {
    // posix_openpt and friends are not in the Glibc module map; look them up instead.
    typealias OpenPT = @convention(c) (Int32) -> Int32
    typealias PTName = @convention(c) (Int32, UnsafeMutablePointer<CChar>, Int) -> Int32
    let handle = dlopen(nil, RTLD_NOW)
    let openpt = unsafeBitCast(try #require(dlsym(handle, "posix_openpt")), to: OpenPT.self)
    let grantpt = unsafeBitCast(try #require(dlsym(handle, "grantpt")), to: OpenPT.self)
    let unlockpt = unsafeBitCast(try #require(dlsym(handle, "unlockpt")), to: OpenPT.self)
    let ptsname = unsafeBitCast(try #require(dlsym(handle, "ptsname_r")), to: PTName.self)
    let master = openpt(O_RDWR | O_NOCTTY)
    try #require(master >= 0)
    try #require(grantpt(master) == 0)
    try #require(unlockpt(master) == 0)
    var name = [CChar](repeating: 0, count: 128)
    try #require(ptsname(master, &name, name.count) == 0)
    let slave = open(name, O_RDWR | O_NOCTTY)
    try #require(slave >= 0)
    self.master = master
    self.slave = slave
  }

  func close() {
    _ = Glibc.close(master)
    _ = Glibc.close(slave)
  }

  /// Types bytes as if from the keyboard.
  func type(_ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
  }

  /// Everything the session wrote so far.
  func output() -> String {
    var result: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      var fds = [pollfd(fd: master, events: Int16(POLLIN), revents: 0)]
      guard poll(&fds, 1, 50) > 0 else { break }
      let count = read(master, &buffer, buffer.count)
      if count <= 0 { break }
      result += buffer[0..<count]
    }
    return String(decoding: result, as: UTF8.self)
  }

  /// The slave side's local flags.
  func localFlags() -> tcflag_t {
    var settings = termios()
    _ = tcgetattr(slave, &settings)
    return settings.c_lflag
  }

  /// Sets the window size the session will query.
  func resize(rows: UInt16, columns: UInt16) {
    var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
    _ = ioctl(master, UInt(TIOCSWINSZ), &size)
  }
}

/// Types text on the terminal a little later, from another thread.
private func typeLater(_ pty: PseudoTerminal, _ text: String) {
  Task.detached {
    try? await Task.sleep(for: .milliseconds(100))
    pty.type(text)
  }
}

/// Signal handlers are process-wide, so these tests run one at a time.
@Suite(.serialized)
struct TerminalSessionTests {
  @Test func rawModeIsEnteredAndRestored() throws {
    let pty = try PseudoTerminal()
    defer { pty.close() }
    let before = pty.localFlags()
    #expect(before & tcflag_t(ICANON) != 0)
    let session = TerminalSession(inputFD: pty.slave, outputFD: pty.slave)
    try session.start()
    #expect(session.isRaw)
    #expect(pty.localFlags() & tcflag_t(ICANON | ECHO | ISIG) == 0)
    let started = pty.output()
    #expect(started.contains("\u{1B}[?1049h"))
    #expect(started.contains("\u{1B}[?25l"))
    session.restore()
    #expect(pty.localFlags() == before)
    let ended = pty.output()
    #expect(ended.contains("\u{1B}[?1049l"))
    #expect(ended.contains("\u{1B}[?25h"))
    session.restore()  // a second restore does nothing
    #expect(pty.localFlags() == before)
  }

  @Test func keysAreReadFromTheTerminal() throws {
    let pty = try PseudoTerminal()
    defer { pty.close() }
    try TerminalSession.withSession(inputFD: pty.slave, outputFD: pty.slave) { session throws in
      pty.type("1ㅁ\u{1B}[A \u{03}")
      #expect(try session.readEvent(timeout: 1000) == .key(.character("1")))
      #expect(try session.readEvent(timeout: 1000) == .key(.character("ㅁ")))
      #expect(try session.readEvent(timeout: 1000) == .key(.up))
      #expect(try session.readEvent(timeout: 1000) == .key(.space))
      // Ctrl-C in raw mode is a key, not a signal.
      #expect(try session.readEvent(timeout: 1000) == .key(.interrupt))
      pty.type("\u{1B}")
      #expect(try session.readEvent(timeout: 1000) == .key(.escape))
      #expect(try session.readEvent(timeout: 10) == .timeout)
    }
  }

  @Test func withSessionRestoresWhenTheBodyThrows() throws {
    struct Stop: Error {}
    let pty = try PseudoTerminal()
    defer { pty.close() }
    let before = pty.localFlags()
    #expect(throws: Stop.self) {
      try TerminalSession.withSession(inputFD: pty.slave, outputFD: pty.slave) { _ in
        throw Stop()
      }
    }
    #expect(pty.localFlags() == before)
  }

  /// SIGTERM arrives while the session waits: the handler restores the terminal at once,
  /// the session reports the signal, and the process's own handlers are back afterwards.
  @Test func terminatingSignalsRestoreTheTerminal() throws {
    for signal in [SIGTERM, SIGHUP, SIGINT] {
      let pty = try PseudoTerminal()
      defer { pty.close() }
      let before = pty.localFlags()
      let session = TerminalSession(inputFD: pty.slave, outputFD: pty.slave)
      try session.start()
      #expect(pty.localFlags() != before)
      // Sent to the process, as `kill` does: test threads block signals, so `raise` on
      // this thread would leave it pending.
      kill(getpid(), signal)
      let event = try session.readEvent(timeout: 1000)
      // Restored by the handler itself, before the session restores anything.
      #expect(pty.localFlags() == before)
      let expected: TerminalSignal =
        signal == SIGTERM ? .terminate : signal == SIGHUP ? .hangup : .interrupt
      #expect(event == .signal(expected))
      #expect(pty.output().contains("\u{1B}[?1049l"))
      session.restore()
      #expect(pty.localFlags() == before)
      var current = sigaction()
      sigaction(signal, nil, &current)
      #expect(current.__sigaction_handler.sa_handler == nil)  // SIG_DFL again
    }
  }

  @Test func resizeIsReportedWithTheNewSize() throws {
    let pty = try PseudoTerminal()
    defer { pty.close() }
    pty.resize(rows: 24, columns: 80)
    try TerminalSession.withSession(inputFD: pty.slave, outputFD: pty.slave) { session throws in
      #expect(session.size() == TerminalSize(rows: 24, columns: 80))
      pty.resize(rows: 30, columns: 100)
      kill(getpid(), SIGWINCH)
      #expect(try session.readEvent(timeout: 1000) == .resize(TerminalSize(rows: 30, columns: 100)))
      #expect(session.isRaw)  // a resize does not end raw mode
    }
  }

  @Test func lineInputUsesCookedModeAndReturnsToRaw() throws {
    let pty = try PseudoTerminal()
    defer { pty.close() }
    try TerminalSession.withSession(inputFD: pty.slave, outputFD: pty.slave) { session throws in
      // Typed while the session waits in line mode, as a user would.
      typeLater(pty, "클러스터\n")
      #expect(try session.readLine() == .line("클러스터"))
      #expect(session.isRaw)
      #expect(pty.localFlags() & tcflag_t(ICANON) == 0)
      // The line was echoed by the terminal driver in cooked mode.
      #expect(pty.output().contains("클러스터"))
      typeLater(pty, "\u{04}")  // Ctrl-D on an empty line
      #expect(try session.readLine() == .endOfInput)
    }
  }

  /// A resize while a line is typed is reported at once (the caller redraws), and the line
  /// typed around it comes whole with the next read.
  @Test func resizeDuringLineInputIsReportedAtOnceAndTheLineKept() throws {
    let pty = try PseudoTerminal()
    defer { pty.close() }
    pty.resize(rows: 24, columns: 80)
    try TerminalSession.withSession(inputFD: pty.slave, outputFD: pty.slave) { session throws in
      kill(getpid(), SIGWINCH)
      #expect(try session.readLine() == .resized)
      typeLater(pty, "답\n")
      #expect(try session.readLine() == .line("답"))
    }
  }

  @Test func secondSessionIsRefused() throws {
    let pty = try PseudoTerminal()
    defer { pty.close() }
    try TerminalSession.withSession(inputFD: pty.slave, outputFD: pty.slave) { _ in
      let other = TerminalSession(inputFD: pty.slave, outputFD: pty.slave)
      #expect(throws: TerminalError.sessionAlreadyActive) { try other.start() }
    }
  }

  @Test func lineInputWorksOnAPipe() throws {
    var fds: [Int32] = [0, 0]
    #expect(pipe(&fds) == 0)
    defer { close(fds[0]) }
    let bytes = Array("good\n3 1 2\n마지막".utf8)
    _ = bytes.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
    close(fds[1])
    let session = TerminalSession(inputFD: fds[0], outputFD: -1, usesAlternateScreen: false)
    #expect(try session.readLine() == .line("good"))
    #expect(try session.readLine() == .line("3 1 2"))
    #expect(try session.readLine() == .line("마지막"))
    #expect(try session.readLine() == .endOfInput)
  }
}
