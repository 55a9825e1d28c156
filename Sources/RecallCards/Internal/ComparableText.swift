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
    if let plain = plainOf(text) { return plain }
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
      } else if PlainText.isPlain(value) {
        // Plain scalars lowercase by the table (and none of those past ASCII is whitespace).
        appendUTF8(plainLowercase(value), to: &bytes)
      } else if !scalar.properties.changesWhenLowercased {
        // Its lowercase mapping is itself (ComparableTextTests checks every scalar): a bit
        // lookup instead of a mapping string.
        if !isWhitespace(value) { bytes.append(contentsOf: scalar.utf8) }
      } else {
        for lower in scalar.properties.lowercaseMapping.unicodeScalars
        where !isWhitespace(lower.value) {
          bytes.append(contentsOf: lower.utf8)
        }
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// `text.lowercased()`, made scalar by scalar as ``of(_:)`` is (whitespace kept): ASCII,
  /// Hangul, the CJK blocks and the other plain scalars take no Unicode property lookup.
  /// The card rules lowercase most prompts and answers several times over.
  static func lowercased(_ text: String) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      forEachLowercased(scalar) { bytes.append(contentsOf: $0.utf8) }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Calls `body` with each scalar of the lowercase mapping of `scalar`: what
  /// `String.lowercased()` puts in its place.
  @inline(__always)
  static func forEachLowercased(_ scalar: Unicode.Scalar, _ body: (Unicode.Scalar) -> Void) {
    let value = scalar.value
    if value < 0x80 {
      body((0x41...0x5A).contains(value) ? Unicode.Scalar(UInt8(truncatingIfNeeded: value | 0x20)) : scalar)
    } else if isCaseless(value) {
      body(scalar)
    } else if PlainText.isPlain(value), let lower = Unicode.Scalar(plainLowercase(value)) {
      body(lower)
    } else if !scalar.properties.changesWhenLowercased {
      body(scalar)
    } else {
      for lower in scalar.properties.lowercaseMapping.unicodeScalars { body(lower) }
    }
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
    var (long, short) = first.utf8.count >= second.utf8.count ? (first, second) : (second, first)
    let limit = short.withUTF8 { bytes in
      var scalars = 0
      _ = PlainText.forEachScalar(bytes) { _ in
        scalars += 1
        return true
      }
      return scalars * expansionLimit
    }
    let withinLimit = long.withUTF8 { bytes in
      var kept = 0
      return PlainText.forEachScalar(bytes) { value in
        let stays = value < 0x80 ? !isASCIIWhitespace(value) : isCaseless(value)
        if stays { kept += 1 }
        return kept <= limit
      }
    }
    guard withinLimit else { return false }
    if let same = plainEqual(first, second) { return same }
    return of(first) == of(second)
  }

  // MARK: Plain text

  /// `of(text)` made from the bytes when `text` is plain (see ``PlainText``), else `nil`.
  static func plainOf(_ text: String) -> String? {
    var copy = text
    return copy.withUTF8 { bytes -> String? in
      var result: [UInt8] = []
      result.reserveCapacity(bytes.count)
      let plain = PlainText.forEachScalar(bytes) { value in
        guard PlainText.isPlain(value) else { return false }
        if value < 0x80 {
          if !isASCIIWhitespace(value) {
            let byte = UInt8(truncatingIfNeeded: value)
            result.append((0x41...0x5A).contains(byte) ? byte | 0x20 : byte)
          }
        } else {
          appendUTF8(plainLowercase(value), to: &result)
        }
        return true
      }
      return plain ? String(decoding: result, as: UTF8.self) : nil
    }
  }

  /// `of(first) == of(second)` told scalar by scalar when both texts are plain, else `nil`.
  ///
  /// Lowercased plain scalars are plain (``ComparableTextTests`` checks it), so both comparison
  /// texts are NFC and equal exactly when their scalars are.
  static func plainEqual(_ first: String, _ second: String) -> Bool? {
    var left = first
    var right = second
    return left.withUTF8 { leftBytes in
      right.withUTF8 { rightBytes -> Bool? in
        var leftIndex = 0
        var rightIndex = 0
        while true {
          guard let leftScalar = nextKept(leftBytes, &leftIndex),
            let rightScalar = nextKept(rightBytes, &rightIndex)
          else { return nil }
          if leftScalar != rightScalar {
            // Differences count only if everything after them is plain too.
            return isPlain(leftBytes, from: leftIndex) && isPlain(rightBytes, from: rightIndex)
              ? false : nil
          }
          if leftScalar == endOfText { return true }
        }
      }
    }
  }

  /// What ``nextKept(_:_:)`` gives at the end of the text.
  static let endOfText: UInt32 = 0x11_0000

  /// The next scalar of `bytes` from `index` that stays in the comparison text, lowercased;
  /// ``endOfText`` at the end; `nil` at a scalar that is not plain.
  @inline(__always)
  static func nextKept(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> UInt32? {
    while index < bytes.count {
      let value = decode(bytes, &index)
      guard PlainText.isPlain(value) else { return nil }
      if value < 0x80 {
        if isASCIIWhitespace(value) { continue }
        return (0x41...0x5A).contains(value) ? value | 0x20 : value
      }
      return plainLowercase(value)
    }
    return endOfText
  }

  /// Whether every scalar of `bytes` from `index` on is plain.
  static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> Bool {
    var index = index
    while index < bytes.count {
      guard PlainText.isPlain(decode(bytes, &index)) else { return false }
    }
    return true
  }

  /// The scalar of the valid UTF-8 `bytes` at `index`, moving `index` past it.
  @inline(__always)
  static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> UInt32 {
    let lead = UInt32(bytes[index])
    if lead < 0x80 {
      index += 1
      return lead
    }
    if lead < 0xE0 {
      defer { index += 2 }
      return (lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
    }
    if lead < 0xF0 {
      defer { index += 3 }
      return (lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6
        | UInt32(bytes[index + 2] & 0x3F)
    }
    defer { index += 4 }
    return (lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
      | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
  }

  /// The lowercase form of the plain scalar `value` that is not ASCII: the single scalar
  /// `Unicode.Scalar.Properties.lowercaseMapping` gives (``ComparableTextTests`` checks every
  /// plain scalar).
  @inline(__always)
  static func plainLowercase(_ value: UInt32) -> UInt32 {
    if value < 0x0100 { return (0xC0...0xDE).contains(value) && value != 0xD7 ? value + 0x20 : value }
    if value < 0x0500 {
      switch value {
      case 0x0400...0x040F: return value + 0x50
      case 0x0410...0x042F: return value + 0x20
      case 0x0460...0x0481, 0x048A...0x04BF, 0x04D0...0x04FF: return value | 1
      case 0x04C0: return 0x04CF
      case 0x04C1...0x04CE: return value & 1 == 1 ? value + 1 : value
      default: return value
      }
    }
    return (0xFF21...0xFF3A).contains(value) ? value + 0x20 : value
  }

  /// Appends the UTF-8 bytes of the scalar `value` (not ASCII, below U+10000) to `bytes`.
  @inline(__always)
  static func appendUTF8(_ value: UInt32, to bytes: inout [UInt8]) {
    if value < 0x800 {
      bytes.append(UInt8(truncatingIfNeeded: 0xC0 | value >> 6))
      bytes.append(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
    } else {
      bytes.append(UInt8(truncatingIfNeeded: 0xE0 | value >> 12))
      bytes.append(UInt8(truncatingIfNeeded: 0x80 | (value >> 6) & 0x3F))
      bytes.append(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
    }
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
