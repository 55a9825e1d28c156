import RecallMarkdown

/// Flows written inline with arrows (see ``ArrowChain``), in paragraphs and quotes.
extension NoteReader {
  /// Makes the flow cards of each arrow chain on the lines of `paragraph`.
  mutating func readChains(in paragraph: Paragraph, sectionIndex: Int, title: String) {
    for (nodes, offset) in InlineRendering.nodeLines(paragraph.content.nodes) {
      guard let chain = ArrowChain.find(in: nodes) else { continue }
      addChain(
        chain, line: paragraph.location.line + offset, sectionIndex: sectionIndex, title: title)
    }
  }

  /// Makes the flow cards of each arrow chain in the paragraphs of `quote`, nested quotes
  /// included.
  mutating func readChains(in quote: BlockQuote, sectionIndex: Int, title: String) {
    for block in quote.blocks {
      switch block {
      case .paragraph(let paragraph):
        readChains(in: paragraph, sectionIndex: sectionIndex, title: title)
      case .blockQuote(let inner):
        readChains(in: inner, sectionIndex: sectionIndex, title: title)
      default:
        break
      }
    }
  }

  /// Asks `chain` like a numbered flow: its first step, the step after each, and all of them
  /// in order. A named chain is asked by the section's title and its name (`Socket › 서버 ›
  /// 첫 단계는?`). Its anchor is `chain NAME`, or `chain`, `chain 2`, … without a name, apart
  /// from the numbered flows' own.
  mutating func addChain(_ chain: ArrowChain, line: Int, sectionIndex: Int, title: String) {
    let path = outline.sections[sectionIndex].path
    let named = chain.name.map { Phrasing.joined(title, $0) } ?? title
    let (anchor, flowTitle) = ordinal(
      chain.name.map { "chain \($0)" } ?? "chain", in: path, title: named)
    let group = key(context: path, anchor: [anchor])
    let steps = chain.steps
    for (position, step) in steps.enumerated() {
      let prompt =
        position == 0
        ? phrasing.firstStep(flow: flowTitle)
        : phrasing.stepAfter(flow: flowTitle, step: steps[position - 1])
      // The step asked about is no option of its own question; a choice between two is a
      // coin flip, so a short chain's steps are typed.
      let options = steps.indices.filter { position == 0 || $0 != position - 1 }
      let choices = Choices.around(options.firstIndex(of: position) ?? 0, in: options)
        .map { steps[$0] }
      add(
        .flowStep, anchor: [anchor, step], context: path, line: line, prompt: prompt,
        answer: step, choices: choices.count >= 3 ? choices : [], siblingGroup: group)
    }
    add(
      .flowOrder, anchor: [anchor], context: path, line: line,
      prompt: phrasing.putInOrder(flow: flowTitle), answer: steps.joined(separator: "\n"),
      choices: Choices.scrambled(steps), siblingGroup: group)
  }
}
