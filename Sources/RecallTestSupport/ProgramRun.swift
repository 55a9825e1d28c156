import Foundation

/// What a program printed and how it ended.
public struct ProgramOutput: Sendable {
  /// The exit status (or the signal number, for a program killed by a signal).
  public var status: Int32
  /// Everything written to standard output.
  public var standardOutputData: Data
  /// Everything written to standard error, as text.
  public var standardError: String

  /// Standard output as text.
  public var standardOutput: String { String(decoding: standardOutputData, as: UTF8.self) }
}

/// Why a program could not be run.
public struct ProgramRunError: Error, CustomStringConvertible {
  /// What went wrong, as a sentence.
  public var description: String
}

/// Runs programs for end-to-end tests, the real `recall` binary above all.
///
/// Output goes to files rather than pipes, so a program that writes much to both streams can
/// never block on a full pipe while the test waits for the other one.
public enum ProgramRun {
  /// Runs `executable` with `arguments` to its end.
  ///
  /// - Parameters:
  ///   - input: Bytes given on standard input; `nil` gives an empty input (`/dev/null`).
  ///   - environment: Variables set on top of this process's environment; a `nil` value
  ///     removes the variable.
  ///   - currentDirectory: The working folder; this process's by default.
  public static func run(
    _ executable: URL, _ arguments: [String], input: Data? = nil,
    environment: [String: String?] = [:], currentDirectory: URL? = nil
  ) throws -> ProgramOutput {
    let scratch = try TestPaths.makeTemporaryFolder("recall-run")
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outURL = scratch.appendingPathComponent("stdout")
    let errURL = scratch.appendingPathComponent("stderr")
    FileManager.default.createFile(atPath: outURL.path, contents: nil)
    FileManager.default.createFile(atPath: errURL.path, contents: nil)

    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let currentDirectory { process.currentDirectoryURL = currentDirectory }
    var variables = ProcessInfo.processInfo.environment
    for (key, value) in environment { variables[key] = value }
    process.environment = variables
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    process.standardOutput = out
    process.standardError = err
    if let input {
      let inURL = scratch.appendingPathComponent("stdin")
      try input.write(to: inURL)
      process.standardInput = try FileHandle(forReadingFrom: inURL)
    } else {
      process.standardInput = FileHandle.nullDevice
    }
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    return ProgramOutput(
      status: process.terminationStatus,
      standardOutputData: try Data(contentsOf: outURL),
      standardError: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
  }

  /// Runs the built `recall` binary (build it with `swift build` before `swift test`).
  public static func recall(
    _ arguments: [String], input: String? = nil, environment: [String: String?] = [:],
    currentDirectory: URL? = nil
  ) throws -> ProgramOutput {
    guard let executable = TestPaths.recallExecutable else {
      throw ProgramRunError(
        description: "The recall binary was not found beside the tests; run `swift build` first.")
    }
    return try run(
      executable, arguments, input: input.map { Data($0.utf8) }, environment: environment,
      currentDirectory: currentDirectory)
  }

  /// Runs `program` (a path) and returns its standard output; throws if it exits non-zero.
  public static func output(of program: String, _ arguments: [String]) throws -> String {
    let result = try run(URL(fileURLWithPath: program), arguments)
    guard result.status == 0 else {
      throw ProgramRunError(
        description: "\(program) exited with status \(result.status): \(result.standardError)")
    }
    return result.standardOutput
  }
}
