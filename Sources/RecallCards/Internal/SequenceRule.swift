import RecallMarkdown

/// Numbered lists whose order is their content (a procedure, a flow, a lifecycle): each step is
/// asked (`첫 단계는?`, `'SYN' 다음 단계는?`), and so is the whole flow in order.
///
/// A numbered list is a sequence only when the note says its order matters (see
/// ``SequenceEvidence``); other numbered lists are sets (``SetRule``).
enum SequenceRule {
  /// Reads a numbered list of the section's body as a flow when the note says its order
  /// matters and its items are not all `term: definition` lines; returns whether it did.
  /// `introduction` is the text of the paragraph right before the list, if any.
  static func readIfSequence(
    _ list: ListBlock, introduction: String, in place: SectionPlace, into sink: inout CardSink
  ) -> Bool {
    guard list.isOrdered else { return false }
    let firstLines = list.items.map { Rendering.firstLine(of: $0) }
    let allTerms = firstLines.allSatisfy { nodes in
      guard let nodes else { return false }
      return TermForm.bold(nodes) != nil || TermForm.plain(nodes) != nil
    }
    let isSequence = SequenceEvidence.isSequence(
      items: firstLines.map { $0.map(InlineRendering.text) ?? "" },
      heading: place.section.title, introduction: introduction)
    return !allTerms && isSequence && read(list, in: place, into: &sink)
  }

  /// Reads an ordered list as a flow if its steps are short (a line of at most 160 characters
  /// each); returns whether it did.
  ///
  /// A flow nested in items has their heads as `groups`: its context is the section's path
  /// and them.
  static func read(
    _ list: ListBlock, in place: SectionPlace, groups: [String] = [], into sink: inout CardSink
  ) -> Bool {
    let steps = list.items.map { item -> String in
      guard let nodes = Rendering.firstLine(of: item) else { return "" }
      return InlineRendering.text(nodes).trimmed
    }
    guard steps.count >= 2, steps.allSatisfy({ !$0.isEmpty && $0.count <= 160 }) else {
      return false
    }
    let plainSteps = steps.map(ComparableText.of)
    guard Set(plainSteps.map(TextKey.init)).count == steps.count else { return false }
    let phrasing = place.phrasing
    let context = place.path + groups
    let (anchor, title) = sink.ordinal("flow", in: context, title: place.title)
    let orderKey = CardSink.key(context: context, anchor: [anchor])
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
      if detail == nil {
        detail = describingSection(
          of: step, after: place.index, in: place.outline,
          names: sink.sectionNames(in: place.outline))
      }
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
      sink.add(
        .flowStep, anchor: [anchor, step], context: context, line: item.location.line,
        prompt: prompt, answer: step, choices: choices.count >= 2 ? choices : [], detail: detail,
        siblingGroup: orderKey)
    }
    // Steps too long to put in order as a whole are asked one after the other only.
    let order = steps.joined(separator: "\n")
    guard !CardDefects.isLong(order) else { return true }
    sink.add(
      .flowOrder, anchor: [anchor], context: context, line: list.location.line,
      prompt: phrasing.putInOrder(flow: title), answer: order,
      choices: Choices.scrambled(steps), siblingGroup: orderKey)
    return true
  }

  /// Reads as flows the numbered lists nested in an item, at any depth, when the item that
  /// holds one says its order matters (`* 진행 순서` over `1. …`, `2. …`; see
  /// ``SequenceEvidence``). `blocks` are what follows the head `head` of an item whose parent
  /// is named `parent`. Each is asked by its item's head after its parent's (`Non-Blocking
  /// I/O › 진행 순서 › 첫 단계는?`), in the context of those heads (the place's title, the
  /// section's, left out); a list is asked once, however it is reached. Its lines stay in the
  /// parent's answer.
  static func readNested(
    in blocks: ArraySlice<Block>, head: String, parent: String, in place: SectionPlace,
    into sink: inout CardSink
  ) {
    for block in blocks {
      guard case .list(let list) = block, !ContentsRule.isContents(list, in: place.outline)
      else { continue }
      if list.isOrdered, !head.isEmpty, !sink.hasReadFlow(at: list.location.line) {
        let firstLines = list.items.map {
          Rendering.firstLine(of: $0).map(InlineRendering.text) ?? ""
        }
        if SequenceEvidence.isSequence(items: firstLines, heading: head, introduction: "") {
          sink.markFlowRead(at: list.location.line)
          let groups = (parent == place.title ? [] : [parent]) + [head]
          _ = read(
            list, in: place.titled(Phrasing.joined(parent, head)), groups: groups, into: &sink)
          continue
        }
      }
      for item in list.items where item.blocks.count > 1 {
        readNested(
          in: item.blocks.dropFirst(), head: SequenceRule.head(of: item),
          parent: head.isEmpty ? parent : head, in: place, into: &sink)
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

  /// The content of the first section after `sectionIndex` whose heading names `step`
  /// (`## Route53` for the step "DNS (Route 53)"), as marked lines; `names` are the outline's
  /// section names (``NoteOutline/makeSectionNames()``).
  static func describingSection(
    of step: String, after sectionIndex: Int, in outline: NoteOutline,
    names: [NoteOutline.SectionName]
  ) -> String? {
    let tokens = Rendering.nameTokens(step)
    guard !tokens.isEmpty else { return nil }
    let tokenBytes = tokens.allSatisfy(PlainText.isPlain) ? tokens.map { Array($0.utf8) } : nil
    for index in names.indices.dropFirst(sectionIndex + 1) {
      let name = names[index].text
      guard !name.isEmpty else { continue }
      var found = false
      if let tokenBytes, let nameBytes = names[index].plainBytes {
        found = isRun(of: tokenBytes, spelling: nameBytes)
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
