/// Writes CSV as RFC 4180 says: a header line, CRLF line ends, and a field in double quotes
/// (quotes inside doubled) when it holds a comma, a quote, a CR or an LF, or starts or ends with
/// a space.
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

  /// `field` as it goes in the file.
  static func quoted(_ field: String) -> String {
    let needsQuotes = field.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
      || field.first == " " || field.last == " "
    guard needsQuotes else { return field }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
