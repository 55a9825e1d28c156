import RecallMarkdown

extension NoteReader {
  /// A table seen as things and their attributes, whatever its orientation.
  struct Comparison {
    /// The things compared, by name, with the line each one's cells are on (0: per cell).
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
  }

  /// Makes the cards of a comparison table in the section at `path`, or a stub if it has no
  /// filled cells.
  mutating func readTable(
    _ table: Table, override: TableOrientation?, path: [String], title: String
  ) {
    guard tablesRead.insert(table.location.line).inserted else { return }
    let table = NoteReader.withLabelsInHeader(table)
    guard !TableOrientation.isGrid(table) else { return }
    let orientation = override ?? TableOrientation.decide(table)
    let probe = NoteReader.comparison(of: table, orientation: orientation, title: title)
    guard probe.values.contains(where: { $0.contains { !$0.isEmpty } }) else {
      addStub(.emptyTable, line: table.location.line, phrasing.emptyTable(title))
      return
    }
    let (anchor, numberedTitle) = ordinal("table", in: path, title: title)
    // Only a single record's thing is named by the title: rename it rather than read again.
    var comparison = probe
    if orientation == .singleRecord { comparison.things = [numberedTitle] }
    let title = numberedTitle
    let single = orientation == .singleRecord
    // Every name and value is normalized once, not once per comparison with another.
    // Compared as keys: equal ones tell so by bytes, different ones by their hashes.
    let plainThings = comparison.things.map { TextKey(normalized($0)) }
    var reverse: [(thing: Int, attribute: Int, group: String?)] = []
    for (a, attribute) in comparison.attributes.enumerated() {
      let column = comparison.things.indices.map { comparison.values[$0][a] }
      if !comparison.attributesNamed {
        // Unnamed rows are only asked in reverse, for the values no other thing shares.
        let plains = column.map { TextKey(normalized($0.joinedText())) }
        for t in column.indices where !column[t].isEmpty {
          if plains.indices.filter({ plains[$0] == plains[t] }).count == 1 {
            reverse.append((t, a, nil))
          }
        }
        continue
      }
      // A cell's lines joined with or without line breaks normalize alike: breaks are
      // whitespace.
      let plains = column.map { TextKey(normalized($0.joinedText())) }
      let filled = column.indices.filter { !column[$0].isEmpty }.map { plains[$0] }
      // An attribute that is the same for three or more things tells nothing apart.
      if filled.count >= 3 && Set(filled).count == 1 { continue }
      // A column of references only points elsewhere.
      if Navigation.isReferenceHeading(attribute) { continue }
      let plainAttribute = TextKey(normalized(attribute))
      // Made once per column rather than once per cell: each cell's answer, how many cells
      // share each value, and whether a filled cell is the first of its value.
      let answers = column.map { $0.joinedText(separator: "\n") }
      var counts: [TextKey: Int] = [:]
      counts.reserveCapacity(plains.count)
      for plain in plains { counts[plain, default: 0] += 1 }
      var isFirstOfValue = [Bool](repeating: false, count: column.count)
      var values = Set<TextKey>()
      for other in column.indices where !column[other].isEmpty {
        isFirstOfValue[other] = values.insert(plains[other]).inserted
      }
      for (t, thing) in comparison.things.enumerated() {
        let value = column[t]
        guard !value.isEmpty else { continue }
        let answer = answers[t]
        let plain = plains[t]
        guard plain != plainAttribute, single || plain != plainThings[t] else { continue }
        // Other things' values, identical ones merged, in table order: the right one, and the
        // first cell of every other value.
        var options: [Int] = []
        var rightPosition = 0
        for other in column.indices where !column[other].isEmpty {
          if other == t {
            rightPosition = options.count
            options.append(other)
          } else if isFirstOfValue[other] && plains[other] != plain {
            options.append(other)
          }
        }
        let choices = Choices.around(rightPosition, in: options).map { answers[$0] }
        let cellAnchor = single ? [anchor, attribute] : [anchor, thing, attribute]
        let prompt = phrasing.path(single ? [title, attribute] : [title, thing, attribute])
        guard
          let index = add(
            .tableCell, anchor: cellAnchor, context: path,
            line: comparison.lines[t][a], prompt: prompt, answer: answer,
            choices: choices.count >= 2 ? choices : [])
        else { continue }
        cards[index].orientation = orientation
        let shared = (counts[plain] ?? 0) > 1
        if !single && comparison.things.count >= 2 && !shared {
          reverse.append((t, a, cards[index].key))
        }
      }
    }
    for (t, a, group) in reverse {
      let thing = comparison.things[t]
      let attribute = comparison.attributes[a]
      var options: [String] = []
      var rightPosition = 0
      for (other, name) in comparison.things.enumerated() where !comparison.values[other][a].isEmpty
      {
        if other == t { rightPosition = options.count }
        options.append(name)
      }
      let choices = Choices.around(rightPosition, in: options)
      // The clue never shows the thing it asks for; without enough words of its own, no card.
      guard let clue = ClueMask.masked(comparison.values[t][a], hiding: thing) else { continue }
      let index = add(
        .tableThing, anchor: [anchor, thing, attribute, "which"], context: path,
        line: comparison.lines[t][a],
        prompt: phrasing.whichThing(
          title: ClueMask.title(title, path: path, hiding: thing),
          attribute: comparison.attributesNamed ? attribute : phrasing.trait, values: clue),
        answer: thing, choices: choices.count >= 2 ? choices : [], siblingGroup: group)
      if let index { cards[index].orientation = orientation }
    }
  }

  /// The orientation an HTML comment right before (or, failing that, right after) the table at
  /// `index` asks for, else the note's.
  func orientationOverride(near index: Int, in blocks: [Block]) -> TableOrientation? {
    if index > 0, case .htmlBlock(let html) = blocks[index - 1],
      let found = TableOrientation.override(inComment: html.html)
    {
      return found
    }
    if index + 1 < blocks.count, case .htmlBlock(let html) = blocks[index + 1],
      let found = TableOrientation.override(inComment: html.html)
    {
      let nextIsTable: Bool = {
        guard index + 2 < blocks.count, case .table = blocks[index + 2] else { return false }
        return true
      }()
      if !nextIsTable { return found }
    }
    return noteOrientation
  }

  /// The things, attributes and values of `table` read in `orientation`.
  ///
  /// A header cell of several lines (`ECS <br>(Elastic Container Service)`) is named by its
  /// first line; rows and columns without a name are left out; a name that repeats gets
  /// ` (2)`, ` (3)`, … so that every card stays apart.
  static func comparison(of table: Table, orientation: TableOrientation, title: String)
    -> Comparison
  {
    let header = table.header.cells.map { cellLines($0) }
    let rows = table.rows.map { row in row.cells.map { cellLines($0) } }
    var things: [String] = []
    var attributes: [String] = []
    var values: [[[String]]] = []
    var lines: [[Int]] = []
    func cell(_ row: Int, _ column: Int) -> [String] {
      rows[row].indices.contains(column) ? rows[row][column] : []
    }
    switch orientation {
    case .thingsInColumns where TableCells(table).labelsNothing:
      let thingColumns = header.indices.filter { !(header[$0].first ?? "").isEmpty }
      let valueRows = rows.indices.filter { row in thingColumns.contains { !cell(row, $0).isEmpty } }
      things = unique(thingColumns.map { header[$0][0] })
      attributes = valueRows.map { String($0 + 1) }
      values = thingColumns.map { column in valueRows.map { cell($0, column) } }
      lines = thingColumns.map { _ in valueRows.map { table.rows[$0].location.line } }
      var comparison = Comparison(things: things, attributes: attributes, values: values, lines: lines)
      comparison.attributesNamed = false
      return comparison
    case .thingsInColumns:
      let thingColumns = header.indices.dropFirst().filter { !(header[$0].first ?? "").isEmpty }
      let attributeRows = rows.indices.filter { !cell($0, 0).isEmpty }
      things = unique(thingColumns.map { header[$0][0] })
      attributes = unique(attributeRows.map { cell($0, 0).joinedText(separator: " ") })
      values = thingColumns.map { column in attributeRows.map { cell($0, column) } }
      lines = thingColumns.map { _ in attributeRows.map { table.rows[$0].location.line } }
    case .thingsInRows:
      let label = labelColumn(of: table, rows: rows)
      // A label cell with more than its bold name describes the thing: that rest stays an
      // attribute (`MapReduce › System?` → `Distributed data processing from Google`).
      let describes = !label.rests.isEmpty
      let attributeColumns = header.indices.filter {
        ($0 != label.column || describes) && !header[$0].isEmpty
      }
      let thingRows = rows.indices.filter { !cell($0, label.column).isEmpty }
      things = unique(thingRows.map { label.names[$0] ?? cell($0, label.column).joinedText(separator: " ") })
      attributes = unique(attributeColumns.map { header[$0].joinedText(separator: " ") })
      values = thingRows.map { row in
        attributeColumns.map { $0 == label.column ? label.rests[row].map { [$0] } ?? [] : cell(row, $0) }
      }
      lines = thingRows.map { row in attributeColumns.map { _ in table.rows[row].location.line } }
    case .singleRecord:
      let attributeColumns = header.indices.filter { !header[$0].isEmpty }
      things = [title]
      attributes = unique(attributeColumns.map { header[$0].joinedText(separator: " ") })
      values = [attributeColumns.map { cell(0, $0) }]
      lines = [attributeColumns.map { _ in table.rows.first?.location.line ?? table.location.line }]
    }
    return Comparison(things: things, attributes: attributes, values: values, lines: lines)
  }

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
