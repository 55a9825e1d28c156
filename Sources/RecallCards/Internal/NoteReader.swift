import RecallMarkdown

/// Reads one note, section by section, and collects its cards and stubs.
///
/// The reading is a single pass in note order, so the same note always gives the same cards
/// in the same order. Choices that need the whole note (the other terms of a definition card)
/// and content hashes are filled in at the end.
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
          !Rendering.isTableOfContents(list)
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

  /// The orientation an HTML comment right before (or, failing that, right after) the table at
  /// `index` asks for, else the note's.
  func orientationOverride(near index: Int, in blocks: [Block]) -> TableOrientation? {
    if index > 0, case .htmlBlock(let html) = blocks[index - 1],
      let found = TableOrientation.override(inComment: html.html)
    {
      return found
    }
    if index + 1 < blocks.count, case .htmlBlock(let html) = blocks[index + 1],
      let found = TableOrientation.override(inComment: html.html)
    {
      let nextIsTable: Bool = {
        guard index + 2 < blocks.count, case .table = blocks[index + 2] else { return false }
        return true
      }()
      if !nextIsTable { return found }
    }
    return noteOrientation
  }

  /// Whether `title`, lowercased, is one of ``contentsHeadings``.
  ///
  /// Lowercasing plain text keeps its length in bytes, and plain texts are equal when their
  /// bytes are: a plain title longer than every contents heading is none of them, told
  /// without lowercasing it.
  static func isContentsHeading(_ title: String) -> Bool {
    if title.utf8.count > longestContentsHeading && PlainText.isPlain(title) { return false }
    return contentsHeadings.contains(title.lowercased())
  }

  /// The length in bytes of the longest of ``contentsHeadings``.
  static let longestContentsHeading = contentsHeadings.map(\.utf8.count).max() ?? 0

  /// Headings of tables of contents, whose sections are not asked about.
  static let contentsHeadings: Set<String> = [
    "table of contents", "contents", "toc", "index", "목차", "차례", "содержание", "目录", "目錄", "目次",
  ]

  // MARK: Paragraphs and terms

  /// Reads a paragraph: its term lines become terms, the rest is returned as content.
  /// Returns whether the following list was used as the answer of a bold label.
  mutating func readParagraph(
    _ paragraph: Paragraph, followedBy list: ListBlock?, sectionIndex: Int, title: String
  ) -> (content: [String], usedList: Bool) {
    let section = outline.sections[sectionIndex]
    let lines = InlineRendering.nodeLines(paragraph.content.nodes)
    var content: [String] = []
    var current: (term: String, definition: [String], line: Int)?
    var usedList = false
    var pending: [(term: String, definition: [String], line: Int)] = []
    for (nodes, offset) in lines {
      if Navigation.isLinkOnly(nodes) { continue }
      if let found = TermForm.bold(nodes) {
        if let current { pending.append(current) }
        current = (
          found.term, found.definition.isEmpty ? [] : [found.definition],
          paragraph.location.line + offset
        )
      } else if current != nil {
        current?.definition += InlineRendering.lines(nodes)
      } else if lines.count == 1, list != nil, TableOrientation.isBoldOnly(nodes),
        TermForm.isShortName(InlineRendering.text(nodes).trimmed)
      {
        // A bold name over a list labels it; a bold sentence (`**Clarify with your interviewer
        // if …**`) is content like any other line.
        current = (InlineRendering.text(nodes).trimmed, [], paragraph.location.line + offset)
      } else {
        let text = InlineRendering.lines(nodes)
        // A line that is one defining sentence is a term of its own (`해시는 …이다.`).
        if text.count == 1, let found = ProseDefinition.parse(text[0], title: title) {
          pending.append((found.term, [found.sentence], paragraph.location.line + offset))
        } else {
          content += text
          if text.count == 1 {
            addClozes(
              nodes, line: text[0], at: paragraph.location.line + offset, context: section.path,
              title: title)
          }
        }
      }
    }
    // A bold label with nothing after it takes the list below: as its answer, or, when the
    // list holds `label: text` items of its own, as the group of those labels.
    var group: (label: String, line: Int, list: ListBlock)?
    if var last = current {
      if last.definition.isEmpty, let list {
        if NoteReader.hasLabelItems(list) {
          group = (last.term, last.line, list)
        } else {
          last.definition = Rendering.plainLines(of: .list(list))
          usedList = !last.definition.isEmpty
          pending.append(last)
        }
      } else {
        pending.append(last)
      }
    }
    for entry in pending {
      addTerm(
        entry.term, definition: entry.definition, line: entry.line,
        context: section.path, title: title)
    }
    if let group {
      let leftovers = readList(
        group.list, sectionIndex: sectionIndex, title: title, labelsMode: true,
        groups: [group.label])
      if !leftovers.isEmpty {
        addLabel(
          group.label, answer: leftovers, groups: [], line: group.line,
          sectionIndex: sectionIndex, title: title)
      }
      usedList = true
    }
    return (content, usedList)
  }

  /// The question of a paragraph that is only a bold question (`**그래도 해시 테이블을 쓰는
  /// 이유는?**`, `***RAM은 휘발성 아닌가요? 껐다키면…***`), if it is one.
  static func boldQuestion(_ paragraph: Paragraph) -> String? {
    var nodes = paragraph.content.nodes
    // `***…***` is bold inside emphasis.
    if nodes.count == 1, case .emphasis(let children) = nodes[0] { nodes = children }
    guard TableOrientation.isBoldOnly(nodes) else { return nil }
    let text = InlineRendering.text(nodes).trimmed
    guard !TermForm.containsLineFeed(text), text.contains("?") || text.contains("？"),
      PlainText.hasAtMostCharacters(text, 120)
    else { return nil }
    return text
  }

  /// Whether some item of `list` is a `label: text` (or bold term) item.
  static func hasLabelItems(_ list: ListBlock) -> Bool {
    list.items.contains { item in
      guard let nodes = Rendering.firstLine(of: item) else { return false }
      return TermForm.bold(nodes) != nil || TermForm.plain(nodes) != nil
    }
  }

  /// Adds a term card and its definition card, or a stub if the term has no definition.
  mutating func addTerm(
    _ term: String, definition: [String], line: Int, context: [String], title: String
  ) {
    guard !Navigation.isReferenceHeading(term) else { return }
    guard !definition.isEmpty else {
      addStub(.termWithoutDefinition, line: line, phrasing.termWithoutDefinition(term))
      return
    }
    let answer = definition.joinedText(separator: "\n")
    guard !ComparableText.equal(answer, term) else { return }
    guard
      let termCard = add(
        .term, anchor: ["term", term], context: context, line: line,
        prompt: phrasing.path([title, term]), answer: answer)
    else { return }
    let group = cards[termCard].key
    // The clue never shows the term it asks for; without enough words of its own, no card.
    if let clue = ClueMask.masked(AnswerLead.split(definition).lead, hiding: term),
      let definitionCard = add(
        .definition, anchor: ["term", term, "which"], context: context,
        line: line,
        prompt: phrasing.whichTerm(
          title: ClueMask.title(title, path: context, hiding: term), definition: clue),
        answer: term,
        siblingGroup: group)
    {
      terms.append(TermEntry(name: term, definitionCard: definitionCard))
    }
  }

  /// Gives each definition card the choice of its term among up to three other terms of the
  /// note, the nearest ones in note order, listed in note order.
  mutating func fillDefinitionChoices() {
    // Each term's name is normalized once; the first term of each normalized name stays.
    var names: [String] = []
    var positions: [TextKey: Int] = [:]
    positions.reserveCapacity(terms.count)
    let plains = terms.map { TextKey(normalized($0.name)) }
    for (entry, plain) in zip(terms, plains) where positions[plain] == nil {
      positions[plain] = names.count
      names.append(entry.name)
    }
    for (entry, plain) in zip(terms, plains) {
      guard let position = positions[plain] else { continue }
      let choices = Choices.around(position, in: names)
      if choices.count >= 2 { cards[entry.definitionCard].choices = choices }
    }
  }

  /// Makes sure that two cards of the note never ask the same question for different answers.
  ///
  /// Such prompts (two `### enQueue` sections under different parents, a term and a section of
  /// the same name) are first widened with the heading above them, as long as there is one;
  /// prompts still alike get the kind of card they are (`(용어)`, `(section)`), and cards of one
  /// kind a number, `(2)`, `(3)`, in note order.
  mutating func separateSamePrompts() {
    func clashes() -> [[Int]] {
      // Each prompt's first card, and the cards of the prompts that repeat: most prompts are
      // asked once and need no list of their own.
      var first: [TextKey: Int] = [:]
      first.reserveCapacity(cards.count)
      var repeated: [Int: [Int]] = [:]
      for index in cards.indices {
        let prompt = TextKey(cards[index].prompt)
        if let head = first[prompt] {
          repeated[head, default: [head]].append(index)
        } else {
          first[prompt] = index
        }
      }
      return repeated.values.filter { indexes in
        Set(indexes.map { cards[$0].answer }).count > 1
      }.sorted { $0[0] < $1[0] }
    }
    // Prompts change only when one is widened, so the clashes are found again only then.
    var groups = clashes()
    for _ in 0..<6 {
      var widened = false
      for group in groups {
        for index in group {
          let card = cards[index]
          guard PlainText.hasSuffix(card.prompt, "?") else { continue }
          let parts = card.prompt.dropLast().components(separatedBy: Phrasing.separator)
          guard let first = parts.first, let at = card.context.lastIndex(of: first), at > 0
          else { continue }
          cards[index].prompt = phrasing.path([card.context[at - 1]] + parts)
          widened = true
        }
      }
      if !widened { break }
      groups = clashes()
    }
    for group in groups {
      let kinds = Set(group.map { cards[$0].kind })
      var seen: [CardKind: Int] = [:]
      for index in group {
        let kind = cards[index].kind
        seen[kind, default: 0] += 1
        var marks: [String] = []
        if kinds.count > 1 { marks.append(phrasing.qualifier(kind)) }
        if let number = seen[kind], number > 1 { marks.append(String(number)) }
        if !marks.isEmpty { cards[index].prompt += " (\(marks.joined(separator: " ")))" }
      }
    }
  }

  // MARK: Lists, labels and flows

  /// Reads a list: terms, labels and flows become cards; the rest is returned as content.
  ///
  /// A numbered list is read as a flow only when the note says its order matters (see
  /// ``SequenceEvidence``); `introduction` is the paragraph right before it, if any.
  mutating func readList(
    _ list: ListBlock, sectionIndex: Int, title: String, labelsMode: Bool, groups: [String],
    introduction: String = ""
  ) -> [String] {
    if Rendering.isTableOfContents(list) { return [] }
    if list.isOrdered && groups.isEmpty {
      let firstLines = list.items.map { Rendering.firstLine(of: $0) }
      let allTerms = firstLines.allSatisfy { nodes in
        guard let nodes else { return false }
        return TermForm.bold(nodes) != nil || TermForm.plain(nodes) != nil
      }
      let isSequence = SequenceEvidence.isSequence(
        items: firstLines.map { $0.map(InlineRendering.text) ?? "" },
        heading: outline.sections[sectionIndex].title, introduction: introduction)
      if !allTerms, isSequence, readFlow(list, sectionIndex: sectionIndex, title: title) {
        return []
      }
    }
    var content: [String] = []
    for item in list.items {
      content += readItem(
        item, sectionIndex: sectionIndex, title: title, labelsMode: labelsMode,
        groups: groups)
    }
    return content
  }

  /// Reads one list item: a term or label, a group of labels, or content returned as lines.
  mutating func readItem(
    _ item: ListItem, sectionIndex: Int, title: String, labelsMode: Bool, groups: [String]
  ) -> [String] {
    let path = outline.sections[sectionIndex].path
    var blocks = item.blocks[...]
    var firstNodes: [Inline] = []
    var restLines: [String] = []
    var headIsHeading = false
    switch blocks.first {
    case .paragraph(let paragraph):
      let lines = InlineRendering.nodeLines(paragraph.content.nodes).filter {
        !Navigation.isLinkOnly($0.nodes)
      }
      firstNodes = lines.first?.nodes ?? []
      restLines = lines.dropFirst().flatMap { InlineRendering.lines($0.nodes) }
      blocks = blocks.dropFirst()
    case .heading(let heading):
      // A heading inside a list item (`1. ##### Read Uncommitted`) names the item.
      firstNodes = heading.content.nodes
      headIsHeading = true
      blocks = blocks.dropFirst()
    default:
      break
    }
    for block in blocks {
      if case .table(let table) = block {
        readTable(table, override: noteOrientation, path: path, title: title)
      }
    }
    let nestedLines = Rendering.plainLines(of: blocks)
    let line = item.location.line
    let bold = headIsHeading ? nil : TermForm.bold(firstNodes)
    let form = bold ?? (headIsHeading ? nil : TermForm.plain(firstNodes))
    // `- Roles:` over `**Project leads:** …` bullets names a group, not a term.
    let namesGroup =
      form.map { $0.definition.isEmpty && restLines.isEmpty } == true
      && blocks.contains { block in
        if case .list(let nested) = block { return NoteReader.hasLabelItems(nested) }
        return false
      }
    if let found = form, !namesGroup {
      let answer = ([found.definition] + restLines + nestedLines).filter { !$0.isBlank }
      if groups.isEmpty && (bold != nil || !labelsMode) {
        addTerm(found.term, definition: answer, line: line, context: path, title: title)
      } else {
        addLabel(
          found.term, answer: answer, groups: groups, line: line, sectionIndex: sectionIndex,
          title: title)
      }
      return []
    }
    let head = namesGroup ? (form?.term ?? "") : InlineRendering.text(firstNodes).trimmed
    let own = (head.isEmpty ? [] : [head]) + restLines
    // A short head with content below it (nested bullets, quotes, paragraphs) is a label whose
    // answer is that content; nested `label: text` bullets become labels of their own.
    // Asked only of heads with content below them.
    var isName: Bool {
      headIsHeading
        ? PlainText.hasAtMostCharacters(head, 80)
        : TermForm.isShortName(head) && TermForm.isBalanced(head)
    }
    // A short name on the item's first line with its explanation on the next lines
    // (`2. 데이터의 무결성<br>여러 경로를 통해 …`) is a label of that explanation, and its name
    // stays in the parent's answer.
    if !restLines.isEmpty, nestedLines.isEmpty, !head.isEmpty, !headIsHeading,
      TermForm.isShortName(head), TermForm.isBalanced(head), PlainText.wordCount(head) <= 4
    {
      let cardsBefore = cards.count
      addLabel(
        head, answer: restLines, groups: groups, line: line, sectionIndex: sectionIndex,
        title: title)
      // The parent asks for its children as an outline: their names, not their text.
      if cards.count > cardsBefore { return [head] }
    }
    if !nestedLines.isEmpty, restLines.isEmpty, !head.isEmpty, isName {
      let cardsBefore = cards.count
      var leftovers: [String] = []
      for block in blocks {
        guard case .list(let nested) = block else {
          leftovers += Rendering.plainLines(of: block)
          continue
        }
        if NoteReader.hasLabelItems(nested) {
          leftovers += readList(
            nested, sectionIndex: sectionIndex, title: title, labelsMode: true,
            groups: groups + [head])
        } else {
          leftovers += Rendering.plainLines(of: block)
        }
      }
      if !leftovers.isEmpty {
        addLabel(
          head, answer: leftovers, groups: groups, line: line, sectionIndex: sectionIndex,
          title: title)
      }
      if cards.count > cardsBefore { return [] }
    }
    return own + nestedLines.map { own.isEmpty ? $0 : "  " + $0 }
  }

  /// Adds a label card asked with its section and groups, or a stub if it has no text.
  mutating func addLabel(
    _ label: String, answer: [String], groups: [String], line: Int, sectionIndex: Int,
    title: String
  ) {
    guard !Navigation.isReferenceHeading(label) else { return }
    guard !answer.isEmpty else {
      addStub(.termWithoutDefinition, line: line, phrasing.termWithoutDefinition(label))
      return
    }
    let joined = answer.joinedText(separator: "\n")
    guard !ComparableText.equal(joined, label) else { return }
    let section = outline.sections[sectionIndex]
    add(
      .label, anchor: ["label", label], context: section.path + groups, line: line,
      prompt: phrasing.path([title] + groups + [label]), answer: joined)
  }

  /// Reads an ordered list as a flow if its steps are short (a line of at most 160 characters
  /// each); returns whether it did.
  mutating func readFlow(_ list: ListBlock, sectionIndex: Int, title: String) -> Bool {
    let steps = list.items.map { item -> String in
      guard let nodes = Rendering.firstLine(of: item) else { return "" }
      return InlineRendering.text(nodes).trimmed
    }
    guard steps.count >= 2, steps.allSatisfy({ !$0.isEmpty && $0.count <= 160 }) else {
      return false
    }
    let plainSteps = steps.map(normalized)
    guard Set(plainSteps.map(TextKey.init)).count == steps.count else { return false }
    let section = outline.sections[sectionIndex]
    let (anchor, title) = ordinal("flow", in: section.path, title: title)
    let orderKey = key(context: section.path, anchor: [anchor])
    for (position, step) in steps.enumerated() {
      let item = list.items[position]
      let prompt =
        position == 0
        ? phrasing.firstStep(flow: title)
        : phrasing.stepAfter(flow: title, step: steps[position - 1])
      var detailLines = Rendering.markedLines(of: item.blocks.dropFirst())
      if case .paragraph(let paragraph) = item.blocks.first {
        detailLines =
          Array(InlineRendering.lines(paragraph.content.nodes).dropFirst()) + detailLines
      }
      var detail = detailLines.isEmpty ? nil : detailLines.joined(separator: "\n")
      if detail == nil { detail = describingSection(of: step, after: sectionIndex) }
      var choices: [String] = []
      let excluded = position > 0 ? plainSteps[position - 1] : nil
      var candidates: [String] = []
      var candidatePlains: [String] = []
      var rightPosition = 0
      for (other, name) in steps.enumerated() {
        let plain = plainSteps[other]
        if other == position {
          rightPosition = candidates.count
          candidates.append(name)
          candidatePlains.append(plain)
          continue
        }
        if plain == excluded || plain == plainSteps[position] { continue }
        if candidatePlains.contains(plain) { continue }
        candidates.append(name)
        candidatePlains.append(plain)
      }
      choices = Choices.around(rightPosition, in: candidates)
      add(
        .flowStep, anchor: [anchor, step], context: section.path, line: item.location.line,
        prompt: prompt, answer: step, choices: choices.count >= 2 ? choices : [], detail: detail,
        siblingGroup: orderKey)
    }
    // Steps too long to put in order as a whole are asked one after the other only.
    let order = steps.joined(separator: "\n")
    guard !CardDefects.isLong(order) else { return true }
    add(
      .flowOrder, anchor: [anchor], context: section.path, line: list.location.line,
      prompt: phrasing.putInOrder(flow: title), answer: order,
      choices: Choices.scrambled(steps), siblingGroup: orderKey)
    return true
  }

  /// The content of the first section after `sectionIndex` whose heading names `step`
  /// (`## Route53` for the step "DNS (Route 53)"), as marked lines.
  mutating func describingSection(of step: String, after sectionIndex: Int) -> String? {
    let tokens = Rendering.nameTokens(step)
    guard !tokens.isEmpty else { return nil }
    let names =
      sectionNames
      ?? outline.sections.map { SectionName(Rendering.nameTokens($0.title).joined()) }
    sectionNames = names
    let tokenBytes = tokens.allSatisfy(PlainText.isPlain) ? tokens.map { Array($0.utf8) } : nil
    for index in names.indices.dropFirst(sectionIndex + 1) {
      let name = names[index].text
      guard !name.isEmpty else { continue }
      var found = false
      if let tokenBytes, let nameBytes = names[index].plainBytes {
        found = NoteReader.isRun(of: tokenBytes, spelling: nameBytes)
      } else {
        let nameLength = name.count
        for start in tokens.indices where !found {
          var joined = ""
          for end in start..<tokens.count {
            joined += tokens[end]
            if joined == name {
              found = true
              break
            }
            if joined.count >= nameLength { break }
          }
        }
      }
      if found {
        let lines = Rendering.markedLines(of: outline.sections[index].body[...])
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
      }
    }
    return nil
  }

  /// Whether some run of consecutive `tokens` spells `name`, byte for byte.
  static func isRun(of tokens: [[UInt8]], spelling name: [UInt8]) -> Bool {
    for start in tokens.indices {
      var position = 0
      for token in tokens[start...] {
        guard position + token.count <= name.count,
          name[position..<position + token.count].elementsEqual(token)
        else { break }
        position += token.count
        if position == name.count { return true }
      }
    }
    return false
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
      let (lead, rest) = AnswerLead.split(answer.components(separatedBy: "\n"))
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
    ClueMask.holds(ClueMask.withoutComparison(prompt), whole: answer)
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
