import ArgumentParser
import Foundation
import RecallAnki
import RecallStats
import RecallStorage
import RecallTerminal

/// `recall export [--format json|csv|apkg] [--output PATH] [--deck D]`: the cards, the whole
/// review log and the stats, to move to another machine, to read elsewhere, or to study in Anki.
public struct Export: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Export the cards with their scheduling state, the whole review log and the stats.",
    discussion: """
      --format json (the default) writes one JSON document (format "recall-progress", with a schema version) \
      to standard output, or to the file --output PATH. It holds every card with its \
      scheduling state, the whole review log (undone answers included, with the time they \
      were undone) and the stats summary. 'recall import-progress FILE' merges it into another \
      database.

      --format csv writes one file per table into the folder --output DIR: cards.csv and \
      reviews.csv, each with a header line, quoted as RFC 4180 says, in UTF-8.

      --format apkg writes an Anki package to --output FILE.apkg: one Anki note per active card \
      (its GUID the card's id, so exporting again updates the same notes), decks under \
      Recall:: after the notes' paths, each card's FSRS state and the review log, and deck \
      options that schedule with FSRS. --deck D exports one deck or folder of decks. Import it \
      in Anki with its scheduling; 'recall import-anki' brings the answers given in Anki back.
      """
  )

  /// The file formats.
  public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// One JSON document.
    case json
    /// One CSV file per table.
    case csv
    /// An Anki package.
    case apkg
  }

  /// The format.
  @Option(
    name: .long,
    help: "json (one document, the default), csv (cards.csv and reviews.csv) or apkg (an Anki package).")
  public var format: Format = .json

  /// Where to write.
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The JSON file, the folder for the CSV files (created if needed), or the .apkg file.", valueName: "PATH"))
  public var output: String?

  /// Only this deck, for an Anki package.
  @Option(name: .long, help: ArgumentHelp("With --format apkg: only this deck or folder of decks.", valueName: "D"))
  public var deck: String?

  /// The options shared by every command.
  @OptionGroup public var global: GlobalOptions

  public init() {}

  public func validate() throws {
    if format == .csv && output == nil {
      throw ValidationError("A CSV export writes one file per table; give the folder for them with --output DIR.")
    }
    if format == .apkg && output == nil {
      throw ValidationError("An Anki package is a file; give its name with --output FILE.apkg.")
    }
    if format != .apkg && deck != nil {
      throw ValidationError("--deck works with --format apkg only; the JSON and CSV exports hold every deck.")
    }
  }

  public func run() throws {
    let now = try global.currentDate()
    do {
      let store = try CommandStore.open(try DatabaseLocation.resolve(option: global.db))
      let request = try StatsRequest.load(from: store, now: now, deck: nil)
      CommandOutput.warn(request.warnings)
      if format == .apkg {
        try exportPackage(from: store, request: request)
        return
      }
      let export = try ProgressExport.make(from: store, request: request)
      switch format {
      case .json:
        let data = try export.jsonData() + Data("\n".utf8)
        if let output {
          try CommandOutput.write(data, to: output)
          SafeOutput.write(
            "Exported \(export.cards.count) cards and \(export.reviews.count) reviews to \(SafeText.inline(output)).\n",
            to: .standardError)
        } else {
          SafeOutput.writeJSON(String(decoding: data, as: UTF8.self))
        }
      case .csv:
        let folder = output ?? "."
        do {
          try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
          throw StatsError.cannotWrite(path: folder, reason: FileErrorReason.text(of: error))
        }
        let cardsPath = (folder as NSString).appendingPathComponent("cards.csv")
        let reviewsPath = (folder as NSString).appendingPathComponent("reviews.csv")
        try CommandOutput.write(Data(export.cardsCSV().utf8), to: cardsPath)
        try CommandOutput.write(Data(export.reviewsCSV().utf8), to: reviewsPath)
        SafeOutput.write(
          "Exported \(export.cards.count) cards to \(SafeText.inline(cardsPath)) and "
            + "\(export.reviews.count) reviews to \(SafeText.inline(reviewsPath)).\n")
      case .apkg:
        break
      }
    } catch {
      throw CommandOutput.fail(error)
    }
  }

  /// Writes the Anki package of `--deck` (all decks by default) to `--output`.
  private func exportPackage(from store: Store, request: StatsRequest) throws {
    let output = output ?? "recall.apkg"
    try DeckOption.check(deck, in: store)
    let collection = try AnkiPackageExport(request: request).collection(from: store, deck: deck)
    try AnkiPackageWriter().write(collection, to: output)
    SafeOutput.write(
      "Exported \(collection.notes.count) cards and \(collection.revlog.count) reviews to "
        + "\(SafeText.inline(output)). In Anki, import it with \"Import any learning progress\" ticked.\n")
  }
}
