import ArgumentParser
import Foundation
import RecallStorage
import RecallTerminal

/// What the card commands (`suspend`, `unsuspend`, `reset`, `due`) share: the store, the cards
/// named by their short ids, and the line that says what was done.
struct CardActionRun {
  /// The store.
  let store: Store
  /// The cards named, in the order given.
  let cards: [StoredCard]
  /// The moment the command acts at.
  let now: Date

  /// Opens the store and finds the cards `ids` name; nothing is written if one names no card.
  init(global: GlobalOptions, ids: [String]) throws {
    now = try global.currentDate()
    let databasePath = try DatabaseLocation.resolve(option: global.db)
    guard FileManager.default.fileExists(atPath: databasePath) else {
      throw CardIDError(
        message: "There are no cards yet (no database at \(databasePath)). Import your notes with recall import PATH.")
    }
    store = try CommandStore.open(databasePath)
    cards = try CardIDs.resolve(ids, in: store)
  }

  /// The row ids of the cards.
  var cardIDs: [Int64] { cards.map(\.id) }

  /// "Suspended 2 cards:" with one line per card changed, then the cards left as they were.
  func report(_ result: CardActionResult, done: String, alreadyDone: String) -> String {
    let byID = Dictionary(cards.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    func line(_ id: Int64) -> String {
      guard let stored = byID[id] else { return "  \(id)\n" }
      let prompt = stored.card.prompt.split(separator: "\n").first.map(String.init) ?? ""
      let short = prompt.count > 60 ? prompt.prefix(59) + "…" : prompt[...]
      let place = SafeText.sanitize("\(stored.card.deck):\(stored.card.line)", keepNewlines: false)
      return "  \(CardIDs.shortID(stored))  \(place)  \(SafeText.sanitize(String(short), keepNewlines: false))\n"
    }
    var out = ""
    if !result.changed.isEmpty {
      out += "\(done) \(result.changed.count) card\(result.changed.count == 1 ? "" : "s"):\n"
      out += result.changed.map(line).joined()
    }
    if !result.unchanged.isEmpty {
      out += "\(result.unchanged.count) card\(result.unchanged.count == 1 ? " was" : "s were") \(alreadyDone):\n"
      out += result.unchanged.map(line).joined()
    }
    return out
  }
}

/// The cards a card command acts on: their ids, and the options every command takes.
struct CardSelection: ParsableArguments {
  @Argument(help: "The cards' ids, as recall cards shows them.")
  var ids: [String]

  @OptionGroup var global: GlobalOptions

  init() {}

  /// Finds the cards, runs `action` on them and prints what it changed.
  func perform(
    done: String, alreadyDone: String, _ action: (CardActionRun) throws -> CardActionResult
  ) throws {
    let run = try CardActionRun(global: global, ids: ids)
    SafeOutput.write(run.report(try action(run), done: done, alreadyDone: alreadyDone))
  }
}

extension RecallCommand {
  /// `recall suspend ID...`: keeps cards out of every review and quiz.
  struct Suspend: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "suspend",
      abstract: "Keep cards out of every review and quiz, without editing the note.",
      discussion: """
        IDs are the short ids that `recall cards` shows (or their first 4 characters or more, \
        when no other card starts the same way). A suspended card keeps its history and \
        schedule, stays suspended when its note is imported again, and is counted in \
        `recall stats` and `recall decks`. `recall unsuspend ID` brings it back. In a review \
        or quiz, @ suspends the card shown.
        """)

    @OptionGroup var cards: CardSelection

    init() {}

    func run() throws {
      try cards.perform(done: "Suspended", alreadyDone: "already suspended") { run in
        try run.store.suspend(cardIDs: run.cardIDs, at: run.now)
      }
    }
  }

  /// `recall unsuspend ID...`: lets suspended cards be asked again.
  struct Unsuspend: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "unsuspend",
      abstract: "Let suspended cards (leeches too) be asked again.",
      discussion: """
        The cards come back with the schedule they had; a leech keeps its leech tag (recall \
        reset takes it off). `recall cards --state suspended` lists the suspended cards.
        """)

    @OptionGroup var cards: CardSelection

    init() {}

    func run() throws {
      try cards.perform(done: "Unsuspended", alreadyDone: "not suspended") { run in
        try run.store.unsuspend(cardIDs: run.cardIDs, at: run.now)
      }
    }
  }

  /// `recall reset ID...`: forgets cards, as Anki's Forget does.
  struct Reset: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "reset",
      abstract: "Forget cards: they start again as new cards (their history is kept).",
      discussion: """
        Each card goes back to new, as if never reviewed, and loses its leech tag; it comes \
        with the new cards again. The review log keeps every answer, and the schedule before \
        the reset is logged. A suspended card stays suspended.
        """)

    @OptionGroup var cards: CardSelection

    init() {}

    func run() throws {
      try cards.perform(done: "Reset", alreadyDone: "new already") { run in
        try run.store.reset(cardIDs: run.cardIDs, at: run.now)
      }
    }
  }

  /// `recall due ID... DATE`: sets when cards are due, as Anki's Set Due Date does.
  struct Due: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "due",
      abstract: "Set the day cards are due: a date, today, tomorrow or +N days.",
      discussion: """
        The last argument is the day: a date such as 2026-12-24, today, tomorrow, or a number \
        of days from today such as +3 (days start at the day start hour, in your time zone). \
        The cards are due at the start of that study day; the rest of their schedule stays, \
        and the date before is logged. Cards never reviewed have no due date to move (they \
        come with the new cards) and are refused.
        """)

    @Argument(help: "The cards' ids, as recall cards shows them, then the day.")
    var idsAndDay: [String]

    @OptionGroup var global: GlobalOptions

    init() {}

    func validate() throws {
      if idsAndDay.count < 2 {
        throw ValidationError("Give one card id or more, then the day: recall due ID... DATE.")
      }
    }

    func run() throws {
      let run = try CardActionRun(global: global, ids: Array(idsAndDay.dropLast()))
      let new = run.cards.filter { $0.schedule.state == .new }.map(CardIDs.shortID)
      if !new.isEmpty {
        throw CardIDError(
          message: "\(new.count == 1 ? "The card \(new[0]) was" : "The cards \(new.joined(separator: ", ")) were") "
            + "never reviewed, so there is no due date to move: new cards come with the daily new "
            + "cards. Leave \(new.count == 1 ? "it" : "them") out, or review \(new.count == 1 ? "it" : "them") "
            + "once first. Nothing was changed.")
      }
      let settings = try StudySettings.load(from: run.store, deck: nil)
      let clock = settings.dayClock()
      let day = try StudyDate.dayNumber(idsAndDay[idsAndDay.count - 1], clock: clock, now: run.now)
      let due = clock.startOfDay(day)
      let result = try run.store.setDue(cardIDs: run.cardIDs, due: due, at: run.now)
      let formatter = DateFormatter()
      formatter.locale = Locale(identifier: "en_US_POSIX")
      formatter.timeZone = clock.timeZone
      formatter.dateFormat = "yyyy-MM-dd"
      SafeOutput.write(
        run.report(
          result, done: "Set the due day \(formatter.string(from: due)) of",
          alreadyDone: "due that day already"))
    }
  }
}
