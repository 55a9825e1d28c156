import Foundation

/// Why a note could not be parsed.
public enum MarkdownParseError: Error, Equatable, Sendable, LocalizedError, CustomStringConvertible {
  /// The bytes are not valid UTF-8 at `byteOffset` (0-based, counted from the file's start).
  case invalidUTF8(file: String, line: Int, byteOffset: Int)

  public var description: String {
    switch self {
    case .invalidUTF8(let file, let line, let byteOffset):
      "\(file):\(line): the note is not valid UTF-8 (bad byte at offset \(byteOffset)); save it as UTF-8 and import it again."
    }
  }

  public var errorDescription: String? { description }
}
