import Foundation
import RecallCards
import RecallStorage
import RecallTerminal

/// The report of `recall import`, for a person or as JSON.
struct ImportOutput {
  /// What the import did.
  var report: ImportReport
  /// The database imported into.
  var databasePath: String
  /// The folder paths are shown relative to.
  var currentFolder = FileManager.default.currentDirectoryPath

  /// The report for a person: the counts, then the renamed and removed notes, stubs and errors.
  func text() -> String {
    var out = ""
    let noteWord = report.notes == 1 ? "note" : "notes"
    // File names are shown on one line each: a newline in a name shows as ^J.
    func named(_ path: String) -> String { SafeText.inline(shown(path)) }
    if report.isDryRun {
      out += "Dry run: nothing was written. Importing \(report.notes) \(noteWord) into "
        + "\(named(databasePath)) would give:\n"
    } else {
      out += "Imported \(report.notes) \(noteWord) into \(named(databasePath)):\n"
    }
    let rows: [(String, Int, String)] = [
      ("added", report.added, "cards"),
      ("changed", report.changed, "cards (updated in place, history kept)"),
      ("retired", report.retired, "cards (no longer in their note, history kept)"),
      ("restored", report.restored, "cards (back in their note, with their history)"),
      ("renamed", report.renamed, "notes (renamed or moved, cards kept)"),
      (
        "unchanged", report.unchanged,
        "cards (\(report.unchangedNotes) \(report.unchangedNotes == 1 ? "note" : "notes") skipped, unchanged since the last import)"
      ),
    ]
    let width = rows.map { String($0.1).count }.max() ?? 1
    for (name, count, unit) in rows {
      let number = String(count)
      out += "  " + name.padding(toLength: 11, withPad: " ", startingAt: 0)
        + String(repeating: " ", count: width - number.count) + number + " " + unit + "\n"
    }
    for move in report.moves {
      out += "  renamed: \(named(move.from)) → \(named(move.to))\n"
    }
    out += heldBackText()
    if !report.removedNotes.isEmpty {
      let count = report.removedNotes.count
      out += "\nRemoved notes (\(count)): files deleted from the folder; their cards were retired, "
        + "history kept\n"
      for removed in report.removedNotes {
        out += "  \(named(removed.file)): \(removed.cards) \(removed.cards == 1 ? "card" : "cards") retired\n"
      }
    }
    if !report.stubs.isEmpty {
      out += "\nStubs (\(report.stubs.count)): places in your notes with nothing to ask yet\n"
      for stub in report.stubs {
        out += "  \(named(stub.file)):\(stub.line): \(SafeText.inline(stub.message))\n"
      }
    }
    out += noticesText()
    if !report.errors.isEmpty {
      out += "\nErrors (\(report.errors.count)): these were not imported; their cards were left as they were\n"
      for problem in report.errors {
        let place = problem.line > 0 ? "\(named(problem.file)):\(problem.line)" : named(problem.file)
        out += "  \(place): \(SafeText.inline(problem.message))\n"
      }
    }
    out += cardChangesText()
    return out
  }

  /// The report as one JSON object.
  func json() throws -> String {
    let view = JSONView(
      added: report.added, changed: report.changed, retired: report.retired,
      restored: report.restored, renamed: report.renamed, unchanged: report.unchanged,
      notes: report.notes, unchangedNotes: report.unchangedNotes, dryRun: report.isDryRun,
      database: databasePath,
      moves: report.moves.map { NoteMove(from: shown($0.from), to: shown($0.to)) },
      removedNotes: report.removedNotes.map { RemovedNote(file: shown($0.file), cards: $0.cards) },
      heldBackNotes: report.heldBackNotes.map { RemovedNote(file: shown($0.file), cards: $0.cards) },
      cards: report.isDryRun ? report.cardChanges.map { change in
        var change = change
        change.file = shown(change.file)
        return change
      } : nil,
      notices: report.notices.map { ImportProblem(file: shown($0.file), line: $0.line, message: $0.message) },
      stubs: report.stubs.map {
        StubView(file: shown($0.file), line: $0.line, message: $0.message, kind: $0.kind.rawValue)
      },
      errors: report.errors.map {
        ImportProblem(file: shown($0.file), line: $0.line, message: $0.message)
      })
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(view), as: UTF8.self)
  }

  /// `path` relative to the current folder when it is inside it.
  func shown(_ path: String) -> String {
    let base = currentFolder.hasSuffix("/") ? currentFolder : currentFolder + "/"
    return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
  }

  /// The JSON object's fields.
  private struct JSONView: Encodable {
    var added, changed, retired, restored, renamed, unchanged, notes, unchangedNotes: Int
    var dryRun: Bool
    var database: String
    var moves: [NoteMove]
    var removedNotes: [RemovedNote]
    var heldBackNotes: [RemovedNote]
    /// In a dry run, what would happen to each card.
    var cards: [CardChange]?
    var notices: [ImportProblem]
    var stubs: [StubView]
    var errors: [ImportProblem]
  }

  /// A stub in the JSON report.
  private struct StubView: Encodable {
    var file: String
    var line: Int
    var message: String
    var kind: String
  }
}
