#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where every command writes what it prints for people: standard output or standard error,
/// each text made harmless on the way (``SafeText`` for text, ``SafeJSON`` for JSON), so that
/// nothing from a note, a file name or an argument can drive the terminal.
public enum SafeOutput {
  /// Standard output or standard error.
  public enum Stream: Sendable {
    case standardOutput
    case standardError

    var fileDescriptor: Int32 {
      switch self {
      case .standardOutput: STDOUT_FILENO
      case .standardError: STDERR_FILENO
      }
    }
  }

  /// Writes `text` with every control character shown in a visible form (``SafeText``);
  /// its line breaks are kept.
  public static func write(_ text: String, to stream: Stream = .standardOutput) {
    writeBytes(SafeText.sanitize(text), to: stream)
  }

  /// Writes a JSON text with every control, separator and bidirectional character inside its
  /// strings as a `\u` escape (``SafeJSON``).
  public static func writeJSON(_ json: String, to stream: Stream = .standardOutput) {
    writeBytes(SafeJSON.escaping(json), to: stream)
  }

  /// Writes text that a renderer of this module's kind already made safe piece by piece (every
  /// piece of note text through ``SafeText``) and that carries the renderer's own terminal
  /// sequences, such as colors or the clearing of a progress bar's line.
  public static func writeRendered(_ text: String, to stream: Stream = .standardOutput) {
    writeBytes(text, to: stream)
  }

  /// Writes the bytes of `text` from where the string keeps them (a note's text can be tens
  /// of megabytes: no copy); a closed stream (a reader that went away) is not an error to
  /// report anywhere.
  private static func writeBytes(_ text: String, to stream: Stream) {
    var text = text
    text.withUTF8 { bytes in
      try? SystemTerminal.writeAll(stream.fileDescriptor, UnsafeRawBufferPointer(bytes))
    }
  }
}
