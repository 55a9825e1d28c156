import RecallMarkdown

/// Which axis of a comparison table holds the things compared.
///
/// The seed's table compares ECS, EKS and Lambda in its columns and lists their attributes
/// (방향성, 원리, 장점, …) in its rows: ``thingsInColumns``. A table such as
/// `| Verb | Description | Idempotent |` lists one thing per row: ``thingsInRows``. A table with a
/// single data row describes one thing, the section it sits in: ``singleRecord``.
///
/// The generator decides from evidence (see ``decide(_:)``); the author can say it instead,
/// for one table with an HTML comment on the line before (or after) it,
///
/// ```markdown
/// <!-- recall: things are columns -->
/// ```
///
/// or for every table of a note in its front matter, `recall-things: columns` (or `rows`).
public enum TableOrientation: String, Hashable, Sendable, Codable, CaseIterable {
  /// The header row names the things; the first column names their attributes.
  case thingsInColumns = "columns"
  /// The first column names the things; the header row names their attributes.
  case thingsInRows = "rows"
  /// One data row: each header names an attribute of the section's subject.
  case singleRecord = "single"

  /// First headers that name the attribute axis rather than a thing ("항목", "Item", ...).
  static let genericFirstHeaders: Set<String> = [
    "", "항목", "구분", "분류", "비교", "비교항목", "비교 항목", "기준", "비교 기준", "특징", "특성",
    "속성", "내용", "차이", "차이점", "item", "items", "category", "categories", "feature",
    "features", "aspect", "aspects", "attribute", "attributes", "property", "properties",
    "criteria", "criterion", "comparison", "compare", "vs", "vs.", "-", "/",
  ]

  /// The orientation the author asked for in `html` (an HTML comment), if any.
  ///
  /// The comment must mention `recall` and then `columns` or `rows`:
  /// `<!-- recall: things are columns -->`, `<!-- recall: things are rows -->`.
  public static func override(inComment html: String) -> TableOrientation? {
    let text = html.lowercased()
    guard text.hasPrefix("<!--"), let recall = text.range(of: "recall") else { return nil }
    let rest = text[recall.upperBound...]
    if rest.contains("column") { return .thingsInColumns }
    if rest.contains("row") { return .thingsInRows }
    return nil
  }

  /// The orientation a front-matter value asks for: `columns` or `rows`.
  public static func override(inFrontMatter value: String) -> TableOrientation? {
    let text = value.lowercased()
    if text.hasPrefix("column") { return .thingsInColumns }
    if text.hasPrefix("row") { return .thingsInRows }
    return nil
  }

  /// The front-matter field that sets the orientation of every table of a note.
  public static let frontMatterKey = "recall-things"

  /// Decides the orientation of `table` from its cells.
  ///
  /// A table with one data row is a ``singleRecord`` unless its first header is generic. A
  /// table whose header row names things and whose first column is no list of names (see
  /// ``TableCells/labelsNothing``) has its things in the columns. Otherwise the cells vote (see ``TableCells/votes()``): the axis whose cells cannot be names
  /// of things (sentences, repeats) does not hold the things (±2); the axis along which the
  /// values keep one shape (every cell a number, a yes or no, a short name) is an attribute's
  /// (±2); values that repeat along an axis are an attribute's (±1). The corner cell breaks a
  /// tie: empty, or a word for the attribute axis (`항목`, `구분`, `Item`, `Category`), it
  /// votes +2 for the header row naming the things. A total of 2 or more puts the things in the
  /// columns; anything less, in the rows (the record layout most notes use).
  public static func decide(_ table: Table) -> TableOrientation {
    let cells = TableCells(table)
    let first = (cells.header.first ?? "").lowercased()
    let isGeneric = genericFirstHeaders.contains(first)
    if table.rows.count == 1 && !isGeneric { return .singleRecord }
    if cells.labelsNothing { return .thingsInColumns }
    let score = cells.votes().reduce(isGeneric ? 2 : 0) { $0 + $1.weight }
    return score >= 2 ? .thingsInColumns : .thingsInRows
  }

  /// Whether `table` is a grid of values rather than a table of facts: neither its header row
  /// nor its first column names anything, every cell of both being a number or empty (the
  /// numbers 1 to 50 of a sieve of Eratosthenes). A grid gives no card.
  ///
  /// A series of numbers under variable names (`| X | Y |` over `| 1 | 5 |`, `| 2 | 8 |`) is a
  /// grid too: every body cell a number, every header at most two characters.
  public static func isGrid(_ table: Table) -> Bool {
    func text(_ cell: TableCell) -> String {
      InlineRendering.lines(cell.content.nodes).joinedText(separator: " ")
    }
    func isNumber(_ cell: TableCell) -> Bool {
      text(cell).allSatisfy { $0.isNumber || $0.isWhitespace || ".,-+%".contains($0) }
    }
    let names = table.header.cells + table.rows.compactMap(\.cells.first)
    if names.allSatisfy(isNumber) { return true }
    return !table.rows.isEmpty && table.header.cells.allSatisfy { text($0).count <= 2 }
      && table.rows.allSatisfy { $0.cells.allSatisfy(isNumber) }
  }

  static func isBoldOnly(_ nodes: [Inline]) -> Bool {
    let visible = nodes.filter { node in
      if case .text(let text) = node { return !text.trimmed.isEmpty }
      return true
    }
    guard visible.count == 1, case .strong = visible[0] else { return false }
    return true
  }
}
