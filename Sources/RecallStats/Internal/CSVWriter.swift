import RecallTerminal

/// Writes CSV as RFC 4180 says: a header line, CRLF line ends, and a field in double quotes
/// (quotes inside doubled) when it holds a comma, a quote, a CR or an LF, or starts or ends with
/// a space. A field that a spreadsheet would take for a formula (it starts with `=`, `+`, `-`,
/// `@`, a tab or a carriage return) is written with a `'` before it, as OWASP advises against
/// CSV injection; the characters a terminal is never shown raw (escape and other controls, C1,
/// bidirectional overrides, line separators) are written in their visible form (`^[`,
/// `<U+202E>`), as on the terminal, so that printing the file drives nothing. Tabs and line
/// breaks stay.
struct CSVWriter {
  /// The text so far.
  private(set) var text: String

  /// Starts a file with its header line.
  init(columns: [String]) {
    text = ""
    append(columns)
  }

  /// Appends one record.
  mutating func append(_ fields: [String]) {
    var first = true
    for field in fields {
      if !first { text += "," }
      first = false
      text += Self.quoted(field)
    }
    text += "\r\n"
  }

  /// The first characters that make a spreadsheet read a cell as a formula.
  static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

  /// `field` as it goes in the file.
  static func quoted(_ field: String) -> String {
    var field = SafeText.visible(field, keeping: ["\t", "\n", "\r"])
    if let first = field.unicodeScalars.first, formulaStarts.contains(first) { field = "'" + field }
    let needsQuotes = field.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
      || field.first == " " || field.last == " "
    guard needsQuotes else { return field }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
