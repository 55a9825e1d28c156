import Foundation
import GRDB

/// What names a card across databases: its UUID, and its deck and key.
public struct CardIdentity: Hashable, Sendable {
  /// The card's row id in this database.
  public var id: Int64
  /// The card's UUID.
  public var uid: String
  /// The deck of the card's note.
  public var deck: String
  /// The card's key within its note.
  public var key: String

  /// `key` as a key within its note: without a leading `deck › `.
  ///
  /// Keys began with their note's deck until generator revision 2, so exports made before then
  /// (and their review rows) carry `deck › headings › anchor`; today's keys are
  /// `headings › anchor`. A key that does not start with its deck is returned as it is.
  public static func noteRelativeKey(_ key: String, deck: String) -> String {
    let prefix = deck + " › "
    guard !deck.isEmpty, key.utf8.starts(with: prefix.utf8), key.utf8.count > prefix.utf8.count
    else { return key }
    return String(decoding: key.utf8.dropFirst(prefix.utf8.count), as: UTF8.self)
  }
}

/// What merging a review log into the store did.
public struct ProgressMergeReport: Hashable, Sendable, Codable {
  /// Reviews added to the log.
  public var reviewsAdded = 0
  /// Reviews already in the log (matched by id), left as they were.
  public var reviewsAlreadyPresent = 0
  /// Undo records added.
  public var undosAdded = 0
  /// Undo records already in the log.
  public var undosAlreadyPresent = 0
  /// Cards whose schedule was replayed from their merged log.
  public var cardsRescheduled = 0

  /// Creates an empty report.
  public init() {}
}

extension Store {
  /// Every card's UUID, deck and key, retired cards included.
  public func cardIdentities() throws(StorageError) -> [CardIdentity] {
    try read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT card.id, card.uid, note.deck, card.key FROM card JOIN note ON note.id = card.noteId
          ORDER BY card.id
          """
      ).map { CardIdentity(id: $0[0], uid: $0[1], deck: $0[2], key: $0[3]) }
    }
  }

  /// Merges reviews and undo records from another database's log, then replays the schedule of
  /// every card that got something new; all in one transaction.
  ///
  /// Reviews are matched by id: one already in the log is left as it is (it is never counted
  /// twice), provided it belongs to the same card. An undo is added once, for a review that is
  /// in the log after the merge.
  ///
  /// - Parameters:
  ///   - reviews: The reviews, their `cardID` already mapped to this database's cards.
  ///   - undos: The undo records.
  ///   - reschedule: Computes a card's schedule from its reviews that count, in time order.
  /// - Returns: What was added.
  /// - Throws: ``StorageError``; nothing is written then.
  public func mergeProgress(
    reviews: [StoredReview], undos: [ReviewUndo],
    reschedule: (_ cardID: Int64, _ reviews: [StoredReview]) throws -> CardSchedule
  ) throws(StorageError) -> ProgressMergeReport {
    for entry in reviews {
      guard (1...4).contains(entry.rating) else {
        throw .invalidValue("The review \(entry.id.uuidString) has the rating \(entry.rating); a rating is 1 to 4.")
      }
      guard entry.durationMilliseconds >= 0 else {
        throw .invalidValue("The review \(entry.id.uuidString) has a negative duration.")
      }
    }
    return try write { db in
      var report = ProgressMergeReport()
      var touched: Set<Int64> = []
      for entry in reviews {
        guard try CardRecord.exists(db, key: entry.cardID) else {
          throw StorageError.cardNotFound(id: entry.cardID)
        }
        if let existing = try Int64.fetchOne(
          db, sql: "SELECT cardId FROM review WHERE id = ?", arguments: [entry.id.uuidString])
        {
          guard existing == entry.cardID else {
            throw StorageError.invalidValue(
              "The review \(entry.id.uuidString) is already in this database for another card; "
                + "the file and the database disagree, so nothing was merged.")
          }
          report.reviewsAlreadyPresent += 1
          continue
        }
        try ReviewRecord(entry).insert(db)
        touched.insert(entry.cardID)
        report.reviewsAdded += 1
      }
      for undo in undos {
        let id = undo.reviewID.uuidString
        guard let cardID = try Int64.fetchOne(db, sql: "SELECT cardId FROM review WHERE id = ?", arguments: [id])
        else {
          throw StorageError.invalidValue(
            "The undo of review \(id) names a review that is neither in the file nor in this "
              + "database; nothing was merged.")
        }
        if try ReviewUndoRecord.exists(db, key: id) {
          report.undosAlreadyPresent += 1
          continue
        }
        try ReviewUndoRecord(reviewId: id, undoneAt: Milliseconds.from(undo.undoneAt)).insert(db)
        touched.insert(cardID)
        report.undosAdded += 1
      }
      for cardID in touched.sorted() {
        let records = try ReviewRecord.fetchAll(
          db,
          sql: """
            SELECT * FROM review WHERE cardId = ? AND id NOT IN (SELECT reviewId FROM reviewUndo)
            ORDER BY reviewedAt, rowid
            """, arguments: [cardID])
        let schedule = try reschedule(cardID, records.map(\.entry))
        try CardScheduleRecord(cardId: cardID, schedule).save(db)
        report.cardsRescheduled += 1
      }
      return report
    }
  }
}
