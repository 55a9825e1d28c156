import Foundation

/// The bytes of a note made ready for the block parser: valid UTF-8, NFC, no BOM, no NUL.
struct DecodedInput {
  /// The note's bytes, UTF-8 in NFC; NUL bytes replaced by U+FFFD.
  var bytes: [UInt8]
}

/// Checks and normalizes the bytes of a note before parsing.
enum InputDecoder {
  /// What one pass over the bytes found.
  struct Summary {
    /// The offset of the first byte that is not well-formed UTF-8, if any.
    var invalidOffset: Int?
    /// Whether a NUL byte occurs.
    var hasNUL = false
    /// Whether some scalar may not be in NFC.
    var needsNFC = false
    /// The offsets of scalars that may not be in NFC.
    var unsafeOffsets: [Int] = []
  }

  /// Drops a BOM, rejects invalid UTF-8, replaces NUL and normalizes to NFC where needed.
  static func decode(_ raw: [UInt8], file: String) throws(MarkdownParseError) -> DecodedInput {
    let start = hasBOM(raw) ? 3 : 0
    let summary = raw.withUnsafeBufferPointer { analyze($0, from: start) }
    if let bad = summary.invalidOffset {
      throw .invalidUTF8(file: file, line: lineNumber(of: bad, in: raw), byteOffset: bad)
    }
    return finish(raw, from: start, summary)
  }

  /// The same as ``decode(_:file:)`` for bytes known to be valid UTF-8.
  static func decodeValid(_ raw: [UInt8]) -> DecodedInput {
    let start = hasBOM(raw) ? 3 : 0
    let summary = raw.withUnsafeBufferPointer { analyze($0, from: start) }
    return finish(raw, from: start, summary)
  }

  /// Builds the parser's input once the bytes are known valid.
  private static func finish(_ raw: [UInt8], from start: Int, _ summary: Summary) -> DecodedInput {
    var bytes = start == 0 ? raw : Array(raw[start...])
    // NFC first: the unsafe offsets refer to the bytes before NUL replacement.
    if summary.needsNFC {
      bytes = normalizingLines(bytes, unsafeOffsets: summary.unsafeOffsets.map { $0 - start })
    }
    if summary.hasNUL {
      var cleaned: [UInt8] = []
      cleaned.reserveCapacity(bytes.count + 16)
      for byte in bytes {
        if byte == 0 { cleaned.append(contentsOf: [0xEF, 0xBF, 0xBD]) } else { cleaned.append(byte) }
      }
      bytes = cleaned
    }
    return DecodedInput(bytes: bytes)
  }

  /// The bytes with every line that holds a scalar outside the safe set put in NFC.
  ///
  /// Line ends never combine with anything, so lines normalize independently; the lines
  /// between the ones that hold `unsafeOffsets` are copied in bulk.
  private static func normalizingLines(_ bytes: [UInt8], unsafeOffsets: [Int]) -> [UInt8] {
    var result: [UInt8] = []
    result.reserveCapacity(bytes.count)
    bytes.withUnsafeBufferPointer { buffer in
      let count = buffer.count
      var copied = 0
      for offset in unsafeOffsets where offset >= copied && offset < count {
        var lineStart = offset
        while lineStart > copied && buffer[lineStart - 1] != 0x0A && buffer[lineStart - 1] != 0x0D {
          lineStart -= 1
        }
        var lineEnd = offset
        while lineEnd < count && buffer[lineEnd] != 0x0A && buffer[lineEnd] != 0x0D { lineEnd += 1 }
        result.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[copied..<lineStart]))
        let line = UnsafeBufferPointer(rebasing: buffer[lineStart..<lineEnd])
        result.append(
          contentsOf: String(decoding: line, as: UTF8.self).precomposedStringWithCanonicalMapping.utf8)
        copied = lineEnd
      }
      result.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[copied..<count]))
    }
    return result
  }

  /// Validates UTF-8 and looks for NUL and possibly non-NFC scalars, in one pass that reads
  /// ASCII eight bytes at a time.
  static func analyze(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Summary {
    var summary = Summary()
    guard let base = buffer.baseAddress else { return summary }
    let count = buffer.count
    var index = start
    let high: UInt64 = 0x8080_8080_8080_8080
    let ones: UInt64 = 0x0101_0101_0101_0101
    let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    while index < count {
      if index + 8 <= count {
        let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
        let nonASCII = word & high
        if nonASCII == 0 {
          if (word &- ones) & ~word & high != 0 { summary.hasNUL = true }
          index += 8
          continue
        }
        // Skip the ASCII bytes before the first non-ASCII one in one step (Korean text puts
        // a space or punctuation between most words, so such words are short).
        let asciiCount = nonASCII.trailingZeroBitCount >> 3
        if asciiCount > 0 {
          // Exact zero-byte test: the high bit of each byte of `zeros` is set iff it is 0.
          let zeros = ~(((word & low7) &+ low7) | word) & high
          if zeros & ((1 << UInt64(asciiCount * 8)) &- 1) != 0 { summary.hasNUL = true }
          index += asciiCount
        }
      }
      let lead = base[index]
      if lead < 0x80 {
        if lead == 0 { summary.hasNUL = true }
        index += 1
        continue
      }
      // Two-byte scalars (Latin, Greek, Cyrillic) and three-byte ones led by E1...EC (Hangul
      // syllables, CJK ideographs, kana, most symbols): no range restriction on the second
      // byte, so validation is mask tests. Runs of them (words) are read in one inner loop;
      // anything else, or anything malformed, goes to the general decoder below.
      if lead &- 0xC2 < 0x2B && lead != 0xE0 {
        var at = index
        var current = lead
        while true {
          if current < 0xE0 {
            guard at + 2 <= count else { break }
            let second = base[at + 1]
            guard second & 0xC0 == 0x80 else { break }
            // Leads C3...CB (U+00C0...U+02FF) and D0, D1 (U+0400...U+047F) are safe as they
            // stand.
            if current &- 0xC3 < 9 || current &- 0xD0 < 2 {
              at += 2
              guard at < count else { break }
              current = base[at]
              guard current &- 0xC2 < 0x2B && current != 0xE0 else { break }
              continue
            }
            let scalar = UInt32(current & 0x1F) << 6 | UInt32(second & 0x3F)
            // Latin-1 to spacing modifiers, and Cyrillic (minus its combining marks).
            if !((scalar &- 0xA0) < 0x260 || (scalar &- 0x400) < 0x83 || (scalar &- 0x48A) < 0xA6)
              && !isSafeStarter(scalar)
            {
              summary.needsNFC = true
              summary.unsafeOffsets.append(at)
            }
            at += 2
          } else {
            guard at + 3 <= count else { break }
            let second = base[at + 1]
            let third = base[at + 2]
            guard second & 0xC0 == 0x80 && third & 0xC0 == 0x80 else { break }
            // Leads EB, EC (U+B000...U+CFFF, Hangul) and E5...E9 (U+5000...U+9FFF, CJK) are
            // safe as they stand; the rest are checked by scalar.
            if !(current &- 0xEB < 2 || current &- 0xE5 < 5) {
              let scalar =
                UInt32(current & 0x0F) << 12 | UInt32(second & 0x3F) << 6 | UInt32(third & 0x3F)
              // Hangul syllables, CJK ideographs and kana (minus the two combining marks).
              if !((scalar &- 0xAC00) < 0x2BA4 || (scalar &- 0x4E00) < 0x5200
                || (scalar &- 0x3030) < 0x69 || (scalar &- 0x309B) < 0x65)
                && !isSafeStarter(scalar)
              {
                summary.needsNFC = true
                summary.unsafeOffsets.append(at)
              }
            }
            at += 3
          }
          guard at < count else { break }
          current = base[at]
          guard current &- 0xC2 < 0x2B && current != 0xE0 else { break }
        }
        if at != index {
          index = at
          continue
        }
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
      default:
        summary.invalidOffset = index
        return summary
      }
      if index + length > count {
        // Report the first byte that is missing or wrong.
        summary.invalidOffset = index
        return summary
      }
      let second = base[index + 1]
      if second < lowest || second > highest {
        summary.invalidOffset = index
        return summary
      }
      var scalar = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
      scalar = scalar << 6 | UInt32(second & 0x3F)
      var next = 2
      while next < length {
        let byte = base[index + next]
        if byte & 0xC0 != 0x80 {
          summary.invalidOffset = index
          return summary
        }
        scalar = scalar << 6 | UInt32(byte & 0x3F)
        next += 1
      }
      // Hangul syllables and CJK ideographs (most non-ASCII text) are checked inline.
      if (scalar >= 0xAC00 && scalar < 0xD7A4) || (scalar >= 0x4E00 && scalar < 0xA000) {
        index += length
        continue
      }
      if !isSafeStarter(scalar) {
        summary.needsNFC = true
        summary.unsafeOffsets.append(index)
      }
      index += length
    }
    return summary
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

  /// Whether `scalar` is NFC-stable and never combines with a neighbour.
  @inline(__always)
  static func isSafeStarter(_ scalar: UInt32) -> Bool {
    // Hangul syllables and CJK ideographs first: they are most of the non-ASCII text.
    if scalar >= 0xAC00 && scalar < 0xD7A4 { return true }
    if scalar >= 0x4E00 && scalar < 0xA000 { return true }
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
