import Foundation
import GRDB
import RecallScheduling
import RecallTestSupport
import Testing

@testable import RecallStorage

/// The compact review log (migration 0010): a database of the release before it keeps every
/// field of its history, and answers written in any order read back as they were written.
struct CompactReviewLogTests {
  private let day = Date(timeIntervalSince1970: 1_800_000_000)

  /// A database written by the release before 0010 (`Tests/Fixtures/release-0009.sql`), at a
  /// new path.
  static func releaseDatabase() throws -> String {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("recall-compact-log-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("recall.sqlite").path
    let dump = try String(
      contentsOf: TestPaths.packageRoot.appendingPathComponent("Tests/Fixtures/release-0009.sql"), encoding: .utf8)
    let dbQueue = try DatabaseQueue(path: path)
    try dbQueue.writeWithoutTransaction { db in try db.execute(sql: dump) }
    try dbQueue.close()
    return path
  }

  /// Writes `entry` as Recall wrote answers before migration 0010 (the layout of
  /// `0001_create_store`), with the card's schedule after it: for tests of older migrations,
  /// whose databases today's store does not write.
  static func recordOldReview(_ entry: StoredReview, in path: String) throws {
    func milliseconds(_ date: Date?) -> Int64? { date.map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) } }
    func values(_ schedule: CardSchedule) -> [(any DatabaseValueConvertible)?] {
      [
        schedule.state.name, schedule.step, schedule.stability, schedule.difficulty,
        milliseconds(schedule.due), milliseconds(schedule.lastReview), schedule.reps, schedule.lapses,
      ]
    }
    let dbQueue = try DatabaseQueue(path: path)
    try dbQueue.write { db in
      let answer: [(any DatabaseValueConvertible)?] = [
        entry.id.uuidString, entry.cardID, milliseconds(entry.reviewedAt), entry.rating, entry.quiz, entry.answer,
        entry.correct, entry.durationMilliseconds,
      ]
      try db.execute(
        sql: "INSERT INTO review VALUES (" + Array(repeating: "?", count: 24).joined(separator: ", ") + ")",
        arguments: StatementArguments(answer + values(entry.before) + values(entry.after)))
      try db.execute(
        sql: "INSERT OR REPLACE INTO cardSchedule VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        arguments: StatementArguments([entry.cardID] + values(entry.after)))
    }
    try dbQueue.close()
  }

  /// The schedule of the old log's columns with the suffix `Before` or `After`.
  static func schedule(_ row: Row, _ suffix: String) -> CardSchedule {
    func date(_ column: String) -> Date? {
      (row[column + suffix] as Int64?).map { Date(timeIntervalSince1970: Double($0) / 1000) }
    }
    return CardSchedule(
      state: CardPhase(name: row["state" + suffix])!, step: row["step" + suffix],
      stability: row["stability" + suffix], difficulty: row["difficulty" + suffix], due: date("due"),
      lastReview: date("lastReview"), reps: row["reps" + suffix], lapses: row["lapses" + suffix])
  }

  /// Every field of the old log, read with SQL, in the order the store lists reviews.
  static func oldReviews(_ db: Database) throws -> [StoredReview] {
    try Row.fetchAll(db, sql: "SELECT * FROM review ORDER BY reviewedAt, rowid").map { row in
      StoredReview(
        id: UUID(uuidString: row["id"])!, cardID: row["cardId"],
        reviewedAt: Date(timeIntervalSince1970: Double(row["reviewedAt"] as Int64) / 1000),
        rating: row["rating"], quiz: row["quiz"], answer: row["answer"], correct: row["correct"],
        durationMilliseconds: row["duration"], before: schedule(row, "Before"), after: schedule(row, "After"))
    }
  }

  @Test func aReleaseDatabaseKeepsEveryFieldOfItsHistory() throws {
    let path = try Self.releaseDatabase()
    let old = try DatabaseQueue(path: path)
    let (reviews, undone, undos, leeches, suspensions, tally) = try old.read { db in
      (
        try Self.oldReviews(db),
        Set(try String.fetchAll(db, sql: "SELECT reviewId FROM reviewUndo").map { UUID(uuidString: $0)! }),
        try Row.fetchAll(db, sql: "SELECT reviewId, undoneAt FROM reviewUndo ORDER BY undoneAt, reviewId").map {
          ReviewUndo(
            reviewID: UUID(uuidString: $0[0])!, undoneAt: Date(timeIntervalSince1970: Double($0[1] as Int64) / 1000))
        },
        try Row.fetchAll(db, sql: "SELECT cardId, taggedAt, lapses, replace(reviewId, '-', '') AS uid FROM cardLeech ORDER BY cardId"),
        try Row.fetchAll(
          db, sql: "SELECT cardId, suspendedAt, reason, replace(reviewId, '-', '') AS uid FROM cardSuspension ORDER BY cardId"),
        try Row.fetchAll(db, sql: "SELECT * FROM reviewTally ORDER BY quarterHour")
      )
    }
    try old.close()
    // What the history holds: undos, a leech, a reset and a due date between answers.
    #expect(reviews.count == 237 && undos.count == 4 && leeches.count == 1 && suspensions.count == 2)

    let store = try Store.open(at: path)
    #expect(try store.reviews(includingUndone: true) == reviews)
    #expect(try store.reviews() == reviews.filter { !undone.contains($0.id) })
    #expect(try store.reviewUndos() == undos)
    #expect(try store.reviewCount() == reviews.count)
    #expect(try store.reviews(cardID: reviews[0].cardID, includingUndone: true) == reviews.filter { $0.cardID == reviews[0].cardID })
    // The tally kept, and the same as the log now counts it.
    #expect(try store.reviewTallies(fromLog: true) == store.reviewTallies())

    let migrated = try DatabaseQueue(path: path)
    try migrated.read { db in
      let leechRows = try Row.fetchAll(
        db,
        sql: """
          SELECT cardLeech.cardId AS cardId, cardLeech.taggedAt AS taggedAt, cardLeech.lapses AS lapses, nullif(hex(review.uid), '') AS uid FROM cardLeech
          LEFT JOIN review ON review.id = cardLeech.reviewId ORDER BY cardLeech.cardId
          """)
      #expect(leechRows == leeches)
      let suspensionRows = try Row.fetchAll(
        db,
        sql: """
          SELECT cardSuspension.cardId AS cardId, suspendedAt, reason, nullif(hex(review.uid), '') AS uid
          FROM cardSuspension
          LEFT JOIN review ON review.id = cardSuspension.reviewId ORDER BY cardSuspension.cardId
          """)
      #expect(suspensionRows == suspensions)
      #expect(try Row.fetchAll(db, sql: "SELECT * FROM reviewTally ORDER BY quarterHour") == tally)
      // The old log's pages were given back to the file system.
      #expect(try Int.fetchOne(db, sql: "PRAGMA freelist_count") == 0)
      // Only the answers whose schedule before is not the previous row's after keep it apart.
      let kept = try Int.fetchOne(db, sql: "SELECT count(*) FROM reviewBefore") ?? 0
      #expect(kept > 0 && kept < reviews.count / 4, "\(kept)")
      // An answer reads the log through its indexes, never row by row: as fast with a long log.
      for query in ReviewLog.answerQueries {
        let arguments: StatementArguments = query == ReviewLog.isInCardQuery ? [1, Data(count: 16)] : [1, 2]
        let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + query, arguments: arguments).map {
          $0["detail"] as String
        }
        #expect(!plan.contains { $0.hasPrefix("SCAN") }, "\(query): \(plan)")
        #expect(plan.first?.hasPrefix("SEARCH review USING") == true, "\(query): \(plan)")
      }
    }
    try migrated.close()

    // The leech's answer, the last one of its card, can still be undone: the tag and the
    // suspension go, and the card gets its schedule before the answer back.
    let leechCard: Int64 = leeches[0][0]
    let last = try #require(try store.reviews(cardID: leechCard).last)
    #expect(try store.leechCards().map(\.id) == [leechCard])
    try store.undoReview(id: last.id, at: day)
    #expect(try store.leechCards().isEmpty)
    #expect(try store.card(id: leechCard)?.schedule == last.before)
  }

  private func answer(_ cardID: Int64, at date: Date, before: CardSchedule, stability: Double) -> StoredReview {
    StoredReview(
      cardID: cardID, reviewedAt: date, rating: 3, quiz: "flip", durationMilliseconds: 1200, before: before,
      after: CardSchedule(
        state: .review, stability: stability, difficulty: 5.123456789, due: date + 86_400 * stability,
        lastReview: date, reps: before.reps + 1))
  }

  @Test func answersWrittenOutOfOrderReadBackAsWritten() throws {
    let (store, cardID) = try ReviewLogTests().storeWithOneCard()
    let first = answer(cardID, at: day, before: .new, stability: 1.5)
    let third = answer(cardID, at: day + 10 * 86_400, before: first.after, stability: 9.25)
    try store.recordReviews([first, third])
    // An answer from another device goes in between: the third keeps its schedule before.
    let second = answer(cardID, at: day + 2 * 86_400, before: first.after, stability: 4.75)
    try store.recordReviews([second])
    // One whose schedule before is no row's after (a reset in between).
    let fourth = answer(cardID, at: day + 20 * 86_400, before: .new, stability: 2)
    try store.recordReview(fourth)
    #expect(try store.reviews() == [first, second, third, fourth])
    #expect(try store.reviews(cardID: cardID) == [first, second, third, fourth])
    // Undone, the last answer gives its schedule before back, and the next one is read as written.
    try store.undoReview(id: fourth.id, at: day + 20 * 86_400 + 5)
    #expect(try store.card(id: cardID)?.schedule == .new)
    let fifth = answer(cardID, at: day + 21 * 86_400, before: .new, stability: 3)
    try store.recordReview(fifth)
    #expect(try store.reviews(includingUndone: true) == [first, second, third, fourth, fifth])
    #expect(try store.reviews() == [first, second, third, fifth])
    #expect(throws: StorageError.duplicateReview(id: second.id.uuidString)) { try store.recordReviews([second]) }
  }
}
