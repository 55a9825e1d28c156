import Foundation

/// How alike two names are, from 0 (nothing shared) to 1 (the same once normalized).
///
/// Names are compared after NFC normalization, lowercasing and removing whitespace, then
/// decomposed so that Hangul syllables become their jamo: a typo in one jamo of a Korean word
/// costs one edit, as a typo in one letter of an English word does. The score is
/// `1 - distance / longer length`, where the distance counts insertions, deletions,
/// substitutions and swaps of neighbours (optimal string alignment).
enum NameSimilarity {
  /// Two names at least this alike are "near-identical": a typo fix, not a different name.
  ///
  /// Chosen from the cases in `CardMatchingTests`: one typo in a name of five or more letters
  /// (`Lambda`/`Lamda` 0.83, `프로비저닝`/`프로비져닝` 0.91) passes; different short names
  /// (`ECS`/`EKS` 0.67, `장점`/`단점` 0.67, `적합`/`부적합` 0.75, `Inbound`/`Outbound` 0.63)
  /// do not.
  static let nearIdenticalThreshold = 0.8

  /// The similarity of `first` and `second`, from 0 to 1.
  static func score(_ first: String, _ second: String) -> Double {
    score(units: units(first), units(second))
  }

  /// The similarity of two names already cut into their ``units(_:)``, from 0 to 1.
  static func score(units left: [Unicode.Scalar], _ right: [Unicode.Scalar]) -> Double {
    if left == right { return 1 }
    let longer = max(left.count, right.count)
    guard longer > 0 else { return 1 }
    return 1 - Double(distance(left, right)) / Double(longer)
  }

  /// Whether the lengths of two names' units alone show that they are not near-identical:
  /// they differ by more than the edits a near-identical pair may have, so the distance
  /// need not be computed.
  static func lengthsRuleOutNearIdentical(_ left: [Unicode.Scalar], _ right: [Unicode.Scalar]) -> Bool {
    let longer = max(left.count, right.count)
    return Double(abs(left.count - right.count)) > Double(longer) * (1 - nearIdenticalThreshold)
  }

  /// Whether `first` and `second` are near-identical names.
  static func isNearIdentical(_ first: String, _ second: String) -> Bool {
    score(first, second) >= nearIdenticalThreshold
  }

  /// The name as compared: NFC, lowercased, without whitespace, Hangul split into jamo.
  static func units(_ name: String) -> [Unicode.Scalar] {
    let folded = name.precomposedStringWithCanonicalMapping.lowercased()
      .decomposedStringWithCanonicalMapping
    return folded.unicodeScalars.filter { !$0.properties.isWhitespace }
  }

  /// The optimal-string-alignment distance between `left` and `right`.
  static func distance(_ left: [Unicode.Scalar], _ right: [Unicode.Scalar]) -> Int {
    if left.isEmpty { return right.count }
    if right.isEmpty { return left.count }
    let columns = right.count + 1
    var previousPrevious = [Int](repeating: 0, count: columns)
    var previous = Array(0..<columns)
    var current = [Int](repeating: 0, count: columns)
    for i in 1...left.count {
      current[0] = i
      for j in 1...right.count {
        let cost = left[i - 1] == right[j - 1] ? 0 : 1
        var best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, left[i - 1] == right[j - 2], left[i - 2] == right[j - 1] {
          best = min(best, previousPrevious[j - 2] + 1)
        }
        current[j] = best
      }
      (previousPrevious, previous, current) = (previous, current, previousPrevious)
    }
    return previous[right.count]
  }
}
