import Foundation
import RecallStorage
import RecallTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Inputs that used to hang or grow without bound: a device or a FIFO given as a note is
/// refused at once, and a review of a card with a huge answer prints a bounded screen.
struct HostileInputTests {
  /// Runs `recall ARGUMENTS`, killed after `limit` seconds if it hangs.
  func run(_ recall: RecallProcess, _ arguments: [String], input: String = "", limit: Double = 20) throws
    -> (status: Int32, hung: Bool, stdout: String, stderr: String)
  {
    let executable = try #require(TestPaths.recallExecutable)
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments + ["--db", recall.database, "--now", "2026-11-25T09:00:00Z"]
    let out = recall.folder.appendingPathComponent("out-\(UUID().uuidString)")
    let err = recall.folder.appendingPathComponent("err-\(UUID().uuidString)")
    let stdin = recall.folder.appendingPathComponent("in-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    try Data(input.utf8).write(to: stdin)
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    process.standardInput = try FileHandle(forReadingFrom: stdin)
    try process.run()
    let deadline = Date().addingTimeInterval(limit)
    while process.isRunning && Date() < deadline { usleep(10_000) }
    let hung = process.isRunning
    if hung { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    return (
      process.terminationStatus, hung, try String(contentsOf: out, encoding: .utf8),
      try String(contentsOf: err, encoding: .utf8)
    )
  }

  @Test func devZeroAndAFIFOAreRefusedAtOnceSayingWhy() throws {
    let recall = try RecallProcess("recall-hostile")
    let fifo = recall.folder.appendingPathComponent("notes.md").path
    #expect(mkfifo(fifo, 0o600) == 0)
    for path in ["/dev/zero", fifo] {
      let result = try run(recall, ["import", path])
      #expect(!result.hung, "import \(path) hung")
      #expect(result.status == 1)
      #expect((result.stdout + result.stderr).contains("This is not a regular file"), "\(result)")
    }
  }

  @Test func aReviewOfACardWithAHugeAnswerPrintsABoundedScreen() throws {
    let recall = try RecallProcess("recall-hostile")
    let note = recall.folder.appendingPathComponent("huge.md")
    let paragraph = String(repeating: "alpha beta gamma delta ", count: 90_000)  // about 2 MB
    try "# Huge\n\n## One paragraph\n\n\(paragraph)\n".write(to: note, atomically: true, encoding: .utf8)
    let imported = try run(recall, ["import", note.path])
    #expect(imported.status == 0, "\(imported.stderr)")
    // Something typed to the flip card, then the answer shown.
    let review = try run(recall, ["review"], input: "alpha\n\n", limit: 60)
    #expect(!review.hung)
    #expect(review.status == 0, "\(review.stderr)")
    // The rest of the paragraph is the card's detail, cut on the screen with a note of how much
    // more there is (the note may wrap onto the next line).
    let unwrapped = review.stdout.replacingOccurrences(of: "\n", with: " ")
    #expect(unwrapped.contains("MB more in the note"), "\(review.stdout.suffix(2000))")
    #expect(review.stdout.utf8.count < 100_000, "\(review.stdout.utf8.count) bytes printed")
    #expect(try recall.store().reviewCount() >= 1, "\(review.stdout.suffix(600))")
  }
}
