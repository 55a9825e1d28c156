/// How much of their wording two texts share, from 0 to 1, whatever their order or layout.
///
/// A text is reduced to its letters and digits, lowercased, and cut into the pairs of
/// neighbouring characters (bigrams); two texts are as alike as the share of bigrams they have
/// in common (the Dice coefficient). Reordered sentences, moved bullets, changed markup and
/// a word added or fixed cost little; a different text shares almost nothing.
struct TextLikeness: Sendable {
  /// The text's bigrams, as sorted codes.
  let bigrams: [UInt64]
  /// The number of letters and digits.
  let letterCount: Int
  /// The letters and digits, lowercased, for telling equal texts apart cheaply.
  let letters: String

  init(_ text: String) {
    var scalars: [Unicode.Scalar] = []
    for scalar in text.lowercased().unicodeScalars where Self.isLetterOrDigit(scalar) {
      scalars.append(scalar)
    }
    letterCount = scalars.count
    var text = String.UnicodeScalarView()
    text.append(contentsOf: scalars)
    letters = String(text)
    var codes: [UInt64] = []
    if scalars.count > 1 {
      codes.reserveCapacity(scalars.count - 1)
      for index in 1..<scalars.count {
        codes.append(UInt64(scalars[index - 1].value) << 32 | UInt64(scalars[index].value))
      }
    }
    bigrams = codes.sorted()
  }

  /// Whether `scalar` is a letter or a digit (ASCII answered without a property lookup).
  static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    if value < 0x80 {
      return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
    }
    return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
  }

  /// The Dice coefficient of the two texts' bigrams (1 for equal texts, 0 when either has
  /// fewer than two letters and they differ).
  func score(_ other: TextLikeness) -> Double {
    if letters == other.letters { return 1 }
    let total = bigrams.count + other.bigrams.count
    guard bigrams.count > 0, other.bigrams.count > 0 else { return 0 }
    return 2 * Double(shared(other)) / Double(total)
  }

  /// The share of the shorter text's bigrams found in the longer one: 1 when one text is
  /// contained in the other (a list item split in two, or two merged into one).
  func containment(_ other: TextLikeness) -> Double {
    if letters == other.letters { return 1 }
    let shorter = min(bigrams.count, other.bigrams.count)
    guard shorter > 0 else { return 0 }
    return Double(shared(other)) / Double(shorter)
  }

  /// The number of bigrams the two texts share, counting repeats.
  private func shared(_ other: TextLikeness) -> Int {
    var i = 0
    var j = 0
    var count = 0
    let left = bigrams
    let right = other.bigrams
    while i < left.count && j < right.count {
      if left[i] == right[j] {
        count += 1
        i += 1
        j += 1
      } else if left[i] < right[j] {
        i += 1
      } else {
        j += 1
      }
    }
    return count
  }
}
