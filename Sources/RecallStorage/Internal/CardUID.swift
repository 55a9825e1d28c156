import Foundation
import GRDB

/// A card's UUID as the `card` table stores it (`Migrations/0016_compact_card_table.sql`): the
/// 16 bytes of a UUID written the way Foundation writes one (upper-case, 36 characters), any
/// other text as it is. Read back, the bytes give that same text, so every text reads back as
/// it was written: export, merge, Anki's note guids and short ids see the text, never the bytes.
///
/// A UUID is written back in the form it was read in, and a table from before 0016 (its column
/// declared `TEXT`, as the migration tests open one) is given text.
struct CardUID: Hashable, Sendable, Codable, DatabaseValueConvertible {
  /// The UUID as text, as export, merge and Anki name the card.
  var text: String
  /// The UUID whose 16 bytes the row holds; `nil` when it holds the text.
  private var bytes: UUID?

  /// A card's UUID from its text: stored as bytes when they read back as this text.
  init(text: String) {
    self.text = text
    let id = UUID(uuidString: text)
    bytes = id?.uuidString == text ? id : nil
  }

  /// The UUID `id`, written as Foundation writes it, stored as its bytes or as that text.
  init(_ id: UUID, asBytes: Bool) {
    text = id.uuidString
    bytes = asBytes ? id : nil
  }

  var databaseValue: DatabaseValue {
    bytes.map { ReviewUID.bytes($0).databaseValue } ?? text.databaseValue
  }

  /// The UUID of a stored value: 16 bytes as Foundation writes their UUID, text as it is; `nil`
  /// for anything else (a number, NULL, a blob of another length).
  static func fromDatabaseValue(_ dbValue: DatabaseValue) -> CardUID? {
    switch dbValue.storage {
    case .blob(let bytes): ReviewUID.id(bytes).map { CardUID(text: text(ofUUID: bytes), bytes: $0) }
    case .string(let text): CardUID(text: text, bytes: nil)
    default: nil
    }
  }

  /// The text of the UUID a stored value holds, as ``fromDatabaseValue(_:)`` reads it, without
  /// the `UUID`: for the lists of cards, which show the text and never write it back.
  static func text(of dbValue: DatabaseValue) -> String? {
    switch dbValue.storage {
    case .blob(let bytes): bytes.count == 16 ? text(ofUUID: bytes) : nil
    case .string(let text): text
    default: nil
    }
  }

  /// The 16 bytes of a UUID as Foundation writes them (`E621E1F8-C36C-495A-93FC-0C247A3E6E5F`).
  ///
  /// Written here: Foundation's `uuidString` formats with `sprintf`, 6,400 instructions a UUID,
  /// which was a tenth of reading a review's window of cards.
  static func text(ofUUID bytes: Data) -> String {
    var text: [UInt8] = []
    text.reserveCapacity(36)
    var index = 0
    for byte in bytes {
      if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
      text.append(hexDigits[Int(byte >> 4)])
      text.append(hexDigits[Int(byte & 0x0F)])
      index += 1
    }
    return String(decoding: text, as: UTF8.self)
  }

  /// The digits of ``text(ofUUID:)``.
  private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

  private init(text: String, bytes: UUID?) {
    self.text = text
    self.bytes = bytes
  }

  init(from decoder: any Decoder) throws {
    self.init(text: try decoder.singleValueContainer().decode(String.self))
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(text)
  }

  /// Whether the card table stores UUIDs as bytes (its `uid` column has no declared type, since
  /// migration 0016).
  static func tableHoldsBytes(_ db: Database) throws -> Bool {
    try db.columns(in: "card").first { $0.name == "uid" }?.type.isEmpty ?? false
  }
}

extension CardUID {
  /// `recall_card_uid(text)`: the value a UUID's text is stored as since migration 0016, for
  /// that migration (any value not text is kept).
  static let storedValue = DatabaseFunction("recall_card_uid", argumentCount: 1, pure: true) { values in
    guard case .string(let text) = values[0].storage else { return values[0] }
    return CardUID(text: text).databaseValue
  }
}
