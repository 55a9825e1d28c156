import Foundation
import RecallStorage
import RecallTestSupport
import Testing

/// Runs the real `recall` binary for the review, config and optimize tests.
struct RecallProcess {
  /// What a run printed and how it ended.
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String

    /// The standard output's lines that are JSON objects, decoded.
    var events: [[String: Any]] {
      stdout.split(separator: "\n").compactMap { line in
        guard line.hasPrefix("{"),
          let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        else { return nil }
        return object
      }
    }

    /// The events named `name`.
    func events(_ name: String) -> [[String: Any]] {
      events.filter { $0["event"] as? String == name }
    }
  }

  /// A scratch folder with a database path inside it.
  let folder: URL
  /// The database the runs use.
  var database: String { folder.appendingPathComponent("recall.sqlite").path }

  /// Creates a scratch folder.
  init(_ label: String = "recall-review-cli") throws {
    folder = try TestPaths.makeTemporaryFolder(label)
  }

  /// Runs `recall ARGUMENTS --db DATABASE [--now NOW]` with `input` on standard input.
  @discardableResult
  func run(
    _ arguments: [String], now: String? = nil, input: String = "", environment: [String: String] = [:]
  ) throws -> Result {
    let executable = try #require(TestPaths.recallExecutable, "build the recall executable first")
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments + ["--db", database] + (now.map { ["--now", $0] } ?? [])
    process.currentDirectoryURL = folder
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "RECALL_DB")
    env["TZ"] = "UTC"
    env.merge(environment) { $1 }
    process.environment = env
    let id = UUID().uuidString
    let inputFile = folder.appendingPathComponent("stdin-\(id)")
    let out = folder.appendingPathComponent("stdout-\(id)")
    let err = folder.appendingPathComponent("stderr-\(id)")
    try Data(input.utf8).write(to: inputFile)
    FileManager.default.createFile(atPath: out.path, contents: nil)
    FileManager.default.createFile(atPath: err.path, contents: nil)
    process.standardInput = try FileHandle(forReadingFrom: inputFile)
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    try process.run()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus,
      stdout: try String(contentsOf: out, encoding: .utf8),
      stderr: try String(contentsOf: err, encoding: .utf8))
  }

  /// The store, opened afresh.
  func store() throws -> Store {
    try Store.open(at: database)
  }
}

extension Dictionary where Key == String, Value == Any {
  /// The integer field `key`.
  func int(_ key: String) -> Int? { (self[key] as? NSNumber)?.intValue }
  /// The string field `key`.
  func string(_ key: String) -> String? { self[key] as? String }
}
