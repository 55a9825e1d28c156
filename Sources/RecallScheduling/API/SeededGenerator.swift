/// A small, fast, seedable random number generator (SplitMix64), so that fuzz and load
/// balancing replay exactly.
///
/// The app seeds it from the card id and the review count:
/// ```swift
/// var rng = SeededGenerator(cardID: card.id, reviewCount: state.reps)
/// ```
public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable {
  private var state: UInt64

  /// Creates a generator from a seed.
  public init(seed: UInt64) {
    state = seed
  }

  /// Creates the generator for one review of one card.
  public init(cardID: Int64, reviewCount: Int) {
    var mixer = SeededGenerator(seed: UInt64(bitPattern: cardID) ^ 0x5DEE_CE66_D1CE_4E5B)
    let base = mixer.next()
    self.init(seed: base &+ UInt64(truncatingIfNeeded: reviewCount) &* 0x9E37_79B9_7F4A_7C15)
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

extension RandomNumberGenerator {
  /// A uniform draw in [0, 1) with 53 random bits, like Python's `random()`.
  mutating func unitInterval() -> Double {
    Double(next() >> 11) * 0x1p-53
  }
}
