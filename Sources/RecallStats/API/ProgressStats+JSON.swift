import Foundation
import RecallStorage
import RecallTerminal

extension ProgressStats {
  /// The JSON of `recall stats --json`: one object, keys sorted, each part on its own line and
  /// each entry of a long array (days, forecast, cards, mastery) on one line.
  ///
  /// Written by hand rather than with `JSONEncoder`, which takes a quarter of a second for the
  /// tens of thousands of mastery entries of a large collection; a test decodes it back with
  /// `JSONDecoder` into the same value.
  public func jsonText() -> String {
    var out = JSONText()
    out.reserve(4096 + 260 * (mastery.count + reviews.byDay.count + forecast.count))
    out.raw("{\n")
    var first = true
    func member(_ key: String, _ body: (inout JSONText) -> Void) {
      out.raw(first ? "  " : ",\n  ")
      first = false
      out.string(key)
      out.raw(": ")
      body(&out)
    }
    member("cards") { cards.write(to: &$0) }
    member("date") { $0.string(date) }
    member("dayStartHour") { $0.int(dayStartHour) }
    member("deck") { $0.optionalString(deck) }
    member("forecast") { $0.array(forecast) { day, out in day.write(to: &out) } }
    member("generatedAt") { $0.string(generatedAt) }
    member("hardest") { out in
      out.raw("{\n    \"leeches\": ")
      out.array(hardest.leeches, indent: "    ") { card, out in card.write(to: &out) }
      out.raw(",\n    \"lowestRetrievability\": ")
      out.array(hardest.lowestRetrievability, indent: "    ") { card, out in card.write(to: &out) }
      out.raw(",\n    \"mostLapses\": ")
      out.array(hardest.mostLapses, indent: "    ") { card, out in card.write(to: &out) }
      out.raw("\n  }")
    }
    member("mastery") { $0.array(mastery) { entry, out in entry.write(to: &out) } }
    member("memory") { out in
      out.object([
        ("averageRetrievability", { $0.optionalDouble(memory.averageRetrievability) }),
        ("averageStability", { $0.optionalDouble(memory.averageStability) }),
        ("studiedCards", { $0.int(memory.studiedCards) }),
      ])
    }
    member("retention") { out in
      out.raw("{\n    \"all\": ")
      retention.all.write(to: &out)
      out.raw(",\n    \"definition\": ")
      out.string(retention.definition)
      out.raw(",\n    \"mature\": ")
      retention.mature.write(to: &out)
      out.raw(",\n    \"matureIntervalDays\": ")
      out.int(retention.matureIntervalDays)
      out.raw(",\n    \"young\": ")
      retention.young.write(to: &out)
      out.raw("\n  }")
    }
    member("reviews") { out in
      out.raw("{\n    \"averageSecondsPerDay\": ")
      out.int(reviews.averageSecondsPerDay)
      out.raw(",\n    \"byDay\": ")
      out.array(reviews.byDay, indent: "    ") { day, out in
        out.object([
          ("count", { $0.int(day.count) }), ("date", { $0.string(day.date) }),
          ("seconds", { $0.int(day.seconds) }),
        ])
      }
      out.raw(",\n    \"daysStudied\": ")
      out.int(reviews.daysStudied)
      out.raw(",\n    \"longestStreak\": ")
      out.int(reviews.longestStreak)
      out.raw(",\n    \"streak\": ")
      out.int(reviews.streak)
      out.raw(",\n    \"total\": ")
      out.int(reviews.total)
      out.raw("\n  }")
    }
    member("timeZone") { $0.string(timeZone) }
    member("today") { out in
      out.object([
        ("done", { $0.int(today.done) }), ("due", { $0.int(today.due) }),
        ("newLeft", { $0.int(today.newLeft) }), ("newStudied", { $0.int(today.newStudied) }),
        ("seconds", { $0.int(today.seconds) }),
      ])
    }
    out.raw("\n}")
    return out.text
  }
}

extension CardCounts {
  func write(to out: inout JSONText) {
    out.object([
      ("active", { $0.int(active) }), ("leeches", { $0.int(leeches) }),
      ("learning", { $0.int(learning) }), ("new", { $0.int(new) }),
      ("relearning", { $0.int(relearning) }), ("retired", { $0.int(retired) }),
      ("review", { $0.int(review) }), ("suspended", { $0.int(suspended) }),
      ("total", { $0.int(total) }),
    ])
  }
}

extension DayCount {
  func write(to out: inout JSONText) {
    out.object([("count", { $0.int(count) }), ("date", { $0.string(date) })])
  }
}

extension HardCard {
  func write(to out: inout JSONText) {
    out.object([
      ("deck", { $0.string(deck) }), ("file", { $0.string(file) }),
      ("headingPath", { $0.strings(headingPath) }), ("lapses", { $0.int(lapses) }),
      ("line", { $0.int(line) }), ("prompt", { $0.string(prompt) }),
      ("retrievability", { $0.optionalDouble(retrievability) }),
    ])
  }
}

extension Mastery {
  /// Written without closures: a large collection has tens of thousands of entries.
  func write(to out: inout JSONText) {
    out.raw("{\"cards\":")
    out.int(cards)
    out.raw(",\"expectedRecall\":")
    out.double(expectedRecall)
    out.raw(",\"headingPath\":")
    out.strings(headingPath)
    out.raw(",\"level\":\"" + level.rawValue + "\",\"line\":")
    out.int(line)
    out.raw(",\"newCards\":")
    out.int(newCards)
    out.raw(",\"note\":")
    out.string(note)
    out.raw(",\"studiedRecall\":")
    out.optionalDouble(studiedRecall)
    out.raw(",\"table\":")
    out.optionalString(table)
    out.raw(",\"thing\":")
    out.optionalString(thing)
    out.raw("}")
  }
}

extension RetentionPeriods {
  func write(to out: inout JSONText) {
    out.object([
      ("day", { day.write(to: &$0) }), ("month", { month.write(to: &$0) }),
      ("week", { week.write(to: &$0) }), ("year", { year.write(to: &$0) }),
    ])
  }
}

extension RetentionFigure {
  func write(to out: inout JSONText) {
    out.object([
      ("passed", { $0.int(passed) }), ("rate", { $0.optionalDouble(rate) }),
      ("reviews", { $0.int(reviews) }),
    ])
  }
}

/// A JSON text being written: values, compact objects, and arrays with one entry per line.
struct JSONText {
  private(set) var text = ""

  mutating func reserve(_ bytes: Int) { text.reserveCapacity(bytes) }

  mutating func raw(_ piece: String) { text += piece }

  mutating func int(_ value: Int) { text += String(value) }

  /// A number as Swift writes it: the shortest text that reads back as the same `Double`.
  mutating func double(_ value: Double) {
    text += value.isFinite ? "\(value)" : "null"
  }

  mutating func optionalDouble(_ value: Double?) {
    if let value { double(value) } else { text += "null" }
  }

  mutating func optionalString(_ value: String?) {
    if let value { string(value) } else { text += "null" }
  }

  /// A JSON string literal: quotes, backslashes, controls, separators and bidirectional
  /// characters escaped (``SafeJSON``).
  mutating func string(_ value: String) {
    text += SafeJSON.quoted(value)
  }

  mutating func strings(_ values: [String]) {
    text += "["
    for (index, value) in values.enumerated() {
      if index > 0 { text += "," }
      string(value)
    }
    text += "]"
  }

  /// A compact object; `members` must be in key order.
  mutating func object(_ members: [(String, (inout JSONText) -> Void)]) {
    text += "{"
    for (index, (key, write)) in members.enumerated() {
      if index > 0 { text += "," }
      string(key)
      text += ":"
      write(&self)
    }
    text += "}"
  }

  /// An array with each element on its own line, indented below `indent`.
  mutating func array<Element>(
    _ elements: [Element], indent: String = "  ", _ write: (Element, inout JSONText) -> Void
  ) {
    guard !elements.isEmpty else {
      text += "[]"
      return
    }
    text += "[\n"
    for (index, element) in elements.enumerated() {
      if index > 0 { text += ",\n" }
      text += indent + "  "
      write(element, &self)
    }
    text += "\n" + indent + "]"
  }
}
