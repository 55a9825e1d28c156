import Foundation
import RecallTestSupport
import Testing

/// The hostile note (and its hostile file name) through every command, piped and in a
/// pseudo-terminal (tmux): no raw control, C1 or bidirectional character in anything printed,
/// the file name on one line, JSON that still reads back the note's text exactly, and in tmux
/// the pane's title and the clipboard untouched.
@Suite(.serialized)
struct HostileOutputTests {
  /// One run of `recall`: its arguments, the lines it reads, and whether it must fail.
  struct Run: Sendable, CustomStringConvertible {
    var arguments: [String]
    var input: String?
    var fails = false

    var description: String { "recall " + arguments.joined(separator: " ").debugDescription }
  }

  static let now = "2026-11-25T09:00:00Z"
  static let note = "notes/" + HostileNote.fileName
  static let deck = HostileNote.fileName
  static let attack = HostileNote.attack
  static let answers = String(repeating: "1\n", count: 12)

  /// Every command, in an order that works from the prepared folder (see ``prepare()``).
  static let runs: [Run] = [
    Run(arguments: ["import", "notes"]),
    Run(arguments: ["import", "notes", "--dry-run", "--json"]),
    Run(arguments: ["cards", note]),
    Run(arguments: ["cards", note, "--json"]),
    Run(arguments: ["cards"]),
    Run(arguments: ["cards", "--json"]),
    Run(arguments: ["cards", "--deck", deck]),
    Run(arguments: ["parse", note]),
    Run(arguments: ["parse", note, "--json"]),
    Run(arguments: ["review", "--now", now], input: answers),
    Run(arguments: ["review", "--json", "--now", now], input: answers),
    Run(arguments: ["quiz", "--count", "5"], input: answers),
    Run(arguments: ["quiz", "--count", "3", "--json"], input: answers),
    Run(arguments: ["stats"]),
    Run(arguments: ["stats", "--json"]),
    Run(arguments: ["stats", "--deck", deck]),
    Run(arguments: ["stats", "--html", "page.html"]),
    Run(arguments: ["config"]),
    Run(arguments: ["config", "new-per-day", "30", "--deck", deck]),
    Run(arguments: ["config", "--deck", deck]),
    Run(arguments: ["optimize", "--dry-run"]),
    Run(arguments: ["export"]),
    Run(arguments: ["export", "--output", "again.json"]),
    Run(arguments: ["export", "--format", "csv", "--output", "csv"]),
    Run(arguments: ["import-progress", "progress.json"]),
    Run(arguments: ["import-progress", "progress.json", "--json"]),
    // Errors that quote what the user or the file gave.
    Run(arguments: ["import-progress", "forged.json"], fails: true),
    Run(arguments: ["parse", "notes/missing " + attack + ".md"], fails: true),
    Run(arguments: ["cards", "notes/missing\n" + attack + ".md"], fails: true),
    Run(arguments: ["import", "notes/missing\n" + attack + ".md"], fails: true),
    Run(arguments: ["stats", "--deck", attack], fails: true),
    Run(arguments: ["config", attack], fails: true),
    Run(arguments: ["config", "new-per-day", attack], fails: true),
    Run(arguments: ["review", "--limit", attack], fails: true),
    Run(arguments: ["stats", "--" + attack], fails: true),
    Run(arguments: ["stats", "--db", "/proc/nowhere\n" + attack + "/recall.sqlite"], fails: true),
  ]

  /// Runs `recall` in `recall`'s folder on its database (through `RECALL_DB`: `parse` takes no
  /// `--db`).
  static func run(_ arguments: [String], in recall: RecallProcess, input: String = "") throws -> RecallProcess.Result {
    let output = try ProgramRun.recall(
      arguments, input: input, environment: ["RECALL_DB": recall.database, "TZ": "UTC"],
      currentDirectory: recall.folder)
    return RecallProcess.Result(status: output.status, stdout: output.standardOutput, stderr: output.standardError)
  }

  /// A scratch folder with the hostile note imported and answered, its export
  /// (`progress.json`) and a forged copy whose first review id is the attack (`forged.json`).
  static func prepare() throws -> RecallProcess {
    let recall = try RecallProcess("recall-hostile")
    try HostileNote.write(in: recall.folder)
    try recall.run(["import", "notes"], now: now)
    try recall.run(["review"], now: now, input: answers)
    let export = try recall.run(["export"], now: now)
    try Data(export.stdout.utf8).write(to: recall.folder.appendingPathComponent("progress.json"))
    var object = try #require(try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [String: Any])
    var reviews = try #require(object["reviews"] as? [[String: Any]])
    try #require(!reviews.isEmpty)
    reviews[0]["id"] = attack
    object["reviews"] = reviews
    try JSONSerialization.data(withJSONObject: object).write(to: recall.folder.appendingPathComponent("forged.json"))
    return recall
  }

  @Test func everyCommandPipedPrintsNoRawControlOrBidiCharacter() throws {
    let recall = try Self.prepare()
    for run in Self.runs {
      let result = try Self.run(run.arguments, in: recall, input: run.input ?? "")
      #expect((result.status != 0) == run.fails, "\(run): exit \(result.status)\n\(result.stderr)")
      #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack dump"), "\(run) crashed")
      #expect(HostileNote.forbiddenScalars(in: result.stdout) == [], "\(run) printed raw controls on stdout")
      #expect(HostileNote.forbiddenScalars(in: result.stderr) == [], "\(run) printed raw controls on stderr")
      let isDocument = run.arguments.contains("--json") && !["review", "quiz"].contains(run.arguments[0])
      if isDocument || run.arguments == ["export"] {
        #expect(
          (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) != nil, "\(run) printed no JSON")
      }
    }
  }

  @Test func fileNamesStayOnOneLineAndJSONKeepsTheTextExactly() throws {
    let recall = try Self.prepare()
    let shownName = "evil^[]0;FILE-PWNED-TITLE^G^J<U+009B>2J<U+202E><script>.md"
    let imported = try recall.run(["import", "notes", "--dry-run"])
    #expect(imported.stdout.contains("  notes/\(shownName):3: section 'Empty section ^[[31mred^[[0m"))
    let listed = try Self.run(["cards", Self.note], in: recall)
    #expect(listed.stdout.hasPrefix("notes/\(shownName): "))
    #expect(listed.stdout.contains("<U+202E>evil<U+202C> <U+2066>iso<U+2069>"))
    let missing = try Self.run(["cards", "notes/missing\n\u{1B}]0;x\u{07}.md"], in: recall)
    #expect(missing.stderr.hasPrefix("Error: notes/missing^J^[]0;x^G.md: the note could not be read"))
    #expect(missing.stderr.split(separator: "\n").count == 1)

    // JSON escapes what it carries and reads back the note's very text.
    let json = try Self.run(["cards", Self.note, "--json"], in: recall)
    #expect(json.stdout.contains("\\u001b]0;PWNED-TITLE\\u0007") && json.stdout.contains("\\u202e"))
    let cards = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
    #expect(cards.contains { ($0["answer"] as? String)?.contains(Self.attack.prefix(30)) == true })
    #expect(cards.allSatisfy { $0["deck"] as? String == HostileNote.fileName })
  }

  @Test func filesWrittenShowNoRawControlOrScript() throws {
    let recall = try Self.prepare()
    try recall.run(["stats", "--html", "page.html"])
    try recall.run(["export", "--format", "csv", "--output", "csv"])
    let page = try String(contentsOf: recall.folder.appendingPathComponent("page.html"), encoding: .utf8)
    #expect(HostileNote.forbiddenScalars(in: page) == [])
    #expect(!page.lowercased().contains("<script"))
    #expect(page.contains("&lt;U+202E&gt;evil&lt;U+202C&gt;"))
    for name in ["cards.csv", "reviews.csv"] {
      let csv = try String(contentsOf: recall.folder.appendingPathComponent("csv/\(name)"), encoding: .utf8)
      // CSV ends its records with CR LF.
      #expect(HostileNote.forbiddenScalars(in: csv.replacing("\r\n", with: "\n")) == [], "\(name)")
    }
  }

  // MARK: - In a pseudo-terminal

  /// The title the pane is given before the commands run.
  static let paneTitle = "recall-hostile-test"

  /// What a script did to a tmux pane: its title and buffers afterwards, and every byte the
  /// pane was sent.
  struct PaneEffects {
    var title: String
    var buffers: String
    var output: String
  }

  /// Runs `script` (shell commands, in the prepared folder) in a tmux pane whose clipboard
  /// escape sequences create tmux buffers (`set-clipboard on`), and returns what it did.
  static func effects(of script: String, in recall: RecallProcess) throws -> PaneEffects {
    let folder = recall.folder.path
    let go = folder + "/go"
    let done = folder + "/done"
    let scriptFile = recall.folder.appendingPathComponent("commands.sh")
    try Data(("cd '\(folder)'\n" + script + "\ntouch '\(done)'\n").utf8).write(to: scriptFile)
    let pane = try InteractiveReviewTests.Pane(
      recall, arguments: [],
      wrap: "while [ ! -e '\(go)' ]; do sleep 0.05; done; sh '\(scriptFile.path)'; sleep 60")
    defer { pane.close() }
    try pane.tmux(["set-option", "-g", "set-clipboard", "on"])
    try pane.tmux(["select-pane", "-t", "0", "-T", paneTitle])
    #expect(try pane.tmux(["display-message", "-p", "-t", "0", "#{pane_title}"]) == paneTitle + "\n")
    let output = folder + "/pane-output"
    try pane.tmux(["pipe-pane", "-t", "0", "-o", "cat > '\(output)'"])
    FileManager.default.createFile(atPath: go, contents: nil)
    let deadline = Date().addingTimeInterval(300)
    while !FileManager.default.fileExists(atPath: done) && Date() < deadline { usleep(100_000) }
    #expect(FileManager.default.fileExists(atPath: done), "the commands did not end")
    // Let tmux read the last output of the pane.
    usleep(300_000)
    let title = try pane.tmux(["display-message", "-p", "-t", "0", "#{pane_title}"])
    let buffers = try pane.tmux(["list-buffers"])
    try pane.tmux(["pipe-pane", "-t", "0"])
    let bytes = (try? Data(contentsOf: URL(fileURLWithPath: output))) ?? Data()
    return PaneEffects(
      title: title.trimmingCharacters(in: .newlines), buffers: buffers,
      output: String(decoding: bytes, as: UTF8.self))
  }

  /// A shell word: `text` in single quotes (the hostile texts hold none).
  static func quoted(_ text: String) -> String {
    "'" + text + "'"
  }

  @Test(.enabled(if: InteractiveReviewTests.hasTmux))
  func everyCommandInATerminalLeavesTheTitleAndClipboardAlone() throws {
    let recall = try Self.prepare()
    let executable = try #require(TestPaths.recallExecutable)
    var script = "export TZ=UTC TERM=xterm-256color RECALL_DB=" + Self.quoted(recall.database)
      + " RECALL_PROGRESS_DELAY_MS=0\nunset NO_COLOR\n"
    for (index, run) in Self.runs.enumerated() {
      var line = ([executable.path] + run.arguments).map(Self.quoted).joined(separator: " ")
      if let input = run.input {
        let file = "input-\(index)"
        try Data(input.utf8).write(to: recall.folder.appendingPathComponent(file))
        line += " < \(file)"
      } else {
        line += " < /dev/null"
      }
      script += line + "\n"
    }
    let effects = try Self.effects(of: script, in: recall)
    #expect(effects.title == Self.paneTitle)
    #expect(effects.buffers == "")
    // What reached the terminal: only Recall's own sequences (colors, the progress bar's
    // carriage return and line clearing, the terminal's CR LF), nothing raw from the note.
    #expect(effects.output.contains("<U+202E>evil"))
    let own = effects.output.replacing("\r\n", with: "\n").replacing(/\x1B\[[0-9;]*m|\x1B\[2K|\r/, with: "")
    #expect(HostileNote.forbiddenScalars(in: own) == [])
  }

  /// The check above can fail: printing the note raw sets the title and writes the clipboard.
  @Test(.enabled(if: InteractiveReviewTests.hasTmux))
  func theNotePrintedRawSetsTheTitleAndTheClipboard() throws {
    let recall = try Self.prepare()
    let effects = try Self.effects(of: "cat " + Self.quoted(Self.note), in: recall)
    #expect(effects.title == HostileNote.title)
    #expect(effects.buffers.contains("pwned"))
    #expect(HostileNote.forbiddenScalars(in: effects.output.replacing("\r\n", with: "\n")) != [])
  }

  @Test(.enabled(if: InteractiveReviewTests.hasTmux))
  func theInteractiveReviewShowsTheNoteHarmlessly() throws {
    let recall = try RecallProcess("recall-hostile-tty")
    try HostileNote.write(in: recall.folder)
    try recall.run(["import", "notes"], now: Self.now)
    let go = recall.folder.appendingPathComponent("go").path
    let pane = try InteractiveReviewTests.Pane(
      recall, arguments: ["--now", Self.now], environment: ["RECALL_TEST_FRAME_TITLES": "0"], wrap: "while [ ! -e '\(go)' ]; do sleep 0.05; done; RECALL")
    defer { pane.close() }
    try pane.tmux(["set-option", "-g", "set-clipboard", "on"])
    try pane.tmux(["select-pane", "-t", "0", "-T", Self.paneTitle])
    FileManager.default.createFile(atPath: go, contents: nil)
    // The first card, its answer, then quit.
    // Frames are not marked in the title here (the title is what this test watches), so the
    // screen is read until the first card shows.
    let question = try Self.screen(of: pane, showing: " done · ")
    if question.contains("choose 1-") {
      try pane.send("1")
    } else if question.contains("press space to show") {
      try pane.send(" ")
    } else {
      try pane.send("abc")
      try pane.send("Enter", literal: false)
    }
    usleep(500_000)
    let answer = try pane.screen()
    try pane.send("q")
    usleep(300_000)
    #expect(question.contains("^[]0;PWNED-TITLE^G") && question.contains("<U+202E>evil"))
    #expect(answer != question)
    #expect(try pane.tmux(["display-message", "-p", "-t", "0", "#{pane_title}"]) == Self.paneTitle + "\n")
    #expect(try pane.tmux(["list-buffers"]) == "")
  }

  /// Waits until `pane` shows `text`; returns the screen then. Fails after 10 seconds.
  static func screen(of pane: InteractiveReviewTests.Pane, showing text: String) throws -> String {
    let deadline = Date().addingTimeInterval(10)
    while Date() < deadline {
      let screen = try pane.screen()
      if screen.contains(text) { return screen }
      usleep(20_000)
    }
    let last = try pane.screen()
    Issue.record("the pane never showed \(text); the screen shows:\n\(last)")
    return last
  }
}
