import Foundation
import RecallStats
import RecallStorage

/// Why an Anki package could not be written, read or merged.
public enum AnkiError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
  /// The file could not be read.
  case cannotRead(path: String, reason: String)
  /// The package could not be written.
  case cannotWrite(path: String, reason: String)
  /// The file is not an Anki package, or holds no collection Recall can read.
  case notAPackage(path: String, reason: String)
  /// A value in the package's collection is missing or out of its range.
  case invalidField(path: String, field: String, reason: String)
  /// The database or the settings failed.
  case stats(StatsError)

  /// The message shown to the user.
  public var description: String {
    switch self {
    case .cannotRead(let path, let reason):
      return "Cannot read \(path): \(reason)"
    case .cannotWrite(let path, let reason):
      return "Cannot write the Anki package \(path): \(reason)"
    case .notAPackage(let path, let reason):
      return "\(path) is not an Anki package Recall can read: \(reason). Export it from Anki "
        + "as a collection package (.colpkg) or a deck package (.apkg) with scheduling included."
    case .invalidField(let path, let field, let reason):
      return "\(path): \(field): \(reason). Nothing was imported."
    case .stats(let error):
      return error.description
    }
  }

  /// The same message, for Foundation.
  public var errorDescription: String? { description }

  /// A storage failure as an Anki error.
  static func storage(_ error: StorageError) -> AnkiError { .stats(.storage(error)) }
}
