import Foundation
import RecallTestSupport
import Testing

/// `recall parse`, run as the real built binary.
struct ParseCommandTests {
  /// Runs the built `recall` with `arguments`.
  private func recall(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let executable = try #require(TestPaths.recallExecutable, "build with `swift build` before `swift test`")
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
  }

  /// The tree of the seed note, with line:column for each block.
  @Test func treeOfSeed() throws {
    let result = try recall(["parse", TestPaths.seedNote.path])
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.first == "1:1 heading 1 \"ECS / EKS / Lambda\"")
    #expect(lines.contains("3:1 table 4 columns, 10 rows"))
    #expect(lines.contains("27:1 ordered list from 1, tight"))
    #expect(lines.last == "123:1 heading 1 \"다이어 그램\"")
  }

  /// `--json` prints the blocks with their lines, in the oracle's schema.
  @Test func jsonOfSeed() throws {
    let result = try recall(["parse", "--json", TestPaths.seedNote.path])
    #expect(result.status == 0)
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    let blocks = try #require(object?["blocks"] as? [[String: Any]])
    #expect(blocks.first?["type"] as? String == "heading")
    #expect(blocks.first?["line"] as? Int == 1)
    #expect(blocks[1]["type"] as? String == "table")
    #expect((blocks[1]["rows"] as? [[String]])?.count == 10)
  }

  /// Invalid UTF-8: a message naming the file and line, a non-zero exit, no stack trace.
  @Test func invalidUTF8() throws {
    let folder = try TestPaths.makeTemporaryFolder()
    let file = folder.appendingPathComponent("bad.md")
    try Data([0x23, 0x20, 0x61, 0x0A, 0xFF, 0x0A]).write(to: file)
    let result = try recall(["parse", file.path])
    #expect(result.status != 0)
    #expect(result.stderr.contains("bad.md:2"))
    #expect(result.stderr.contains("not valid UTF-8"))
    #expect(!result.stderr.contains("Fatal error"))
  }

  /// A missing file: a clear message and a non-zero exit.
  @Test func missingFile() throws {
    let result = try recall(["parse", "/nonexistent/note.md"])
    #expect(result.status != 0)
    #expect(result.stderr.contains("/nonexistent/note.md"))
    #expect(result.stderr.contains("does not exist"))
  }
}
