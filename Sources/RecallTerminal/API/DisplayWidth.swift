/// The number of terminal columns text takes, measured per grapheme cluster.
///
/// East Asian Wide and Fullwidth characters (Hangul syllables and jamo, CJK ideographs, kana,
/// fullwidth forms) and emoji shown as emoji take two columns; combining marks, Hangul medial
/// and final jamo, variation selectors and zero-width characters take none; everything else
/// takes one. A grapheme cluster takes the widest of its scalars, so `한` written as three
/// conjoining jamo is two columns, like the precomposed syllable.
public enum DisplayWidth {
  /// The columns a whole string takes.
  public static func of(_ text: some StringProtocol) -> Int {
    var total = 0
    for character in text { total += of(character) }
    return total
  }

  /// The columns one grapheme cluster takes: 0, 1 or 2.
  public static func of(_ character: Character) -> Int {
    let scalars = character.unicodeScalars
    if scalars.count == 1, let only = scalars.first { return of(only) }
    var width = 0
    var hasEmojiSelector = false
    var hasTextSelector = false
    var hasEmoji = false
    for scalar in scalars {
      switch scalar.value {
      case 0xFE0F: hasEmojiSelector = true
      case 0xFE0E: hasTextSelector = true
      default: break
      }
      if scalar.properties.isEmoji { hasEmoji = true }
      width = max(width, of(scalar))
    }
    if hasEmoji && hasEmojiSelector { return 2 }
    if hasEmoji && hasTextSelector { return min(width, 1) }
    return width
  }

  /// The columns one Unicode scalar takes on its own: 0, 1 or 2.
  public static func of(_ scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value == 0 { return 0 }
    if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
    if value < 0x300 { return 1 }
    if isZeroWidth(scalar) { return 0 }
    if isWide(value) { return 2 }
    if scalar.properties.isEmojiPresentation { return 2 }
    return 1
  }

  /// Whether a scalar takes no column: combining marks, format characters, conjoining
  /// Hangul medial and final jamo, variation selectors.
  static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    switch value {
    case 0x1160...0x11FF, 0xD7B0...0xD7FF: return true  // Hangul medial and final jamo
    case 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x206F, 0xFEFF: return true
    case 0xFE00...0xFE0F, 0xE0100...0xE01EF: return true  // variation selectors
    default: break
    }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return true
    default: return false
    }
  }

  /// Whether a scalar is East Asian Wide or Fullwidth.
  static func isWide(_ value: UInt32) -> Bool {
    for range in wideRanges where range.contains(value) { return true }
    return false
  }

  /// East Asian Wide (W) and Fullwidth (F) ranges of Unicode 15, emoji left to the
  /// `isEmojiPresentation` property.
  private static let wideRanges: [ClosedRange<UInt32>] = [
    0x1100...0x115F,  // Hangul Jamo initial consonants
    0x2329...0x232A,
    0x2E80...0x303E,  // CJK radicals, ideographic description, CJK symbols and punctuation
    0x3041...0x33FF,  // kana, bopomofo, Hangul compatibility jamo, kanbun, CJK compatibility
    0x3400...0x4DBF,  // CJK extension A
    0x4E00...0x9FFF,  // CJK unified ideographs
    0xA000...0xA4CF,  // Yi
    0xA960...0xA97F,  // Hangul Jamo extended A
    0xAC00...0xD7A3,  // Hangul syllables
    0xF900...0xFAFF,  // CJK compatibility ideographs
    0xFE10...0xFE19,  // vertical forms
    0xFE30...0xFE6F,  // CJK compatibility forms, small form variants
    0xFF00...0xFF60,  // fullwidth forms
    0xFFE0...0xFFE6,
    0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1AFF0...0x1B2FF,  // Tangut, kana supplement
    0x1F200...0x1F2FF,  // enclosed ideographic supplement
    0x20000...0x2FFFD, 0x30000...0x3FFFD,  // CJK extensions B and later
  ]
}
