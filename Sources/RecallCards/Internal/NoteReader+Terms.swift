import RecallMarkdown

/// Paragraphs and glossary terms: `**term:** definition` lines, defining sentences, bold
/// questions and the reverse cards of terms.
extension NoteReader {
  /// Reads a paragraph: its term lines become terms, the rest is returned as content.
  /// Returns whether the following list was used as the answer of a bold label.
  mutating func readParagraph(
    _ paragraph: Paragraph, followedBy list: ListBlock?, sectionIndex: Int, title: String
  ) -> (content: [String], usedList: Bool) {
    let section = outline.sections[sectionIndex]
    let lines = InlineRendering.nodeLines(paragraph.content.nodes)
    var content: [String] = []
    var current: (term: String, definition: [String], line: Int)?
    var usedList = false
    var pending: [(term: String, definition: [String], line: Int)] = []
    for (nodes, offset) in lines {
      if Navigation.isLinkOnly(nodes) { continue }
      if let found = TermForm.bold(nodes) {
        if let current { pending.append(current) }
        current = (
          found.term, found.definition.isEmpty ? [] : [found.definition],
          paragraph.location.line + offset
        )
      } else if current != nil {
        current?.definition += InlineRendering.lines(nodes)
      } else if lines.count == 1, list != nil, TableOrientation.isBoldOnly(nodes),
        TermForm.isShortName(InlineRendering.text(nodes).trimmed)
      {
        // A bold name over a list labels it; a bold sentence (`**Clarify with your interviewer
        // if …**`) is content like any other line.
        current = (InlineRendering.text(nodes).trimmed, [], paragraph.location.line + offset)
      } else {
        let text = InlineRendering.lines(nodes)
        // A line that is one defining sentence is a term of its own (`해시는 …이다.`).
        if text.count == 1, let found = ProseDefinition.parse(text[0], title: title) {
          pending.append((found.term, [found.sentence], paragraph.location.line + offset))
        } else {
          content += text
          if text.count == 1 {
            addClozes(
              nodes, line: text[0], at: paragraph.location.line + offset, context: section.path,
              title: title)
          }
        }
      }
    }
    // A bold label with nothing after it takes the list below: as its answer, or, when the
    // list holds `label: text` items of its own, as the group of those labels.
    var group: (label: String, line: Int, list: ListBlock)?
    if var last = current {
      if last.definition.isEmpty, let list {
        if NoteReader.hasLabelItems(list) {
          group = (last.term, last.line, list)
        } else {
          last.definition = Rendering.plainLines(of: .list(list))
          usedList = !last.definition.isEmpty
          pending.append(last)
        }
      } else {
        pending.append(last)
      }
    }
    for entry in pending {
      addTerm(
        entry.term, definition: entry.definition, line: entry.line,
        context: section.path, title: title)
    }
    if let group {
      let leftovers = readList(
        group.list, sectionIndex: sectionIndex, title: title, labelsMode: true,
        groups: [group.label])
      if !leftovers.isEmpty {
        addLabel(
          group.label, answer: leftovers, groups: [], line: group.line,
          sectionIndex: sectionIndex, title: title)
      }
      usedList = true
    }
    return (content, usedList)
  }

  /// The question of a paragraph that is only a bold question (`**그래도 해시 테이블을 쓰는
  /// 이유는?**`, `***RAM은 휘발성 아닌가요? 껐다키면…***`), if it is one.
  static func boldQuestion(_ paragraph: Paragraph) -> String? {
    var nodes = paragraph.content.nodes
    // `***…***` is bold inside emphasis.
    if nodes.count == 1, case .emphasis(let children) = nodes[0] { nodes = children }
    guard TableOrientation.isBoldOnly(nodes) else { return nil }
    let text = InlineRendering.text(nodes).trimmed
    guard !TermForm.containsLineFeed(text), text.contains("?") || text.contains("？"),
      PlainText.hasAtMostCharacters(text, 120)
    else { return nil }
    return text
  }

  /// Whether some item of `list` is a `label: text` (or bold term) item.
  static func hasLabelItems(_ list: ListBlock) -> Bool {
    list.items.contains { item in
      guard let nodes = Rendering.firstLine(of: item) else { return false }
      return TermForm.bold(nodes) != nil || TermForm.plain(nodes) != nil
    }
  }

  /// Adds a term card and its definition card, or a stub if the term has no definition.
  mutating func addTerm(
    _ term: String, definition: [String], line: Int, context: [String], title: String
  ) {
    guard !Navigation.isReferenceHeading(term) else { return }
    guard !definition.isEmpty else {
      addStub(.termWithoutDefinition, line: line, phrasing.termWithoutDefinition(term))
      return
    }
    let answer = definition.joinedText(separator: "\n")
    guard !ComparableText.equal(answer, term) else { return }
    guard
      let termCard = add(
        .term, anchor: ["term", term], context: context, line: line,
        prompt: phrasing.path([title, term]), answer: answer)
    else { return }
    let group = cards[termCard].key
    // The clue never shows the term it asks for; without enough words of its own, no card.
    if let clue = ClueMask.masked(AnswerLead.split(definition).lead, hiding: term),
      let definitionCard = add(
        .definition, anchor: ["term", term, "which"], context: context,
        line: line,
        prompt: phrasing.whichTerm(
          title: ClueMask.title(title, path: context, hiding: term), definition: clue),
        answer: term,
        siblingGroup: group)
    {
      terms.append(TermEntry(name: term, definitionCard: definitionCard))
    }
  }

  /// Gives each definition card the choice of its term among up to three other terms of the
  /// note, the nearest ones in note order, listed in note order.
  mutating func fillDefinitionChoices() {
    // Each term's name is normalized once; the first term of each normalized name stays.
    var names: [String] = []
    var positions: [TextKey: Int] = [:]
    positions.reserveCapacity(terms.count)
    let plains = terms.map { TextKey(normalized($0.name)) }
    for (entry, plain) in zip(terms, plains) where positions[plain] == nil {
      positions[plain] = names.count
      names.append(entry.name)
    }
    for (entry, plain) in zip(terms, plains) {
      guard let position = positions[plain] else { continue }
      let choices = Choices.around(position, in: names)
      if choices.count >= 2 { cards[entry.definitionCard].choices = choices }
    }
  }

  /// Makes sure that two cards of the note never ask the same question for different answers.
  ///
  /// Such prompts (two `### enQueue` sections under different parents, a term and a section of
  /// the same name) are first widened with the heading above them, as long as there is one;
  /// prompts still alike get the kind of card they are (`(용어)`, `(section)`), and cards of one
  /// kind a number, `(2)`, `(3)`, in note order.
  mutating func separateSamePrompts() {
    func clashes() -> [[Int]] {
      // Each prompt's first card, and the cards of the prompts that repeat: most prompts are
      // asked once and need no list of their own.
      var first: [TextKey: Int] = [:]
      first.reserveCapacity(cards.count)
      var repeated: [Int: [Int]] = [:]
      for index in cards.indices {
        let prompt = TextKey(cards[index].prompt)
        if let head = first[prompt] {
          repeated[head, default: [head]].append(index)
        } else {
          first[prompt] = index
        }
      }
      return repeated.values.filter { indexes in
        Set(indexes.map { cards[$0].answer }).count > 1
      }.sorted { $0[0] < $1[0] }
    }
    // Prompts change only when one is widened, so the clashes are found again only then.
    var groups = clashes()
    for _ in 0..<6 {
      var widened = false
      for group in groups {
        for index in group {
          let card = cards[index]
          guard PlainText.hasSuffix(card.prompt, "?") else { continue }
          let parts = card.prompt.dropLast().components(separatedBy: Phrasing.separator)
          guard let first = parts.first, let at = card.context.lastIndex(of: first), at > 0
          else { continue }
          cards[index].prompt = phrasing.path([card.context[at - 1]] + parts)
          widened = true
        }
      }
      if !widened { break }
      groups = clashes()
    }
    for group in groups {
      let kinds = Set(group.map { cards[$0].kind })
      var seen: [CardKind: Int] = [:]
      for index in group {
        let kind = cards[index].kind
        seen[kind, default: 0] += 1
        var marks: [String] = []
        if kinds.count > 1 { marks.append(phrasing.qualifier(kind)) }
        if let number = seen[kind], number > 1 { marks.append(String(number)) }
        if !marks.isEmpty { cards[index].prompt += " (\(marks.joined(separator: " ")))" }
      }
    }
  }
}
