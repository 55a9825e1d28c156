import Foundation
import RecallStorage
import RecallTestSupport
import Testing

/// Which files of a folder an import takes: `*.md` regular files, recursively, in path order,
/// without hidden files and folders.
struct NoteSearchTests {
  @Test func aFolderGivesItsMarkdownFilesInPathOrderAndNothingElse() throws {
    let folder = try TestPaths.makeTemporaryFolder("recall-search")
    let manager = FileManager.default
    func write(_ path: String) throws {
      let url = folder.appendingPathComponent(path)
      try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data("# \(path)\n".utf8).write(to: url)
    }
    for path in ["a.md", "B.MD", "notes.txt", ".hidden/secret.md", ".draft.md", "sub/c.md", "dir.md/d.md", "노트/한글.md"] {
      try write(path)
    }
    // A link to a note is followed, and the note taken once, at its own place.
    try manager.createSymbolicLink(
      atPath: folder.appendingPathComponent("link.md").path, withDestinationPath: "a.md")

    let search = NoteSearch(paths: [folder.path])
    #expect(search.problems.isEmpty)
    #expect(search.sources.map(\.deck) == ["B.MD", "a.md", "dir.md/d.md", "sub/c.md", "노트/한글.md"])
    let base = folder.resolvingSymlinksInPath().path
    #expect(search.sources.allSatisfy { $0.file == base + "/" + $0.deck })
    #expect(search.folders == [base])
  }
}
