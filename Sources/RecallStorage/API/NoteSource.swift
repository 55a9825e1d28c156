import Foundation

/// One note to import: where it comes from, its deck, and how to get its bytes.
public struct NoteSource: Hashable, Sendable {
  /// How the note's bytes are obtained.
  public enum Contents: Hashable, Sendable {
    /// Read the file at ``NoteSource/file`` when the import reaches it.
    case onDisk
    /// These bytes (a bundled note, or a test).
    case bytes([UInt8])
  }

  /// The note's identity in the store: an absolute path, or `recall:Content/...` for a bundled
  /// note. A stored note is updated when a note with the same `file` is imported again.
  public var file: String
  /// The deck: the note's path relative to the folder imported, such as `aws/ecs.md`.
  public var deck: String
  /// How the note's bytes are obtained.
  public var contents: Contents

  /// Creates a note source.
  public init(file: String, deck: String, contents: Contents = .onDisk) {
    self.file = file
    self.deck = deck
    self.contents = contents
  }
}

/// The notes found under the paths given to `recall import`, and the paths that could not be
/// used.
public struct NoteSearch: Hashable, Sendable {
  /// The notes found, in path order, each once.
  public var sources: [NoteSource]
  /// Paths that do not exist or cannot be read, and names that are not valid UTF-8: the import
  /// reports them as errors.
  public var problems: [ImportProblem]
  /// What the search did not take but a user should know of: links that lead nowhere, or back
  /// into a folder already read.
  public var notices: [ImportProblem]
  /// The folders that were listed, as absolute paths: a stored note inside one of them whose
  /// file is gone was deleted (see ``Store/importNotes(_:paths:folders:unreadPaths:extraction:now:dryRun:allowRemovals:listsCards:fileExists:progress:)``).
  public var folders: [String]
  /// Files and folders that exist but could not be read: the notes inside keep their cards.
  public var unreadPaths: [String]

  /// Finds the notes under `paths`: files as given, folders recursively (`*.md` files only,
  /// hidden files and folders skipped, links followed once).
  ///
  /// A note's deck is its path relative to the outermost of `roots` (the library roots, see
  /// ``Store/libraryRoots()``) that holds it; outside every root, a note found in a folder has
  /// its path relative to that folder as its deck, and a file given alone its name. A note
  /// reached twice is kept once, with the first deck found.
  ///
  /// - Parameters:
  ///   - paths: Files and folders, absolute or relative to `currentFolder`.
  ///   - currentFolder: The folder relative paths are taken from.
  ///   - roots: The library roots, absolute paths with links resolved.
  public init(
    paths: [String], currentFolder: String = FileManager.default.currentDirectoryPath,
    roots: [String] = []
  ) {
    var walk = FolderWalk()
    var folders: [String] = []
    for given in paths {
      let url = URL(
        fileURLWithPath: given, relativeTo: URL(fileURLWithPath: currentFolder, isDirectory: true)
      ).standardizedFileURL.resolvingSymlinksInPath()
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
        walk.problems.append(
          ImportProblem(file: given, line: 0, message: "There is no file or folder at this path."))
        continue
      }
      // Decks are named from the outermost root that holds the path, else from the path.
      let root = roots.filter { LibraryRoots.contains($0, url.path) }.min { $0.count < $1.count }
      if !isFolder.boolValue {
        let deck = root.map { Self.relative(url.path, to: $0) } ?? url.lastPathComponent
        walk.add(file: url.path, deck: deck)
        continue
      }
      if walk.read(folder: url.path, deckPrefix: root.map { Self.deckPrefix(url.path, in: $0) } ?? "") {
        folders.append(url.path)
      }
    }
    sources = walk.sources
    problems = walk.problems
    notices = walk.notices
    unreadPaths = walk.unreadPaths
    self.folders = folders
  }

  /// `path` relative to `folder`, which holds it.
  static func relative(_ path: String, to folder: String) -> String {
    String(path.dropFirst(folder.count).drop { $0 == "/" })
  }

  /// What the decks of the notes in `folder` start with, relative to `root`: `sub/`, or nothing
  /// for the root itself.
  static func deckPrefix(_ folder: String, in root: String) -> String {
    let relative = relative(folder, to: root)
    return relative.isEmpty ? "" : relative + "/"
  }

  /// The largest note file imported, in bytes (64 MiB): a larger file is refused before it is
  /// read, so that no import holds more than one such note in memory.
  public static let maximumNoteBytes = 64 << 20

  /// Why the file at `path` (links resolved) is not imported, or nil: a device (`/dev/zero`),
  /// a FIFO or a socket is never read (it may never end, or never start), nor a file larger
  /// than ``maximumNoteBytes``.
  static func refusal(ofFile path: String) -> String? {
    if !FileSystem.isRegularFile(path) {
      return "This is not a regular file (it is a device, a FIFO or a socket, which may never "
        + "end); Recall imports Markdown note files and folders of them."
    }
    let size = FileSystem.size(of: path)
    if size > maximumNoteBytes {
      return "This file is \(size >> 20) MiB; Recall imports notes of at most "
        + "\(maximumNoteBytes >> 20) MiB. Split it into smaller notes."
    }
    return nil
  }
}
