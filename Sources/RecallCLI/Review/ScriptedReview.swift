import Foundation
import RecallScheduling
import RecallReview
import RecallTerminal

/// A review read from lines of standard input, for scripts: one answer per line, the
/// questions and feedback as plain text, or one JSON object per event with `--json`.
///
/// Each line answers the card shown: a grade (`again`, `hard`, `good`, `easy`, or 1-4 where
/// no choice is asked), a choice number, a typed answer, or an ordering (`3 1 2`). An empty
/// line shows the answer (a flip card: Good). Lines `:undo`, `:bury`, `:suspend`, `:quit` (or
/// `:u`, `:s`, `:@`, `:q`) undo, bury, suspend and quit. The session ends at the end of the input.
struct ScriptedReview {
  /// Whether events are printed as JSON lines.
  let json: Bool
  /// The screens, for the text form.
  let screens: ReviewScreens
  /// Reads one line, nil at the end of the input.
  var readLine: () -> String? = { Swift.readLine(strippingNewline: true) }

  /// Runs the session to its end and returns the `finished` event.
  func run(_ driver: inout ReviewDriver, clock: SessionClock) throws -> ReviewEvent {
    let renderer = ReviewScreenRenderer(styler: Styler(usesColor: false))
    driver.onWaiting = { notice in SafeOutput.write(notice + "\n", to: .standardError) }
    cards: while let (asked, askedEvent) = try driver.askNext(at: clock.now()) {
      // The question's lines are the text form's alone: with --json the event is printed.
      let questionLines =
        json ? [] : renderer.render(screens.question(driver, asked, interactive: false), width: 80)
      if json {
        SafeOutput.write(EventJSON.asked(askedEvent, asked) + "\n")
      } else {
        SafeOutput.write(questionLines.joined(separator: "\n") + "\n> ")
      }
      while true {
        guard let line = readLine() else {
          if !json { SafeOutput.write("\n") }
          break cards
        }
        let command = line.trimmingCharacters(in: .whitespaces).lowercased()
        if [":q", ":quit"].contains(command) { break cards }
        if [":u", ":undo"].contains(command) {
          do {
            let event = try driver.undo(at: clock.now())
            SafeOutput.write(json ? event.jsonLine + "\n" : "Undone.\n\n")
            continue cards
          } catch ReviewError.nothingToUndo {
            problem("There is nothing to undo; the session is at its start.")
            continue
          }
        }
        if [":s", ":bury"].contains(command) {
          let event = try driver.bury(at: clock.now())
          SafeOutput.write(json ? event.jsonLine + "\n" : "Buried until tomorrow.\n\n")
          continue cards
        }
        if [":@", ":suspend"].contains(command) {
          let cardID = try driver.suspend(at: clock.now())
          let id = CardIDs.shortID(asked.stored)
          SafeOutput.write(
            json
              ? EventJSON.suspended(cardID: cardID, id: id) + "\n"
              : ReviewScreens.suspendedNotice(id: id) + "\n\n")
          continue cards
        }
        let response = ResponseReading.response(line, quiz: asked.quiz)
        let answer: ReviewSession.Answer
        do {
          answer = try driver.answer(response, at: clock.now())
        } catch let error as ReviewError {
          problem(error.description)
          continue
        }
        let graded = try driver.grade(ResponseReading.grade(for: answer, quiz: asked.quiz), at: clock.now())
        if json {
          SafeOutput.write(EventJSON.answered(graded) + "\n")
        } else {
          let screen = screens.feedback(driver, graded, now: clock.now(), interactive: false)
          let lines = renderer.render(screen, width: 80)
          SafeOutput.write(lines.dropFirst(questionLines.count).joined(separator: "\n") + "\n\n")
          if let leech = ReviewScreens.leechNotice(graded) { SafeOutput.write(leech + "\n\n") }
        }
        continue cards
      }
    }
    return try driver.finish(at: clock.now())
  }

  /// Says why a line was not taken (on standard error; the card waits for another line).
  private func problem(_ message: String) {
    SafeOutput.write("recall: \(message)\n", to: .standardError)
    if !json { SafeOutput.write("> ") }
  }
}

/// How a line of input answers a quiz.
enum ResponseReading {
  /// The response a line gives for a quiz (the review module's reading of scripted lines).
  static func response(_ line: String, quiz: Quiz) -> Response {
    ScriptedAnswer.response(for: line, quiz: quiz)
  }

  /// The grade to give an answer: the suggested one, or for a flip card with something
  /// typed, the grade its comparison with the answer gives.
  static func grade(for answer: ReviewSession.Answer, quiz: Quiz) -> Rating? {
    if let suggested = answer.suggestedGrade { return suggested }
    if let check = answer.check {
      switch check.outcome {
      case .right: return .good
      case .typo: return .hard
      case .wrong: return .again
      }
    }
    return .good
  }
}

/// The JSON lines of a scripted session: the review module's events with what a script needs
/// to answer (the prompt, the choices or steps) and to check (the right answer).
enum EventJSON {
  /// The `asked` event with `prompt`, `context`, `choices`, `steps`, `deck`, `line`.
  static func asked(_ event: ReviewEvent, _ asked: AskedCard) -> String {
    let card = asked.stored.card
    return extend(
      event.jsonLine,
      [
        ("prompt", quote(card.prompt)),
        ("context", array(card.context)),
        ("choices", array(asked.quiz.choices)),
        ("steps", array(asked.quiz.orderingItems)),
        ("deck", quote(card.deck)),
        ("line", String(card.line)),
      ])
  }

  /// The `answered` event with `expected` (the right answer), `rightChoice`, and `leech`
  /// (`suspend` or `tag` when the answer made the card a leech, else null).
  static func answered(_ graded: GradedAnswer) -> String {
    let quiz = graded.asked.quiz
    return extend(
      graded.event.jsonLine,
      [
        ("expected", quote(quiz.answer)),
        ("rightChoice", quiz.rightChoice.map { String($0 + 1) } ?? "null"),
        ("leech", graded.leech.map { quote($0.rawValue) } ?? "null"),
      ])
  }

  /// The `suspended` event: the card's row id and its short id.
  static func suspended(cardID: Int64, id: String) -> String {
    "{\"event\":\"suspended\",\"card\":\(cardID),\"id\":\(quote(id))}"
  }

  /// A JSON object line with more fields at its end.
  static func extend(_ line: String, _ fields: [(String, String)]) -> String {
    guard line.hasSuffix("}") else { return line }
    return String(line.dropLast()) + fields.map { ",\(quote($0.0)):\($0.1)" }.joined() + "}"
  }

  /// A JSON array of strings.
  static func array(_ items: [String]) -> String {
    "[" + items.map(quote).joined(separator: ",") + "]"
  }

  /// A JSON string literal.
  static func quote(_ text: String) -> String {
    SafeJSON.quoted(text)
  }
}
