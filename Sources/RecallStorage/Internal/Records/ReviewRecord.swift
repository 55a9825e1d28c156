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

  /// The name of a `quiz` column's value: a code or a text; empty for any other value.
  init(_ value: DatabaseValue) {
    name = Self.fromDatabaseValue(value)?.name ?? ""
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
    let b = bytes.startIndex
    return UUID(
      uuid: (
        bytes[b], bytes[b + 1], bytes[b + 2], bytes[b + 3], bytes[b + 4], bytes[b + 5], bytes[b + 6], bytes[b + 7],
        bytes[b + 8], bytes[b + 9], bytes[b + 10], bytes[b + 11], bytes[b + 12], bytes[b + 13], bytes[b + 14],
        bytes[b + 15]
      ))
  }
}

extension ReviewRecord {
  /// The number of columns a `SELECT` list of plain column names holds.
  static func columnCount(of selection: String) -> Int {
    selection.split(separator: ",").count
  }

  /// The columns of a row in the order ``init(row:)`` reads them: a hot loop reads a row by
  /// position, not by name.
  static let selection = """
    review.id, review.uid, review.cardId, review.reviewedAt, review.rating, review.quiz, review.answer,
    review.correct, review.duration, review.countedAs, review.state, review.step, review.stability,
    review.difficulty, review.due, review.lastReviewAgo, review.reps, review.lapses
    """
  /// The number of columns of ``selection``.
  static let selectionCount = columnCount(of: selection)

  /// The columns of the schedule after an answer, in the order ``after(row:cardId:)`` reads them.
  static let afterSelection = """
    review.reviewedAt, review.state, review.step, review.stability, review.difficulty, review.due,
    review.lastReviewAgo, review.reps, review.lapses
    """

  /// Writes a new row, through a statement prepared once per connection, with the values in
  /// their columns' order.
  static let insertQuery = """
    INSERT INTO review (
      uid, cardId, reviewedAt, rating, quiz, answer, correct, duration, countedAs, state, step,
      stability, difficulty, due, lastReviewAgo, reps, lapses
    ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    """

  /// The record of a row of ``selection``'s columns, whatever they hold: a value of the wrong
  /// type reads as unknown, or 0 where the log needs a number (``Row/value(_:)``).
  init(row: Row) {
    self.init(
      id: row.value(0), uid: row.value(1) ?? Data(), cardId: row.value(2) ?? 0, reviewedAt: row.value(3) ?? 0,
      rating: row.value(4) ?? 0, quiz: QuizName(row[5] as DatabaseValue), answer: row.value(6),
      correct: row.value(7), duration: row.value(8) ?? 0, countedAs: row.value(9) ?? 0,
      state: row.value(10) ?? 0, step: row.value(11), stability: row.value(12), difficulty: row.value(13),
      due: row.value(14), lastReviewAgo: row.value(15), reps: row.value(16) ?? 0, lapses: row.value(17) ?? 0)
  }

  /// The schedule after the answer of a row of ``afterSelection``'s columns, read as
  /// ``init(row:)`` reads them.
  static func after(row: Row, cardId: Int64) -> CardScheduleRecord {
    let reviewedAt: Int64 = row.value(0) ?? 0
    let lastReviewAgo: Int64? = row.value(6)
    return CardScheduleRecord(
      cardId: cardId, state: (CardPhase(rawValue: row.value(1) ?? 0) ?? .new).name, step: row.value(2),
      stability: row.value(3), difficulty: row.value(4), due: row.value(5),
      lastReview: lastReviewAgo.map { reviewedAt - $0 }, reps: row.value(7) ?? 0, lapses: row.value(8) ?? 0)
  }

  /// Writes the record as a new row (``insertQuery``, or `statement`: that query prepared) and
  /// returns its id.
  func write(_ db: Database, statement: Statement? = nil) throws -> Int64 {
    try (statement ?? db.cachedStatement(sql: Self.insertQuery)).execute(arguments: [
      uid, cardId, reviewedAt, rating, quiz, answer, correct, duration, countedAs, state, step, stability,
      difficulty, due, lastReviewAgo, reps, lapses,
    ])
    return db.lastInsertedRowID
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

  /// The columns of a `reviewBefore` row in the order ``schedule(row:at:cardId:)`` reads them.
  static let selection = """
    reviewBefore.state, reviewBefore.step, reviewBefore.stability, reviewBefore.difficulty,
    reviewBefore.due, reviewBefore.lastReview, reviewBefore.reps, reviewBefore.lapses
    """

  /// The number of columns of ``selection``.
  static let selectionCount = ReviewRecord.columnCount(of: selection)

  /// The schedule of a row that has ``selection``'s columns from column `offset` on; `nil`
  /// when the row has none (an outer join found no `reviewBefore` row).
  static func schedule(row: Row, at offset: Int, cardId: Int64) -> CardScheduleRecord? {
    guard let state: Int = row.value(offset) else { return nil }
    return CardScheduleRecord(
      cardId: cardId, state: (CardPhase(rawValue: state) ?? .new).name, step: row.value(offset + 1),
      stability: row.value(offset + 2), difficulty: row.value(offset + 3), due: row.value(offset + 4),
      lastReview: row.value(offset + 5), reps: row.value(offset + 6) ?? 0, lapses: row.value(offset + 7) ?? 0)
  }

  /// Writes the record as a new row, through a statement prepared once per connection
  /// (``insertQuery``, or `statement`: that query prepared).
  func write(_ db: Database, statement: Statement? = nil) throws {
    let insert = try statement ?? db.cachedStatement(sql: Self.insertQuery)
    try insert.execute(arguments: [reviewId, state, step, stability, difficulty, due, lastReview, reps, lapses])
  }

  /// Writes a new row, with the values in their columns' order.
  static let insertQuery = """
    INSERT INTO reviewBefore (reviewId, state, step, stability, difficulty, due, lastReview, reps, lapses)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    """
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
