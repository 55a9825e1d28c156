import ArgumentParser
import Foundation
import RecallStats
import RecallStorage
import RecallTerminal

/// What commands write besides their reports: files, warnings and errors, every line through
/// ``SafeOutput``.
enum CommandOutput {
  /// Writes `data` to `path` atomically (a temporary file renamed into place).
  static func write(_ data: Data, to path: String) throws(StatsError) {
    do {
      try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw .cannotWrite(path: path, reason: FileErrorReason.text(of: error))
    }
  }

  /// Prints warnings on standard error, each as one line `warning: …`.
  static func warn(_ warnings: [String]) {
    for warning in warnings {
      SafeOutput.write("warning: \(SafeText.inline(warning))\n", to: .standardError)
    }
  }

  /// Prints the error's message on standard error as one line `Error: …`, as the argument
  /// parser prints its own; a newline inside it (a file name's) shows as `^J`.
  static func report(_ error: any Error) {
    SafeOutput.write("Error: \(SafeText.inline(String(describing: error)))\n", to: .standardError)
  }

  /// Reports `error` and gives the exit code 1.
  static func fail(_ error: any Error) -> ExitCode {
    report(error)
    return ExitCode(1)
  }
}

extension RecallCommand {
  /// Ends the program as the argument parser's `exit(withError:)` does, with the same texts and
  /// exit codes, every line written through ``SafeOutput``: help on standard output, errors on
  /// standard error. Recall's own errors are one line each (``CommandOutput/report(_:)``); the
  /// argument parser's keep their usage lines.
  public static func exitSafely(withError error: any Error) -> Never {
    let code = exitCode(for: error)
    if String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") {
      let text = fullMessage(for: error)
      if !text.isEmpty {
        SafeOutput.write(text + "\n", to: code == .success ? .standardOutput : .standardError)
      }
    } else {
      CommandOutput.report(error)
    }
    Foundation.exit(code.rawValue)
  }
}
