import Foundation
import GRDB
import RecallTestSupport
import Testing

@testable import RecallCLI
@testable import RecallStorage

/// The review opens its database with a small page cache; other commands keep SQLite's default.
struct ReviewStoreTests {
  @Test func aReviewsConnectionKeepsAFewPagesInItsCache() throws {
    let folder = try TestPaths.makeTemporaryFolder("recall-review-cache")
    let path = folder.appendingPathComponent("db.sqlite").path
    let other = try CommandStore.open(path)
    #expect(try other.read { db in try Int.fetchOne(db, sql: "PRAGMA cache_size") } == -2000)
    let review = try CommandStore.openForReview(path)
    #expect(try review.read { db in try Int.fetchOne(db, sql: "PRAGMA cache_size") } == CommandStore.reviewCachePages)
  }
}
