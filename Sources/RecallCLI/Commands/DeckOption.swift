import RecallStorage

/// The `--deck` of a command, checked against the store: a deck that names no stored card is a
/// typo to report, not an empty session or empty stats.
enum DeckOption {
  /// Throws a ``ConfigError`` that names the stored decks when `deck` matches none of them.
  static func check(_ deck: String?, in store: Store) throws {
    guard let deck, try !store.hasDeck(deck) else { return }
    let decks = try store.decks()
    if decks.isEmpty {
      throw ConfigError(
        "There is no deck '\(deck)': no cards are stored yet. Import your notes with recall import PATH.")
    }
    let shown = decks.count > 12 ? decks.prefix(12) + ["… (\(decks.count) in all; recall cards lists them)"] : decks[...]
    let folders = decks.contains { $0.contains("/") } ? " A folder of decks works too." : ""
    throw ConfigError(
      "There is no deck '\(deck)'. The decks are: \(shown.joined(separator: ", ")).\(folders)")
  }
}
