import Foundation
import GRDB
import RecallScheduling
import RecallTestSupport
import Testing

@testable import RecallStorage

/// The review log without an index on its UUIDs (migration 0015): a database made before it
/// keeps every review, and what found a review by its UUID still finds it (a merge, an undo, a
/// new answer's check).
struct ReviewUIDIndexDroppedTests {
  private let day = Date(timeIntervalSince1970: 1_800_000_000)

  /// Every migration before 0015.
  private static let before0015 = StoreOptions(
    migrations: SchemaMigration.embedded.filter { $0.identifier < "0015" })

  private func entry(_ cardID: Int64, at date: Date, before: CardSchedule, reps: Int) -> StoredReview {
    ReviewLogTests().entry(cardID, at: date, before: before, reps: reps)
  }

  private static func hasUIDIndex(_ store: Store) throws -> Bool {
    try store.dbQueue.read { db in
      try Bool.fetchOne(
        db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'review_uid')") ?? false
    }
  }

  @Test func theMigrationKeepsEveryReviewAndTheLogIsStillSearchedByUUID() throws {
    let folder = try TestPaths.makeTemporaryFolder("recall-review-uid")
    let path = folder.appendingPathComponent("recall.sqlite").path
    let old = try Store.open(at: path, options: Self.before0015)
    try old.importNotes(
      [NoteSource(file: "/n/a.md", deck: "a.md", contents: .bytes(Array("ECS: containers\nBVH: tree\n".utf8)))],
      paths: [], extraction: ImportEngineTests.lines, now: day)
    let ids = try old.cards().map(\.id).sorted()
    let first = entry(ids[0], at: day + 60, before: .new, reps: 1)
    let second = entry(ids[0], at: day + 86_400, before: first.after, reps: 2)
    try old.recordReview(first)
    try old.recordReview(second)
    try old.undoReview(id: second.id, at: day + 86_460)
    let other = entry(ids[1], at: day + 3 * 86_400, before: .new, reps: 1)
    try old.recordReview(other)
    // Another device's answer, earlier than the last one here: merged out of time order.
    let merged = entry(ids[1], at: day + 600, before: .new, reps: 1)
    _ = try old.mergeProgress(reviews: [merged], undos: []) { _ in [ids[1]: other.after] }
    #expect(try Self.hasUIDIndex(old))
    let reviews = try old.reviews(includingUndone: true)
    let undos = try old.reviewUndos()
    let tallies = try old.reviewTallies()
    let cards = try old.cards()
    #expect(reviews.count == 4 && undos.count == 1)
    try old.dbQueue.close()

    let store = try Store.open(at: path)
    #expect(store.upgrade?.appliedMigrations.contains("0015_review_uid_in_memory") == true)
    #expect(try !Self.hasUIDIndex(store))
    #expect(try store.reviews(includingUndone: true) == reviews)
    #expect(try store.reviewUndos() == undos)
    #expect(try store.reviewTallies() == tallies)
    #expect(try store.cards() == cards)

    // A merge of the same reviews finds each of them here.
    let report = try store.mergeProgress(reviews: reviews, undos: undos) { _ in [:] }
    #expect(report.reviewsAdded == 0 && report.reviewsAlreadyPresent == 4 && report.undosAlreadyPresent == 1)
    // An answer recorded again is refused; the last answer that counts can be undone.
    #expect(throws: StorageError.duplicateReview(id: other.id.uuidString)) { try store.recordReview(other) }
    try store.undoReview(id: other.id, at: day + 3 * 86_400 + 60)
    #expect(try store.reviewUndos().map(\.reviewID) == [second.id, other.id])
    #expect(try store.reviews(includingUndone: true) == reviews)
  }
}
