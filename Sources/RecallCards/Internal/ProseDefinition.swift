/// Recognizes a sentence that defines a term: `X란 …`, `X이란? : …`, `X는 …이다.`,
/// `X is a …`, `X refers to …`, `X means …`.
///
/// The term is the few words before the particle or verb, without the particle (`해시는` gives
/// `해시`); the definition is the whole sentence, as the note says it (after the colon of
/// `X이란? : …`). Only a line that is one
/// sentence of at most ``sentenceLimit`` characters is read, so that a paragraph of prose is
/// never cut into pieces that make sense only together.
enum ProseDefinition {
  /// The longest sentence read as a definition.
  static let sentenceLimit = 200

  /// Korean endings that close a defining sentence after `X는` / `X은`.
  static let koreanEndings = [
    "이다.", "이다", "을 말한다.", "를 말한다.", "을 말한다", "를 말한다", "을 의미한다.", "를 의미한다.",
    "을 뜻한다.", "를 뜻한다.", "라고 한다.", "이라고 한다.", "를 말합니다.", "을 말합니다.", "입니다.",
    "를 의미합니다.", "을 의미합니다.",
  ]

  /// English verbs that define the subject before them.
  static let englishVerbs = [" is a ", " is an ", " is the ", " refers to ", " means ", " are a "]

  /// The term and the defining sentence of `line`, if it is one, in a section headed `title`.
  ///
  /// The weaker forms (`X는 …이다.`, `X is a …`) count only when X is what the section is
  /// about, named in its heading: `해시 테이블은 …이다` under `해시 테이블 구현`.
  static func parse(_ line: String, title: String) -> (term: String, sentence: String)? {
    let sentence = line.trimmed
    guard PlainText.hasAtMostCharacters(sentence, sentenceLimit), isOneSentence(sentence),
      !isQuestionOrLead(sentence)
    else {
      return nil
    }
    if let found = koreanNamed(sentence) { return found }
    let subject = korean(sentence) ?? english(sentence)
    guard let subject, names(title, subject) else { return nil }
    return (subject, sentence)
  }

  /// `X란 …`, `X이란? : …`: the term X, and the definition: the whole sentence, or what
  /// follows `X이란? :` (a label in all but form).
  static func koreanNamed(_ sentence: String) -> (term: String, sentence: String)? {
    // Every marker holds `란`.
    guard PlainText.contains(sentence, "란") else { return nil }
    for marker in ["이란? :", "이란?:", "란? :", "란?:", "이란 ", "란 ", "이란? ", "란? "] {
      if let range = sentence.range(of: marker) {
        let head = String(sentence[..<range.lowerBound])
        // Without `?` or `:`, `란` may end another word (`파란 선`): the sentence must then
        // close like a definition.
        let marked = marker.contains("?") || marker.contains(":")
        guard marked || koreanEndings.contains(where: { sentence.hasSuffix($0) }) else { continue }
        let rest = sentence[range.upperBound...].trimmed
        if let term = termName(head), !rest.isEmpty {
          return (term, marker.contains(":") ? rest : sentence)
        }
      }
    }
    return nil
  }

  /// `X는 …이다.`: the term X.
  static func korean(_ sentence: String) -> String? {
    guard koreanEndings.contains(where: { sentence.hasSuffix($0) }) else { return nil }
    for particle in ["는 ", "은 "] where PlainText.contains(sentence, particle) {
      guard let range = sentence.range(of: particle) else { continue }
      if let term = termName(String(sentence[..<range.lowerBound])) { return term }
    }
    return nil
  }

  /// `X is a …`, `X refers to …`, `X means …`: the term X, which must open with a capital
  /// letter or a digit (a name, not "it" or "this").
  static func english(_ sentence: String) -> String? {
    for verb in englishVerbs where PlainText.contains(sentence, verb) {
      guard let range = sentence.range(of: verb) else { continue }
      let head = String(sentence[..<range.lowerBound])
      let firstWord = head.split(separator: " ").first.map(String.init) ?? head
      guard let first = head.first, first.isUppercase || first.isNumber,
        !["It", "This", "That", "There", "Here", "These", "Those", "He", "She", "One", "A", "An", "The"]
          .contains(firstWord)
      else { return nil }
      return termName(head)
    }
    return nil
  }

  /// `head` as a term: a short name of at most four words, balanced brackets, no sentence
  /// punctuation, not opening with a demonstrative (`이`, `그`, `이것`).
  static func termName(_ head: String) -> String? {
    let name = TermForm.cleanName(head)
    guard TermForm.isShortName(name), PlainText.wordCount(name) <= 4, TermForm.isBalanced(name),
      PlainText.hasAtMostCharacters(name, 30), !name.contains(",")
    else { return nil }
    let words = name.split(separator: " ").map(String.init)
    let first = words.first ?? name
    guard
      !["이", "그", "이것", "그것", "이는", "저", "이러한", "이런", "그런", "또한", "하지만", "따라서", "다음", "아래"]
        .contains(first)
    else { return nil }
    // A noun phrase: no word of it ends in a particle or a verb stem (`관리를 하`, `기존에`).
    guard !words.contains(where: { word in clauseEndings.contains { word.hasSuffix($0) } }) else {
      return nil
    }
    return name
  }

  /// Whether `title` names `term` (or `term` holds the whole title), compared without case
  /// and whitespace.
  static func names(_ title: String, _ term: String) -> Bool {
    let title = ComparableText.of(title)
    let term = ComparableText.of(term)
    guard !title.isEmpty, term.count >= 2 else { return false }
    return title.contains(term) || term.contains(title)
  }

  /// Endings of Korean words that make a clause rather than a name.
  static let clauseEndings = ["를", "을", "에", "에서", "가", "로", "하", "의", "와", "과", "도", "던", "한", "된"]

  /// Whether `sentence` asks a question (`Agile이란 무엇인가.`) or leads into what follows
  /// (`RPC is a request-response protocol:`) rather than defining.
  static func isQuestionOrLead(_ sentence: String) -> Bool {
    sentence.hasSuffix("?") || sentence.hasSuffix(":") || sentence.hasSuffix("가.")
      || PlainText.contains(sentence, "무엇") || sentence.hasSuffix("다음과 같다.")
  }

  /// Whether `text` holds at most one sentence: no full stop followed by more text.
  static func isOneSentence(_ text: String) -> Bool {
    // A mark and the space after it are characters of one scalar each: a text without that
    // pair of scalars is one sentence, told without walking its characters.
    let scalars = text.unicodeScalars
    let hasMarkThenSpace = zip(scalars, scalars.dropFirst()).contains { mark, next in
      (mark == "." || mark == "。" || mark == "!") && next == " "
    }
    guard hasMarkThenSpace else { return true }
    var index = text.startIndex
    while index < text.endIndex {
      let next = text.index(after: index)
      if ".。!".contains(text[index]), next < text.endIndex, text[next] == " " {
        return false
      }
      index = next
    }
    return true
  }
}
