/// What a Korean answer says without its grammar: the sentence ending and the particles after
/// words taken off, so that `컨테이너를 관리한다` and `컨테이너 관리` compare as the same answer.
///
/// Only what sits at a word's end is taken off, and only when at least two syllables stay
/// (`현상이다` → `현상`, but `바다` stays): the ending of the last word (`…다`, `…이다`,
/// `…한다`, `…함`, `…됨`, `…임`, `…합니다`, `…을 말한다`, …), and one particle after each other
/// word (`은 는 이 가 을 를 의 에 에서 로 으로 와 과 도 만`).
enum KoreanForms {
  /// Sentence endings, longest first so that `이다` is taken before `다`.
  static let endings: [String] = [
    "을 말한다", "를 말한다", "을 뜻한다", "를 뜻한다", "을 의미한다", "를 의미한다",
    "합니다", "입니다", "됩니다", "이다", "한다", "된다", "하다", "되다", "함", "됨", "임", "다",
  ].sorted { $0.count > $1.count }

  /// Particles after a word, longest first.
  static let particles: [String] = [
    "에서", "으로", "은", "는", "이", "가", "을", "를", "의", "에", "로", "와", "과", "도", "만",
  ].sorted { $0.count > $1.count }

  /// The answer without its sentence ending and the particles after its words; the text as it
  /// is when nothing Korean is there to take off.
  static func core(_ text: String) -> String {
    var trimmed = Substring(text)
    while let last = trimmed.last, last.isWhitespace || ".。!?…".contains(last) {
      trimmed.removeLast()
    }
    var sentence = String(trimmed)
    for ending in endings where sentence.hasSuffix(ending) {
      let rest = sentence.dropLast(ending.count)
      let lastWord = rest.split(whereSeparator: \.isWhitespace).last ?? ""
      // A spaced ending (`을 말한다`) leaves a whole word; a bare one leaves two syllables.
      let keeps = ending.contains(" ") ? lastWord.count >= 1 : lastWord.count >= 2
      if keeps, rest.last.map(isHangul) == true {
        sentence = String(rest)
        break
      }
    }
    var words = sentence.split(whereSeparator: \.isWhitespace).map(String.init)
    for index in words.indices.dropLast() {
      for particle in particles where words[index].hasSuffix(particle) {
        let rest = words[index].dropLast(particle.count)
        if rest.count >= 2, rest.last.map(isHangul) == true {
          words[index] = String(rest)
          break
        }
      }
    }
    return words.joined(separator: " ")
  }

  /// Whether a character is a Hangul syllable.
  static func isHangul(_ character: Character) -> Bool {
    guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 else {
      return false
    }
    return (0xAC00...0xD7A3).contains(scalar.value)
  }
}

/// The digits of an answer and the symbols that give them their meaning (`.` `/` `:` `%` `+`
/// `-` and the like next to a digit), in order: two answers that differ here are different
/// answers, whatever else they share (`.00.0.0/0` is not `0.0.0.0/0`, `1.2` is not `12`).
///
/// A comma between digits is a thousands separator, not meaning: `1,000` and `1000` agree.
enum MeaningfulSymbols {
  /// The symbols kept next to a digit.
  static let symbols: Set<Character> = [".", "/", ":", "%", "+", "-", "*", "^", "=", "<", ">", "~", "_"]

  /// The digits and the symbols next to them, as one string.
  static func skeleton(_ text: String) -> String {
    let characters = Array(text.precomposedStringWithCanonicalMapping)
    func isDigit(_ index: Int) -> Bool {
      characters.indices.contains(index) && characters[index].isNumber
    }
    var result = ""
    for (index, character) in characters.enumerated() {
      if character.isNumber {
        result.append(character.wholeNumberValue.map { Character(String($0)) } ?? character)
      } else if symbols.contains(character) || symbols.contains(folded(character)),
        isDigit(index - 1) || isDigit(index + 1)
      {
        result.append(folded(character))
      }
    }
    return result
  }

  /// A fullwidth symbol (`．`, `／`) as its ASCII form.
  private static func folded(_ character: Character) -> Character {
    guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
      (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0)
    else { return character }
    return Character(ascii)
  }
}
