import Foundation
import RecallStorage
import RecallTerminal
import RecallTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The interactive review driven in a pseudo-terminal (tmux): keys in, screen out. Covers
/// the keys (with a Korean layout too), undo, kill -9 mid-session, Ctrl-C restoring the
/// terminal, NO_COLOR, Korean text widths, resizing and the editor.
@Suite(.serialized)
struct InteractiveReviewTests {
  /// A tmux server of its own, with one 80×24 window running a command.
  final class Pane {
    let socket = "recall-test-\(UUID().uuidString.prefix(8))"
    let recall: RecallProcess
    let pidFile: URL

    init(_ recall: RecallProcess, arguments: [String], environment: [String: String] = [:], wrap: String? = nil)
      throws
    {
      self.recall = recall
      pidFile = recall.folder.appendingPathComponent("recall.pid")
      let executable = try #require(TestPaths.recallExecutable)
      let env = (["TZ": "UTC", "TERM": "xterm-256color"].merging(environment) { $1 })
        .map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
      // `swift test` may set NO_COLOR for its children; the panes start without it.
      let recallCommand =
        "-u NO_COLOR \(env) '\(executable.path)' " + arguments.map { "'\($0)'" }.joined(separator: " ")
        + " --db '\(recall.database)'"
      let script =
        wrap.map { $0.replacingOccurrences(of: "RECALL", with: "env " + recallCommand) }
        ?? "echo $$ > '\(pidFile.path)'; exec env \(recallCommand)"
      try tmux(["new-session", "-d", "-x", "80", "-y", "24", "sh", "-c", script])
      try tmux(["set-option", "-g", "remain-on-exit", "on"])
    }

    deinit {
      close()
    }

    /// Ends the pane's session and server (the recall in it gets SIGHUP and restores).
    func close() {
      _ = try? tmux(["kill-session", "-t", "0"])
      _ = try? tmux(["kill-server"])
      try? FileManager.default.removeItem(atPath: "/tmp/tmux-\(getuid())/\(socket)")
    }

    /// Runs tmux on this pane's server and returns what it printed.
    ///
    /// Started with `posix_spawn` and reaped with `waitpid`: the tmux server that
    /// `new-session` starts inherits the client's descriptors, which keeps Foundation's
    /// `Process` from ever seeing the client end.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
      let file = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString)")
      defer { try? FileManager.default.removeItem(at: file) }
      let argv = ["tmux", "-L", socket, "-f", "/dev/null"] + arguments
      var actions = posix_spawn_file_actions_t()
      posix_spawn_file_actions_init(&actions)
      defer { posix_spawn_file_actions_destroy(&actions) }
      posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
      posix_spawn_file_actions_addopen(&actions, 1, file.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
      posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
      var cArguments = argv.map { strdup($0) } + [nil]
      defer { for pointer in cArguments { free(pointer) } }
      var pid: pid_t = 0
      let status = posix_spawnp(&pid, "tmux", &actions, nil, &cArguments, environ)
      guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EIO) }
      var exit: Int32 = 0
      while waitpid(pid, &exit, 0) < 0 && errno == EINTR {}
      return (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    }

    /// The screen's text (with escape sequences when `escapes`).
    func screen(escapes: Bool = false) throws -> String {
      try tmux(["capture-pane", "-p"] + (escapes ? ["-e"] : []) + ["-t", "0"])
    }

    /// Waits until the screen shows `text`; fails after a few seconds.
    @discardableResult
    func wait(for text: String, timeout: Double = 10) throws -> String {
      let deadline = Date().addingTimeInterval(timeout)
      var last = ""
      while Date() < deadline {
        last = try screen()
        if last.contains(text) { return last }
        usleep(30_000)
      }
      Issue.record("the screen never showed '\(text)'; it showed:\n\(last)")
      return last
    }

    /// Sends keys as they are (`-l`) or by name (`Enter`, `C-c`).
    func send(_ keys: String, literal: Bool = true) throws {
      try tmux(["send-keys", "-t", "0"] + (literal ? ["-l", keys] : [keys]))
    }

    /// Answers the card shown, whatever its quiz, and goes on to the next.
    func answerCard() throws {
      let shown = try wait(for: "[")
      if shown.contains("choose 1-") {
        try send("1")
        try wait(for: "source ")
        try send(" ")
      } else if shown.contains("press space to show") {
        try send(" ")
        try wait(for: "space good")
        try send("3")
      } else {
        try send("abc")
        try send("Enter", literal: false)
        try wait(for: "source ")
        try send(" ")
      }
      usleep(100_000)
    }

    /// The recall process's id.
    func pid() throws -> pid_t {
      let text = try String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
      return try #require(pid_t(text))
    }
  }

  /// Whether tmux is installed (CI installs it).
  static var hasTmux: Bool {
    FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")
      || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/tmux")
  }

  @Test(.enabled(if: hasTmux)) func keysAnswerUndoWithAKoreanLayoutAndQuit() throws {
    let recall = try RecallProcess("recall-tty")
    let pane = try Pane(recall, arguments: ["--now", "2026-11-25T09:00:00Z", "--limit", "5"])
    let first = try pane.wait(for: "choose 1-")
    #expect(first.contains("[1/5]"))
    #expect(first.contains("u undo"))
    try pane.send("2")
    let feedback = try pane.wait(for: "source ")
    #expect(feedback.contains("✓ right") || feedback.contains("✗ wrong"))
    #expect(feedback.contains("answer  "))
    #expect(feedback.contains("next "))
    #expect(feedback.contains("ecs-eks-lambda.md:"))
    #expect(try recall.store().reviewCount() == 1, "committed the moment it is given")
    // Change the grade with one key: the first review is undone and a new one counts.
    try pane.send("4")
    let regraded = try pane.wait(for: "grade easy")
    // Easy takes the card out of today's session: the header still shows it as the first of 5,
    // not as one more to come.
    #expect(regraded.contains("[1/5]"))
    #expect(try recall.store().reviews().map(\.rating) == [4])
    try pane.send(" ")
    try pane.wait(for: "[2/5]")
    // ㅕ is u on a Korean layout: undo goes back to the first card.
    try pane.send("ㅕ")
    try pane.wait(for: "[1/5]")
    #expect(try recall.store().reviews().isEmpty)
    #expect(try recall.store().reviews(includingUndone: true).count == 2)
    try pane.send("?")
    try pane.wait(for: "Press any key to go back.")
    try pane.send("x")
    try pane.wait(for: "[1/5]")
    try pane.send("ㅂ")  // q on a Korean layout
    let end = try pane.wait(for: "Done:")
    #expect(end.contains("Due tomorrow:"))
  }

  @Test(.enabled(if: hasTmux)) func killNineMidSessionLosesNoAnswer() throws {
    let recall = try RecallProcess("recall-tty")
    let pane = try Pane(recall, arguments: ["--now", "2026-11-25T09:00:00Z"])
    for _ in 0..<4 { try pane.answerCard() }
    try pane.wait(for: "[5/")
    let answered = try recall.store().reviewCount()
    kill(try pane.pid(), SIGKILL)
    usleep(200_000)
    let store = try recall.store()
    #expect(answered == 4)
    #expect(try store.reviews().count == 4, "every answered card is in the review log")
    #expect(Set(try store.reviews().map(\.cardID)).count == 4)
  }

  @Test(.enabled(if: hasTmux)) func ctrlCAndQRestoreTheTerminalSettings() throws {
    let recall = try RecallProcess("recall-tty")
    let before = recall.folder.appendingPathComponent("stty-before")
    let after = recall.folder.appendingPathComponent("stty-after")
    let pane = try Pane(
      recall, arguments: ["--now", "2026-11-25T09:00:00Z"],
      wrap: "stty -g > '\(before.path)'; RECALL; stty -g > '\(after.path)'; echo FINISHED")
    try pane.wait(for: "[1/")
    try pane.send("C-c", literal: false)
    try pane.wait(for: "FINISHED")
    let saved = try String(contentsOf: before, encoding: .utf8)
    #expect(!saved.isEmpty)
    #expect(try String(contentsOf: after, encoding: .utf8) == saved)
  }

  @Test(.enabled(if: hasTmux)) func colorOnlyWithoutNoColor() throws {
    let colored = try Pane(try RecallProcess("recall-tty"), arguments: ["--now", "2026-11-25T09:00:00Z"])
    try colored.wait(for: "[1/")
    let colorScreen = try colored.screen(escapes: true)
    #expect(colorScreen.contains("\u{1B}["), "\(colorScreen.debugDescription)")
    let plain = try Pane(
      try RecallProcess("recall-tty"), arguments: ["--now", "2026-11-25T09:00:00Z"],
      environment: ["NO_COLOR": "1"])
    try plain.wait(for: "[1/")
    let escaped = try plain.screen(escapes: true)
    #expect(!escaped.contains("\u{1B}[3"), "no color codes under NO_COLOR")
    #expect(!escaped.contains("\u{1B}[1m"))
  }

  @Test(.enabled(if: hasTmux)) func koreanCardsAreLaidOutByDisplayWidthAndRedrawnOnResize() throws {
    let pane = try Pane(try RecallProcess("recall-tty"), arguments: ["--now", "2026-11-25T09:00:00Z"])
    let screen = try pane.wait(for: "방향성?")
    let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines.allSatisfy { DisplayWidth.of($0) <= 80 })
    let header = try #require(lines.first)
    #expect(DisplayWidth.of(header) == 80, "the counts end at the right edge: \(header)")
    #expect(lines.dropFirst().first == String(repeating: "─", count: 80))
    // A wrapped Korean choice continues under its text, not at the left edge.
    if let wrapped = lines.firstIndex(where: { $0.hasPrefix("  3) ") }), lines.count > wrapped + 1,
      !lines[wrapped + 1].isEmpty, !lines[wrapped + 1].hasPrefix("  ")
    {
      Issue.record("a wrapped choice line starts at the edge: \(lines[wrapped + 1])")
    }
    try pane.tmux(["resize-window", "-t", "0", "-x", "50", "-y", "20"])
    // tmux cuts the old screen to 50 columns before Recall redraws; only a redraw puts the
    // header's counts (its last word) at the new right edge.
    let counts = String(header.split(separator: " ").last ?? "")
    var narrow = ""
    for _ in 0..<200 {
      narrow = try pane.screen()
      let top = narrow.split(separator: "\n").first.map(String.init) ?? ""
      if top.hasSuffix(counts) && DisplayWidth.of(top) == 50 { break }
      usleep(30_000)
    }
    let narrowLines = narrow.split(separator: "\n").map(String.init)
    let narrowHeader = narrowLines.first ?? ""
    #expect(
      narrowHeader.hasSuffix(counts) && DisplayWidth.of(narrowHeader) == 50,
      "the header is redrawn with its counts at the new right edge: \(narrowHeader)")
    #expect(narrowLines.dropFirst().first == String(repeating: "─", count: 50), "redrawn at 50 columns")
    #expect(narrowLines.allSatisfy { DisplayWidth.of($0) <= 50 }, "\(narrowLines.filter { DisplayWidth.of($0) > 50 })")
    #expect(!narrowLines.contains(String(repeating: "─", count: 80)))
  }

  @Test(.enabled(if: hasTmux)) func eOpensTheNoteInTheEditorAtTheCardsLine() throws {
    let recall = try RecallProcess("recall-tty")
    let notes = recall.folder.appendingPathComponent("notes")
    try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: TestPaths.seedNote, to: notes.appendingPathComponent("ecs.md"))
    _ = try recall.run(["import", notes.path], now: "2026-11-25T08:00:00Z")
    let editor = recall.folder.appendingPathComponent("editor.sh")
    let log = recall.folder.appendingPathComponent("editor.log")
    try "#!/bin/sh\necho \"$@\" > '\(log.path)'\n".write(to: editor, atomically: true, encoding: .utf8)
    chmod(editor.path, 0o755)
    let pane = try Pane(recall, arguments: ["--now", "2026-11-25T09:00:00Z"], environment: ["EDITOR": editor.path])
    try pane.wait(for: "[1/")
    try pane.send("ㄷ")  // e on a Korean layout
    try pane.wait(for: "Import the note again")
    let arguments = try String(contentsOf: log, encoding: .utf8)
    #expect(arguments.hasPrefix("+"))
    #expect(arguments.contains(notes.appendingPathComponent("ecs.md").path))
    let line = try #require(Int(arguments.dropFirst().prefix { $0.isNumber }))
    #expect(line >= 1)
    try pane.wait(for: "[1/")
    try pane.send("q")
    try pane.wait(for: "Done:")
  }
}
