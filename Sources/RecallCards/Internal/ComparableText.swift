/// Text as the card generator compares it: lowercased, without whitespace.
///
/// The result is exactly `text.lowercased()` with every White_Space scalar removed, but made
/// in one pass over the scalars: ASCII and Hangul syllables (which have no case and are never
/// whitespace), the bulk of Korean and English notes, are copied without looking up any
/// Unicode property; every other scalar takes the full lowercase mapping, as
/// `String.lowercased()` does.
enum ComparableText {
  /// `text` lowercased, whitespace removed.
  static func of(_ text: String) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      let value = scalar.value
      if value < 0x80 {
        // ASCII White_Space: tab, line feed, vertical tab, form feed, carriage return, space.
        if value == 0x20 || (0x09...0x0D).contains(value) { continue }
        let byte = UInt8(truncatingIfNeeded: value)
        bytes.append((0x41...0x5A).contains(byte) ? byte | 0x20 : byte)
      } else if (0xAC00...0xD7A3).contains(value) {
        bytes.append(contentsOf: scalar.utf8)
      } else {
        for lower in scalar.properties.lowercaseMapping.unicodeScalars
        where !lower.properties.isWhitespace {
          bytes.append(contentsOf: lower.utf8)
        }
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
