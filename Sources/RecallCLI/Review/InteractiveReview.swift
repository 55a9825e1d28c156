import Foundation
import RecallReview
import RecallScheduling
import RecallStorage
import RecallTerminal

/// The review in a terminal: raw-mode keys, the alternate screen, typed answers read in line
/// mode (so Korean input methods compose as usual), the terminal restored on every way out.
struct InteractiveReview {
  /// The screens.
  let screens: ReviewScreens
  /// Whether to color.
  let usesColor: Bool

  /// Why the session loop stopped.
  private enum Stop {
    case finished, quit
  }

  /// What the screen shows now.
  private enum Moment {
    /// A card waiting for its answer.
    case question(AskedCard)
    /// A flip card with its answer shown, waiting for a grade.
    case revealed(AskedCard)
    /// The feedback after an answer.
    case feedback(GradedAnswer)
  }

  /// Runs the session until it ends or the user quits; returns the `finished` event.
  ///
  /// - Parameter notice: Said on the first card's screen (the first run's import), so it is
  ///   read before the first answer rather than after the session.
  func run(_ driver: inout ReviewDriver, clock: SessionClock, notice: String? = nil) throws -> ReviewEvent {
    let terminal = TerminalSession()
    terminal.marksFrames = ProcessInfo.processInfo.environment["RECALL_TEST_FRAME_TITLES"] == "1"
    try terminal.start()
    defer { terminal.restore() }
    let renderer = ReviewScreenRenderer(styler: Styler(usesColor: usesColor))
    var message = notice
    var moment: Moment?
    var showingHelp = false
    driver.onWaiting = { notice in try? terminal.showStatus(notice) }

    func draw(_ screen: ReviewScreen, extraNotice: String? = nil) throws {
      var screen = screen
      if let extraNotice { screen.notices.append(extraNotice) }
      let size = terminal.size() ?? TerminalSize(rows: 24, columns: 80)
      try terminal.draw(renderer.render(screen, width: size.columns, height: size.rows))
    }

    func currentScreen(_ moment: Moment) -> ReviewScreen {
      switch moment {
      case .question(let asked):
        return screens.question(driver, asked, interactive: true)
      case .revealed(let asked):
        return screens.revealed(driver, asked, previews: previews(driver, asked, now: clock.now()), now: clock.now())
      case .feedback(let graded):
        return screens.feedback(driver, graded, now: clock.now(), interactive: true)
      }
    }

    sessionLoop: while true {
      if moment == nil {
        guard let (asked, _) = try driver.askNext(at: clock.now()) else { break sessionLoop }
        moment = .question(asked)
      }
      guard let shown = moment else { break }
      if showingHelp {
        let size = terminal.size() ?? TerminalSize(rows: 24, columns: 80)
        try terminal.draw(ReviewScreens.helpLines(width: size.columns))
      } else if case .question(let asked) = shown, asked.quiz.isTyped {
        // Typed answers: the screen without key hints, then a line read in cooked mode.
        var screen = screens.question(driver, asked, interactive: true, typing: true)
        if let message { screen.notices.append(message) }
        message = nil
        try draw(screen)
        try terminal.write(" ")
        switch try terminal.readLine() {
        case .endOfInput, .signal:
          break sessionLoop
        case .resized:
          // Redrawn at the new size; the letters typed so far stay in the line.
          message = "The window changed size: what you typed is kept; go on, and press enter to send it."
          continue sessionLoop
        case .line(let text):
          let command = text.trimmingCharacters(in: .whitespaces).lowercased()
          if let stop = try lineCommand(command, &driver, &moment, &message, terminal: terminal, clock: clock) {
            if stop == .quit { break sessionLoop }
            continue sessionLoop
          }
          let response: Response = text.trimmingCharacters(in: .whitespaces).isEmpty ? .reveal : .typed(text)
          let answer = try driver.answer(response, at: clock.now())
          let graded = try driver.grade(ResponseReading.grade(for: answer, quiz: asked.quiz), at: clock.now())
          moment = .feedback(graded)
        }
        continue sessionLoop
      } else {
        try draw(currentScreen(shown), extraNotice: message)
        message = nil
      }

      let event = try terminal.readEvent()
      switch event {
      case .signal, .endOfInput:
        break sessionLoop
      case .resize, .timeout:
        continue sessionLoop
      case .key(let key):
        if showingHelp {
          showingHelp = false
          continue sessionLoop
        }
        guard let command = ReviewKeys.command(for: key) else { continue sessionLoop }
        switch command {
        case .quit:
          break sessionLoop
        case .help:
          showingHelp = true
          continue sessionLoop
        case .undo:
          do {
            _ = try driver.undo(at: clock.now())
            moment = nil
          } catch ReviewError.nothingToUndo {
            message = "There is nothing to undo; this is the session's start."
          }
          continue sessionLoop
        case .edit:
          let asked: AskedCard
          switch shown {
          case .question(let card), .revealed(let card): asked = card
          case .feedback(let graded): asked = graded.asked
          }
          message = try openEditor(asked, &driver, &moment, terminal: terminal, clock: clock)
          continue sessionLoop
        case .bury:
          switch shown {
          case .question, .revealed:
            _ = try driver.bury(at: clock.now())
            moment = nil
          case .feedback:
            message = "This card is answered; bury the next one when it shows."
          }
          continue sessionLoop
        case .suspend:
          message = try suspend(shown, &driver, clock: clock)
          moment = nil
          continue sessionLoop
        case .number, .grade, .proceed:
          break
        }
        let grade: Rating? =
          switch command {
          case .number(let number), .grade(let number): Rating(rawValue: number)
          case .proceed: .good
          default: nil
          }
        switch shown {
        case .question(let asked):
          if asked.quiz.kind == .flip {
            if command == .proceed { moment = .revealed(asked) }
          } else if asked.quiz.presentsChoices {
            if case .number(let number) = command, (1...asked.quiz.choices.count).contains(number) {
              let answer = try driver.answer(.choice(number), at: clock.now())
              moment = .feedback(try driver.grade(answer.suggestedGrade, at: clock.now()))
            } else if command == .proceed {
              let answer = try driver.answer(.reveal, at: clock.now())
              moment = .feedback(try driver.grade(answer.suggestedGrade, at: clock.now()))
            }
          }
        case .revealed:
          if let grade {
            _ = try driver.answer(.grade(grade), at: clock.now())
            let graded = try driver.grade(grade, at: clock.now())
            // A card that just became a leech stays on screen, to say so once.
            moment = graded.leech == nil ? nil : .feedback(graded)
          }
        case .feedback:
          if command == .proceed {
            moment = nil
          } else if let grade, let regraded = try driver.regrade(grade, at: clock.now()) {
            moment = .feedback(regraded)
          }
        }
      }
    }
    return try driver.finish(at: clock.now())
  }

  /// Handles `:u`, `:s`, `:e`, `:q` typed on a typed-answer line; nil if the line is an answer.
  private func lineCommand(
    _ command: String, _ driver: inout ReviewDriver, _ moment: inout Moment?, _ message: inout String?,
    terminal: TerminalSession, clock: SessionClock
  ) throws -> Stop? {
    switch command {
    case ":q", ":quit":
      return .quit
    case ":u", ":undo":
      do {
        _ = try driver.undo(at: clock.now())
        moment = nil
      } catch ReviewError.nothingToUndo {
        message = "There is nothing to undo; this is the session's start."
      }
      return .finished
    case ":s", ":bury":
      _ = try driver.bury(at: clock.now())
      moment = nil
      return .finished
    case ":@", ":suspend":
      if let shown = moment { message = try suspend(shown, &driver, clock: clock) }
      moment = nil
      return .finished
    case ":e", ":edit":
      if case .question(let asked) = moment {
        message = try openEditor(asked, &driver, &moment, terminal: terminal, clock: clock)
      }
      return .finished
    default:
      return nil
    }
  }

  /// Suspends the card shown (or just answered); returns the message that says so.
  private func suspend(_ shown: Moment, _ driver: inout ReviewDriver, clock: SessionClock) throws -> String {
    let cardID: Int64
    switch shown {
    case .question, .revealed: cardID = try driver.suspend(at: clock.now())
    case .feedback: cardID = try driver.suspendAnswered(at: clock.now())
    }
    return ReviewScreens.suspendedNotice(id: driver.cards[cardID].map(CardIDs.shortID) ?? String(cardID))
  }

  /// When the card comes back after each grade, for the flip card's grade keys.
  private func previews(_ driver: ReviewDriver, _ asked: AskedCard, now: Date) -> [(Rating, Date?)] {
    if driver.isPractice { return Rating.allCases.map { ($0, nil) } }
    return Rating.allCases.map { grade in
      let rating = Rating(rawValue: grade.rawValue) ?? .good
      let next = driver.scheduling(of: asked.stored).preview(asked.stored.schedule, cardID: asked.stored.id, rating: rating, at: now)
      return (grade, next.due)
    }
  }

  /// Opens the card's note in `$VISUAL` or `$EDITOR` (else `vi`) at the card's line, with the
  /// terminal handed to the editor while it runs, then imports the note again at once and
  /// puts the session in line with it; returns a message for the screen, if any.
  private func openEditor(
    _ asked: AskedCard, _ driver: inout ReviewDriver, _ moment: inout Moment?,
    terminal: TerminalSession, clock: SessionClock
  ) throws -> String? {
    let file = asked.stored.card.file
    if file.hasPrefix("recall:") {
      return "This card comes from a note bundled with Recall; there is no file to edit."
    }
    guard FileManager.default.fileExists(atPath: file) else {
      return "The note \(file) is not there any more."
    }
    let environment = ProcessInfo.processInfo.environment
    let editor = environment["VISUAL"].flatMap { $0.isEmpty ? nil : $0 }
      ?? environment["EDITOR"].flatMap { $0.isEmpty ? nil : $0 } ?? "vi"
    // Through the shell, so that an editor given with options (emacs -nw) works.
    let command = ["/bin/sh", "-c", "exec \(editor) \"+$1\" \"$2\"", "sh", String(asked.stored.card.line), file]
    let ending: ForegroundProgram.Ending
    do {
      ending = try terminal.runInForeground(command)
    } catch {
      return "The editor '\(editor)' could not be started: \(error)"
    }
    switch ending {
    case .exited(0): break
    case .exited(let status):
      return "The editor '\(editor)' ended with status \(status); the note was not imported again."
    case .signaled(let signal):
      return "The editor '\(editor)' was ended by signal \(signal); the note was not imported again."
    }
    let edit = try driver.importEditedNote(of: asked, at: clock.now())
    switch edit {
    case .unchanged:
      return "Imported the note again; this card reads as before."
    case .changed:
      if case .feedback = moment { return "Imported the note again; the card's new text shows next time." }
      moment = nil
      return "Imported the note again; the card now reads as edited."
    case .retired:
      if case .feedback = moment { return "Imported the note again; this card left the note: retired." }
      moment = nil
      return "Imported the note again; the card left the note: retired."
    case .failed(let reason):
      return "The note could not be imported again: \(reason)"
    }
  }
}
