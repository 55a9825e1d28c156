import Foundation
import RecallCards
import RecallStorage
import RecallTestSupport
import Testing

/// Real edit histories of notes (`../shared/history`) replayed through the import, version after
/// version, with some cards reviewed between versions: the facts that survive an edit keep their
/// card, the facts that are gone are retired, and no new fact takes an old fact's card.
///
/// Whether two cards state the same fact is judged by ``FactJudge``, independently of the
/// matcher: by the text of the question and the answer, never by keys beyond an unchanged one.
/// Its verdicts were checked by reading samples of every rule (see its documentation).
@Suite(.serialized, .enabled(if: EditHistories.folder != nil, "../shared/history is absent"))
struct EditHistoryTests {
  /// One note's history in `MANIFEST.json`.
  struct History: Decodable {
    struct Version: Decodable { var file: String }
    var folder: String
    var versions: [Version]
  }

  @Test func factsKeepTheirCardsThroughRealEdits() throws {
    let root = try #require(EditHistories.folder)
    let manifest = try JSONDecoder().decode(
      [History].self, from: Data(contentsOf: root.appendingPathComponent("MANIFEST.json")))
    #expect(manifest.count >= 14)
    var tally = Tally()
    for history in manifest {
      try replay(history, root: root, into: &tally)
    }
    // Unbuffered, so the figures show even when the runner's output is a file; a line at a
    // time (through `swift test`, only the end of the one 8 KB write reached the log).
    for line in tally.summary().split(separator: "\n", omittingEmptySubsequences: false) {
      FileHandle.standardError.write(Data((line + "\n").utf8))
    }
    #expect(tally.wrongMerges.isEmpty, "\(tally.wrongMerges.count) wrong merges")
    #expect(tally.surviving > 1000)
    // The goals.
    #expect(tally.editedShare >= Self.editedFloor)
    #expect(tally.survivingShare >= Self.survivingFloor)
  }

  /// The share of edited surviving facts that must keep their card.
  static let editedFloor = 0.95
  /// The share of all surviving facts that must keep their card.
  static let survivingFloor = 0.99

  /// Imports every version of `history` in turn into a new store and judges each transition.
  private func replay(_ history: History, root: URL, into tally: inout Tally) throws {
    let folder = try TestPaths.makeTemporaryFolder("recall-edit-history")
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try Store.open(at: folder.appendingPathComponent("recall.sqlite").path)
    var clock = Date(timeIntervalSince1970: 1_800_000_000)
    var before: [String: StoredCard] = [:]
    var reviewed = 0
    for (number, version) in history.versions.enumerated() {
      let bytes = try Data(
        contentsOf: root.appendingPathComponent(history.folder).appendingPathComponent(version.file))
      clock += 86_400
      let source = NoteSource(file: "/notes/note.md", deck: "note.md", contents: .bytes(Array(bytes)))
      let report = try store.importNotes([source], paths: [], extraction: .markdown, now: clock)
      #expect(report.errors.isEmpty, "\(history.folder)/\(version.file): \(report.errors)")
      let after = Dictionary(uniqueKeysWithValues: try store.cards().map { ($0.uid, $0) })
      if number > 0 {
        tally.judge(
          before: before, after: after, at: "\(history.folder) \(history.versions[number - 1].file) → \(version.file)")
      }
      // Review every third active card, so the history a lost card would strand is real.
      let active = after.values.filter { $0.status == .active }.sorted { $0.id < $1.id }
      for card in active where (card.id + Int64(number)) % 3 == 0 {
        try store.recordReview(
          StoredReview(
            cardID: card.id, reviewedAt: clock + 3600, rating: 3, quiz: "flip",
            durationMilliseconds: 1500, before: card.schedule,
            after: CardSchedule(
              state: .review, step: 0, stability: 3, difficulty: 5, due: clock + 3 * 86_400,
              lastReview: clock + 3600, reps: card.schedule.reps + 1)))
        reviewed += 1
      }
      before = after
    }
    // No review lost its card.
    let cardIDs = Set(before.values.map(\.id))
    let reviews = try store.reviews()
    #expect(reviews.count == reviewed)
    #expect(reviews.allSatisfy { cardIDs.contains($0.cardID) })
  }

  /// The figures over every transition of every history.
  struct Tally {
    /// Facts of the old version that survive in the new one.
    var surviving = 0
    /// Of those, the ones that kept their card.
    var kept = 0
    /// Surviving facts whose text changed (no card of the new version asks and answers the same).
    var survivingEdited = 0
    /// Of those, the ones that kept their card.
    var keptEdited = 0
    /// Surviving facts that no new card asks with the same key (renamed, moved, changed kind).
    var survivingRekeyed = 0
    /// Of those, the ones that kept their card.
    var keptRekeyed = 0
    /// Cards that now state another fact than before: `where: old → new`.
    var wrongMerges: [String] = []
    /// Surviving facts that lost their card: `where: old (the new card that states it)`.
    var misses: [String] = []
    /// Facts judged gone.
    var gone = 0
    /// Facts judged gone that a new card resembles: `where: old (closest new card)`.
    var doubtful: [String] = []

    var editedShare: Double { survivingEdited == 0 ? 1 : Double(keptEdited) / Double(survivingEdited) }
    var survivingShare: Double { surviving == 0 ? 1 : Double(kept) / Double(surviving) }

    /// Judges one import: the cards before it and after it, by UUID.
    mutating func judge(before: [String: StoredCard], after: [String: StoredCard], at place: String) {
      let old = before.values.filter { $0.status == .active }.sorted { $0.id < $1.id }
      let new = after.values.filter { $0.status == .active }.sorted { $0.id < $1.id }
      // Every card that kept its UUID (or came back) must state the fact it stated before.
      for card in new {
        guard let earlier = before[card.uid] else { continue }
        if !FactJudge.same(earlier.card, card.card) {
          wrongMerges.append("\(place): \(Self.show(earlier.card)) → \(Self.show(card.card))")
        }
      }
      // The facts that survive: a largest set of old–new pairs of the same fact. An unchanged
      // card (one of the new version asks and answers the same) survives as that card; the
      // others are compared with every new card that is not such a twin.
      var twins: [String: [Int]] = [:]
      for (n, newCard) in new.enumerated() { twins[FactJudge.text(newCard.card), default: []].append(n) }
      let oldTexts = Set(old.map { FactJudge.text($0.card) })
      let open = new.indices.filter { !oldTexts.contains(FactJudge.text(new[$0].card)) }
      var edges: [[Int]] = Array(repeating: [], count: old.count)
      for (o, oldCard) in old.enumerated() {
        if let twin = twins[FactJudge.text(oldCard.card)] {
          edges[o] = twin
        } else {
          edges[o] = open.filter { FactJudge.same(oldCard.card, new[$0].card) }
        }
      }
      let matched = FactJudge.largestMatching(edges, right: new.count)
      let newKeys = Set(new.map(\.card.key))
      for (o, oldCard) in old.enumerated() where matched[o] != nil {
        let unchanged = twins[FactJudge.text(oldCard.card)] != nil
        let rekeyed = !newKeys.contains(oldCard.card.key)
        surviving += 1
        if !unchanged { survivingEdited += 1 }
        if rekeyed { survivingRekeyed += 1 }
        if let now = after[oldCard.uid], now.status == .active, FactJudge.same(oldCard.card, now.card) {
          kept += 1
          if !unchanged { keptEdited += 1 }
          if rekeyed { keptRekeyed += 1 }
        } else {
          let candidate = new[matched[o]!].card
          misses.append("\(place): \(Self.show(oldCard.card)) (now \(Self.show(candidate)))")
        }
      }
      // The facts judged gone, with the closest new card when it is somewhat alike, so that a
      // reader can check the judgement.
      for (o, oldCard) in old.enumerated() where matched[o] == nil {
        gone += 1
        let closest = open.map { new[$0].card }
          .filter { FactJudge.family($0.kind) == FactJudge.family(oldCard.card.kind) }
          .map { (card: $0, answers: FactJudge.dice(oldCard.card.answer, $0.answer)) }
          .max { $0.answers < $1.answers }
        if let closest, closest.answers >= 0.4 {
          doubtful.append(
            "\(place): \(Self.show(oldCard.card)) (closest \(String(format: "%.2f", closest.answers)): \(Self.show(closest.card)))")
        }
      }
    }

    static func show(_ card: Card) -> String {
      let answer = card.answer.replacingOccurrences(of: "\n", with: " / ")
      return "[\(card.kind.rawValue)] \(card.prompt) = \(answer.prefix(80))"
    }

    func summary() -> String {
      func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
      var lines = [
        "EditHistoryTests: edited surviving facts that kept their card: \(keptEdited)/\(survivingEdited) = \(percent(editedShare)) (goal ≥ 95%)",
        "EditHistoryTests: all surviving facts that kept their card: \(kept)/\(surviving) = \(percent(survivingShare)) (goal ≥ 99%)",
        "EditHistoryTests: of those, the facts no new card asks with the same key: \(keptRekeyed)/\(survivingRekeyed) kept their card",
        "EditHistoryTests: wrong merges: \(wrongMerges.count) (goal 0)",
      ]
      lines += wrongMerges.map { "  wrong merge: \($0)" }
      lines += misses.map { "  miss: \($0)" }
      lines.append("EditHistoryTests: facts judged gone: \(gone), of which \(doubtful.count) resemble a new card:")
      lines += doubtful.map { "  gone: \($0)" }
      return lines.joined(separator: "\n")
    }
  }
}

/// Where the edit histories are.
enum EditHistories {
  /// `../shared/history`, if it is there.
  static var folder: URL? {
    guard let url = TestPaths.shared?.appendingPathComponent("history"),
      FileManager.default.fileExists(atPath: url.appendingPathComponent("MANIFEST.json").path)
    else { return nil }
    return url
  }
}

/// Whether two cards state the same fact, judged from their text alone.
///
/// Two cards state the same fact when they are of the same family (a forward question: table
/// cell, term, section or label; a table's "which one"; a definition's "which term"; a flow
/// step; a whole flow) and:
/// 1. they have the same key and kind: the question is unchanged, whatever its answer became; or
/// 2. their answers are alike (character-bigram Dice ≥ 0.7) and so are their questions (≥ 0.5); or
/// 3. their answers are nearly the same (≥ 0.9) and at least 15 letters long: the fact stayed
///    while its question (a heading, a row name) was renamed; or
/// 4. their questions are nearly the same (≥ 0.9) and their answers still alike (≥ 0.4): the
///    fact was reworded under the same question.
///
/// The question of a forward card is the end of its prompt (the heading, term or label asked,
/// and for a table cell its row and column); of a reverse card, the text it shows; of a flow
/// card, its whole prompt. Texts are
/// compared lowercased, with only letters and digits. These rules and thresholds were set by
/// reading, for every history, the pairs each rule accepts and the near misses it refuses.
enum FactJudge {
  enum Family { case forward, tableThing, definition, flowStep, flowOrder }

  static func family(_ kind: CardKind) -> Family {
    switch kind {
    case .tableCell, .term, .section, .label: .forward
    case .tableThing: .tableThing
    case .definition: .definition
    case .flowStep: .flowStep
    case .flowOrder: .flowOrder
    }
  }

  /// The card's question and answer, for telling an unchanged card.
  static func text(_ card: Card) -> String { "\(card.kind.rawValue)\u{1F}\(card.prompt)\u{1F}\(card.answer)" }

  /// What the card asks, without the headings above it.
  static func question(_ card: Card) -> String {
    let parts = card.prompt.components(separatedBy: " › ")
    switch card.kind {
    case .tableCell: return parts.suffix(2).joined(separator: " ")
    case .tableThing, .definition: return parts.suffix(1).joined()
    case .flowStep, .flowOrder: return card.prompt
    case .term, .section, .label: return parts.last ?? ""
    }
  }

  static func same(_ a: Card, _ b: Card) -> Bool {
    guard family(a.kind) == family(b.kind) else { return false }
    if a.key == b.key && a.kind == b.kind { return true }
    let answers = dice(a.answer, b.answer)
    let questions = dice(question(a), question(b))
    if answers >= 0.7 && questions >= 0.5 { return true }
    if answers >= 0.9 && letters(a.answer).count >= 15 { return true }
    if questions >= 0.9 && family(a.kind) != .flowStep
      && (answers >= 0.4 || containment(a.answer, b.answer) >= 0.8)
    {
      return true
    }
    return false
  }

  /// Lowercased letters and digits.
  static func letters(_ text: String) -> String {
    String(text.lowercased().unicodeScalars.filter {
      $0.properties.isAlphabetic || $0.properties.numericType != nil
    }.map(Character.init))
  }

  /// The Dice coefficient of the character bigrams of two texts (1 for equal texts).
  static func dice(_ first: String, _ second: String) -> Double {
    let (shared, left, right) = bigrams(first, second)
    if left == 0 || right == 0 { return letters(first) == letters(second) ? 1 : 0 }
    return 2 * Double(shared) / Double(left + right)
  }

  /// The share of the shorter text's character bigrams found in the longer one.
  static func containment(_ first: String, _ second: String) -> Double {
    let (shared, left, right) = bigrams(first, second)
    guard min(left, right) > 0 else { return 0 }
    return Double(shared) / Double(min(left, right))
  }

  /// The number of character bigrams two texts share (counting repeats), and of each text's.
  static func bigrams(_ first: String, _ second: String) -> (shared: Int, first: Int, second: Int) {
    let left = codes(first)
    let right = codes(second)
    // Written apart from the matcher's own measure (TextLikeness), so the judge stays independent.
    var counts: [UInt64: Int] = [:]
    for code in left { counts[code, default: 0] += 1 }
    var shared = 0
    for code in right where counts[code, default: 0] > 0 {
      counts[code]! -= 1
      shared += 1
    }
    return (shared, left.count, right.count)
  }

  /// The text's bigrams of lowercased letters and digits (Unicode scalars), as codes.
  static func codes(_ text: String) -> [UInt64] {
    let scalars = text.lowercased().unicodeScalars.filter {
      $0.properties.isAlphabetic || $0.properties.numericType != nil
    }
    guard scalars.count > 1 else { return [] }
    var result: [UInt64] = []
    result.reserveCapacity(scalars.count - 1)
    var previous = scalars.first!
    for scalar in scalars.dropFirst() {
      result.append(UInt64(previous.value) << 32 | UInt64(scalar.value))
      previous = scalar
    }
    return result
  }

  /// A largest matching of a bipartite graph (augmenting paths): for each left node, its right
  /// node or `nil`.
  static func largestMatching(_ edges: [[Int]], right: Int) -> [Int?] {
    var rightMatch = [Int?](repeating: nil, count: right)
    func augment(_ node: Int, _ seen: inout [Bool]) -> Bool {
      for next in edges[node] where !seen[next] {
        seen[next] = true
        if rightMatch[next] == nil || augment(rightMatch[next]!, &seen) {
          rightMatch[next] = node
          return true
        }
      }
      return false
    }
    for node in edges.indices {
      var seen = [Bool](repeating: false, count: right)
      _ = augment(node, &seen)
    }
    var leftMatch = [Int?](repeating: nil, count: edges.count)
    for (r, l) in rightMatch.enumerated() { if let l { leftMatch[l] = r } }
    return leftMatch
  }
}
