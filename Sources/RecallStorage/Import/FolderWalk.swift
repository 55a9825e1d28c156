import Foundation

/// Lists the notes of folders for ``NoteSearch``: `*.md` files, recursively, hidden files and
/// folders skipped, links to files and folders followed once.
///
/// Nothing is skipped silently: a folder or file that cannot be read is a problem (and its
/// path is kept in ``unreadPaths``, so that its notes keep their cards), and so is a name that
/// is not valid UTF-8; a link that leads nowhere, or back into a folder already read, is a
/// notice.
struct FolderWalk {
  /// The notes found, each file once.
  private(set) var sources: [NoteSource] = []
  var problems: [ImportProblem] = []
  private(set) var notices: [ImportProblem] = []
  private(set) var unreadPaths: [String] = []
  /// The note files taken so far.
  private var taken: Set<String> = []

  /// Takes the note `file` with `deck`, unless it was taken already or is refused (see
  /// ``NoteSearch/refusal(ofFile:)``): a refused file is a problem, and its note keeps its cards.
  mutating func add(file: String, deck: String) {
    guard taken.insert(file).inserted else { return }
    if let refusal = NoteSearch.refusal(ofFile: file) {
      problems.append(ImportProblem(file: file, line: 0, message: refusal))
      unreadPaths.append(file)
      return
    }
    sources.append(NoteSource(file: file, deck: deck))
  }

  /// Takes the notes of `folder` (an absolute path, links resolved), their decks their paths
  /// relative to it after `deckPrefix`, in path order; says whether the folder could be listed.
  ///
  /// The folder's own files and folders are read first, then the links found in them, so that
  /// a link to a folder inside `folder` is a loop, and the notes keep the decks of their real
  /// places.
  mutating func read(folder: String, deckPrefix: String) -> Bool {
    var walk = Listing(visited: [folder])
    guard list(folder, relative: deckPrefix, into: &walk) else { return false }
    while !walk.links.isEmpty {
      let link = walk.links.removeFirst()
      follow(link, into: &walk)
    }
    for note in walk.found.sorted(by: { $0.deck < $1.deck }) {
      add(file: note.file, deck: note.deck)
    }
    return true
  }

  /// What one folder's walk has found so far.
  private struct Listing {
    /// The notes: deck and file.
    var found: [(deck: String, file: String)] = []
    /// The folders read, links resolved.
    var visited: Set<String>
    /// Links not followed yet: where each is, and the deck of what lies behind it.
    var links: [(path: String, relative: String)] = []
  }

  /// Lists `folder` into `walk` (each note's deck: `relative` and its name), and its folders
  /// recursively, keeping links for later; says whether it could be listed.
  private mutating func list(_ folder: String, relative: String, into walk: inout Listing) -> Bool {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: folder)
    } catch {
      problems.append(
        ImportProblem(
          file: folder, line: 0,
          message: "The folder could not be read (\(FileErrorReason.text(of: error))); the cards of its notes were left as they were."))
      unreadPaths.append(folder)
      return false
    }
    for name in names.sorted() where !name.hasPrefix(".") {
      let path = folder + "/" + name
      var status = stat()
      guard lstat(path, &status) == 0 else {
        let code = errno
        // Foundation gives a name that is not valid UTF-8 with U+FFFD for its bad bytes, and
        // no file has that name.
        if name.contains("\u{FFFD}") && code == ENOENT {
          problems.append(
            ImportProblem(
              file: path, line: 0,
              message: "The name is not valid UTF-8 (shown with � for its bad bytes); rename it to import it."))
        } else {
          problems.append(
            ImportProblem(
              file: path, line: 0,
              message: "The file could not be looked at (\(Self.reason(code))); the cards of its notes were left as they were."))
          unreadPaths.append(path)
        }
        continue
      }
      switch status.st_mode & S_IFMT {
      case S_IFLNK:
        walk.links.append((path, relative + name))
      case S_IFDIR:
        walk.visited.insert(path)
        _ = list(path, relative: relative + name + "/", into: &walk)
      case S_IFREG where name.lowercased().hasSuffix(".md"):
        walk.found.append((relative + name, path))
      case _ where name.lowercased().hasSuffix(".md"):
        // A FIFO or a device named like a note: reading it could block forever.
        problems.append(
          ImportProblem(
            file: path, line: 0,
            message: "The note is not a regular file, so it was not read; its cards were left as they were."))
        unreadPaths.append(path)
      default:
        continue
      }
    }
    return true
  }

  /// Follows one link found by ``list(_:relative:into:)``: to a note, or to a folder not read
  /// yet.
  private mutating func follow(_ link: (path: String, relative: String), into walk: inout Listing) {
    var status = stat()
    guard stat(link.path, &status) == 0 else {
      notices.append(
        ImportProblem(
          file: link.path, line: 0,
          message: "The link leads to nothing that can be read (\(Self.reason(errno))); it was skipped."))
      return
    }
    let target = URL(fileURLWithPath: link.path).resolvingSymlinksInPath().path
    switch status.st_mode & S_IFMT {
    case S_IFDIR:
      guard walk.visited.insert(target).inserted else {
        notices.append(
          ImportProblem(
            file: link.path, line: 0,
            message: "The link leads to a folder already read (\(target)); it was not followed again."))
        return
      }
      _ = list(target, relative: link.relative + "/", into: &walk)
    case S_IFREG where link.relative.lowercased().hasSuffix(".md"):
      walk.found.append((link.relative, target))
    default:
      return
    }
  }

  /// The system's words for `code`.
  private static func reason(_ code: Int32) -> String {
    FileErrorReason.text(of: POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO))
  }
}
