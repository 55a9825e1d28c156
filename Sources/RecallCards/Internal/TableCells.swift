import RecallMarkdown

/// A table's cells as text, and what they say about which axis names the things compared.
///
/// Names of things are short and distinct (`Cookie`, `GET`, `S3 Standard`); attribute labels
/// head cells that are all of one shape (every `Idempotent` cell a yes or a no, every price a
/// number), and an attribute's values repeat across things (`Mutable`, `Mutable`). The cells
/// of both axes are weighed the same way, so the header row is not taken for attribute labels
/// because it comes first.
struct TableCells {
  /// What a cell's text looks like.
  enum Shape: Hashable {
    case empty
    /// Digits with their signs and units: `99.9%`, `$23`, `404`, `1m 5s`.
    case number
    /// A yes, a no, a tick or a dash.
    case flag
    /// A short name: at most 20 characters and three words.
    case name
    /// Longer than a name, shorter than a sentence.
    case phrase
    /// A sentence: it ends like one, or runs over 40 characters or seven words.
    case sentence

    /// Whether a thing could be called by a text of this shape.
    var isName: Bool { self == .name || self == .number || self == .flag }
  }

  /// The header row's cells, each one's first line (`ECS` of `ECS <br>(Elastic Container
  /// Service)`), as the cards name them.
  let header: [String]
  /// The body rows' cells, each one's lines joined by spaces; a short row is padded with
  /// empty cells.
  let rows: [[String]]

  init(_ table: Table) {
    func text(_ cell: TableCell) -> String {
      InlineRendering.lines(cell.content.nodes).joinedText(separator: " ").trimmed
    }
    header = table.header.cells.map { (InlineRendering.lines($0.content.nodes).first ?? "").trimmed }
    let width = header.count
    rows = table.rows.map { row in
      let cells = row.cells.prefix(width).map(text)
      return cells + Array(repeating: "", count: max(0, width - cells.count))
    }
  }

  /// Words and signs that answer yes or no.
  static let flags: Set<String> = [
    "yes", "no", "y", "n", "o", "x", "true", "false", "✓", "✔", "✗", "✘", "-", "–", "—",
    "가능", "불가능", "불가", "있음", "없음", "지원", "미지원", "예", "아니오", ":+1:", "👍",
  ]

  /// The shape of `text`.
  static func shape(_ text: String) -> Shape {
    let text = text.trimmed
    if text.isEmpty { return .empty }
    let lower = ComparableText.lowercased(text)
    if flags.contains(lower) { return .flag }
    // Characters, digits and letters counted in one walk (every cell is shaped several times).
    var characters = 0
    var digits = 0
    var letters = 0
    for character in text {
      characters += 1
      if PlainText.isNumber(character) { digits += 1 }
      if PlainText.isLetter(character) { letters += 1 }
    }
    if digits > 0 && letters <= 3 && characters <= 16 { return .number }
    let words = PlainText.wordCount(text)
    let endsLikeSentence =
      lower.hasSuffix(".") || lower.hasSuffix("다") || lower.hasSuffix("요") || lower.hasSuffix("。")
    if (endsLikeSentence && words >= 3) || characters > 40 || words >= 7 { return .sentence }
    if characters > 20 || words >= 4 { return .phrase }
    return .name
  }

  /// The names along the first column (one per body row) and along the header (one per column
  /// after the first).
  var firstColumn: [String] { rows.map { $0.first ?? "" } }
  var headerNames: [String] { Array(header.dropFirst()) }

  /// How well `names` serve as names of things: 1 when all the filled ones are distinct and
  /// short, 0 when none is; `nil` when fewer than two are filled.
  static func nameQuality(_ names: [String]) -> Double? {
    let filled = names.filter { !$0.isEmpty }
    guard filled.count >= 2 else { return nil }
    let named = filled.filter { shape($0).isName }.count
    let distinct = Set(filled.map { $0.lowercased() }).count == filled.count
    return distinct ? Double(named) / Double(filled.count) : Double(named) / Double(filled.count) / 2
  }

  /// The share of the filled cells of each line that have the line's most common shape,
  /// averaged over the lines with at least two filled cells; `nil` without such a line.
  static func sameness(_ lines: [[String]]) -> Double? {
    var total = 0.0
    var counted = 0
    for line in lines {
      let shapes = line.map(shape).filter { $0 != .empty }
      guard shapes.count >= 2 else { continue }
      var counts: [Shape: Int] = [:]
      for shape in shapes { counts[shape, default: 0] += 1 }
      total += Double(counts.values.max() ?? 0) / Double(shapes.count)
      counted += 1
    }
    return counted == 0 ? nil : total / Double(counted)
  }

  /// The share of the filled cells of `lines` whose value another cell of the same line has.
  static func repeats(_ lines: [[String]]) -> Double {
    var repeated = 0
    var filled = 0
    for line in lines {
      let values = line.map { $0.lowercased() }.filter { !$0.isEmpty }
      var counts: [String: Int] = [:]
      for value in values { counts[value, default: 0] += 1 }
      filled += values.count
      repeated += values.filter { (counts[$0] ?? 0) > 1 }.count
    }
    return filled == 0 ? 0 : Double(repeated) / Double(filled)
  }

  /// Whether every header cell names a thing and no column labels the rows: the first column
  /// holds sentences like the others (`| Divide and Conquer | Dynamic Programming | Greedy |`
  /// over what each one does). Such a table is read with the things in the columns and its
  /// rows unnamed, never with the first column's sentences as things.
  ///
  /// The first column must be at least half phrases and sentences and at least 30% sentences,
  /// and so must the other cells be: a record table whose first column holds long names
  /// (`Access-Control-Allow-Credentials`), or questions beside links to their answers, keeps
  /// its header as attribute labels.
  var labelsNothing: Bool {
    guard let corner = header.first, !corner.isEmpty,
      !TableOrientation.genericFirstHeaders.contains(corner.lowercased()),
      let across = Self.nameQuality(header), across >= 0.75
    else { return false }
    func share(_ shapes: [Shape], _ included: (Shape) -> Bool) -> Double {
      shapes.isEmpty ? 0 : Double(shapes.filter(included).count) / Double(shapes.count)
    }
    let first = firstColumn.map(Self.shape).filter { $0 != .empty }
    let values = valueRows.joined().map(Self.shape).filter { $0 != .empty }
    guard first.count >= 2 else { return false }
    return share(first, { !$0.isName }) >= 0.5 && share(first, { $0 == .sentence }) >= 0.3
      && share(values, { !$0.isName }) >= 0.5 && share(values, { $0 == .sentence }) >= 0.3
  }

  /// The value cells (every body cell but the first of its row), row by row.
  var valueRows: [[String]] { rows.map { Array($0.dropFirst()) } }

  /// The value cells, column by column.
  var valueColumns: [[String]] {
    guard header.count > 1 else { return [] }
    return (1..<header.count).map { column in rows.map { $0[column] } }
  }

  /// The cells' votes for the things being in the columns (positive) or in the rows
  /// (negative), with the reason of each, for ``TableOrientation/decide(_:)``.
  func votes() -> [(weight: Int, reason: String)] {
    var votes: [(Int, String)] = []
    // Names: the axis whose cells cannot be names of things holds no things.
    if let down = Self.nameQuality(firstColumn), let across = Self.nameQuality(headerNames) {
      if down <= 0.5 && across >= 0.75 { votes.append((2, "the first column is no list of names")) }
      if across <= 0.5 && down >= 0.75 { votes.append((-2, "the header row is no list of names")) }
    }
    // Values: an attribute's values are of one shape, a thing's values of many.
    let rowsAlike = Self.sameness(valueRows)
    let columnsAlike = Self.sameness(valueColumns)
    if let rowsAlike, let columnsAlike, rows.count >= 2 {
      if rowsAlike - columnsAlike >= 0.2 { votes.append((2, "each row's values are of one shape")) }
      if columnsAlike - rowsAlike >= 0.2 {
        votes.append((-2, "each column's values are of one shape"))
      }
    }
    // Values again: an attribute's values repeat across things.
    if rows.count >= 2 && header.count >= 3 {
      let inRows = Self.repeats(valueRows)
      let inColumns = Self.repeats(valueColumns)
      if inRows - inColumns >= 0.25 { votes.append((1, "values repeat along the rows")) }
      if inColumns - inRows >= 0.25 { votes.append((-1, "values repeat down the columns")) }
    }
    return votes
  }
}
