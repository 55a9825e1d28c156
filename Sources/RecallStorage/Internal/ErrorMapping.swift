import GRDB

extension DatabaseError {
  /// Whether the error says something about the file or the machine (full, read-only, busy,
  /// damaged) rather than about the SQL that ran.
  var isAboutTheEnvironment: Bool {
    switch resultCode {
    case .SQLITE_FULL, .SQLITE_READONLY, .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_CORRUPT,
      .SQLITE_NOTADB, .SQLITE_IOERR, .SQLITE_CANTOPEN, .SQLITE_PERM:
      true
    default:
      false
    }
  }
}

extension StorageError {
  /// The storage error that says what `error` means for the database at `path`. SQLite
  /// reporting the file as corrupt marks it damaged, so that no command writes to it until
  /// `recall check` has run (see ``DatabaseCheck``).
  static func from(_ error: any Error, path: String, busyTimeout: Double) -> StorageError {
    if let error = error as? StorageError { return error }
    guard let error = error as? DatabaseError else {
      return .database(path: path, message: "\(error)")
    }
    switch error.resultCode {
    case .SQLITE_NOTADB: return .notADatabase(path: path)
    case .SQLITE_CORRUPT:
      DamageMark.record(path)
      return .damaged(path: path)
    case .SQLITE_FULL: return .diskFull(path: path)
    case .SQLITE_READONLY, .SQLITE_PERM: return .readOnly(path: path)
    case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(path: path, seconds: Int(busyTimeout.rounded()))
    case .SQLITE_CANTOPEN:
      return .cannotOpen(path: path, reason: "SQLite cannot open the file (\(error.message ?? "no details"))")
    case .SQLITE_IOERR:
      return .database(path: path, message: "a disk read or write failed (\(error.message ?? "no details"))")
    default:
      return .database(path: path, message: error.message ?? "SQLite error \(error.resultCode.rawValue)")
    }
  }
}
