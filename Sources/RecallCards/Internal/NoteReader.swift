import RecallMarkdown

/// Reads one note, section by section, and collects its cards and stubs.
///
/// The reading is a single pass in note order, so the same note always gives the same cards
/// in the same order. Choices that need the whole note (the other terms of a definition card)
/// and content hashes are filled in at the end.
///
/// Each shape of a note is read in a file of its own: tables (`NoteReader+Tables`), paragraphs
/// and terms (`+Terms`), lists and flows (`+Lists`), arrow chains (`+Chains`), tables of
/// contents (`+Contents`), clozes (`+Cloze`) and the options of choice quizzes (`+Choices`);
/// the rules they share are small types of their own (``Navigation``, ``SequenceEvidence``,
/// ``ArrowChain``, ``TableCells``, ``ProseDefinition``, ``ClueMask``, ``AnswerLead``).
struct NoteReader {
  /// A term card's place, for the choices of its definition card.
  struct TermEntry {
    /// The term.
    var name: String
    /// The index of its definition card in ``cards``.
    var definitionCard: Int
  }

  /// The note's path relative to the imported folder, for cards and the fallback title.
  let deck: String
  /// The note's path as given, for cards and stubs.
  let file: String
  /// The language of the prompts.
  let phrasing: Phrasing
  /// The note cut into sections.
  let outline: NoteOutline
  /// The orientation the front matter sets for every table, if any.
  let noteOrientation: TableOrientation?
  /// The title of cards that come before the first heading: the note's file name.
  let fallbackTitle: String

  /// The cards made so far, in note order.
  var cards: [Card] = []
  /// The stubs found so far, in note order.
  var stubs: [Stub] = []
  /// The keys given so far, so that a repeated one gets ` #2`.
  var usedKeys: Set<TextKey> = []
  /// The terms made so far, for the choices of definition cards.
  var terms: [TermEntry] = []
  /// Every section's title as compared text, made when the first list of three items or more
  /// is checked for a table of contents.
  var headingTexts: Set<String>?
  /// The lines of the numbered lists nested in items read as flows so far, each read once.
  var flowsRead: Set<Int> = []
  /// The lines of the tables read so far: a table nested in list items is read once.
  var tablesRead: Set<Int> = []
  /// How many tables and flows each section has had so far, for their anchors.
  var ordinals: [String: Int] = [:]
  /// Each section's title as one run of lowercase letters and digits, made when the first flow
  /// step looks for the section that describes it.
  var sectionNames: [SectionName]?

  /// A section's title as one run of lowercase letters and digits.
  struct SectionName {
    /// The run.
    var text: String
    /// Its UTF-8 bytes when it is plain text, which then equals another plain text exactly
    /// when their bytes are equal.
    var plainBytes: [UInt8]?

    init(_ text: String) {
      self.text = text
      plainBytes = PlainText.isPlain(text) ? Array(text.utf8) : nil
    }
  }

  /// Prepares to read `document` as the note `deck` at `file`.
  init(document: MarkdownDocument, deck: String, file: String) {
    self.deck = deck
    self.file = file
    outline = NoteOutline(document)
    phrasing = Phrasing(NoteReader.letters(of: document))
    noteOrientation = document.frontMatter?.value(for: TableOrientation.frontMatterKey)
      .flatMap(TableOrientation.override(inFrontMatter:))
    var name = Substring(deck.split(separator: "/").last ?? Substring(deck))
    if name.lowercased().hasSuffix(".md") { name = name.dropLast(3) }
    fallbackTitle = String(name)
  }

  /// Reads the whole note.
  mutating func read() -> NoteCards {
    for index in outline.sections.indices { readSection(index) }
    fillDefinitionChoices()
    widenChoices()
    separateSamePrompts()
    for index in cards.indices {
      let hash = NoteReader.contentHash(
        prompt: cards[index].prompt, answer: cards[index].answer, choices: cards[index].choices)
      cards[index].contentHash = hash
    }
    return NoteCards(cards: cards, stubs: stubs)
  }

  /// The hash of what `card` asks and answers: its prompt, answer and choices, the choices
  /// joined by U+001E and the three by U+001F, hashed as they come rather than joined first.
  static func contentHash(of card: Card) -> String {
    contentHash(prompt: card.prompt, answer: card.answer, choices: card.choices)
  }

  /// ``contentHash(of:)`` from the card's texts, read where they are.
  static func contentHash(prompt: String, answer: String, choices: [String]) -> String {
    var hash = StableHash.fnv1a(prompt)
    hash = StableHash.fnv1a(byte: 0x1F, from: hash)
    hash = StableHash.fnv1a(answer, from: hash)
    hash = StableHash.fnv1a(byte: 0x1F, from: hash)
    for (position, choice) in choices.enumerated() {
      if position > 0 { hash = StableHash.fnv1a(byte: 0x1E, from: hash) }
      hash = StableHash.fnv1a(choice, from: hash)
    }
    return StableHash.hex(hash)
  }

  // MARK: Sections

  /// Reads one section: its tables, terms, flows and labels become cards; what is left of its
  /// paragraphs and bullets becomes the section's own card; an empty heading becomes a stub.
  mutating func readSection(_ index: Int) {
    let section = outline.sections[index]
    let blocks = section.body
    let contentIndexes = blocks.indices.filter { NoteOutline.isContent(blocks[$0]) }
    if let heading = section.heading, contentIndexes.isEmpty, !section.hasSubsections {
      addStub(.emptySection, line: heading.location.line, phrasing.emptySection(section.title))
      return
    }
    // A table of contents only points at the note's own sections.
    if NoteReader.isContentsHeading(section.title) { return }
    // Nor does a list of references: it only points elsewhere.
    if Navigation.isReferenceHeading(section.title) { return }
    let title = section.title.isEmpty ? fallbackTitle : section.title
    let labelsMode: Bool = {
      guard contentIndexes.count == 1, case .list(let list) = blocks[contentIndexes[0]] else {
        return false
      }
      return !list.isOrdered
    }()
    var content: [String] = []
    var consumed = Set<Int>()
    for blockIndex in blocks.indices where !consumed.contains(blockIndex) {
      switch blocks[blockIndex] {
      case .table(let table):
        readTable(
          table, override: orientationOverride(near: blockIndex, in: blocks),
          path: section.path, title: title)
      case .paragraph(let paragraph):
        readChains(in: paragraph, sectionIndex: index, title: title)
        // A bold question followed by a paragraph (or a quote) is asked with that answer.
        if let question = NoteReader.boldQuestion(paragraph), blockIndex + 1 < blocks.count,
          case .paragraph(let next) = blocks[blockIndex + 1]
        {
          let answer = InlineRendering.contentLines(next.content.nodes)
          if !answer.isEmpty {
            addLabel(
              question, answer: answer, groups: [], line: paragraph.location.line,
              sectionIndex: index, title: title)
            consumed.insert(blockIndex + 1)
            continue
          }
        }
        var following: ListBlock?
        if blockIndex + 1 < blocks.count, case .list(let list) = blocks[blockIndex + 1],
          !isContents(list)
        {
          following = list
        }
        let (lines, usedList) = readParagraph(
          paragraph, followedBy: following, sectionIndex: index, title: title)
        content += lines
        if usedList { consumed.insert(blockIndex + 1) }
      case .list(let list):
        var introduction = ""
        if blockIndex > 0, case .paragraph(let paragraph) = blocks[blockIndex - 1] {
          introduction = InlineRendering.text(paragraph.content.nodes)
        }
        content += readList(
          list, sectionIndex: index, title: title, labelsMode: labelsMode,
          groups: [], introduction: introduction)
      case .blockQuote(let quote):
        readChains(in: quote, sectionIndex: index, title: title)
      default:
        break
      }
    }
    if let heading = section.heading, !content.isEmpty {
      let answer = content.joinedText(separator: "\n")
      guard !ComparableText.equal(answer, section.title) else { return }
      add(
        .section, anchor: ["section"], context: section.path, line: heading.location.line,
        prompt: phrasing.path(Array(section.path.suffix(2))), answer: answer)
    }
  }

  // MARK: Cards, keys and stubs

  /// The key of a card: heading path and anchor, joined by ` › `.
  ///
  /// A key names the card within its note, so it leaves out the deck: renaming or moving the
  /// note file keeps every key.
  func key(context: [String], anchor: [String]) -> String {
    (context + anchor).joined(separator: Phrasing.separator)
  }

  /// `name`, or `name 2`, `name 3`, … for the second and later of its kind in one section.
  ///
  /// The title shown in prompts gets the same number, `title (2)`, so that two tables or flows
  /// of one section never ask the same question.
  mutating func ordinal(_ name: String, in path: [String], title: String) -> (
    anchor: String, title: String
  ) {
    let counter = (path + [name]).joined(separator: "\u{1F}")
    let count = (ordinals[counter] ?? 0) + 1
    ordinals[counter] = count
    return count == 1 ? (name, title) : ("\(name) \(count)", "\(title) (\(count))")
  }

  /// Adds a card unless its prompt or answer is empty; returns its index.
  @discardableResult
  mutating func add(
    _ kind: CardKind, anchor: [String], context: [String], line: Int, prompt: String,
    answer: String, choices: [String] = [], detail: String? = nil, siblingGroup: String? = nil
  ) -> Int? {
    guard !prompt.isBlank, !answer.isBlank else { return nil }
    var answer = answer
    var detail = detail
    // One fact, one card: a long answer keeps what can be recalled, the rest is its detail.
    if kind == .section || kind == .term || kind == .label, CardDefects.isLong(answer) {
      let (lead, rest) = AnswerLead.split(
        InlineRendering.splitLines(answer, keepingEmpty: true).map(String.init))
      answer = lead.joined(separator: "\n")
      let more = rest.joined(separator: "\n")
      detail = [more, detail].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "\n")
      if detail?.isEmpty == true { detail = nil }
    }
    guard !Navigation.isAddressOnly(answer) else { return nil }
    // A prompt that already says its answer asks nothing (`GFS › Type?` → `File system`, when
    // the thing is `Google File System`).
    guard !NoteReader.says(prompt, answer) else { return nil }
    var cardKey = key(context: context, anchor: anchor)
    if !usedKeys.insert(TextKey(cardKey)).inserted {
      var number = 2
      while usedKeys.contains(TextKey("\(cardKey) #\(number)")) { number += 1 }
      cardKey = "\(cardKey) #\(number)"
      usedKeys.insert(TextKey(cardKey))
    }
    cards.append(
      Card(
        key: cardKey, kind: kind, deck: deck, file: file, line: line, prompt: prompt,
        answer: answer, choices: choices, context: context, detail: detail,
        siblingGroup: siblingGroup ?? cardKey, contentHash: ""))
    return cards.count - 1
  }

  /// Whether `prompt` says `answer`, apart from a heading that compares it with others
  /// (see ``ClueMask/holds(_:whole:)`` and ``ClueMask/isComparison(_:)``).
  static func says(_ prompt: String, _ answer: String) -> Bool {
    // Leaving parts out only shortens a prompt: one shorter than the answer cannot hold it.
    guard answer.utf8.count <= prompt.utf8.count else { return false }
    // Nor does it give the prompt new words: an answer without `›` (which could span parts)
    // that the whole prompt does not hold, what is left of it does not hold either.
    if !answer.unicodeScalars.contains("›"), !ClueMask.holds(prompt, whole: answer) { return false }
    return ClueMask.holds(ClueMask.withoutComparison(prompt), whole: answer)
  }

  /// Adds a stub at `line` of the note.
  mutating func addStub(_ kind: Stub.Kind, line: Int, _ message: String) {
    stubs.append(Stub(kind: kind, file: file, line: line, message: message))
  }

  /// Text to compare: lowercased, without whitespace (see ``ComparableText``).
  func normalized(_ text: String) -> String {
    ComparableText.of(text)
  }

  /// The letters of a sample of the note's text, for its language: headings, paragraphs and
  /// table cells, up to the block that takes the sample past 20,000 scalars.
  ///
  /// The sample is the texts joined by line feeds, which are not letters: its letters are
  /// counted text by text, without joining them.
  static func letters(of document: MarkdownDocument) -> Phrasing.LetterCount {
    var count = Phrasing.LetterCount()
    // The scalars of the sample, counted as it grows: counting them again after every block
    // made long notes quadratic.
    var scalars = 0
    func append(_ nodes: [Inline]) {
      scalars += count.add(nodes) + 1
    }
    var isFull: Bool { scalars > 20_000 }
    func visit(_ blocks: [Block]) {
      for block in blocks where !isFull {
        switch block {
        case .heading(let heading): append(heading.content.nodes)
        case .paragraph(let paragraph): append(paragraph.content.nodes)
        case .list(let list): for item in list.items where !isFull { visit(item.blocks) }
        case .blockQuote(let quote): visit(quote.blocks)
        case .table(let table):
          for row in [table.header] + table.rows where !isFull {
            for cell in row.cells { append(cell.content.nodes) }
          }
        default: break
        }
      }
    }
    visit(document.blocks)
    return count
  }
}
