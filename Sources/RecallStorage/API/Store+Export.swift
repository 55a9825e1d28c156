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
  /// Reviews left out because this database does not have their card.
  public var reviewsSkipped = 0
  /// The cards those reviews belong to, in the order the file first names them.
  public var skippedCards: [SkippedCard] = []

  /// Creates an empty report.
  public init() {}
}

/// A card of a merged file that this database does not have (its note was edited, or not
/// imported here): its reviews were left out of the merge, to be merged once it is here.
public struct SkippedCard: Hashable, Sendable, Codable {
  /// The deck of the card's note, as the file gives it.
  public var deck: String
  /// The card's key within its note.
  public var key: String
  /// The card's prompt, as the file gives it; empty if the file does not list the card.
  public var prompt: String
  /// Its reviews left out.
  public var reviews: Int

  /// Creates the entry.
  public init(deck: String, key: String, prompt: String, reviews: Int) {
    self.deck = deck
    self.key = key
    self.prompt = prompt
    self.reviews = reviews
  }
}

/// A card as the replay of a merged log sees it: what the load balancer and the spreading of
/// siblings need to know of it.
public struct ReplayCard: Hashable, Sendable {
  /// The card's row id in this database.
  public var id: Int64
  /// The card's note; with ``siblingGroup``, what makes cards siblings.
  public var noteID: Int64
  /// The card's sibling group within its note.
  public var siblingGroup: String
  /// The deck of the card's note, whose settings schedule its answers.
  public var deck: String
  /// Whether the card is in its note (retired cards are neither counted nor spread from).
  public var isActive: Bool
  /// Whether the card is suspended: it is spread from, but not counted among the cards due (as
  /// the review counts them).
  public var isSuspended: Bool
  /// The card's schedule before the merge.
  public var schedule: CardSchedule

  /// Creates a card of a merged log.
  public init(
    id: Int64, noteID: Int64, siblingGroup: String, deck: String = "", isActive: Bool, isSuspended: Bool = false,
    schedule: CardSchedule
  ) {
    self.id = id
    self.noteID = noteID
    self.siblingGroup = siblingGroup
    self.deck = deck
    self.isActive = isActive
    self.isSuspended = isSuspended
    self.schedule = schedule
  }
}

/// The review log after a merge, for replaying the schedules of the cards that got something
/// new.
public struct MergedLog: Hashable, Sendable {
  /// Every card of the database.
  public var cards: [ReplayCard]
  /// Every review that counts (undone ones left out), of every card, in time order.
  public var reviews: [StoredReview]
  /// The cards that got new reviews or undo records, by id: the ones whose schedules the replay
  /// must give.
  public var rescheduled: [Int64]

  /// Creates a merged log.
  public init(cards: [ReplayCard], reviews: [StoredReview], rescheduled: [Int64]) {
    self.cards = cards
    self.reviews = reviews
    self.rescheduled = rescheduled
  }
}

/// What a replay of a merged log gives: the schedules of its rescheduled cards and, for the
/// answers it computed again, their schedules before and after.
public struct ReplayedLog: Hashable, Sendable {
  /// The schedules of the log's ``MergedLog/rescheduled`` cards, by card id.
  public var schedules: [Int64: CardSchedule]
  /// The schedules before and after of the answers computed again, by review id.
  public var reviewStates: [UUID: ReviewStates]

  /// Creates a replay's result.
  public init(schedules: [Int64: CardSchedule], reviewStates: [UUID: ReviewStates] = [:]) {
    self.schedules = schedules
    self.reviewStates = reviewStates
  }
}

/// A card's schedules before and after one answer.
public struct ReviewStates: Hashable, Sendable {
  /// The schedule before.
  public var before: CardSchedule
  /// The schedule after.
  public var after: CardSchedule

  /// Creates the pair.
  public init(before: CardSchedule, after: CardSchedule) {
    self.before = before
    self.after = after
  }
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
      ).map { CardIdentity(id: $0.value(0) ?? 0, uid: ($0[1] as CardUID?)?.text ?? "", deck: $0[2], key: $0[3]) }
    }
  }

  /// Merges reviews and undo records from another database's log, then replays the schedule of
  /// every card that got something new; all in one transaction.
  ///
  /// The replay sees the whole merged log, every card's, so that it can place due dates among
  /// the other cards as a review would.
  ///
  /// Reviews are matched by id: one already in the log is left as it is (it is never counted
  /// twice), provided it belongs to the same card. An undo is added once, for a review that is
  /// in the log after the merge.
  ///
  /// - Parameters:
  ///   - reviews: The reviews, their `cardID` already mapped to this database's cards.
  ///   - undos: The undo records.
  ///   - reschedule: The schedules of the merged log's ``MergedLog/rescheduled`` cards; a card
  ///     it leaves out gets the schedule of a new card.
  /// - Returns: What was added.
  /// - Throws: ``StorageError``; nothing is written then.
  public func mergeProgress(
    reviews: [StoredReview], undos: [ReviewUndo],
    reschedule: (MergedLog) throws -> [Int64: CardSchedule]
  ) throws(StorageError) -> ProgressMergeReport {
    try merge(reviews: reviews, undos: undos) { ReplayedLog(schedules: try reschedule($0)) }
  }

  /// Merges answers from a log that records no schedules (Anki's records the button, the time
  /// and the intervals, not the FSRS state), then replays the schedules; all in one
  /// transaction.
  ///
  /// As ``mergeProgress(reviews:undos:reschedule:)``, except that the replay also gives each
  /// added answer's schedules before and after, and the answer is stored with these in place
  /// of the ones it came with: the log then reads as if the answers had been given here. (The
  /// log is append-only, so the replay sees the merged log before the answers are written.)
  ///
  /// - Throws: ``StorageError``; nothing is written then.
  public func mergeAnswers(
    _ reviews: [StoredReview], replay: (MergedLog) throws -> ReplayedLog
  ) throws(StorageError) -> ProgressMergeReport {
    try merge(reviews: reviews, undos: [], restating: true, replay: replay)
  }

  /// Merges reviews and undo records, then stores what `replay` gives; `restating` stores the
  /// added reviews with the schedules the replay gives them.
  private func merge(
    reviews: [StoredReview], undos: [ReviewUndo], restating: Bool = false,
    replay: (MergedLog) throws -> ReplayedLog
  ) throws(StorageError) -> ProgressMergeReport {
    do {
      return try mergeLog { merge in
        var fresh: [StoredReview] = []
        for entry in reviews {
          if let stored = try merge.add(entry, writing: !restating) { fresh.append(stored) }
        }
        for undo in undos { try merge.addUndo(undo) }
        guard !merge.rescheduled.isEmpty else { return merge.report }
        var logReviews: [StoredReview] = []
        try merge.forEachReview { logReviews.append($0) }
        if restating {
          // Where the rows would go: after those of the same time already stored, in their order.
          logReviews = (logReviews.map { ($0, 0) } + fresh.map { ($0, 1) }).enumerated()
            .sorted {
              ($0.element.0.reviewedAt, $0.element.1, $0.offset) < ($1.element.0.reviewedAt, $1.element.1, $1.offset)
            }
            .map(\.element.0)
        }
        let log = MergedLog(cards: try merge.cards(), reviews: logReviews, rescheduled: merge.rescheduled.sorted())
        let replayed = try replay(log)
        if restating {
          for var entry in fresh {
            if let states = replayed.reviewStates[entry.id] {
              entry.before = states.before
              entry.after = states.after
            }
            try merge.insert(entry)
          }
        }
        for cardID in log.rescheduled {
          try merge.setSchedule(replayed.schedules[cardID] ?? .new, cardID: cardID)
        }
        return merge.report
      }
    } catch let error as StorageError {
      throw error
    } catch {
      throw .database(path: path, message: "\(error)")
    }
  }
}
