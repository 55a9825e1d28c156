import Foundation
import RecallCards
import Testing

@testable import RecallStorage

/// The rows a worker makes of a note's new cards: every text of every card, in place, whatever
/// the cards share.
struct CardRowsTests {
  private func card(
    _ key: String, context: [String], choices: [String] = [], detail: String? = nil,
    line: Int = 3
  ) -> Card {
    Card(
      key: key, kind: .section, deck: "d.md", file: "/d.md", line: line, prompt: "Q \(key)?",
      answer: "A \(key)", choices: choices, context: context, detail: detail,
      siblingGroup: "group \(key)", contentHash: "hash-\(key)")
  }

  /// The texts of card `index` of `rows`, in the order of ``CardRows/textsPerCard``.
  private func texts(_ rows: CardRows, _ index: Int) -> [String] {
    (0..<CardRows.textsPerCard).map {
      String(decoding: rows.bytes[rows.range(card: index, text: $0)], as: UTF8.self)
    }
  }

  @Test func everyTextOfEveryCardIsWhereItsRangeSays() throws {
    let section = ["노트", "섹션"]
    let cards = [
      card("a", context: section),
      card("b", context: section, choices: ["하나", "two \"quoted\""], detail: "자세히"),
      // The same list in another array, then another list, then the first again.
      card("c", context: Array(section)),
      card("d", context: ["노트", "tab\there", "back\\slash"], line: 0),
      card("e", context: section, detail: ""),
      card("f", context: []),
    ]
    let rows = CardRows(cards)
    #expect(rows.count == cards.count)
    for (index, card) in cards.enumerated() {
      let text = texts(rows, index)
      #expect(text[0] == card.key)
      #expect(text[1] == card.kind.rawValue)
      #expect(text[2] == card.prompt)
      #expect(text[3] == card.answer)
      #expect(try JSONDecoder().decode([String].self, from: Data(text[4].utf8)) == card.choices)
      #expect(text[5] == StringListJSON.encode(card.context))
      #expect(try JSONDecoder().decode([String].self, from: Data(text[5].utf8)) == card.context)
      #expect(text[6] == (card.detail ?? ""))
      #expect(rows.hasDetail[index] == (card.detail != nil))
      #expect(text[7] == card.siblingGroup)
      #expect(text[8] == card.contentHash)
      #expect(rows.lines[index] == Int64(max(card.line, 1)))
    }
    #expect(CardRows([]).count == 0)
  }
}
