import RecallMarkdown

/// Lists read as sets: their members are the answer of the section's card (any order), their
/// `label: text` items and short heads with content below become labels or terms of their
/// own, and a head whose children became cards is asked for them as an outline.
///
/// Numbered lists whose order matters are read first by ``SequenceRule``; tables and flows
/// nested in items are handed to ``TableRule`` and ``SequenceRule``.
enum SetRule {
  /// Reads a list, unless it is a table of contents: terms and labels become cards; the rest
  /// is returned as content lines. In `labelsMode` (a section whose only content is this
  /// bulleted list) a `label: text` item is a label rather than a term; `groups` are the heads
  /// of the items it is nested in.
  static func read(
    _ list: ListBlock, in place: SectionPlace, labelsMode: Bool, groups: [String],
    into sink: inout CardSink
  ) -> [String] {
    if ContentsRule.isContents(list, in: place.outline) { return [] }
    return readItems(of: list, in: place, labelsMode: labelsMode, groups: groups, into: &sink)
  }

  /// Reads every item of `list` (see ``read(_:in:labelsMode:groups:into:)``), without asking
  /// whether it is a table of contents.
  static func readItems(
    of list: ListBlock, in place: SectionPlace, labelsMode: Bool, groups: [String],
    into sink: inout CardSink
  ) -> [String] {
    var content: [String] = []
    for item in list.items {
      content += read(item, in: place, labelsMode: labelsMode, groups: groups, into: &sink)
    }
    return content
  }

  /// Whether some item of `list` is a `label: text` (or bold term) item.
  static func hasLabelItems(_ list: ListBlock) -> Bool {
    list.items.contains { item in
      guard let nodes = Rendering.firstLine(of: item) else { return false }
      return TermForm.bold(nodes) != nil || TermForm.plain(nodes) != nil
    }
  }

  /// Reads one list item: a term or label, a group of labels, or content returned as lines.
  static func read(
    _ item: ListItem, in place: SectionPlace, labelsMode: Bool, groups: [String],
    into sink: inout CardSink
  ) -> [String] {
    var blocks = item.blocks[...]
    var firstNodes: [Inline] = []
    var restLines: [String] = []
    var headIsHeading = false
    switch blocks.first {
    case .paragraph(let paragraph):
      let lines = InlineRendering.nodeLines(paragraph.content.nodes).filter {
        !Navigation.isLinkOnly($0.nodes)
      }
      firstNodes = lines.first?.nodes ?? []
      restLines = lines.dropFirst().flatMap { InlineRendering.lines($0.nodes) }
      blocks = blocks.dropFirst()
    case .heading(let heading):
      // A heading inside a list item (`1. ##### Read Uncommitted`) names the item.
      firstNodes = heading.content.nodes
      headIsHeading = true
      blocks = blocks.dropFirst()
    default:
      break
    }
    TableRule.readNested(in: blocks, in: place, into: &sink)
    SequenceRule.readNested(
      in: blocks, head: InlineRendering.text(firstNodes).trimmed, parent: place.title,
      in: place, into: &sink)
    let nestedLines = Rendering.plainLines(of: blocks)
    let line = item.location.line
    let bold = headIsHeading ? nil : TermForm.bold(firstNodes)
    let form = bold ?? (headIsHeading ? nil : TermForm.plain(firstNodes))
    // `- Roles:` over `**Project leads:** …` bullets names a group, not a term.
    let namesGroup =
      form.map { $0.definition.isEmpty && restLines.isEmpty } == true
      && blocks.contains { block in
        if case .list(let nested) = block { return hasLabelItems(nested) }
        return false
      }
    if let found = form, !namesGroup {
      let answer = ([found.definition] + restLines + nestedLines).filter { !$0.isBlank }
      if groups.isEmpty && (bold != nil || !labelsMode) {
        TermRule.add(found.term, definition: answer, line: line, in: place, into: &sink)
      } else {
        LabelRule.add(
          found.term, answer: answer, groups: groups, line: line, in: place, into: &sink)
      }
      return []
    }
    let head = namesGroup ? (form?.term ?? "") : InlineRendering.text(firstNodes).trimmed
    let own = (head.isEmpty ? [] : [head]) + restLines
    // A short head with content below it (nested bullets, quotes, paragraphs) is a label whose
    // answer is that content; nested `label: text` bullets become labels of their own.
    // Asked only of heads with content below them.
    var isName: Bool {
      headIsHeading
        ? PlainText.hasAtMostCharacters(head, 80)
        : TermForm.isShortName(head) && TermForm.isBalanced(head)
    }
    // A short name on the item's first line with its explanation on the next lines
    // (`2. 데이터의 무결성<br>여러 경로를 통해 …`) is a label of that explanation, and its name
    // stays in the parent's answer.
    if !restLines.isEmpty, nestedLines.isEmpty, !head.isEmpty, !headIsHeading,
      TermForm.isShortName(head), TermForm.isBalanced(head), PlainText.wordCount(head) <= 4
    {
      let cardsBefore = sink.count
      LabelRule.add(head, answer: restLines, groups: groups, line: line, in: place, into: &sink)
      // The parent asks for its children as an outline: their names, not their text.
      if sink.count > cardsBefore { return [head] }
    }
    if !nestedLines.isEmpty, restLines.isEmpty, !head.isEmpty, isName {
      let cardsBefore = sink.count
      var leftovers: [String] = []
      for block in blocks {
        guard case .list(let nested) = block else {
          leftovers += Rendering.plainLines(of: block)
          continue
        }
        if hasLabelItems(nested) {
          leftovers += read(
            nested, in: place, labelsMode: true, groups: groups + [head], into: &sink)
        } else {
          leftovers += Rendering.plainLines(of: block)
        }
      }
      if !leftovers.isEmpty {
        LabelRule.add(head, answer: leftovers, groups: groups, line: line, in: place, into: &sink)
      }
      if sink.count > cardsBefore { return [] }
    }
    return own + nestedLines.map { own.isEmpty ? $0 : "  " + $0 }
  }
}
