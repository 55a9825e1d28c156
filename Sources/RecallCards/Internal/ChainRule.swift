import RecallMarkdown

/// Flows written inline with arrows (`A → B → C`, see ``ArrowChain``), in paragraphs and
/// quotes: asked like a numbered flow, each step and all of them in order.
enum ChainRule {
  /// Makes the flow cards of each arrow chain on the lines of `paragraph`.
  static func read(_ paragraph: Paragraph, in place: SectionPlace, into sink: inout CardSink) {
    for (nodes, offset) in InlineRendering.nodeLines(paragraph.content.nodes) {
      guard let chain = ArrowChain.find(in: nodes) else { continue }
      add(chain, line: paragraph.location.line + offset, in: place, into: &sink)
    }
  }

  /// Makes the flow cards of each arrow chain in the paragraphs of `quote`, nested quotes
  /// included.
  static func read(_ quote: BlockQuote, in place: SectionPlace, into sink: inout CardSink) {
    for block in quote.blocks {
      switch block {
      case .paragraph(let paragraph):
        read(paragraph, in: place, into: &sink)
      case .blockQuote(let inner):
        read(inner, in: place, into: &sink)
      default:
        break
      }
    }
  }

  /// Asks `chain` like a numbered flow: its first step, the step after each, and all of them
  /// in order. A named chain is asked by the section's title and its name (`Socket › 서버 ›
  /// 첫 단계는?`). Its anchor is `chain NAME`, or `chain`, `chain 2`, … without a name, apart
  /// from the numbered flows' own.
  static func add(
    _ chain: ArrowChain, line: Int, in place: SectionPlace, into sink: inout CardSink
  ) {
    let path = place.path
    let phrasing = place.phrasing
    let named = chain.name.map { Phrasing.joined(place.title, $0) } ?? place.title
    let (anchor, flowTitle) = sink.ordinal(
      chain.name.map { "chain \($0)" } ?? "chain", in: path, title: named)
    let group = CardSink.key(context: path, anchor: [anchor])
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
      sink.add(
        .flowStep, anchor: [anchor, step], context: path, line: line, prompt: prompt,
        answer: step, choices: choices.count >= 3 ? choices : [], siblingGroup: group)
    }
    sink.add(
      .flowOrder, anchor: [anchor], context: path, line: line,
      prompt: phrasing.putInOrder(flow: flowTitle), answer: steps.joined(separator: "\n"),
      choices: Choices.scrambled(steps), siblingGroup: group)
  }
}
