/// Tells a numbered list whose order is its content (a procedure, a flow, a lifecycle, a
/// protocol exchange, a ranking) from one that only enumerates a set.
///
/// Numbers alone are no evidence: authors number the kinds of a thing as often as the steps of
/// a process. A list is a sequence when one of these says so:
/// - its heading has a word of order (``orderWords``: 흐름, 과정, 순서, 단계, 절차, flow, steps,
///   process, lifecycle, handshake, …);
/// - the sentence that leads into it has a word of order or an arrow (`→`, `->`, `=>`, `⇒`),
///   and no word that announces members (``setWords``: "다음 세 가지", "three methods");
/// - an item chains arrows (`A → B → C`);
/// - two items open with a word of succession (``successionWords``: 먼저, 그 다음, 마지막으로,
///   first, then, finally, …), or the first item opens with 먼저 or First;
/// - an item names other steps by their number (`2,3,4번 과정 반복`, `go back to step 2`).
/// Every other numbered list is a set, read like a bulleted one.
enum SequenceEvidence {
  /// Words of a heading or introduction that say the items come in order.
  static let orderWords = [
    "흐름", "과정", "순서", "단계", "절차", "라이프사이클", "라이프 사이클", "생명주기", "생명 주기",
    "수명주기", "동작 방식", "동작 원리", "동작원리", "작동 방식", "작동 원리", "순위", "핸드셰이크",
    "핸드쉐이크", "flow", "step", "process", "procedure", "lifecycle", "life cycle",
    "life-cycle", "handshake", "sequence", "pipeline", "workflow", "how it works", "phase",
    "stage", "order", "ranking", "walkthrough",
  ]

  /// Words of an introduction that announce kinds or members rather than steps ("다음 세 가지",
  /// "three methods"): they outweigh its words of order.
  static let setWords = [
    "가지", "종류", "유형", "kinds", "types", "methods", "ways", "examples", "features", "options",
  ]

  /// Words that open an item which follows another.
  static let successionWords = [
    "먼저", "우선", "그 다음", "그다음", "다음으로", "다음에", "이후", "그 후", "그후", "마지막", "최종적으로",
    "first", "then", "next", "after", "afterwards", "finally", "lastly", "once",
  ]

  /// The arrows that chain steps.
  static let arrows = ["→", "->", "=>", "⇒", "⟶", "➡"]
  /// The UTF-8 of each of ``arrows``.
  static let arrowBytes = arrows.map { Array($0.utf8) }

  /// Whether a numbered list with `items` (each item's first line) is a sequence, given its
  /// `heading` and the `introduction` right before it (empty if none).
  static func isSequence(items: [String], heading: String, introduction: String) -> Bool {
    let heading = heading.lowercased()
    if orderWords.contains(where: { PlainText.contains(heading, $0) }) { return true }
    // Only the sentence that leads into the list introduces it.
    let lead = lastSentence(of: introduction).lowercased()
    if !setWords.contains(where: { PlainText.contains(lead, $0) }) {
      if orderWords.contains(where: { PlainText.contains(lead, $0) }) { return true }
      if arrows.contains(where: { PlainText.contains(lead, $0) }) { return true }
    }
    // A chain of arrows in an item (`A → B → C`); one arrow may pair a case with its result.
    if items.contains(where: { item in arrowCount(item) >= 2 }) { return true }
    // A step that refers to earlier steps by number (`2,3,4번 과정 반복`, `repeat from step 2`).
    if items.contains(where: refersToSteps) { return true }
    let opening = items.map { item in
      let lowered = ComparableText.lowercased(item)
      return successionWords.first { lowered.hasPrefix($0) }
    }
    if let first = opening.first, let word = first, word == "먼저" || word == "first" {
      return true
    }
    return opening.compactMap { $0 }.count >= 2
  }

  /// Whether `item` names other steps by their number: `2,3번 과정`, `3번으로`, `step 2`.
  static func refersToSteps(_ item: String) -> Bool {
    let lowered = item.lowercased()
    var previous: Character?
    for character in lowered {
      if character == "번", let previous, previous.isNumber { return true }
      previous = character
    }
    return PlainText.contains(lowered, "step ")
      && lowered.split(separator: " ").contains { $0.allSatisfy(\.isNumber) }
  }

  /// The last sentence of `text`: what follows its last full stop that is not at its end.
  static func lastSentence(of text: String) -> String {
    let trimmed = text.trimmed
    var start = trimmed.startIndex
    var index = trimmed.startIndex
    while index < trimmed.endIndex {
      let next = trimmed.index(after: index)
      if ".。!?\n".contains(trimmed[index]), next < trimmed.endIndex { start = next }
      index = next
    }
    return String(trimmed[start...])
  }

  /// How many arrows `item` holds.
  ///
  /// A text without an arrow's bytes holds no such arrow: most texts hold none, and looking at
  /// the bytes first spares them Foundation's search (the arrows past ASCII are not plain text).
  static func arrowCount(_ item: String) -> Int {
    zip(arrows, arrowBytes).reduce(0) { count, pair in
      // A text without the arrow's bytes splits into one part: nothing to count.
      guard PlainText.holdsBytes(item, pair.1) else { return count }
      return count + item.components(separatedBy: pair.0).count - 1
    }
  }
}
