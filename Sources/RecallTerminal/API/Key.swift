/// A key the user pressed, decoded from the bytes a terminal sends in raw mode.
public enum Key: Hashable, Sendable {
  /// A printable character: a digit, a letter, a Hangul jamo or syllable, punctuation.
  case character(Character)
  /// Space.
  case space
  /// Enter (carriage return or line feed).
  case enter
  /// Backspace (DEL or Ctrl-H).
  case backspace
  /// Tab.
  case tab
  /// Escape pressed on its own.
  case escape
  /// An arrow key.
  case up, down, left, right
  /// Home, End, Delete, Page Up and Page Down.
  case home, end, delete, pageUp, pageDown
  /// Ctrl-C (in raw mode the terminal does not turn it into SIGINT).
  case interrupt
  /// Ctrl-D.
  case endOfInput
  /// Any other control key, by its byte (Ctrl-A is 1).
  case control(UInt8)
  /// An escape sequence the decoder does not know, kept for debugging.
  case unknown([UInt8])

  /// The key as a command letter: a character key with a Korean 2-set layout jamo turned
  /// into the Latin letter on the same key (ㅁ → a, ㅃ → Q), lowercased unless it is a
  /// shifted jamo; other keys give nil.
  ///
  /// Use it to match command keys so they work whichever layout is active:
  /// `if key.commandLetter == "u" { undo() }`.
  public var commandLetter: Character? {
    guard case .character(let character) = self else { return nil }
    if let latin = KoreanKeyboard.latinKey(for: character) { return latin }
    return character
  }

  /// The digit 0–9 of a digit key (ASCII or fullwidth), else nil.
  public var digit: Int? {
    guard case .character(let character) = self,
      let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1
    else { return nil }
    switch scalar.value {
    case 0x30...0x39: return Int(scalar.value - 0x30)
    case 0xFF10...0xFF19: return Int(scalar.value - 0xFF10)
    default: return nil
    }
  }
}

/// The Korean 2-set (Dubeolsik) keyboard layout, mapped to the Latin keys it shares.
///
/// With a Korean input method active in raw mode, pressing the `a` key sends `ㅁ`; this
/// table lets command keys work anyway.
public enum KoreanKeyboard {
  /// The Latin key for a compatibility jamo (ㅁ → a, ㅗ → h, ㅃ → Q), else nil.
  public static func latinKey(for character: Character) -> Character? {
    table[character]
  }

  /// The jamo on each key, unshifted then shifted.
  private static let table: [Character: Character] = [
    "ㅂ": "q", "ㅈ": "w", "ㄷ": "e", "ㄱ": "r", "ㅅ": "t", "ㅛ": "y", "ㅕ": "u", "ㅑ": "i",
    "ㅐ": "o", "ㅔ": "p", "ㅁ": "a", "ㄴ": "s", "ㅇ": "d", "ㄹ": "f", "ㅎ": "g", "ㅗ": "h",
    "ㅓ": "j", "ㅏ": "k", "ㅣ": "l", "ㅋ": "z", "ㅌ": "x", "ㅊ": "c", "ㅍ": "v", "ㅠ": "b",
    "ㅜ": "n", "ㅡ": "m",
    "ㅃ": "Q", "ㅉ": "W", "ㄸ": "E", "ㄲ": "R", "ㅆ": "T", "ㅒ": "O", "ㅖ": "P",
  ]
}

/// Turns the bytes read from a terminal in raw mode into keys.
///
/// Bytes may arrive split anywhere (half an escape sequence, half a UTF-8 character): the
/// decoder keeps what is incomplete until the next ``decode(_:)``. An escape byte followed
/// by nothing is a lone Escape key only once the caller says no more bytes came in time
/// (``flush()``).
public struct KeyDecoder: Sendable {
  /// Bytes of an incomplete sequence.
  private var pending: [UInt8] = []

  /// Creates a decoder.
  public init() {}

  /// Whether some bytes wait for the rest of their sequence.
  public var hasPending: Bool { !pending.isEmpty }

  /// Decodes as many keys as the bytes given (and any kept from before) make.
  public mutating func decode(_ bytes: some Sequence<UInt8>) -> [Key] {
    pending.append(contentsOf: bytes)
    var keys: [Key] = []
    var index = 0
    while index < pending.count {
      guard let (key, length) = Self.decodeOne(pending[index...]) else { break }
      keys.append(key)
      index += length
    }
    pending.removeFirst(index)
    return keys
  }

  /// Ends a sequence that will not be completed: a lone ESC becomes ``Key/escape``, an
  /// unfinished sequence becomes ``Key/unknown(_:)``.
  public mutating func flush() -> [Key] {
    defer { pending = [] }
    if pending.isEmpty { return [] }
    if pending == [0x1B] { return [.escape] }
    if pending.first == 0x1B {
      // ESC followed by an unfinished sequence: report Escape, then decode the rest anew.
      let rest = pending.dropFirst()
      pending = []
      var keys: [Key] = [.escape]
      var inner = KeyDecoder()
      keys += inner.decode(rest)
      keys += inner.flush()
      return keys
    }
    return [.unknown(pending)]
  }

  /// Decodes one key at the start of `bytes`: the key and the bytes it used, or nil if more
  /// bytes are needed.
  static func decodeOne(_ bytes: ArraySlice<UInt8>) -> (Key, Int)? {
    guard let first = bytes.first else { return nil }
    switch first {
    case 0x03: return (.interrupt, 1)
    case 0x04: return (.endOfInput, 1)
    case 0x08, 0x7F: return (.backspace, 1)
    case 0x09: return (.tab, 1)
    case 0x0A, 0x0D: return (.enter, 1)
    case 0x1B: return decodeEscape(bytes)
    case 0x20: return (.space, 1)
    case 0x00..<0x20: return (.control(first), 1)
    case 0x21..<0x7F: return (.character(Character(UnicodeScalar(first))), 1)
    default: return decodeUTF8(bytes)
    }
  }

  /// Decodes an escape sequence: CSI (`ESC [`), SS3 (`ESC O`) or Alt+key.
  private static func decodeEscape(_ bytes: ArraySlice<UInt8>) -> (Key, Int)? {
    let start = bytes.startIndex
    guard bytes.count >= 2 else { return nil }
    let second = bytes[start + 1]
    if second == UInt8(ascii: "O") {
      guard bytes.count >= 3 else { return nil }
      let key: Key
      switch bytes[start + 2] {
      case UInt8(ascii: "A"): key = .up
      case UInt8(ascii: "B"): key = .down
      case UInt8(ascii: "C"): key = .right
      case UInt8(ascii: "D"): key = .left
      case UInt8(ascii: "H"): key = .home
      case UInt8(ascii: "F"): key = .end
      default: key = .unknown(Array(bytes.prefix(3)))
      }
      return (key, 3)
    }
    if second == UInt8(ascii: "[") {
      // Parameters 0x30–0x3F, intermediates 0x20–0x2F, final 0x40–0x7E.
      var index = start + 2
      while index < bytes.endIndex, (0x20...0x3F).contains(bytes[index]) { index += 1 }
      guard index < bytes.endIndex else { return nil }
      let final = bytes[index]
      let length = index - start + 1
      let parameters = String(decoding: bytes[(start + 2)..<index], as: UTF8.self)
      let key: Key
      switch (final, parameters) {
      case (UInt8(ascii: "A"), _): key = .up
      case (UInt8(ascii: "B"), _): key = .down
      case (UInt8(ascii: "C"), _): key = .right
      case (UInt8(ascii: "D"), _): key = .left
      case (UInt8(ascii: "H"), _): key = .home
      case (UInt8(ascii: "F"), _): key = .end
      case (UInt8(ascii: "~"), "1"), (UInt8(ascii: "~"), "7"): key = .home
      case (UInt8(ascii: "~"), "4"), (UInt8(ascii: "~"), "8"): key = .end
      case (UInt8(ascii: "~"), "3"): key = .delete
      case (UInt8(ascii: "~"), "5"): key = .pageUp
      case (UInt8(ascii: "~"), "6"): key = .pageDown
      default: key = .unknown(Array(bytes.prefix(length)))
      }
      return (key, length)
    }
    if (0x20...0x7E).contains(second) {
      // Alt+key arrives as ESC then the key: neither Escape nor the key was meant.
      return (.unknown([0x1B, second]), 2)
    }
    return (.escape, 1)
  }

  /// Decodes one UTF-8 character; invalid bytes become ``Key/unknown(_:)``.
  private static func decodeUTF8(_ bytes: ArraySlice<UInt8>) -> (Key, Int)? {
    let first = bytes[bytes.startIndex]
    let length: Int
    switch first {
    case 0xC2...0xDF: length = 2
    case 0xE0...0xEF: length = 3
    case 0xF0...0xF4: length = 4
    default: return (.unknown([first]), 1)
    }
    let available = bytes.prefix(length)
    for (offset, byte) in available.enumerated() where offset > 0 {
      if byte & 0xC0 != 0x80 { return (.unknown(Array(bytes.prefix(offset))), offset) }
    }
    guard available.count == length else { return nil }
    let text = String(decoding: available, as: UTF8.self)
    guard let character = text.first, text.unicodeScalars.first != "\u{FFFD}" else {
      return (.unknown(Array(available)), length)
    }
    if character.unicodeScalars.contains(where: SafeText.isUnsafe) {
      return (.unknown(Array(available)), length)
    }
    return (.character(character), length)
  }
}
