/// Hangul syllables split into their jamo, so that edit distances count letters, not
/// syllables: `값` becomes ㄱ ㅏ ㅄ (three units), and one wrong vowel is one edit.
enum Jamo {
  /// The first Hangul syllable, 가.
  private static let syllableBase: UInt32 = 0xAC00
  /// The last Hangul syllable, 힣.
  private static let syllableLast: UInt32 = 0xD7A3

  /// The units of a string: each Hangul syllable as its initial, medial and (if any) final
  /// jamo (conjoining forms), every other scalar as itself.
  static func units(_ text: String) -> [UInt32] {
    var result: [UInt32] = []
    result.reserveCapacity(text.unicodeScalars.count * 2)
    for scalar in text.unicodeScalars {
      let value = scalar.value
      guard value >= syllableBase && value <= syllableLast else {
        result.append(value)
        continue
      }
      let index = value - syllableBase
      result.append(0x1100 + index / 588)
      result.append(0x1161 + (index % 588) / 28)
      let final = index % 28
      if final > 0 { result.append(0x11A7 + final) }
    }
    return result
  }

  /// The distance from `typed` to `expected` (units) where, beyond ``distance(_:_:)``, two
  /// neighbouring Hangul syllables swapped also cost 1 (`스케러줄` for `스케줄러`). Swaps are
  /// tried on texts of up to 60 scalars (a typed answer is one short line).
  static func distanceWithSyllableSwap(_ typed: String, _ expected: [UInt32]) -> Int {
    let base = distance(units(typed), expected)
    let scalars = Array(typed.unicodeScalars)
    guard base > 1, scalars.count <= 60 else { return base }
    var best = base
    for index in scalars.indices.dropLast() {
      let (first, second) = (scalars[index], scalars[index + 1])
      guard first != second, isSyllable(first), isSyllable(second) else { continue }
      var swapped = scalars
      swapped.swapAt(index, index + 1)
      var text = String.UnicodeScalarView()
      text.append(contentsOf: swapped)
      best = min(best, 1 + distance(units(String(text)), expected))
    }
    return best
  }

  /// Whether a scalar is a precomposed Hangul syllable.
  private static func isSyllable(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value >= syllableBase && scalar.value <= syllableLast
  }

  /// The optimal string alignment distance: insertions, deletions, substitutions and
  /// swaps of two neighbours each cost 1.
  static func distance(_ a: [UInt32], _ b: [UInt32]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        var best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
          best = min(best, previous2[j - 2] + 1)
        }
        current[j] = best
      }
      (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[b.count]
  }
}
