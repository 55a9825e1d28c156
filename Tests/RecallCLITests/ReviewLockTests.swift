import Foundation
import RecallStorage
import RecallTestSupport
import Testing

/// A review whose answers come while another process holds the database's write lock for
/// longer than the busy timeout (30 s) waits, says so, and saves every answer when the lock
/// frees: no answer is dropped, and the review does not exit with one unsaved.
struct ReviewLockTests {
  /// Whether the sqlite3 shell is installed (CI installs it): it holds the lock.
  static var hasSQLite3: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") }

  @Test(.enabled(if: hasSQLite3, "needs the sqlite3 shell"))
  func answersGivenWhileAnotherProcessHoldsTheLockFor40SecondsAreAllSaved() throws {
    let recall = try RecallProcess("recall-lock")
    let first = try recall.run(["--limit", "1"], now: "2026-11-25T09:00:00Z", input: "good\n")
    #expect(first.status == 0, "\(first.stderr)")

    // Another connection takes the write lock, as an import does for its whole run.
    let holder = Process()
    holder.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    holder.arguments = [recall.database]
    let holderInput = Pipe()
    let holderOutput = Pipe()
    holder.standardInput = holderInput
    holder.standardOutput = holderOutput
    holder.standardError = FileHandle.nullDevice
    try holder.run()
    holderInput.fileHandleForWriting.write(Data("BEGIN IMMEDIATE;\nSELECT 'locked';\n".utf8))
    var said = Data()
    while !String(decoding: said, as: UTF8.self).contains("locked") {
      let chunk = holderOutput.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      said += chunk
    }
    #expect(String(decoding: said, as: UTF8.self).contains("locked"))
    let lockedAt = Date()

    // The review answers two cards at once, while the lock is held.
    let executable = try #require(TestPaths.recallExecutable)
    let review = Process()
    review.executableURL = executable
    review.arguments = ["review", "--limit", "2", "--db", recall.database, "--now", "2026-11-25T10:00:00Z"]
    let errors = recall.folder.appendingPathComponent("review.stderr")
    _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
    let input = recall.folder.appendingPathComponent("review.stdin")
    try Data("good\ngood\n".utf8).write(to: input)
    review.standardInput = try FileHandle(forReadingFrom: input)
    review.standardOutput = FileHandle.nullDevice
    review.standardError = try FileHandle(forWritingTo: errors)
    try review.run()

    // Held for 40 s: longer than the busy timeout, after which the review used to give up.
    Thread.sleep(forTimeInterval: 40 - Date().timeIntervalSince(lockedAt))
    #expect(review.isRunning, "the review waits for the lock instead of exiting")
    let waiting = try String(contentsOf: errors, encoding: .utf8)
    #expect(waiting.contains("Waiting for another recall to finish writing"), "\(waiting)")
    #expect(try recall.store().reviewCount() == 1, "nothing saved while the lock is held")

    holderInput.fileHandleForWriting.write(Data("COMMIT;\n.quit\n".utf8))
    try holderInput.fileHandleForWriting.close()
    holder.waitUntilExit()
    review.waitUntilExit()
    let stderr = try String(contentsOf: errors, encoding: .utf8)
    #expect(review.terminationStatus == 0, "\(stderr)")
    #expect(try recall.store().reviewCount() == 3, "both answers given during the lock are saved")
  }
}
