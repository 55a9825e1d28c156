import Foundation
import GRDB

/// The reviews of the log by their UUIDs, read once at the start of a merge and searched in
/// memory: the log keeps no index on its UUIDs (`Migrations/0015_review_uid_in_memory.sql`).
///
/// It holds each row's first 8 bytes of UUID, as a number, with the row's id, sorted by the
/// number: 16 bytes a review (16 MB for a million). A number found is checked against the
/// whole UUID in its row, so that two reviews whose UUIDs begin alike are told apart.
struct LoggedReviews {
  /// A row's UUID prefix and id.
  private struct Entry {
    var prefix: UInt64
    var id: Int64
  }

  /// Every row, by ``Entry/prefix`` then id.
  private var entries: [Entry] = []

  /// The rows of the log of `db`, read in one pass.
  init(_ db: Database) throws {
    entries.reserveCapacity(try Int.fetchOne(db, sql: "SELECT count(*) FROM review") ?? 0)
    let rows = try Row.fetchCursor(db, sql: "SELECT id, uid FROM review")
    while let row = try rows.next() {
      guard let id: Int64 = row.value(0), let uid: Data = row.value(1) else { continue }
      entries.append(Entry(prefix: Self.prefix(uid), id: id))
    }
    entries.sort { ($0.prefix, $0.id) < ($1.prefix, $1.id) }
  }

  /// The number of rows held.
  var count: Int { entries.count }

  /// The `id` and card of the row with the UUID `uid`, if the log had it when it was read.
  func find(_ db: Database, uid: UUID) throws -> (id: Int64, cardID: Int64)? {
    let bytes = ReviewUID.bytes(uid)
    let prefix = Self.prefix(bytes)
    var index = firstIndex(notBelow: prefix)
    let row = try db.cachedStatement(sql: "SELECT uid, cardId FROM review WHERE id = ?")
    while index < entries.count, entries[index].prefix == prefix {
      let id = entries[index].id
      if let found = try Row.fetchOne(row, arguments: [id]), found.value(0) == bytes,
        let cardID: Int64 = found.value(1)
      {
        return (id, cardID)
      }
      index += 1
    }
    return nil
  }

  /// The index of the first entry whose prefix is `prefix` or more (a binary search).
  private func firstIndex(notBelow prefix: UInt64) -> Int {
    var (low, high) = (0, entries.count)
    while low < high {
      let middle = (low + high) / 2
      if entries[middle].prefix < prefix { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// The first 8 bytes of a UUID's bytes as a number (fewer for a shorter value).
  static func prefix(_ uid: Data) -> UInt64 {
    uid.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
  }
}
