import Foundation

/// Pairs stored cards with newly generated ones so edited cards keep their identity and history.
///
/// 1. **Exact key.** A stored and a generated card with the same key and kind are paired first.
///    Keys leave out the deck, so a renamed or moved note pairs here too.
/// 2. **Every other plausible pair, weighed, then the best assignment.** Among the cards left,
///    a pair is plausible when
///    - its keys are near-identical: the keys' parts (headings, then the anchor: table, thing,
///      attribute, term, step, label) are equal except for near-identical names
///      (``NameSimilarity`` at least 0.8: a typo fixed in a heading, term, row or column name),
///      or one key has one heading more or less before the card's own heading (a heading's
///      level changed);
///    - for a stored card without a near-identical key, the two cards state the same fact by
///      their text (``CardFacts``; only cards sharing two words are compared): the same name
///      asked with a similar answer, or nearly the same answer under a renamed name, whatever
///      the headings above them. This follows a card moved under another heading, a heading
///      renamed while a cell under it was edited, a section's line that became a glossary term
///      or a label, a lead line added above a list, a list item split or merged (one of them
///      keeps the card);
///    - or they have the same content (the same answer; for reverse cards the same question
///      after the last ` › ` and a near-identical answer), unique among the cards left of their
///      kind on both sides.
///
///    Each plausible pair gets a weight (near-identical keys weigh most, then the more alike
///    the names and answers, the more); each card keeps its four heaviest pairs as candidates
///    (``PlausiblePairs/keptPerCard``), and the pairs are chosen together, so that the total
///    weight is the largest (``Assignment``): when several cards of a note were edited at
///    once, a card does not take its best candidate when that candidate is worth more to
///    another card. (A group of more than ``Assignment/exactLimit`` cards linked by plausible
///    pairs, which no real edit makes, is paired best pair first.)
///
/// A table row renamed keeps its cell cards (their column and text stay) but not its reverse
/// "which one" cards, whose answer, the row's name, changed. Call this once per note (or for a
/// note and the file it was renamed from).
public enum CardMatching {
  /// The pairs `(stored index, generated index)`, in the order of the stored cards.
  public static func pairs(stored: [Card], generated: [Card]) -> [(stored: Int, generated: Int)] {
    var pairedStored = [Int?](repeating: nil, count: stored.count)
    var pairedGenerated = [Bool](repeating: false, count: generated.count)

    // 1. Exact key.
    var byKey: [String: Int] = [:]
    for (index, card) in generated.enumerated() where byKey[card.key] == nil {
      byKey[card.key] = index
    }
    for (index, card) in stored.enumerated() {
      if let match = byKey[card.key], generated[match].kind == card.kind, !pairedGenerated[match] {
        pairedStored[index] = match
        pairedGenerated[match] = true
      }
    }

    // 2. The best assignment over every plausible pair of the cards left.
    let openStored = stored.indices.filter { pairedStored[$0] == nil }
    let openGenerated = generated.indices.filter { !pairedGenerated[$0] }
    if !openStored.isEmpty && !openGenerated.isEmpty {
      let edges = PlausiblePairs(
        stored: openStored.map { stored[$0] }, generated: openGenerated.map { generated[$0] }
      ).edges()
      for chosen in Assignment.best(edges, leftCount: openStored.count, rightCount: openGenerated.count) {
        pairedStored[openStored[chosen.left]] = openGenerated[chosen.right]
      }
    }

    return pairedStored.enumerated().compactMap { index, match in
      match.map { (stored: index, generated: $0) }
    }
  }
}

/// The plausible pairs between the stored and generated cards that exact keys left unpaired,
/// each weighed (see ``CardMatching``).
struct PlausiblePairs {
  let stored: [Card]
  let generated: [Card]

  /// A word shared by more generated cards than this says nothing about which one a card is.
  static let commonWord = 24

  /// Every plausible pair, at most one edge per pair, with its weight.
  func edges() -> [Assignment.Edge] {
    var weights: [Int: [Int: Double]] = [:]
    func offer(_ s: Int, _ g: Int, _ weight: Double) {
      if weight > weights[s]?[g] ?? 0 { weights[s, default: [:]][g] = weight }
    }

    // Near-identical keys.
    var matcher = KeyMatcher()
    let storedParts = stored.map { matcher.parts(of: $0) }
    let generatedParts = generated.map { matcher.parts(of: $0) }
    var buckets: [String: [Int]] = [:]
    for (index, card) in generated.enumerated() {
      buckets[generatedParts[index].bucket(card.kind), default: []].append(index)
    }
    for (s, card) in stored.enumerated() {
      for g in buckets[storedParts[s].bucket(card.kind)] ?? [] {
        if let nearness = matcher.nearness(storedParts[s], generatedParts[g]) {
          offer(s, g, 3 + nearness + (card.answer == generated[g].answer ? 0.5 : 0))
        }
      }
    }

    // The same fact by its text, for the cards without a near-identical key (those pairs weigh
    // more than any found by text), among the cards sharing two of their words (or their one
    // word). What the cards say is read only for the cards compared.
    let unkeyed = stored.indices.filter { weights[$0] == nil }
    guard !unkeyed.isEmpty else { return Self.strongest(edgeList(weights)) }
    var generatedFacts = [CardFacts?](repeating: nil, count: generated.count)
    func facts(_ g: Int) -> CardFacts {
      if let known = generatedFacts[g] { return known }
      let made = CardFacts(generated[g])
      generatedFacts[g] = made
      return made
    }
    var byWord: [String: [Int]] = [:]
    for (index, card) in generated.enumerated() {
      for word in CardFacts.words(of: card) { byWord[word, default: []].append(index) }
    }
    var storedFacts: [Int: CardFacts] = [:]
    for s in unkeyed {
      let own = CardFacts(stored[s])
      storedFacts[s] = own
      var shared: [Int: Int] = [:]
      for word in own.words {
        guard let holders = byWord[word], holders.count <= Self.commonWord else { continue }
        for holder in holders { shared[holder, default: 0] += 1 }
      }
      let needed = min(2, own.words.count)
      for (g, count) in shared where count >= needed {
        let sameKind = stored[s].kind == generated[g].kind
        let sameHeadings = stored[s].context == generated[g].context
        if let score = own.score(facts(g), sameKind: sameKind, sameHeadings: sameHeadings) {
          offer(s, g, score)
        }
      }
    }

    // The same content, unique on both sides.
    var storedContent: [String: [Int]] = [:]
    for (index, card) in stored.enumerated() { storedContent[content(card), default: []].append(index) }
    var generatedContent: [String: [Int]] = [:]
    for (index, card) in generated.enumerated() {
      generatedContent[content(card), default: []].append(index)
    }
    for s in unkeyed {
      let text = content(stored[s])
      guard text.count > 4, storedContent[text]?.count == 1,
        let generatedIndexes = generatedContent[text], generatedIndexes.count == 1
      else { continue }
      let g = generatedIndexes[0]
      // A reverse card's answer is a row or term name: a new name is a new fact.
      if let own = storedFacts[s], own.isReverse, own.name.score(facts(g).name) < 0.8 { continue }
      offer(s, g, 1)
    }

    return Self.strongest(edgeList(weights))
  }

  /// The weighed pairs as edges.
  private func edgeList(_ weights: [Int: [Int: Double]]) -> [Assignment.Edge] {
    var edges: [Assignment.Edge] = []
    for (s, row) in weights {
      for (g, weight) in row { edges.append(Assignment.Edge(left: s, right: g, weight: weight)) }
    }
    return edges
  }

  /// How many of its best pairs each card keeps as candidates.
  static let keptPerCard = 4

  /// The edges among the ``keptPerCard`` heaviest of their stored card or of their generated
  /// card, in a fixed order.
  ///
  /// A card's fifth-best candidate almost never belongs to the best assignment, and dropping
  /// such edges keeps the groups of linked cards small (when every heading is renamed at once,
  /// every card has many candidates), so that the exact assignment stays quick.
  static func strongest(_ edges: [Assignment.Edge]) -> [Assignment.Edge] {
    let ordered = edges.sorted { ($1.weight, $0.left, $0.right) < ($0.weight, $1.left, $1.right) }
    var leftCounts: [Int: Int] = [:]
    var rightCounts: [Int: Int] = [:]
    var kept: [Assignment.Edge] = []
    for edge in ordered {
      let left = leftCounts[edge.left, default: 0]
      let right = rightCounts[edge.right, default: 0]
      leftCounts[edge.left] = left + 1
      rightCounts[edge.right] = right + 1
      if left < keptPerCard || right < keptPerCard { kept.append(edge) }
    }
    return kept.sorted { ($0.left, $0.right) < ($1.left, $1.right) }
  }

  /// A card's kind and its content: its answer, or for a reverse card its question after the
  /// last ` › `, lowercased and without whitespace.
  private func content(_ card: Card) -> String {
    let text: Substring
    switch card.kind {
    case .tableThing, .definition:
      text = card.prompt.split(separator: "›", omittingEmptySubsequences: false).last ?? card.prompt[...]
    default:
      text = card.answer[...]
    }
    return "\(card.kind.rawValue)\u{1F}" + text.lowercased().filter { !$0.isWhitespace }
  }

}

/// A card key cut into its parts (the headings above the card and its anchor), each part
/// interned as a number so that the similarity of two names is computed once.
struct KeyParts: Sendable {
  /// The heading path (the card's context), as name numbers.
  var headings: [Int]
  /// What follows the headings in the key (`table`, thing, attribute; `term`, term; …).
  var anchor: [Int]
  /// The anchor's first part (`table`, `term`, `label`, …), which near keys share.
  var marker: String

  /// The group of keys this one may be near to: same kind, same anchor shape.
  func bucket(_ kind: CardKind) -> String { "\(kind.rawValue)\u{1F}\(anchor.count)\u{1F}\(marker)" }
}

/// Compares card keys, remembering every name and every pair of names it has seen.
struct KeyMatcher {
  private var numbers: [String: Int] = [:]
  private var units: [[Unicode.Scalar]] = []
  private var scores: [Int: Double] = [:]

  /// The parts of `card`'s key.
  mutating func parts(of card: Card) -> KeyParts {
    let parts = card.key.components(separatedBy: " › ")
    let headingCount = min(card.context.count, parts.count)
    let numbered = parts.map { number(of: $0) }
    let anchor = Array(numbered.dropFirst(headingCount))
    return KeyParts(
      headings: Array(numbered.prefix(headingCount)), anchor: anchor,
      marker: parts.dropFirst(headingCount).first ?? "")
  }

  /// How alike two keys are if they are near-identical (see ``CardMatching``), else `nil`.
  mutating func nearness(_ left: KeyParts, _ right: KeyParts) -> Double? {
    guard left.anchor.count == right.anchor.count,
      let anchorScore = alike(left.anchor, right.anchor)
    else { return nil }
    if left.headings.count == right.headings.count {
      guard let headingScore = alike(left.headings, right.headings) else { return nil }
      return min(anchorScore, headingScore)
    }
    // A heading's level changed: one ancestor more or less, the card's own heading kept.
    let (longer, shorter) =
      left.headings.count > right.headings.count
      ? (left.headings, right.headings) : (right.headings, left.headings)
    guard longer.count == shorter.count + 1, let own = longer.last, let otherOwn = shorter.last,
      score(own, otherOwn) >= NameSimilarity.nearIdenticalThreshold
    else { return nil }
    for skipped in longer.indices.dropLast() {
      var reduced = longer
      reduced.remove(at: skipped)
      if let headingScore = alike(reduced, shorter) {
        return min(anchorScore, headingScore) - 0.01
      }
    }
    return nil
  }

  /// The lowest similarity of the parts of `left` and `right` if every pair is near-identical.
  private mutating func alike(_ left: [Int], _ right: [Int]) -> Double? {
    guard left.count == right.count else { return nil }
    var lowest = 1.0
    for (first, second) in zip(left, right) where first != second {
      let value = score(first, second)
      guard value >= NameSimilarity.nearIdenticalThreshold else { return nil }
      lowest = min(lowest, value)
    }
    return lowest
  }

  private mutating func number(of name: String) -> Int {
    if let found = numbers[name] { return found }
    numbers[name] = units.count
    units.append(NameSimilarity.units(name))
    return units.count - 1
  }

  /// The ``NameSimilarity`` score of two numbered names, computed once per pair (0 for a pair
  /// whose lengths alone rule out a near-identical one).
  private mutating func score(_ first: Int, _ second: Int) -> Double {
    if first == second { return 1 }
    let (low, high) = first < second ? (first, second) : (second, first)
    let pairKey = low &* 1_000_003 &+ high
    if let known = scores[pairKey] { return known }
    let left = units[low]
    let right = units[high]
    // Only near-identical pairs count, so a pair the lengths rule out scores 0.
    let value =
      NameSimilarity.lengthsRuleOutNearIdentical(left, right) ? 0 : NameSimilarity.score(units: left, right)
    scores[pairKey] = value
    return value
  }
}
