import RecallMarkdown

/// Tables of contents give no card: sections headed `목차` or `Contents`, and lists that only
/// point at the note's own sections.
enum ContentsRule {
  /// Whether `list` is a table of contents: linked (see ``Rendering/isTableOfContents(_:)``),
  /// or a list of three items or more of which at least four in five are, whole, the title of
  /// a heading of the note (`* App Life Cycle`, `* View Life Cycle`, … over `## App Life
  /// Cycle`, `## View Life Cycle`, …), without links.
  static func isContents(_ list: ListBlock, in outline: NoteOutline) -> Bool {
    if Rendering.isTableOfContents(list) { return true }
    guard list.items.count >= 3 else { return false }
    let headings = outline.headingTexts
    let named = list.items.filter { item in
      guard let nodes = Rendering.firstLine(of: item) else { return false }
      return headings.contains(ComparableText.of(InlineRendering.text(nodes)))
    }
    return named.count * 5 >= list.items.count * 4
  }

  /// Whether `title`, lowercased, is one of ``contentsHeadings``.
  ///
  /// Lowercasing plain text keeps its length in bytes, and plain texts are equal when their
  /// bytes are: a plain title longer than every contents heading is none of them, told
  /// without lowercasing it.
  static func isContentsHeading(_ title: String) -> Bool {
    if title.utf8.count > longestContentsHeading && PlainText.isPlain(title) { return false }
    return contentsHeadings.contains(title.lowercased())
  }

  /// The length in bytes of the longest of ``contentsHeadings``.
  static let longestContentsHeading = contentsHeadings.map(\.utf8.count).max() ?? 0

  /// Headings of tables of contents, whose sections are not asked about.
  static let contentsHeadings: Set<String> = [
    "table of contents", "contents", "toc", "index", "목차", "차례", "содержание", "目录", "目錄", "目次",
  ]
}
