import Foundation

/// How a typed answer compares with the card's answer.
public struct AnswerCheck: Hashable, Sendable {
  /// Right, right but for a typo, or wrong.
  public var outcome: AnswerOutcome
  /// The largest edit distance used by a matched line (0 when exact), in jamo for Korean.
  public var distance: Int
  /// How many of the answer's lines the typed answer matched.
  public var matchedLines: Int
  /// How many lines the answer has.
  public var totalLines: Int
  /// The character-level differences, for marking them in the feedback.
  public var diff: AnswerDiff

  /// Creates a check result.
  public init(
    outcome: AnswerOutcome, distance: Int, matchedLines: Int, totalLines: Int, diff: AnswerDiff
  ) {
    self.outcome = outcome
    self.distance = distance
    self.matchedLines = matchedLines
    self.totalLines = totalLines
    self.diff = diff
  }
}

/// Whether an answer was right.
public enum AnswerOutcome: String, Hashable, Sendable, Codable {
  /// Right.
  case right
  /// Right but for a small typo; graded Hard.
  case typo
  /// Wrong; graded Again.
  case wrong

  /// Whether the answer counts as right (a typo does).
  public var isRight: Bool { self != .wrong }
}

/// Compares typed answers with a card's answer, forgiving case, spacing, punctuation and
/// small typos.
///
/// ## Comparison
/// Both sides are normalized to NFC, fullwidth ASCII is folded to ASCII, letters are
/// lowercased, and whitespace and punctuation are dropped (`"Elastic  Container-Service!"`
/// equals `"elastic containerservice"`). The edit distance (insert, delete, substitute, swap
/// neighbours) is counted on jamo for Hangul, so `스케줄로` for `스케줄러` is one edit: one
/// wrong vowel. An answer within ``allowedDistance(forUnits:)`` of the right one is a
/// ``AnswerOutcome/typo``; the allowance grows with the answer's length and is 0 below five
/// units, so `사고` for `사과` is wrong, while `kubernets` for `kubernetes` is a typo.
///
/// Two swapped neighbours count as one edit: letters (`kubrenetes`), jamo, and whole Hangul
/// syllables (`스케러줄` for `스케줄러`).
///
/// A line such as `ECS (Elastic Container Service)` is also matched without its parenthesized
/// part (`ECS`) and by that part alone (`Elastic Container Service`).
///
/// ## Korean grammar, digits and symbols
/// A line is also matched without its Korean sentence ending (`…다`, `…이다`, `…한다`, `…함`,
/// `…됨`, `…임`, `…합니다`, `…을 말한다`, …) and without the particles after its words (`은 는 이
/// 가 을 를 의 에 에서 로 으로 와 과 도 만`), on both sides: `컨테이너 관리` is right for
/// `컨테이너를 관리한다` (see `KoreanForms`). Digits and the symbols next to them (`.` `/` `:`
/// `%` …) must agree exactly, typo allowance or not: `.00.0.0/0` is wrong for `0.0.0.0/0`.
///
/// ## Lists
/// A one-line answer that lists items (`초고속, TCP/UDP 기반`: separated by commas, semicolons,
/// middle dots) is also matched item by item in any order (`TCP/UDP 기반, 초고속`).
///
/// ## Answers of several lines
/// When the answer has several lines (bullets, cell lines, steps), the typed answer is right
/// if either
/// - it matches all the lines written one after another, in order, as one text; or
/// - split at commas, semicolons, slashes, middle dots or line breaks, its parts match every
///   line, one part per line, in any order.
///
/// Matching only some lines is wrong; ``AnswerCheck/matchedLines`` says how many matched, so
/// the feedback can say "2 of 3".
public struct AnswerChecker: Hashable, Sendable {
  /// Creates a checker.
  public init() {}

  /// Compares a typed answer with the card's answer (lines joined by `\n`).
  public func check(_ typed: String, against expected: String) -> AnswerCheck {
    let diff = AnswerDiff(typed: typed, expected: expected)
    if typed.utf8.count > Self.maximumComparedBytes || expected.utf8.count > Self.maximumComparedBytes {
      // Too long to weigh typos in (the edit distance grows with the product of the lengths):
      // only the same text, spacing aside, is right.
      let same = typed.trimmingCharacters(in: .whitespacesAndNewlines)
        == expected.trimmingCharacters(in: .whitespacesAndNewlines)
      return AnswerCheck(
        outcome: same ? .right : .wrong, distance: 0, matchedLines: same ? 1 : 0, totalLines: 1, diff: diff)
    }
    let lines = Self.lines(of: expected)
    let typedKey = Self.normalize(typed)
    guard !typedKey.isEmpty, !lines.isEmpty else {
      return AnswerCheck(
        outcome: .wrong, distance: 0, matchedLines: 0, totalLines: max(1, lines.count), diff: diff)
    }
    if lines.count == 1 {
      let distance = Self.bestDistance(typed, line: lines[0])
      var outcome = Self.outcome(distance: distance.value, allowed: distance.allowed)
      var largest = distance.value
      // A list on one line: its items in any order.
      let items = Self.items(of: lines[0])
      if !outcome.isRight, items.count >= 2 {
        let (matched, itemDistance) = Self.match(Self.items(of: typed), to: items)
        if matched == items.count {
          outcome = itemDistance == 0 ? .right : .typo
          largest = itemDistance
        }
      }
      return AnswerCheck(
        outcome: outcome, distance: largest,
        matchedLines: outcome.isRight ? 1 : 0, totalLines: 1, diff: diff)
    }
    // All lines as one text, in order.
    let whole = Self.bestDistance(typed, line: lines.joined(separator: " "))
    if whole.value <= whole.allowed {
      return AnswerCheck(
        outcome: Self.outcome(distance: whole.value, allowed: whole.allowed),
        distance: whole.value, matchedLines: lines.count, totalLines: lines.count, diff: diff)
    }
    // One part per line, any order.
    let (matched, largest) = Self.match(Self.parts(of: typed), to: lines)
    let outcome: AnswerOutcome = matched < lines.count ? .wrong : (largest == 0 ? .right : .typo)
    return AnswerCheck(
      outcome: outcome, distance: largest, matchedLines: matched, totalLines: lines.count,
      diff: diff)
  }

  /// The longest answer, typed or expected, compared with typos forgiven, in UTF-8 bytes; a
  /// longer one must match exactly (such answers are never asked as typed quizzes).
  public static let maximumComparedBytes = AnswerDiff.maximumComparedBytes

  /// The text used for comparing: NFC, fullwidth ASCII folded, lowercased, without
  /// whitespace and punctuation.
  public static func normalize(_ text: String) -> String {
    let nfc = text.precomposedStringWithCanonicalMapping
    var result = ""
    for character in nfc.lowercased() {
      if isIgnorable(character) { continue }
      result.append(foldWidth(character))
    }
    return result
  }

  /// The number of edits forgiven as a typo for an answer of `units` units (jamo for
  /// Hangul, characters otherwise): 0 below 5, 1 up to 8, 2 up to 15, 3 up to 24, then one
  /// more per 8 units, at most 6.
  public static func allowedDistance(forUnits units: Int) -> Int {
    switch units {
    case ..<5: return 0
    case 5...8: return 1
    case 9...15: return 2
    case 16...24: return 3
    default: return min(6, units / 8)
    }
  }

  /// The edit distance between two texts after normalizing them, counted on jamo.
  public static func distance(_ a: String, _ b: String) -> Int {
    Jamo.distance(Jamo.units(normalize(a)), Jamo.units(normalize(b)))
  }

  /// Whether a character is left out of comparisons: whitespace or punctuation.
  static func isIgnorable(_ character: Character) -> Bool {
    character.unicodeScalars.allSatisfy { scalar in
      if scalar.properties.isWhitespace { return true }
      switch scalar.properties.generalCategory {
      case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
        .initialPunctuation, .finalPunctuation, .otherPunctuation, .control, .format:
        return true
      default:
        return false
      }
    }
  }

  /// Fullwidth ASCII (Ａ, １) as ASCII.
  private static func foldWidth(_ character: Character) -> Character {
    guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first,
      (0xFF01...0xFF5E).contains(scalar.value),
      let folded = Unicode.Scalar(scalar.value - 0xFEE0)
    else { return character }
    return Character(String(folded).lowercased())
  }

  /// The answer's non-empty lines, trimmed.
  static func lines(of answer: String) -> [String] {
    answer.split(separator: "\n", omittingEmptySubsequences: true)
      .map(trimmingSpaces)
      .filter { !normalize($0).isEmpty }
  }

  /// `text` without the spaces at either end: what `trimmingCharacters(in: .whitespaces)`
  /// gives (the space separators of Unicode, and tab), without Foundation's character sets,
  /// which took a million instructions to open at a review's first card.
  static func trimmingSpaces(_ text: Substring) -> String {
    let scalars = text.unicodeScalars
    guard let first = scalars.firstIndex(where: { !isSpace($0) }),
      let last = scalars.lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(Substring(scalars[first...last]))
  }

  /// Whether `scalar` is a space as Foundation's `.whitespaces` has it: Unicode's general
  /// category Zs, tab, and the zero-width space U+200B.
  static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: true
    default: false
    }
  }

  /// A typed answer split at `,` `;` `/` `·` `、` and line breaks.
  static func parts(of typed: String) -> [String] {
    typed.split(whereSeparator: { ",;/·、，；\n".contains($0) }).map(String.init)
  }

  /// The items of a one-line list: the text split at `,` `;` `·` `、` (not at a comma between
  /// digits, nor at `/`, which joins words such as `TCP/UDP`), blank items left out.
  static func items(of line: String) -> [String] {
    let characters = Array(line)
    var items: [String] = []
    var current = ""
    for (index, character) in characters.enumerated() {
      let betweenDigits =
        index > 0 && index + 1 < characters.count && characters[index - 1].isNumber
        && characters[index + 1].isNumber
      if ",;·、，；".contains(character) && !(character == "," && betweenDigits) {
        items.append(current)
        current = ""
      } else {
        current.append(character)
      }
    }
    items.append(current)
    return items.filter { !normalize($0).isEmpty }
  }

  /// Matches typed parts to expected lines or items, one part each, in any order (greedy: each
  /// line takes its closest unused part within its allowance).
  ///
  /// - Returns: How many lines found a part, and the largest distance among them.
  static func match(_ typedParts: [String], to lines: [String]) -> (matched: Int, largest: Int) {
    var parts = typedParts.filter { !normalize($0).isEmpty }
    var matched = 0
    var largest = 0
    for line in lines {
      var best: (index: Int, distance: Int)?
      for (index, part) in parts.enumerated() {
        let distance = bestDistance(part, line: line)
        guard distance.value <= distance.allowed else { continue }
        if best.map({ distance.value < $0.distance }) ?? true { best = (index, distance.value) }
      }
      if let best {
        matched += 1
        largest = max(largest, best.distance)
        parts.remove(at: best.index)
      }
    }
    return (matched, largest)
  }

  /// The smallest distance from a typed text to a line or its variants (without the
  /// parenthesized part, that part alone, and each without its Korean ending and particles),
  /// with the allowance of the variant. A variant whose digits and symbols differ from the
  /// typed text's is no match at all.
  private static func bestDistance(_ typed: String, line: String) -> (value: Int, allowed: Int) {
    let noMatch = (value: Int.max / 2, allowed: 0)
    let typedSkeleton = MeaningfulSymbols.skeleton(typed)
    let typedForms = [normalize(typed), normalize(KoreanForms.core(typed))]
    var candidates: [(value: Int, allowed: Int)] = []
    for variant in variants(of: line) {
      guard MeaningfulSymbols.skeleton(variant) == typedSkeleton else { continue }
      let variantForms = [normalize(variant), normalize(KoreanForms.core(variant))]
      for (typedKey, key) in zip(typedForms, variantForms) {
        let units = Jamo.units(key)
        guard !units.isEmpty, !typedKey.isEmpty else { continue }
        let candidate = (
          value: Jamo.distanceWithSyllableSwap(typedKey, units),
          allowed: allowedDistance(forUnits: units.count)
        )
        if candidate.value == 0 { return candidate }
        candidates.append(candidate)
      }
    }
    if candidates.isEmpty { return noMatch }
    // The closest variant within its allowance, else the closest one.
    let within = candidates.filter { $0.value <= $0.allowed }
    return (within.isEmpty ? candidates : within).min { $0.value < $1.value } ?? noMatch
  }

  /// A line, the line without parenthesized parts, and each parenthesized part.
  static func variants(of line: String) -> [String] {
    var result = [line]
    var outside = ""
    var inside: [String] = []
    var depth = 0
    var current = ""
    for character in line {
      if character == "(" || character == "（" {
        depth += 1
        if depth == 1 {
          current = ""
          continue
        }
      } else if character == ")" || character == "）", depth > 0 {
        depth -= 1
        if depth == 0 {
          inside.append(current)
          continue
        }
      }
      if depth > 0 { current.append(character) } else { outside.append(character) }
    }
    if !inside.isEmpty {
      result.append(outside)
      result += inside
    }
    return result.filter { !normalize($0).isEmpty }
  }

  /// The outcome for a distance and its allowance.
  private static func outcome(distance: Int, allowed: Int) -> AnswerOutcome {
    if distance == 0 { return .right }
    return distance <= allowed ? .typo : .wrong
  }
}
