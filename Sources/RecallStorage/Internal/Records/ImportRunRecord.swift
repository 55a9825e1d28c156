import GRDB

/// A row of the `importRun` table.
struct ImportRunRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
  static let databaseTableName = "importRun"

  /// The columns of the `importRun` table that queries use.
  enum Columns {
    static let id = Column(CodingKeys.id)
    static let startedAt = Column(CodingKeys.startedAt)
  }

  var id: Int64?
  var startedAt: Int64
  var finishedAt: Int64
  /// A JSON array of strings.
  var paths: String
  var notes: Int
  var added: Int
  var changed: Int
  var retired: Int
  var restored: Int
  var renamed: Int
  var unchanged: Int
  var stubs: Int
  var errors: Int

  mutating func didInsert(_ inserted: InsertionSuccess) {
    id = inserted.rowID
  }
}

/// A row of the `setting` table.
struct SettingRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "setting"

  /// The columns of the `setting` table.
  enum Columns {
    static let key = Column(CodingKeys.key)
    static let deck = Column(CodingKeys.deck)
    static let value = Column(CodingKeys.value)
    static let updatedAt = Column(CodingKeys.updatedAt)
  }

  var key: String
  /// `''` for every deck.
  var deck: String
  var value: String
  var updatedAt: Int64
}
