import RecallScheduling
import GRDB

/// A row of the `cardSchedule` table: one card's FSRS state.
struct CardScheduleRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "cardSchedule"

  /// The columns of the `cardSchedule` table.
  enum Columns {
    static let cardId = Column(CodingKeys.cardId)
    static let state = Column(CodingKeys.state)
    static let step = Column(CodingKeys.step)
    static let stability = Column(CodingKeys.stability)
    static let difficulty = Column(CodingKeys.difficulty)
    static let due = Column(CodingKeys.due)
    static let lastReview = Column(CodingKeys.lastReview)
    static let reps = Column(CodingKeys.reps)
    static let lapses = Column(CodingKeys.lapses)
  }

  var cardId: Int64
  var state: String
  var step: Int?
  var stability: Double?
  var difficulty: Double?
  var due: Int64?
  var lastReview: Int64?
  var reps: Int
  var lapses: Int
}

extension CardScheduleRecord {
  /// The record of a row, whatever its columns hold: a value of the wrong type reads as unknown,
  /// or 0 for the counts (``Row/value(named:)``).
  init(row: Row) {
    self.init(
      cardId: row.value(named: "cardId") ?? 0, state: row.value(named: "state") ?? "new",
      step: row.value(named: "step"), stability: row.value(named: "stability"),
      difficulty: row.value(named: "difficulty"), due: row.value(named: "due"),
      lastReview: row.value(named: "lastReview"), reps: row.value(named: "reps") ?? 0,
      lapses: row.value(named: "lapses") ?? 0)
  }
}

extension CardScheduleRecord {
  /// The record of `schedule` for the card `cardId`.
  init(cardId: Int64, _ schedule: CardSchedule) {
    self.init(
      cardId: cardId, state: schedule.state.name, step: schedule.step,
      stability: schedule.stability, difficulty: schedule.difficulty,
      due: schedule.due.map(Milliseconds.from), lastReview: schedule.lastReview.map(Milliseconds.from),
      reps: schedule.reps, lapses: schedule.lapses)
  }

  /// Writes the record as the card's schedule, in place of the one it has, as `save` does,
  /// through a statement prepared once per connection (a merge sets thousands).
  func write(_ db: Database) throws {
    let upsert = try db.cachedStatement(
      sql: """
        INSERT INTO cardSchedule (cardId, state, step, stability, difficulty, due, lastReview, reps, lapses)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (cardId) DO UPDATE SET
          state = excluded.state, step = excluded.step, stability = excluded.stability,
          difficulty = excluded.difficulty, due = excluded.due, lastReview = excluded.lastReview,
          reps = excluded.reps, lapses = excluded.lapses
        """)
    try upsert.execute(arguments: [cardId, state, step, stability, difficulty, due, lastReview, reps, lapses])
  }

  /// The domain value.
  var schedule: CardSchedule {
    CardSchedule(
      state: CardPhase(name: state) ?? .new, step: step, stability: stability,
      difficulty: difficulty, due: due.map(Milliseconds.date), lastReview: lastReview.map(Milliseconds.date),
      reps: reps, lapses: lapses)
  }
}
