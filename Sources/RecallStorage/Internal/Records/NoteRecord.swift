import GRDB

/// A row of the `note` table.
struct NoteRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
  static let databaseTableName = "note"

  /// The columns of the `note` table.
  enum Columns {
    static let id = Column(CodingKeys.id)
    static let file = Column(CodingKeys.file)
    static let deck = Column(CodingKeys.deck)
    static let contentHash = Column(CodingKeys.contentHash)
    static let generatorRevision = Column(CodingKeys.generatorRevision)
    static let createdAt = Column(CodingKeys.createdAt)
    static let updatedAt = Column(CodingKeys.updatedAt)
    static let stubs = Column(CodingKeys.stubs)
  }

  var id: Int64?
  var file: String
  var deck: String
  var contentHash: String
  var generatorRevision: Int
  /// Milliseconds since 1970 (UTC).
  var createdAt: Int64
  /// Milliseconds since 1970 (UTC).
  var updatedAt: Int64
  /// The stubs found when the note was last read, as ``NoteStubs`` writes them.
  var stubs: String = "[]"

  /// The ``generatorRevision`` of a note whose file an import of its folder found deleted: its
  /// cards were retired then (at ``updatedAt``), and whatever reads it next reads it again.
  static let removedRevision = -1

  /// Whether an import found the note's file deleted (see ``removedRevision``).
  var isRemoved: Bool { generatorRevision == Self.removedRevision }

  mutating func didInsert(_ inserted: InsertionSuccess) {
    id = inserted.rowID
  }
}

extension NoteRecord {
  /// The record of a row, whatever its columns hold: a number of the wrong type reads as 0
  /// (``Row/value(named:)``).
  init(row: Row) {
    self.init(
      id: row.value(named: "id"), file: row.value(named: "file") ?? "", deck: row.value(named: "deck") ?? "",
      contentHash: row.value(named: "contentHash") ?? "",
      generatorRevision: row.value(named: "generatorRevision") ?? 0,
      createdAt: row.value(named: "createdAt") ?? 0, updatedAt: row.value(named: "updatedAt") ?? 0,
      stubs: row.value(named: "stubs") ?? "[]")
  }
}
