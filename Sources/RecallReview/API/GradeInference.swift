import RecallScheduling
/// Infers a grade from how an answer went and how long it took.
///
/// - Wrong gives Again.
/// - Right with a typo gives Hard.
/// - Right but slow gives Hard: slower than ``slowBase`` plus ``slowPerCharacter`` per
///   character of the answer (typing takes longer than choosing, so typed quizzes have their
///   own figures).
/// - Right and fast on a card already known (in the review phase) gives Easy: faster than
///   ``fastBase`` plus ``fastPerCharacter`` per character.
/// - Otherwise Good.
///
/// The user can override the grade with one key before going on; flip cards are always
/// graded by the user.
public struct GradeInference: Hashable, Sendable {
  /// Thresholds for one kind of quiz.
  public struct Thresholds: Hashable, Sendable {
    /// Faster than this plus ``fastPerCharacter`` per character is fast.
    public var fastBase: Duration
    /// Added to the fast limit per character of the answer.
    public var fastPerCharacter: Duration
    /// Slower than this plus ``slowPerCharacter`` per character is slow.
    public var slowBase: Duration
    /// Added to the slow limit per character of the answer.
    public var slowPerCharacter: Duration

    /// Creates thresholds.
    public init(
      fastBase: Duration, fastPerCharacter: Duration, slowBase: Duration,
      slowPerCharacter: Duration
    ) {
      self.fastBase = fastBase
      self.fastPerCharacter = fastPerCharacter
      self.slowBase = slowBase
      self.slowPerCharacter = slowPerCharacter
    }

    /// The fast limit for an answer of `length` characters.
    public func fastLimit(length: Int) -> Duration { fastBase + fastPerCharacter * length }
    /// The slow limit for an answer of `length` characters.
    public func slowLimit(length: Int) -> Duration { slowBase + slowPerCharacter * length }
  }

  /// Thresholds when the answer is chosen (choice and next-step choice quizzes).
  public var choosing: Thresholds
  /// Thresholds when the answer is typed (typed, next-step typed and ordering quizzes).
  public var typing: Thresholds

  /// Creates an inference with the default thresholds: choosing is fast under 2 s + 50 ms
  /// per character and slow over 8 s + 150 ms per character; typing is fast under
  /// 4 s + 200 ms and slow over 12 s + 600 ms per character.
  public init(
    choosing: Thresholds = Thresholds(
      fastBase: .seconds(2), fastPerCharacter: .milliseconds(50), slowBase: .seconds(8),
      slowPerCharacter: .milliseconds(150)),
    typing: Thresholds = Thresholds(
      fastBase: .seconds(4), fastPerCharacter: .milliseconds(200), slowBase: .seconds(12),
      slowPerCharacter: .milliseconds(600))
  ) {
    self.choosing = choosing
    self.typing = typing
  }

  /// The grade for an answer.
  ///
  /// - Parameters:
  ///   - outcome: Whether the answer was right.
  ///   - elapsed: The time from showing the card to the answer.
  ///   - answerLength: The number of characters of the right answer.
  ///   - phase: The card's phase before this review.
  ///   - typed: Whether the answer was typed rather than chosen.
  public func grade(
    outcome: AnswerOutcome, elapsed: Duration, answerLength: Int, phase: CardPhase, typed: Bool
  ) -> Rating {
    switch outcome {
    case .wrong: return .again
    case .typo: return .hard
    case .right: break
    }
    let thresholds = typed ? typing : choosing
    let length = max(1, answerLength)
    if elapsed > thresholds.slowLimit(length: length) { return .hard }
    if phase == .review && elapsed < thresholds.fastLimit(length: length) { return .easy }
    return .good
  }
}
