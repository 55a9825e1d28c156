/// The JSON view of a card, written by `recall cards --json`.
///
/// It encodes `id`, `key`, `kind`, `deck`, `file`, `line`, `prompt`, `answer`, `choices`,
/// `context` (the heading path), `detail` (or `null`), `siblingGroup` and `contentHash`; a
/// card of a table read from its note adds `orientation`, `rows` or `columns` (the axis that
/// holds the things compared) or `single` (a one-row table about its section).
/// Views that add fields (such as the scheduling state of a stored card) encode this view into
/// the same encoder first, then add their own keys to a keyed container of that encoder:
///
/// ```swift
/// func encode(to encoder: any Encoder) throws {
///   try CardJSON(card).encode(to: encoder)
///   var container = encoder.container(keyedBy: Keys.self)
///   try container.encode(status, forKey: .status)
/// }
/// ```
public struct CardJSON: Encodable, Sendable {
  /// The card shown.
  public var card: Card
  /// The `id` shown: the card's ``Card/id``, or the short id of a stored card.
  public var id: String

  /// The JSON view of `card`, with its ``Card/id``.
  public init(_ card: Card) {
    self.init(card, id: card.id)
  }

  /// The JSON view of a stored `card`, with `id` (its ``Card/shortID(uid:)``) as its id.
  public init(_ card: Card, id: String) {
    self.card = card
    self.id = id
  }

  enum CodingKeys: String, CodingKey {
    case id, key, kind, deck, file, line, prompt, answer, choices, context, detail
    case siblingGroup, contentHash, orientation
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(id, forKey: .id)
    try container.encode(card.key, forKey: .key)
    try container.encode(card.kind, forKey: .kind)
    try container.encode(card.deck, forKey: .deck)
    try container.encode(card.file, forKey: .file)
    try container.encode(card.line, forKey: .line)
    try container.encode(card.prompt, forKey: .prompt)
    try container.encode(card.answer, forKey: .answer)
    try container.encode(card.choices, forKey: .choices)
    try container.encode(card.context, forKey: .context)
    try container.encode(card.detail, forKey: .detail)
    try container.encode(card.siblingGroup, forKey: .siblingGroup)
    try container.encode(card.contentHash, forKey: .contentHash)
    try container.encodeIfPresent(card.orientation, forKey: .orientation)
  }
}
