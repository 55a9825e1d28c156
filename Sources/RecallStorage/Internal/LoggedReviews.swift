import Foundation
import GRDB

/// The reviews of the log by their UUIDs, read once at the start of a merge and searched in
/// memory: the log keeps no index on its UUIDs (`Migrations/0015_review_uid_in_memory.sql`).
///
/// It holds each row's first 8 bytes of UUID, as a number, with the row's id, sorted by the
/// number: 16 bytes a review (16 MB for a million). A number found is checked against the
/// whole UUID in its row, so that two reviews whose UUIDs begin alike are told apart.
///
/// The rows written after it was read (the merge's own, ``add(_:id:)``) are held as their
/// numbers alone, 8 bytes each: one of them is found, on a match, among the rows written since,
/// by their ids (the last one written is found at once: an undo follows its review).
struct LoggedReviews {
  /// A row's UUID prefix and id.
  private struct Entry {
    var prefix: UInt64
    var id: Int64
  }

  /// Every row, by ``Entry/prefix`` then id.
  private var entries: [Entry] = []
  /// The prefixes of the rows written since.
  private var added: Set<UInt64> = []
  /// The id of the first row written since; `nil` for none.
  private var firstAddedID: Int64?
  /// The last row written since, and its UUID's bytes.
  private var lastAdded: (uid: Data, id: Int64)?

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

  /// Records a row written since the log was read: the review `uid` in the row `id`, the
  /// highest id so far.
  mutating func add(_ uid: UUID, id: Int64) {
    let bytes = ReviewUID.bytes(uid)
    added.insert(Self.prefix(bytes))
    if firstAddedID == nil { firstAddedID = id }
    lastAdded = (bytes, id)
  }

  /// The `id` and card of the row with the UUID `uid`, if the log had it when it was read or
  /// it was written since (``add(_:id:)``).
  func find(_ db: Database, uid: UUID) throws -> (id: Int64, cardID: Int64)? {
    let bytes = ReviewUID.bytes(uid)
    let prefix = Self.prefix(bytes)
    var index = firstIndex(notBelow: prefix)
    while index < entries.count, entries[index].prefix == prefix {
      if let found = try Self.row(db, id: entries[index].id, uid: bytes) { return found }
      index += 1
    }
    guard let firstAddedID, added.contains(prefix) else { return nil }
    if let lastAdded, lastAdded.uid == bytes, let found = try Self.row(db, id: lastAdded.id, uid: bytes) {
      return found
    }
    let row = try Row.fetchOne(
      db.cachedStatement(sql: "SELECT id, cardId FROM review WHERE id >= ? AND uid = ? LIMIT 1"),
      arguments: [firstAddedID, bytes])
    guard let row, let id: Int64 = row.value(0), let cardID: Int64 = row.value(1) else { return nil }
    return (id, cardID)
  }

  /// The id and card of the row `id` if it holds the UUID of `uid`'s bytes.
  private static func row(_ db: Database, id: Int64, uid: Data) throws -> (id: Int64, cardID: Int64)? {
    let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT uid, cardId FROM review WHERE id = ?"), arguments: [id])
    guard let row, row.value(0) == uid, let cardID: Int64 = row.value(1) else { return nil }
    return (id, cardID)
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
