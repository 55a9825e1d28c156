import ArgumentParser
import Foundation
import RecallProgress
import RecallScheduling
import RecallStats
import RecallStorage
import RecallTerminal

/// `recall import-progress FILE`: merges a review log exported from another database.
public struct ImportProgress: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "import-progress",
    abstract: "Merge the review log of a JSON export from another database into this one.",
    discussion: """
      Reads a file written by 'recall export --format json' (on another machine, say) and \
      merges its review log into this database: reviews are matched by their ids, so nothing \
      is lost or counted twice; cards are matched by their UUID, else by deck and key (import \
      the same notes first); the scheduling of every card that got new reviews is rebuilt \
      from its merged log: the schedules the reviewing machine recorded where one machine's \
      answers follow on, computed again only where two machines' answers interleave. Reviews \
      of cards this database does not have (a note edited since, or not imported here) are \
      skipped and listed with their prompts; merge the file again after importing those notes \
      to merge them too. A bad file gets a message saying what is wrong, and the database is \
      left as it was.
      """
  )

  /// The export to merge.
  @Argument(help: ArgumentHelp("A JSON export written by 'recall export --format json'.", valueName: "FILE"))
  public var file: String

  /// Prints JSON instead of text.
  @Flag(name: .long, help: "Print what was merged as one JSON object.")
  public var json = false

  /// Takes the file's settings too.
  @Flag(name: .long, help: "Also take the file's settings and fitted FSRS parameters (they replace this database's).")
  public var settings = false

  /// The options shared by every command.
  @OptionGroup public var global: GlobalOptions

  public init() {}

  public func run() throws {
    let now = try global.currentDate()
    do {
      let export = try ProgressMerge.header(path: file, now: now)
      let incoming = settings ? try Self.checkedSettings(export, from: file) : []
      let store = try CommandStore.open(try DatabaseLocation.resolve(option: global.db))
      // The merge replays with the settings the database will have: the file's, with --settings.
      let stored = try store.settings()
      let combined = stored.filter { old in !incoming.contains { $0.key == old.key && $0.deck == old.deck } } + incoming
      CommandOutput.warn(StudySettings.resolve(combined, deck: nil).problems)
      let report = try ProgressMerge(scheduling: try DeckScheduling(settings: combined))
        .merge(file: file, header: export, now: now, into: store)
      for setting in incoming { try store.setSetting(setting, now: now) }
      if settings && !json {
        SafeOutput.write(
          incoming.isEmpty
            ? "The file carries no settings; this database's are kept.\n"
            : "Took the file's \(incoming.count) setting\(incoming.count == 1 ? "" : "s")"
              + (incoming.contains { $0.key == StudySettings.parametersKey } ? ", fitted parameters included.\n" : ".\n"))
      }
      if json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        SafeOutput.writeJSON(String(decoding: try encoder.encode(report), as: UTF8.self) + "\n")
      } else {
        SafeOutput.write(
          "Merged \(SafeText.inline(file)): \(report.reviewsAdded) review\(report.reviewsAdded == 1 ? "" : "s") added, "
            + "\(report.reviewsAlreadyPresent) already here; \(report.undosAdded) undo"
            + "\(report.undosAdded == 1 ? "" : "s") added; \(report.cardsRescheduled) card"
            + "\(report.cardsRescheduled == 1 ? "" : "s") rescheduled from the merged log.\n"
            + Self.skippedText(report))
      }
    } catch {
      throw CommandOutput.fail(error)
    }
  }

  /// The settings of `export`, each checked as `recall config` would check it.
  ///
  /// - Throws: A ``ConfigError`` naming the first setting that does not fit; nothing is
  ///   written then.
  static func checkedSettings(_ export: ExportHeader, from file: String) throws -> [Setting] {
    try (export.settings ?? []).map { entry in
      let setting = Setting(key: entry.key, deck: entry.deck.map(StudySettings.deckKey), value: entry.value)
      let known =
        entry.key == StudySettings.parametersKey || LeechRule.keys.contains(entry.key)
        || SchedulerSettings.Key(rawValue: entry.key) != nil
      let problems = StudySettings.resolve([setting], deck: setting.deck).problems
      guard known, problems.isEmpty else {
        let why = known ? problems.joined(separator: " ") : "Recall has no setting of that name."
        throw ConfigError(
          "The file '\(file)' has a setting \(entry.key) = \(entry.value) that does not fit: \(why) "
            + "Nothing was changed; merge without --settings to keep this database's settings.")
      }
      return setting
    }
  }

  /// The cards whose reviews were skipped, at most ten with their prompts, and what to do.
  static func skippedText(_ report: ProgressMergeReport) -> String {
    let cards = report.skippedCards
    guard !cards.isEmpty else { return "" }
    var text =
      "Skipped \(report.reviewsSkipped) review\(report.reviewsSkipped == 1 ? "" : "s") of \(cards.count) card"
      + "\(cards.count == 1 ? "" : "s") this database does not have:\n"
    for card in cards.prefix(10) {
      let prompt = card.prompt.isEmpty ? card.key : card.prompt
      text += "  \(SafeText.inline(card.deck)): \(SafeText.inline(prompt)) (\(card.reviews))\n"
    }
    if cards.count > 10 { text += "  … and \(cards.count - 10) more (--json lists them all)\n" }
    return text + "Import the notes of those cards (recall import PATH), then merge the file again.\n"
  }
}
