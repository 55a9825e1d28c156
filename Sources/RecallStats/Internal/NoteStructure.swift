/// Where a card sits in its note's structure, read from its key, kind and heading path.
///
/// The card generator's keys are the heading path and an anchor joined by ` › `
/// (`Card.key`). A table cell's anchor is `table` (`table 2`, … for later tables of a section),
/// then the thing and the attribute; the reverse card ("which thing?") adds `which`. A table of
/// a single record has no thing in its anchor: its thing is the section's title. A key that
/// repeats in a note gets ` #2`, ` #3`, … at its end.
///
/// Keys are read byte by byte from their end: the stats read a hundred thousand of them.
enum NoteStructure {
  /// The UTF-8 bytes of the separator ` › `.
  static let separator: [UInt8] = [0x20, 0xE2, 0x80, 0xBA, 0x20]

  /// The table and compared thing of a table card; `nil` for other cards or an unknown key.
  static func tableThing(key: String, kind: String, context: [String]) -> (table: String, thing: String)? {
    guard let found = tableThingBytes(key: key, kind: kind) else { return nil }
    return (
      String(decoding: found.table, as: UTF8.self),
      found.thing.map { String(decoding: $0, as: UTF8.self) } ?? context.last ?? ""
    )
  }

  /// The UTF-8 bytes of the table and the compared thing of a table card (`thing` is `nil` for a
  /// table of a single record, whose thing is its section); `nil` for other cards.
  static func tableThingBytes(key: String, kind: String) -> (table: ArraySlice<UInt8>, thing: ArraySlice<UInt8>?)? {
    let isCell = kind == "tableCell"
    guard isCell || kind == "tableThing" else { return nil }
    let bytes = Array(key.utf8)
    // The byte ranges of the last parts, last first.
    var parts: [Range<Int>] = []
    var end = bytes.count
    var index = bytes.count - separator.count
    while index >= 0 && parts.count < 4 {
      if bytes[index] == 0x20 && bytes[index + 1] == 0xE2 && bytes[index + 2] == 0x80
        && bytes[index + 3] == 0xBA && bytes[index + 4] == 0x20
      {
        parts.append((index + separator.count)..<end)
        end = index
        index -= separator.count
      } else {
        index -= 1
      }
    }
    if parts.count < 4 { parts.append(0..<end) }
    if isCell {
      if parts.count >= 3, isTableAnchor(bytes[parts[2]]) { return (bytes[parts[2]], bytes[parts[1]]) }
      if parts.count >= 2, isTableAnchor(bytes[parts[1]]) { return (bytes[parts[1]], nil) }
      return nil
    }
    if parts.count >= 4, isTableAnchor(bytes[parts[3]]) { return (bytes[parts[3]], bytes[parts[2]]) }
    return nil
  }

  /// Whether a key part is a table anchor: `table`, or `table N`.
  static func isTableAnchor(_ part: ArraySlice<UInt8>) -> Bool {
    let table: [UInt8] = [0x74, 0x61, 0x62, 0x6C, 0x65]
    guard part.count >= 5, part.prefix(5).elementsEqual(table) else { return false }
    if part.count == 5 { return true }
    let rest = part.dropFirst(5)
    guard rest.first == 0x20, rest.count >= 2 else { return false }
    return rest.dropFirst().allSatisfy { (0x30...0x39).contains($0) }
  }
}
