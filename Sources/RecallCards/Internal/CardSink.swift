/// Collects the cards and stubs of one note, and keeps what is note-wide while the rules read it.
///
/// Every rule hands its cards here: the sink turns away a card that asks nothing (an empty
/// prompt or answer, an answer that is only an address, a prompt that already says its answer),
/// shortens a long answer, and keeps keys unique within the note (a repeated key gets ` #2`,
/// ` #3`, …). It also remembers what only the whole note knows: the terms asked so far (for
/// the options of definition cards), how many tables and flows each section has had (for their
/// anchors), which tables and nested flows were already read, and the outline's section names
/// once a rule has needed them.
struct CardSink {
  /// A term card's place, for the choices of its definition card.
  struct TermEntry {
    /// The term.
    var name: String
    /// The index of its definition card in ``cards``.
    var definitionCard: Int
  }

  /// The note's path relative to the imported folder, for cards.
  let deck: String
  /// The note's path as given, for cards and stubs.
  let file: String

  /// The cards made so far, in note order.
  var cards: [Card] = []
  /// The stubs found so far, in note order.
  private(set) var stubs: [Stub] = []
  /// The terms made so far, for the choices of definition cards.
  private(set) var terms: [TermEntry] = []
  /// The keys given so far, so that a repeated one gets ` #2`.
  private var usedKeys: Set<TextKey> = []
  /// The lines of the numbered lists nested in items read as flows so far, each read once.
  private var flowsRead: Set<Int> = []
  /// The lines of the tables read so far: a table nested in list items is read once.
  private var tablesRead: Set<Int> = []
  /// How many tables and flows each section has had so far, for their anchors.
  private var ordinals: [String: Int] = [:]
  /// The outline's section names, made the first time a flow step looks for the section that
  /// describes it.
  private var madeSectionNames: [NoteOutline.SectionName]?

  /// An empty sink for the note `deck` at `file`.
  init(deck: String, file: String) {
    self.deck = deck
    self.file = file
  }

  /// How many cards the sink holds: a rule compares it before and after it hands cards over.
  var count: Int { cards.count }

  // MARK: Cards and stubs

  /// Adds a card unless its prompt or answer is empty, or its prompt says its answer; returns
  /// its index.
  @discardableResult
  mutating func add(
    _ kind: CardKind, anchor: [String], context: [String], line: Int, prompt: String,
    answer: String, choices: [String] = [], detail: String? = nil, siblingGroup: String? = nil,
    orientation: TableOrientation? = nil
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
    guard !CardSink.says(prompt, answer) else { return nil }
    var cardKey = CardSink.key(context: context, anchor: anchor)
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
        siblingGroup: siblingGroup ?? cardKey, contentHash: "", orientation: orientation))
    return cards.count - 1
  }

  /// Adds a stub at `line` of the note.
  mutating func addStub(_ kind: Stub.Kind, line: Int, _ message: String) {
    stubs.append(Stub(kind: kind, file: file, line: line, message: message))
  }

  /// Remembers `name` as a term of the note, asked by the definition card at `index`, so that
  /// the definition card gets the other terms as options (see ``DefinitionChoices``).
  mutating func addTerm(_ name: String, definitionCard index: Int) {
    terms.append(TermEntry(name: name, definitionCard: index))
  }

  /// The key of a card: heading path and anchor, joined by ` › `.
  ///
  /// A key names the card within its note, so it leaves out the deck: renaming or moving the
  /// note file keeps every key.
  static func key(context: [String], anchor: [String]) -> String {
    (context + anchor).joined(separator: Phrasing.separator)
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

  // MARK: What the whole note has seen

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

  /// The section names of `outline` (see ``NoteOutline/makeSectionNames()``), made once per
  /// note and only when a rule asks: most notes have no step to describe.
  mutating func sectionNames(in outline: NoteOutline) -> [NoteOutline.SectionName] {
    if let madeSectionNames { return madeSectionNames }
    let names = outline.makeSectionNames()
    madeSectionNames = names
    return names
  }

  /// Marks the table at `line` as read; returns whether it was not read before.
  mutating func markTableRead(at line: Int) -> Bool {
    tablesRead.insert(line).inserted
  }

  /// Whether the nested numbered list at `line` was already read as a flow.
  func hasReadFlow(at line: Int) -> Bool {
    flowsRead.contains(line)
  }

  /// Marks the nested numbered list at `line` as read as a flow.
  mutating func markFlowRead(at line: Int) {
    flowsRead.insert(line)
  }
}
