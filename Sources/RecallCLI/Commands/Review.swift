import ArgumentParser
import Foundation
import RecallResources
import RecallReview
import RecallStorage
import RecallTerminal

extension RecallCommand {
  /// `recall review [--deck D] [--limit N] [--json]`, and plain `recall`: today's review.
  struct Review: ParsableCommand {
    // `_superCommandName`: parsed on its own (``RecallCommand/parsedReview(_:)``), the review
    // is `recall review`, and ArgumentParser leaves out its check for a completion-script
    // request (reflecting two more commands' options: 7% of the start of a review). Under
    // `recall` it changes nothing: only the root's is read.
    static let configuration = CommandConfiguration(
      commandName: "review",
      _superCommandName: "recall",
      abstract: "Review today's cards (the default command).",
      discussion: """
        Asks the learning cards due now, the reviews due today and new cards within the daily \
        limit, interleaved, siblings kept apart. Every answer is saved the moment it is given. \
        On a first run (an empty database) the notes bundled with Recall are imported first.

        In a terminal: keys 1-4 choose or grade, space/enter go on, u undo, s bury until \
        tomorrow, @ suspend the card, e open the note in $EDITOR, ? help, q quit.

        When standard input is not a terminal, each line answers one card: a grade (again, \
        hard, good, easy, or 1-4 where no choice is asked), a choice number, a typed answer or \
        an ordering such as 3 1 2; an empty line shows the answer; :undo, :bury, :suspend, \
        :quit. With \
        --json every event is printed as one JSON object per line.
        """)

    @OptionGroup var global: GlobalOptions

    /// Only this deck.
    @Option(name: .long, help: "Review only this deck (a note's path such as aws/ecs.md, or a folder).")
    var deck: String?

    /// At most this many cards.
    @Option(name: .long, help: "Ask at most this many cards (learning cards that come back are extra); 0 means no limit.")
    var limit: Int?

    /// Print events as JSON lines.
    @Flag(name: .long, help: "Print one JSON object per event (scripted sessions).")
    var json = false

    init() {}

    func validate() throws {
      if let limit, limit < 0 {
        throw ValidationError(
          "--limit takes a number of cards, 0 or more (0: no limit); \(limit) is not one.")
      }
    }

    /// What this line asks for.
    var request: ReviewRequest {
      ReviewRequest(database: global.db, now: global.now, deck: deck, limit: limit, json: json)
    }

    func run() throws {
      try request.run()
    }
  }

  /// `recall quiz [--deck D] [--topic HEADING] [--count N]`: practice that changes nothing.
  struct Practice: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "quiz",
      abstract: "Practise chosen cards without changing their schedule (nothing is logged).",
      discussion: """
        Asks the cards of a deck or a topic (a heading of your notes), the least known first, \
        with the same quizzes as a review. Nothing is written: not the review log, not the \
        schedules; only a card you suspend (@, or :suspend) stays suspended. For the night \
        before an exam. Scripted and --json input work as in review.
        """)

    @OptionGroup var global: GlobalOptions

    /// Only this deck.
    @Option(name: .long, help: "Only cards of this deck (a note's path, or a folder).")
    var deck: String?

    /// Only cards under a heading containing this text.
    @Option(name: .long, help: "Only cards under a heading that contains this text.")
    var topic: String?

    /// How many cards.
    @Option(name: .long, help: "How many cards to ask.")
    var count: Int = 20

    /// Print events as JSON lines.
    @Flag(name: .long, help: "Print one JSON object per event (scripted sessions).")
    var json = false

    init() {}

    func validate() throws {
      if count < 1 {
        throw ValidationError("--count takes a number of cards, 1 or more; \(count) is not one.")
      }
    }

    func run() throws {
      let clock = SessionClock(start: try global.currentDate())
      let databasePath = try DatabaseLocation.resolve(option: global.db)
      guard FileManager.default.fileExists(atPath: databasePath) else {
        throw ConfigError(
          "There are no cards yet (no database at \(databasePath)). Run recall, or recall import PATH, first.")
      }
      // Practice records no answer and buries nothing (the driver's writes are for reviews).
      // The database is opened as the other commands open it, not copied into memory: a copy
      // held the whole file (170 MB at 100,000 cards) to ask five cards.
      let store = try CommandStore.open(databasePath)
      try DeckOption.check(deck, in: store)
      let settings = try StudySettings.load(from: store, deck: deck)
      var driver = try ReviewDriver.practice(
        store: store, settings: settings, deck: deck, topic: topic, count: count, now: clock.now())
      if driver.session.remaining.isEmpty {
        throw ConfigError(
          "No cards match\(deck.map { " the deck \($0)" } ?? "")\(topic.map { " and the topic '\($0)'" } ?? "").")
      }
      let notice = "Practice: nothing is written to your review log or schedules."
      SafeOutput.write(notice + (json ? "\n" : "\n\n"), to: json ? .standardError : .standardOutput)
      try SessionRunner.run(&driver, clock: clock, json: json, practice: true)
    }
  }
}

/// The review a command line asks for (`recall review …`, or `recall` with options alone),
/// however the line was read: by hand when it is plain (``init(plainLine:)``), else by
/// ArgumentParser (``RecallCommand/Review``).
public struct ReviewRequest: Equatable, Sendable {
  /// `--db`.
  var database: String?
  /// `--now`.
  var now: String?
  /// `--deck`.
  var deck: String?
  /// `--limit`.
  var limit: Int?
  /// `--json`.
  var json: Bool

  /// Runs the review.
  public func run() throws {
    let clock = SessionClock(start: try GlobalOptions.date(now: now))
    let databasePath = try DatabaseLocation.resolve(option: database)
    let store = try CommandStore.openForReview(databasePath)
    // Refused before the first card: an answer that cannot be saved must not be asked for.
    if store.isMarkedDamaged { throw StorageError.damaged(path: databasePath) }
    if store.isReadOnly { throw StorageError.readOnly(path: databasePath) }
    var firstRun: String?
    if try store.isEmpty() {
      let message = try FirstRun.importBundledNotes(into: store, now: clock.now())
      SafeOutput.write(message + "\n", to: json ? .standardError : .standardOutput)
      firstRun = message
    }
    try DeckOption.check(deck, in: store)
    let settings = try StudySettings.load(from: store, deck: deck)
    CommandOutput.warn(settings.problems)
    var driver = try ReviewDriver.review(
      store: store, settings: settings, deck: deck, limit: limit == 0 ? nil : limit, now: clock.now())
    try SessionRunner.run(&driver, clock: clock, json: json, practice: false, notice: firstRun)
  }
}

extension ReviewRequest {
  /// The review a plain line of the review's options asks for (`--db P`, `--now T`, `--deck D`,
  /// `--limit N`, `--json`, each at most once, a value after its name or an `=`), read without
  /// ArgumentParser; nil for any other line, which ArgumentParser then parses.
  ///
  /// ArgumentParser reflects the review's options from their property wrappers to parse them:
  /// about 11 million instructions, a sixth of the start of a review; making the command's
  /// wrappers alone took most of a million more. A line this reads is one ArgumentParser reads
  /// the same way; anything it might read differently (a value that starts with `-`, a number
  /// with a sign, a repeated option, `--help`) is left to it.
  init?(plainLine arguments: ArraySlice<String>) {
    var (database, now, deck, limitText): (String?, String?, String?, String?) = (nil, nil, nil, nil)
    var json = false
    var rest = arguments
    while let argument = rest.popFirst() {
      if argument == "--json" {
        if json { return nil }
        json = true
        continue
      }
      let name: Substring
      let value: String
      if let equals = argument.firstIndex(of: "=") {
        name = argument[..<equals]
        value = String(argument[argument.index(after: equals)...])
      } else {
        guard let next = rest.popFirst() else { return nil }
        name = argument[...]
        value = next
      }
      guard !value.isEmpty, !value.hasPrefix("-") else { return nil }
      switch name {
      case "--db" where database == nil: database = value
      case "--now" where now == nil: now = value
      case "--deck" where deck == nil: deck = value
      case "--limit" where limitText == nil: limitText = value
      default: return nil
      }
    }
    var limit: Int?
    if let limitText {
      guard limitText.utf8.count <= 18, limitText.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
      else { return nil }
      limit = Int(limitText)
    }
    self.init(database: database, now: now, deck: deck, limit: limit, json: json)
  }
}

/// Runs a session in the terminal or from lines of input, and prints the summary.
enum SessionRunner {
  /// Runs `driver`'s session to its end; `notice` is said on the first card's screen too in a
  /// terminal (the alternate screen hides what was printed before).
  static func run(
    _ driver: inout ReviewDriver, clock: SessionClock, json: Bool, practice: Bool, notice: String? = nil
  ) throws {
    let screens = ReviewScreens(clock: driver.scheduling.clock, isPractice: practice)
    let interactive = !json && SystemTerminal.isATTY(0) && SystemTerminal.isATTY(1)
    if driver.session.remaining.isEmpty && driver.session.laterLearning.isEmpty {
      let finished = try driver.finish(at: clock.now())
      if json {
        SafeOutput.writeJSON(finished.jsonLine + "\n")
      } else {
        var text = "Nothing is due now."
        if case .finished(let summary) = finished, !practice {
          text += " Due tomorrow: \(summary.dueTomorrow)."
        }
        SafeOutput.write(text + "\n")
      }
      return
    }
    let finished: ReviewEvent
    if interactive {
      let usesColor = ColorMode.auto.usesColor(in: .current(fileDescriptor: 1))
      finished = try InteractiveReview(screens: screens, usesColor: usesColor)
        .run(&driver, clock: clock, notice: notice)
    } else {
      finished = try ScriptedReview(json: json, screens: screens).run(&driver, clock: clock)
    }
    if json {
      SafeOutput.writeJSON(finished.jsonLine + "\n")
    } else {
      SafeOutput.write(summaryText(finished, practice: practice))
    }
  }

  /// The end of a session in words: cards done, share right first time, time, due tomorrow.
  static func summaryText(_ event: ReviewEvent, practice: Bool) -> String {
    guard case .finished(let summary) = event else { return "" }
    let seconds = Int(summary.timeSpent.components.seconds)
    let time = seconds >= 60 ? "\(seconds / 60) min \(seconds % 60) s" : "\(seconds) s"
    let share = Int((summary.rightOnFirstTryShare * 100).rounded())
    // Quitting before the first answer has no share to tell.
    var text =
      summary.cardsDone == 0
      ? "Done: no card answered, \(time)."
      : "Done: \(summary.cardsDone) card\(summary.cardsDone == 1 ? "" : "s"), \(share)% right on the first try, \(time)."
    if practice {
      text += " Practice only: no schedule changed.\n"
    } else {
      text += " Due tomorrow: \(summary.dueTomorrow).\n"
    }
    return text
  }
}

/// The first run: the notes bundled with Recall imported into an empty database.
enum FirstRun {
  /// Imports `Content/` into `store` and says so in one line.
  static func importBundledNotes(into store: Store, now: Date) throws -> String {
    let sources = EmbeddedFiles.content.filter { $0.path.hasSuffix(".md") }.map { file in
      NoteSource(file: "recall:\(file.path)", deck: file.pathInFolder, contents: .bytes(Array(file.text.utf8)))
    }
    let report = try store.importNotes(
      sources, paths: ["recall:Content"], extraction: .markdown, now: now)
    let notes = sources.count == 1 ? "the note" : "the \(sources.count) notes"
    return "First run: imported \(report.added) cards from \(notes) bundled with Recall; "
      + "import your own with recall import PATH."
  }
}
