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
  /// A tmux server of its own, with one window (80×24 unless told) running a command.
  final class Pane {
    let socket = "recall-test-\(UUID().uuidString.prefix(8))"
    let recall: RecallProcess
    let pidFile: URL

    init(
      _ recall: RecallProcess, arguments: [String], environment: [String: String] = [:], wrap: String? = nil,
      width: Int = 80, height: Int = 24
    ) throws {
      self.recall = recall
      pidFile = recall.folder.appendingPathComponent("recall.pid")
      let executable = try #require(TestPaths.recallExecutable)
      let env = (["TZ": "UTC", "TERM": "xterm-256color", "RECALL_TEST_FRAME_TITLES": "1"].merging(environment) { $1 })
        .map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
      // `swift test` may set NO_COLOR for its children; the panes start without it.
      let recallCommand =
        "-u NO_COLOR \(env) '\(executable.path)' " + arguments.map { "'\($0)'" }.joined(separator: " ")
        + " --db '\(recall.database)'"
      let script =
        wrap.map { $0.replacingOccurrences(of: "RECALL", with: "env " + recallCommand) }
        ?? "echo $$ > '\(pidFile.path)'; exec env \(recallCommand)"
      try tmux(["new-session", "-d", "-x", "\(width)", "-y", "\(height)", "sh", "-c", script])
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

    /// The number of the last frame Recall drew (0 before the first): Recall ends each frame
    /// by setting the title to `recall-frame-N` (`RECALL_TEST_FRAME_TITLES=1`), and tmux takes
    /// output in order, so once the title says N, the screen holds frame N whole.
    func frame() throws -> Int {
      let title = try tmux(["display-message", "-p", "-t", "0", "#{pane_title}"])
        .trimmingCharacters(in: .whitespacesAndNewlines)
      guard title.hasPrefix("recall-frame-") else { return 0 }
      return Int(title.dropFirst("recall-frame-".count)) ?? 0
    }

    /// Waits until Recall has drawn a frame after `frame`; returns the screen then. Fails
    /// after `timeout` seconds.
    @discardableResult
    func redrawn(after frame: Int, timeout: Double = 10) throws -> String {
      let deadline = Date().addingTimeInterval(timeout)
      while Date() < deadline {
        if try self.frame() > frame { return try screen() }
        usleep(20_000)
      }
      let last = try screen()
      Issue.record("Recall drew no frame after frame \(frame); the screen shows:\n\(last)")
      return last
    }

    /// Sends keys and returns the screen of the frame Recall draws in answer.
    @discardableResult
    func press(_ keys: String, literal: Bool = true) throws -> String {
      let before = try frame()
      try send(keys, literal: literal)
      return try redrawn(after: before)
    }

    /// Waits until the program in the pane has ended (the pane stays, dead); returns the
    /// screen then.
    @discardableResult
    func ended(timeout: Double = 10) throws -> String {
      let deadline = Date().addingTimeInterval(timeout)
      while Date() < deadline {
        if try tmux(["display-message", "-p", "-t", "0", "#{pane_dead}"]).hasPrefix("1") { return try screen() }
        usleep(20_000)
      }
      let last = try screen()
      Issue.record("the program in the pane never ended; the screen shows:\n\(last)")
      return last
    }

    /// Waits until the terminal's foreground program is no longer Recall (an editor took
    /// it); returns that program's name.
    @discardableResult
    func foregroundLeavesRecall(timeout: Double = 10) throws -> String {
      let deadline = Date().addingTimeInterval(timeout)
      var command = ""
      while Date() < deadline {
        command = try tmux(["display-message", "-p", "-t", "0", "#{pane_current_command}"])
          .trimmingCharacters(in: .whitespacesAndNewlines)
        if !command.isEmpty && command != "recall" && command != "sh" { return command }
        usleep(20_000)
      }
      Issue.record("no other program took the terminal; the foreground is \(command)")
      return command
    }

    /// Sends keys as they are (`-l`) or by name (`Enter`, `C-c`).
    func send(_ keys: String, literal: Bool = true) throws {
      try tmux(["send-keys", "-t", "0"] + (literal ? ["-l", keys] : [keys]))
    }

    /// Answers the card shown (the last frame), whatever its quiz, and goes on to the next.
    func answerCard() throws {
      let shown = try screen()
      if shown.contains("choose 1-") {
        #expect(try press("1").contains("source "))
        try press(" ")
      } else if shown.contains("press space to show") {
        #expect(try press(" ").contains("space good"))
        try press("3")
      } else {
        try send("abc")
        #expect(try press("Enter", literal: false).contains("source "))
        try press(" ")
      }
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
    let first = try pane.redrawn(after: 0)
    #expect(first.contains("choose 1-"))
    #expect(first.contains("0 done · 5 left"))
    // The first run's import is said on the first card, not only after the session.
    #expect(first.contains("First run: imported 100 cards"), "\(first)")
    #expect(first.contains("u undo"))
    let feedback = try pane.press("2")
    #expect(feedback.contains("source "))
    #expect(feedback.contains("✓ right") || feedback.contains("✗ wrong"))
    #expect(feedback.contains("answer  "))
    #expect(feedback.contains("next "))
    #expect(feedback.contains("ecs-eks-lambda.md:"))
    #expect(try recall.store().reviewCount() == 1, "committed the moment it is given")
    // Change the grade with one key: the first review is undone and a new one counts.
    let regraded = try pane.press("4")
    #expect(regraded.contains("grade easy"))
    // Easy takes the card out of today's session: the header counts it as done, not as one
    // more to come.
    #expect(regraded.contains("1 done · 4 left"))
    #expect(try recall.store().reviews().map(\.rating) == [4])
    #expect(try pane.press(" ").contains("1 done · 4 left"))
    // ㅕ is u on a Korean layout: undo goes back to the first card.
    #expect(try pane.press("ㅕ").contains("0 done · 5 left"))
    #expect(try recall.store().reviews().isEmpty)
    #expect(try recall.store().reviews(includingUndone: true).count == 2)
    #expect(try pane.press("?").contains("Press any key to go back."))
    #expect(try pane.press("x").contains("0 done · 5 left"))
    try pane.send("ㅂ")  // q on a Korean layout
    let end = try pane.ended()
    #expect(end.contains("Done:"))
    #expect(end.contains("Due tomorrow:"))
  }

  @Test(.enabled(if: hasTmux)) func killNineMidSessionLosesNoAnswer() throws {
    let recall = try RecallProcess("recall-tty")
    let pane = try Pane(recall, arguments: ["--now", "2026-11-25T09:00:00Z"])
    try pane.redrawn(after: 0)
    for _ in 0..<4 { try pane.answerCard() }
    #expect(try pane.screen().contains("4 done · "))
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
    #expect(try pane.redrawn(after: 0).contains("0 done · "))
    try pane.send("C-c", literal: false)
    #expect(try pane.ended().contains("FINISHED"))
    let saved = try String(contentsOf: before, encoding: .utf8)
    #expect(!saved.isEmpty)
    #expect(try String(contentsOf: after, encoding: .utf8) == saved)
  }

  @Test(.enabled(if: hasTmux)) func colorOnlyWithoutNoColor() throws {
    let colored = try Pane(try RecallProcess("recall-tty"), arguments: ["--now", "2026-11-25T09:00:00Z"])
    #expect(try colored.redrawn(after: 0).contains("0 done · "))
    let colorScreen = try colored.screen(escapes: true)
    #expect(colorScreen.contains("\u{1B}["), "\(colorScreen.debugDescription)")
    let plain = try Pane(
      try RecallProcess("recall-tty"), arguments: ["--now", "2026-11-25T09:00:00Z"],
      environment: ["NO_COLOR": "1"])
    #expect(try plain.redrawn(after: 0).contains("0 done · "))
    let escaped = try plain.screen(escapes: true)
    #expect(!escaped.contains("\u{1B}[3"), "no color codes under NO_COLOR")
    #expect(!escaped.contains("\u{1B}[1m"))
  }

  @Test(.enabled(if: hasTmux)) func koreanCardsAreLaidOutByDisplayWidthAndRedrawnOnResize() throws {
    let pane = try Pane(try RecallProcess("recall-tty"), arguments: ["--now", "2026-11-25T09:00:00Z"])
    let screen = try pane.redrawn(after: 0)
    #expect(screen.contains("방향성?"))
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
    let before = try pane.frame()
    try pane.tmux(["resize-window", "-t", "0", "-x", "50", "-y", "20"])
    // tmux cuts the old screen to 50 columns before Recall redraws; only a redraw puts the
    // header's counts (its last word) at the new right edge.
    let counts = String(header.split(separator: " ").last ?? "")
    let narrow = try pane.redrawn(after: before)
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
    #expect(try pane.redrawn(after: 0).contains("0 done · "))
    let back = try pane.press("ㄷ")  // e on a Korean layout
    #expect(back.contains("0 done · "))
    #expect(back.contains("Imported the note again; this card reads as before."), "\(back)")
    let arguments = try String(contentsOf: log, encoding: .utf8)
    #expect(arguments.hasPrefix("+"))
    #expect(arguments.contains(notes.appendingPathComponent("ecs.md").path))
    let line = try #require(Int(arguments.dropFirst().prefix { $0.isNumber }))
    #expect(line >= 1)
    try pane.send("q")
    #expect(try pane.ended().contains("Done:"))
  }

  /// Whether `vi` is installed (CI installs vim-tiny).
  static var hasVi: Bool {
    hasTmux
      && ["/usr/bin/vi", "/bin/vi", "/usr/local/bin/vi"].contains { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// A database with one note of one card, asked as a typed answer: "Capitals › France?",
  /// answered "The capital of France is Paris."
  static func capitalsNote(_ recall: RecallProcess) throws -> URL {
    let note = recall.folder.appendingPathComponent("capitals.md")
    try "# Capitals\n\n## France\n\nThe capital of France is Paris.\n".write(
      to: note, atomically: true, encoding: .utf8)
    let run = try recall.run(["import", note.path], now: "2026-11-25T08:00:00Z")
    #expect(run.status == 0, "\(run.stderr)")
    return note
  }

  /// `e` hands the terminal to a real vi (the fallback when neither VISUAL nor EDITOR is
  /// set): vi is the terminal's foreground job (before, it was stopped in the background and
  /// the review froze), the edit is saved, the note is imported again at once and the review
  /// goes on with the card as it now reads.
  @Test(.enabled(if: hasVi)) func eEditsTheNoteInViAndTheReviewGoesOnWithTheChangedCard() throws {
    let recall = try RecallProcess("recall-tty")
    let note = try Self.capitalsNote(recall)
    let pane = try Pane(
      recall, arguments: ["--now", "2026-11-25T09:00:00Z"], environment: ["EDITOR": "", "VISUAL": ""])
    let question = try pane.redrawn(after: 0)
    #expect(question.contains("Capitals › France?"))
    // A new card is shown and graded by the learner, never typed: `e` opens the editor.
    #expect(question.contains("press space to show"))
    let before = try pane.frame()
    try pane.send("e")
    let editor = try pane.foregroundLeavesRecall()
    #expect(editor.hasPrefix("vi"), "\(editor)")
    try pane.send(":%s/Paris/Lyon/")
    try pane.send("Enter", literal: false)
    try pane.send(":wq")
    try pane.send("Enter", literal: false)
    let back = try pane.redrawn(after: before)
    #expect(back.contains("Imported the note again; the card now reads as edited."), "\(back)")
    #expect(back.contains("Capitals › France?"))
    #expect(try String(contentsOf: note, encoding: .utf8).contains("Lyon"))
    #expect(try recall.store().cards(status: .active).map(\.card.answer) == ["The capital of France is Lyon."])
    // Space shows the answer: the new one.
    let shown = try pane.press(" ")
    #expect(shown.contains("The capital of France is Lyon."), "\(shown)")
    #expect(!shown.contains("Paris"))
    try pane.press("3")
    #expect(try recall.store().reviewCount() == 1, "the answer to the edited card is saved")
    // The card comes back in learning, typed this time: Ctrl-D quits from its answer line.
    try pane.send("C-d", literal: false)
    #expect(try pane.ended().contains("Done:"))
  }

  /// A resize while a typed answer is being written redraws the screen at the new size, and
  /// the letters typed before it still count.
  @Test(.enabled(if: hasTmux)) func aResizeWhileTypingRedrawsAndKeepsTheLetters() throws {
    let recall = try RecallProcess("recall-tty")
    _ = try Self.capitalsNote(recall)
    // Forgotten once, the card is in learning: asked typed half an hour later.
    #expect(try recall.run(["review"], now: "2026-11-25T09:00:00Z", input: "\nagain\n:quit\n").status == 0)
    let pane = try Pane(recall, arguments: ["--now", "2026-11-25T09:30:00Z"])
    let question = try pane.redrawn(after: 0)
    #expect(question.contains("answer:"), "\(question)")
    try pane.send("The capital of France ")
    let before = try pane.frame()
    try pane.tmux(["resize-window", "-t", "0", "-x", "50", "-y", "20"])
    let redrawn = try pane.redrawn(after: before)
    #expect(redrawn.contains("The window changed size"), "\(redrawn)")
    #expect(redrawn.split(separator: "\n").dropFirst().first == Substring(String(repeating: "─", count: 50)))
    try pane.send("is Paris.")
    #expect(try pane.press("Enter", literal: false).contains("source "))
    #expect(try recall.store().reviews().last?.answer == "The capital of France is Paris.")
    try pane.send("q")
    #expect(try pane.ended().contains("Done:"))
  }

  /// An edit that takes the card's text out of the note retires the card: the review says so
  /// and goes on with the next card.
  @Test(.enabled(if: hasTmux)) func anEditThatRemovesTheCardRetiresItAndTheReviewGoesOn() throws {
    let recall = try RecallProcess("recall-tty")
    let note = recall.folder.appendingPathComponent("capitals.md")
    try "# Capitals\n\n## France\n\nThe capital of France is Paris.\n\n## Italy\n\nThe capital of Italy is Rome.\n"
      .write(to: note, atomically: true, encoding: .utf8)
    #expect(try recall.run(["import", note.path], now: "2026-11-25T08:00:00Z").status == 0)
    // The editor deletes the card's section: its heading (the card's line) and the two lines after.
    let editor = recall.folder.appendingPathComponent("editor.sh")
    try "#!/bin/sh\nline=${1#+}\nsed -i \"${line},$((line + 2))d\" \"$2\"\n".write(
      to: editor, atomically: true, encoding: .utf8)
    chmod(editor.path, 0o755)
    let pane = try Pane(recall, arguments: ["--now", "2026-11-25T09:00:00Z"], environment: ["EDITOR": editor.path])
    let first = try pane.redrawn(after: 0)
    let (asked, other) = first.contains("France?") ? ("France", "Italy") : ("Italy", "France")
    let next = try pane.press("e")
    #expect(next.contains("Imported the note again; the card left the note: retired."), "\(next)")
    #expect(next.contains("Capitals › \(other)?"), "\(next)")
    #expect(!(try String(contentsOf: note, encoding: .utf8)).contains(asked))
    #expect(try recall.store().cards(status: .retired).map(\.card.prompt) == ["Capitals › \(asked)?"])
    #expect(try recall.store().cards(status: .active).count == 1)
    try pane.send("q")
    #expect(try pane.ended().contains("Done: no card answered"))
  }

  /// In a quiz too (which writes no review), an edit is imported into the database at once:
  /// the quiz shows the card as it now reads, and the next review asks it so.
  @Test(.enabled(if: hasTmux)) func anEditDuringAQuizIsImportedIntoTheDatabase() throws {
    let recall = try RecallProcess("recall-tty")
    let note = try Self.capitalsNote(recall)
    let editor = recall.folder.appendingPathComponent("editor.sh")
    try "#!/bin/sh\nsed -i 's/Paris/Lyon/' \"$2\"\n".write(to: editor, atomically: true, encoding: .utf8)
    chmod(editor.path, 0o755)
    let pane = try Pane(
      recall, arguments: ["quiz", "--now", "2026-11-25T09:00:00Z"], environment: ["EDITOR": editor.path])
    // The new card is shown and graded by the learner, not typed: `e` opens the editor.
    #expect(try pane.redrawn(after: 0).contains("Capitals › France?"))
    let back = try pane.press("e")
    #expect(back.contains("Imported the note again; the card now reads as edited."), "\(back)")
    #expect(try String(contentsOf: note, encoding: .utf8).contains("Lyon"))
    #expect(try recall.store().cards().map(\.card.answer) == ["The capital of France is Lyon."])
    let shown = try pane.press(" ")
    #expect(shown.contains("The capital of France is Lyon."), "\(shown)")
    try pane.send("q")
    #expect(try pane.ended().contains("Done:"))
    #expect(try recall.store().reviewCount() == 0, "a quiz writes no review")
  }
}
