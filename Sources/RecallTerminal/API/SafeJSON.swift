/// JSON text made harmless to show: every character that ``SafeText`` would not let reach a
/// terminal as it is (C0 and C1 controls, DEL, the line and paragraph separators U+2028 and
/// U+2029, bidirectional overrides, embeddings, isolates and marks) is written as a `\u`
/// escape, so a JSON document or line shows no escape sequence, keeps its lines, and reads back
/// exactly.
public enum SafeJSON {
  /// The JSON string literal of `text`, quotes included.
  public static func quoted(_ text: String) -> String {
    var result = "\""
    result.reserveCapacity(text.utf8.count + 2)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      default:
        if SafeText.isUnsafe(scalar) {
          result += escape(scalar)
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }

  /// `json`, a JSON text written by any encoder, with the characters above escaped inside its
  /// strings.
  ///
  /// Outside its strings a JSON text holds only ASCII punctuation, letters, digits and
  /// whitespace, so each such character stands inside a string, where a `\u` escape means the
  /// same; the whitespace between values (newline, carriage return, tab) is kept.
  public static func escaping(_ json: String) -> String {
    let needsEscape: (Unicode.Scalar) -> Bool = {
      SafeText.isUnsafe($0) && $0 != "\n" && $0 != "\r" && $0 != "\t"
    }
    guard json.unicodeScalars.contains(where: needsEscape) else { return json }
    var result = ""
    result.reserveCapacity(json.utf8.count + 16)
    for scalar in json.unicodeScalars {
      if needsEscape(scalar) {
        result += escape(scalar)
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// `\u001b`, `\u202e`: the escape of a scalar of the Basic Multilingual Plane.
  private static func escape(_ scalar: Unicode.Scalar) -> String {
    let hex = String(scalar.value, radix: 16)
    return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }
}
