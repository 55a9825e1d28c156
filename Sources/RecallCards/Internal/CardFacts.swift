/// What a card asks and answers, reduced for comparing it with a card of another version of its
/// note by meaning rather than by key: the name it asks about, its answer, and for a reverse
/// card the text it shows.
struct CardFacts: Sendable {
  /// Cards that can state one fact: a section's line, a term and a label can turn into each
  /// other; the other kinds only into their own kind.
  enum Family: Hashable, Sendable { case forward, tableCell, tableThing, definition, flowStep, flowOrder }

  let family: Family
  /// What the card asks about: the heading, term or label; a table cell's row and column; a
  /// flow step's prompt (the step before it); a reverse card's answer (the row or term).
  let name: TextLikeness
  /// A table cell's column, its table and the headings above it; empty for other kinds.
  let column: String
  /// The answer of a forward card; the shown text (cell or definition) of a reverse one.
  let body: TextLikeness
  /// The words of the name and the body, for finding candidates.
  let words: Set<String>

  init(_ card: Card) {
    family = Self.family(card.kind)
    let parts = card.prompt.components(separatedBy: Phrasing.separator)
    let tail = parts.last.map { String($0.hasSuffix("?") ? $0.dropLast() : $0[...]) } ?? ""
    let nameText: String
    let bodyText: String
    switch card.kind {
    case .tableThing, .definition:
      nameText = card.answer
      bodyText = tail
    case .tableCell:
      nameText = parts.suffix(2).joined(separator: " ")
      bodyText = card.answer
    case .flowStep, .flowOrder:
      nameText = card.prompt
      bodyText = card.answer
    case .term, .section, .label:
      nameText = tail
      bodyText = card.answer
    }
    column = card.kind == .tableCell ? card.key.components(separatedBy: Phrasing.separator).dropLast(2)
      .joined(separator: "\u{1F}") + "\u{1F}" + tail : ""
    name = TextLikeness(nameText)
    body = TextLikeness(bodyText)
    words = Self.words(nameText).union(Self.words(bodyText))
  }

  /// The words of `card`'s name and body, as ``words`` holds them, without reading the rest.
  static func words(of card: Card) -> Set<String> {
    // The name and body are made of the prompt and the answer, so their words are among
    // these; extra words (headings in the prompt) only add candidates.
    words(card.prompt).union(words(card.answer))
  }

  /// Whether the card asks for a row or term from the text it shows.
  var isReverse: Bool { family == .tableThing || family == .definition }

  static func family(_ kind: CardKind) -> Family {
    switch kind {
    case .section, .term, .label: .forward
    case .tableCell: .tableCell
    case .tableThing: .tableThing
    case .definition: .definition
    case .flowStep: .flowStep
    case .flowOrder: .flowOrder
    }
  }

  /// The runs of letters and digits of `text`, lowercased, of two characters or more.
  static func words(_ text: String) -> Set<String> {
    var found = Set<String>()
    var current = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if TextLikeness.isLetterOrDigit(scalar) {
        current.append(scalar)
      } else {
        if current.count >= 2 { found.insert(String(current).lowercased()) }
        current = String.UnicodeScalarView()
      }
    }
    if current.count >= 2 { found.insert(String(current).lowercased()) }
    return found
  }


  /// How good a pair the two cards make if they state the same fact, else `nil`.
  ///
  /// Two cards of one family state the same fact when:
  /// - they ask about the same name (``TextLikeness`` ≥ 0.8) and their answers are alike (≥ 0.5;
  ///   ≥ 0.7 for a flow, whose prompt is alike in every version), or one answer holds the other
  ///   (a list item split or merged; ≥ 0.9 of the shorter one's bigrams); or
  /// - their names and answers are both fairly alike (each ≥ 0.6, together ≥ 1.5): a heading
  ///   reworded while its text was edited (not for a flow);
  /// - their answers are nearly the same (≥ 0.8) and not short (8 letters or more): the name
  ///   was renamed. For a reverse card the "answer" is its row or term, which must keep its name;
  /// - for a table cell, the same column of the same table holds nearly the same text (a row
  ///   renamed).
  ///
  /// The better the names and answers agree, the higher the score; a kind kept and the same
  /// headings add a little, so that equal candidates prefer the card that changed least.
  func score(_ other: CardFacts, sameKind: Bool, sameHeadings: Bool) -> Double? {
    guard family == other.family else { return nil }
    let names = name.score(other.name)
    let bodies = body.score(other.body)
    let reverse = isReverse
    let flow = family == .flowStep || family == .flowOrder
    var accepted = false
    if names >= 0.8 {
      if bodies >= (flow ? 0.7 : 0.5) {
        accepted = true
      } else if !reverse, !flow,
        min(body.letterCount, other.body.letterCount) >= 8, body.containment(other.body) >= 0.9
      {
        accepted = true
      }
    }
    if !accepted, !flow, names >= 0.6, bodies >= 0.6, names + bodies >= 1.5 {
      accepted = true
    }
    if !accepted, !reverse, bodies >= 0.8, min(body.letterCount, other.body.letterCount) >= 8 {
      accepted = true
    }
    if !accepted, family == .tableCell, column == other.column, bodies >= 0.8 {
      accepted = true
    }
    guard accepted else { return nil }
    return 1 + 0.5 * names + bodies + (sameKind ? 0.2 : 0) + (sameHeadings ? 0.1 : 0)
  }
}
