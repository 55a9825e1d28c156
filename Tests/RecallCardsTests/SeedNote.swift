import Foundation
import RecallCards
import RecallMarkdown
import RecallTestSupport

/// The seed note and its cards, read once per use.
enum SeedNote {
  /// The seed note's text.
  static var text: String {
    (try? String(contentsOf: TestPaths.seedNote, encoding: .utf8)) ?? ""
  }

  /// The cards and stubs of `text` read as the note `deck`.
  static func cards(of text: String, deck: String = "ecs-eks-lambda.md") -> NoteCards {
    let document = MarkdownParser().parse(text, file: deck)
    return CardGenerator().generate(from: document, deck: deck, file: deck)
  }

  /// The seed's cards.
  static var noteCards: NoteCards { cards(of: text) }
}
