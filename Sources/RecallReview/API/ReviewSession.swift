import Foundation
import RecallScheduling

/// What the user gave as an answer.
public enum Response: Hashable, Sendable {
  /// A typed answer (typed and next-step quizzes; an ordering such as `3 1 2`).
  case typed(String)
  /// A choice number, 1-based, as shown.
  case choice(Int)
  /// An ordering, as the 1-based numbers of the shown steps.
  case ordering([Int])
  /// Show the answer: a flip card's answer, or "I don't know" on a checked quiz.
  case reveal
  /// A grade given directly (scripted sessions accept a grade word for any card).
  case grade(Rating)
}

/// What the scheduler decided for an answered card; the CLI passes it to
/// ``ReviewSession/rate(_:at:scheduled:)``.
public struct ScheduledReview: Hashable, Sendable {
  /// When the card is due next.
  public var due: Date
  /// The card's phase after the review.
  public var phase: CardPhase
  /// The card's interval after the review, in days, if known.
  public var intervalDays: Double?

  /// Creates a scheduling result.
  public init(due: Date, phase: CardPhase, intervalDays: Double? = nil) {
    self.due = due
    self.phase = phase
    self.intervalDays = intervalDays
  }
}

/// One answered and graded review, as logged.
public struct AnsweredReview: Hashable, Sendable {
  /// The card's id.
  public var card: Int64
  /// How it was asked.
  public var quiz: QuizKind
  /// The grade given.
  public var grade: Rating
  /// The grade the answer suggested, nil for flip cards.
  public var suggestedGrade: Rating?
  /// Right, typo or wrong; nil for flip cards graded by the user.
  public var outcome: AnswerOutcome?
  /// What the user typed or chose, as text.
  public var response: String?
  /// The time from showing the card to the answer.
  public var elapsed: Duration
  /// When the card was shown.
  public var askedAt: Date
  /// When the grade was given.
  public var answeredAt: Date
  /// The card as it was before this review (phase, due), for undoing.
  public var before: QueueCard
  /// When the card is due next, as the scheduler said.
  public var nextDue: Date?
  /// The card's phase after the review.
  public var nextPhase: CardPhase?
  /// Whether this was the card's first answer in the session.
  public var isFirstTry: Bool

  /// Whether the card counts as known: right (or a typo), or for flip cards not Again.
  public var wasRight: Bool { outcome?.isRight ?? (grade != .again) }
}

/// The end-of-session figures.
public struct ReviewSummary: Hashable, Sendable {
  /// Distinct cards answered.
  public var cardsDone: Int
  /// Answers given (a learning card may come back).
  public var reviewsDone: Int
  /// Cards right on their first answer in the session.
  public var rightOnFirstTry: Int
  /// ``rightOnFirstTry`` over ``cardsDone``, 0 when no card was done.
  public var rightOnFirstTryShare: Double
  /// The time spent answering: each card from being shown to its grade, summed, the time the
  /// review log records and `recall stats` adds up (reading the feedback is not counted).
  public var timeSpent: Duration
  /// Cards due tomorrow, as the caller counted them.
  public var dueTomorrow: Int
  /// Learning cards still due later today.
  public var learningLaterToday: Int

  /// Creates a summary.
  public init(
    cardsDone: Int, reviewsDone: Int, rightOnFirstTry: Int, rightOnFirstTryShare: Double,
    timeSpent: Duration, dueTomorrow: Int, learningLaterToday: Int
  ) {
    self.cardsDone = cardsDone
    self.reviewsDone = reviewsDone
    self.rightOnFirstTry = rightOnFirstTry
    self.rightOnFirstTryShare = rightOnFirstTryShare
    self.timeSpent = timeSpent
    self.dueTomorrow = dueTomorrow
    self.learningLaterToday = learningLaterToday
  }
}

/// A daily review session as a value: the queue, the current card, answers, grades, undo
/// and bury, with no I/O.
///
/// The CLI drives it card by card:
/// 1. ``draw(at:)`` picks the next card (learning cards that came due first);
/// 2. the CLI loads the card and builds its ``Quiz`` with ``QuizPlanner``, then
///    ``present(_:at:)`` shows it (event `asked`);
/// 3. ``answer(_:at:)`` checks the answer and suggests a grade;
/// 4. the user keeps or changes the grade; the CLI schedules the card and calls
///    ``rate(_:at:scheduled:)`` (event `answered`: write it to the store at once).
///
/// ``undo()`` goes back one answer (or bury) at a time, to the session's start, returning
/// the review to delete; ``bury(at:)`` puts the current card away until tomorrow; learning
/// cards rated into a step that ends later today come back when due.
///
/// ```swift
/// var session = ReviewSession(queue: queue, today: day, startedAt: now)
/// while let card = session.draw(at: clock()) {
///   let quiz = planner.quiz(for: cards[card.id], phase: card.phase,
///                           intervalDays: card.intervalDays, using: &random)
///   emit(try session.present(quiz, at: clock()))
///   let answer = try session.answer(.typed(readLine()), at: clock())
///   let grade = askOverride(default: answer.suggestedGrade)
///   emit(try session.rate(grade, at: clock(), scheduled: schedule(card, grade)))
/// }
/// ```
public struct ReviewSession: Hashable, Sendable {
  /// Where the session is.
  public enum State: Hashable, Sendable {
    /// Between cards: call ``ReviewSession/draw(at:)``.
    case ready
    /// A card was drawn: build its quiz and call ``ReviewSession/present(_:at:)``.
    case drawn(QueueCard)
    /// The card is shown and waits for an answer.
    case asking(Asking)
    /// The card is answered and waits for its grade.
    case answered(Answer)
    /// The session ended.
    case finished
  }

  /// A card being asked.
  public struct Asking: Hashable, Sendable {
    /// The card.
    public var card: QueueCard
    /// How it is asked.
    public var quiz: Quiz
    /// When it was shown.
    public var askedAt: Date
  }

  /// An answered card waiting for its grade.
  public struct Answer: Hashable, Sendable {
    /// The card and its quiz.
    public var asking: Asking
    /// What the user answered.
    public var response: Response
    /// Right, typo or wrong; nil for a flip card (the user grades it).
    public var outcome: AnswerOutcome?
    /// The typed answer's comparison, with the diff for the feedback.
    public var check: AnswerCheck?
    /// For an ordering quiz: how many steps were in the right place.
    public var positionsRight: Int?
    /// The grade the answer suggests; nil for flip cards.
    public var suggestedGrade: Rating?
    /// When the answer was given.
    public var answeredAt: Date

    /// The time from showing the card to the answer.
    public var elapsed: Duration {
      .milliseconds(Int64((answeredAt.timeIntervalSince(asking.askedAt) * 1000).rounded()))
    }
  }

  /// What ``ReviewSession/undo()`` took back.
  public struct Undone: Hashable, Sendable {
    /// The event to record: `undone` (delete the logged review, restore the card's
    /// schedule from `before`) or `unburied`.
    public var event: ReviewEvent
    /// The card, as it was before the answer; the session is back at `.drawn` with it.
    public var card: QueueCard
    /// The review taken back, nil for a bury.
    public var review: AnsweredReview?
  }

  /// Everything but the undo stack; undo restores a copy of it.
  private struct Core: Hashable, Sendable {
    var queue: [QueueCard]
    var laterLearning: [QueueCard]
    var state: State
    var history: [AnsweredReview]
    var lastGroup: String?
  }

  /// A step that undo can take back.
  private struct UndoEntry: Hashable, Sendable {
    var before: Core
    var review: AnsweredReview?
    var buried: QueueCard?
  }

  private var core: Core
  private var undoStack: [UndoEntry] = []
  /// The session as it was when the current card was drawn.
  private var drawnSnapshot: Core?

  /// The review day the session runs in.
  public let today: ReviewDay
  /// When the session started.
  public let startedAt: Date
  /// How far ahead a learning card may be shown when nothing else is left, in seconds.
  public var learnAhead: TimeInterval
  /// How typed answers are compared.
  public var checker: AnswerChecker
  /// How grades are inferred.
  public var inference: GradeInference

  /// Creates a session from today's queue.
  public init(
    queue: ReviewQueue, today: ReviewDay, startedAt: Date, learnAhead: TimeInterval = 20 * 60,
    checker: AnswerChecker = AnswerChecker(), inference: GradeInference = GradeInference()
  ) {
    core = Core(
      queue: queue.cards, laterLearning: queue.laterLearning, state: .ready, history: [],
      lastGroup: nil)
    self.today = today
    self.startedAt = startedAt
    self.learnAhead = learnAhead
    self.checker = checker
    self.inference = inference
  }

  /// Where the session is.
  public var state: State { core.state }
  /// The cards still to ask, in order (not counting learning cards due later).
  public var remaining: [QueueCard] { core.queue }
  /// Learning cards that come back later today.
  public var laterLearning: [QueueCard] { core.laterLearning }
  /// Every answer given, in order.
  public var history: [AnsweredReview] { core.history }
  /// Whether ``undo()`` has something to take back.
  public var canUndo: Bool { !undoStack.isEmpty }
  /// When the next learning card comes due, if one is waiting.
  public var nextLearningDue: Date? { core.laterLearning.map(\.due).min() }

  /// Picks the next card and moves to `.drawn`; nil when nothing is due by `now` (plus the
  /// learn-ahead when the queue is empty).
  ///
  /// Learning cards that came due go first; a card never follows its sibling when another
  /// card could come instead. If a card is already drawn it is returned again; while a card
  /// is asked or answered, or after the end, the result is nil.
  public mutating func draw(at now: Date) -> QueueCard? {
    switch core.state {
    case .ready: break
    case .drawn(let card): return card
    default: return nil
    }
    let last = core.lastGroup
    var picked: QueueCard?
    let dueLearning = core.laterLearning.indices.filter { core.laterLearning[$0].due <= now }
      .sorted { core.laterLearning[$0].due < core.laterLearning[$1].due }
    let queueIndex =
      core.queue.indices.first { core.queue[$0].siblingGroup != last } ?? core.queue.indices.first
    // A due learning card goes first, unless it is the last card's sibling and the queue
    // has another card to show.
    let queueHeadIsSibling = queueIndex.map { core.queue[$0].siblingGroup == last } ?? true
    let learningIndex =
      dueLearning.first { core.laterLearning[$0].siblingGroup != last }
      ?? (queueHeadIsSibling ? dueLearning.first : nil)
    if let index = learningIndex {
      picked = core.laterLearning.remove(at: index)
    } else if let queueIndex {
      picked = core.queue.remove(at: queueIndex)
    } else if let index = core.laterLearning.indices
      .filter({ core.laterLearning[$0].due <= now.addingTimeInterval(learnAhead) })
      .min(by: { core.laterLearning[$0].due < core.laterLearning[$1].due })
    {
      picked = core.laterLearning.remove(at: index)
    }
    guard let picked else { return nil }
    core.state = .drawn(picked)
    // Undo comes back to exactly this: the card drawn, out of the queue.
    drawnSnapshot = core
    return picked
  }

  /// Shows the drawn card with its quiz.
  ///
  /// - Returns: The `asked` event.
  /// - Throws: ``ReviewError/invalidAction(action:state:)`` unless a card is drawn.
  public mutating func present(_ quiz: Quiz, at now: Date) throws -> ReviewEvent {
    guard case .drawn(let card) = core.state else { throw invalid("present a card") }
    core.state = .asking(Asking(card: card, quiz: quiz, askedAt: now))
    return .asked(
      ReviewEvent.Asked(
        card: card.id, quiz: quiz.kind, phase: card.phase,
        noteChanged: card.noteChangedSinceLastReview, at: now))
  }

  /// Checks an answer and suggests a grade; the session waits for the grade.
  ///
  /// - Throws: ``ReviewError/invalidAction(action:state:)`` unless a card is being asked;
  ///   ``ReviewError/choiceOutOfRange(choice:count:)`` for a choice not shown.
  @discardableResult
  public mutating func answer(_ response: Response, at now: Date) throws -> Answer {
    guard case .asking(let asking) = core.state else { throw invalid("answer") }
    let quiz = asking.quiz
    var answer = Answer(
      asking: asking, response: response, outcome: nil, check: nil, positionsRight: nil,
      suggestedGrade: nil, answeredAt: now)
    var typed = quiz.isTyped
    switch response {
    case .reveal:
      if quiz.kind.isChecked { answer.outcome = .wrong }
    case .grade(let grade):
      answer.outcome = grade == .again ? .wrong : .right
      answer.suggestedGrade = grade
      core.state = .answered(answer)
      return answer
    case .choice(let number):
      guard quiz.presentsChoices else { throw invalid("take a choice number") }
      guard (1...quiz.choices.count).contains(number) else {
        throw ReviewError.choiceOutOfRange(choice: number, count: quiz.choices.count)
      }
      answer.outcome = number - 1 == quiz.rightChoice ? .right : .wrong
      typed = false
    case .ordering(let order):
      answer = Self.checkOrdering(order, answer)
    case .typed(let text):
      if quiz.kind == .ordering {
        let order = OrderingAnswer.parse(text, count: quiz.orderingItems.count) ?? []
        answer = Self.checkOrdering(order, answer)
      } else if quiz.presentsChoices, let number = Int(text.trimmingCharacters(in: .whitespaces)) {
        return try self.answer(.choice(number), at: now)
      } else if quiz.kind == .flip {
        // A flip card with something typed: show it beside the answer, the user grades.
        answer.check = checker.check(text, against: quiz.answer)
      } else {
        let check = checker.check(text, against: quiz.answer)
        answer.check = check
        answer.outcome = check.outcome
      }
    }
    if let outcome = answer.outcome, quiz.kind.isChecked {
      answer.suggestedGrade = inference.grade(
        outcome: outcome, elapsed: answer.elapsed, answerLength: quiz.answer.count,
        phase: asking.card.phase, typed: typed)
    }
    core.state = .answered(answer)
    return answer
  }

  /// Grades the answered card and moves on.
  ///
  /// - Parameters:
  ///   - grade: The grade; nil keeps the suggested one (not allowed for flip cards).
  ///   - now: The moment of the grade.
  ///   - scheduled: What the scheduler decided for this grade; a learning step ending before
  ///     tomorrow brings the card back in this session.
  /// - Returns: The `answered` event; write the review to the store at once.
  /// - Throws: ``ReviewError/invalidAction(action:state:)`` unless a card is answered;
  ///   ``ReviewError/gradeRequired(card:)`` for a flip card without a grade.
  public mutating func rate(_ grade: Rating?, at now: Date, scheduled: ScheduledReview?)
    throws -> ReviewEvent
  {
    guard case .answered(let answer) = core.state else { throw invalid("rate") }
    let card = answer.asking.card
    guard let finalGrade = grade ?? answer.suggestedGrade else {
      throw ReviewError.gradeRequired(card: card.id)
    }
    let before = drawnSnapshot ?? core
    let review = AnsweredReview(
      card: card.id, quiz: answer.asking.quiz.kind, grade: finalGrade,
      suggestedGrade: answer.suggestedGrade, outcome: answer.outcome,
      response: Self.text(of: answer.response), elapsed: answer.elapsed,
      askedAt: answer.asking.askedAt, answeredAt: now, before: card, nextDue: scheduled?.due,
      nextPhase: scheduled?.phase,
      isFirstTry: !core.history.contains { $0.card == card.id })
    core.history.append(review)
    core.lastGroup = card.siblingGroup
    if let scheduled, scheduled.phase.isInSteps, scheduled.due < today.end {
      var again = card
      again.phase = scheduled.phase
      again.due = scheduled.due
      again.intervalDays = scheduled.intervalDays
      core.laterLearning.append(again)
    }
    core.state = .ready
    undoStack.append(UndoEntry(before: before, review: review, buried: nil))
    drawnSnapshot = nil
    return .answered(review)
  }

  /// Buries the current card until tomorrow's start.
  ///
  /// - Returns: The `buried` event; the caller stores the bury.
  public mutating func bury(at now: Date) throws -> ReviewEvent {
    let card: QueueCard
    switch core.state {
    case .drawn(let drawn): card = drawn
    case .asking(let asking): card = asking.card
    case .answered(let answer): card = answer.asking.card
    default: throw invalid("bury a card")
    }
    let before = drawnSnapshot ?? core
    core.state = .ready
    undoStack.append(UndoEntry(before: before, review: nil, buried: card))
    drawnSnapshot = nil
    return .buried(card: card.id, until: today.end)
  }

  /// Takes the card being asked back, unanswered, to `.drawn`, so that it can be presented
  /// again with a new quiz (its note was edited meanwhile). Between cards it does nothing.
  ///
  /// - Throws: ``ReviewError/invalidAction(action:state:)`` once the card is answered.
  public mutating func withdraw() throws {
    switch core.state {
    case .asking(let asking): core.state = .drawn(asking.card)
    case .ready, .drawn: break
    default: throw invalid("ask a card again")
    }
  }

  /// Takes back the last answer or bury, and puts that card back as drawn.
  ///
  /// Undo works again and again, back to the session's start; a card shown but not yet
  /// answered returns to the queue.
  ///
  /// - Returns: What was taken back, with the event to record.
  /// - Throws: ``ReviewError/nothingToUndo`` at the session's start.
  public mutating func undo() throws -> Undone {
    guard let entry = undoStack.popLast() else { throw ReviewError.nothingToUndo }
    core = entry.before
    if let review = entry.review {
      core.state = .drawn(review.before)
      drawnSnapshot = entry.before
      return Undone(event: .undone(review), card: review.before, review: review)
    }
    let card = entry.buried ?? QueueCard(id: -1, siblingGroup: "", phase: .new, due: startedAt)
    core.state = .drawn(card)
    drawnSnapshot = entry.before
    return Undone(event: .unburied(card: card.id), card: card, review: nil)
  }

  /// Ends the session.
  ///
  /// - Parameters:
  ///   - now: The end.
  ///   - dueTomorrow: The cards due tomorrow, counted by the caller.
  /// - Returns: The `finished` event with the summary.
  public mutating func finish(at now: Date, dueTomorrow: Int) -> ReviewEvent {
    core.state = .finished
    return .finished(summary(at: now, dueTomorrow: dueTomorrow))
  }

  /// The figures so far.
  public func summary(at now: Date, dueTomorrow: Int) -> ReviewSummary {
    let firstTries = core.history.filter(\.isFirstTry)
    let right = firstTries.filter(\.wasRight).count
    // The same time the log keeps for each answer, so the session and `recall stats` agree.
    let answering = core.history.reduce(Duration.zero) { $0 + $1.elapsed }
    return ReviewSummary(
      cardsDone: firstTries.count, reviewsDone: core.history.count, rightOnFirstTry: right,
      rightOnFirstTryShare: firstTries.isEmpty ? 0 : Double(right) / Double(firstTries.count),
      timeSpent: answering, dueTomorrow: dueTomorrow,
      learningLaterToday: core.laterLearning.count)
  }

  /// Compares an ordering with the quiz's right order.
  private static func checkOrdering(_ order: [Int], _ answer: Answer) -> Answer {
    var answer = answer
    let right = answer.asking.quiz.rightOrder
    answer.positionsRight = zip(order, right).filter { $0 == $1 }.count
    answer.outcome = order == right ? .right : .wrong
    return answer
  }

  /// A response as text for the log.
  private static func text(of response: Response) -> String? {
    switch response {
    case .typed(let text): return text
    case .choice(let number): return String(number)
    case .ordering(let order): return order.map(String.init).joined(separator: " ")
    case .reveal: return nil
    case .grade(let grade): return grade.word
    }
  }

  /// The error for an action the current state does not allow.
  private func invalid(_ action: String) -> ReviewError {
    let name: String
    switch core.state {
    case .ready: name = "between cards"
    case .drawn: name = "waiting for a quiz"
    case .asking: name = "waiting for an answer"
    case .answered: name = "waiting for a grade"
    case .finished: name = "finished"
    }
    return .invalidAction(action: action, state: name)
  }
}
