import Foundation

/// A string as the key of a set or dictionary: equal when the strings are equal, hashed once.
///
/// `String` hashes the NFC form of its text, and checks that form again for every hash of a
/// non-ASCII string, also when a growing set hashes its keys again. A `TextKey` takes the
/// string's hash value once, and takes it from the bytes of plain text (see ``PlainText``),
/// which is NFC already, as `String` does for text it knows is NFC: its UTF-8 bytes, then a
/// 0xFF terminator. ``TextKeyTests`` checks that a plain text and an equal text that is not
/// plain (decomposed Hangul) make one key.
struct TextKey: Hashable, Sendable {
  /// The text.
  let text: String
  /// Whether every scalar of `text` is plain, so that different bytes mean different text.
  private let isPlain: Bool
  /// The text's hash value, the one `String` gives.
  private let digest: Int

  /// The key of `text`.
  init(_ text: String) {
    self.text = text
    var copy = text
    let plainDigest = copy.withUTF8 { bytes -> Int? in
      guard PlainText.isPlain(bytes) else { return nil }
      var hasher = Hasher()
      hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
      hasher.combine(0xFF as UInt8)
      return hasher.finalize()
    }
    isPlain = plainDigest != nil
    digest = plainDigest ?? text.hashValue
  }

  static func == (lhs: TextKey, rhs: TextKey) -> Bool {
    guard lhs.digest == rhs.digest else { return false }
    var left = lhs.text
    var right = rhs.text
    let sameBytes = left.withUTF8 { leftBytes in
      right.withUTF8 { rightBytes in
        leftBytes.count == rightBytes.count
          && (leftBytes.count == 0
            || memcmp(leftBytes.baseAddress!, rightBytes.baseAddress!, leftBytes.count) == 0)
      }
    }
    if sameBytes { return true }
    if lhs.isPlain && rhs.isPlain { return false }
    return lhs.text == rhs.text
  }

  func hash(into hasher: inout Hasher) {
    hasher.combine(digest)
  }
}
