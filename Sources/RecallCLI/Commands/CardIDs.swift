import Foundation
import RecallStorage

/// The short ids that `recall cards` shows and that `suspend`, `unsuspend`, `reset` and `due`
/// take: one place that shows them and finds cards by them.
enum CardIDs {
  /// The id `recall cards` shows for a stored card.
  static func shortID(_ stored: StoredCard) -> String {
    stored.shortID
  }

  /// The stored cards the ids name, in the order given: each id is a card's short id, or the
  /// start of one that no other card shares (at least 4 characters).
  ///
  /// - Throws: ``CardIDError`` naming every id that names no card or more than one; nothing is
  ///   looked up further.
  static func resolve(_ ids: [String], in store: Store) throws -> [StoredCard] {
    let cards = try store.cards()
    var byID: [String: [StoredCard]] = [:]
    for stored in cards { byID[shortID(stored), default: []].append(stored) }
    var found: [StoredCard] = []
    var problems: [String] = []
    for given in ids {
      let wanted = given.trimmingCharacters(in: .whitespaces).lowercased()
        .trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
      if let exact = byID[wanted], exact.count == 1 {
        found.append(exact[0])
        continue
      }
      let matches =
        wanted.count >= 4 ? byID.filter { $0.key.hasPrefix(wanted) }.flatMap(\.value) : []
      switch matches.count {
      case 1:
        found.append(matches[0])
      case 0:
        problems.append(
          wanted.count < 4 && !wanted.isEmpty
            ? "'\(given)' is too short to name a card: give at least 4 characters of its id."
            : "No card has the id '\(given)'.")
      default:
        problems.append("'\(given)' starts the ids of \(matches.count) cards; give more of it.")
      }
    }
    guard problems.isEmpty else {
      throw CardIDError(
        message: problems.joined(separator: "\n")
          + "\n`recall cards --search TEXT` shows the cards with their ids. Nothing was changed.")
    }
    return found
  }
}

/// Card ids that name no card, or more than one, said in complete sentences.
struct CardIDError: Error, CustomStringConvertible, LocalizedError {
  /// The sentences shown to the user.
  var message: String
  var description: String { message }
  var errorDescription: String? { message }
}
