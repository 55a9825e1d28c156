import Foundation
import RecallCards
import RecallScheduling
import RecallStorage
import RecallTerminal

/// `recall cards` without files: the stored cards with their status and scheduling state.
enum StoredCardsOutput {
  /// Prints the listing of the cards stored at `databasePath` that `filter` keeps, as text or
  /// as a JSON array.
  ///
  /// A database that does not exist yet is not created: the listing is empty.
  static func print(
    databasePath: String, deck: String?, filter: CardFilter = CardFilter(), now: Date = Date(),
    json: Bool
  ) throws {
    var cards: [StoredCard] = []
    if FileManager.default.fileExists(atPath: databasePath) {
      let store = try CommandStore.open(databasePath)
      try DeckOption.check(deck, in: store)
      let clock = try StudySettings.load(from: store, deck: deck).dayClock()
      cards = try store.cards(deck: deck, filter: try filter.listFilter(clock: clock, now: now))
    } else {
      // Checks `--due`'s day even when there is nothing to list.
      _ = try filter.listFilter(clock: .utcMidnight, now: now)
    }
    if json {
      SafeOutput.writeJSON(try self.json(cards) + "\n")
    } else if cards.isEmpty && !filter.keepsAll {
      SafeOutput.write("No stored card matches.\n")
    } else {
      text(cards, deck: deck, into: { SafeOutput.write($0) })
    }
  }

  /// The cards as a pretty-printed JSON array with sorted keys: the fields of `recall cards
  /// FILE --json`, then `status`, `suspended`, `leech`, `state`, `due`, `stability`,
  /// `difficulty`, `reps`, `lapses`.
  static func json(_ cards: [StoredCard]) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(cards.map(StoredCardJSON.init)), as: UTF8.self)
  }

  /// The cards for a person, deck by deck, given to `write` a card at a time (a card's text
  /// can be tens of megabytes: the listing is never held whole). Each piece ends a line.
  static func text(_ cards: [StoredCard], deck: String?, into write: (String) -> Void) {
    if cards.isEmpty {
      write("No cards stored yet. Import your notes with `recall import PATH`.\n")
      return
    }
    // The cards come deck by deck: each deck's counts are taken in one pass.
    var counts: [String: (cards: Int, retired: Int)] = [:]
    for stored in cards {
      counts[stored.card.deck, default: (0, 0)].cards += 1
      if stored.status == .retired { counts[stored.card.deck, default: (0, 0)].retired += 1 }
    }
    var currentDeck: String?
    for stored in cards {
      let card = stored.card
      var out = ""
      if card.deck != currentDeck {
        currentDeck = card.deck
        let count = counts[card.deck] ?? (0, 0)
        out += "\(SafeText.inline(card.deck)): \(count.cards) cards"
        out += count.retired > 0 ? " (\(count.retired) retired)\n\n" : "\n\n"
      }
      var status = stored.status.rawValue
      if stored.isSuspended { status += ", suspended" }
      if stored.isLeech { status += ", leech" }
      status += ", \(stored.schedule.state.name)"
      if let due = stored.schedule.due { status += ", due \(iso8601(due))" }
      if let stability = stored.schedule.stability {
        status += String(format: ", stability %.2f d", stability)
      }
      if let difficulty = stored.schedule.difficulty {
        status += String(format: ", difficulty %.2f", difficulty)
      }
      status += ", \(stored.schedule.reps) reps, \(stored.schedule.lapses) lapses"
      out.reserveCapacity(out.utf8.count + status.utf8.count + card.prompt.utf8.count + card.answer.utf8.count + 64)
      out += "[\(CardIDs.shortID(stored))] \(card.kind.rawValue), line \(card.line): \(status)\n"
      out += "  Q: "
      out += card.prompt
      out += "\n  A: "
      // Most answers are one line: appended as they are, without a copy made for the indent.
      out += card.answer.utf8.contains(UInt8(ascii: "\n"))
        ? card.answer.replacingOccurrences(of: "\n", with: "\n     ") : card.answer
      out += "\n\n"
      write(out)
    }
  }

  /// `date` as `2026-11-25T09:00:00Z`.
  static func iso8601(_ date: Date) -> String {
    date.formatted(Date.ISO8601FormatStyle())
  }

  /// The JSON view of a stored card.
  private struct StoredCardJSON: Encodable {
    var stored: StoredCard

    init(_ stored: StoredCard) {
      self.stored = stored
    }

    enum Keys: String, CodingKey {
      case status, suspended, leech, state, due, stability, difficulty, reps, lapses
    }

    func encode(to encoder: any Encoder) throws {
      try CardJSON(stored.card, id: stored.shortID).encode(to: encoder)
      var container = encoder.container(keyedBy: Keys.self)
      try container.encode(stored.status.rawValue, forKey: .status)
      try container.encode(stored.isSuspended, forKey: .suspended)
      try container.encode(stored.isLeech, forKey: .leech)
      try container.encode(stored.schedule.state.name, forKey: .state)
      try container.encode(stored.schedule.due.map(StoredCardsOutput.iso8601), forKey: .due)
      // A value that is not a finite number (a damaged row) is written as null: JSON has none.
      try container.encode(stored.schedule.stability.flatMap { $0.isFinite ? $0 : nil }, forKey: .stability)
      try container.encode(stored.schedule.difficulty.flatMap { $0.isFinite ? $0 : nil }, forKey: .difficulty)
      try container.encode(stored.schedule.reps, forKey: .reps)
      try container.encode(stored.schedule.lapses, forKey: .lapses)
    }
  }
}
