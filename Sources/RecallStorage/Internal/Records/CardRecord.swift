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
  var uid: CardUID
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
  /// The record of a row, whatever its columns hold: a number of the wrong type reads as 0
  /// (``Row/value(named:)``).
  init(row: Row) {
    self.init(
      id: row.value(named: "id"), uid: row.value(named: "uid") ?? CardUID(text: ""), noteId: row.value(named: "noteId") ?? 0,
      key: row.value(named: "key") ?? "", kind: row.value(named: "kind") ?? "",
      prompt: row.value(named: "prompt") ?? "", answer: row.value(named: "answer") ?? "",
      choices: row.value(named: "choices") ?? "[]", context: row.value(named: "context") ?? "[]",
      detail: row.value(named: "detail"), siblingGroup: row.value(named: "siblingGroup") ?? "",
      line: row.value(named: "line") ?? 0, contentHash: row.value(named: "contentHash") ?? "",
      status: row.value(named: "status") ?? "active", createdAt: row.value(named: "createdAt") ?? 0,
      updatedAt: row.value(named: "updatedAt") ?? 0,
      contentChangedAt: row.value(named: "contentChangedAt") ?? 0, retiredAt: row.value(named: "retiredAt"))
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
