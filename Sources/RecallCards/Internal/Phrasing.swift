import RecallMarkdown

/// The words of the prompts, in the language of the note (Korean or English).
///
/// A note is Korean when at least a tenth of its letters are Hangul syllables or jamo.
/// Prompts always start with where the card comes from, joined by ` › `, so they read the same
/// in both languages; only the question words differ.
struct Phrasing: Sendable {
  /// Whether the prompts are in Korean.
  var isKorean: Bool

  /// The separator between the parts of a prompt's path.
  static let separator = " › "

  /// The phrasing for a note whose text is `sample`.
  init(sample: String) {
    var count = LetterCount()
    count.add(sample)
    self.init(count)
  }

  /// The phrasing for a note whose sample has `count` letters.
  init(_ count: LetterCount) {
    isKorean = count.letters > 0 && count.hangul * 10 >= count.letters
  }

  /// The letters of a note's sample, and how many of them are Hangul, counted text by text.
  struct LetterCount {
    /// The Hangul syllables and jamo.
    var hangul = 0
    /// Every alphabetic scalar.
    var letters = 0

    /// Blocks every scalar of which is alphabetic and not Hangul.
    static let letterBlocks: [ClosedRange<UInt32>] = [
      0x4E00...0x9FFF, 0x0410...0x044F, 0x3041...0x3096, 0x30A1...0x30FA,
    ]

    /// Whether `value` is in one of ``letterBlocks``.
    @inline(__always)
    static func isInLetterBlock(_ value: UInt32) -> Bool {
      (0x4E00...0x9FFF).contains(value) || (0x0410...0x044F).contains(value)
        || (0x3041...0x3096).contains(value) || (0x30A1...0x30FA).contains(value)
    }

    /// Counts the letters of `nodes` as ``InlineRendering/text(_:)`` renders them; returns how
    /// many scalars the rendering has.
    @discardableResult
    mutating func add(_ nodes: [Inline]) -> Int {
      var scalars = 0
      for node in nodes {
        switch node {
        case .text(let text), .code(let text): scalars += add(text)
        case .strong(let children), .emphasis(let children), .strikethrough(let children):
          scalars += add(children)
        case .link(let text, _): scalars += add(text)
        case .image, .html: break
        case .lineBreak, .softBreak: scalars += 1
        }
      }
      return scalars
    }

    /// Counts the letters of `text`; returns how many scalars it has.
    @discardableResult
    mutating func add(_ text: String) -> Int {
      var scalars = 0
      for scalar in text.unicodeScalars {
        let value = scalar.value
        scalars += 1
        // ASCII letters and Hangul syllables, most of any note, are told without a property
        // lookup.
        if value < 0x80 {
          if (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) { letters += 1 }
          continue
        }
        if (0xAC00...0xD7A3).contains(value) {
          letters += 1
          hangul += 1
          continue
        }
        // Whole blocks that are letters (CJK ideographs, Cyrillic, kana) or are not
        // (general punctuation) are told without a lookup either; PhrasingTests checks them.
        if LetterCount.isInLetterBlock(value) {
          letters += 1
          continue
        }
        if (0x2010...0x205E).contains(value) || !scalar.properties.isAlphabetic { continue }
        letters += 1
        if (0x1100...0x11FF).contains(value) || (0x3130...0x318F).contains(value) {
          hangul += 1
        }
      }
      return scalars
    }
  }

  /// Lines run into one: joined by `, `, or by a space after a line that ends in punctuation.
  static func inline(_ lines: [String]) -> String {
    var text = ""
    for line in lines {
      if let last = text.last {
        text += ".,;:!?。，；：".contains(last) ? " " : ", "
      }
      text += line.trimmed
    }
    return text
  }

  /// `a › b › c?`
  func path(_ parts: [String]) -> String {
    // Built in one string with room for the question mark, rather than filtered, joined and
    // copied again with it.
    var text = ""
    text.reserveCapacity(
      parts.reduce(1) { $0 + $1.utf8.count + Phrasing.separator.utf8.count })
    for part in parts where !part.isEmpty {
      if !text.isEmpty { text += Phrasing.separator }
      text += part
    }
    if !(PlainText.hasSuffix(text, "?") || PlainText.hasSuffix(text, "？")) { text += "?" }
    return text
  }

  /// `first › second`, or whichever is not empty.
  static func joined(_ first: String, _ second: String) -> String {
    if first.isEmpty { return second }
    if second.isEmpty { return first }
    return first + separator + second
  }

  /// A reverse table card: which thing has these values of `attribute`?
  func whichThing(title: String, attribute: String, values: [String]) -> String {
    let listed = Phrasing.inline(values)
    let question =
      isKorean ? "어느 것의 \(attribute)? \(listed)" : "Which one has this \(attribute): \(listed)?"
    return Phrasing.joined(title, question)
  }

  /// The attribute asked by a reverse card of a table whose rows have no labels: what one
  /// thing is like, unnamed.
  var trait: String { isKorean ? "특징" : "trait" }

  /// A definition card: which term does this definition describe?
  func whichTerm(title: String, definition: [String]) -> String {
    let listed = Phrasing.inline(definition)
    let question = isKorean ? "이 설명에 맞는 용어는? \(listed)" : "Which term is this? \(listed)"
    return Phrasing.joined(title, question)
  }

  /// The first step of a flow.
  func firstStep(flow: String) -> String {
    let question = isKorean ? "첫 단계는?" : "What is the first step?"
    return Phrasing.joined(flow, question)
  }

  /// The step after `step`.
  func stepAfter(flow: String, step: String) -> String {
    let question = isKorean ? "‘\(step)’ 다음 단계는?" : "What comes after ‘\(step)’?"
    return Phrasing.joined(flow, question)
  }

  /// A whole flow: put the steps in order.
  func putInOrder(flow: String) -> String {
    let question = isKorean ? "단계를 순서대로 놓으세요." : "Put the steps in order."
    return Phrasing.joined(flow, question)
  }

  /// A word that tells apart two cards of different kinds that would ask the same question.
  func qualifier(_ kind: CardKind) -> String {
    switch kind {
    case .tableCell, .tableThing: isKorean ? "표" : "table"
    case .term, .definition: isKorean ? "용어" : "term"
    case .flowStep, .flowOrder: isKorean ? "흐름" : "flow"
    case .section: isKorean ? "섹션" : "section"
    case .label: isKorean ? "항목" : "item"
    }
  }

  /// The stub message of an empty section.
  func emptySection(_ heading: String) -> String {
    "section '\(heading)' has no content yet"
  }

  /// The stub message of a term without definition.
  func termWithoutDefinition(_ term: String) -> String {
    "term '\(term)' has no definition yet"
  }

  /// The stub message of an empty table.
  func emptyTable(_ title: String) -> String {
    "table under '\(title)' has no filled cells yet"
  }
}
