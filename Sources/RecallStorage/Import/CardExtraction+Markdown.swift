import RecallCards
import RecallMarkdown

extension CardExtraction {
  /// The real thing: the Markdown parser, then the card generator.
  ///
  /// A note that is not valid UTF-8 fails with the line of the first bad byte. Revision 2: keys
  /// leave out the deck (they name a card within its note). The card generator numbers a
  /// repeated key itself (`key #2`), so the keys of a note differ.
  public static var markdown: CardExtraction {
    CardExtraction(revision: 2) { bytes, file, deck throws(Failure) in
      let document: MarkdownDocument
      do throws(MarkdownParseError) {
        document = try MarkdownParser().parse(bytes, file: file)
      } catch {
        switch error {
        case .invalidUTF8(_, let line, let byteOffset):
          throw Failure(
            line: line,
            message: "The note is not valid UTF-8 (a bad byte at offset \(byteOffset)); save it as UTF-8 and import it again.")
        }
      }
      let generated = CardGenerator().generate(from: document, deck: deck, file: file)
      return Result(cards: generated.cards, stubs: generated.stubs)
    }
  }
}
