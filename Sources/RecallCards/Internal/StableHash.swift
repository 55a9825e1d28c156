/// A small, stable 64-bit hash (FNV-1a) of text, printed as hexadecimal.
///
/// Swift's `Hasher` is seeded per process, so card keys and content hashes, which are stored
/// and compared across runs, use this instead.
enum StableHash {
  /// The FNV-1a 64-bit hash of the UTF-8 bytes of `text`.
  static func fnv1a(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    return hash
  }

  /// The hash of `text` as 16 lowercase hexadecimal digits.
  static func hex(_ text: String) -> String {
    let value = String(fnv1a(text), radix: 16)
    return String(repeating: "0", count: 16 - value.count) + value
  }
}
