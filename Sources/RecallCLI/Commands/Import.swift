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
        Folders are read recursively (*.md files; hidden files and folders are skipped; links \
        are followed once); a note's deck is its path relative to the folder given, or to the \
        folder you imported it with before when you import a folder inside it. Importing again \
        after editing your notes updates changed cards in place, retires cards whose text left \
        the note (restoring them, with their history, if it comes back), follows renamed or \
        moved files by their content, and skips unchanged notes. A note whose file was deleted \
        from a folder you import has its cards retired (history kept; they come back with the \
        file) and is listed as removed; when that would empty a folder or take more than half \
        of its notes at once, the import asks first (on a terminal) or needs --allow-removals. \
        The import is all or nothing. --dry-run lists what would happen to each card. \
        Exit status 1 when a note or folder could not be read or parsed (the others are \
        imported, and its cards are left as they were), or when removals were held back.
        """)

    @OptionGroup var global: GlobalOptions

    /// The note files and folders.
    @Argument(help: "Note files and folders to import.")
    var paths: [String] = []

    /// Report what would change, write nothing.
    @Flag(name: .long, help: "Print what would change and write nothing.")
    var dryRun = false

    /// Retire the cards of deleted notes even when they are most of their folder's.
    @Flag(name: .long, help: "Retire the cards of deleted notes even when that empties a folder or takes most of its notes.")
    var allowRemovals = false

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
      var (search, report) = try importing(into: databasePath, now: now)
      report.errors = search.problems + report.errors
      report.notices = search.notices
      let output = ImportOutput(report: report, databasePath: databasePath)
      if json { SafeOutput.writeJSON(try output.json() + "\n") } else { SafeOutput.write(output.text()) }
      if !report.errors.isEmpty || !report.heldBackNotes.isEmpty {
        throw ExitCode(1)
      }
    }

    /// Imports the notes of ``paths`` into the database at `databasePath`: into a new one built
    /// whole before it takes its name (see ``Store/buildNew(at:options:_:)``) if there is none,
    /// else into the existing one (or a copy of it for a dry run), asking before removals.
    private func importing(into databasePath: String, now: Date) throws -> (NoteSearch, ImportReport) {
      if !dryRun,
        let built = try Store.buildNew(at: databasePath, options: .fromEnvironment(), { store throws(StorageError) in
          // A new database has no library roots yet.
          let search = NoteSearch(paths: paths, roots: [])
          return (search, try importing(search, into: store, now: now, allowRemovals: allowRemovals))
        })
      {
        return built
      }
      let store = dryRun ? try CommandStore.snapshot(databasePath) : try CommandStore.open(databasePath)
      let search = NoteSearch(paths: paths, roots: try store.libraryRoots())
      var report = try importing(search, into: store, now: now, allowRemovals: allowRemovals)
      if !report.heldBackNotes.isEmpty, !dryRun, !json, RemovalQuestion.canAsk(),
        RemovalQuestion.ask(report.heldBackNotes, databasePath: databasePath)
      {
        // Everything else is written already: the second import only retires the held-back notes.
        let removals = try importing(search, into: store, now: now, allowRemovals: true)
        report.retired += removals.retired
        report.removedNotes += removals.removedNotes
        report.heldBackNotes = []
      }
      return (search, report)
    }

    /// Imports the notes `search` found into `store`, with a progress bar.
    private func importing(_ search: NoteSearch, into store: Store, now: Date, allowRemovals: Bool)
      throws(StorageError) -> ImportReport
    {
      let progress = ProgressBar(label: "Importing notes")
      defer { progress.finish() }
      return try store.importNotes(
        search.sources, paths: paths, folders: search.folders, unreadPaths: search.unreadPaths,
        extraction: .markdown, now: now, dryRun: dryRun, allowRemovals: allowRemovals,
        listsCards: dryRun, progress: { done, total in progress.update(done: done, total: total) })
    }
  }
}
