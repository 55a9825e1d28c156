/// When the review screen uses color: `--color auto|always|never`.
public enum ColorMode: String, Hashable, Sendable, CaseIterable {
  /// Color on a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`.
  case auto
  /// Color even when the output is not a terminal, unless `NO_COLOR` is set.
  case always
  /// No color.
  case never

  /// Whether to color output, given the environment the program runs in.
  ///
  /// `NO_COLOR` with any non-empty value turns color off in every mode (no-color.org);
  /// `always` otherwise forces it; `auto` colors only a terminal whose `TERM` is not `dumb`.
  public func usesColor(in environment: TerminalEnvironment) -> Bool {
    if let noColor = environment.variables["NO_COLOR"], !noColor.isEmpty { return false }
    switch self {
    case .never: return false
    case .always: return true
    case .auto: return environment.isTerminal
    }
  }
}

/// What the program knows about where its output goes: the environment variables and whether
/// the output file descriptor is a terminal.
///
/// Tests build one by hand; the program calls ``current(fileDescriptor:variables:)``.
public struct TerminalEnvironment: Hashable, Sendable {
  /// The environment variables that matter (`TERM`, `NO_COLOR`, ...).
  public var variables: [String: String]
  /// Whether the output is a terminal (`isatty`), before `TERM=dumb` is considered.
  public var isATTY: Bool

  /// Creates an environment.
  public init(variables: [String: String], isATTY: Bool) {
    self.variables = variables
    self.isATTY = isATTY
  }

  /// Whether the output is a terminal that understands escape codes: `isatty` and `TERM` is
  /// not `dumb`.
  public var isTerminal: Bool {
    isATTY && variables["TERM"] != "dumb"
  }

  /// The environment of this process for one file descriptor (standard output by default).
  public static func current(
    fileDescriptor: Int32 = 1, variables: [String: String] = ProcessEnvironment.variables()
  ) -> TerminalEnvironment {
    TerminalEnvironment(variables: variables, isATTY: SystemTerminal.isATTY(fileDescriptor))
  }
}

/// What a piece of text means on screen; the ``Styler`` turns it into color or nothing.
public enum TextRole: Hashable, Sendable, CaseIterable {
  /// Ordinary text.
  case plain
  /// Headings and the prompt.
  case emphasis
  /// Secondary text: context path, source, hints.
  case dim
  /// Something right: the right answer, "right".
  case right
  /// Something wrong: "wrong", the parts of the user's answer that differ.
  case wrong
  /// A warning: typo, note changed.
  case warning
  /// Key names in hints and choice numbers.
  case key
  /// Parts of the right answer the user missed.
  case missing
}

/// Turns styled lines into strings, with ANSI SGR codes when color is on.
public struct Styler: Hashable, Sendable {
  /// Whether escape codes are written.
  public var usesColor: Bool

  /// Creates a styler.
  public init(usesColor: Bool) {
    self.usesColor = usesColor
  }

  /// The text of a span, wrapped in the codes of its role when color is on.
  public func apply(_ role: TextRole, to text: String) -> String {
    guard usesColor, role != .plain, !text.isEmpty else { return text }
    return ANSISGR.codes(for: role) + text + ANSISGR.reset
  }

  /// A whole line as a string.
  public func render(_ line: StyledLine) -> String {
    line.map { apply($0.role, to: $0.text) }.joined()
  }
}

/// The ANSI escape sequences, kept in one place.
enum ANSISGR {
  /// Resets every attribute.
  static let reset = "\u{1B}[0m"

  /// The SGR sequence for a role.
  static func codes(for role: TextRole) -> String {
    switch role {
    case .plain: return ""
    case .emphasis: return "\u{1B}[1m"
    case .dim: return "\u{1B}[2m"
    case .right: return "\u{1B}[32m"
    case .wrong: return "\u{1B}[31;4m"
    case .warning: return "\u{1B}[33m"
    case .key: return "\u{1B}[36;1m"
    case .missing: return "\u{1B}[32;4m"
    }
  }

  /// Switches to the alternate screen.
  static let enterAlternateScreen = "\u{1B}[?1049h"
  /// Returns from the alternate screen.
  static let leaveAlternateScreen = "\u{1B}[?1049l"
  /// Hides the cursor.
  static let hideCursor = "\u{1B}[?25l"
  /// Shows the cursor.
  static let showCursor = "\u{1B}[?25h"
  /// Moves the cursor home and clears the screen.
  static let clearScreen = "\u{1B}[H\u{1B}[2J"
  /// Clears from the cursor to the end of the line.
  static let clearToLineEnd = "\u{1B}[K"
}
