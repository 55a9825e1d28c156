import Crypto
import Foundation
import RecallProgress
import RecallScheduling
import RecallStorage

/// What `recall import-anki` merged, and what it left out and why.
public struct AnkiImportReport: Hashable, Sendable, Codable {
  /// Answers given in Anki, added to the review log.
  public var reviewsAdded = 0
  /// Answers already in the log: Recall's own, exported before, or imported before.
  public var reviewsAlreadyPresent = 0
  /// Cards whose schedule was replayed from their merged log.
  public var cardsRescheduled = 0
  /// Notes that did not come from Recall (other note types, other GUIDs): left alone.
  public var notesNotFromRecall = 0
  /// Cards from Recall that this database does not have (another database's): left alone.
  public var cardsUnknownHere = 0
  /// Answers to cards retired here (their text left the notes): not added.
  public var reviewsOfRetiredCards = 0
  /// Cards from Recall that are suspended in Anki.
  public var cardsSuspendedInAnki = 0
  /// Of those, the active cards that were not suspended here and now are (`recall unsuspend`
  /// takes it back); suspending in Anki is the learner's word on the card.
  public var cardsSuspendedHere = 0
  /// Whether the package holds no review log at all (exported from Anki without its
  /// scheduling).
  public var packageHasNoLog = false
  /// Rows of Anki's log that are not answers (due dates set by hand, rescheduling, answers in
  /// filtered decks that do not reschedule): not added.
  public var rowsNotAnswers = 0

  /// Creates an empty report.
  public init() {}
}

/// Merges the answers given in Anki to Recall's cards into the review log, and replays the
/// schedules of the cards that got new answers exactly as `recall import-progress` does
/// (``LogReplay``), each answer scheduled as Recall's review schedules it since Anki's log
/// records the buttons, not the FSRS state.
///
/// Cards are matched by the Anki note's GUID (the card's UUID), else by the note's Recall id
/// field; answers by Anki's revlog id, so that importing the same package twice adds nothing,
/// and the rows of Recall's own exported reviews are recognised and left out.
public struct AnkiReviewImport: Sendable {
  /// The scheduling of each deck that replays the schedules.
  public var scheduling: DeckScheduling
  /// When the import runs: the time of the suspensions it writes.
  public var now: Date

  /// An import that schedules answers with `scheduling`.
  public init(scheduling: DeckScheduling, now: Date) {
    self.scheduling = scheduling
    self.now = now
  }

  /// Merges the answers of `collection` into `store`, in one transaction.
  ///
  /// - Throws: ``AnkiError``; nothing is written then.
  public func merge(_ collection: AnkiCollection, into store: Store) throws(AnkiError) -> AnkiImportReport {
    var report = AnkiImportReport()
    let stored: [StoredCard]
    var recallRevlogIDs: Set<Int64> = []
    do {
      stored = try store.cards()
      recallRevlogIDs = Set(AnkiPackageExport.revlogIDs(of: try store.reviews()).values)
    } catch {
      throw .storage(error)
    }
    let byUID = Dictionary(uniqueKeysWithValues: stored.map { ($0.uid, $0) })
    var cardOfNote: [Int64: StoredCard] = [:]
    for note in collection.notes {
      let idField =
        note.noteTypeID == RecallNoteType.id && note.fields.count > RecallNoteType.idField
        ? note.fields[RecallNoteType.idField].trimmingCharacters(in: .whitespaces) : nil
      if let card = byUID[note.guid] ?? idField.flatMap({ byUID[$0] }) {
        cardOfNote[note.id] = card
      } else if UUID(uuidString: note.guid) != nil || idField.flatMap(UUID.init(uuidString:)) != nil {
        report.cardsUnknownHere += 1
      } else {
        report.notesNotFromRecall += 1
      }
    }
    var cardOfAnkiCard: [Int64: StoredCard] = [:]
    var toSuspend: [Int64] = []
    for card in collection.cards where card.ordinal == 0 {
      guard let stored = cardOfNote[card.noteID] else { continue }
      cardOfAnkiCard[card.id] = stored
      if card.queue == .suspended {
        report.cardsSuspendedInAnki += 1
        if stored.status == .active && !stored.isSuspended { toSuspend.append(stored.id) }
      }
    }
    report.packageHasNoLog = collection.revlog.isEmpty
    var answers: [StoredReview] = []
    for row in collection.revlog {
      guard let card = cardOfAnkiCard[row.cardID] else { continue }
      guard row.ease > 0, [.learning, .review, .relearning].contains(row.kind) else {
        report.rowsNotAnswers += 1
        continue
      }
      if recallRevlogIDs.contains(row.id) {
        report.reviewsAlreadyPresent += 1
        continue
      }
      guard card.status == .active else {
        report.reviewsOfRetiredCards += 1
        continue
      }
      // Placeholders: the replay computes both and they are stored in their place.
      answers.append(
        StoredReview(
          id: Self.reviewID(card: card.uid, revlogID: row.id), cardID: card.id,
          reviewedAt: Date(timeIntervalSince1970: TimeInterval(row.id) / 1000), rating: row.ease, quiz: "anki",
          durationMilliseconds: row.milliseconds, before: card.schedule, after: card.schedule))
    }
    let recomputing = Set(answers.map(\.id))
    let scheduling = self.scheduling
    do {
      let merged = try store.mergeAnswers(answers) { log in
        try LogReplay.replay(log, recomputing: recomputing, scheduling: scheduling)
      }
      report.reviewsAdded = merged.reviewsAdded
      report.reviewsAlreadyPresent += merged.reviewsAlreadyPresent
      report.cardsRescheduled = merged.cardsRescheduled
      if !toSuspend.isEmpty {
        report.cardsSuspendedHere = try store.suspend(cardIDs: toSuspend, at: now).changed.count
      }
    } catch {
      throw .storage(error)
    }
    return report
  }

  /// The review id of an answer given in Anki: the same for the same card and revlog row in
  /// every import, so that importing twice adds nothing.
  static func reviewID(card uid: String, revlogID: Int64) -> UUID {
    var bytes = Array(SHA256.hash(data: Data("anki revlog \(uid) \(revlogID)".utf8)).prefix(16))
    bytes[6] = bytes[6] & 0x0F | 0x50
    bytes[8] = bytes[8] & 0x3F | 0x80
    return UUID(
      uuid: (
        bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9],
        bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
      ))
  }
}
