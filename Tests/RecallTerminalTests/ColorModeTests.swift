import Testing

@testable import RecallTerminal

struct ColorModeTests {
  private func environment(_ variables: [String: String], tty: Bool) -> TerminalEnvironment {
    TerminalEnvironment(variables: variables, isATTY: tty)
  }

  @Test func autoColorsOnlyATerminal() {
    #expect(ColorMode.auto.usesColor(in: environment(["TERM": "xterm-256color"], tty: true)))
    #expect(!ColorMode.auto.usesColor(in: environment(["TERM": "xterm-256color"], tty: false)))
    #expect(!ColorMode.auto.usesColor(in: environment(["TERM": "dumb"], tty: true)))
  }

  @Test func noColorWinsInEveryMode() {
    for mode in ColorMode.allCases {
      #expect(!mode.usesColor(in: environment(["NO_COLOR": "1", "TERM": "xterm"], tty: true)))
    }
    // An empty NO_COLOR does not count.
    #expect(
      ColorMode.auto.usesColor(in: environment(["NO_COLOR": "", "TERM": "xterm"], tty: true)))
  }

  @Test func alwaysAndNeverForce() {
    #expect(ColorMode.always.usesColor(in: environment([:], tty: false)))
    #expect(!ColorMode.never.usesColor(in: environment(["TERM": "xterm"], tty: true)))
  }

  @Test func parsesFromTheOptionValue() {
    #expect(ColorMode(rawValue: "auto") == .auto)
    #expect(ColorMode(rawValue: "always") == .always)
    #expect(ColorMode(rawValue: "never") == .never)
    #expect(ColorMode(rawValue: "sometimes") == nil)
  }

  @Test func stylerAddsCodesOnlyWithColor() {
    #expect(Styler(usesColor: false).apply(.right, to: "정답") == "정답")
    let colored = Styler(usesColor: true).apply(.right, to: "정답")
    #expect(colored.hasPrefix("\u{1B}["))
    #expect(colored.hasSuffix("\u{1B}[0m"))
    #expect(Styler(usesColor: true).apply(.plain, to: "x") == "x")
  }

  @Test func pipeIsNotATerminal() {
    var fds: [Int32] = [0, 0]
    #expect(pipe(&fds) == 0)
    defer {
      close(fds[0])
      close(fds[1])
    }
    #expect(!SystemTerminal.isATTY(fds[1]))
    #expect(SystemTerminal.size(of: fds[1]) == nil)
  }
}

#if canImport(Glibc)
  import Glibc
#endif
