import Foundation
import GRDB
import RecallCards
import RecallTestSupport
import Testing

@testable import RecallStorage

/// The smaller card table (migration 0016): a database at the schema before it reads back the
/// same through every part of the store that reads cards or their reviews; UUIDs are stored as
/// bytes where that reads back the same text, as text otherwise; and the readers of the
/// narrowed indexes still search them.
struct CompactCardTableTests {
  private static let day = Date(timeIntervalSince1970: 1_800_000_000)

  /// Every migration before 0016, for a database at the schema of the release before it.
  private static let before0016 = StoreOptions(
    migrations: SchemaMigration.embedded.filter { $0.identifier < "0016" })

  private static func source(_ deck: String, _ text: String) -> NoteSource {
    NoteSource(file: "/n/\(deck)", deck: deck, contents: .bytes(Array(text.utf8)))
  }

  private static let table = """
    # 서비스

    | 서비스 | 방향성 | 원리 |
    |---|---|---|
    | ECS | 컨테이너 | 태스크 |
    | EKS | 쿠버네티스 | 파드 |
    | Lambda | 서버리스 | 함수 |

    """

  private static func terms(_ range: ClosedRange<Int>) -> String {
    "# 용어\n\n" + range.map { "**T\($0):** meaning \($0)\n" }.joined(separator: "\n")
  }

  /// Everything the store reads of the cards and of their reviews.
  private struct Readings: Equatable {
    var cards: [StoredCard]
    var identities: [CardIdentity]
    var memories: [CardMemory]
    var reviews: [StoredReview]
    var byCard: [[StoredReview]]
    var undos: [ReviewUndo]
    var candidates: ReviewCandidates
    var siblings: [[Date]]
    var dueCount: Int
    var leeches: [Int64]
    var retired: Int
  }

  private static func readings(_ store: Store) throws -> Readings {
    let cards = try store.cards()
    var memories: [CardMemory] = []
    try store.forEachCardMemory { memories.append($0) }
    return Readings(
      cards: cards, identities: try store.cardIdentities(), memories: memories,
      reviews: try store.reviews(includingUndone: true),
      byCard: try cards.map { try store.reviews(cardID: $0.id, includingUndone: true) },
      undos: try store.reviewUndos(),
      candidates: try store.reviewCandidates(
        deck: nil, dueBefore: day + 30 * 86_400, newLimit: 100, now: day + 10 * 86_400),
      siblings: try cards.map { try store.siblingDueDates(cardID: $0.id) },
      dueCount: try store.dueCount(before: day + 30 * 86_400), leeches: try store.leechCards().map(\.id),
      retired: try store.retiredCardCount())
  }

  private static func answer(
    _ store: Store, _ cardID: Int64, at date: Date, rating: Int = 3
  ) throws -> StoredReview {
    let before = try #require(try store.card(id: cardID)).schedule
    let lapses = before.lapses + (rating == 1 ? 1 : 0)
    let entry = StoredReview(
      cardID: cardID, reviewedAt: date, rating: rating, quiz: "choice", answer: "a", correct: rating > 1,
      durationMilliseconds: 1200, before: before,
      after: CardSchedule(
        state: rating == 1 ? .relearning : .review, step: rating == 1 ? 0 : nil,
        stability: 1.5 + Double(before.reps) * 1.7, difficulty: 5.25, due: date + 86_400 * (2 + Double(before.reps)),
        lastReview: date, reps: before.reps + 1, lapses: lapses))
    _ = try store.recordReview(entry, leech: LeechRule(threshold: 1, action: .suspend))
    return entry
  }

  /// A database at the schema before 0016: table cards and terms in two decks, answered, one answer
  /// undone, a leech suspended, a card retired, one buried and one whose UUID is lower-case
  /// text (as `recall check` writes for a card it recovers).
  private static func historyBefore0016() throws -> (path: String, lowerCased: Int64) {
    let path = try TestPaths.makeTemporaryFolder("recall-compact-card").appendingPathComponent("recall.sqlite").path
    let store = try Store.open(at: path, options: before0016)
    _ = try store.importNotes(
      [source("a.md", table + terms(1...4)), source("b.md", terms(5...7))], paths: ["/n"],
      extraction: .markdown, now: day)
    let cards = try store.cards()
    #expect(cards.contains { $0.card.kind == .tableCell } && cards.contains { $0.card.kind == .term })
    for (index, card) in cards.prefix(8).enumerated() {
      _ = try answer(store, card.id, at: day + Double(index) * 600)
      _ = try answer(store, card.id, at: day + 2 * 86_400 + Double(index) * 600)
    }
    let undone = try answer(store, cards[0].id, at: day + 5 * 86_400)
    try store.undoReview(id: undone.id, at: day + 5 * 86_400 + 30)
    _ = try answer(store, cards[1].id, at: day + 5 * 86_400 + 60, rating: 1)
    try store.bury(cardID: cards[2].id, until: day + 20 * 86_400, at: day + 5 * 86_400)
    _ = try store.setDue(cardIDs: [cards[3].id], due: day + 6 * 86_400, at: day + 5 * 86_400)
    // b.md loses its last term: that card is retired.
    _ = try store.importNotes(
      [source("a.md", table + terms(1...4)), source("b.md", terms(5...6))], paths: ["/n"],
      extraction: .markdown, now: day + 5 * 86_400)
    let lowerCased = try #require(cards.first { $0.card.deck == "b.md" }).id
    try store.dbQueue.write { db in
      try db.execute(sql: "UPDATE card SET uid = lower(uid) WHERE id = ?", arguments: [lowerCased])
    }
    return (path, lowerCased)
  }

  @Test func aDatabaseBeforeTheMigrationReadsTheSameAfterIt() throws {
    let (path, lowerCased) = try Self.historyBefore0016()
    let old = try Store.open(at: path, options: Self.before0016)
    let before = try Self.readings(old)
    try old.dbQueue.close()
    #expect(before.undos.count == 1 && before.leeches.count == 1 && before.retired == 2)
    #expect(before.cards.contains { $0.isSuspended } && before.memories.contains { $0.tableKey != nil })

    let store = try Store.open(at: path)
    #expect(store.upgrade?.appliedMigrations.contains("0016_compact_card_table") == true)
    #expect(try Self.readings(store) == before)
    try store.dbQueue.read { db in
      // Foundation's UUIDs as their 16 bytes; the lower-case one as its text.
      let stored = try Row.fetchAll(db, sql: "SELECT id, typeof(uid), length(uid) FROM card ORDER BY id")
        .map { ($0[0] as Int64, $0[1] as String, $0[2] as Int) }
      #expect(stored.allSatisfy { $0.0 == lowerCased ? ($0.1, $0.2) == ("text", 36) : ($0.1, $0.2) == ("blob", 16) }, "\(stored)")
      #expect(try Int.fetchOne(db, sql: "PRAGMA freelist_count") == 0)
      #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
      let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_index_info('card_stats') ORDER BY seqno")
      #expect(columns == ["status", "noteId", "line", "kind", "context"])
      let reviewCard = try String.fetchAll(db, sql: "SELECT name FROM pragma_index_info('review_card') ORDER BY seqno")
      #expect(reviewCard == ["cardId"])
    }

    // A new import keeps every UUID (the lower-case one as it was, its card changed) and adds
    // cards as bytes; the new-card trigger made again still lists them.
    let edited = Self.terms(5...6).replacingOccurrences(of: "meaning 5", with: "meaning five") + "\n**T9:** nine\n"
    let report = try store.importNotes(
      [Self.source("a.md", Self.table + Self.terms(1...4)), Self.source("b.md", edited)],
      paths: ["/n"], extraction: .markdown, now: Self.day + 6 * 86_400)
    #expect(report.added == 2 && report.changed >= 1)
    let identities = try store.cardIdentities()
    #expect(Array(identities.prefix(before.identities.count)) == before.identities)
    let added = try #require(identities.last)
    #expect(UUID(uuidString: added.uid)?.uuidString == added.uid)
    #expect(identities.first { $0.id == lowerCased }?.uid == identities.first { $0.id == lowerCased }?.uid.lowercased())
    let new = try store.reviewCandidates(deck: nil, dueBefore: Self.day, newLimit: 100, now: Self.day).new
    #expect(new.contains { $0.id == added.id })
    let kind = try store.dbQueue.read { db in
      try String.fetchOne(db, sql: "SELECT typeof(uid) FROM card WHERE id = ?", arguments: [added.id])
    }
    #expect(kind == "blob")
  }

  @Test func aLogOutOfTimeOrderGetsTheTimeBackInTheCardIndex() throws {
    let store = try Store.inMemory()
    _ = try store.importNotes([Self.source("b.md", Self.terms(1...2))], paths: ["/n"], extraction: .markdown, now: Self.day)
    let cards = try store.cards()
    _ = try Self.answer(store, cards[0].id, at: Self.day + 86_400)
    _ = try Self.answer(store, cards[0].id, at: Self.day + 3 * 86_400)
    let columns = { () throws -> [String] in
      try store.dbQueue.read { db in
        try String.fetchAll(db, sql: "SELECT name FROM pragma_index_info('review_card') ORDER BY seqno")
      }
    }
    #expect(try columns() == ["cardId"])
    // Another device's answer, dated between the two, goes in out of order.
    let first = try #require(try store.reviews(cardID: cards[0].id).first)
    var after = first.after
    after.reps += 1
    try store.recordReviews([
      StoredReview(
        cardID: cards[0].id, reviewedAt: Self.day + 2 * 86_400, rating: 3, quiz: "flip",
        durationMilliseconds: 800, before: first.after, after: after)
    ])
    #expect(try columns() == ["cardId", "reviewedAt"])
    #expect(try store.reviews(cardID: cards[0].id).map(\.reviewedAt) == [1, 2, 3].map { Self.day + Double($0) * 86_400 })
    try store.dbQueue.read { db in
      for query in [ReviewLog.lastRowUntilQuery(inTimeOrder: false), ReviewLog.firstRowAfterQuery(inTimeOrder: false)] {
        let plan = try Self.plan(db, query, [1, 0])
        #expect(Self.searchesACardsRows(plan) && !plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
      }
    }
  }

  /// Whether a plan searches a card's rows of the review log through `review_card`.
  private static func searchesACardsRows(_ plan: [String]) -> Bool {
    plan.contains { $0.hasPrefix("SEARCH review USING") && $0.contains("INDEX review_card (cardId=?") }
  }

  /// The query plan of `sql`, one line a step.
  private static func plan(_ db: Database, _ sql: String, _ arguments: StatementArguments = []) throws -> [String] {
    try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
  }

  @Test func theNarrowedIndexesAreStillSearched() throws {
    let store = try Store.inMemory()
    try store.dbQueue.read { db in
      // An answer finds the card's rows before and after it through review(cardId), sorting
      // that card's few rows, never walking the log.
      for inTimeOrder in [true, false] {
        for query in [ReviewLog.lastRowUntilQuery(inTimeOrder: inTimeOrder), ReviewLog.firstRowAfterQuery(inTimeOrder: inTimeOrder)] {
          let plan = try Self.plan(db, query, [1, 0])
          #expect(Self.searchesACardsRows(plan), "\(plan)")
          #expect(!plan.contains { $0.hasPrefix("SCAN review") }, "\(plan)")
          // In time order, the card's rows are taken in the index's order, not sorted.
          #expect(plan.contains { $0.contains("TEMP B-TREE") } == !inTimeOrder, "\(plan)")
        }
      }
      // A merge's first counted review of each card: through the card's rows of review_card,
      // in their order while the ids follow the time (no row read to sort them), sorted by
      // time otherwise.
      let inOrder = try Self.plan(db, ReviewLog.firstCountedQuery(order: "review.id"))
      #expect(Self.searchesACardsRows(inOrder), "\(inOrder)")
      #expect(!inOrder.contains { $0.contains("TEMP B-TREE") }, "\(inOrder)")
      let outOfOrder = try Self.plan(db, ReviewLog.firstCountedQuery(order: "review.reviewedAt, review.id"))
      #expect(Self.searchesACardsRows(outOfOrder), "\(outOfOrder)")
      // A review's schedule before, from the card's row before it: one step back in the index
      // while the ids follow the time.
      let previous = try Self.plan(db, ReviewLog.previousRowQuery(inTimeOrder: true), [1, 0, 5])
      #expect(previous.contains { $0.hasPrefix("SEARCH review USING INDEX review_card (cardId=? AND rowid<?)") }, "\(previous)")
      #expect(!previous.contains { $0.contains("TEMP B-TREE") }, "\(previous)")
      // The stats read the active cards through card_stats, not the card table.
      let stats = try Self.plan(db, Store.cardMemoryQuery("1"))
      #expect(stats.contains { $0.hasPrefix("SEARCH card USING INDEX card_stats (status=?)") }, "\(stats)")
      // A card's siblings are its note's cards, found through card_stats.
      let siblings = try Self.plan(db, Store.siblingDueDatesQuery, [1])
      #expect(siblings.contains { $0.hasPrefix("SEARCH sibling USING INDEX card_stats (status=? AND noteId=?)") }, "\(siblings)")
    }
  }
}
