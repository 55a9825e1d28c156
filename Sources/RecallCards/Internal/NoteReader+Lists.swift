import RecallMarkdown

/// Lists: their `label: text` items and groups, and the numbered lists asked in order (flows).
extension NoteReader {
  /// Reads a list: terms, labels and flows become cards; the rest is returned as content.
  ///
  /// A numbered list is read as a flow only when the note says its order matters (see
  /// ``SequenceEvidence``); `introduction` is the paragraph right before it, if any.
  mutating func readList(
    _ list: ListBlock, sectionIndex: Int, title: String, labelsMode: Bool, groups: [String],
    introduction: String = ""
  ) -> [String] {
    if isContents(list) { return [] }
    if list.isOrdered && groups.isEmpty {
      let firstLines = list.items.map { Rendering.firstLine(of: $0) }
      let allTerms = firstLines.allSatisfy { nodes in
        guard let nodes else { return false }
        return TermForm.bold(nodes) != nil || TermForm.plain(nodes) != nil
      }
      let isSequence = SequenceEvidence.isSequence(
        items: firstLines.map { $0.map(InlineRendering.text) ?? "" },
        heading: outline.sections[sectionIndex].title, introduction: introduction)
      if !allTerms, isSequence, readFlow(list, sectionIndex: sectionIndex, title: title) {
        return []
      }
    }
    var content: [String] = []
    for item in list.items {
      content += readItem(
        item, sectionIndex: sectionIndex, title: title, labelsMode: labelsMode,
        groups: groups)
    }
    return content
  }

  /// Reads the tables among `blocks` and those in the lists nested in them, at any depth: a
  /// table in an item is named by the item's short head (`Method` over a table of HTTP
  /// methods), else by `title`. A table is read once, however many items hold it.
  mutating func readTables(in blocks: ArraySlice<Block>, path: [String], title: String) {
    for block in blocks {
      switch block {
      case .table(let table):
        readTable(table, override: noteOrientation, path: path, title: title)
      case .list(let list) where !Rendering.isTableOfContents(list):
        for item in list.items where item.blocks.count > 1 {
          let head = Rendering.firstLine(of: item).map { InlineRendering.text($0).trimmed } ?? ""
          let named = TermForm.isShortName(head) && TermForm.isBalanced(head)
          readTables(in: item.blocks.dropFirst(), path: path, title: named ? head : title)
        }
      default:
        break
      }
    }
  }

  /// Reads as flows the numbered lists nested in an item, at any depth, when the item that
  /// holds one says its order matters (`* 진행 순서` over `1. …`, `2. …`; see
  /// ``SequenceEvidence``). `blocks` are what follows the head `head` of an item whose parent
  /// is named `parent`. Each is asked by its item's head after its parent's (`Non-Blocking
  /// I/O › 진행 순서 › 첫 단계는?`), in the context of those heads (`title`, the section's, left
  /// out); a list is asked once, however it is reached. Its lines stay in the parent's answer.
  mutating func readNestedFlows(
    in blocks: ArraySlice<Block>, head: String, parent: String, sectionIndex: Int,
    title: String
  ) {
    for block in blocks {
      guard case .list(let list) = block, !isContents(list) else { continue }
      if list.isOrdered, !head.isEmpty, !flowsRead.contains(list.location.line) {
        let firstLines = list.items.map { Rendering.firstLine(of: $0).map(InlineRendering.text) ?? "" }
        if SequenceEvidence.isSequence(items: firstLines, heading: head, introduction: "") {
          flowsRead.insert(list.location.line)
          let groups = (parent == title ? [] : [parent]) + [head]
          _ = readFlow(
            list, sectionIndex: sectionIndex, title: Phrasing.joined(parent, head),
            groups: groups)
          continue
        }
      }
      for item in list.items where item.blocks.count > 1 {
        readNestedFlows(
          in: item.blocks.dropFirst(), head: NoteReader.head(of: item),
          parent: head.isEmpty ? parent : head, sectionIndex: sectionIndex, title: title)
      }
    }
  }

  /// The text of an item's first line, or of the heading it opens with.
  static func head(of item: ListItem) -> String {
    if case .heading(let heading) = item.blocks.first {
      return InlineRendering.text(heading.content.nodes).trimmed
    }
    return Rendering.firstLine(of: item).map { InlineRendering.text($0).trimmed } ?? ""
  }

  /// Reads one list item: a term or label, a group of labels, or content returned as lines.
  mutating func readItem(
    _ item: ListItem, sectionIndex: Int, title: String, labelsMode: Bool, groups: [String]
  ) -> [String] {
    let path = outline.sections[sectionIndex].path
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
    readTables(in: blocks, path: path, title: title)
    readNestedFlows(
      in: blocks, head: InlineRendering.text(firstNodes).trimmed, parent: title,
      sectionIndex: sectionIndex, title: title)
    let nestedLines = Rendering.plainLines(of: blocks)
    let line = item.location.line
    let bold = headIsHeading ? nil : TermForm.bold(firstNodes)
    let form = bold ?? (headIsHeading ? nil : TermForm.plain(firstNodes))
    // `- Roles:` over `**Project leads:** …` bullets names a group, not a term.
    let namesGroup =
      form.map { $0.definition.isEmpty && restLines.isEmpty } == true
      && blocks.contains { block in
        if case .list(let nested) = block { return NoteReader.hasLabelItems(nested) }
        return false
      }
    if let found = form, !namesGroup {
      let answer = ([found.definition] + restLines + nestedLines).filter { !$0.isBlank }
      if groups.isEmpty && (bold != nil || !labelsMode) {
        addTerm(found.term, definition: answer, line: line, context: path, title: title)
      } else {
        addLabel(
          found.term, answer: answer, groups: groups, line: line, sectionIndex: sectionIndex,
          title: title)
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
      let cardsBefore = cards.count
      addLabel(
        head, answer: restLines, groups: groups, line: line, sectionIndex: sectionIndex,
        title: title)
      // The parent asks for its children as an outline: their names, not their text.
      if cards.count > cardsBefore { return [head] }
    }
    if !nestedLines.isEmpty, restLines.isEmpty, !head.isEmpty, isName {
      let cardsBefore = cards.count
      var leftovers: [String] = []
      for block in blocks {
        guard case .list(let nested) = block else {
          leftovers += Rendering.plainLines(of: block)
          continue
        }
        if NoteReader.hasLabelItems(nested) {
          leftovers += readList(
            nested, sectionIndex: sectionIndex, title: title, labelsMode: true,
            groups: groups + [head])
        } else {
          leftovers += Rendering.plainLines(of: block)
        }
      }
      if !leftovers.isEmpty {
        addLabel(
          head, answer: leftovers, groups: groups, line: line, sectionIndex: sectionIndex,
          title: title)
      }
      if cards.count > cardsBefore { return [] }
    }
    return own + nestedLines.map { own.isEmpty ? $0 : "  " + $0 }
  }

  /// Adds a label card asked with its section and groups, or a stub if it has no text.
  mutating func addLabel(
    _ label: String, answer: [String], groups: [String], line: Int, sectionIndex: Int,
    title: String
  ) {
    guard !Navigation.isReferenceHeading(label) else { return }
    guard !answer.isEmpty else {
      addStub(.termWithoutDefinition, line: line, phrasing.termWithoutDefinition(label))
      return
    }
    let joined = answer.joinedText(separator: "\n")
    guard !ComparableText.equal(joined, label) else { return }
    let section = outline.sections[sectionIndex]
    add(
      .label, anchor: ["label", label], context: section.path + groups, line: line,
      prompt: phrasing.path([title] + groups + [label]), answer: joined)
  }

  /// Reads an ordered list as a flow if its steps are short (a line of at most 160 characters
  /// each); returns whether it did.
  ///
  /// A flow nested in items has their heads as `groups`: its context is the section's path
  /// and them.
  mutating func readFlow(
    _ list: ListBlock, sectionIndex: Int, title: String, groups: [String] = []
  ) -> Bool {
    let steps = list.items.map { item -> String in
      guard let nodes = Rendering.firstLine(of: item) else { return "" }
      return InlineRendering.text(nodes).trimmed
    }
    guard steps.count >= 2, steps.allSatisfy({ !$0.isEmpty && $0.count <= 160 }) else {
      return false
    }
    let plainSteps = steps.map(normalized)
    guard Set(plainSteps.map(TextKey.init)).count == steps.count else { return false }
    let section = outline.sections[sectionIndex]
    let context = section.path + groups
    let (anchor, title) = ordinal("flow", in: context, title: title)
    let orderKey = key(context: context, anchor: [anchor])
    for (position, step) in steps.enumerated() {
      let item = list.items[position]
      let prompt =
        position == 0
        ? phrasing.firstStep(flow: title)
        : phrasing.stepAfter(flow: title, step: steps[position - 1])
      var detailLines = Rendering.markedLines(of: item.blocks.dropFirst())
      if case .paragraph(let paragraph) = item.blocks.first {
        detailLines =
          Array(InlineRendering.lines(paragraph.content.nodes).dropFirst()) + detailLines
      }
      var detail = detailLines.isEmpty ? nil : detailLines.joined(separator: "\n")
      if detail == nil { detail = describingSection(of: step, after: sectionIndex) }
      var choices: [String] = []
      let excluded = position > 0 ? plainSteps[position - 1] : nil
      var candidates: [String] = []
      var candidatePlains: [String] = []
      var rightPosition = 0
      for (other, name) in steps.enumerated() {
        let plain = plainSteps[other]
        if other == position {
          rightPosition = candidates.count
          candidates.append(name)
          candidatePlains.append(plain)
          continue
        }
        if plain == excluded || plain == plainSteps[position] { continue }
        if candidatePlains.contains(plain) { continue }
        candidates.append(name)
        candidatePlains.append(plain)
      }
      choices = Choices.around(rightPosition, in: candidates)
      add(
        .flowStep, anchor: [anchor, step], context: context, line: item.location.line,
        prompt: prompt, answer: step, choices: choices.count >= 2 ? choices : [], detail: detail,
        siblingGroup: orderKey)
    }
    // Steps too long to put in order as a whole are asked one after the other only.
    let order = steps.joined(separator: "\n")
    guard !CardDefects.isLong(order) else { return true }
    add(
      .flowOrder, anchor: [anchor], context: context, line: list.location.line,
      prompt: phrasing.putInOrder(flow: title), answer: order,
      choices: Choices.scrambled(steps), siblingGroup: orderKey)
    return true
  }

  /// The content of the first section after `sectionIndex` whose heading names `step`
  /// (`## Route53` for the step "DNS (Route 53)"), as marked lines.
  mutating func describingSection(of step: String, after sectionIndex: Int) -> String? {
    let tokens = Rendering.nameTokens(step)
    guard !tokens.isEmpty else { return nil }
    let names =
      sectionNames
      ?? outline.sections.map { SectionName(Rendering.nameTokens($0.title).joined()) }
    sectionNames = names
    let tokenBytes = tokens.allSatisfy(PlainText.isPlain) ? tokens.map { Array($0.utf8) } : nil
    for index in names.indices.dropFirst(sectionIndex + 1) {
      let name = names[index].text
      guard !name.isEmpty else { continue }
      var found = false
      if let tokenBytes, let nameBytes = names[index].plainBytes {
        found = NoteReader.isRun(of: tokenBytes, spelling: nameBytes)
      } else {
        let nameLength = name.count
        for start in tokens.indices where !found {
          var joined = ""
          for end in start..<tokens.count {
            joined += tokens[end]
            if joined == name {
              found = true
              break
            }
            if joined.count >= nameLength { break }
          }
        }
      }
      if found {
        let lines = Rendering.markedLines(of: outline.sections[index].body[...])
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
      }
    }
    return nil
  }

  /// Whether some run of consecutive `tokens` spells `name`, byte for byte.
  static func isRun(of tokens: [[UInt8]], spelling name: [UInt8]) -> Bool {
    for start in tokens.indices {
      var position = 0
      for token in tokens[start...] {
        guard position + token.count <= name.count,
          name[position..<position + token.count].elementsEqual(token)
        else { break }
        position += token.count
        if position == name.count { return true }
      }
    }
    return false
  }
}
