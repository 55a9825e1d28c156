import Foundation
import RecallScheduling
import RecallStorage
import RecallTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A first import killed at any moment, including its first milliseconds while the new database
/// is being created, leaves no database (it is built under a temporary name, which a kill leaves
/// behind) or one that the next command opens, with every note.
///
/// `swift test` kills 25 imports; the full soak kills 200:
/// `RECALL_KILL_RUNS=200 swift test --filter ImportKillTests` (another seed: `RECALL_KILL_SEED=7`).
@Suite(.serialized)
struct ImportKillTests {
  /// How many imports to kill.
  private let runs = ProcessInfo.processInfo.environment["RECALL_KILL_RUNS"].flatMap(Int.init) ?? 25
  /// The seed of the kill moments.
  private let seed = ProcessInfo.processInfo.environment["RECALL_KILL_SEED"].flatMap(UInt64.init) ?? 14

  /// Starts `recall import NOTES --db DATABASE`, its output discarded.
  private func startImport(_ notes: URL, database: String) throws -> Process {
    let process = Process()
    process.executableURL = try #require(TestPaths.recallExecutable, "build the recall executable first")
    process.arguments = ["import", notes.path, "--db", database]
    var environment = ProcessInfo.processInfo.environment
    environment.removeValue(forKey: "RECALL_DB")
    process.environment = environment
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    return process
  }

  /// `count` small notes under `folder/notes`.
  private func writeNotes(in folder: URL, count: Int) throws -> URL {
    let notes = folder.appendingPathComponent("notes")
    let seed = try String(contentsOf: TestPaths.seedNote, encoding: .utf8)
    for index in 0..<count {
      let sub = notes.appendingPathComponent("part\(index % 4)")
      try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
      try seed.replacingOccurrences(of: "# User Flow - ECS", with: "# User Flow - ECS \(index)")
        .write(to: sub.appendingPathComponent("note-\(index).md"), atomically: false, encoding: .utf8)
    }
    return notes
  }

  @Test func aFirstImportKilledAtAnyMomentLeavesADatabaseTheNextCommandOpens() throws {
    let folder = try TestPaths.makeTemporaryFolder("recall-import-kill")
    let notes = try writeNotes(in: folder, count: 12)
    // How long a whole import takes here: the kills land anywhere in it.
    let timing = folder.appendingPathComponent("timing.sqlite").path
    let start = Date()
    let whole = try startImport(notes, database: timing)
    whole.waitUntilExit()
    #expect(whole.terminationStatus == 0)
    let seconds = Date().timeIntervalSince(start)
    let complete = try Store.open(at: timing)
    let (wholeNotes, wholeCards) = (try complete.notes().count, try complete.cards().count)

    var random = SeededGenerator(seed: seed)
    var outcomes = (whole: 0, noFile: 0)
    let data = folder.appendingPathComponent("data")
    let database = data.appendingPathComponent("recall.sqlite").path
    /// The files in the database's folder: the database, or the one it is built in.
    func databaseFiles() -> [String] { (try? FileManager.default.contentsOfDirectory(atPath: data.path)) ?? [] }
    for run in 0..<runs {
      try? FileManager.default.removeItem(at: data)
      // Half the kills within the first 50 ms of the database's first file (while it is created
      // and set up), the rest anywhere in the import.
      let nearCreation = run.isMultiple(of: 2)
      let delay =
        nearCreation
        ? Double.random(in: 0..<0.05, using: &random) : Double.random(in: 0..<seconds, using: &random)
      let process = try startImport(notes, database: database)
      if nearCreation {
        while process.isRunning && databaseFiles().isEmpty {
          Thread.sleep(forTimeInterval: 0.0005)
        }
      }
      Thread.sleep(forTimeInterval: delay)
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      guard FileManager.default.fileExists(atPath: database) else {
        outcomes.noFile += 1
        continue
      }
      // What the next command does: open the file (or take a snapshot of it, for a dry run).
      let label = "run \(run), killed \(Int(delay * 1000)) ms after \(nearCreation ? "the file appeared" : "the start")"
      do {
        _ = try Store.snapshot(of: database)
        let store = try Store.open(at: database)
        #expect(!store.isReadOnly, "\(label)")
        let (notes, cards) = (try store.notes().count, try store.cards().count)
        #expect((notes, cards) == (wholeNotes, wholeCards), "\(label)")
        outcomes.whole += 1
      } catch {
        Issue.record("\(label): \(error)")
      }
    }
    print(
      "ImportKillTests: \(runs) kills (seed \(seed)): \(outcomes.noFile) before the database took its name, "
        + "\(outcomes.whole) whole")
  }
}
