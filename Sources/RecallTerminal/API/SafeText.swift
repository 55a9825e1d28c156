/// Text from notes made harmless for a terminal: nothing in it can move the cursor, change
/// colors, set the window title or reorder the line.
///
/// - ESC becomes `^[`, other C0 controls become caret forms (`^A`, `^H`, ...), DEL becomes
///   `^?`.
/// - C1 controls (U+0080–U+009F, including the single-character CSI U+009B) become `<U+009B>`.
/// - Bidirectional overrides, embeddings and isolates (U+202A–U+202E, U+2066–U+2069), the
///   directional marks (U+200E, U+200F, U+061C) and the line and paragraph separators become
///   `<U+202E>` and the like.
/// - Tabs expand to spaces up to the next tab stop; `\n` is kept unless `keepNewlines` is
///   false, and `\r` alone becomes `^M`.
public enum SafeText {
  /// Returns `text` with every control character shown in a visible, harmless form.
  ///
  /// - Parameters:
  ///   - text: Text from a note or from the user.
  ///   - tabWidth: The distance between tab stops.
  ///   - keepNewlines: Whether `\n` (and `\r\n`) stay line breaks; if false they show as `^J`.
  public static func sanitize(_ text: String, tabWidth: Int = 4, keepNewlines: Bool = true)
    -> String
  {
    // Most text has nothing to change: it is returned as it is, without a copy.
    if !text.unicodeScalars.contains(where: { isUnsafe($0) && !(keepNewlines && $0 == "\n") }) {
      return text
    }
    var result = ""
    result.reserveCapacity(text.utf8.count)
    guard keepNewlines else {
      appendSanitized(text[...], to: &result, tabWidth: tabWidth, keepNewlines: false)
      return result
    }
    // Line by line (a tab stop counts from the line's start): only the lines with something to
    // show differently are walked character by character.
    let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    for (index, line) in lines.enumerated() {
      if index > 0 { result += "\n" }
      var line = Substring(line)
      // A CR before the line break is part of it (CR LF).
      if index < lines.count - 1, line.utf8.last == UInt8(ascii: "\r") { line = Substring(line.utf8.dropLast()) }
      if line.unicodeScalars.contains(where: isUnsafe) {
        appendSanitized(line, to: &result, tabWidth: tabWidth, keepNewlines: true)
      } else {
        result += line
      }
    }
    return result
  }

  /// Appends `text` to `result` with every control character in its visible form, tabs
  /// expanded from the column 0 at `text`'s start.
  private static func appendSanitized(
    _ text: Substring, to result: inout String, tabWidth: Int, keepNewlines: Bool
  ) {
    var column = 0
    for character in text {
      if character == "\n" || character == "\r\n" {
        if keepNewlines {
          result.append("\n")
          column = 0
        } else {
          result += "^J"
          column += 2
        }
        continue
      }
      if character == "\t" {
        let spaces = max(1, tabWidth - column % max(1, tabWidth))
        result += String(repeating: " ", count: spaces)
        column += spaces
        continue
      }
      if !character.unicodeScalars.contains(where: isUnsafe) {
        result.append(character)
        column += DisplayWidth.of(character)
        continue
      }
      // Unsafe scalars inside a cluster: rebuild the cluster scalar by scalar.
      for scalar in character.unicodeScalars {
        let shown = isUnsafe(scalar) ? visibleForm(of: scalar) : String(scalar)
        result += shown
        column += DisplayWidth.of(shown)
      }
    }
  }

  /// `text` as one harmless line, for a name or a value inside a sentence (a file name, a
  /// deck, an error message): a newline in it shows as `^J` instead of breaking the line.
  public static func inline(_ text: String) -> String {
    sanitize(text, keepNewlines: false)
  }

  /// `text` with every character that must not reach a terminal in its visible form, but
  /// those in `kept`, and nothing else changed (tabs are not expanded): for files, such as CSV
  /// and HTML, where tabs and line breaks are part of the text.
  public static func visible(_ text: String, keeping kept: Set<Unicode.Scalar>) -> String {
    let shownVisibly = { (scalar: Unicode.Scalar) in isUnsafe(scalar) && !kept.contains(scalar) }
    guard text.unicodeScalars.contains(where: shownVisibly) else { return text }
    var result = ""
    result.reserveCapacity(text.utf8.count + 16)
    for scalar in text.unicodeScalars {
      if shownVisibly(scalar) {
        result += visibleForm(of: scalar)
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// Whether a scalar must not reach the terminal as it is.
  public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F: return true
    case 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: return true
    case 0x200E, 0x200F, 0x061C: return true  // directional marks
    default: return false
    }
  }

  /// The visible form of an unsafe scalar: `^[` for ESC, `<U+202E>` for a bidi override.
  public static func visibleForm(of scalar: Unicode.Scalar) -> String {
    switch scalar.value {
    case 0x00...0x1F:
      return "^" + String(UnicodeScalar(UInt8(scalar.value + 0x40)))
    case 0x7F:
      return "^?"
    default:
      let hex = String(scalar.value, radix: 16, uppercase: true)
      return "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
    }
  }
}
