/// A small, stable 64-bit hash (FNV-1a) of text, printed as hexadecimal.
///
/// Swift's `Hasher` is seeded per process, so card keys and content hashes, which are stored
/// and compared across runs, use this instead.
enum StableHash {
  /// The state FNV-1a starts from.
  static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
  /// The FNV-1a 64-bit prime.
  static let prime: UInt64 = 0x0000_0100_0000_01b3

  /// The FNV-1a 64-bit hash of the UTF-8 bytes of `text`.
  static func fnv1a(_ text: String) -> UInt64 {
    fnv1a(text, from: offsetBasis)
  }

  /// The FNV-1a state after the UTF-8 bytes of `text`, from the state `hash`: hashing two texts
  /// one after the other gives the hash of the two joined.
  static func fnv1a(_ text: String, from hash: UInt64) -> UInt64 {
    var copy = text
    return copy.withUTF8 { fnv1a($0, from: hash) }
  }

  /// The FNV-1a state after `bytes`, from the state `hash`.
  @inline(__always)
  static func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>, from hash: UInt64) -> UInt64 {
    var hash = hash
    for byte in bytes {
      hash ^= UInt64(byte)
      hash = hash &* prime
    }
    return hash
  }

  /// The FNV-1a state after one more byte, from the state `hash`.
  @inline(__always)
  static func fnv1a(byte: UInt8, from hash: UInt64) -> UInt64 {
    (hash ^ UInt64(byte)) &* prime
  }

  /// The hash of `text` as 16 lowercase hexadecimal digits.
  static func hex(_ text: String) -> String {
    hex(fnv1a(text))
  }

  /// `value` as 16 lowercase hexadecimal digits.
  static func hex(_ value: UInt64) -> String {
    String(unsafeUninitializedCapacity: 16) { buffer in
      for position in 0..<16 {
        let nibble = UInt8(truncatingIfNeeded: value >> (60 - 4 * position)) & 0x0F
        buffer[position] = nibble < 10 ? 0x30 + nibble : 0x57 + nibble
      }
      return 16
    }
  }
}
