import RecallMarkdown

/// A flow written on one line of a paragraph with arrows: `TCP → SSL → HTTP`, or with a name
/// before a colon, `**서버** : socket() 생성 → bind() 소켓 주소할당 → listen() 연결요청 대기상태`.
///
/// Two arrows or more chain three steps or more (one arrow may pair a case with its result).
/// Every step is short (at most 40 characters and six words), holds no comma (a line such as
/// `Ready → Running, Running → Ready` pairs states rather than chaining steps), balances its
/// brackets and does not end like a sentence (``sentenceEndings``: the chain is then part of a
/// sentence about it, such as one saying the order is impossible). Steps must
/// differ from one another. A chain inside inline code (`` `반죽 → 토핑 → 굽기` ``) is read from
/// the code alone, whatever sentence holds it.
struct ArrowChain: Equatable {
  /// The name before the colon, if any.
  var name: String?
  /// The steps, in order.
  var steps: [String]

  /// How a sentence ends: a step that ends so is the end of the sentence that holds the
  /// chain (`A해제 → B해제는 불가능함.`), not a step.
  static let sentenceEndings = [".", "。", "다", "요", "함", "음"]

  /// The chain of the line `nodes`, if it holds one.
  static func find(in nodes: [Inline]) -> ArrowChain? {
    for node in nodes {
      if case .code(let code) = node, let chain = chain(in: code, named: false) { return chain }
    }
    return chain(in: InlineRendering.text(nodes), named: true)
  }

  /// The chain of `text`; with `named`, a name before a colon in the first part is its name.
  static func chain(in text: String, named: Bool) -> ArrowChain? {
    guard SequenceEvidence.arrowCount(text) >= 2 else { return nil }
    var text = text.trimmed
    // `(READ → PROCESS → WRITE)`: the parentheses hold the chain.
    if text.hasPrefix("("), text.hasSuffix(")") { text = String(text.dropFirst().dropLast()) }
    var parts = [text]
    for arrow in SequenceEvidence.arrows {
      parts = parts.flatMap { $0.components(separatedBy: arrow) }
    }
    var name: String?
    if named, let colon = parts[0].range(of: ":") {
      let head = parts[0][..<colon.lowerBound].trimmed
      if TermForm.isShortName(head) { name = head }
      parts[0] = String(parts[0][colon.upperBound...])
    }
    let steps = parts.map(\.trimmed)
    guard steps.count >= 3,
      steps.allSatisfy({ step in
        !step.isEmpty && step.count <= 40 && PlainText.wordCount(step) <= 6
          && !step.contains(",") && !step.contains("，") && TermForm.isBalanced(step)
          && !sentenceEndings.contains(where: { step.hasSuffix($0) })
      }),
      Set(steps.map { $0.lowercased() }).count == steps.count
    else { return nil }
    return ArrowChain(name: name, steps: steps)
  }
}
