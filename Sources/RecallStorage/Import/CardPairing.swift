import RecallCards

/// Pairs the stored cards of a note with the cards generated from its new text.
///
/// In order: the same key; then the same content (a card whose heading or anchor changed but
/// whose question and answer did not); then a near-identical key of the same kind (a typo fixed
/// in a term). Each card is paired at most once; stored cards earlier in the list win ties, so
/// the caller lists active cards before retired ones.
enum CardPairing {
  /// What pairing needs of a stored card.
  struct Candidate {
    var key: String
    var kind: String
    var contentHash: String

    init(_ record: CardRecord) {
      key = record.key
      kind = record.kind
      contentHash = record.contentHash
    }

    init(key: String, kind: String, contentHash: String) {
      self.key = key
      self.kind = kind
      self.contentHash = contentHash
    }
  }

  /// The pairs, as indices into `stored` and `generated`.
  static func pairs(stored: [Candidate], generated: [Card]) -> [(stored: Int, generated: Int)] {
    var result: [(stored: Int, generated: Int)] = []
    var storedFree = Set(stored.indices)
    var generatedFree = Set(generated.indices)

    var storedByKey: [String: Int] = [:]
    for (index, card) in stored.enumerated() where storedByKey[card.key] == nil {
      storedByKey[card.key] = index
    }
    for (index, card) in generated.enumerated() {
      if let match = storedByKey[card.key], storedFree.contains(match) {
        result.append((match, index))
        storedFree.remove(match)
        generatedFree.remove(index)
      }
    }

    var storedByContent: [String: [Int]] = [:]
    for index in stored.indices where storedFree.contains(index) {
      storedByContent[stored[index].contentHash, default: []].append(index)
    }
    for index in generated.indices where generatedFree.contains(index) {
      guard var list = storedByContent[generated[index].contentHash],
        let position = list.firstIndex(where: { storedFree.contains($0) && stored[$0].kind == generated[index].kind.rawValue })
      else { continue }
      let match = list.remove(at: position)
      storedByContent[generated[index].contentHash] = list
      result.append((match, index))
      storedFree.remove(match)
      generatedFree.remove(index)
    }

    if !storedFree.isEmpty {
      for index in generated.indices where generatedFree.contains(index) {
        let card = generated[index]
        var best: (index: Int, distance: Int)?
        for candidate in stored.indices.filter(storedFree.contains) where stored[candidate].kind == card.kind.rawValue {
          let limit = max(1, min(card.key.count, stored[candidate].key.count) / 10)
          guard let distance = editDistance(stored[candidate].key, card.key, limit: limit) else {
            continue
          }
          if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        if let best {
          result.append((best.index, index))
          storedFree.remove(best.index)
          generatedFree.remove(index)
        }
      }
    }
    return result.sorted { $0.generated < $1.generated }
  }

  /// The Levenshtein distance between `a` and `b` in characters, or `nil` if it is over `limit`.
  static func editDistance(_ a: String, _ b: String, limit: Int) -> Int? {
    let a = Array(a)
    let b = Array(b)
    if abs(a.count - b.count) > limit { return nil }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...max(a.count, 1) where !a.isEmpty {
      current[0] = i
      var rowMinimum = current[0]
      for j in 1...max(b.count, 1) where !b.isEmpty {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        rowMinimum = min(rowMinimum, current[j])
      }
      if rowMinimum > limit { return nil }
      swap(&previous, &current)
    }
    let distance = a.isEmpty ? b.count : previous[b.count]
    return distance <= limit ? distance : nil
  }
}
