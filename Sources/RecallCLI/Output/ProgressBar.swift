import Foundation
import Synchronization
import RecallTerminal

/// A progress bar on standard error, shown only on a terminal and only once the work has taken
/// longer than a moment (a quarter of a second; `RECALL_PROGRESS_DELAY_MS` sets another, so
/// that tests see the bar on imports of any speed).
final class ProgressBar: Sendable {
  /// What the bar has shown so far.
  private struct State {
    var shown = false
    var lastDrawn = -1
  }

  private let label: String
  private let start = DispatchTime.now().uptimeNanoseconds
  private let enabled: Bool
  private let delayNanoseconds: UInt64
  private let state = Mutex(State())

  /// A bar labelled `label`, enabled when standard error is a terminal (and `TERM` is not
  /// `dumb`).
  init(label: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
    self.label = label
    enabled = isatty(STDERR_FILENO) == 1 && environment["TERM"] != "dumb"
    let milliseconds = environment["RECALL_PROGRESS_DELAY_MS"].flatMap { UInt64($0) } ?? 250
    delayNanoseconds = milliseconds * 1_000_000
  }

  /// Shows `done` of `total`, if the work has taken longer than a moment.
  func update(done: Int, total: Int) {
    guard enabled, total > 0 else { return }
    let elapsed = DispatchTime.now().uptimeNanoseconds - start
    guard elapsed >= delayNanoseconds else { return }
    let width = 30
    let filled = min(width, done * width / total)
    state.withLock { state in
      guard filled != state.lastDrawn || done == total else { return }
      state.lastDrawn = filled
      state.shown = true
      let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
      SafeOutput.writeRendered("\r\(label) [\(bar)] \(done)/\(total)", to: .standardError)
    }
  }

  /// Clears the bar, if it was shown.
  func finish() {
    state.withLock { state in
      if state.shown { SafeOutput.writeRendered("\r\u{1B}[2K", to: .standardError) }
      state.shown = false
    }
  }
}
