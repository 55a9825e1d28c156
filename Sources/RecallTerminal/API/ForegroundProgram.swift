#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A program that takes over the terminal while it runs (an editor), the way a shell runs a
/// job in the foreground.
///
/// The program starts in a process group of its own, and that group is made the terminal's
/// foreground group, so it may read keys and change the terminal's settings (a program in a
/// background group is stopped by SIGTTIN or SIGTTOU the moment it tries). When it ends, the
/// terminal goes back to this process's group. Signals this process catches or ignores are
/// reset to their defaults in the program.
public enum ForegroundProgram {
  /// How a foreground program ended.
  public enum Ending: Hashable, Sendable {
    /// It exited with this status.
    case exited(Int32)
    /// A signal ended it.
    case signaled(Int32)
  }

  /// Runs `arguments` (the first one a path) with the terminal on `terminalFD` handed to it,
  /// waits for it to end and takes the terminal back.
  ///
  /// The caller puts the terminal in the mode the program expects (cooked mode, the normal
  /// screen) before, and redraws after. If the program stops itself (Ctrl-Z in an editor)
  /// it is given the terminal again and continued: there is no shell here to resume it.
  ///
  /// - Throws: ``TerminalError/ioFailed(operation:errno:)`` if it could not be started.
  public static func run(_ arguments: [String], terminalFD: Int32 = 0) throws -> Ending {
    let ownsTerminal = SystemTerminal.isATTY(terminalFD) && tcgetpgrp(terminalFD) == getpgrp()
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGTSTP, SIGTTIN, SIGTTOU, SIGWINCH, SIGPIPE, SIGCHLD] {
      sigaddset(&defaults, signal)
    }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var unblocked = sigset_t()
    sigemptyset(&unblocked)
    posix_spawnattr_setsigmask(&attributes, &unblocked)
    var flags = Int32(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)
    if ownsTerminal {
      // A group of its own (pgid = its pid), so a stop or a Ctrl-C reaches it, not Recall.
      flags |= Int32(POSIX_SPAWN_SETPGROUP)
      posix_spawnattr_setpgroup(&attributes, 0)
    }
    posix_spawnattr_setflags(&attributes, Int16(flags))
    var cArguments = arguments.map { strdup($0) } + [nil]
    defer { for pointer in cArguments { free(pointer) } }
    var pid: pid_t = 0
    let status = posix_spawn(&pid, arguments[0], nil, &attributes, &cArguments, environ)
    guard status == 0 else { throw TerminalError.ioFailed(operation: "posix_spawn", errno: status) }
    if ownsTerminal { handTerminal(terminalFD, to: pid) }
    defer { if ownsTerminal { handTerminal(terminalFD, to: getpgrp()) } }
    while true {
      var waitStatus: Int32 = 0
      let result = waitpid(pid, &waitStatus, WUNTRACED)
      if result < 0 {
        if errno == EINTR { continue }
        throw TerminalError.ioFailed(operation: "waitpid", errno: errno)
      }
      let low = waitStatus & 0x7F
      if low == 0x7F {
        // Stopped: nobody else can continue it, so it gets the terminal and goes on.
        if ownsTerminal { handTerminal(terminalFD, to: pid) }
        kill(-pid, SIGCONT)
        continue
      }
      if low == 0 { return .exited((waitStatus >> 8) & 0xFF) }
      return .signaled(low)
    }
  }

  /// Makes `group` the terminal's foreground process group and continues it, in case it
  /// touched the terminal before it was its turn and was stopped for it.
  ///
  /// SIGTTOU is ignored meanwhile: a process in a background group that changes the
  /// foreground group (taking the terminal back) would otherwise be stopped.
  private static func handTerminal(_ terminalFD: Int32, to group: pid_t) {
    var ignore = sigaction()
    var previous = sigaction()
    ignore.__sigaction_handler.sa_handler = SIG_IGN
    sigemptyset(&ignore.sa_mask)
    sigaction(SIGTTOU, &ignore, &previous)
    _ = tcsetpgrp(terminalFD, group)
    sigaction(SIGTTOU, &previous, nil)
    if group != getpgrp() { kill(-group, SIGCONT) }
  }
}
