/// Text made only of scalars that stand for themselves, read from its UTF-8 bytes.
///
/// A plain scalar is ASCII, a Latin-1 letter or sign, a Cyrillic letter, general punctuation
/// (`‘’ — … › •`), a CJK mark (`。「」`), a kana, a Hangul compatibility jamo or syllable, a CJK
/// ideograph or a full-width form: the bulk of the notes. Each of them is in NFC, has combining class 0, never composes with
/// a scalar before it, and is a grapheme cluster of its own (only `\r\n` joins two of them into
/// one character); the only whitespace among them is ASCII. So for plain text, comparing bytes
/// is comparing strings, counting scalars (less `\r\n` pairs) is counting characters, and an
/// ASCII whitespace byte is a whitespace character. ``PlainTextTests`` checks every plain
/// scalar against the standard library's definitions.
enum PlainText {
  /// Whether the scalar `value` is plain.
  @inline(__always)
  static func isPlain(_ value: UInt32) -> Bool {
    if value < 0x80 { return true }
    if value < 0x0100 { return value >= 0xA1 && value != 0xAD }
    if value < 0x0500 {
      return (0x0400...0x0482).contains(value) || (0x048A...0x04FF).contains(value)
    }
    return (0xAC00...0xD7A3).contains(value) || (0x4E00...0x9FFF).contains(value)
      || (0x2010...0x2027).contains(value) || (0x2030...0x205E).contains(value)
      || (0x3001...0x3029).contains(value) || (0x3041...0x3096).contains(value)
      || (0x309B...0x30FF).contains(value) || (0x3131...0x318E).contains(value)
      || (0xFF01...0xFF5E).contains(value)
  }

  /// Calls `body` with each scalar value of the valid UTF-8 `bytes` until it returns `false`;
  /// returns whether it never did.
  @inline(__always)
  static func forEachScalar(
    _ bytes: UnsafeBufferPointer<UInt8>, _ body: (UInt32) -> Bool
  ) -> Bool {
    var index = 0
    let count = bytes.count
    while index < count {
      let lead = UInt32(bytes[index])
      let value: UInt32
      if lead < 0x80 {
        value = lead
        index += 1
      } else if lead < 0xE0 {
        value = (lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
        index += 2
      } else if lead < 0xF0 {
        value =
          (lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6
          | UInt32(bytes[index + 2] & 0x3F)
        index += 3
      } else {
        value =
          (lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
          | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
        index += 4
      }
      if !body(value) { return false }
    }
    return true
  }

  /// Whether every scalar of `text` is plain.
  static func isPlain(_ text: String) -> Bool {
    var copy = text
    return copy.withUTF8 { isPlain($0) }
  }

  /// Whether every scalar of the valid UTF-8 `bytes` is plain.
  static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let count = bytes.count
    var index = 0
    while index < count {
      let lead = bytes[index]
      if lead < 0x80 {
        index += 1
        // A run of ASCII, the bulk of English text, is passed eight bytes at a time.
        while index + 8 <= count,
          UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
            & 0x8080_8080_8080_8080 == 0
        {
          index += 8
        }
      } else if lead == 0xEB || lead == 0xEC {
        // U+B000 to U+CFFF: Hangul syllables, the bulk of Korean text.
        index += 3
      } else {
        guard isPlain(ComparableText.decode(bytes, &index)) else { return false }
      }
    }
    return true
  }

  /// `character.isLetter`, told without a Unicode lookup when the character starts with an ASCII
  /// scalar or a Hangul syllable (the standard library decides by the first scalar alone;
  /// ``PlainTextTests`` checks every scalar).
  @inline(__always)
  static func isLetter(_ character: Character) -> Bool {
    let value = character.unicodeScalars.first?.value ?? 0
    if value < 0x80 { return (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) }
    if (0xAC00...0xD7A3).contains(value) { return true }
    return character.isLetter
  }

  /// `character.isNumber`, told as ``isLetter(_:)`` is.
  @inline(__always)
  static func isNumber(_ character: Character) -> Bool {
    let value = character.unicodeScalars.first?.value ?? 0
    if value < 0x80 { return (0x30...0x39).contains(value) }
    if (0xAC00...0xD7A3).contains(value) { return false }
    return character.isNumber
  }

  /// Whether `character` is a letter or a number: a character of a word.
  @inline(__always)
  static func isWordCharacter(_ character: Character) -> Bool {
    isLetter(character) || isNumber(character)
  }

  /// `text.count`, counted from the bytes when the text is plain.
  static func characterCount(_ text: String) -> Int {
    var copy = text
    let plainCount: Int? = copy.withUTF8 { bytes in
      var count = 0
      var previous: UInt32 = 0
      let plain = forEachScalar(bytes) { value in
        guard isPlain(value) else { return false }
        if !(value == 0x0A && previous == 0x0D) { count += 1 }
        previous = value
        return true
      }
      return plain ? count : nil
    }
    return plainCount ?? text.count
  }

  /// Whether `text` has at most `limit` characters, told from its bytes when it is plain.
  static func hasAtMostCharacters(_ text: String, _ limit: Int) -> Bool {
    // A character takes at least one byte.
    if text.utf8.count <= limit { return true }
    if isPlain(text) { return characterCount(text) <= limit }
    // Other text is walked only as far as the limit.
    guard let end = text.index(text.startIndex, offsetBy: limit, limitedBy: text.endIndex) else {
      return true
    }
    return end == text.endIndex
  }

  /// `text.split(whereSeparator: { $0.isWhitespace }).count`, counted from the bytes when the
  /// text is plain.
  static func wordCount(_ text: String) -> Int {
    var copy = text
    let plainCount: Int? = copy.withUTF8 { bytes in
      var words = 0
      var inWord = false
      let plain = forEachScalar(bytes) { value in
        guard isPlain(value) else { return false }
        let isSpace = value == 0x20 || (0x09...0x0D).contains(value)
        if !isSpace && !inWord { words += 1 }
        inWord = !isSpace
        return true
      }
      return plain ? words : nil
    }
    return plainCount ?? text.split(whereSeparator: { $0.isWhitespace }).count
  }

  /// Whether `text` ends with the character `suffix` (`text.hasSuffix(suffix)`), told from
  /// the last scalar when it is plain; `suffix` must be a single plain scalar.
  static func hasSuffix(_ text: String, _ suffix: Unicode.Scalar) -> Bool {
    var copy = text
    // The last scalar, if it and the one before it (if any) are plain: then the last scalar
    // is a character of its own, but for the line feed of `\r\n`.
    let plainLast = copy.withUTF8 { bytes -> UInt32? in
      guard bytes.count > 0 else { return nil }
      var start = bytes.count - 1
      while bytes[start] & 0xC0 == 0x80 { start -= 1 }
      var index = start
      let last = ComparableText.decode(bytes, &index)
      guard isPlain(last), last != 0x0A else { return nil }
      if start > 0 {
        var before = start - 1
        while bytes[before] & 0xC0 == 0x80 { before -= 1 }
        guard isPlain(ComparableText.decode(bytes, &before)) else { return nil }
      }
      return last
    }
    if let plainLast { return plainLast == suffix.value }
    return text.hasSuffix(String(Character(suffix)))
  }

  /// Whether `text` starts with `count` spaces followed by a plain scalar or nothing, so that
  /// `text.hasPrefix(String(repeating: " ", count: count))` holds and dropping that many
  /// characters drops that many bytes; `nil` when the bytes cannot tell.
  static func startsWithSpaces(_ text: String, _ count: Int) -> Bool? {
    var copy = text
    return copy.withUTF8 { bytes -> Bool? in
      var index = 0
      while index < count {
        guard index < bytes.count else { return false }
        // A character that is a space is the scalar U+0020 alone.
        guard bytes[index] == 0x20 else { return false }
        index += 1
      }
      guard index < bytes.count else { return true }
      var next = index
      return isPlain(ComparableText.decode(bytes, &next)) ? true : nil
    }
  }

  /// Whether `text` holds `part`, as Foundation's `text.contains(part)` says: told from the
  /// bytes when both are plain and `part` has no line break (which may belong to `\r\n`).
  ///
  /// Foundation's search folds every character it passes through CFString; on the rules' words
  /// (`이란 `, ` is a `, ` / `) it was most of the time spent making cards.
  static func contains(_ text: String, _ part: String) -> Bool {
    if !part.isEmpty, isPlain(part), !part.utf8.contains(0x0A), !part.utf8.contains(0x0D),
      let found = containsBytes(text, Array(part.utf8))
    {
      return found
    }
    return text.contains(part)
  }

  /// Whether the UTF-8 of `text` holds `needle` (ASCII or plain bytes), or `nil` when `text` is
  /// not plain and the bytes cannot tell.
  static func containsBytes(_ text: String, _ needle: [UInt8]) -> Bool? {
    guard isPlain(text) else { return nil }
    return holdsBytes(text, needle)
  }

  /// Whether the UTF-8 of `text` holds the bytes of `needle`, whatever the characters.
  ///
  /// For a needle that no other characters are canonically equivalent to (an arrow, not `각`,
  /// which decomposed jamo also spell), a text without its bytes cannot hold it; a text with
  /// them may not (a mark may join its last character to the next one).
  static func holdsBytes(_ text: String, _ needle: [UInt8]) -> Bool {
    let bytes = text.utf8.span
    let count = bytes.count
    let length = needle.count
    guard length > 0 else { return true }
    guard count >= length else { return false }
    var start = 0
    while start <= count - length {
      if bytes[start] == needle[0] {
        var matched = 1
        while matched < length && bytes[start + matched] == needle[matched] { matched += 1 }
        if matched == length { return true }
      }
      start += 1
    }
    return false
  }
}
