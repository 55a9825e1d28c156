import ArgumentParser
import Foundation
import RecallStorage
import RecallTerminal

extension RecallCommand {
  /// `recall check`: SQLite's integrity check, and a new database from what can be read when
  /// the check fails.
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "check",
      abstract: "Check the database for damage, and recover what can be read from a damaged one.",
      discussion: """
        Runs SQLite's integrity check. When it fails, every row that can still be read is \
        copied into a new database, which takes the old one's place; the damaged file is kept \
        beside it (recall.sqlite.damaged-DATE) and the rows that could not be saved are \
        counted. Until then, commands that write refuse a database Recall found damaged. \
        Exit status 0 when the database is sound or was recovered.
        """)

    @OptionGroup var global: GlobalOptions

    init() {}

    func run() throws {
      let now = try global.currentDate()
      let databasePath = try DatabaseLocation.resolve(option: global.db)
      let report = try DatabaseCheck.run(at: databasePath, now: now, options: .fromEnvironment())
      SafeOutput.write(CheckOutput.text(report, path: databasePath))
    }
  }
}

/// What `recall check` prints.
enum CheckOutput {
  /// The report in words.
  static func text(_ report: DatabaseCheckReport, path: String) -> String {
    if report.isSound {
      if report.misplacedValues.isEmpty {
        return "The database \(path) passed SQLite's integrity check; nothing to do.\n"
      }
      return "The database \(path) passed SQLite's integrity check.\n" + misplacedText(report.misplacedValues)
    }
    var text = "The database \(path) is damaged. SQLite's integrity check reported:\n"
    for problem in report.problems.prefix(10) { text += "  \(problem)\n" }
    if report.problems.count > 10 { text += "  (and \(report.problems.count - 10) more)\n" }
    text += "Recovered what could be read into a new database at \(path):\n"
    for table in report.tables {
      text += "  \(table.table): \(table.recovered) row\(table.recovered == 1 ? "" : "s") recovered"
      if table.refused > 0 { text += ", \(table.refused) refused (they refer to rows that were lost)" }
      if table.damagedStretches > 0 {
        text += ", \(table.damagedStretches) damaged stretch\(table.damagedStretches == 1 ? "" : "es") skipped"
      }
      text += "\n"
    }
    if report.standInCards > 0 {
      text += "\(report.standInCards) card\(report.standInCards == 1 ? " was" : "s were") lost but "
        + "\(report.standInCards == 1 ? "its" : "their") reviews are kept, under the deck lost-in-recovery; "
        + "import your notes again to get the cards back.\n"
    }
    if let damaged = report.damagedCopyPath {
      text += "The damaged file is kept at \(damaged).\n"
    }
    return text + misplacedText(report.misplacedValues)
  }

  /// The values that are not numbers where numbers belong, one line each (at most 20 shown).
  static func misplacedText(_ values: [DatabaseCheckReport.MisplacedValue]) -> String {
    guard !values.isEmpty else { return "" }
    let count =
      values.count >= DatabaseCheck.misplacedValueLimit ? "At least \(values.count)" : "\(values.count)"
    var text =
      "\(count) value\(values.count == 1 ? " is" : "s are") not a number where the database keeps numbers "
      + "(written by another program); Recall reads \(values.count == 1 ? "it" : "each") as unknown:\n"
    for value in values.prefix(20) {
      text += "  table \(value.table), row \(value.row), column \(value.column): \(value.storedType)\n"
    }
    if values.count > 20 { text += "  (and \(values.count - 20) more)\n" }
    return text
  }
}
