import ArgumentParser
import Foundation

/// Options every command that touches the store or the clock accepts.
public struct GlobalOptions: ParsableArguments {
  /// The database path; else `RECALL_DB`; else `$XDG_DATA_HOME/recall/recall.sqlite`.
  @Option(name: .long, help: "The database file (default: $RECALL_DB, else $XDG_DATA_HOME/recall/recall.sqlite).")
  public var db: String?

  /// Acts as if it were this moment (ISO 8601); for tests and simulations.
  @Option(name: .long, help: .hidden)
  public var now: String?

  public init() {}

  /// The moment the command acts at: `--now` if given, else the system clock.
  public func currentDate() throws -> Date {
    try Self.date(now: now)
  }

  /// The moment `now` (the value of `--now`) names, or the system clock's without one.
  static func date(now: String?) throws -> Date {
    guard let now else { return Date() }
    if let date = GlobalOptions.parseISO8601(now) { return date }
    throw ValidationError(
      "The value of --now, '\(now)', is not an ISO 8601 time; write it like 2026-11-25T09:00:00Z.")
  }

  /// Parses `2026-11-25T09:00:00Z`, with fractional seconds or an offset, or a bare date
  /// (midnight UTC).
  ///
  /// FoundationEssentials' ISO 8601 parser, not `ISO8601DateFormatter`: that one opens ICU's
  /// calendars, time zone names and number formats (about 3 MiB of the binary's pages and a
  /// tenth of a review's start) to read one date. Its `parse` reads a date at the start of any
  /// text and rolls days over (`2026-02-30` is March 2nd), so a time is taken only when it is
  /// the whole text, and a bare date only when it also reads back as written: a time without its
  /// zone (`2026-11-25T09:00:00`) or with something after it is refused, not read as midnight.
  static func parseISO8601(_ text: String) -> Date? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    func whole(_ style: Date.ISO8601FormatStyle) -> Date? {
      guard
        let read = try? style.consuming(trimmed, startingAt: trimmed.startIndex, in: trimmed.startIndex..<trimmed.endIndex),
        read.upperBound == trimmed.endIndex
      else { return nil }
      return read.output
    }
    if let date = whole(Date.ISO8601FormatStyle()) { return date }
    let day = Date.ISO8601FormatStyle().year().month().day()
    guard let date = whole(day), day.format(date) == trimmed else { return nil }
    return date
  }
}

extension RecallCommand {
  /// The options every command with a database or a clock takes, written before its name too.
  static let globalOptionNames = ["--db", "--now"]

  /// The command line with the global options (`--db`, `--now`) that stand before the command's
  /// name moved after it, so that `recall --now T import notes` means `recall import notes --now T`.
  ///
  /// ArgumentParser gives a subcommand only the options written after its name; users and
  /// scripts write global options on either side. Commands without those options (`parse`) and
  /// lines without a command name (plain `recall`, which runs the review) are left as they are.
  public static func movingGlobalOptions(in arguments: [String]) -> [String] {
    var leading: [String] = []
    var index = arguments.startIndex
    while index < arguments.endIndex {
      let argument = arguments[index]
      if globalOptionNames.contains(argument), index + 1 < arguments.endIndex {
        leading += [argument, arguments[index + 1]]
        index += 2
      } else if let name = argument.split(separator: "=").first.map(String.init),
        argument.contains("="), globalOptionNames.contains(name)
      {
        leading.append(argument)
        index += 1
      } else {
        break
      }
    }
    // The commands' names are looked up only for a line that needs them: each name is
    // reflected from its command's configuration, a cost every review would pay at start.
    guard !leading.isEmpty, index < arguments.endIndex,
      configuration.subcommands.contains(where: { $0 != Parse.self && $0._commandName == arguments[index] })
    else {
      return arguments
    }
    return [arguments[index]] + leading + arguments[(index + 1)...]
  }
}
