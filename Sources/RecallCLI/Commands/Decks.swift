import ArgumentParser
import Foundation
import RecallStorage
import RecallTerminal

extension RecallCommand {
  /// `recall decks`: each deck with its cards counted and what is due today.
  struct Decks: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "decks",
      abstract: "List the decks with their cards by state and the cards due today.",
      discussion: """
        One line per deck (a note's path): new, learning, review and suspended cards, leeches, \
        retired cards (left their note, or their deck removed), and the cards due today (in \
        steps or in review, not suspended). A deck whose cards are all retired is marked \
        removed; importing its note again restores its cards.
        """)

    @OptionGroup var global: GlobalOptions

    init() {}

    func run() throws {
      let now = try global.currentDate()
      let databasePath = try DatabaseLocation.resolve(option: global.db)
      var summaries: [DeckSummary] = []
      if FileManager.default.fileExists(atPath: databasePath) {
        let store = try CommandStore.open(databasePath)
        let clock = try StudySettings.load(from: store, deck: nil).dayClock()
        summaries = try store.deckSummaries(dueBefore: clock.startOfNextDay(after: now))
      }
      SafeOutput.write(DeckTable.text(summaries))
    }
  }

  /// `recall remove DECK`: retires a deck's cards, keeping their history.
  struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "remove",
      abstract: "Retire the cards of a deck (or folder of decks); their history is kept.",
      discussion: """
        The deck's cards are retired as if its note were deleted: no review asks them, their \
        reviews stay in the log, and importing the note again (recall import PATH) restores \
        them with their schedules. For example, the note bundled with Recall once your own \
        notes are imported: recall remove ecs-eks-lambda.md.
        """)

    @Argument(help: "The deck: a note's path such as aws/ecs.md (with or without .md), or a folder.")
    var deck: String

    @OptionGroup var global: GlobalOptions

    init() {}

    func run() throws {
      let now = try global.currentDate()
      let databasePath = try DatabaseLocation.resolve(option: global.db)
      guard FileManager.default.fileExists(atPath: databasePath) else {
        throw ConfigError("There is no deck '\(deck)': no cards are stored yet.")
      }
      let store = try CommandStore.open(databasePath)
      try DeckOption.check(deck, in: store)
      let removed = try store.removeDeck(deck, at: now)
      let decks =
        removed.notes.count == 1
        ? "the deck \(SafeText.sanitize(removed.notes[0].deck, keepNewlines: false))" : "\(removed.notes.count) decks"
      // A note bundled with Recall has no file to import again.
      let bundled = removed.notes.allSatisfy { $0.file.hasPrefix("recall:") }
      SafeOutput.write(
        "Removed \(decks): retired \(removed.cards) card\(removed.cards == 1 ? "" : "s"), their history kept. "
          + (bundled
            ? "The note is bundled with Recall, so its cards stay retired."
            : "Import the note\(removed.notes.count == 1 ? "" : "s") again to bring them back.") + "\n")
    }
  }
}

/// The table of `recall decks`.
enum DeckTable {
  /// One row per deck, columns aligned by display width, then a total.
  static func text(_ summaries: [DeckSummary]) -> String {
    if summaries.isEmpty {
      return "No decks yet. Import your notes with `recall import PATH`.\n"
    }
    let header = ["deck", "new", "learning", "review", "suspended", "leeches", "retired", "due today"]
    func row(_ name: String, _ summary: DeckSummary) -> [String] {
      [name] + [
        summary.new, summary.learning, summary.review, summary.suspended, summary.leeches,
        summary.retired, summary.due,
      ].map(String.init)
    }
    var rows = summaries.map { summary in
      let name = SafeText.sanitize(summary.deck, keepNewlines: false)
      return row(summary.active == 0 ? name + " (removed)" : name, summary)
    }
    if summaries.count > 1 {
      let total = summaries.dropFirst().reduce(into: summaries[0]) { sum, next in
        sum.new += next.new
        sum.learning += next.learning
        sum.review += next.review
        sum.suspended += next.suspended
        sum.leeches += next.leeches
        sum.retired += next.retired
        sum.due += next.due
      }
      rows.append(row("total", total))
    }
    let all = [header] + rows
    let widths = header.indices.map { column in all.map { DisplayWidth.of($0[column]) }.max() ?? 0 }
    return all.map { cells in
      cells.enumerated().map { column, cell in
        column == 0
          ? TextLayout.pad(cell, to: widths[0])
          : TextLayout.padLeft(cell, to: widths[column])
      }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }.joined(separator: "\n") + "\n"
  }
}
