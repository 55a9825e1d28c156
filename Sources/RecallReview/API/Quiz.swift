import Foundation
import RecallScheduling
import RecallCards

/// How a card is asked.
public enum QuizKind: String, Hashable, Sendable, Codable, CaseIterable {
  /// Recognition: choose the right answer among numbered choices.
  case choice
  /// Recall: type the answer.
  case typed
  /// Recall: think of the answer, show it, grade yourself (1–4, space for Good).
  case flip
  /// A flow step: what comes next? Chosen among steps while young, typed once maturing.
  case nextStep = "next-step"
  /// A whole flow: put the shown steps in order ("3 1 2").
  case ordering

  /// Whether the grade follows from the answer (all but flip).
  public var isChecked: Bool { self != .flip }
}

/// One card asked in one way: what to show and what counts as right.
public struct Quiz: Hashable, Sendable {
  /// How the card is asked.
  public var kind: QuizKind
  /// The choices in the order shown (choice and next-step choice quizzes), else empty.
  public var choices: [String]
  /// The 0-based index of the right choice among ``choices``.
  public var rightChoice: Int?
  /// The steps in the shuffled order shown (ordering quizzes), else empty.
  public var orderingItems: [String]
  /// The right order, as the 1-based numbers of the shown steps: `[3, 1, 2]` means the
  /// third shown step comes first.
  public var rightOrder: [Int]
  /// The right answer as text (lines joined by `\n`).
  public var answer: String

  /// Creates a quiz.
  public init(
    kind: QuizKind, choices: [String] = [], rightChoice: Int? = nil,
    orderingItems: [String] = [], rightOrder: [Int] = [], answer: String
  ) {
    self.kind = kind
    self.choices = choices
    self.rightChoice = rightChoice
    self.orderingItems = orderingItems
    self.rightOrder = rightOrder
    self.answer = answer
  }

  /// Whether the user answers by number (choices shown).
  public var presentsChoices: Bool { !choices.isEmpty }

  /// Whether the user types the answer.
  public var isTyped: Bool {
    kind == .typed || kind == .ordering || (kind == .nextStep && choices.isEmpty)
  }
}

/// Chooses how to ask a card from its kind and maturity, and builds the quiz.
///
/// - New and young cards (new, in steps, or an interval under ``matureIntervalDays``) are
///   asked as recognition, a choice quiz, when the card has at least two good choices:
///   distinct, non-empty, the right answer among them.
/// - Maturing cards, and young ones without good choices, are asked as recall: typed when
///   the answer is short (at most ``maxTypedLines`` lines of at most ``maxTypedLineLength``
///   characters: one short line by default), else flip.
/// - A new card is never typed: without good choices it is a flip card, so that nothing is
///   asked to be typed before it was ever seen.
/// - Flow steps are next-step quizzes (choices while young and possible, typed after, flip
///   while new); whole flows are ordering quizzes.
public struct QuizPlanner: Hashable, Sendable {
  /// Cards whose interval reaches this many days are maturing.
  public var matureIntervalDays: Double
  /// The most lines a typed answer may have.
  public var maxTypedLines: Int
  /// The longest line a typed answer may have, in characters.
  public var maxTypedLineLength: Int

  /// Creates a planner: mature from 7 days; typed answers of one line of up to 40 characters.
  public init(matureIntervalDays: Double = 7, maxTypedLines: Int = 1, maxTypedLineLength: Int = 40)
  {
    self.matureIntervalDays = matureIntervalDays
    self.maxTypedLines = maxTypedLines
    self.maxTypedLineLength = maxTypedLineLength
  }

  /// Whether a card is young: new, in steps, or with an interval below the mature mark.
  public func isYoung(phase: CardPhase, intervalDays: Double?) -> Bool {
    phase != .review || (intervalDays ?? 0) < matureIntervalDays
  }

  /// The kind of quiz for a card.
  public func kind(for card: Card, phase: CardPhase, intervalDays: Double?) -> QuizKind {
    let young = isYoung(phase: phase, intervalDays: intervalDays)
    switch card.kind {
    case .flowOrder:
      return AnswerChecker.lines(of: card.answer).count >= 2 ? .ordering : .flip
    case .flowStep:
      if phase == .new && Self.goodChoices(card) == nil { return .flip }
      return .nextStep
    default:
      if young && Self.goodChoices(card) != nil { return .choice }
      return phase != .new && isShort(card.answer) ? .typed : .flip
    }
  }

  /// Builds the quiz for a card, shuffling choices or steps with `random`.
  public func quiz(
    for card: Card, phase: CardPhase, intervalDays: Double?,
    using random: inout some RandomNumberGenerator
  ) -> Quiz {
    let kind = kind(for: card, phase: phase, intervalDays: intervalDays)
    switch kind {
    case .choice:
      return choiceQuiz(card, kind: .choice, using: &random)
    case .nextStep:
      if isYoung(phase: phase, intervalDays: intervalDays), Self.goodChoices(card) != nil {
        return choiceQuiz(card, kind: .nextStep, using: &random)
      }
      return Quiz(kind: .nextStep, answer: card.answer)
    case .ordering:
      let steps = AnswerChecker.lines(of: card.answer)
      var order = Array(steps.indices)
      // Shuffle until the shown order differs from the right one.
      for _ in 0..<8 {
        order.shuffle(using: &random)
        if order != Array(steps.indices) { break }
      }
      let shown = order.map { steps[$0] }
      let rightOrder = steps.indices.map { stepIndex in
        (order.firstIndex(of: stepIndex) ?? 0) + 1
      }
      return Quiz(
        kind: .ordering, orderingItems: shown, rightOrder: rightOrder, answer: card.answer)
    case .typed, .flip:
      return Quiz(kind: kind, answer: card.answer)
    }
  }

  /// Whether an answer is short enough to type. A long answer is told by its size alone,
  /// before it is split into lines.
  private func isShort(_ answer: String) -> Bool {
    // A character is at most 4 bytes in UTF-8; the lines' breaks and indents leave room.
    if answer.utf8.count > maxTypedLines * (maxTypedLineLength * 4 + 64) { return false }
    let lines = AnswerChecker.lines(of: answer)
    return !lines.isEmpty && lines.count <= maxTypedLines
      && lines.allSatisfy { $0.count <= maxTypedLineLength }
  }

  /// A choice quiz with the card's good choices shuffled.
  private func choiceQuiz(
    _ card: Card, kind: QuizKind, using random: inout some RandomNumberGenerator
  )
    -> Quiz
  {
    guard let choices = Self.goodChoices(card) else {
      return Quiz(kind: .flip, answer: card.answer)
    }
    let shuffled = choices.shuffled(using: &random)
    let rightKey = AnswerChecker.normalize(card.answer)
    let right = shuffled.firstIndex { AnswerChecker.normalize($0) == rightKey }
    return Quiz(kind: kind, choices: shuffled, rightChoice: right, answer: card.answer)
  }

  /// The longest answer or choice a choice quiz shows, in UTF-8 bytes.
  public static let maximumChoiceBytes = 4096

  /// The card's choices without duplicates or blanks (and none longer than
  /// ``maximumChoiceBytes``), if there are at least two and the
  /// right answer is among them; else nil.
  public static func goodChoices(_ card: Card) -> [String]? {
    // An answer too long to read as one choice is never asked as one (nor compared).
    guard card.answer.utf8.count <= maximumChoiceBytes else { return nil }
    var seen = Set<String>()
    var result: [String] = []
    for choice in card.choices where choice.utf8.count <= maximumChoiceBytes {
      let key = AnswerChecker.normalize(choice)
      guard !key.isEmpty, seen.insert(key).inserted else { continue }
      result.append(choice)
    }
    guard result.count >= 2, seen.contains(AnswerChecker.normalize(card.answer)) else {
      return nil
    }
    return result
  }
}

/// Reads the answer to an ordering quiz: `3 1 2`, `3,1,2`, `3-1-2`, `3>1>2` or `312` (when
/// there are at most nine steps), fullwidth digits too.
public enum OrderingAnswer {
  /// The 1-based step numbers typed, or nil if the text is not an order of `1...count`.
  public static func parse(_ text: String, count: Int) -> [Int]? {
    guard count > 0 else { return nil }
    var ascii = ""
    for scalar in text.unicodeScalars {
      if (0xFF10...0xFF19).contains(scalar.value), let digit = Unicode.Scalar(scalar.value - 0xFEE0)
      {
        ascii.unicodeScalars.append(digit)
      } else {
        ascii.unicodeScalars.append(scalar)
      }
    }
    let trimmed = ascii.trimmingCharacters(in: .whitespacesAndNewlines)
    let numbers: [Int]
    if trimmed.allSatisfy(\.isASCIIDigit) {
      if count <= 9 {
        numbers = trimmed.compactMap { $0.wholeNumberValue }
      } else {
        guard let single = Int(trimmed) else { return nil }
        numbers = [single]
      }
    } else {
      let pieces = trimmed.split { !$0.isASCIIDigit }
      guard trimmed.allSatisfy({ $0.isASCIIDigit || " ,->/.;→".contains($0) }) else { return nil }
      numbers = pieces.compactMap { Int($0) }
    }
    guard numbers.count == count, Set(numbers) == Set(1...count) else { return nil }
    return numbers
  }
}

extension Character {
  /// Whether the character is an ASCII digit.
  fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
