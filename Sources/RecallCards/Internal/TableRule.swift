import RecallMarkdown

/// Comparison tables: each filled cell is asked (`ECS › Type?`), and, when no other thing
/// shares its value, so is the thing it belongs to (`어느 것의 Type? …` → `ECS`).
///
/// The table is read as things and their attributes (see ``TableComparison``) in the
/// orientation its cells suggest (``TableOrientation/decide(_:)``) unless a comment or the
/// front matter says otherwise. A number grid gives no card; a table without a filled cell
/// gives a stub.
enum TableRule {
  /// Makes the cards of the table at `index` of the section's blocks.
  static func read(
    _ table: Table, at index: Int, of blocks: [Block], in place: SectionPlace,
    into sink: inout CardSink
  ) {
    let override = orientationOverride(near: index, in: blocks, note: place.outline.noteOrientation)
    read(table, override: override, in: place, into: &sink)
  }

  /// Reads the tables among `blocks` and those in the lists nested in them, at any depth: a
  /// table in an item is named by the item's short head (`Method` over a table of HTTP
  /// methods), else by the place's title. A table is read once, however many items hold it.
  static func readNested(
    in blocks: ArraySlice<Block>, in place: SectionPlace, into sink: inout CardSink
  ) {
    for block in blocks {
      switch block {
      case .table(let table):
        read(table, override: place.outline.noteOrientation, in: place, into: &sink)
      case .list(let list) where !Rendering.isTableOfContents(list):
        for item in list.items where item.blocks.count > 1 {
          let head = Rendering.firstLine(of: item).map { InlineRendering.text($0).trimmed } ?? ""
          let named = TermForm.isShortName(head) && TermForm.isBalanced(head)
          readNested(
            in: item.blocks.dropFirst(), in: named ? place.titled(head) : place, into: &sink)
        }
      default:
        break
      }
    }
  }

  /// Makes the cards of a comparison table in `place`, or a stub if it has no filled cells.
  static func read(
    _ table: Table, override: TableOrientation?, in place: SectionPlace,
    into sink: inout CardSink
  ) {
    guard sink.markTableRead(at: table.location.line) else { return }
    let table = TableComparison.withLabelsInHeader(table)
    guard !TableOrientation.isGrid(table) else { return }
    let phrasing = place.phrasing
    let path = place.path
    let orientation = override ?? TableOrientation.decide(table)
    let probe = TableComparison(of: table, orientation: orientation, title: place.title)
    guard probe.hasValues else {
      sink.addStub(.emptyTable, line: table.location.line, phrasing.emptyTable(place.title))
      return
    }
    let (anchor, title) = sink.ordinal("table", in: path, title: place.title)
    // Only a single record's thing is named by the title: rename it rather than read again.
    var comparison = probe
    if orientation == .singleRecord { comparison.things = [title] }
    let single = orientation == .singleRecord
    // Every name and value is normalized once, not once per comparison with another.
    // Compared as keys: equal ones tell so by bytes, different ones by their hashes.
    let plainThings = comparison.things.map { TextKey(ComparableText.of($0)) }
    var reverse: [(thing: Int, attribute: Int, group: String?)] = []
    for (a, attribute) in comparison.attributes.enumerated() {
      let column = comparison.things.indices.map { comparison.values[$0][a] }
      if !comparison.attributesNamed {
        // Unnamed rows are only asked in reverse, for the values no other thing shares.
        let plains = column.map { TextKey(ComparableText.of($0.joinedText())) }
        for t in column.indices where !column[t].isEmpty {
          if plains.indices.filter({ plains[$0] == plains[t] }).count == 1 {
            reverse.append((t, a, nil))
          }
        }
        continue
      }
      // A cell's lines joined with or without line breaks normalize alike: breaks are
      // whitespace.
      let plains = column.map { TextKey(ComparableText.of($0.joinedText())) }
      let filled = column.indices.filter { !column[$0].isEmpty }.map { plains[$0] }
      // An attribute that is the same for three or more things tells nothing apart.
      if filled.count >= 3 && Set(filled).count == 1 { continue }
      // A column of references only points elsewhere.
      if Navigation.isReferenceHeading(attribute) { continue }
      let plainAttribute = TextKey(ComparableText.of(attribute))
      // Made once per column rather than once per cell: each cell's answer, how many cells
      // share each value, and whether a filled cell is the first of its value.
      let answers = column.map { $0.joinedText(separator: "\n") }
      var counts: [TextKey: Int] = [:]
      counts.reserveCapacity(plains.count)
      for plain in plains { counts[plain, default: 0] += 1 }
      var isFirstOfValue = [Bool](repeating: false, count: column.count)
      var values = Set<TextKey>()
      for other in column.indices where !column[other].isEmpty {
        isFirstOfValue[other] = values.insert(plains[other]).inserted
      }
      for (t, thing) in comparison.things.enumerated() {
        let value = column[t]
        guard !value.isEmpty else { continue }
        let answer = answers[t]
        let plain = plains[t]
        guard plain != plainAttribute, single || plain != plainThings[t] else { continue }
        // Other things' values, identical ones merged, in table order: the right one, and the
        // first cell of every other value.
        var options: [Int] = []
        var rightPosition = 0
        for other in column.indices where !column[other].isEmpty {
          if other == t {
            rightPosition = options.count
            options.append(other)
          } else if isFirstOfValue[other] && plains[other] != plain {
            options.append(other)
          }
        }
        let choices = Choices.around(rightPosition, in: options).map { answers[$0] }
        let cellAnchor = single ? [anchor, attribute] : [anchor, thing, attribute]
        let prompt = phrasing.path(single ? [title, attribute] : [title, thing, attribute])
        guard
          let index = sink.add(
            .tableCell, anchor: cellAnchor, context: path,
            line: comparison.lines[t][a], prompt: prompt, answer: answer,
            choices: choices.count >= 2 ? choices : [], orientation: orientation)
        else { continue }
        let shared = (counts[plain] ?? 0) > 1
        if !single && comparison.things.count >= 2 && !shared {
          reverse.append((t, a, sink.cards[index].key))
        }
      }
    }
    for (t, a, group) in reverse {
      let thing = comparison.things[t]
      let attribute = comparison.attributes[a]
      var options: [String] = []
      var rightPosition = 0
      for (other, name) in comparison.things.enumerated() where !comparison.values[other][a].isEmpty
      {
        if other == t { rightPosition = options.count }
        options.append(name)
      }
      let choices = Choices.around(rightPosition, in: options)
      // The clue never shows the thing it asks for; without enough words of its own, no card.
      guard let clue = ClueMask.masked(comparison.values[t][a], hiding: thing) else { continue }
      sink.add(
        .tableThing, anchor: [anchor, thing, attribute, "which"], context: path,
        line: comparison.lines[t][a],
        prompt: phrasing.whichThing(
          title: ClueMask.title(title, path: path, hiding: thing),
          attribute: comparison.attributesNamed ? attribute : phrasing.trait, values: clue),
        answer: thing, choices: choices.count >= 2 ? choices : [], siblingGroup: group,
        orientation: orientation)
    }
  }

  /// The orientation an HTML comment right before (or, failing that, right after) the table at
  /// `index` asks for, else the note's.
  static func orientationOverride(
    near index: Int, in blocks: [Block], note: TableOrientation?
  ) -> TableOrientation? {
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
    return note
  }
}
