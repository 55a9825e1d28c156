import Foundation
import GRDB
import RecallScheduling
import RecallTestSupport
import Testing

@testable import RecallStorage

/// The review log in time order by its ids (migration 0013): a database at the schema before
/// it, whose history went in out of order, reads back the same through every part of the store
/// that reads the log; new answers keep the order, and one out of order brings the time index
/// back.
struct TimeOrderedReviewLogTests {
  private static let day = Date(timeIntervalSince1970: 1_800_000_000)

  /// Every migration before 0013, for a database at the schema of the release before it.
  private static let before0013 = StoreOptions(
    migrations: SchemaMigration.embedded.filter { $0.identifier < "0013" })

  /// Everything the store reads from the log (and what the log decides: schedules, leeches,
  /// suspensions, tallies).
  private struct Readings: Equatable {
    var reviews: [StoredReview]
    var counting: [StoredReview]
    var byCard: [[StoredReview]]
    var undos: [ReviewUndo]
    var count: Int
    var tallies: [ReviewTally]
    var talliesFromLog: [ReviewTally]
    var deckTallies: [ReviewTally]
    var days: [StudyDayTally]
    var cards: [StoredCard]
    var leeches: [Int64]
  }

  private static func readings(_ store: Store) throws -> Readings {
    let cards = try store.cards()
    let days = try (0..<30).flatMap { offset in
      let start = day + Double(offset) * 86_400
      return [try store.studyDayTally(since: start), try store.studyDayTally(since: start, deck: "b.md")]
    }
    return Readings(
      reviews: try store.reviews(includingUndone: true), counting: try store.reviews(),
      byCard: try cards.map { try store.reviews(cardID: $0.id, includingUndone: true) },
      undos: try store.reviewUndos(), count: try store.reviewCount(), tallies: try store.reviewTallies(),
      talliesFromLog: try store.reviewTallies(fromLog: true), deckTallies: try store.reviewTallies(deck: "a.md"),
      days: days, cards: cards, leeches: try store.leechCards().map(\.id))
  }

  private static func answer(
    _ cardID: Int64, at date: Date, before: CardSchedule, rating: Int = 3, lapses: Int = 0
  ) -> StoredReview {
    StoredReview(
      cardID: cardID, reviewedAt: date, rating: rating, quiz: rating == 1 ? "typed" : "choice",
      answer: rating == 1 ? "wrong" : "right", correct: rating > 1, durationMilliseconds: 1000 + 37 * before.reps,
      before: before,
      after: CardSchedule(
        state: rating == 1 ? .relearning : .review, step: rating == 1 ? 0 : nil,
        stability: 1.25 + Double(before.reps) * 2.718281828, difficulty: 4.123456789 + Double(lapses) / 3,
        due: date + 86_400 * (1.5 + Double(before.reps)), lastReview: date, reps: before.reps + 1,
        lapses: lapses))
  }

  /// A database at 0012's schema with a history of several devices: answers of three cards in
  /// two decks written out of time order, a merged batch going in between, an undo, a leech
  /// suspended by its answer, a reset and a new due date between answers.
  private static func historyBefore0013() throws -> String {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("recall-time-ordered-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("recall.sqlite").path
    let store = try Store.open(at: path, options: before0013)
    _ = try store.importNotes(
      [
        NoteSource(file: "/n/a.md", deck: "a.md", contents: .bytes(Array("ECS: containers\nEKS: kubernetes\n".utf8))),
        NoteSource(file: "/n/b.md", deck: "b.md", contents: .bytes(Array("S3: objects\n".utf8))),
      ],
      paths: [], extraction: ImportEngineTests.lines, now: day)
    let ids = try store.cards().map(\.id)
    #expect(ids.count == 3)
    let (a, b, c) = (ids[0], ids[1], ids[2])
    // Card a's later answers first, then b's earlier ones: the ids do not follow the time.
    let a1 = answer(a, at: day + 3600, before: .new)
    let a2 = answer(a, at: day + 5 * 86_400, before: a1.after)
    try store.recordReview(a1)
    try store.recordReview(a2)
    let b1 = answer(b, at: day + 600, before: .new)
    let b2 = answer(b, at: day + 2 * 86_400, before: b1.after, rating: 1, lapses: 1)
    try store.recordReview(b1)
    // A leech rule of one lapse: b's second answer tags and suspends it.
    #expect(try store.recordReview(b2, leech: LeechRule(threshold: 1, action: .suspend)))
    // Another device's answers of a, merged in between a1 and a2 (a2 keeps its schedule before).
    let m1 = answer(a, at: day + 86_400, before: a1.after)
    let m2 = answer(c, at: day + 86_400 + 1, before: .new)
    try store.recordReviews([m1, m2])
    // c answered, undone, answered again; then reset and answered as new; a due date moved.
    let c2 = answer(c, at: day + 3 * 86_400, before: m2.after)
    try store.recordReview(c2)
    try store.undoReview(id: c2.id, at: day + 3 * 86_400 + 60)
    let c3 = answer(c, at: day + 3 * 86_400 + 120, before: m2.after)
    try store.recordReview(c3)
    _ = try store.reset(cardIDs: [c], at: day + 4 * 86_400)
    try store.recordReview(answer(c, at: day + 4 * 86_400 + 60, before: .new))
    _ = try store.setDue(cardIDs: [a], due: day + 20 * 86_400, at: day + 6 * 86_400)
    var due = try #require(try store.card(id: a)).schedule
    due.due = day + 20 * 86_400
    try store.recordReview(answer(a, at: day + 7 * 86_400, before: due))
    // Two answers in the same millisecond, told apart by the order recorded.
    let same = day + 8 * 86_400
    let s1 = answer(a, at: same, before: try #require(try store.card(id: a)).schedule)
    try store.recordReview(s1)
    try store.recordReview(answer(a, at: same, before: s1.after))
    // Every way Recall asks, an imported Anki review, and a name written by an older Recall.
    var schedule = try #require(try store.card(id: c)).schedule
    for (index, quiz) in ["flip", "next-step", "ordering", "anki", "nextStep", "7"].enumerated() {
      var entry = answer(c, at: day + 9 * 86_400 + Double(index) * 60, before: schedule)
      entry.quiz = quiz
      try store.recordReview(entry)
      schedule = entry.after
    }
    // Today's store writes the ways of asking as codes, which a column of 0012 keeps as text:
    // the names the release before wrote are put back.
    try store.dbQueue.write { db in
      try db.execute(
        sql: """
          DROP TRIGGER review_neverUpdated;
          UPDATE review SET quiz = CASE quiz WHEN '0' THEN 'flip' WHEN '1' THEN 'typed' WHEN '2' THEN 'choice'
            WHEN '3' THEN 'next-step' WHEN '4' THEN 'ordering' WHEN '5' THEN 'anki' ELSE quiz END;
          CREATE TRIGGER review_neverUpdated BEFORE UPDATE ON review
          BEGIN
            SELECT RAISE(ABORT, 'the review log is append-only: a review is never changed');
          END;
          """)
    }
    return path
  }

  /// Whether the rows' ids follow (`reviewedAt`, `id`) order: no row answered before the row
  /// recorded ahead of it.
  private static func idsFollowTheTime(_ db: Database) throws -> Bool {
    try Int.fetchOne(
      db,
      sql: """
        SELECT count(*) FROM (SELECT reviewedAt, lag(reviewedAt) OVER (ORDER BY id) AS previous FROM review)
        WHERE reviewedAt < previous
        """) == 0
  }

  private static func hasTimeIndex(_ db: Database) throws -> Bool {
    try Bool.fetchOne(
      db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'review_reviewedAt')")
      ?? false
  }

  @Test func aDatabaseBeforeTheMigrationReadsTheSameAfterIt() throws {
    let path = try Self.historyBefore0013()
    let old = try Store.open(at: path, options: Self.before0013)
    let before = try Self.readings(old)
    try old.dbQueue.read { db in
      #expect(try !Self.idsFollowTheTime(db))
      let kept = try Int.fetchOne(db, sql: "SELECT count(*) FROM reviewBefore") ?? 0
      #expect(kept >= 3)
    }
    try old.dbQueue.close()
    // What the history holds.
    #expect(before.reviews.count == 18 && before.counting.count == 17 && before.undos.count == 1)
    #expect(before.leeches.count == 1 && before.cards.contains { $0.isSuspended })

    let store = try Store.open(at: path)
    #expect(
      store.upgrade?.appliedMigrations
        == ["0013_review_log_in_time_order", "0014_one_due_index", "0015_review_uid_in_memory"])
    #expect(try Self.readings(store) == before)
    try store.dbQueue.read { db in
      #expect(try Self.idsFollowTheTime(db))
      #expect(try !Self.hasTimeIndex(db))
      #expect(try ReviewLog.isInTimeOrder(db))
      #expect(try Int.fetchOne(db, sql: "PRAGMA freelist_count") == 0)
      // The ways Recall asks are stored as small integers, other names as text.
      let kinds = try Row.fetchAll(db, sql: "SELECT DISTINCT typeof(quiz), quiz FROM review ORDER BY 1, 2")
        .map { "\($0[0] as String) \($0[1] as DatabaseValue)" }
      #expect(kinds == ["integer 0", "integer 1", "integer 2", "integer 3", "integer 4", "integer 5", "text \"7\"", "text \"nextStep\""], "\(kinds)")
      // The whole log is read in the table's own order, no sort; today's rows from its end.
      let walk = try Row.fetchAll(
        db, sql: "EXPLAIN QUERY PLAN SELECT * \(ReviewLog.source) ORDER BY \(try ReviewLog.timeOrder(db))"
      ).map { $0["detail"] as String }
      #expect(!walk.contains { $0.contains("TEMP B-TREE") }, "\(walk)")
      // The schedules are read by their due dates through the one index left on them (0014).
      for states in ["'review'", "'learning', 'relearning'"] {
        let plan = try Row.fetchAll(
          db, sql: "EXPLAIN QUERY PLAN SELECT cardId FROM cardSchedule WHERE state IN (\(states)) AND due < 5 ORDER BY due"
        ).map { $0["detail"] as String }
        #expect(plan.contains { $0.contains("INDEX cardSchedule_state_due") }, "\(plan)")
      }
    }
    // The leech's answer can still be undone, taking off the tag and the suspension.
    let leech = try #require(before.leeches.first)
    let last = try #require(try store.reviews(cardID: leech).last)
    try store.undoReview(id: last.id, at: Self.day + 30 * 86_400)
    #expect(try store.leechCards().isEmpty)
    #expect(try store.card(id: leech)?.schedule == last.before)
    #expect(try store.card(id: leech)?.isSuspended == false)
  }

  @Test func answersInTimeOrderKeepItAndOneOutOfOrderBringsTheTimeIndexBack() throws {
    let path = try Self.historyBefore0013()
    let store = try Store.open(at: path)
    let card = try #require(try store.cards().first)
    let later = Self.answer(card.id, at: Self.day + 40 * 86_400, before: card.schedule)
    try store.recordReview(later)
    try store.dbQueue.read { db in
      let (inOrder, indexed, follows) = (try ReviewLog.isInTimeOrder(db), try Self.hasTimeIndex(db), try Self.idsFollowTheTime(db))
      #expect(inOrder && !indexed && follows)
    }
    let inOrder = try Self.readings(store)
    #expect(try store.studyDayTally(since: Self.day + 40 * 86_400) == StudyDayTally(newIntroduced: 0, reviewsDone: 1))

    // An answer from another device, dated before the last one, goes in out of order.
    let other = try #require(try store.cards().last)
    let earlier = Self.answer(other.id, at: Self.day + 10 * 86_400, before: other.schedule)
    try store.recordReviews([earlier])
    try store.dbQueue.read { db in
      let (inOrder, indexed, follows) = (try ReviewLog.isInTimeOrder(db), try Self.hasTimeIndex(db), try Self.idsFollowTheTime(db))
      #expect(!inOrder && indexed && !follows)
    }
    let reviews = try store.reviews(includingUndone: true)
    #expect(reviews.count == inOrder.reviews.count + 1)
    #expect(reviews.filter { $0.id != earlier.id } == inOrder.reviews)
    #expect(reviews.map(\.reviewedAt) == reviews.map(\.reviewedAt).sorted())
    #expect(try store.studyDayTally(since: Self.day + 10 * 86_400).reviewsDone == 2)
    #expect(try store.studyDayTally(since: Self.day + 40 * 86_400).reviewsDone == 1)
  }

  @Test func aRowWrittenOutOfOrderByAnotherProgramIsMarked() throws {
    let store = try Store.inMemory()
    try store.dbQueue.write { db in
      try db.execute(
        sql: """
          INSERT INTO note (id, file, deck, contentHash, createdAt, updatedAt) VALUES (1, '/n/a.md', 'a.md', ?, 0, 0);
          INSERT INTO card (id, uid, noteId, key, kind, prompt, answer, siblingGroup, line, contentHash, createdAt,
            updatedAt, contentChangedAt)
          VALUES (1, ?, 1, 'k', 'term', 'p', 'a', 'g', 1, 'h', 0, 0, 0);
          """, arguments: [String(repeating: "0", count: 64), UUID().uuidString])
      let insert = """
        INSERT INTO review (id, uid, cardId, reviewedAt, rating, quiz, duration, countedAs, state, reps, lapses)
        VALUES (?, randomblob(16), 1, ?, 3, 'flip', 1, 0, 2, 1, 0)
        """
      try db.execute(sql: insert, arguments: [10, 5000])
      try db.execute(sql: insert, arguments: [20, 6000])
      #expect(try ReviewLog.isInTimeOrder(db))
      // A row placed by its id between two rows answered before it.
      try db.execute(sql: insert, arguments: [15, 7000])
      #expect(try !ReviewLog.isInTimeOrder(db))
      #expect(try Int64.fetchOne(db, sql: "SELECT reviewId FROM reviewOutOfOrder") == 15)
    }
    #expect(try store.reviews().map(\.reviewedAt) == [5, 6, 7].map { Date(timeIntervalSince1970: Double($0)) })
  }
}
