import Foundation
import GRDB
import Testing

@testable import RecallStorage

/// A card's UUID stored as bytes reads back as the text Foundation writes for it.
struct CardUIDTests {
  @Test func bytesReadAsFoundationWritesTheUUID() {
    var ids = [UUID(uuidString: "00000000-0000-0000-0000-000000000000")!, UUID(uuidString: "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF")!]
    ids += (0..<200).map { _ in UUID() }
    for id in ids {
      let bytes = ReviewUID.bytes(id)
      #expect(CardUID.text(ofUUID: bytes) == id.uuidString)
      #expect(CardUID.text(of: bytes.databaseValue) == id.uuidString)
      #expect(CardUID.fromDatabaseValue(bytes.databaseValue) == CardUID(id, asBytes: true))
    }
  }

  @Test func textReadsAsItIsAndOtherValuesAsNone() {
    #expect(CardUID.text(of: "card-1".databaseValue) == "card-1")
    #expect(CardUID.text(of: Data([1, 2, 3]).databaseValue) == nil)
    #expect(CardUID.text(of: 7.databaseValue) == nil)
    #expect(CardUID.text(of: .null) == nil)
  }
}
