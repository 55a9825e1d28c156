import Foundation

/// A compact JSON array of strings, written without Foundation's encoder so that one list always
/// gives the same text (the import compares stored lists by their text).
package enum StringListJSON {
  /// The JSON text of `list`, compact: what the store keeps, so that equal lists compare equal.
  package static func encode(_ list: [String]) -> String {
    if list.isEmpty { return "[]" }
    // One string grown in place: a first import encodes two lists for each of its cards.
    var out = "["
    out.reserveCapacity(list.reduce(2) { $0 + $1.utf8.count + 3 })
    for (index, text) in list.enumerated() {
      if index > 0 { out += "," }
      out += quoted(text)
    }
    out += "]"
    return out
  }

  /// The list in `text`; an empty list if `text` is not a JSON array of strings.
  package static func decode(_ text: String) -> [String] {
    if text == "[]" { return [] }
    if let list = plainList(text) { return list }
    guard let data = text.data(using: .utf8),
      let list = try? JSONDecoder().decode([String].self, from: data)
    else { return [] }
    return list
  }

  /// The list in `text` when it is written as ``encode(_:)`` writes a list whose strings need
  /// no escape (no backslash, no control character): `["a","b"]`; nil for any other text,
  /// which `JSONDecoder` then reads. A review reads the lists of hundreds of cards, and the
  /// decoder's set-up per list was a tenth of its start.
  static func plainList(_ text: String) -> [String]? {
    // The bytes copied out once: walking the string's own UTF-8 view index by index cost about
    // 3,700 instructions for a list of one heading.
    let bytes = Array(text.utf8)
    guard bytes.first == UInt8(ascii: "["), bytes.last == UInt8(ascii: "]"),
      !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\\") })
    else { return nil }
    var list: [String] = []
    var index = 1
    let end = bytes.count - 1
    while index < end {
      // A string: its quote, its bytes up to the next quote, then a comma or the end.
      guard bytes[index] == UInt8(ascii: "\"") else { return nil }
      let start = index + 1
      guard let close = bytes[start..<end].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
      list.append(String(decoding: bytes[start..<close], as: UTF8.self))
      index = close + 1
      if index < end {
        guard bytes[index] == UInt8(ascii: ","), index + 1 < end else { return nil }
        index += 1
      }
    }
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
