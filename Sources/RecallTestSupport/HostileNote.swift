import Foundation

/// A note written as an attacker would: every heading, term, cell and step carries escape
/// sequences (CSI colors, OSC 0 setting the title, OSC 52 writing the clipboard, DCS), BEL, a
/// single-character C1 CSI (U+009B), bidirectional overrides and isolates, a line separator
/// and a `<script>` element; and its file name carries a title sequence, a newline, C1 and an
/// override too.
public enum HostileNote {
  /// The title an OSC 0 of the note would set.
  public static let title = "PWNED-TITLE"

  /// The attack put into every piece of the note.
  public static let attack =
    "\u{1B}[31mred\u{1B}[0m \u{1B}]0;\(title)\u{07} \u{1B}]52;c;cHduZWQ=\u{07} "
    + "\u{1B}P+q6e616d65\u{1B}\\ \u{07}bell \u{9B}2J \u{202E}evil\u{202C} \u{2066}iso\u{2069} "
    + "<script>alert(1)</script> \u{2028}end"

  /// The note's file name.
  public static let fileName = "evil\u{1B}]0;FILE-\(title)\u{07}\n\u{9B}2J\u{202E}<script>.md"

  /// The note: sections (one empty, a stub), glossary terms, a comparison table and a flow.
  public static let text = """
    # Hostile \(attack)

    ## Empty section \(attack)

    ## Terms \(attack)

    **Term \u{1B}]0;\(title)\u{07}**: definition \(attack)

    **Other term**: a plain definition of the other term

    ## Table \(attack)

    | Thing | Kind \(attack) | Use |
    |---|---|---|
    | Alpha \(attack) | first kind \(attack) | one |
    | Beta | second kind | two \(attack) |
    | Gamma | third kind | three |

    ## Flow \(attack)

    1. first step \(attack)
    2. second step
    3. third step

    """

  /// Writes the note as `notes/<fileName>` under `folder` and returns its path relative to
  /// `folder`.
  @discardableResult
  public static func write(in folder: URL) throws -> String {
    let notes = folder.appendingPathComponent("notes", isDirectory: true)
    try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: notes.appendingPathComponent(fileName))
    return "notes/" + fileName
  }

  /// Whether a scalar may not appear raw in anything Recall prints: C0 controls (but the
  /// newline), DEL, C1 controls, bidirectional overrides, embeddings, isolates and marks, and
  /// the line and paragraph separators.
  public static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x0A: false
    case 0x00...0x1F, 0x7F...0x9F: true
    case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C, 0x2028, 0x2029: true
    default: false
    }
  }

  /// The forbidden scalars in `text`, as `U+001B` and the like (empty when it is clean).
  public static func forbiddenScalars(in text: String) -> [String] {
    text.unicodeScalars.filter(isForbidden).map { "U+" + String($0.value, radix: 16, uppercase: true) }
  }
}
