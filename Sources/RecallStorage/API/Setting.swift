/// One setting of `recall config`: a key and its text value, for every deck or for one deck.
public struct Setting: Hashable, Sendable {
  /// The setting's name, such as `desiredRetention`.
  public var key: String
  /// The deck it applies to; `nil` for every deck.
  public var deck: String?
  /// The value as text; the command that owns the setting parses and checks it.
  public var value: String

  /// Creates a setting.
  public init(key: String, deck: String? = nil, value: String) {
    self.key = key
    self.deck = deck
    self.value = value
  }
}
