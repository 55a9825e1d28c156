import ArgumentParser
import Foundation
import RecallScheduling
import RecallStorage
import RecallTerminal

extension RecallCommand {
  /// `recall config [KEY [VALUE]] [--deck D]`: shows the settings, one setting, or sets one.
  struct Config: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "config",
      abstract: "Show or change the scheduling settings, for every deck or for one deck.",
      discussion: """
        Without KEY, lists every setting with its value, where the value comes from (default, \
        set, or set for the deck) and what it does. With KEY, shows that setting. With KEY and \
        VALUE, checks the value and stores it; 'default' removes a stored value so the default \
        applies again. A wrong value is refused with a message and nothing is written. \
        With --deck, shows or sets the values for one deck (new-per-day, reviews-per-day, \
        desired-retention, learning-steps, relearning-steps, maximum-interval, leech-threshold, \
        leech-action); day-start-hour, fuzz and parameters apply to every deck. A card is a \
        leech when it lapses leech-threshold times (8), and again every half of that after; \
        leech-action suspend (the default) suspends it too, tag only marks it.
        """)

    @OptionGroup var global: GlobalOptions

    /// The setting to show or set.
    @Argument(help: "The setting to show or set, such as new-per-day.")
    var key: String?

    /// The new value.
    @Argument(help: "The new value; 'default' removes the stored value.")
    var value: String?

    /// The deck the settings are for.
    @Option(name: .long, help: "Show or set the settings of this deck (a note's path such as aws/ecs.md).")
    var deck: String?

    init() {}

    func run() throws {
      let now = try global.currentDate()
      let databasePath = try DatabaseLocation.resolve(option: global.db)
      let exists = FileManager.default.fileExists(atPath: databasePath)
      if let deck {
        // A deck that names no card is a typo: its settings would never apply.
        guard exists else {
          throw ConfigError(
            "There is no deck '\(deck)': no cards are stored yet. Import your notes with recall import PATH.")
        }
        try DeckOption.check(deck, in: CommandStore.open(databasePath))
      }
      // `x`, `x/` and `x.md` are one deck: its settings are stored under one name.
      let storedDeck = deck.map(StudySettings.deckKey)
      guard let key else {
        let stored = exists ? try CommandStore.open(databasePath).settings() : []
        SafeOutput.write(ConfigListing.text(stored: stored, deck: deck))
        return
      }
      let name = key.trimmingCharacters(in: .whitespaces).lowercased()
      if name != StudySettings.parametersKey && !LeechRule.keys.contains(name) {
        _ = try SchedulerSettings.Key(parsing: key)
      }
      if deck != nil, StudySettings.globalOnlyKeys.contains(name) {
        throw ConfigError("The setting \(name) applies to every deck; leave out --deck.")
      }
      guard let value else {
        let stored = exists ? try CommandStore.open(databasePath).settings() : []
        SafeOutput.write(ConfigListing.text(stored: stored, deck: deck, only: name))
        return
      }
      // Check the value before anything is written (a missing database is not created for a
      // value that is refused).
      let opened = exists ? try CommandStore.open(databasePath) : nil
      let storedBefore = try opened?.settings() ?? []
      let current = StudySettings.resolve(storedBefore, deck: deck)
      let isDefault = value.trimmingCharacters(in: .whitespaces).lowercased() == "default"
      var canonical = value
      if !isDefault {
        if name == StudySettings.parametersKey {
          canonical = StudySettings.format(try StudySettings.parseParameters(value))
        } else if LeechRule.keys.contains(name) {
          canonical = try current.leech.setting(name, to: value).value(of: name) ?? value
        } else {
          let settingKey = try SchedulerSettings.Key(parsing: name)
          canonical = try current.scheduler.setting(settingKey, to: value).value(of: settingKey)
        }
      }
      let store = try opened ?? CommandStore.open(databasePath)
      // Values stored for the same deck under another spelling give way to this one.
      for other in storedBefore where other.key == name && other.deck != storedDeck
        && other.deck.map(StudySettings.deckKey) == storedDeck
      {
        try store.removeSetting(name, deck: other.deck)
      }
      if isDefault {
        try store.removeSetting(name, deck: storedDeck)
      } else {
        try store.setSetting(Setting(key: name, deck: storedDeck, value: canonical), now: now)
      }
      let scope = deck.map { " for the deck \(SafeText.inline($0))" } ?? ""
      SafeOutput.write(
        isDefault ? "\(name)\(scope) is back to its default.\n" : "\(name)\(scope) = \(SafeText.inline(canonical))\n")
    }
  }
}

/// A wrong use of `recall config`, said in a complete sentence.
struct ConfigError: Error, CustomStringConvertible, LocalizedError {
  /// The sentence shown to the user.
  var message: String
  init(_ message: String) { self.message = message }
  var description: String { message }
  var errorDescription: String? { message }
}

/// The settings as `recall config` lists them.
enum ConfigListing {
  /// One line per setting: key, value, where it comes from, what it does.
  static func text(stored: [Setting], deck: String?, only: String? = nil) -> String {
    let resolved = StudySettings.resolve(stored, deck: deck)
    var rows: [(key: String, value: String, origin: String, summary: String)] = []
    for key in SchedulerSettings.Key.allCases {
      rows.append(
        (key.rawValue, resolved.scheduler.value(of: key), origin(key.rawValue, stored, deck), key.summary))
    }
    rows.append(
      (
        StudySettings.parametersKey,
        resolved.parametersAreFitted ? resolved.parameters.description : "default",
        origin(StudySettings.parametersKey, stored, deck),
        "The 21 FSRS-6 weights; recall optimize fits them to your reviews."
      ))
    for key in LeechRule.keys {
      rows.append(
        (key, resolved.leech.value(of: key) ?? "", origin(key, stored, deck), LeechRule.summary(of: key)))
    }
    if let only { rows = rows.filter { $0.key == only } }
    // Fitted parameters are too long for the value column: they get a line of their own.
    let inColumn = rows.filter { !($0.key == StudySettings.parametersKey && $0.value != "default") }
    let keyWidth = rows.map(\.key.count).max() ?? 0
    let valueWidth = inColumn.map(\.value.count).max() ?? 0
    let originWidth = rows.map { $0.origin.count + 2 }.max() ?? 0
    func pad(_ text: String, _ width: Int) -> String {
      text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0)
    }
    var out = deck.map { "Settings for the deck \(SafeText.inline($0)):\n" } ?? ""
    for row in rows {
      let key = pad(row.key, keyWidth)
      let origin = pad("(\(row.origin))", originWidth)
      if row.key == StudySettings.parametersKey && row.value != "default" {
        out += "\(key)  \(pad("", valueWidth))  \(origin)  \(row.summary)\n    \(row.value)\n"
      } else {
        out += "\(key)  \(pad(row.value, valueWidth))  \(origin)  \(row.summary)\n"
      }
    }
    for problem in resolved.problems { out += "warning: \(SafeText.inline(problem))\n" }
    return out
  }

  /// Where a value comes from: `default`, `set`, or `set for this deck`.
  private static func origin(_ key: String, _ stored: [Setting], _ deck: String?) -> String {
    if let deck, stored.contains(where: { $0.key == key && $0.deck.map(StudySettings.deckKey) == StudySettings.deckKey(deck) }) {
      return "set for this deck"
    }
    if stored.contains(where: { $0.key == key && $0.deck == nil }) { return "set" }
    return "default"
  }
}
