/// Where a card sits in its note's structure, read from its key, kind and heading path.
///
/// The card generator's keys are the deck, the heading path and an anchor joined by ` › `
/// (`Card.key`). A table cell's anchor is `table` (`table 2`, … for later tables of a section),
/// then the thing and the attribute; the reverse card ("which thing?") adds `which`. A table of
/// a single record has no thing in its anchor: its thing is the section's title. A key that
/// repeats in a note gets ` #2`, ` #3`, … at its end.
enum NoteStructure {
  /// The separator of a key's parts.
  static let separator = " › "

  /// The table and compared thing of a table card; `nil` for other cards or an unknown key.
  static func tableThing(key: String, kind: String, context: [String]) -> (table: String, thing: String)? {
    guard kind == "tableCell" || kind == "tableThing" else { return nil }
    let parts = key.components(separatedBy: separator)
    var index = parts.count - 2
    while index >= 0 {
      if isTableAnchor(parts[index]) {
        let after = parts.count - index - 1
        switch (kind, after) {
        case ("tableCell", 2), ("tableThing", 3):
          return (parts[index], parts[index + 1])
        case ("tableCell", 1):
          return (parts[index], context.last ?? parts[0])
        default:
          break
        }
      }
      index -= 1
    }
    return nil
  }

  /// Whether a key part is a table anchor: `table`, or `table N`.
  static func isTableAnchor(_ part: String) -> Bool {
    if part == "table" { return true }
    guard part.hasPrefix("table ") else { return false }
    let number = part.dropFirst("table ".count)
    return !number.isEmpty && number.allSatisfy(\.isASCII) && number.allSatisfy(\.isNumber)
  }
}
