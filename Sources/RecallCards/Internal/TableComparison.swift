import RecallMarkdown

/// A table seen as things and their attributes, whatever its orientation.
///
/// A header cell of several lines (`ECS <br>(Elastic Container Service)`) is named by its
/// first line; rows and columns without a name are left out; a name that repeats gets ` (2)`,
/// ` (3)`, … so that every card stays apart.
struct TableComparison {
  /// The things compared, by name.
  var things: [String]
  /// The attributes, by name.
  var attributes: [String]
  /// `values[thing][attribute]`: the cell's lines, empty for an empty cell.
  var values: [[[String]]]
  /// `lines[thing][attribute]`: the line of the cell.
  var lines: [[Int]]
  /// Whether the attributes have names; when not (see ``TableCells/labelsNothing``), they
  /// are numbered rows, and only asked in reverse: which thing is like this?
  var attributesNamed = true

  /// The things, attributes and values of `table` read in `orientation`; a single record's
  /// thing is `title`.
  init(of table: Table, orientation: TableOrientation, title: String) {
    let header = table.header.cells.map { TableComparison.cellLines($0) }
    let rows = table.rows.map { row in row.cells.map { TableComparison.cellLines($0) } }
    func cell(_ row: Int, _ column: Int) -> [String] {
      rows[row].indices.contains(column) ? rows[row][column] : []
    }
    let unique = TableComparison.unique
    switch orientation {
    case .thingsInColumns where TableCells(table).labelsNothing:
      let thingColumns = header.indices.filter { !(header[$0].first ?? "").isEmpty }
      let valueRows = rows.indices.filter { row in
        thingColumns.contains { !cell(row, $0).isEmpty }
      }
      things = unique(thingColumns.map { header[$0][0] })
      attributes = valueRows.map { String($0 + 1) }
      values = thingColumns.map { column in valueRows.map { cell($0, column) } }
      lines = thingColumns.map { _ in valueRows.map { table.rows[$0].location.line } }
      attributesNamed = false
    case .thingsInColumns:
      let thingColumns = header.indices.dropFirst().filter { !(header[$0].first ?? "").isEmpty }
      let attributeRows = rows.indices.filter { !cell($0, 0).isEmpty }
      things = unique(thingColumns.map { header[$0][0] })
      attributes = unique(attributeRows.map { cell($0, 0).joinedText(separator: " ") })
      values = thingColumns.map { column in attributeRows.map { cell($0, column) } }
      lines = thingColumns.map { _ in attributeRows.map { table.rows[$0].location.line } }
    case .thingsInRows:
      let label = TableComparison.labelColumn(of: table, rows: rows)
      // A label cell with more than its bold name describes the thing: that rest stays an
      // attribute (`MapReduce › System?` → `Distributed data processing from Google`).
      let describes = !label.rests.isEmpty
      let attributeColumns = header.indices.filter {
        ($0 != label.column || describes) && !header[$0].isEmpty
      }
      let thingRows = rows.indices.filter { !cell($0, label.column).isEmpty }
      things = unique(
        thingRows.map { label.names[$0] ?? cell($0, label.column).joinedText(separator: " ") })
      attributes = unique(attributeColumns.map { header[$0].joinedText(separator: " ") })
      values = thingRows.map { row in
        attributeColumns.map {
          $0 == label.column ? label.rests[row].map { [$0] } ?? [] : cell(row, $0)
        }
      }
      lines = thingRows.map { row in attributeColumns.map { _ in table.rows[row].location.line } }
    case .singleRecord:
      let attributeColumns = header.indices.filter { !header[$0].isEmpty }
      things = [title]
      attributes = unique(attributeColumns.map { header[$0].joinedText(separator: " ") })
      values = [attributeColumns.map { cell(0, $0) }]
      lines = [attributeColumns.map { _ in table.rows.first?.location.line ?? table.location.line }]
    }
  }

  /// Whether some cell of the table is filled.
  var hasValues: Bool { values.contains { $0.contains { !$0.isEmpty } } }

  /// `table` with its first body row as its header when the header row is empty throughout:
  /// notes draw a table whose labels are in its first row with an empty row above the
  /// `|---|` line.
  static func withLabelsInHeader(_ table: Table) -> Table {
    guard table.rows.count >= 2,
      table.header.cells.allSatisfy({ InlineRendering.isBlank($0.content.nodes) }),
      table.rows[0].cells.filter({ !InlineRendering.isBlank($0.content.nodes) }).count >= 2
    else { return table }
    var labelled = table
    labelled.header = table.rows[0]
    labelled.rows.removeFirst()
    return labelled
  }

  /// The column that names the things of a table with one thing per row, and the names it
  /// gives (by row, where a cell's name is not its whole text).
  ///
  /// Usually the first column. But when the first column repeats itself (`| Type | System |`,
  /// with `Data store` in five rows), it groups the rows rather than naming them: the first
  /// other column whose every row is filled and names a different thing takes its place, and
  /// the first column becomes an attribute like the others. A cell that opens with a bold name
  /// (`**Bigtable** - Distributed database from Google`) is named by the bold part. A table with
  /// no such column keeps the first, its repeated names numbered.
  static func labelColumn(of table: Table, rows: [[[String]]])
    -> (column: Int, names: [Int: String], rests: [Int: String])
  {
    func text(_ row: Int, _ column: Int) -> String {
      rows[row].indices.contains(column) ? rows[row][column].joinedText(separator: " ") : ""
    }
    let filled = rows.indices.filter { row in rows[row].contains { !$0.isEmpty } }
    let first = filled.map { text($0, 0) }.filter { !$0.isEmpty }
    guard filled.count >= 2, Set(first).count < first.count else { return (0, [:], [:]) }
    let columns = table.header.cells.indices.dropFirst()
    for column in columns {
      var names: [Int: String] = [:]
      var rests: [Int: String] = [:]
      for row in filled {
        let cells = table.rows[row].cells
        guard cells.indices.contains(column) else { break }
        let whole = text(row, column)
        if let lead = boldLead(of: cells[column].content.nodes), whole.hasPrefix(lead) {
          names[row] = lead
          let rest = whole.dropFirst(lead.count).drop { " -–—:|".contains($0) }
          if !rest.isEmpty { rests[row] = String(rest) }
        } else {
          names[row] = whole
        }
      }
      let values = filled.compactMap { names[$0] }
      guard values.count == filled.count, !values.contains(where: \.isEmpty),
        Set(values).count == values.count, values.allSatisfy({ $0.count <= 60 })
      else { continue }
      return (column, names, rests)
    }
    return (0, [:], [:])
  }

  /// The bold text a cell opens with, when more text follows it: the name in
  /// `**Bigtable** - Distributed database`.
  static func boldLead(of nodes: [Inline]) -> String? {
    guard nodes.count >= 2, case .strong(let children) = nodes[0] else { return nil }
    let name = InlineRendering.lines(children).joinedText(separator: " ").trimmed
    return name.isEmpty ? nil : name
  }

  /// The lines of a cell: split at `<br>` and line breaks, bullet markers dropped, images and
  /// HTML left out.
  static func cellLines(_ cell: TableCell) -> [String] {
    InlineRendering.lines(cell.content.nodes).map { line in
      // Every marker starts with `-`, `*` or `•` (E2 80 A2), characters of one scalar that no
      // other text equals: a line whose first byte is none of theirs has none of them.
      guard let first = line.utf8.first, first == 0x2D || first == 0x2A || first == 0xE2 else {
        return line
      }
      for marker in ["- ", "• ", "* ", "-\t", "•\t"] where line.hasPrefix(marker) {
        return String(line.dropFirst(marker.count)).trimmed
      }
      return line
    }.filter { !$0.isEmpty && $0 != "-" && $0 != "•" }
  }

  /// `names` with repeats renamed `name (2)`, `name (3)`, ….
  static func unique(_ names: [String]) -> [String] {
    var seen: [String: Int] = [:]
    return names.map { name in
      let count = (seen[name] ?? 0) + 1
      seen[name] = count
      return count == 1 ? name : "\(name) (\(count))"
    }
  }
}
