#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The size of a terminal in character cells.
public struct TerminalSize: Hashable, Sendable {
  /// The number of lines.
  public var rows: Int
  /// The number of columns.
  public var columns: Int

  /// Creates a size.
  public init(rows: Int, columns: Int) {
    self.rows = rows
    self.columns = columns
  }
}

/// The process environment, read once where the caller asks for it.
public enum ProcessEnvironment {
  /// All environment variables of this process.
  public static func variables() -> [String: String] {
    var result: [String: String] = [:]
    var pointer = environ
    while let entry = pointer.pointee {
      let text = String(cString: entry)
      if let equals = text.firstIndex(of: "=") {
        result[String(text[..<equals])] = String(text[text.index(after: equals)...])
      }
      pointer += 1
    }
    return result
  }
}

/// Thin wrappers over the system calls the terminal layer uses.
public enum SystemTerminal {
  /// Whether a file descriptor is a terminal.
  public static func isATTY(_ fileDescriptor: Int32) -> Bool {
    isatty(fileDescriptor) == 1
  }

  /// The size of the terminal on a file descriptor (ioctl TIOCGWINSZ), or nil if it is not a
  /// terminal or reports no size.
  public static func size(of fileDescriptor: Int32) -> TerminalSize? {
    var size = winsize()
    guard ioctl(fileDescriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else {
      return nil
    }
    return TerminalSize(rows: Int(size.ws_row), columns: Int(size.ws_col))
  }

  /// Writes all of `bytes` to a file descriptor, retrying on interruption.
  static func writeAll(_ fileDescriptor: Int32, _ bytes: [UInt8]) throws {
    try bytes.withUnsafeBytes { try writeAll(fileDescriptor, $0) }
  }

  /// Writes all of `bytes` to a file descriptor, retrying on interruption: for text already
  /// in memory, written without a copy of it.
  static func writeAll(_ fileDescriptor: Int32, _ bytes: UnsafeRawBufferPointer) throws {
    var offset = 0
    while offset < bytes.count {
      let written = write(fileDescriptor, bytes.baseAddress! + offset, bytes.count - offset)
      if written < 0 {
        if errno == EINTR || errno == EAGAIN { continue }
        throw TerminalError.ioFailed(operation: "write", errno: errno)
      }
      offset += written
    }
  }

  /// The terminal settings of a file descriptor.
  static func settings(of fileDescriptor: Int32) throws -> termios {
    var settings = termios()
    guard tcgetattr(fileDescriptor, &settings) == 0 else {
      throw TerminalError.settingsFailed(operation: "tcgetattr", errno: errno)
    }
    return settings
  }

  /// Applies terminal settings to a file descriptor.
  static func apply(_ settings: termios, to fileDescriptor: Int32) throws {
    var settings = settings
    guard tcsetattr(fileDescriptor, TCSANOW, &settings) == 0 else {
      throw TerminalError.settingsFailed(operation: "tcsetattr", errno: errno)
    }
  }

  /// The raw-mode version of some settings: no echo, no line editing, no signals from keys,
  /// no flow control, bytes delivered one at a time. Output processing stays on.
  static func rawSettings(from original: termios) -> termios {
    var raw = original
    raw.c_iflag &= ~tcflag_t(BRKINT | ICRNL | INPCK | ISTRIP | IXON)
    raw.c_cflag |= tcflag_t(CS8)
    raw.c_lflag &= ~tcflag_t(ECHO | ICANON | IEXTEN | ISIG)
    withUnsafeMutableBytes(of: &raw.c_cc) { bytes in
      bytes[Int(VMIN)] = 1
      bytes[Int(VTIME)] = 0
    }
    return raw
  }
}
