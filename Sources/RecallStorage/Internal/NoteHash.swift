import Crypto

/// The content hash of a note file: SHA-256 of its bytes, in lowercase hex.
///
/// Every note is hashed on every import (an unchanged note is skipped by it), so the digest comes
/// from swift-crypto, whose SHA-256 uses the processor's SHA instructions where it has them.
enum NoteHash {
  /// The SHA-256 digest of `bytes` in lowercase hex (64 characters).
  static func hex(_ bytes: [UInt8]) -> String {
    let digits: StaticString = "0123456789abcdef"
    var text: [UInt8] = []
    text.reserveCapacity(64)
    for byte in SHA256.hash(data: bytes) {
      text.append(digits.utf8Start[Int(byte >> 4)])
      text.append(digits.utf8Start[Int(byte & 0x0F)])
    }
    return String(decoding: text, as: UTF8.self)
  }
}
