import Foundation
import RecallStorage

/// Why stats or an export could not be done; the database is left as it
/// was.
///
/// Every message is a complete sentence that names the file or value at fault and says what to
/// do.
public enum StatsError: Error, Equatable, Sendable, LocalizedError, CustomStringConvertible {
  /// The store failed.
  case storage(StorageError)
  /// A file or folder could not be written.
  case cannotWrite(path: String, reason: String)

  public var description: String {
    switch self {
    case .storage(let error):
      error.description
    case .cannotWrite(let path, let reason):
      "The file '\(path)' could not be written: \(reason)."
    }
  }

  public var errorDescription: String? { description }
}
