import Foundation
import RecallCards
import RecallStorage
import RecallTestSupport
import Testing

/// The import engine with a tiny stand-in for the parser and generator: each line
/// `term: definition` of a note is one card. These tests pin the bookkeeping (added, changed,
/// retired, restored, renamed, unchanged) independently of how real notes become cards.
struct ImportEngineTests {
  /// One card per `term: definition` line; a line `!bad` fails the note at that line.
  static let lines = CardExtraction(revision: 1) { bytes, file, deck throws(CardExtraction.Failure) in
    let text = String(decoding: bytes, as: UTF8.self)
    var cards: [Card] = []
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      if line.hasPrefix("!") {
        throw CardExtraction.Failure(line: index + 1, message: "The line says it is bad.")
      }
      guard let colon = line.firstIndex(of: ":") else { continue }
      let term = line[..<colon].trimmingCharacters(in: .whitespaces)
      let definition = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      cards.append(
        Card(
          key: "term › \(term)", kind: .term, deck: deck, file: file, line: index + 1,
          prompt: "What is \(term)?", answer: definition, choices: [], context: [], detail: nil,
          siblingGroup: "\(term)", contentHash: "\(term)=\(definition)"))
    }
    return CardExtraction.Result(cards: cards, stubs: [])
  }

  private let day = Date(timeIntervalSince1970: 1_800_000_000)

  private func source(_ file: String, _ text: String, deck: String? = nil) -> NoteSource {
    NoteSource(
      file: file, deck: deck ?? (file as NSString).lastPathComponent, contents: .bytes(Array(text.utf8)))
  }

  @discardableResult
  private func importing(
    _ store: Store, _ sources: [NoteSource], at offset: Double = 0, dryRun: Bool = false,
    fileExists: @escaping @Sendable (String) -> Bool = { _ in false }
  ) throws -> ImportReport {
    try store.importNotes(
      sources, paths: sources.map(\.file), extraction: Self.lines, now: day + offset,
      dryRun: dryRun, fileExists: fileExists)
  }

  /// Answers a card once, straight into the log.
  private func review(_ store: Store, _ cardID: Int64, at date: Date) throws {
    try store.recordReview(
      StoredReview(
        cardID: cardID, reviewedAt: date, rating: 3, quiz: "flip", durationMilliseconds: 1200,
        before: .new,
        after: CardSchedule(
          state: .learning, step: 0, stability: 2.3, difficulty: 5, due: date + 600, lastReview: date,
          reps: 1)))
  }

  @Test func addsThenSkipsAnUnchangedNote() throws {
    let store = try Store.inMemory()
    let note = source("/n/a.md", "ECS: containers\nEKS: kubernetes\n")
    let first = try importing(store, [note])
    #expect(first.added == 2)
    #expect(first.notes == 1)
    let cards = try store.cards()
    #expect(cards.map(\.card.answer) == ["containers", "kubernetes"])
    #expect(cards.allSatisfy { $0.status == .active && $0.schedule == .new && $0.card.deck == "a.md" })

    let second = try importing(store, [note], at: 60)
    #expect(second.unchanged == 2)
    #expect(second.unchangedNotes == 1)
    #expect(!second.changedAnything)
    #expect(try store.cards() == cards)
    #expect(try store.importRuns().count == 2)
  }

  @Test func editsRetiresAndRestoresWithoutLosingReviews() throws {
    let store = try Store.inMemory()
    try importing(store, [source("/n/a.md", "ECS: containers\nEKS: kubernetes\nLambda: functions\n")])
    let ids = Dictionary(uniqueKeysWithValues: try store.cards().map { ($0.card.key, $0.id) })
    for id in ids.values { try review(store, id, at: day + 100) }

    // Edit one answer, drop Lambda.
    let edited = try importing(store, [source("/n/a.md", "ECS: managed containers\nEKS: kubernetes\n")], at: 200)
    #expect((edited.added, edited.changed, edited.retired, edited.unchanged) == (0, 1, 1, 1))
    let afterEdit = try store.cards()
    #expect(afterEdit.first { $0.card.key.hasSuffix("ECS") }?.id == ids["term › ECS"])
    #expect(afterEdit.first { $0.card.key.hasSuffix("ECS") }?.schedule.reps == 1)
    #expect(afterEdit.first { $0.card.key.hasSuffix("Lambda") }?.status == .retired)
    #expect(try store.reviews().count == 3)

    // Lambda comes back: the same card, with its review.
    let back = try importing(
      store, [source("/n/a.md", "ECS: managed containers\nEKS: kubernetes\nLambda: functions\n")], at: 300)
    #expect((back.added, back.restored, back.retired) == (0, 1, 0))
    let lambda = try #require(try store.cards().first { $0.card.key.hasSuffix("Lambda") })
    #expect(lambda.id == ids["term › Lambda"])
    #expect(lambda.status == .active && lambda.retiredAt == nil)
    #expect(try store.reviews(cardID: lambda.id).count == 1)
    #expect(try store.reviews().count == 3)
  }

  @Test func renamedAndMovedNoteKeepsItsCards() throws {
    let store = try Store.inMemory()
    try importing(store, [source("/n/a.md", "ECS: containers\nEKS: kubernetes\n")])
    let before = try store.cards()
    try review(store, before[0].id, at: day + 10)

    // The old file is gone; a new one has the same content in another folder.
    let report = try importing(
      store, [source("/n/aws/ecs.md", "ECS: containers\nEKS: kubernetes\n", deck: "aws/ecs.md")], at: 20)
    #expect(report.renamed == 1)
    #expect(report.moves == [NoteMove(from: "/n/a.md", to: "/n/aws/ecs.md")])
    #expect((report.added, report.retired) == (0, 0))
    let after = try store.cards()
    #expect(after.map(\.id) == before.map(\.id))
    #expect(after.allSatisfy { $0.card.deck == "aws/ecs.md" && $0.card.file == "/n/aws/ecs.md" })
    #expect(try store.notes().count == 1)
    #expect(try store.reviews().count == 1)
  }

  @Test func copyOfANoteWhoseFileStillExistsIsANewNote() throws {
    let store = try Store.inMemory()
    try importing(store, [source("/n/a.md", "ECS: containers\n")])
    let report = try importing(store, [source("/n/b.md", "ECS: containers\n")], fileExists: { $0 == "/n/a.md" })
    #expect(report.renamed == 0)
    #expect(report.added == 1)
    #expect(try store.notes().count == 2)
  }

  @Test func unparseableNoteIsReportedAndItsCardsLeftAlone() throws {
    let store = try Store.inMemory()
    try importing(store, [source("/n/a.md", "ECS: containers\n"), source("/n/b.md", "X: y\n")])
    let report = try importing(
      store, [source("/n/a.md", "ECS: containers\n!broken\n"), source("/n/b.md", "X: y\nZ: w\n")], at: 5)
    #expect(report.errors == [ImportProblem(file: "/n/a.md", line: 2, message: "The line says it is bad.")])
    #expect(report.added == 1)
    #expect(report.retired == 0)
    #expect(try store.cards(deck: "a.md").map(\.status) == [.active])
    #expect(try store.cards().count == 3)
  }

  @Test func dryRunReportsAndWritesNothing() throws {
    let store = try Store.inMemory()
    try importing(store, [source("/n/a.md", "ECS: containers\n")])
    let cards = try store.cards()
    let report = try importing(store, [source("/n/a.md", "ECS: tasks\nEKS: pods\n")], at: 9, dryRun: true)
    #expect(report.isDryRun)
    #expect((report.added, report.changed) == (1, 1))
    #expect(try store.cards() == cards)
    #expect(try store.importRuns().count == 1)
  }

  @Test func swappedKeysKeepEachCardsIdentity() throws {
    let store = try Store.inMemory()
    try importing(store, [source("/n/a.md", "A: one\nB: two\n")])
    let before = try store.cards()
    // The definitions swap terms: pairing by key keeps the ids; content changes on both.
    let report = try importing(store, [source("/n/a.md", "A: two\nB: one\n")], at: 1)
    #expect(report.changed == 2)
    #expect(try store.cards().map(\.id) == before.map(\.id))
  }

  @Test func cardsFilterByDeckAndStatus() throws {
    let store = try Store.inMemory()
    try importing(
      store,
      [
        source("/n/aws/ecs.md", "A: one\n", deck: "aws/ecs.md"),
        source("/n/aws/eks.md", "B: two\n", deck: "aws/eks.md"),
        source("/n/net.md", "C: three\nD: four\n", deck: "net.md"),
      ])
    try importing(store, [source("/n/net.md", "C: three\n", deck: "net.md")], at: 1)
    #expect(try store.cards(deck: "aws").count == 2)
    #expect(try store.cards(deck: "aws/ecs").count == 1)
    #expect(try store.cards(deck: "net.md", status: .retired).map(\.card.answer) == ["four"])
    #expect(try store.cardCounts() == [.active: 3, .retired: 1])
  }

  /// SQLite counts characters, not bytes: a Korean folder name must select its decks.
  @Test func cardsFilterByKoreanFolder() throws {
    let store = try Store.inMemory()
    try importing(
      store,
      [
        source("/n/클라우드/ecs.md", "A: one\n", deck: "클라우드/ecs.md"),
        source("/n/클라우드/eks.md", "B: two\n", deck: "클라우드/eks.md"),
        source("/n/클라우드드/x.md", "C: three\n", deck: "클라우드드/x.md"),
      ])
    #expect(try store.cards(deck: "클라우드").map(\.card.deck) == ["클라우드/ecs.md", "클라우드/eks.md"])
    #expect(try store.cards(deck: "클라우드/").count == 2)
    // The review's queue, its daily tally and "due tomorrow" select the same decks.
    let later = day + 86_400
    let candidates = try store.reviewCandidates(deck: "클라우드", dueBefore: later, newLimit: 10, now: day)
    #expect(candidates.new.map(\.card.deck) == ["클라우드/ecs.md", "클라우드/eks.md"])
    let card = try #require(candidates.new.first)
    let after = CardSchedule(
      state: .learning, step: 0, stability: 1, difficulty: 5, due: day + 600, lastReview: day, reps: 1)
    try store.recordReview(
      StoredReview(
        cardID: card.id, reviewedAt: day, rating: 3, quiz: "flip", durationMilliseconds: 1000,
        before: card.schedule, after: after))
    #expect(try store.dueCount(before: later, deck: "클라우드") == 1)
    #expect(try store.dueCount(before: later, deck: "클라우드드") == 0)
    #expect(try store.studyDayTally(since: day - 1, deck: "클라우드").newIntroduced == 1)
    #expect(try store.studyDayTally(since: day - 1, deck: "클라우드드").newIntroduced == 0)
  }
}

/// What the import writes of each card.
struct ImportWritersTests {
  @Test func cardUIDsAreCanonicalUpperCaseUUIDsEachItsOwn() throws {
    let store = try Store.inMemory()
    try store.importNotes(
      [NoteSource(file: "/n/a.md", deck: "a.md", contents: .bytes(Array("A: 1\nB: 2\nC: 3\n".utf8)))],
      paths: [], extraction: ImportEngineTests.lines, now: Date(timeIntervalSince1970: 1_800_000_000))
    let uids = try store.cards().sorted { $0.id < $1.id }.map(\.uid)
    #expect(Set(uids).count == 3)
    for uid in uids {
      let parsed = try #require(UUID(uuidString: uid))
      #expect(parsed.uuidString == uid)
      // Version 4 (random), RFC 9562's variant.
      #expect(Array(uid)[14] == "4")
      #expect("89AB".contains(Array(uid)[19]))
    }
  }

  /// Past the 256 UUIDs drawn at once, the cards' UUIDs go on: each its own, version 4.
  @Test func cardUIDsStayRandomPastOneBatch() throws {
    let store = try Store.inMemory()
    let text = (1...600).map { "K\($0): \($0)" }.joined(separator: "\n")
    try store.importNotes(
      [NoteSource(file: "/n/many.md", deck: "many.md", contents: .bytes(Array(text.utf8)))],
      paths: [], extraction: ImportEngineTests.lines, now: Date(timeIntervalSince1970: 1_800_000_000))
    let uids = try store.cards().map(\.uid)
    #expect(uids.count == 600)
    #expect(Set(uids).count == 600)
    #expect(uids.allSatisfy { Array($0)[14] == "4" && "89AB".contains(Array($0)[19]) })
  }

  @Test func choicesAndContextRoundTripThroughJSON() throws {
    let store = try Store.inMemory()
    let odd = ["plain", "quote \" and \\ backslash", "tab\tnew\nline", "control \u{1}", "한글 ✓"]
    let extraction = CardExtraction(revision: 1) { _, file, deck throws(CardExtraction.Failure) in
      CardExtraction.Result(
        cards: [
          Card(
            key: "k", kind: .tableCell, deck: deck, file: file, line: 1, prompt: "p", answer: "a",
            choices: odd, context: odd.reversed(), detail: nil, siblingGroup: "g", contentHash: "h")
        ], stubs: [])
    }
    try store.importNotes(
      [NoteSource(file: "/n/a.md", deck: "a.md", contents: .bytes([1]))], paths: [],
      extraction: extraction, now: Date(timeIntervalSince1970: 0))
    let card = try #require(try store.cards().first)
    #expect(card.card.choices == odd)
    #expect(card.card.context == odd.reversed())
  }
}
