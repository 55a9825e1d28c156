import Testing

@testable import RecallCards

/// How ``Navigation`` counts the words around links.
struct NavigationTests {
  @Test func wordsPastTheLimitAreCountedAsTheSplitCountsThem() {
    let samples = [
      "", "  ", "word", "two words", " :arrow_up: back ", "∙ ∙ ∙", "[1] 2", "참고 자료", "a\tb\nc",
      "— IAM —", ":x: :y:", "one\u{3000}two",
    ]
    for text in samples {
      let words = text.split(whereSeparator: { $0.isWhitespace }).filter { word in
        !(word.count > 2 && word.first == ":" && word.last == ":")
          && word.contains(where: { $0.isLetter || $0.isNumber })
      }
      for limit in 0...2 {
        #expect(Navigation.hasWords(text, moreThan: limit) == (words.count > limit), "\(text) \(limit)")
      }
    }
  }
}
