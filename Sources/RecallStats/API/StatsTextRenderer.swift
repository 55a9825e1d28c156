import Foundation
import RecallTerminal

/// How `recall stats` draws for its output: the width, whether to use color, and whether the
/// charts use block characters (a terminal) or plain ASCII (a file or a pipe).
public struct StatsTextStyle: Hashable, Sendable {
  /// The columns to fit, at least 40.
  public var width: Int
  /// Whether ANSI colors are written.
  public var usesColor: Bool
  /// Whether charts use Unicode block characters; plain ASCII otherwise.
  public var usesBlocks: Bool
  /// Whether every section is drawn in full (`recall stats --full`); otherwise the report fits
  /// one screen: the retention table, the 30-day forecast, the hardest cards and the headings'
  /// mastery are summed up or left to `--full`.
  public var isFull = true

  /// Creates a style.
  public init(width: Int, usesColor: Bool, usesBlocks: Bool) {
    self.width = min(max(width, 40), 240)
    self.usesColor = usesColor
    self.usesBlocks = usesBlocks
  }

  /// Plain text, 80 columns: what a file or a pipe gets.
  public static let plain = StatsTextStyle(width: 80, usesColor: false, usesBlocks: false)

  /// The style for standard output: the terminal's width and blocks on a terminal, color there
  /// unless `NO_COLOR` is set; plain text of `COLUMNS` (else 80) columns otherwise.
  public static func forStandardOutput(
    environment: TerminalEnvironment = .current(), terminalColumns: Int? = nil
  ) -> StatsTextStyle {
    let columns = terminalColumns ?? Int(environment.variables["COLUMNS"] ?? "") ?? 80
    guard environment.isTerminal else {
      return StatsTextStyle(width: columns, usesColor: false, usesBlocks: false)
    }
    return StatsTextStyle(
      width: columns, usesColor: ColorMode.auto.usesColor(in: environment), usesBlocks: true)
  }
}

/// Draws ``ProgressStats`` as text: sections, a heatmap calendar and bar charts fitted to the
/// width, every piece of note text made safe for the terminal.
public struct StatsTextRenderer: Sendable {
  /// How to draw.
  public var style: StatsTextStyle

  /// Creates a renderer.
  public init(style: StatsTextStyle) {
    self.style = style
  }

  /// The whole report, one string ending in a newline.
  public func render(_ stats: ProgressStats) -> String {
    var lines: [String] = []
    let styler = Styler(usesColor: style.usesColor)
    /// Adds text wrapped to the width, each line in `role`.
    func add(_ text: String, _ role: TextRole = .plain, indent: String = "  ") {
      for line in TextLayout.wrap(text, width: style.width - DisplayWidth.of(indent), indent: "  ") {
        lines.append(indent + styler.apply(role, to: line))
      }
    }
    func heading(_ text: String) {
      if !lines.isEmpty { lines.append("") }
      add(text, .emphasis, indent: "")
    }
    let deckText = stats.deck.map { "deck " + safe($0) } ?? "all decks"
    add("Recall stats · \(deckText) · \(stats.date)", .emphasis, indent: "")
    add(
      "days start at \(String(format: "%02d", stats.dayStartHour)):00, \(stats.timeZone)", .dim,
      indent: "")

    heading("Today")
    add(
      "due \(stats.today.due) · done \(stats.today.done) · new left \(stats.today.newLeft)"
        + " (\(stats.today.newStudied) introduced) · time \(Self.duration(stats.today.seconds))")

    heading("Cards")
    let c = stats.cards
    add(
      "new \(c.new) · learning \(c.learning) · review \(c.review) · relearning \(c.relearning)"
        + (c.suspended > 0 ? " · suspended \(c.suspended)" : "")
        + " · retired \(c.retired) · active \(c.active)"
        + (c.leeches > 0 ? " · leeches \(c.leeches)" : ""))

    heading("Reviews")
    let r = stats.reviews
    add(
      "\(r.total) in total on \(r.daysStudied) day\(r.daysStudied == 1 ? "" : "s") · streak "
        + "\(r.streak) day\(r.streak == 1 ? "" : "s") (longest \(r.longestStreak)) · "
        + "\(Self.duration(r.averageSecondsPerDay)) a day (days studied in the last 30)")
    let (legend, calendar) = heatmap(stats, styler: styler)
    add(legend, .dim)
    lines += calendar

    if !style.isFull {
      lines += compactEnd(stats, styler: styler)
      return lines.map { line in
        var line = line
        while line.last == " " { line.removeLast() }
        return line
      }.joined(separator: "\n") + "\n"
    }

    heading("True retention (reviews of cards in review; passed = hard or better)")
    lines += retentionTable(stats.retention)
    add(
      "mature = scheduled interval of \(stats.retention.matureIntervalDays) days or more "
        + "(Anki's convention)", .dim)

    heading("Memory")
    let m = stats.memory
    add(
      "average stability \(m.averageStability.map { String(format: "%.1f days", $0) } ?? dash)"
        + " · average retrievability \(percent(m.averageRetrievability))"
        + " (\(m.studiedCards) studied card\(m.studiedCards == 1 ? "" : "s"))")

    heading("Due forecast, next \(stats.forecast.count) days")
    lines += forecastChart(stats.forecast, styler: styler)

    heading("Hardest cards")
    lines += hardest("most lapses", stats.hardest.mostLapses)
    lines += hardest("lowest retrievability", stats.hardest.lowestRetrievability)
    if !stats.hardest.leeches.isEmpty {
      lines += hardest("leeches (fix the note, then recall unsuspend)", stats.hardest.leeches)
    }

    heading("Mastery (expected share recalled today; new cards count as 0)")
    lines += masteryTable(stats.mastery, styler: styler)
    return lines.map { line in
      var line = line
      while line.last == " " { line.removeLast() }
      return line
    }.joined(separator: "\n") + "\n"
  }

  // MARK: - Parts

  /// The one-screen report's end: memory, the next week's due cards in one line, the leeches,
  /// the notes' mastery, and where the rest is.
  func compactEnd(_ stats: ProgressStats, styler: Styler) -> [String] {
    var lines: [String] = []
    func addLine(_ text: String, _ role: TextRole = .plain) {
      for line in TextLayout.wrap(text, width: style.width - 2, indent: "  ") {
        lines.append("  " + styler.apply(role, to: line))
      }
    }
    func section(_ text: String) {
      lines.append("")
      lines.append(styler.apply(.emphasis, to: text))
    }
    section("Memory and what is due")
    let m = stats.memory
    let week = stats.forecast.prefix(7).reduce(0) { $0 + $1.count }
    let month = stats.forecast.reduce(0) { $0 + $1.count }
    addLine(
      "average stability \(m.averageStability.map { String(format: "%.1f days", $0) } ?? dash)"
        + " · average retrievability \(percent(m.averageRetrievability)) · due today "
        + "\(stats.forecast.first?.count ?? 0), next 7 days \(week), next \(stats.forecast.count) days \(month)")
    if !stats.hardest.leeches.isEmpty {
      section("Leeches")
      lines += hardest("fix the note, then recall unsuspend", Array(stats.hardest.leeches.prefix(3)))
        .dropFirst()
      if stats.hardest.leeches.count > 3 { addLine("… \(stats.hardest.leeches.count - 3) more", .dim) }
    }
    let notes = stats.mastery.filter { $0.level == .note }
    if !notes.isEmpty {
      section("Mastery of the notes (expected share recalled today)")
      let least = notes.sorted { ($0.expectedRecall, $0.note) < ($1.expectedRecall, $1.note) }.prefix(5)
      for entry in least {
        let line = "  " + TextLayout.padLeft(percent(entry.expectedRecall), to: 5) + "  " + safe(entry.note)
          + "  (\(entry.cards) cards, \(entry.newCards) new)"
        lines.append(TextLayout.truncate(line, width: style.width))
      }
      if notes.count > 5 { addLine("… \(notes.count - 5) more notes", .dim) }
    }
    lines.append("")
    addLine(
      "recall stats --full adds true retention, the 30-day forecast, the hardest cards and every "
        + "heading's mastery.", .dim)
    return lines
  }

  /// A calendar of the last weeks, one column per week (Monday on top), colored by count.
  func heatmap(_ stats: ProgressStats, styler: Styler) -> (legend: String, lines: [String]) {
    guard let today = Self.dayNumber(stats.date) else { return ("", []) }
    let labelWidth = 6
    let weeks = max(4, min(53, style.width - labelWidth - 2))
    let lastMonday = today - StudyDaysText.weekday(today)
    let firstDay = lastMonday - (weeks - 1) * 7
    var counts: [Int: Int] = [:]
    for day in stats.reviews.byDay {
      if let number = Self.dayNumber(day.date), number >= firstDay { counts[number] = day.count }
    }
    let maximum = counts.values.max() ?? 0
    let symbols: [String] = style.usesBlocks ? ["·", "░", "▒", "▓", "█"] : [".", ":", "+", "*", "#"]
    func level(_ count: Int) -> Int {
      guard count > 0, maximum > 0 else { return 0 }
      return min(4, max(1, Int((Double(count) / Double(maximum) * 4).rounded(.up))))
    }
    let legend = "review heatmap, last \(weeks) weeks (\(symbols[0]) none … \(symbols[4]) \(maximum) a day)"
    var lines: [String] = []
    // Month names above the week that holds the month's first day (and the first column's
    // month); a name that would run past the last week ends there, so the current month is
    // named even in its first days. Names are placed newest first: where two would touch, the
    // older one is left out.
    var header = [Character](repeating: " ", count: weeks)
    for week in (0..<weeks).reversed() {
      let monday = StudyDaysText.date(firstDay + week * 7)
      let sunday = StudyDaysText.date(firstDay + week * 7 + 6)
      let month: Int
      if monday.day == 1 {
        month = monday.month
      } else if sunday.month != monday.month {
        month = sunday.month
      } else if week == 0 && monday.day <= 7 {
        month = monday.month
      } else {
        continue
      }
      let name = Array(Self.monthNames[month - 1])
      let start = min(week, weeks - name.count)
      // A name never overwrites another one, nor touches it.
      let span = max(0, start - 1)..<min(weeks, start + name.count + 1)
      guard start >= 0, header[span].allSatisfy({ $0 == " " }) else { continue }
      for (offset, character) in name.enumerated() { header[start + offset] = character }
    }
    lines.append(String(repeating: " ", count: labelWidth) + String(header))
    let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    for weekday in 0..<7 {
      var line = "  " + weekdays[weekday] + " "
      for week in 0..<weeks {
        let day = firstDay + week * 7 + weekday
        if day > today {
          line += " "
          continue
        }
        let value = level(counts[day] ?? 0)
        line += styler.apply(value == 0 ? .dim : .right, to: symbols[value])
      }
      lines.append(line)
    }
    return (legend, lines)
  }

  /// Retention for young, mature and all cards over four periods.
  func retentionTable(_ retention: RetentionSummary) -> [String] {
    let columnWidth = min(16, (style.width - 10) / 4)
    let withCounts = columnWidth >= 12
    var lines = [
      "  " + TextLayout.pad("", to: 8)
        + ["day", "week", "month", "year"].map { TextLayout.padLeft($0, to: columnWidth) }.joined()
    ]
    for (name, periods) in [("young", retention.young), ("mature", retention.mature), ("all", retention.all)] {
      let cells = [periods.day, periods.week, periods.month, periods.year].map { figure in
        let text = figure.rate.map { withCounts ? "\(percent($0)) \(figure.passed)/\(figure.reviews)" : percent($0) } ?? dash
        return TextLayout.padLeft(text, to: columnWidth)
      }
      lines.append("  " + TextLayout.pad(name, to: 8) + cells.joined())
    }
    return lines
  }

  /// One bar per day: the cards due.
  func forecastChart(_ forecast: [DayCount], styler: Styler) -> [String] {
    let maximum = forecast.map(\.count).max() ?? 0
    let countWidth = String(maximum).count
    let barWidth = max(5, style.width - 2 - 10 - 1 - countWidth - 1)
    return forecast.enumerated().map { index, day in
      let label = index == 0 ? "today" : String(day.date.dropFirst(5)) + " " + Self.weekdayName(day.date)
      let length = maximum == 0 ? 0 : Int((Double(day.count) / Double(maximum) * Double(barWidth)).rounded())
      let bar = String(repeating: style.usesBlocks ? "█" : "#", count: length)
      return "  " + TextLayout.pad(label, to: 10) + TextLayout.padLeft(String(day.count), to: countWidth)
        + " " + styler.apply(.right, to: bar)
    }
  }

  /// A list of hard cards with where they come from.
  func hardest(_ title: String, _ cards: [HardCard]) -> [String] {
    var lines = ["  " + title]
    if cards.isEmpty {
      lines.append("    none")
      return lines
    }
    for card in cards {
      let figures = "\(card.lapses) lapse\(card.lapses == 1 ? "" : "s") · R \(percent(card.retrievability))"
      let place = "\(safe(card.deck)):\(card.line)"
      let line = "    " + TextLayout.pad(figures, to: 20) + " " + place + "  " + safe(card.prompt)
      lines.append(TextLayout.truncate(line, width: style.width))
    }
    return lines
  }

  /// How many mastery entries are listed in full; past it, the least known of each level.
  static let fullMasteryLimit = 60

  /// Mastery per note, heading and thing, with a bar of the expected recall.
  ///
  /// Up to ``fullMasteryLimit`` entries show as a tree in note order. A larger collection shows
  /// the ten least known notes, headings and table things instead (`--json` and `--html` list
  /// every one).
  func masteryTable(_ mastery: [Mastery], styler: Styler) -> [String] {
    guard !mastery.isEmpty else { return ["  no cards"] }
    let barWidth = style.width >= 70 ? 10 : 5
    let figuresWidth = 6 + 5 + 1 + barWidth + 5
    let nameWidth = max(12, style.width - 2 - figuresWidth - 1)
    let header =
      "  " + TextLayout.pad("part of the notes", to: nameWidth) + " "
      + TextLayout.padLeft("cards", to: 6) + TextLayout.padLeft("new", to: 5) + " "
      + TextLayout.pad("expected recall", to: barWidth + 5)
    func row(_ name: String, _ entry: Mastery) -> String {
      let filled = Int((entry.expectedRecall * Double(barWidth)).rounded())
      let bar = String(repeating: style.usesBlocks ? "█" : "#", count: filled)
        + String(repeating: style.usesBlocks ? "░" : ".", count: barWidth - filled)
      let role: TextRole = entry.level == .note ? .emphasis : .plain
      return "  " + styler.apply(role, to: TextLayout.pad(name, to: nameWidth)) + " "
        + TextLayout.padLeft(String(entry.cards), to: 6)
        + TextLayout.padLeft(String(entry.newCards), to: 5) + " " + styler.apply(.right, to: bar)
        + TextLayout.padLeft(percent(entry.expectedRecall), to: 5)
    }
    guard mastery.count > Self.fullMasteryLimit else {
      return [header] + mastery.map { entry in
        let name: String
        switch entry.level {
        case .note: name = safe(entry.note)
        case .heading: name = "  " + entry.headingPath.map(safe).joined(separator: " › ")
        case .thing: name = "    " + safe(entry.table ?? "table") + ": " + safe(entry.thing ?? "")
        }
        return row(name, entry)
      }
    }
    var lines = TextLayout.wrap(
      "\(mastery.count) parts of the notes; the least known of each kind below (every one: "
        + "--json or --html).", width: style.width - 2
    ).map { "  " + $0 }
    for (level, title) in [(Mastery.Level.note, "notes"), (.heading, "headings"), (.thing, "table things")] {
      var least = TopList<Mastery>(limit: 10) {
        ($0.expectedRecall, -$0.cards) < ($1.expectedRecall, -$1.cards)
      }
      for entry in mastery where entry.level == level { least.offer(entry) }
      guard !least.items.isEmpty else { continue }
      lines.append("  " + styler.apply(.dim, to: title))
      lines.append(header)
      for entry in least.items {
        var parts = [entry.note] + entry.headingPath
        if level == .thing { parts.append((entry.table ?? "table") + ": " + (entry.thing ?? "")) }
        lines.append(row(parts.map(safe).joined(separator: " › "), entry))
      }
    }
    return lines
  }

  // MARK: - Formatting

  /// The dash shown for a figure that does not exist.
  var dash: String { style.usesBlocks ? "—" : "-" }

  /// A share as a whole percentage, or a dash.
  func percent(_ value: Double?) -> String {
    guard let value else { return dash }
    return "\(Int((value * 100).rounded()))%"
  }

  /// Note text on one line, with every control character shown harmlessly.
  func safe(_ text: String) -> String {
    SafeText.sanitize(text, keepNewlines: false)
  }

  /// Seconds as `1h 5m`, `12m 30s` or `45s`.
  static func duration(_ seconds: Int) -> String {
    if seconds >= 3600 { return "\(seconds / 3600)h \(seconds % 3600 / 60)m" }
    if seconds >= 60 { return "\(seconds / 60)m \(seconds % 60)s" }
    return "\(seconds)s"
  }

  static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

  /// The day number of a `YYYY-MM-DD` date.
  static func dayNumber(_ text: String) -> Int? {
    StudyDaysText.dayNumber(text)
  }

  /// The weekday of a `YYYY-MM-DD` date, such as `Wed`.
  static func weekdayName(_ text: String) -> String {
    guard let day = dayNumber(text) else { return "" }
    return ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][StudyDaysText.weekday(day)]
  }
}

/// Dates of study days as text, both ways.
enum StudyDaysText {
  /// The day number of a `YYYY-MM-DD` date (days since 1970-01-01).
  static func dayNumber(_ text: String) -> Int? {
    let parts = text.split(separator: "-").compactMap { Int($0) }
    guard parts.count == 3 else { return nil }
    // Howard Hinnant's days_from_civil.
    let y = parts[1] <= 2 ? parts[0] - 1 : parts[0]
    let m = parts[1]
    let d = parts[2]
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// The year, month and day of a day number.
  static func date(_ day: Int) -> (year: Int, month: Int, day: Int) {
    let parts = StudyDays.dateText(day).split(separator: "-").compactMap { Int($0) }
    return (parts[0], parts[1], parts[2])
  }

  /// The weekday of a day number: 0 Monday … 6 Sunday.
  static func weekday(_ day: Int) -> Int { StudyDays.weekday(day) }
}
