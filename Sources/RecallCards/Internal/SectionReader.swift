import RecallMarkdown

/// Reads one section of a note: walks its blocks in order and hands each to the rule for its
/// shape; what the rules leave of its paragraphs and lists becomes the section's own card.
///
/// Tables go to ``TableRule``; paragraphs to ``ChainRule`` (arrow chains), ``DefinitionRule``
/// (a bold question and the paragraph that answers it) and ``GlossaryRule`` (terms, defining
/// sentences, clozes); lists to ``ContentsRule`` (a table of contents gives nothing),
/// ``SequenceRule`` (numbered lists whose order matters) and ``SetRule``; quotes to
/// ``ChainRule``. A table of contents or a list of references as a whole section gives no
/// card; an empty heading gives a stub (``SectionRule``).
enum SectionReader {
  /// Reads the section at `place` into `sink`.
  static func read(_ place: SectionPlace, into sink: inout CardSink) {
    let section = place.section
    let blocks = section.body
    let contentIndexes = blocks.indices.filter { NoteOutline.isContent(blocks[$0]) }
    if SectionRule.readEmpty(contentIndexes.count, in: place, into: &sink) { return }
    // A table of contents only points at the note's own sections.
    if ContentsRule.isContentsHeading(section.title) { return }
    // Nor does a list of references: it only points elsewhere.
    if Navigation.isReferenceHeading(section.title) { return }
    let outline = place.outline
    // A section whose only content is a bulleted list reads its `label: text` items as labels.
    let labelsMode: Bool = {
      guard contentIndexes.count == 1, case .list(let list) = blocks[contentIndexes[0]] else {
        return false
      }
      return !list.isOrdered
    }()
    var content: [String] = []
    var consumed = Set<Int>()
    for blockIndex in blocks.indices where !consumed.contains(blockIndex) {
      switch blocks[blockIndex] {
      case .table(let table):
        TableRule.read(table, at: blockIndex, of: blocks, in: place, into: &sink)
      case .paragraph(let paragraph):
        ChainRule.read(paragraph, in: place, into: &sink)
        let next = blockIndex + 1 < blocks.count ? blocks[blockIndex + 1] : nil
        if case .paragraph(let answer) = next,
          DefinitionRule.readQuestion(paragraph, answeredBy: answer, in: place, into: &sink)
        {
          consumed.insert(blockIndex + 1)
          continue
        }
        var following: ListBlock?
        if case .list(let list) = next, !ContentsRule.isContents(list, in: outline) {
          following = list
        }
        let (lines, usedList) = GlossaryRule.read(
          paragraph, followedBy: following, in: place, into: &sink)
        content += lines
        if usedList { consumed.insert(blockIndex + 1) }
      case .list(let list):
        if ContentsRule.isContents(list, in: outline) { break }
        var introduction = ""
        if blockIndex > 0, case .paragraph(let paragraph) = blocks[blockIndex - 1] {
          introduction = InlineRendering.text(paragraph.content.nodes)
        }
        if SequenceRule.readIfSequence(list, introduction: introduction, in: place, into: &sink) {
          break
        }
        content += SetRule.readItems(
          of: list, in: place, labelsMode: labelsMode, groups: [], into: &sink)
      case .blockQuote(let quote):
        ChainRule.read(quote, in: place, into: &sink)
      default:
        break
      }
    }
    SectionRule.add(content, in: place, into: &sink)
  }
}
