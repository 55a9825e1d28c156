import Foundation
import RecallCards
import RecallReview
import RecallScheduling
import RecallStorage
import RecallTerminal

/// Builds the review screen's view model for each moment of a session: the question, a flip
/// card's answer, the feedback after an answer, the help.
struct ReviewScreens {
  /// The clock that counts study days, for "tomorrow" and "in 3 days".
  let clock: DayClock
  /// Whether the session is practice (nothing scheduled).
  let isPractice: Bool

  /// The header: progress, deck and what is left.
  func header(_ driver: ReviewDriver, asked: AskedCard) -> ReviewScreen.Header {
    let done = driver.session.history.count
    let remaining = driver.session.remaining
    let later = driver.session.laterLearning.count
    let new = remaining.filter { $0.phase == .new }.count
    let learning = remaining.filter { $0.phase.isInSteps }.count + later
    let due = remaining.filter { $0.phase == .review }.count
    let counts = isPractice ? "practice" : "new \(new) · learn \(learning) · due \(due)"
    return ReviewScreen.Header(
      done: done, left: 1 + remaining.count + later,
      title: asked.stored.card.deck, counts: counts)
  }

  /// The notices above the prompt.
  func notices(_ asked: AskedCard) -> [String] {
    asked.queued.noteChangedSinceLastReview ? ["the note changed since your last review of this card"] : []
  }

  /// What kind of answer is expected.
  func instruction(_ quiz: Quiz, interactive: Bool) -> String {
    switch quiz.kind {
    case .choice, .nextStep where quiz.presentsChoices:
      return interactive ? "choose 1-\(quiz.choices.count) (space: show the answer)" : "choose 1-\(quiz.choices.count)"
    case .ordering:
      return "type the steps' numbers in order, such as 3 1 2"
    case .flip:
      return interactive ? "think of the answer, then press space to show it" : "grade yourself: again, hard, good, easy (or 1-4)"
    default:
      return interactive
        ? "type the answer and press enter (empty: show it; Ctrl-D: quit)" : "type the answer"
    }
  }

  /// The card before it is answered.
  func question(
    _ driver: ReviewDriver, _ asked: AskedCard, interactive: Bool, typing: Bool = false
  ) -> ReviewScreen {
    let quiz = asked.quiz
    let choices = (quiz.presentsChoices ? quiz.choices : quiz.orderingItems).map { ReviewScreen.Choice($0) }
    var hints: [ReviewScreen.KeyHint] = []
    if interactive && !typing {
      if quiz.presentsChoices { hints.append(.init("1-\(quiz.choices.count)", "choose")) }
      if quiz.kind == .flip { hints.append(.init("space", "show")) }
      hints += [.init("u", "undo"), .init("s", "bury"), .init("e", "edit"), .init("?", "help"), .init("q", "quit")]
    }
    return ScreenBounds.bounded(ReviewScreen(
      header: header(driver, asked: asked), notices: notices(asked),
      context: asked.stored.card.context, prompt: asked.stored.card.prompt,
      instruction: instruction(quiz, interactive: interactive), choices: choices,
      answer: typing ? .typing(label: "answer:", text: "") : (quiz.kind == .flip && interactive ? .hidden : .none),
      keyHints: hints))
  }

  /// A flip card with its answer shown, waiting for the user's grade; each grade key says
  /// when the card would come back.
  func revealed(
    _ driver: ReviewDriver, _ asked: AskedCard, previews: [(Rating, Date?)], now: Date
  ) -> ReviewScreen {
    var screen = question(driver, asked, interactive: true)
    screen.answer = .shown(asked.quiz.answer)
    screen.instruction = nil
    var hints: [ReviewScreen.KeyHint] = []
    for (grade, due) in previews {
      let when = due.map { " " + shortWhen($0, now: now) } ?? ""
      hints.append(.init("\(grade.rawValue)", grade.word + when))
    }
    hints += [.init("space", "good"), .init("u", "undo"), .init("s", "bury"), .init("e", "edit"), .init("q", "quit")]
    screen.keyHints = hints
    let source = sourceText(asked.stored)
    screen.feedback = ReviewScreen.Feedback(
      verdict: .selfGraded, rightAnswer: [], detail: asked.stored.card.detail, source: source)
    return ScreenBounds.bounded(screen)
  }

  /// The screen after an answer: the verdict, the right answer beside the user's with the
  /// differences marked, the note and line, the grade and when the card comes back.
  func feedback(_ driver: ReviewDriver, _ graded: GradedAnswer, now: Date, interactive: Bool) -> ReviewScreen {
    let asked = graded.asked
    let quiz = asked.quiz
    let answer = graded.answer
    var screen = question(driver, asked, interactive: false)
    // The session's history already holds this answer: the card is counted among those done,
    // not as one still to come (again, if it comes back today, among those left).
    screen.header.left = max(0, screen.header.left - 1)
    screen.instruction = nil
    var right: [MarkedText] = [MarkedText(quiz.answer)]
    var yours: [MarkedText]?
    switch answer.response {
    case .choice(let number):
      for index in screen.choices.indices {
        if index == quiz.rightChoice {
          screen.choices[index].mark = .right
        } else if index == number - 1 {
          screen.choices[index].mark = .pickedWrong
        }
      }
      if quiz.choices.indices.contains(number - 1) {
        yours = [MarkedText(quiz.choices[number - 1], isDifferent: number - 1 != quiz.rightChoice)]
      }
    case .ordering, .typed where quiz.kind == .ordering:
      let order: [Int]
      if case .ordering(let given) = answer.response {
        order = given
      } else if case .typed(let text) = answer.response {
        order = OrderingAnswer.parse(text, count: quiz.orderingItems.count) ?? []
      } else {
        order = []
      }
      right = quiz.rightOrder.enumerated().map { index, number in
        MarkedText((index > 0 ? " → " : "") + "\(number)")
      }
      yours =
        order.isEmpty
        ? [MarkedText("(not an order of the steps)", isDifferent: true)]
        : order.enumerated().map { index, number in
          MarkedText(
            (index > 0 ? " → " : "") + "\(number)",
            isDifferent: index >= quiz.rightOrder.count || quiz.rightOrder[index] != number)
        }
    case .typed:
      if let check = answer.check {
        right = check.diff.expected.map { MarkedText($0.text, isDifferent: $0.isDifferent) }
        yours = check.diff.typed.map { MarkedText($0.text, isDifferent: $0.isDifferent) }
      }
    case .reveal, .grade:
      break
    }
    let verdict: ReviewScreen.Feedback.Verdict
    switch answer.outcome {
    case .right: verdict = .right
    case .typo: verdict = .typo
    case .wrong: verdict = .wrong
    case nil: verdict = .selfGraded
    }
    if case .grade = answer.response { yours = nil }
    var gradeText = graded.grade.word
    if let suggested = answer.suggestedGrade, suggested == graded.grade, quiz.kind.isChecked {
      gradeText += " (from your answer)"
    }
    let next: String? =
      graded.after.flatMap { $0.due }.map { when($0, now: now) } ?? (isPractice ? "unchanged (practice)" : nil)
    screen.feedback = ReviewScreen.Feedback(
      verdict: verdict, rightAnswer: right, userAnswer: yours, detail: asked.stored.card.detail,
      source: sourceText(asked.stored), grade: gradeText, nextDue: next)
    screen.keyHints =
      interactive
      ? [
        .init("space", "next"), .init("1-4", "change grade"), .init("u", "undo"), .init("e", "edit"),
        .init("?", "help"), .init("q", "quit"),
      ] : []
    if interactive, let leech = Self.leechNotice(graded) { screen.notices.append(leech) }
    return ScreenBounds.bounded(screen)
  }

  /// What the screen says when a card was suspended.
  static func suspendedNotice(id: String) -> String {
    "Suspended card \(id): it is not asked again until `recall unsuspend \(id)` (u takes it back now)."
  }

  /// What the screen says once, after the answer that made a card a leech; nil for any other
  /// answer.
  static func leechNotice(_ graded: GradedAnswer) -> String? {
    guard let action = graded.leech, let lapses = graded.after?.lapses else { return nil }
    let id = CardIDs.shortID(graded.asked.stored)
    let suspended = action == .suspend
    return "Leech: this card was forgotten \(lapses) times"
      + (suspended ? " and is now suspended" : "")
      + ". The fix is usually in the note: e to edit the note"
      + (suspended ? ", then `recall unsuspend \(id)`." : ".")
  }

  /// The keys, for `?`: the review screen's key map, then typed answers.
  ///
  /// - Parameter width: The terminal's columns: longer lines wrap, a key's action under itself.
  static func helpLines(width: Int) -> [String] {
    let keyWidth = ReviewKeys.help.map { DisplayWidth.of($0.key) }.max() ?? 0
    let actionIndent = String(repeating: " ", count: min(keyWidth + 4, width / 2))
    let keys = ReviewKeys.help.flatMap { key in
      TextLayout.wrap(
        "  " + TextLayout.pad(key.key, to: keyWidth) + "  " + key.action, width: width, indent: actionIndent)
    }
    let notes = [
      "",
      "Typed answers: type and press enter; an empty line shows the answer (counts as wrong); "
        + "Ctrl-D quits; :u, :s, :@, :e, :q on their own line undo, bury, suspend, edit, quit.",
      "Letter keys work with a Korean layout too (ㅕ ㄴ ㄷ ㅂ for u s e q).",
      "",
      "Press any key to go back.",
    ].flatMap { TextLayout.wrap($0, width: width) }
    return ["Keys", ""] + keys + notes
  }

  /// `file:line` of the card's note.
  func sourceText(_ stored: StoredCard) -> String {
    let file = stored.card.file.hasPrefix("recall:") ? String(stored.card.file.dropFirst(7)) : stored.card.file
    return "\(file):\(stored.card.line)"
  }

  /// When a card comes back, for a person: "in 10 minutes", "tomorrow", "in 3 days (Nov 28)".
  func when(_ due: Date, now: Date) -> String {
    let seconds = due.timeIntervalSince(now)
    let days = clock.daysBetween(now, due)
    if days <= 0 {
      let minutes = max(1, Int((seconds / 60).rounded()))
      if minutes < 60 { return minutes == 1 ? "in 1 minute" : "in \(minutes) minutes" }
      return "later today, in \(Int((seconds / 3600).rounded())) hours"
    }
    if days == 1 { return "tomorrow" }
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = clock.timeZone
    formatter.dateFormat = "yyyy-MM-dd"
    return "in \(days) days (\(formatter.string(from: due)))"
  }

  /// A short form for grade hints: "10m", "1d", "3d".
  func shortWhen(_ due: Date, now: Date) -> String {
    let days = clock.daysBetween(now, due)
    if days <= 0 {
      let minutes = max(1, Int((due.timeIntervalSince(now) / 60).rounded()))
      return minutes < 60 ? "\(minutes)m" : "\(minutes / 60)h"
    }
    return "\(days)d"
  }
}
