import Foundation
import RecallStorage

/// Why an answer could not be scheduled or a log merged; the database is left as it was.
///
/// Every message is a complete sentence that names the file or value at fault and says what to
/// do.
public enum ProgressError: Error, Equatable, Sendable, LocalizedError, CustomStringConvertible {
  /// The store failed.
  case storage(StorageError)
  /// A file could not be read.
  case cannotRead(path: String, reason: String)
  /// The progress file is not JSON, or not a Recall export.
  case notAnExport(path: String, reason: String)
  /// The progress file was written by a newer Recall.
  case unsupportedSchemaVersion(path: String, version: Int)
  /// A value in the progress file is wrong; `location` says where (such as `reviews[3].rating`).
  case invalidEntry(path: String, location: String, reason: String)
  /// The scheduling settings cannot make a scheduler to schedule or replay reviews with.
  case invalidSchedulerSettings(reason: String)

  public var description: String {
    switch self {
    case .storage(let error):
      error.description
    case .cannotRead(let path, let reason):
      "The file '\(path)' could not be read: \(reason)."
    case .notAnExport(let path, let reason):
      "The file '\(path)' is not a Recall progress export (\(reason)); nothing was changed. "
        + "Give a file written by 'recall export --format json'."
    case .unsupportedSchemaVersion(let path, let version):
      "The file '\(path)' has schema version \(version), which this version of Recall does not "
        + "know; nothing was changed. Update Recall to merge it."
    case .invalidEntry(let path, let location, let reason):
      "The file '\(path)' has a bad value at \(location): \(reason); nothing was changed."
    case .invalidSchedulerSettings(let reason):
      "The scheduling settings cannot be used to schedule the reviews (\(reason)); nothing was "
        + "changed. Check them with 'recall config'."
    }
  }

  public var errorDescription: String? { description }
}
