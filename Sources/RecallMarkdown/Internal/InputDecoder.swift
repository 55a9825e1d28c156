import Foundation

/// The bytes of a note made ready for the block parser: valid UTF-8, NFC, no BOM, no NUL.
struct DecodedInput {
  /// The note's bytes, UTF-8 in NFC; NUL bytes replaced by U+FFFD.
  var bytes: [UInt8]
}

/// Checks and normalizes the bytes of a note before parsing.
enum InputDecoder {
  /// Drops a BOM, rejects invalid UTF-8, replaces NUL and normalizes to NFC where needed.
  static func decode(_ raw: [UInt8], file: String) throws(MarkdownParseError) -> DecodedInput {
    let bomLength = hasBOM(raw) ? 3 : 0
    if let bad = firstInvalidUTF8Offset(raw, from: bomLength) {
      throw .invalidUTF8(file: file, line: lineNumber(of: bad, in: raw), byteOffset: bad)
    }
    return decodeValid(raw)
  }

  /// The same as ``decode(_:file:)`` for bytes known to be valid UTF-8.
  static func decodeValid(_ raw: [UInt8]) -> DecodedInput {
    var bytes = hasBOM(raw) ? Array(raw[3...]) : raw
    var hasNUL = false
    var needsNFC = false
    bytes.withUnsafeBufferPointer { buffer in
      (hasNUL, needsNFC) = scan(buffer)
    }
    if hasNUL {
      var cleaned: [UInt8] = []
      cleaned.reserveCapacity(bytes.count + 16)
      for byte in bytes {
        if byte == 0 { cleaned.append(contentsOf: [0xEF, 0xBF, 0xBD]) } else { cleaned.append(byte) }
      }
      bytes = cleaned
    }
    if needsNFC {
      let text = String(decoding: bytes, as: UTF8.self)
      bytes = Array(text.precomposedStringWithCanonicalMapping.utf8)
    }
    return DecodedInput(bytes: bytes)
  }

  /// Whether `raw` starts with the UTF-8 byte-order mark.
  static func hasBOM(_ raw: [UInt8]) -> Bool {
    raw.count >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF
  }

  /// The 1-based line on which byte `offset` lies (LF, CRLF and CR end lines).
  static func lineNumber(of offset: Int, in raw: [UInt8]) -> Int {
    var line = 1
    var index = 0
    while index < offset && index < raw.count {
      if raw[index] == 0x0A {
        line += 1
      } else if raw[index] == 0x0D {
        if index + 1 < raw.count, raw[index + 1] == 0x0A {
          index += 1
          if index >= offset { break }
        }
        line += 1
      }
      index += 1
    }
    return line
  }

  /// The offset of the first byte that is not part of well-formed UTF-8, if any.
  static func firstInvalidUTF8Offset(_ raw: [UInt8], from start: Int) -> Int? {
    raw.withUnsafeBufferPointer { buffer -> Int? in
      let count = buffer.count
      var index = start
      while index < count {
        let lead = buffer[index]
        if lead < 0x80 {
          index += 1
          continue
        }
        var length = 0
        var lowest: UInt8 = 0x80
        var highest: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lowest = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; highest = 0x9F
        case 0xF0: length = 4; lowest = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; highest = 0x8F
        default: return index
        }
        if index + 1 >= count { return index }
        let second = buffer[index + 1]
        if second < lowest || second > highest { return index }
        var next = 2
        while next < length {
          if index + next >= count { return index }
          if buffer[index + next] & 0xC0 != 0x80 { return index }
          next += 1
        }
        index += length
      }
      return nil
    }
  }

  /// Whether the (valid) bytes hold NUL, and whether any scalar may not be in NFC already.
  ///
  /// A scalar is known safe when it is a starter that never composes with its neighbours in the
  /// ranges that study notes use (ASCII, Latin, Cyrillic, punctuation, CJK, Hangul syllables,
  /// full-width forms, emoji); anything else sends the whole note through NFC.
  private static func scan(_ buffer: UnsafeBufferPointer<UInt8>) -> (Bool, Bool) {
    var hasNUL = false
    var needsNFC = false
    var index = 0
    let count = buffer.count
    while index < count {
      let lead = buffer[index]
      if lead < 0x80 {
        if lead == 0 { hasNUL = true }
        index += 1
        continue
      }
      var scalar: UInt32
      if lead < 0xE0 {
        scalar = UInt32(lead & 0x1F) << 6 | UInt32(buffer[index + 1] & 0x3F)
        index += 2
      } else if lead < 0xF0 {
        scalar =
          UInt32(lead & 0x0F) << 12 | UInt32(buffer[index + 1] & 0x3F) << 6
          | UInt32(buffer[index + 2] & 0x3F)
        index += 3
      } else {
        scalar =
          UInt32(lead & 0x07) << 18 | UInt32(buffer[index + 1] & 0x3F) << 12
          | UInt32(buffer[index + 2] & 0x3F) << 6 | UInt32(buffer[index + 3] & 0x3F)
        index += 4
      }
      if !needsNFC && !isSafeStarter(scalar) { needsNFC = true }
    }
    return (hasNUL, needsNFC)
  }

  /// Whether `scalar` is NFC-stable and never combines with a neighbour.
  static func isSafeStarter(_ scalar: UInt32) -> Bool {
    switch scalar {
    case 0x00A0..<0x0300,  // Latin-1, Latin Extended, IPA, spacing modifiers
      0x0400..<0x0483,  // Cyrillic
      0x048A..<0x0530,
      0x2002..<0x2070,  // general punctuation
      0x20A0..<0x20C0,  // currency
      0x2190..<0x2329, 0x232B..<0x2400,  // arrows, math, technical
      0x2460..<0x2800,  // enclosed, box drawing, shapes, symbols, dingbats
      0x2B00..<0x2C00,
      0x3000..<0x302A, 0x3030..<0x3099, 0x309B..<0x3100,  // CJK punctuation, kana
      0x3130..<0x3190,  // Hangul compatibility jamo
      0x3200..<0x3300,
      0x3400..<0x4DC0, 0x4E00..<0xA000,  // CJK ideographs
      0xAC00..<0xD7A4,  // Hangul syllables
      0xFE00..<0xFE10, 0xFE30..<0xFE50,
      0xFF00..<0xFFF0,  // full-width forms
      0x1F000..<0x1FB00:  // emoji
      return true
    default:
      return false
    }
  }
}
