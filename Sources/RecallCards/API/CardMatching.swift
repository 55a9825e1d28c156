import Foundation

/// Pairs stored cards with newly generated ones so edited cards keep their identity and history.
///
/// Three passes, each only over the cards the earlier ones left unpaired, and each only within
/// one ``CardKind``:
/// 1. **Exact key.** Keys leave out the deck, so a renamed or moved note pairs here too.
/// 2. **Near-identical key.** The keys' parts (headings, then the anchor: table,
///    thing, attribute, term, step, label) are compared. They match when the parts are equal
///    except for names that are near-identical (``NameSimilarity`` at least 0.8: a typo fixed in
///    a heading, a term, a row or column name), or when one key has one heading more or less
///    before the card's own heading (a heading's level changed, so it moved under another
///    parent or out of one). The most alike pairs are taken first.
/// 3. **Same content.** The same answer (for reverse cards, the same question after the last
///    ` › `), when that content is unique among the unpaired cards of the kind on both sides.
///
/// A glossary rewritten from `**X:**` lines into `- X:` bullets keeps its keys, so it pairs in
/// the first pass. Call this once per note (or for a note and the file it was renamed from).
public enum CardMatching {
  /// The pairs `(stored index, generated index)`, in the order of the stored cards.
  public static func pairs(stored: [Card], generated: [Card]) -> [(stored: Int, generated: Int)] {
    var pairedStored = [Int?](repeating: nil, count: stored.count)
    var pairedGenerated = Set<Int>()
    func pair(_ storedIndex: Int, _ generatedIndex: Int) {
      pairedStored[storedIndex] = generatedIndex
      pairedGenerated.insert(generatedIndex)
    }

    // 1. Exact key.
    var matcher = KeyMatcher()
    let storedParts = stored.map { matcher.parts(of: $0) }
    let generatedParts = generated.map { matcher.parts(of: $0) }
    var byKey: [String: Int] = [:]
    for (index, card) in generated.enumerated() where byKey[card.key] == nil {
      byKey[card.key] = index
    }
    for (index, card) in stored.enumerated() {
      if let match = byKey[card.key], generated[match].kind == card.kind,
        !pairedGenerated.contains(match)
      {
        pair(index, match)
      }
    }

    // 2. Near-identical key, most alike first.
    var candidates: [(score: Double, stored: Int, generated: Int)] = []
    var openGenerated: [String: [Int]] = [:]
    for (index, card) in generated.enumerated() where !pairedGenerated.contains(index) {
      openGenerated[generatedParts[index].bucket(card.kind), default: []].append(index)
    }
    for (s, card) in stored.enumerated() where pairedStored[s] == nil {
      for g in openGenerated[storedParts[s].bucket(card.kind)] ?? [] {
        if let score = matcher.nearness(storedParts[s], generatedParts[g]) {
          candidates.append((score, s, g))
        }
      }
    }
    candidates.sort { ($1.score, $0.stored, $0.generated) < ($0.score, $1.stored, $1.generated) }
    for candidate in candidates
    where pairedStored[candidate.stored] == nil && !pairedGenerated.contains(candidate.generated) {
      pair(candidate.stored, candidate.generated)
    }

    // 3. Same content, when unique on both sides.
    func content(_ card: Card) -> String {
      let text: Substring
      switch card.kind {
      case .tableThing, .definition:
        text =
          card.prompt.range(of: " › ", options: .backwards).map { card.prompt[$0.upperBound...] }
          ?? card.prompt[...]
      default:
        text = card.answer[...]
      }
      return "\(card.kind.rawValue)\u{1F}" + text.lowercased().filter { !$0.isWhitespace }
    }
    var storedContent: [String: [Int]] = [:]
    for (index, card) in stored.enumerated() where pairedStored[index] == nil {
      storedContent[content(card), default: []].append(index)
    }
    var generatedContent: [String: [Int]] = [:]
    for (index, card) in generated.enumerated() where !pairedGenerated.contains(index) {
      generatedContent[content(card), default: []].append(index)
    }
    for (text, storedIndexes) in storedContent.sorted(by: { $0.key < $1.key })
    where storedIndexes.count == 1 {
      guard let generatedIndexes = generatedContent[text], generatedIndexes.count == 1,
        text.count > 4
      else { continue }
      pair(storedIndexes[0], generatedIndexes[0])
    }

    return pairedStored.enumerated().compactMap { index, match in
      match.map { (stored: index, generated: $0) }
    }
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
