import ArgumentParser
import Foundation
import RecallStats
import RecallStorage
import RecallTerminal

/// `recall stats [--deck D] [--json] [--html FILE]`: progress in the terminal, as JSON, or as a
/// page.
public struct Stats: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "stats",
    abstract: "Show your progress: today, cards, reviews, retention, forecast and mastery.",
    discussion: """
      Shows today's work (due, done, new cards left), the cards by state, a heatmap of the \
      reviews of the last months, true retention of young and mature cards (mature: a \
      scheduled interval of 21 days or more, Anki's convention) over the last day, week, month \
      and year, the streak and the time spent per day, average stability and retrievability, \
      the hardest cards with file and line, and mastery by the structure of your notes: per \
      note, per heading and per compared thing of each table, as the expected share of the \
      cards recalled today (cards never studied count as 0).

      Days are counted in your time zone (TZ) and start at the day start hour (recall config \
      day-start-hour, default 4). Charts fit the terminal; without a terminal the output is \
      plain text, and color is used only on a terminal and never under NO_COLOR.

      --json prints the same figures as one JSON object; --html FILE writes them as one \
      self-contained HTML page with SVG charts.
      """
  )

  /// Only this deck.
  @Option(name: .long, help: "Only this deck (a note's path such as aws/ecs.md, or a folder such as aws).")
  public var deck: String?

  /// Prints JSON instead of text.
  @Flag(name: .long, help: "Print the figures as one JSON object.")
  public var json = false

  /// Every section in full.
  @Flag(name: .long, help: "Print every section in full (by default the report fits one screen).")
  public var full = false

  /// Writes an HTML page.
  @Option(name: .long, help: ArgumentHelp("Write the figures as a self-contained HTML page to FILE.", valueName: "FILE"))
  public var html: String?

  /// The options shared by every command.
  @OptionGroup public var global: GlobalOptions

  public init() {}

  public func run() throws {
    let now = try global.currentDate()
    do {
      let store = try CommandStore.open(try DatabaseLocation.resolve(option: global.db))
      try DeckOption.check(deck, in: store)
      let request = try StatsRequest.load(from: store, now: now, deck: deck)
      CommandOutput.warn(request.warnings)
      let stats = try StatsCalculator.compute(store: store, request: request)
      if let html {
        try CommandOutput.write(Data(StatsHTMLRenderer().render(stats).utf8), to: html)
      }
      if json {
        SafeOutput.writeJSON(stats.jsonText() + "\n")
      } else if let html {
        SafeOutput.write("Wrote the stats page to \(SafeText.inline(html)).\n")
      } else {
        let environment = TerminalEnvironment.current()
        var style = StatsTextStyle.forStandardOutput(
          environment: environment, terminalColumns: SystemTerminal.size(of: 1)?.columns)
        style.isFull = full
        let text = StatsTextRenderer(style: style).render(stats)
        // The colors are the renderer's own: every piece of note text in it is shown through
        // SafeText already.
        if style.usesColor { SafeOutput.writeRendered(text) } else { SafeOutput.write(text) }
      }
    } catch {
      throw CommandOutput.fail(error)
    }
  }
}
