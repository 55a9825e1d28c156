import ArgumentParser
import Foundation
import RecallAnki
import RecallProgress
import RecallStats
import RecallStorage
import RecallTerminal

/// `recall import-anki FILE`: merges the answers given in Anki to Recall's cards.
public struct ImportAnki: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "import-anki",
    abstract: "Merge the answers given in Anki to Recall's cards into this database.",
    discussion: """
      Reads a package exported from Anki (a .colpkg, or an .apkg with scheduling) holding cards \
      that 'recall export --format apkg' wrote, and adds the answers given in Anki to the review \
      log: cards are matched by their note's GUID, answers by Anki's review log id, so importing \
      the same file twice adds nothing. The schedule of every card that got new answers is \
      replayed from its merged log as 'recall import-progress' does. Notes that did not come \
      from Recall, and cards retired here, are left out and counted. A bad file gets a message \
      naming what is wrong, and the database is left as it was.
      """
  )

  /// The package to merge.
  @Argument(help: ArgumentHelp("A .colpkg or .apkg exported from Anki.", valueName: "FILE"))
  public var file: String

  /// Prints JSON instead of text.
  @Flag(name: .long, help: "Print what was merged as one JSON object.")
  public var json = false

  /// The options shared by every command.
  @OptionGroup public var global: GlobalOptions

  public init() {}

  public func run() throws {
    let now = try global.currentDate()
    do {
      let collection = try AnkiPackageReader().read(path: file)
      let store = try CommandStore.open(try DatabaseLocation.resolve(option: global.db))
      let settings = try store.settings()
      CommandOutput.warn(StudySettings.resolve(settings, deck: nil).problems)
      let report = try AnkiReviewImport(scheduling: try DeckScheduling(settings: settings), now: now)
        .merge(collection, into: store)
      if json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        SafeOutput.writeJSON(String(decoding: try encoder.encode(report), as: UTF8.self) + "\n")
        return
      }
      func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
      var lines = [
        "Merged \(SafeText.inline(file)): \(count(report.reviewsAdded, "review")) added, \(report.reviewsAlreadyPresent) "
          + "already here; \(count(report.cardsRescheduled, "card")) rescheduled from the merged log."
      ]
      if report.reviewsOfRetiredCards > 0 {
        lines.append("Left out \(count(report.reviewsOfRetiredCards, "review")) of cards retired here.")
      }
      if report.cardsUnknownHere > 0 {
        lines.append("Left out \(count(report.cardsUnknownHere, "card")) from Recall that this database does not have.")
      }
      if report.notesNotFromRecall > 0 {
        lines.append("Left out \(count(report.notesNotFromRecall, "note")) that did not come from Recall.")
      }
      if report.rowsNotAnswers > 0 {
        lines.append(
          "Left out \(count(report.rowsNotAnswers, "row")) of Anki's log that are not answers "
            + "(due dates set by hand, rescheduling, filtered decks).")
      }
      if report.cardsSuspendedInAnki > 0 {
        lines.append(
          "\(count(report.cardsSuspendedInAnki, "card")) suspended in Anki: \(report.cardsSuspendedHere) "
            + "newly suspended here too (`recall unsuspend ID` takes it back).")
      }
      if report.packageHasNoLog {
        lines.append(
          "The package holds no review log: export it from Anki as a collection package (.colpkg), "
            + "or as a deck package with \"Include scheduling information\" ticked.")
      }
      SafeOutput.write(lines.joined(separator: "\n") + "\n")
    } catch {
      throw CommandOutput.fail(error)
    }
  }
}
