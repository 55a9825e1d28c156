import GRDB

/// The folders a user imported (the library roots), kept so that a note's deck stays named
/// relative to the outermost folder it was imported with.
enum LibraryRoots {
  /// The roots, in path order.
  static func all(_ db: Database) throws -> [String] {
    try String.fetchAll(
      db, LibraryRootRecord.select(LibraryRootRecord.Columns.path).order(LibraryRootRecord.Columns.path))
  }

  /// Remembers `folders` (absolute paths) at `now`: a folder inside a known root adds nothing,
  /// and a folder around known roots replaces them.
  static func add(_ folders: [String], now: Int64, _ db: Database) throws {
    for folder in folders {
      let roots = try all(db)
      if roots.contains(where: { contains($0, folder) }) { continue }
      for root in roots where contains(folder, root) {
        _ = try LibraryRootRecord.deleteOne(db, key: root)
      }
      try LibraryRootRecord(path: folder, addedAt: now).insert(db)
    }
  }

  /// Whether `path` is `folder` or lies inside it.
  static func contains(_ folder: String, _ path: String) -> Bool {
    path == folder || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
  }
}
