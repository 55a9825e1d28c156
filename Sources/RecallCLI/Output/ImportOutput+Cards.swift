import Foundation
import RecallStorage
import RecallTerminal

extension ImportOutput {
  /// The notes held back: their files are gone, but retiring their cards would empty a folder
  /// or take most of its notes, so the import asks first.
  func heldBackText() -> String {
    guard !report.heldBackNotes.isEmpty else { return "" }
    let count = report.heldBackNotes.count
    var out = "\nHeld back (\(count)): files gone from a folder you import; retiring their cards "
      + "would empty the folder or take most of its notes, so they were left as they were. "
      + "Import again with --allow-removals to retire them:\n"
    for note in report.heldBackNotes {
      out += "  \(shown(note.file)): \(note.cards) \(note.cards == 1 ? "card" : "cards") would be retired\n"
    }
    return out
  }

  /// What the search for notes skipped (links that lead nowhere or in a loop).
  func noticesText() -> String {
    guard !report.notices.isEmpty else { return "" }
    var out = "\nSkipped (\(report.notices.count)):\n"
    for notice in report.notices {
      out += "  \(shown(notice.file)): \(notice.message)\n"
    }
    return out
  }

  /// In a dry run, what would happen to each card, note by note.
  func cardChangesText() -> String {
    guard report.isDryRun, !report.cardChanges.isEmpty else { return "" }
    var out = "\nCards (\(report.cardChanges.count)):\n"
    var file = ""
    for change in report.cardChanges {
      if change.file != file {
        file = change.file
        out += "  \(shown(file)):\n"
      }
      out += "    " + change.kind.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
      switch change.kind {
      case .changed:
        let before = change.before ?? change.text
        out += "\(line(before)) → \(line(change.text))"
      case .moved:
        out += "\(line(change.text)): \(path(change.fromContext ?? [])) → \(path(change.context))"
      case .added, .retired, .restored:
        out += line(change.text)
      }
      if change.kind != .added {
        out += " (\(change.reviews) \(change.reviews == 1 ? "review" : "reviews"))"
      }
      out += "\n"
    }
    return out
  }

  /// A card's question and answer on one line.
  private func line(_ text: CardChange.Text) -> String {
    "\(oneLine(text.prompt)) = \(oneLine(text.answer))"
  }

  /// A heading path on one line.
  private func path(_ headings: [String]) -> String {
    headings.isEmpty ? "(top of the note)" : headings.map(oneLine).joined(separator: " › ")
  }

  /// `text` safe for the terminal, on one line.
  private func oneLine(_ text: String) -> String {
    SafeText.sanitize(text, keepNewlines: false)
  }
}

/// The question asked on a terminal before retiring the cards of notes held back.
enum RemovalQuestion {
  /// Whether a person can be asked: standard input and output are terminals.
  static func canAsk() -> Bool {
    isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
  }

  /// Lists `notes` and asks whether to retire their cards; true only for an answer of yes.
  static func ask(_ notes: [RemovedNote], databasePath: String) -> Bool {
    let output = ImportOutput(report: ImportReport(), databasePath: databasePath)
    var text = "These note files are gone from the folder you import; retiring their cards would "
      + "empty the folder or take most of its notes (their history is kept):\n"
    for note in notes {
      text += "  \(output.shown(note.file)): \(note.cards) \(note.cards == 1 ? "card" : "cards")\n"
    }
    SafeOutput.write(text + "Retire these cards? [y/N] ")
    let answer = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces).lowercased()
    return answer == "y" || answer == "yes"
  }
}
