import Foundation
import GRDB

/// The files that builds of a new database (``Store/buildNew(at:options:_:)``) killed before
/// they ended left beside it, `recall.sqlite.creating-…`: found and deleted, never a live one.
///
/// A build holds an exclusive lock on its file from its first write to its end, so a file whose
/// lock can be taken has no builder any more. A file younger than ``minimumAge`` is left alone
/// whatever its lock: a build has opened it but not written its first page yet.
enum AbandonedBuilds {
  /// How old a file must be (since it was last written) to be deleted.
  static let minimumAge: TimeInterval = 60

  /// The prefix of the temporary files of builds of `path`.
  static func prefix(of path: String) -> String { "\(path).creating-" }

  /// Deletes the files of builds of `path` that ended without deleting them, with their
  /// journals; leaves every other file, and is silent if the folder cannot be listed.
  static func remove(besides path: String, now: Date = Date()) {
    let fileManager = FileManager.default
    let folder = (path as NSString).deletingLastPathComponent
    let prefix = (prefix(of: path) as NSString).lastPathComponent
    guard let names = try? fileManager.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder) else { return }
    let journals = ["-wal", "-shm", "-journal"]
    for name in names where name.hasPrefix(prefix) && !journals.contains(where: name.hasSuffix) {
      let file = folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
      guard let written = try? fileManager.attributesOfItem(atPath: file)[.modificationDate] as? Date,
        now.timeIntervalSince(written) >= minimumAge, hasNoBuilder(file)
      else { continue }
      for suffix in [""] + journals { try? fileManager.removeItem(atPath: file + suffix) }
    }
  }

  /// Whether the exclusive lock of the database `file` can be taken: no build holds it.
  static func hasNoBuilder(_ file: String) -> Bool {
    var configuration = Configuration()
    configuration.busyMode = .immediateError
    do {
      let queue = try DatabaseQueue(path: file, configuration: configuration)
      defer { try? queue.close() }
      try queue.writeWithoutTransaction { db in
        try db.execute(sql: "BEGIN EXCLUSIVE")
        try db.execute(sql: "ROLLBACK")
      }
      return true
    } catch {
      return false
    }
  }
}
