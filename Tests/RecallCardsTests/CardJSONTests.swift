import Foundation
import RecallCards
import Testing

/// The JSON view of a card, alone and extended by another view.
struct CardJSONTests {
  let card = Card(
    key: "T › term › X", kind: .term, deck: "n.md", file: "notes/n.md", line: 3,
    prompt: "T › X?", answer: "an x", choices: [], context: ["T"], detail: nil,
    siblingGroup: "T › term › X", contentHash: "0123456789abcdef")

  func object(_ value: some Encodable) throws -> [String: Any] {
    let data = try JSONEncoder().encode(value)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  @Test func encodesEveryFieldWithTheId() throws {
    let json = try object(CardJSON(card))
    #expect(
      Set(json.keys) == [
        "id", "key", "kind", "deck", "file", "line", "prompt", "answer", "choices", "context",
        "detail",
        "siblingGroup", "contentHash",
      ])
    #expect(json["id"] as? String == card.id)
    #expect(json["kind"] as? String == "term")
    #expect(json["line"] as? Int == 3)
    #expect(json["detail"] is NSNull)
    #expect(json["context"] as? [String] == ["T"])
  }

  @Test func aTableCardTellsItsOrientation() throws {
    var cell = card
    cell.kind = .tableCell
    cell.orientation = .thingsInRows
    #expect(try object(CardJSON(cell))["orientation"] as? String == "rows")
    cell.orientation = .thingsInColumns
    #expect(try object(CardJSON(cell))["orientation"] as? String == "columns")
  }

  struct StoredCardJSON: Encodable {
    var card: Card
    var status: String
    enum Keys: String, CodingKey { case status }
    func encode(to encoder: any Encoder) throws {
      try CardJSON(card).encode(to: encoder)
      var container = encoder.container(keyedBy: Keys.self)
      try container.encode(status, forKey: .status)
    }
  }

  @Test func anotherViewCanAddFields() throws {
    let json = try object(StoredCardJSON(card: card, status: "active"))
    #expect(json["status"] as? String == "active")
    #expect(json["key"] as? String == card.key)
  }

  @Test func theIdFollowsTheKey() {
    var other = card
    other.answer = "changed"
    #expect(other.id == card.id)
    other.key += " #2"
    #expect(other.id != card.id)
    #expect(card.id.count == 12)
  }
}
