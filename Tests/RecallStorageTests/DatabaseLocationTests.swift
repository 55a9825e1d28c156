import Foundation
import RecallStorage
import RecallTestSupport
import Testing

/// The database path rules: --db, then RECALL_DB, then XDG_DATA_HOME, then ~/.local/share.
struct DatabaseLocationTests {
  @Test func optionWinsOverEverything() throws {
    let path = try DatabaseLocation.resolve(
      option: "/a/b.sqlite", environment: ["RECALL_DB": "/c.sqlite", "XDG_DATA_HOME": "/x", "HOME": "/h"])
    #expect(path == "/a/b.sqlite")
  }

  @Test func environmentVariableComesNext() throws {
    let path = try DatabaseLocation.resolve(
      option: nil, environment: ["RECALL_DB": "/c.sqlite", "XDG_DATA_HOME": "/x", "HOME": "/h"])
    #expect(path == "/c.sqlite")
  }

  @Test func xdgDataHomeThenHome() throws {
    #expect(
      try DatabaseLocation.resolve(option: nil, environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"])
        == "/x/recall/recall.sqlite")
    #expect(
      try DatabaseLocation.resolve(option: nil, environment: ["HOME": "/h"])
        == "/h/.local/share/recall/recall.sqlite")
    // A relative XDG_DATA_HOME is invalid by the spec and ignored; empty values are unset.
    #expect(
      try DatabaseLocation.resolve(option: "", environment: ["XDG_DATA_HOME": "x", "RECALL_DB": "", "HOME": "/h"])
        == "/h/.local/share/recall/recall.sqlite")
  }

  @Test func relativeAndTildePaths() throws {
    #expect(
      try DatabaseLocation.resolve(option: "data/r.sqlite", environment: ["HOME": "/h"], currentFolder: "/work")
        == "/work/data/r.sqlite")
    #expect(
      try DatabaseLocation.resolve(option: nil, environment: ["RECALL_DB": "~/r.sqlite", "HOME": "/h"])
        == "/h/r.sqlite")
  }
}

/// A database whose folder cannot be made is refused with the system's reason, once punctuated.
struct DatabaseFolderTests {
  @Test func aFolderThatCannotBeMadeIsRefusedWithTheSystemsReason() throws {
    let scratch = try TestPaths.makeTemporaryFolder("recall-folder")
    let file = scratch.appendingPathComponent("a-file")
    try Data("not a folder".utf8).write(to: file)
    let path = file.appendingPathComponent("recall.sqlite").path
    #expect {
      _ = try Store.open(at: path)
    } throws: { error in
      let message = "\(error)"
      return message == "The folder '\(file.path)' for the database could not be created: file exists."
    }
    #expect(try Data(contentsOf: file) == Data("not a folder".utf8))
  }
}

/// The reasons quoted in messages about files: the system's words, no doubled period.
struct FileErrorReasonTests {
  struct Described: Error, CustomStringConvertible, LocalizedError {
    var description: String { "The thing went wrong." }
    var errorDescription: String? { description }
  }

  @Test func readingAMissingFileGivesTheSystemsWords() throws {
    let missing = try TestPaths.makeTemporaryFolder("recall-reason").appendingPathComponent("gone.md")
    #expect(throws: (any Error).self) { try Data(contentsOf: missing) }
    do {
      _ = try Data(contentsOf: missing)
    } catch {
      #expect(FileErrorReason.text(of: error) == "no such file or directory")
    }
    #expect(FileErrorReason.text(of: POSIXError(.EACCES)) == "permission denied")
    #expect(FileErrorReason.text(of: Described()) == "The thing went wrong")
  }
}
