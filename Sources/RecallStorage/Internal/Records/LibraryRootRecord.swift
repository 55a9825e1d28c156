import GRDB

/// A row of the `libraryRoot` table: a folder the user imported.
struct LibraryRootRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "libraryRoot"

  /// The columns of the `libraryRoot` table.
  enum Columns {
    static let path = Column(CodingKeys.path)
    static let addedAt = Column(CodingKeys.addedAt)
  }

  /// An absolute path, links resolved.
  var path: String
  /// Milliseconds since 1970 (UTC).
  var addedAt: Int64
}
