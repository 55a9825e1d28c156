import Foundation
import GRDB

/// A card as a practice quiz ranks it: where it is and how it is scheduled, without its texts.
public struct PracticeCandidate: Hashable, Sendable {
  /// The card's row id.
  public var id: Int64
  /// Its note's deck.
  public var deck: String
  /// Its line in the note.
  public var line: Int
  /// Its scheduling state.
  public var schedule: CardSchedule

  /// Creates a candidate.
  public init(id: Int64, deck: String, line: Int, schedule: CardSchedule) {
    self.id = id
    self.deck = deck
    self.line = line
    self.schedule = schedule
  }
}

extension Store {
  /// The active, unsuspended cards a practice quiz may ask, without their texts: a quiz ranks
  /// every card by its schedule, then reads only the few it asks (``cards(ids:)``).
  ///
  /// - Parameters:
  ///   - deck: Only this deck or folder of decks (as ``cards(deck:status:filter:)`` reads it);
  ///     `nil` for every deck.
  ///   - topic: Only cards with a heading that contains it, in any case; `nil` or blank for any.
  public func practiceCandidates(deck: String? = nil, topic: String? = nil) throws(StorageError)
    -> [PracticeCandidate]
  {
    var conditions = ["card.status = 'active'"]
    var arguments: StatementArguments = []
    if let deck {
      let (condition, deckArguments) = Self.deckCondition(deck)
      conditions.append(condition)
      _ = arguments.append(contentsOf: deckArguments)
    }
    let wanted = topic?.trimmingCharacters(in: .whitespaces).lowercased()
    let byTopic = wanted?.isEmpty == false ? wanted : nil
    return try read { db in
      if try db.tableExists("cardSuspension") {
        conditions.append("card.id NOT IN (SELECT cardId FROM cardSuspension)")
      }
      let sql = """
        SELECT card.id, note.deck, card.line, \(byTopic == nil ? "NULL" : "card.context"),
          \(Self.scheduleColumns)
        \(Self.storedCardTables)
        WHERE \(conditions.joined(separator: " AND "))
        """
      var candidates: [PracticeCandidate] = []
      let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
      while let row = try rows.next() {
        if let byTopic {
          let headings = StringListJSON.decode(row[3])
          guard headings.contains(where: { $0.lowercased().contains(byTopic) }) else { continue }
        }
        candidates.append(
          PracticeCandidate(
            id: row.value(0) ?? 0, deck: row[1], line: row.value(2) ?? 0, schedule: Self.schedule(row, from: 4)))
      }
      return candidates
    }
  }

  /// The cards with these ids, in the order of `ids`; an id with no card is left out.
  public func cards(ids: [Int64]) throws(StorageError) -> [StoredCard] {
    try read { db in try Self.withManagement(Self.storedCards(db, ids: ids), db) }
  }
}
