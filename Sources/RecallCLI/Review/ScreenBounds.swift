import RecallTerminal

/// Keeps a review screen's texts to what a screen can show, so that a card with a huge answer
/// (a note of one 50 MB paragraph) costs the screen no more than its first screenfuls: each
/// text is cut after ``maximumBytes`` UTF-8 bytes, with a line saying how much more the note
/// holds.
enum ScreenBounds {
  /// The most of one text a screen shows, in UTF-8 bytes (about a hundred lines of 80
  /// columns).
  static let maximumBytes = 8192

  /// `text` cut after `bytes` UTF-8 bytes (at a scalar's end), with a note of the rest; the
  /// text itself when it is short enough (the usual case, told without walking it).
  static func cut(_ text: String, keeping bytes: Int = maximumBytes) -> String {
    let utf8 = text.utf8
    let size = utf8.count
    guard size > bytes else { return text }
    var end = utf8.index(utf8.startIndex, offsetBy: bytes)
    while end > utf8.startIndex, utf8[end] & 0xC0 == 0x80 { end = utf8.index(before: end) }
    let kept = text[..<end]
    let rest = size - kept.utf8.count
    let amount = rest >= 1 << 20 ? "\(rest >> 20) MB" : rest >= 1 << 10 ? "\(rest >> 10) KB" : "\(rest) bytes"
    return String(kept) + " … (\(amount) more in the note; e opens it)"
  }

  /// The screen with each of its texts cut (see ``cut(_:)``).
  static func bounded(_ screen: ReviewScreen) -> ReviewScreen {
    var screen = screen
    screen.prompt = cut(screen.prompt)
    screen.context = screen.context.map { cut($0) }
    for index in screen.choices.indices { screen.choices[index].text = cut(screen.choices[index].text) }
    switch screen.answer {
    case .shown(let text): screen.answer = .shown(cut(text))
    case .typing(let label, let text): screen.answer = .typing(label: label, text: cut(text))
    case .none, .hidden: break
    }
    if var feedback = screen.feedback {
      feedback.rightAnswer = cut(feedback.rightAnswer)
      feedback.userAnswer = feedback.userAnswer.map { cut($0) }
      feedback.detail = feedback.detail.map { cut($0) }
      screen.feedback = feedback
    }
    return screen
  }

  /// Marked pieces cut to ``maximumBytes`` in all.
  static func cut(_ pieces: [MarkedText]) -> [MarkedText] {
    var room = maximumBytes
    var result: [MarkedText] = []
    for piece in pieces {
      guard room > 0 else { break }
      let size = piece.text.utf8.count
      if size <= room {
        result.append(piece)
        room -= size
      } else {
        result.append(MarkedText(cut(piece.text, keeping: room), isDifferent: piece.isDifferent))
        room = 0
      }
    }
    return result
  }
}
