extension Card {
  /// A short stable id for the card: 12 hexadecimal digits derived from its ``key``.
  ///
  /// The id changes only when the key does, so it can be typed on a command line and used in
  /// JSON output to refer to a card across imports.
  public var id: String { String(StableHash.hex(key).prefix(12)) }
}
