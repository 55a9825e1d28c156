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
  /// Paths that do not exist or cannot be listed.
  public var problems: [ImportProblem]
  /// The folders that were listed, as absolute paths: a stored note inside one of them whose
  /// file is gone was deleted (see ``Store/importNotes(_:paths:folders:extraction:now:dryRun:prepared:fileExists:progress:)``).
  public var folders: [String]

  /// Finds the notes under `paths`: files as given, folders recursively (`*.md` files only,
  /// hidden files and folders skipped).
  ///
  /// A file's deck is its name; a note found in a folder has its path relative to that folder
  /// as its deck. A note reached twice is kept once, with the first deck found.
  ///
  /// - Parameters:
  ///   - paths: Files and folders, absolute or relative to `currentFolder`.
  ///   - currentFolder: The folder relative paths are taken from.
  public init(
    paths: [String], currentFolder: String = FileManager.default.currentDirectoryPath
  ) {
    var sources: [NoteSource] = []
    var problems: [ImportProblem] = []
    var folders: [String] = []
    var seen: Set<String> = []
    let fileManager = FileManager.default
    for given in paths {
      let url = URL(
        fileURLWithPath: given, relativeTo: URL(fileURLWithPath: currentFolder, isDirectory: true)
      ).standardizedFileURL.resolvingSymlinksInPath()
      var isFolder: ObjCBool = false
      guard fileManager.fileExists(atPath: url.path, isDirectory: &isFolder) else {
        problems.append(
          ImportProblem(file: given, line: 0, message: "There is no file or folder at this path."))
        continue
      }
      if !isFolder.boolValue {
        if let refusal = Self.refusal(ofFile: url.path) {
          problems.append(ImportProblem(file: given, line: 0, message: refusal))
          continue
        }
        if seen.insert(url.path).inserted {
          sources.append(NoteSource(file: url.path, deck: url.lastPathComponent))
        }
        continue
      }
      guard
        let walker = fileManager.enumerator(
          at: url, includingPropertiesForKeys: [.isRegularFileKey, .isDirectoryKey],
          options: [.skipsHiddenFiles])
      else {
        problems.append(
          ImportProblem(file: given, line: 0, message: "The folder could not be listed."))
        continue
      }
      folders.append(url.path)
      var found: [(path: String, deck: String)] = []
      let base = url.path.hasSuffix("/") ? url.path : url.path + "/"
      for case let item as URL in walker {
        guard item.pathExtension.lowercased() == "md", FileSystem.isRegularFile(item.path) else { continue }
        let path = item.standardizedFileURL.resolvingSymlinksInPath().path
        let deck = path.hasPrefix(base) ? String(path.dropFirst(base.count)) : item.lastPathComponent
        found.append((path, deck))
      }
      for (path, deck) in found.sorted(by: { $0.path < $1.path })
      where seen.insert(path).inserted {
        if let refusal = Self.refusal(ofFile: path) {
          problems.append(ImportProblem(file: path, line: 0, message: refusal))
          continue
        }
        sources.append(NoteSource(file: path, deck: deck))
      }
    }
    self.sources = sources
    self.problems = problems
    self.folders = folders
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
