/// Hides the answer of a reverse card ("which term is this?", "which one has …?") in its clue.
///
/// A clue that spells the answer asks nothing: "You pick a base operating system" → `Operating
/// system`. Each word of the answer (two letters or more, common words aside) is replaced by
/// `___` wherever the clue has it, alone or with an ending: a Korean particle or ending of up to
/// three syllables (`해시는` → `___는`), an English plural (`systems` → `___s`). A clue left
/// with fewer than two words of its own gives no card.
enum ClueMask {
  /// The mark that stands for a hidden word.
  static let mark = "___"

  /// Words too common to give an answer away.
  static let commonWords: Set<String> = [
    "the", "a", "an", "of", "and", "or", "in", "on", "to", "for", "with", "by", "is", "are", "as",
    "at", "from", "및", "또는", "vs",
  ]

  /// `lines` with the words of `answer` hidden, or `nil` when too little of them is left.
  static func masked(_ lines: [String], hiding answer: String) -> [String]? {
    let words = answerWords(answer)
    guard !words.isEmpty else { return lines }
    var result: [String] = []
    var kept = 0
    var changed = false
    for original in lines {
      // Words of scripts written without spaces (漢字, かな) are hidden wherever they occur.
      var line = original
      for word in words where word.unicodeScalars.contains(where: isUnspaced) {
        line = line.replacing(word, with: mark)
      }
      let (text, own) = masked(line, hiding: words)
      changed = changed || text != original
      result.append(text)
      kept += own
    }
    return !changed || kept >= 2 ? result : nil
  }

  /// Whether `scalar` belongs to a script written without spaces between words: CJK ideographs
  /// and kana.
  static func isUnspaced(_ scalar: Unicode.Scalar) -> Bool {
    (0x3040...0x30FF).contains(scalar.value) || (0x4E00...0x9FFF).contains(scalar.value)
      || (0x3400...0x4DBF).contains(scalar.value)
  }

  /// The words of `answer` that a clue must not show, lowercased.
  static func answerWords(_ answer: String) -> [String] {
    let all = ComparableText.lowercased(answer).split { !PlainText.isWordCharacter($0) }.map(String.init)
    let kept = all.filter { !commonWords.contains($0) && ($0.count >= 2 || all.count == 1) }
    return kept
  }

  /// `line` with `words` hidden, and how many words of its own it keeps.
  static func masked(_ line: String, hiding words: [String]) -> (String, Int) {
    var output = ""
    var kept = 0
    var token = ""
    func flush() {
      guard !token.isEmpty else { return }
      if let ending = ending(of: token, after: words) {
        // Hidden words in a row are one mark: `design smell이란` → `___이란`.
        if output.hasSuffix(mark + " ") {
          output.removeLast()
          output += ending
        } else if output.hasSuffix(mark) {
          output += ending
        } else {
          output += mark + ending
        }
      } else {
        output += token
        kept += 1
      }
      token = ""
    }
    for character in line {
      if PlainText.isWordCharacter(character) {
        token.append(character)
      } else {
        flush()
        output.append(character)
      }
    }
    flush()
    return (output, kept)
  }

  /// What follows one of `words` at the start of `token` (`""` for the word alone), or `nil`
  /// when the token is not one of them.
  static func ending(of token: String, after words: [String]) -> String? {
    var rest = Substring(token)
    var matched = false
    // Words written together (`학습데이터로`) are taken one after the other.
    // The rest lowercased once for all the words.
    func nextWord() -> String? {
      let lowered = ComparableText.lowercased(String(rest))
      return words.first { lowered.hasPrefix($0) }
    }
    while let word = nextWord() {
      rest = rest.dropFirst(word.count)
      matched = true
    }
    guard matched else { return nil }
    if rest.isEmpty { return "" }
    if rest == "s" || rest == "es" { return String(rest) }
    if rest.count <= 3, rest.unicodeScalars.allSatisfy({ (0xAC00...0xD7A3).contains($0.value) }) {
      return String(rest)
    }
    return nil
  }

  /// Whether `text` shows a word of `answer`.
  static func shows(_ answer: String, in text: String) -> Bool {
    let words = answerWords(answer)
    guard !words.isEmpty else { return false }
    return text.split { !PlainText.isWordCharacter($0) }.contains {
      ending(of: String($0), after: words) != nil
    }
  }

  /// The heading to open a reverse card's prompt with: `title`, or when it names the answer
  /// (`Weak reference` for `weak`), the nearest heading above it in `path` that does not, or none.
  static func title(_ title: String, path: [String], hiding answer: String) -> String {
    guard shows(answer, in: title), !isComparison(title) else { return title }
    return path.dropLast().reversed().first { !shows(answer, in: $0) } ?? ""
  }

  /// Whether `text` holds the whole of `answer` (three characters or more), compared without
  /// case and with every run of whitespace as one space, and not inside a longer Latin word (`origin` is not in `original`).
  static func holds(_ text: String, whole answer: String) -> Bool {
    guard answer.utf8.count <= text.utf8.count else { return false }
    let needle = spaced(answer)
    guard needle.count >= 3 else { return false }
    let scalars = spaced(text)
    func isLatin(_ scalar: Unicode.Scalar?) -> Bool {
      guard let scalar else { return false }
      return scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
    }
    var start = 0
    while start + needle.count <= scalars.count {
      if scalars[start] == needle[0], scalars[start..<start + needle.count].elementsEqual(needle) {
        let before = start > 0 ? scalars[start - 1] : nil
        let after = start + needle.count < scalars.count ? scalars[start + needle.count] : nil
        let glued = (isLatin(needle.first) && isLatin(before)) || (isLatin(needle.last) && isLatin(after))
        if !glued { return true }
      }
      start += 1
    }
    return false
  }

  /// The scalars of `text` lowercased, each run of whitespace one space, none at the ends.
  static func spaced(_ text: String) -> [Unicode.Scalar] {
    var scalars: [Unicode.Scalar] = []
    var pendingSpace = false
    for scalar in text.unicodeScalars {
      ComparableText.forEachLowercased(scalar) { lower in
        if ComparableText.isWhitespace(lower.value) {
          pendingSpace = !scalars.isEmpty
          return
        }
        if pendingSpace { scalars.append(" ") }
        pendingSpace = false
        scalars.append(lower)
      }
    }
    return scalars
  }

  /// Whether `title` compares things (`ECS / EKS / Lambda`, `assign vs weak`, `TCP와 UDP`):
  /// naming one of them there does not tell which one a card asks for.
  static func isComparison(_ title: String) -> Bool {
    let lowered = ComparableText.lowercased(title)
    return comparisonMarks.contains { PlainText.contains(lowered, $0) }
  }

  /// What joins the things a heading compares.
  static let comparisonMarks = [" vs ", " vs. ", " / ", "/", " and ", " & ", "와 ", "과 ", ", "]

  /// `prompt` without the parts of its heading path that compare things.
  static func withoutComparison(_ prompt: String) -> String {
    // A prompt that compares nothing has no part to leave out.
    guard isComparison(prompt) else { return prompt }
    let parts = prompt.components(separatedBy: Phrasing.separator)
    guard parts.count > 1 else { return prompt }
    return (parts.dropLast().filter { !isComparison($0) } + [parts[parts.count - 1]])
      .joined(separator: Phrasing.separator)
  }
}
