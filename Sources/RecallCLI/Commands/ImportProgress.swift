import ArgumentParser
import Foundation
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
      answers follow on, computed again only where two machines' answers interleave. The merge is all or nothing: a bad file gets a message saying what \
      is wrong, and the database is left as it was.
      """
  )

  /// The export to merge.
  @Argument(help: ArgumentHelp("A JSON export written by 'recall export --format json'.", valueName: "FILE"))
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
      let export = try ProgressMerger.read(path: file, now: now)
      let store = try CommandStore.open(try DatabaseLocation.resolve(option: global.db))
      let request = try StatsRequest.load(from: store, now: now, deck: nil)
      CommandOutput.warn(request.warnings)
      let report = try ProgressMerger(request: request).merge(export, from: file, into: store)
      if json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        SafeOutput.writeJSON(String(decoding: try encoder.encode(report), as: UTF8.self) + "\n")
      } else {
        SafeOutput.write(
          "Merged \(SafeText.inline(file)): \(report.reviewsAdded) review\(report.reviewsAdded == 1 ? "" : "s") added, "
            + "\(report.reviewsAlreadyPresent) already here; \(report.undosAdded) undo"
            + "\(report.undosAdded == 1 ? "" : "s") added; \(report.cardsRescheduled) card"
            + "\(report.cardsRescheduled == 1 ? "" : "s") rescheduled from the merged log.\n")
      }
    } catch {
      throw CommandOutput.fail(error)
    }
  }
}
