/// What a key means on the review screen.
public enum ReviewCommand: Hashable, Sendable {
  /// A digit 1–9: a grade (1–4) after the answer, or a choice before it.
  case number(Int)
  /// Grade letters: `a` again, `h` hard, `g` good (1, 2, 3).
  case grade(Int)
  /// Space or Enter: show the answer, or go on with the proposed grade.
  case proceed
  /// `u`: undo the last answer.
  case undo
  /// `s`: bury the card until tomorrow.
  case bury
  /// `@`: suspend the card (Anki's key): no review or quiz asks it until it is unsuspended.
  case suspend
  /// `e`: open the note in `$EDITOR` at the card's line.
  case edit
  /// `?`: help.
  case help
  /// `q`, Escape, Ctrl-C or Ctrl-D: quit.
  case quit
}

/// The review screen's key map; letters work with a Korean 2-set layout active too
/// (ㅕ for u, ㄴ for s, ㄷ for e, ㅂ for q, ㅁ ㅗ ㅎ for a h g).
public enum ReviewKeys {
  /// Every key of the review screen, for the help screen.
  public static let help: [ReviewScreen.KeyHint] = [
    .init("1-4", "grade: again, hard, good, easy (or choose a choice before answering)"),
    .init("a h g", "grade again, hard, good"),
    .init("space, enter", "show the answer, or go on with the proposed grade"),
    .init("u", "undo the last answer (again and again, back to the start)"),
    .init("s", "bury the card until tomorrow"),
    .init("@", "suspend the card: never asked again until `recall unsuspend` (u takes it back)"),
    .init("e", "open the note in $EDITOR at the card's line"),
    .init("?", "this help"),
    .init("q, Esc, Ctrl-C", "quit (every answer is already saved)"),
  ]

  /// The command for a key, or nil if the key means nothing on the review screen.
  public static func command(for key: Key) -> ReviewCommand? {
    switch key {
    case .space, .enter: return .proceed
    case .escape, .interrupt, .endOfInput: return .quit
    default: break
    }
    if let digit = key.digit { return digit >= 1 ? .number(digit) : nil }
    guard let letter = key.commandLetter else { return nil }
    switch letter {
    case "u", "U": return .undo
    case "s", "S": return .bury
    case "@": return .suspend
    case "e", "E": return .edit
    case "?": return .help
    case "q", "Q": return .quit
    case "a", "A": return .grade(1)
    case "h", "H": return .grade(2)
    case "g", "G": return .grade(3)
    default: return nil
    }
  }
}
