extension Card {
  /// A short stable id for the card: 12 hexadecimal digits derived from its deck and ``key``.
  ///
  /// The id changes only when the deck or the key does, so it can be typed on a command line and
  /// used in JSON output to refer to a card across imports. It hashes `deck › key`, the form keys
  /// had when they began with the deck, so ids are the same as before keys left the deck out,
  /// and two notes with the same headings still give their cards different ids.
  public var id: String {
    String(StableHash.hex(deck + " › " + key).prefix(12))
  }
}
