extension Card {
  /// A short id for a card read from a file: 12 hexadecimal digits derived from its deck and
  /// ``key``.
  ///
  /// A card not stored yet has no other identity, so this id changes when the deck or the key
  /// does. It hashes `deck › key`, the form keys had when they began with the deck, so two notes
  /// with the same headings still give their cards different ids. A stored card is shown with
  /// ``shortID(uid:)`` instead, which no edit, rename or move changes.
  public var id: String {
    String(StableHash.hex(deck + " › " + key).prefix(12))
  }

  /// The short id of a stored card: 12 hexadecimal digits derived from its UUID in the store.
  ///
  /// The UUID stays with the card through every edit the import follows, and through renaming
  /// or moving its note, so this id does too. The UUID is hashed rather than cut short because
  /// its first digits are the time it was made, the same for every card of one import.
  public static func shortID(uid: String) -> String {
    String(StableHash.hex(uid).prefix(12))
  }
}
