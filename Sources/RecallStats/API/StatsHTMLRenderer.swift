import Foundation
import RecallTerminal

/// Draws ``ProgressStats`` as one self-contained HTML page: inline CSS and SVG charts, no
/// script and no external asset, every piece of note text escaped.
///
/// The page is also well-formed XML (every element closed, only the five XML entities), so
/// tests read it with an XML parser.
public struct StatsHTMLRenderer: Sendable {
  /// Creates a renderer.
  public init() {}

  /// The page.
  public func render(_ stats: ProgressStats) -> String {
    var html = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8"/>
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <title>Recall stats · \(escape(stats.deck ?? "all decks")) · \(escape(stats.date))</title>
      <style>
      body { font-family: system-ui, "Noto Sans CJK KR", "Noto Sans KR", sans-serif; margin: 24px auto; max-width: 980px; color: #1f2328; padding: 0 16px; }
      h1 { font-size: 24px; margin-bottom: 4px; }
      h2 { font-size: 18px; margin-top: 28px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
      .sub { color: #656d76; margin-top: 0; }
      .tiles { display: flex; flex-wrap: wrap; gap: 12px; }
      .tile { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 14px; min-width: 90px; }
      .tile b { display: block; font-size: 22px; }
      .tile span { color: #656d76; font-size: 13px; }
      table { border-collapse: collapse; font-size: 14px; }
      th, td { padding: 4px 10px; text-align: left; border-bottom: 1px solid #eaeef2; vertical-align: middle; }
      td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
      tr.note td { font-weight: 600; background: #f6f8fa; }
      tr.heading td.name { padding-left: 24px; }
      tr.thing td.name { padding-left: 44px; color: #424a53; }
      svg text { font-family: system-ui, sans-serif; }
      .note-text { color: #656d76; font-size: 13px; }
      </style>
      </head>
      <body>

      """
    html += "<h1>Recall stats</h1>\n"
    html += "<p class=\"sub\">\(escape(stats.deck.map { "Deck " + $0 } ?? "All decks")) · "
      + "\(escape(stats.date)) · days start at \(String(format: "%02d", stats.dayStartHour)):00 "
      + "(\(escape(stats.timeZone)))</p>\n"

    html += "<h2>Today</h2>\n<div class=\"tiles\">\n"
    for (value, label) in [
      (String(stats.today.due), "due"), (String(stats.today.done), "done"),
      (String(stats.today.newLeft), "new left"),
      (StatsTextRenderer.duration(stats.today.seconds), "time today"),
      (String(stats.reviews.streak), "day streak"),
      (StatsTextRenderer.duration(stats.reviews.averageSecondsPerDay), "a day (last 30)"),
    ] {
      html += "<div class=\"tile\"><b>\(escape(value))</b><span>\(escape(label))</span></div>\n"
    }
    html += "</div>\n"

    html += "<h2>Cards by state</h2>\n" + cardsChart(stats.cards)
    html += "<h2>Reviews</h2>\n<p>\(stats.reviews.total) reviews on \(stats.reviews.daysStudied) days; "
      + "longest streak \(stats.reviews.longestStreak) days.</p>\n"
    html += heatmap(stats)
    html += "<h2>True retention</h2>\n" + retentionChart(stats.retention)
    html += "<p class=\"note-text\">\(escape(stats.retention.definition))</p>\n"
    html += "<h2>Memory</h2>\n<p>Average stability "
      + "\(stats.memory.averageStability.map { String(format: "%.1f days", $0) } ?? "—"), average "
      + "retrievability \(percent(stats.memory.averageRetrievability)) over "
      + "\(stats.memory.studiedCards) studied cards.</p>\n"
    html += "<h2>Due forecast, next \(stats.forecast.count) days</h2>\n" + forecastChart(stats.forecast)
    html += "<h2>Hardest cards</h2>\n"
    html += hardestTable("Most lapses", stats.hardest.mostLapses)
    html += hardestTable("Lowest retrievability", stats.hardest.lowestRetrievability)
    if !stats.hardest.leeches.isEmpty {
      html += hardestTable("Leeches (fix the note, then recall unsuspend)", stats.hardest.leeches)
    }
    html += "<h2>Mastery</h2>\n<p class=\"note-text\">Expected share of the cards recalled today "
      + "(mean retrievability; cards never studied count as 0 and are also counted apart).</p>\n"
    html += masteryTable(stats.mastery)
    html += "</body>\n</html>\n"
    return html
  }

  // MARK: - Charts

  /// A stacked bar of the cards by state, with a legend.
  func cardsChart(_ cards: CardCounts) -> String {
    let parts: [(String, Int, String)] = [
      ("new", cards.new, "#8c959f"), ("learning", cards.learning, "#d4a72c"),
      ("review", cards.review, "#2da44e"), ("relearning", cards.relearning, "#cf222e"),
      ("suspended", cards.suspended, "#bf8700"), ("retired", cards.retired, "#d0d7de"),
    ]
    let total = max(1, parts.reduce(0) { $0 + $1.1 })
    let width = 900.0
    var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"920\" height=\"64\" role=\"img\" aria-label=\"Cards by state\">\n"
    var x = 0.0
    for (name, count, color) in parts where count > 0 {
      let w = width * Double(count) / Double(total)
      svg += "<rect x=\(attr(x)) y=\"0\" width=\(attr(w)) height=\"24\" fill=\"\(color)\"><title>\(name): \(count)</title></rect>\n"
      x += w
    }
    var legendX = 0
    for (name, count, color) in parts {
      svg += "<rect x=\"\(legendX)\" y=\"36\" width=\"12\" height=\"12\" fill=\"\(color)\"/>"
        + "<text x=\"\(legendX + 16)\" y=\"47\" font-size=\"13\">\(name) \(count)</text>\n"
      legendX += 150
    }
    return svg + "</svg>\n"
  }

  /// A calendar of the last 53 weeks, one square per day, colored by the reviews done.
  func heatmap(_ stats: ProgressStats) -> String {
    guard let today = StudyDaysText.dayNumber(stats.date) else { return "" }
    let weeks = 53
    let cell = 14
    let left = 34
    let top = 18
    let firstDay = today - StudyDaysText.weekday(today) - (weeks - 1) * 7
    var counts: [Int: Int] = [:]
    for day in stats.reviews.byDay {
      if let number = StudyDaysText.dayNumber(day.date), number >= firstDay { counts[number] = day.count }
    }
    let maximum = counts.values.max() ?? 0
    let colors = ["#ebedf0", "#9be9a8", "#40c463", "#30a14e", "#216e39"]
    let width = left + weeks * cell + 10
    let height = top + 7 * cell + 30
    var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"Review heatmap\">\n"
    for (row, name) in ["Mon", "", "Wed", "", "Fri", "", "Sun"].enumerated() where !name.isEmpty {
      svg += "<text x=\"0\" y=\"\(top + row * cell + 11)\" font-size=\"11\" fill=\"#656d76\">\(name)</text>\n"
    }
    for week in 0..<weeks {
      let monday = firstDay + week * 7
      let date = StudyDaysText.date(monday)
      // A month's name over the week holding its first day (the first week only if a month
      // starts in it, so that two names never overlap).
      let startsMonth = week == 0 ? date.day <= 7 : StudyDaysText.date(monday - 7).month != date.month
      if startsMonth, week < weeks - 2 {
        svg += "<text x=\"\(left + week * cell)\" y=\"12\" font-size=\"11\" fill=\"#656d76\">"
          + "\(StatsTextRenderer.monthNames[date.month - 1])</text>\n"
      }
      for weekday in 0..<7 {
        let day = monday + weekday
        guard day <= today else { continue }
        let count = counts[day] ?? 0
        let level = count == 0 || maximum == 0
          ? 0 : min(4, max(1, Int((Double(count) / Double(maximum) * 4).rounded(.up))))
        svg += "<rect x=\"\(left + week * cell)\" y=\"\(top + weekday * cell)\" width=\"\(cell - 2)\" "
          + "height=\"\(cell - 2)\" rx=\"2\" fill=\"\(colors[level])\"><title>\(StudyDays.dateText(day)): "
          + "\(count) review\(count == 1 ? "" : "s")</title></rect>\n"
      }
    }
    let legendY = top + 7 * cell + 10
    svg += "<text x=\"\(left)\" y=\"\(legendY + 10)\" font-size=\"11\" fill=\"#656d76\">none</text>\n"
    for (index, color) in colors.enumerated() {
      svg += "<rect x=\"\(left + 34 + index * cell)\" y=\"\(legendY)\" width=\"\(cell - 2)\" height=\"\(cell - 2)\" rx=\"2\" fill=\"\(color)\"/>\n"
    }
    svg += "<text x=\"\(left + 40 + 5 * cell)\" y=\"\(legendY + 10)\" font-size=\"11\" fill=\"#656d76\">\(maximum) a day</text>\n"
    return svg + "</svg>\n"
  }

  /// Bars of true retention for young, mature and all cards over the four periods.
  func retentionChart(_ retention: RetentionSummary) -> String {
    let groups: [(String, RetentionPeriods, String)] = [
      ("young", retention.young, "#54aeff"), ("mature", retention.mature, "#0969da"),
      ("all", retention.all, "#8250df"),
    ]
    let periods = ["day", "week", "month", "year"]
    let groupWidth = 210
    let chartHeight = 140
    var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(40 + groupWidth * 4)\" height=\"\(chartHeight + 70)\" role=\"img\" aria-label=\"True retention\">\n"
    for tick in [0, 50, 100] {
      let y = 20 + chartHeight - chartHeight * tick / 100
      svg += "<line x1=\"36\" y1=\"\(y)\" x2=\"\(40 + groupWidth * 4)\" y2=\"\(y)\" stroke=\"#eaeef2\"/>"
        + "<text x=\"0\" y=\"\(y + 4)\" font-size=\"11\" fill=\"#656d76\">\(tick)%</text>\n"
    }
    for (p, period) in periods.enumerated() {
      let x0 = 48 + p * groupWidth
      for (g, (name, figures, color)) in groups.enumerated() {
        let figure = [figures.day, figures.week, figures.month, figures.year][p]
        let x = x0 + g * 60
        if let rate = figure.rate {
          let h = Double(chartHeight) * rate
          svg += "<rect x=\"\(x)\" y=\(attr(20 + Double(chartHeight) - h)) width=\"50\" height=\(attr(h)) fill=\"\(color)\">"
            + "<title>\(name), \(period): \(figure.passed) of \(figure.reviews) passed</title></rect>\n"
          svg += "<text x=\"\(x + 25)\" y=\(attr(16 + Double(chartHeight) - h)) font-size=\"11\" text-anchor=\"middle\">\(percent(rate))</text>\n"
        } else {
          svg += "<text x=\"\(x + 25)\" y=\"\(chartHeight + 16)\" font-size=\"11\" text-anchor=\"middle\" fill=\"#8c959f\">—</text>\n"
        }
        svg += "<text x=\"\(x + 25)\" y=\"\(chartHeight + 34)\" font-size=\"11\" text-anchor=\"middle\" fill=\"#656d76\">\(name)</text>\n"
      }
      svg += "<text x=\"\(x0 + 85)\" y=\"\(chartHeight + 54)\" font-size=\"13\" text-anchor=\"middle\">\(period)</text>\n"
    }
    return svg + "</svg>\n"
  }

  /// One bar per day of the cards due.
  func forecastChart(_ forecast: [DayCount]) -> String {
    let maximum = max(1, forecast.map(\.count).max() ?? 0)
    let barWidth = 26
    let chartHeight = 150
    var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(forecast.count * (barWidth + 4) + 20)\" height=\"\(chartHeight + 50)\" role=\"img\" aria-label=\"Due forecast\">\n"
    for (index, day) in forecast.enumerated() {
      let h = Double(chartHeight) * Double(day.count) / Double(maximum)
      let x = 10 + index * (barWidth + 4)
      svg += "<rect x=\"\(x)\" y=\(attr(16 + Double(chartHeight) - h)) width=\"\(barWidth)\" height=\(attr(h)) fill=\"#0969da\">"
        + "<title>\(escape(day.date)): \(day.count) due</title></rect>\n"
      if day.count > 0 {
        svg += "<text x=\"\(x + barWidth / 2)\" y=\(attr(12 + Double(chartHeight) - h)) font-size=\"10\" text-anchor=\"middle\">\(day.count)</text>\n"
      }
      if index % 5 == 0 {
        let label = index == 0 ? "today" : String(day.date.dropFirst(5))
        svg += "<text x=\"\(x)\" y=\"\(chartHeight + 34)\" font-size=\"11\" fill=\"#656d76\">\(escape(label))</text>\n"
      }
    }
    return svg + "</svg>\n"
  }

  /// A table of hard cards with their deck and line.
  func hardestTable(_ title: String, _ cards: [HardCard]) -> String {
    var html = "<h3>\(escape(title))</h3>\n"
    guard !cards.isEmpty else { return html + "<p>None.</p>\n" }
    html += "<table>\n<tr><th>card</th><th>where</th><th class=\"n\">lapses</th><th class=\"n\">recall today</th></tr>\n"
    for card in cards {
      html += "<tr><td>\(escape(card.prompt))</td><td>\(escape(card.deck)):\(card.line)</td>"
        + "<td class=\"n\">\(card.lapses)</td><td class=\"n\">\(percent(card.retrievability))</td></tr>\n"
    }
    return html + "</table>\n"
  }

  /// Mastery per note, heading and thing, each with a bar.
  func masteryTable(_ mastery: [Mastery]) -> String {
    guard !mastery.isEmpty else { return "<p>No cards.</p>\n" }
    var html = "<table>\n<tr><th>part of the notes</th><th class=\"n\">cards</th><th class=\"n\">new</th>"
      + "<th>expected recall</th><th class=\"n\"></th></tr>\n"
    for entry in mastery {
      let name: String
      switch entry.level {
      case .note: name = entry.note
      case .heading: name = entry.headingPath.joined(separator: " › ")
      case .thing: name = (entry.table ?? "table") + ": " + (entry.thing ?? "")
      }
      let filled = 160 * entry.expectedRecall
      html += "<tr class=\"\(entry.level.rawValue)\"><td class=\"name\">\(escape(name))</td>"
        + "<td class=\"n\">\(entry.cards)</td><td class=\"n\">\(entry.newCards)</td><td>"
        + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"160\" height=\"12\"><rect width=\"160\" height=\"12\" fill=\"#eaeef2\"/>"
        + "<rect width=\(attr(filled)) height=\"12\" fill=\"#2da44e\"/></svg></td>"
        + "<td class=\"n\">\(percent(entry.expectedRecall))</td></tr>\n"
    }
    return html + "</table>\n"
  }

  // MARK: - Text

  /// Text escaped for HTML and XML: `&`, `<`, `>`, `"` and `'`, and the characters a terminal
  /// would not be shown raw (controls, C1, bidirectional overrides and isolates, line
  /// separators) shown as in the terminal (`^[` for ESC, `&lt;U+202E&gt;`; XML 1.0 does not
  /// allow controls, and an override would reorder the page's text), tab and newline kept.
  public func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in SafeText.visible(text, keeping: ["\t", "\n"]).unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default:
        let value = scalar.value
        if value == 0xFFFE || value == 0xFFFF {
          out += "\u{FFFD}"
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }

  /// A number as a quoted attribute value, with at most one decimal.
  func attr(_ value: Double) -> String {
    "\"\(String(format: "%.1f", max(0, value)))\""
  }

  /// A share as a whole percentage, or a dash.
  func percent(_ value: Double?) -> String {
    guard let value else { return "—" }
    return "\(Int((value * 100).rounded()))%"
  }
}
