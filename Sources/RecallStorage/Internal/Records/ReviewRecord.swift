import Crypto
import Foundation
import GRDB
import RecallScheduling

/// A row of the `review` table: one answer in the append-only review log, with the card's
/// schedule after it (the schedule before it is the previous row's, or a ``ReviewBeforeRecord``).
struct ReviewRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
  static let databaseTableName = "review"

  /// The columns of the `review` table that queries use.
  enum Columns {
    static let id = Column(CodingKeys.id)
    static let uid = Column(CodingKeys.uid)
    static let cardId = Column(CodingKeys.cardId)
    static let reviewedAt = Column(CodingKeys.reviewedAt)
  }

  /// The row's place in the log: in time order, then the order recorded, unless a row went in
  /// out of time order (``ReviewLog/isInTimeOrder(_:)``); `nil` until inserted.
  var id: Int64?
  /// The review's UUID, its 16 bytes.
  var uid: Data
  var cardId: Int64
  var reviewedAt: Int64
  var rating: Int
  var quiz: QuizName
  var answer: String?
  var correct: Bool?
  var duration: Int
  /// What the stats count the answer as (``ReviewCount``).
  var countedAs: Int
  /// The schedule after the answer: the state as the raw value of its `CardPhase`.
  var state: Int
  var step: Int?
  var stability: Double?
  var difficulty: Double?
  var due: Int64?
  /// `reviewedAt - lastReview`; `nil` for no last review.
  var lastReviewAgo: Int64?
  var reps: Int
  var lapses: Int

  mutating func didInsert(_ inserted: InsertionSuccess) {
    id = inserted.rowID
  }
}

/// How a review's card was asked, as the log stores it (`0013_review_log_in_time_order`): the
/// ways Recall names as small integers (0 and 1 take no bytes in a row), any other name as its
/// text, so every name reads back as it was written.
struct QuizName: Codable, Hashable, Sendable, DatabaseValueConvertible {
  /// The names by their code. A code's name never changes; new names go at the end.
  static let coded = ["flip", "typed", "choice", "next-step", "ordering", "anki"]

  /// The name, as ``StoredReview/quiz`` has it.
  var name: String

  init(_ name: String) {
    self.name = name
  }

  /// The name in the row's `quiz` column: a code or a text; empty for any other value.
  init(row: Row) {
    name = Self.fromDatabaseValue(row["quiz"] ?? .null)?.name ?? ""
  }

  var databaseValue: DatabaseValue {
    Self.coded.firstIndex(of: name).map { Int64($0).databaseValue } ?? name.databaseValue
  }

  static func fromDatabaseValue(_ value: DatabaseValue) -> QuizName? {
    switch value.storage {
    case .int64(let code): return QuizName(coded.indices.contains(Int(code)) ? coded[Int(code)] : String(code))
    case .string(let name): return QuizName(name)
    default: return nil
    }
  }

  init(from decoder: any Decoder) throws {
    name = try decoder.singleValueContainer().decode(String.self)
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(name)
  }
}

/// What the stats count an answer as, from the card's schedule before it (the rules of the
/// review tally: a review is mature when its interval before the answer was over 20 days).
enum ReviewCount {
  static let newCard = 0
  static let step = 1
  static let youngReview = 2
  static let matureReview = 3

  /// The count of an answer given to a card in `before`.
  static func of(_ before: CardScheduleRecord) -> Int {
    switch before.state {
    case "new": return newCard
    case "review":
      let interval = (before.due ?? 0) - (before.lastReview ?? 0)
      return before.due != nil && before.lastReview != nil && interval > 1_728_000_000 ? matureReview : youngReview
    default: return step
    }
  }
}

/// A review's UUID as the log stores it: 16 bytes.
enum ReviewUID {
  /// The bytes of `id`.
  static func bytes(_ id: UUID) -> Data {
    let u = id.uuid
    return Data([u.0, u.1, u.2, u.3, u.4, u.5, u.6, u.7, u.8, u.9, u.10, u.11, u.12, u.13, u.14, u.15])
  }

  /// The bytes of a UUID written as text; text that is not a UUID (a value written by hand)
  /// gets the first 16 bytes of its SHA-256.
  static func bytes(of text: String) -> Data {
    if let id = UUID(uuidString: text) { return bytes(id) }
    return Data(SHA256.hash(data: Data(text.utf8)).prefix(16))
  }

  /// The UUID of 16 bytes; `nil` for any other length.
  static func id(_ bytes: Data) -> UUID? {
    guard bytes.count == 16 else { return nil }
    let b = [UInt8](bytes)
    return UUID(uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]))
  }
}

extension ReviewRecord {
  /// The record of a row, whatever its columns hold: a value of the wrong type reads as unknown,
  /// or 0 where the log needs a number (``Row/value(named:)``).
  init(row: Row) {
    self.init(
      id: row.value(named: "id"), uid: row.value(named: "uid") ?? Data(),
      cardId: row.value(named: "cardId") ?? 0, reviewedAt: row.value(named: "reviewedAt") ?? 0,
      rating: row.value(named: "rating") ?? 0, quiz: QuizName(row: row),
      answer: row.value(named: "answer"), correct: row.value(named: "correct"),
      duration: row.value(named: "duration") ?? 0, countedAs: row.value(named: "countedAs") ?? 0,
      state: row.value(named: "state") ?? 0, step: row.value(named: "step"),
      stability: row.value(named: "stability"), difficulty: row.value(named: "difficulty"),
      due: row.value(named: "due"), lastReviewAgo: row.value(named: "lastReviewAgo"),
      reps: row.value(named: "reps") ?? 0, lapses: row.value(named: "lapses") ?? 0)
  }

  /// The record of `entry`, counted from the schedule before it.
  init(_ entry: StoredReview) {
    let before = CardScheduleRecord(cardId: entry.cardID, entry.before)
    let after = CardScheduleRecord(cardId: entry.cardID, entry.after)
    let reviewedAt = Milliseconds.from(entry.reviewedAt)
    self.init(
      id: nil, uid: ReviewUID.bytes(entry.id), cardId: entry.cardID, reviewedAt: reviewedAt,
      rating: entry.rating, quiz: QuizName(entry.quiz), answer: entry.answer, correct: entry.correct,
      duration: entry.durationMilliseconds, countedAs: ReviewCount.of(before),
      state: (CardPhase(name: after.state)?.rawValue ?? 0), step: after.step, stability: after.stability,
      difficulty: after.difficulty, due: after.due, lastReviewAgo: after.lastReview.map { reviewedAt - $0 },
      reps: after.reps, lapses: after.lapses)
  }

  /// The card's schedule after the answer.
  var after: CardScheduleRecord {
    CardScheduleRecord(
      cardId: cardId, state: (CardPhase(rawValue: state) ?? .new).name, step: step, stability: stability,
      difficulty: difficulty, due: due, lastReview: lastReviewAgo.map { reviewedAt - $0 }, reps: reps,
      lapses: lapses)
  }

  /// The domain value, given the schedule before the answer.
  func entry(before: CardScheduleRecord) -> StoredReview {
    StoredReview(
      id: ReviewUID.id(uid) ?? UUID(), cardID: cardId, reviewedAt: Milliseconds.date(reviewedAt),
      rating: rating, quiz: quiz.name, answer: answer, correct: correct, durationMilliseconds: duration,
      before: before.schedule, after: after.schedule)
  }
}

/// A row of the `reviewBefore` table: the schedule before an answer where it is not the one the
/// card's previous row gives.
struct ReviewBeforeRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "reviewBefore"

  var reviewId: Int64
  var state: Int
  var step: Int?
  var stability: Double?
  var difficulty: Double?
  var due: Int64?
  var lastReview: Int64?
  var reps: Int
  var lapses: Int
}

extension ReviewBeforeRecord {
  /// The row of `schedule` for the review `reviewId`.
  init(reviewId: Int64, _ schedule: CardScheduleRecord) {
    self.init(
      reviewId: reviewId, state: (CardPhase(name: schedule.state)?.rawValue ?? 0), step: schedule.step,
      stability: schedule.stability, difficulty: schedule.difficulty, due: schedule.due,
      lastReview: schedule.lastReview, reps: schedule.reps, lapses: schedule.lapses)
  }

  /// The schedule of a row read with its columns prefixed `before` (``ReviewLog/columns``);
  /// `nil` when the row has none.
  static func schedule(prefixed row: Row, cardId: Int64) -> CardScheduleRecord? {
    guard let state: Int = row.value(named: "beforeState") else { return nil }
    return CardScheduleRecord(
      cardId: cardId, state: (CardPhase(rawValue: state) ?? .new).name, step: row.value(named: "beforeStep"),
      stability: row.value(named: "beforeStability"), difficulty: row.value(named: "beforeDifficulty"),
      due: row.value(named: "beforeDue"), lastReview: row.value(named: "beforeLastReview"),
      reps: row.value(named: "beforeReps") ?? 0, lapses: row.value(named: "beforeLapses") ?? 0)
  }
}

extension CardScheduleRecord {
  /// The schedule of a card never reviewed.
  static func new(cardId: Int64) -> CardScheduleRecord {
    CardScheduleRecord(
      cardId: cardId, state: "new", step: nil, stability: nil, difficulty: nil, due: nil, lastReview: nil,
      reps: 0, lapses: 0)
  }

  /// Whether `other` holds the same schedule, whatever card it belongs to.
  func isSame(as other: CardScheduleRecord) -> Bool {
    state == other.state && step == other.step && stability == other.stability
      && difficulty == other.difficulty && due == other.due && lastReview == other.lastReview
      && reps == other.reps && lapses == other.lapses
  }
}

/// A row of the `reviewUndo` table.
struct ReviewUndoRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "reviewUndo"

  /// The columns of the `reviewUndo` table.
  enum Columns {
    static let reviewId = Column(CodingKeys.reviewId)
    static let undoneAt = Column(CodingKeys.undoneAt)
  }

  /// The `review.id` of the answer undone.
  var reviewId: Int64
  var undoneAt: Int64
}
