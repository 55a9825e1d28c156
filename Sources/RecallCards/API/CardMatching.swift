import Foundation

/// Pairs stored cards with newly generated ones so edited cards keep their identity and history.
///
/// Three passes, each only over the cards the earlier ones left unpaired, and each only within
/// one ``CardKind``:
/// 1. **Exact key.**
/// 2. **Near-identical key.** The keys' parts after the deck (headings, then the anchor: table,
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

    // 1. Exact key.
    var byKey: [String: Int] = [:]
    for (index, card) in generated.enumerated() where byKey[card.key] == nil {
      byKey[card.key] = index
    }
    for (index, card) in stored.enumerated() {
      if let match = byKey[card.key], generated[match].kind == card.kind,
        !pairedGenerated.contains(match)
      {
        pairedStored[index] = match
        pairedGenerated.insert(match)
      }
    }

    // 2. Near-identical key, most alike first.
    var candidates: [(score: Double, stored: Int, generated: Int)] = []
    let storedParts = stored.map { KeyParts($0) }
    let generatedParts = generated.map { KeyParts($0) }
    for (s, card) in stored.enumerated() where pairedStored[s] == nil {
      for (g, other) in generated.enumerated()
      where !pairedGenerated.contains(g) && other.kind == card.kind {
        if let score = storedParts[s].nearness(to: generatedParts[g]) {
          candidates.append((score, s, g))
        }
      }
    }
    candidates.sort { ($1.score, $0.stored, $0.generated) < ($0.score, $1.stored, $1.generated) }
    for candidate in candidates
    where pairedStored[candidate.stored] == nil && !pairedGenerated.contains(candidate.generated) {
      pairedStored[candidate.stored] = candidate.generated
      pairedGenerated.insert(candidate.generated)
    }

    // 3. Same content, when unique on both sides.
    func content(_ card: Card) -> String {
      let text: Substring
      switch card.kind {
      case .tableThing, .definition:
        text = card.prompt.range(of: " › ", options: .backwards).map { card.prompt[$0.upperBound...] }
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
    for (text, storedIndexes) in storedContent where storedIndexes.count == 1 {
      guard let generatedIndexes = generatedContent[text], generatedIndexes.count == 1,
        text.count > 4
      else { continue }
      pairedStored[storedIndexes[0]] = generatedIndexes[0]
      pairedGenerated.insert(generatedIndexes[0])
    }

    return pairedStored.enumerated().compactMap { index, match in
      match.map { (stored: index, generated: $0) }
    }
  }
}

/// A card key cut into its parts: the headings above the card and its anchor.
struct KeyParts: Sendable {
  /// The heading path (the card's context).
  var headings: [String]
  /// What follows the headings in the key: `table`, thing, attribute; `term`, term; ….
  var anchor: [String]

  init(_ card: Card) {
    var parts = card.key.components(separatedBy: " › ")
    if !parts.isEmpty { parts.removeFirst() }  // the deck
    let headingCount = min(card.context.count, parts.count)
    headings = Array(parts.prefix(headingCount))
    anchor = Array(parts.dropFirst(headingCount))
  }

  /// How alike two keys are if they are near-identical (see ``CardMatching``), else `nil`.
  func nearness(to other: KeyParts) -> Double? {
    guard anchor.count == other.anchor.count,
      let anchorScore = KeyParts.alike(anchor, other.anchor)
    else { return nil }
    if headings.count == other.headings.count {
      guard let headingScore = KeyParts.alike(headings, other.headings) else { return nil }
      return min(anchorScore, headingScore)
    }
    // A heading's level changed: one ancestor more or less, the card's own heading kept.
    let (longer, shorter) =
      headings.count > other.headings.count ? (headings, other.headings) : (other.headings, headings)
    guard longer.count == shorter.count + 1, let own = longer.last, let otherOwn = shorter.last,
      NameSimilarity.isNearIdentical(own, otherOwn)
    else { return nil }
    for skipped in longer.indices.dropLast() {
      var reduced = longer
      reduced.remove(at: skipped)
      if let headingScore = KeyParts.alike(reduced, shorter) {
        return min(anchorScore, headingScore) - 0.01
      }
    }
    return nil
  }

  /// The lowest similarity of the parts of `left` and `right` if every pair is near-identical.
  static func alike(_ left: [String], _ right: [String]) -> Double? {
    guard left.count == right.count else { return nil }
    var lowest = 1.0
    for (first, second) in zip(left, right) where first != second {
      let score = NameSimilarity.score(first, second)
      guard score >= NameSimilarity.nearIdenticalThreshold else { return nil }
      lowest = min(lowest, score)
    }
    return lowest
  }
}
