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
    var variables: [String: String?] = ["RECALL_DB": nil, "TZ": "UTC"]
    for (key, value) in environment { variables[key] = value }
    let output = try ProgramRun.recall(
      arguments + ["--db", database] + (now.map { ["--now", $0] } ?? []), input: input,
      environment: variables, currentDirectory: folder)
    return Result(status: output.status, stdout: output.standardOutput, stderr: output.standardError)
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
