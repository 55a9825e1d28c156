/// Text as the card generator compares it: lowercased, without whitespace.
///
/// The result is exactly `text.lowercased()` with every White_Space scalar removed, but made
/// in one pass over the scalars. Lowercasing in Swift maps each scalar on its own, so the text
/// can be mapped scalar by scalar: ASCII, Hangul and the CJK blocks (which have no case), the
/// bulk of Korean and English notes, are copied without looking up any Unicode property; every
/// other scalar takes its full lowercase mapping, as `String.lowercased()` does. A test checks
/// every Unicode scalar against the plain definition.
enum ComparableText {
  /// `text` lowercased, whitespace removed.
  static func of(_ text: String) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      let value = scalar.value
      if value < 0x80 {
        if isASCIIWhitespace(value) { continue }
        let byte = UInt8(truncatingIfNeeded: value)
        bytes.append((0x41...0x5A).contains(byte) ? byte | 0x20 : byte)
      } else if isCaseless(value) {
        bytes.append(contentsOf: scalar.utf8)
      } else {
        for lower in scalar.properties.lowercaseMapping.unicodeScalars
        where !isWhitespace(lower.value) {
          bytes.append(contentsOf: lower.utf8)
        }
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Whether `first` and `second` compare equal once both are lowercased and without
  /// whitespace: `of(first) == of(second)`, told at once when one is far longer than the other.
  ///
  /// Equal comparison texts have the same canonical decomposition. Every scalar of the longer
  /// text that is not whitespace and has no case stays in its comparison text, so in that
  /// decomposition; one scalar of the shorter text, lowercased and decomposed, gives at most
  /// ``expansionLimit`` scalars. More of the first than that allows for the second means they
  /// differ. An answer of a whole section is so compared with its heading without being
  /// lowercased.
  static func equal(_ first: String, _ second: String) -> Bool {
    let (long, short) = first.utf8.count >= second.utf8.count ? (first, second) : (second, first)
    let limit = short.unicodeScalars.count * expansionLimit
    var kept = 0
    for scalar in long.unicodeScalars {
      let value = scalar.value
      let stays = value < 0x80 ? !isASCIIWhitespace(value) : isCaseless(value)
      if stays {
        kept += 1
        if kept > limit { return false }
      }
    }
    return of(first) == of(second)
  }

  /// The most scalars one scalar gives once lowercased and canonically decomposed (U+1F82 gives
  /// four); ``ComparableTextTests`` checks it for every scalar.
  static let expansionLimit = 4

  /// Whether the scalar `value` is White_Space (`Unicode.Scalar.Properties.isWhitespace`).
  ///
  /// The property is small and stable; ``ComparableTextTests`` checks this list against the
  /// standard library's for every scalar.
  static func isWhitespace(_ value: UInt32) -> Bool {
    if value < 0x80 { return isASCIIWhitespace(value) }
    switch value {
    case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
    default: return false
    }
  }

  /// Whether the ASCII scalar `value` is whitespace: tab, line feed, vertical tab, form feed,
  /// carriage return or space.
  @inline(__always)
  static func isASCIIWhitespace(_ value: UInt32) -> Bool {
    value == 0x20 || (0x09...0x0D).contains(value)
  }

  /// Whether the scalar `value` lies in a block whose scalars have no lowercase form and are not
  /// whitespace: Hangul jamo and syllables, and the CJK symbols, kana and ideographs.
  @inline(__always)
  static func isCaseless(_ value: UInt32) -> Bool {
    (0xAC00...0xD7A3).contains(value) || (0x3001...0x9FFF).contains(value)
      || (0x1100...0x11FF).contains(value)
  }
}
