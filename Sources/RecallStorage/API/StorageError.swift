import Foundation

/// Why the store could not do what was asked; the database is left as it was.
///
/// Every message is a complete sentence that names the file and says what to do. Messages never
/// quote SQL arguments, so the user's notes stay out of error reports.
public enum StorageError: Error, Equatable, Sendable, LocalizedError, CustomStringConvertible {
  /// The file exists but is not an SQLite database at all.
  case notADatabase(path: String)
  /// The file is an SQLite database that another program wrote.
  case notRecallDatabase(path: String)
  /// The file is a damaged SQLite database.
  case damaged(path: String)
  /// The database was written by a newer Recall: it holds migrations this binary does not know.
  case newerVersion(path: String, unknownMigrations: [String])
  /// The database cannot be written: the file or its folder is read-only.
  case readOnly(path: String)
  /// The disk (or the database's size limit) is full.
  case diskFull(path: String)
  /// Another `recall` held the database for longer than the busy timeout.
  case busy(path: String, seconds: Int)
  /// The folder for the database could not be created.
  case cannotCreateFolder(path: String, reason: String)
  /// The database file could not be opened.
  case cannotOpen(path: String, reason: String)
  /// No database location could be worked out: no `--db`, no `RECALL_DB`, no home folder.
  case noLocation
  /// The backup copy written before a migration failed; nothing was migrated.
  case backupFailed(path: String, reason: String)
  /// A migration failed and was rolled back.
  case migrationFailed(identifier: String, reason: String)
  /// No card has this id.
  case cardNotFound(id: Int64)
  /// No review has this id.
  case reviewNotFound(id: String)
  /// A review with this id is already in the log.
  case duplicateReview(id: String)
  /// A value handed to the store breaks one of its rules.
  case invalidValue(String)
  /// Any other database failure.
  case database(path: String, message: String)

  public var description: String {
    switch self {
    case .notADatabase(let path):
      "The file '\(path)' is not a Recall database (it is not an SQLite database at all); Recall "
        + "left it untouched. Choose another file with --db or RECALL_DB."
    case .notRecallDatabase(let path):
      "The file '\(path)' is an SQLite database of another program, not a Recall database; "
        + "Recall left it untouched. Choose another file with --db or RECALL_DB."
    case .damaged(let path):
      "The database '\(path)' is damaged (SQLite reports it as corrupt); Recall left it untouched "
        + "and will not write to it. Run recall check to recover what can be read into a new "
        + "database (the damaged file is kept beside it)."
    case .newerVersion(let path, let unknown):
      "The database '\(path)' was written by a newer version of Recall (it has the migration"
        + "\(unknown.count == 1 ? "" : "s") \(unknown.joined(separator: ", ")), which this "
        + "version does not know); Recall left it untouched. Update Recall to use it."
    case .readOnly(let path):
      "The database '\(path)' is read-only, so Recall cannot write to it; nothing was changed. "
        + "Make the file and its folder writable, or choose another file with --db."
    case .diskFull(let path):
      "The disk is full (or the database '\(path)' reached its size limit); nothing was changed. "
        + "Free some space and try again."
    case .busy(let path, let seconds):
      "The database '\(path)' stayed busy for \(seconds) seconds (another recall is writing to "
        + "it); nothing was changed. Try again when it has finished."
    case .cannotCreateFolder(let path, let reason):
      "The folder '\(path)' for the database could not be created: \(reason)."
    case .cannotOpen(let path, let reason):
      "The database '\(path)' could not be opened: \(reason)."
    case .noLocation:
      "Recall cannot tell where to keep its database: there is no --db option, no RECALL_DB "
        + "variable and no home folder. Pass --db PATH."
    case .backupFailed(let path, let reason):
      "The backup copy '\(path)' could not be written before upgrading the database (\(reason)); "
        + "the database was left as it was."
    case .migrationFailed(let identifier, let reason):
      "Upgrading the database failed at migration \(identifier) (\(reason)); that migration was "
        + "rolled back."
    case .cardNotFound(let id):
      "There is no card with id \(id) in the database."
    case .reviewNotFound(let id):
      "There is no review with id \(id) in the review log."
    case .duplicateReview(let id):
      "The review \(id) is already in the review log; reviews are recorded once."
    case .invalidValue(let message):
      message
    case .database(let path, let message):
      "The database '\(path)' reported an error: \(message)."
    }
  }

  public var errorDescription: String? { description }
}
