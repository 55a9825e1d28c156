import GRDB
import RecallCards

/// A row of the `card` table.
struct CardRecord: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
  static let databaseTableName = "card"

  /// The columns of the `card` table.
  enum Columns {
    static let id = Column(CodingKeys.id)
    static let uid = Column(CodingKeys.uid)
    static let noteId = Column(CodingKeys.noteId)
    static let key = Column(CodingKeys.key)
    static let kind = Column(CodingKeys.kind)
    static let prompt = Column(CodingKeys.prompt)
    static let answer = Column(CodingKeys.answer)
    static let choices = Column(CodingKeys.choices)
    static let context = Column(CodingKeys.context)
    static let detail = Column(CodingKeys.detail)
    static let siblingGroup = Column(CodingKeys.siblingGroup)
    static let line = Column(CodingKeys.line)
    static let contentHash = Column(CodingKeys.contentHash)
    static let status = Column(CodingKeys.status)
    static let createdAt = Column(CodingKeys.createdAt)
    static let updatedAt = Column(CodingKeys.updatedAt)
    static let contentChangedAt = Column(CodingKeys.contentChangedAt)
    static let retiredAt = Column(CodingKeys.retiredAt)
  }

  var id: Int64?
  var uid: String
  var noteId: Int64
  var key: String
  var kind: String
  var prompt: String
  var answer: String
  /// A JSON array of strings.
  var choices: String
  /// A JSON array of strings.
  var context: String
  var detail: String?
  var siblingGroup: String
  var line: Int
  var contentHash: String
  /// `active` or `retired`.
  var status: String
  var createdAt: Int64
  var updatedAt: Int64
  var contentChangedAt: Int64
  var retiredAt: Int64?

  mutating func didInsert(_ inserted: InsertionSuccess) {
    id = inserted.rowID
  }
}

extension CardRecord {
  /// The card as the matching sees it (deck and file are not stored with the card).
  var card: Card {
    Card(
      key: key, kind: CardKind(rawValue: kind) ?? .section, deck: "", file: "", line: line,
      prompt: prompt, answer: answer, choices: StringListJSON.decode(choices),
      context: StringListJSON.decode(context), detail: detail, siblingGroup: siblingGroup,
      contentHash: contentHash)
  }
}
