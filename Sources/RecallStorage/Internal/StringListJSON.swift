import Foundation

/// A compact JSON array of strings, written and read without Foundation's coders (they are slow
/// for the many small arrays of an import).
package enum StringListJSON {
  /// The JSON text of `list`: what ``append(_:to:)`` writes, so that a stored value and one
  /// written by the import's workers compare equal.
  static func encode(_ list: [String]) -> String {
    if list.isEmpty { return "[]" }
    var bytes: [UInt8] = []
    append(list, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends the JSON text of `list` to `bytes`, as UTF-8.
  ///
  /// The import's workers write every card's choices and context this way, straight into the
  /// buffer the card's row is bound from.
  package static func append(_ list: [String], to bytes: inout [UInt8]) {
    bytes.append(0x5B)  // [
    for (index, item) in list.enumerated() {
      if index > 0 { bytes.append(0x2C) }  // ,
      var item = item
      item.withUTF8 { text in
        if text.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
          bytes.append(contentsOf: quoted(String(decoding: text, as: UTF8.self)).utf8)
        } else {
          bytes.append(0x22)
          bytes.append(contentsOf: text)
          bytes.append(0x22)
        }
      }
    }
    bytes.append(0x5D)  // ]
  }

  /// The list in `text`; an empty list if `text` is not a JSON array of strings.
  static func decode(_ text: String) -> [String] {
    if text == "[]" { return [] }
    guard let data = text.data(using: .utf8),
      let list = try? JSONDecoder().decode([String].self, from: data)
    else { return [] }
    return list
  }

  /// `text` as a JSON string literal.
  package static func quoted(_ text: String) -> String {
    // Most texts need no escape: check the bytes and copy them whole.
    if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
      return "\"" + text + "\""
    }
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
    return out
  }
}
