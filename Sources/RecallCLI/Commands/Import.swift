import ArgumentParser
import Foundation
import RecallStorage
import RecallTerminal

extension RecallCommand {
  /// `recall import PATH... [--dry-run] [--json]`: brings the store in line with the notes.
  struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "import",
      abstract: "Import Markdown notes (files or folders) as cards, keeping every review.",
      discussion: """
        Folders are read recursively (*.md files; hidden files and folders are skipped); a \
        note's deck is its path relative to the folder given. Importing again after editing \
        your notes updates changed cards in place, retires cards whose text left the note \
        (restoring them, with their history, if it comes back), follows renamed or moved \
        files by their content, and skips unchanged notes. A note whose file was deleted from \
        a folder you import has its cards retired (history kept; they come back with the \
        file) and is listed as removed. The import is all or nothing. \
        Exit status 1 when a note could not be read or parsed (the others are imported).
        """)

    @OptionGroup var global: GlobalOptions

    /// The note files and folders.
    @Argument(help: "Note files and folders to import.")
    var paths: [String] = []

    /// Report what would change, write nothing.
    @Flag(name: .long, help: "Print what would change and write nothing.")
    var dryRun = false

    /// Print the report as one JSON object.
    @Flag(name: .long, help: "Print the report as one JSON object.")
    var json = false

    init() {}

    func validate() throws {
      if paths.isEmpty {
        throw ValidationError("Name at least one note file or folder to import.")
      }
    }

    func run() async throws {
      let now = try global.currentDate()
      let databasePath = try DatabaseLocation.resolve(option: global.db)
      let search = NoteSearch(paths: paths)
      // A database that does not exist yet holds no notes: they are prepared while it is made.
      let prepared =
        FileManager.default.fileExists(atPath: databasePath)
        ? nil : NotePreparation(search.sources, extraction: .markdown)
      let store = dryRun ? try CommandStore.snapshot(databasePath) : try CommandStore.open(databasePath)
      let progress = ProgressBar(label: "Importing notes")
      var report: ImportReport
      do {
        report = try store.importNotes(
          search.sources, paths: paths, folders: search.folders, extraction: .markdown, now: now,
          dryRun: dryRun, prepared: prepared,
          progress: { done, total in progress.update(done: done, total: total) })
        progress.finish()
      } catch {
        progress.finish()
        throw error
      }
      report.errors = search.problems + report.errors
      let output = ImportOutput(report: report, databasePath: databasePath)
      if json { SafeOutput.writeJSON(try output.json() + "\n") } else { SafeOutput.write(output.text()) }
      if !report.errors.isEmpty {
        throw ExitCode(1)
      }
    }
  }
}
