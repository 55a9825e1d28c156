import Foundation
import RecallScheduling
import RecallStorage

/// Merges a review log exported by `recall export --format json` into a store: reviews matched
/// by id (nothing lost, nothing counted twice), cards matched by UUID or by deck and key (a key
/// of an export made before keys left out the deck is read without it), and the schedule of
/// every card that got new reviews replayed from its merged log (see
/// ``replay(_:scheduler:clock:)``: a log from one machine gives exactly that machine's schedule).
///
/// The whole file is read and checked before anything is written, and the merge is one
/// transaction: a bad file, or a failure half-way, leaves the database as it was.
public struct ProgressMerger: Sendable {
  /// The scheduler that replays the merged logs.
  public var scheduler: Scheduler
  /// The clock that numbers study days, for the load balancer.
  public var clock: DayClock

  /// A merger with the settings and weights of `request`, counting study days on its clock.
  public init(request: StatsRequest) throws(StatsError) {
    clock = request.clock
    do {
      scheduler = try Scheduler(
        parameters: request.parameters, settings: request.settings,
        dayCounting: .studyDays(request.clock))
    } catch {
      throw .invalidSchedulerSettings(reason: "\(error)")
    }
  }

  /// Reads and checks the export at `path`; times later than a hundred years after `now` are
  /// refused.
  ///
  /// - Throws: ``StatsError/cannotRead(path:reason:)``, ``StatsError/notAnExport(path:reason:)``,
  ///   ``StatsError/unsupportedSchemaVersion(path:version:)`` or
  ///   ``StatsError/invalidEntry(path:location:reason:)``.
  public static func read(path: String, now: Date) throws(StatsError) -> ProgressExport {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .cannotRead(path: path, reason: FileErrorReason.text(of: error))
    }
    return try decode(data, path: path, now: now)
  }

  /// Decodes and checks an export; `path` names it in messages, and times later than a
  /// hundred years after `now` are refused.
  ///
  /// Every review is checked field by field (see ``ExportedReview/check(times:)``): a forged or
  /// broken value is refused with its place, such as `reviews[3].before.stability`.
  public static func decode(_ data: Data, path: String, now: Date) throws(StatsError) -> ProgressExport {
    // A number too large for a Double (1e999: JSON has no infinity) is read as a string, which
    // the decoder then refuses at its place.
    let (data, overflowing) = OverflowingNumbers.quoted(in: data)
    guard let object = try? JSONSerialization.jsonObject(with: data), let top = object as? [String: Any]
    else {
      throw .notAnExport(path: path, reason: "it is not a JSON object")
    }
    guard top["format"] as? String == ProgressExport.formatName else {
      throw .notAnExport(path: path, reason: "its \"format\" is not \"\(ProgressExport.formatName)\"")
    }
    guard let version = top["schemaVersion"] as? Int else {
      throw .notAnExport(path: path, reason: "it has no whole-number \"schemaVersion\"")
    }
    guard version == ProgressExport.currentSchemaVersion else {
      throw .unsupportedSchemaVersion(path: path, version: version)
    }
    let export: ProgressExport
    do {
      export = try JSONDecoder().decode(ProgressExport.self, from: data)
    } catch let DecodingError.keyNotFound(key, context) {
      throw .invalidEntry(
        path: path, location: location(context.codingPath + [key]), reason: "the value is missing")
    } catch let DecodingError.typeMismatch(_, context) {
      let reason =
        if let number = OverflowingNumbers.value(at: context.codingPath, in: top) as? String,
          overflowing.contains(number)
        {
          "\(number) is not a finite number"
        } else {
          "the value has the wrong type"
        }
      throw .invalidEntry(path: path, location: location(context.codingPath), reason: reason)
    } catch let DecodingError.valueNotFound(_, context) {
      throw .invalidEntry(path: path, location: location(context.codingPath), reason: "the value is null")
    } catch let DecodingError.dataCorrupted(context) {
      throw .invalidEntry(path: path, location: location(context.codingPath), reason: context.debugDescription)
    } catch {
      throw .notAnExport(path: path, reason: "\(error)")
    }
    let times = ExportTimes(now: now)
    var seen: Set<String> = []
    for (index, review) in export.reviews.enumerated() {
      do throws(ExportProblem) {
        try review.check(times: times)
        guard seen.insert(review.id).inserted else {
          throw ExportProblem(field: "id", "the review \(review.id) is listed twice")
        }
      } catch {
        throw .invalidEntry(path: path, location: "reviews[\(index)].\(error.field)", reason: error.message)
      }
    }
    return export
  }

  /// Merges `export` into `store`: every review of a card this database has. The reviews of
  /// cards it does not have (a note edited since, or not imported here) are left out and listed
  /// in the report with their cards' prompts; merging the file again once they are here merges
  /// them, the rest being matched by id.
  ///
  /// - Throws: ``StatsError/storage(_:)``; nothing is written then.
  public func merge(_ export: ProgressExport, from path: String, into store: Store) throws(StatsError)
    -> ProgressMergeReport
  {
    do {
      let identities = try store.cardIdentities()
      var byUID: [String: Int64] = [:]
      var byDeckKey: [String: Int64] = [:]
      for identity in identities {
        byUID[identity.uid] = identity.id
        byDeckKey[identity.deck + "\u{1F}" + identity.key] = identity.id
      }
      var entries: [StoredReview] = []
      var undos: [ReviewUndo] = []
      var skipped: [SkippedCard] = []
      var skippedIndex: [String: Int] = [:]
      let prompts = Dictionary(export.cards.map { ($0.uid, $0.prompt) }, uniquingKeysWith: { first, _ in first })
      for review in export.reviews {
        guard
          let cardID = byUID[review.cardUid] ?? byDeckKey[review.deck + "\u{1F}" + review.key]
            ?? byDeckKey[review.deck + "\u{1F}" + CardIdentity.noteRelativeKey(review.key, deck: review.deck)]
        else {
          let name = review.deck + "\u{1F}" + review.key
          if let index = skippedIndex[name] {
            skipped[index].reviews += 1
          } else {
            skippedIndex[name] = skipped.count
            skipped.append(
              SkippedCard(deck: review.deck, key: review.key, prompt: prompts[review.cardUid] ?? "", reviews: 1))
          }
          continue
        }
        // Checked by decode(_:path:).
        let id = UUID(uuidString: review.id) ?? UUID()
        let before = (try? review.before.storedSchedule(times: .unchecked)) ?? .new
        let after = (try? review.after.storedSchedule(times: .unchecked)) ?? .new
        entries.append(
          StoredReview(
            id: id, cardID: cardID, reviewedAt: ExportTime.date(review.reviewedAt) ?? Date(),
            rating: review.rating, quiz: review.quiz, answer: review.answer, correct: review.correct,
            durationMilliseconds: review.durationMs, before: before, after: after))
        if let undone = review.undoneAt.flatMap(ExportTime.date) {
          undos.append(ReviewUndo(reviewID: id, undoneAt: undone))
        }
      }
      let (scheduler, clock) = (self.scheduler, self.clock)
      var report = try store.mergeProgress(reviews: entries, undos: undos) { log in
        Self.replay(log, scheduler: scheduler, clock: clock)
      }
      report.skippedCards = skipped
      report.reviewsSkipped = skipped.reduce(0) { $0 + $1.reviews }
      return report
    } catch {
      throw .storage(error)
    }
  }

  /// The schedules of the merged log's rescheduled cards: what the reviewing machine computed
  /// wherever the log shows it, and what a review on this machine would have computed where
  /// logs of two machines interleave.
  ///
  /// Every review records the card's schedule before and after it. The whole log is walked in
  /// time order, every card's, keeping each card's schedule as the log leaves it (a card
  /// starts from the schedule its first review found, and a card with no review keeps the one
  /// it has):
  ///
  /// - A review whose schedule before is the card's schedule so far continues that machine's
  ///   log: its recorded schedule after is what that machine computed, load balancer and
  ///   sibling spreading included, and is taken as it is.
  /// - A review whose schedule before differs was made on another machine from another state
  ///   (the logs interleave): its schedule is computed again, as a review at its time would
  ///   compute it (``Scheduler/balancedReview(_:rating:at:clock:using:dueCounts:siblingDueDays:)``,
  ///   with the generator seeded by this database's card id and review count), the load
  ///   balancer counting the review cards due as the walk has them then, and the siblings'
  ///   due days as the walk has them then. Cards count, and siblings are kept apart, as
  ///   they are now (active ones only), and the settings are this database's for every deck.
  ///   The reviews of the card after it are computed again too, unless one of them starts
  ///   again from the schedule so far.
  ///
  /// The result depends on the merged log and the cards alone, so two databases that imported
  /// the same notes alike (the same card ids, hence the same seeds) end with the same schedules
  /// whichever merges the other's log; undone reviews (left out of the log) count for nothing.
  public static func replay(
    _ log: MergedLog, scheduler: Scheduler, clock: DayClock
  ) -> [Int64: CardSchedule] {
    replay(log, recomputing: [], scheduler: scheduler, clock: clock).schedules
  }

  /// The replay of ``replay(_:scheduler:clock:)``, where the reviews `recomputing` names are
  /// always computed again, whatever schedule they record (a log such as Anki's records none),
  /// and their schedules before and after are given with the cards' schedules.
  public static func replay(
    _ log: MergedLog, recomputing: Set<UUID>, scheduler: Scheduler, clock: DayClock
  ) -> ReplayedLog {
    var states: [UUID: ReviewStates] = [:]
    var schedules: [Int64: CardSchedule] = [:]
    var siblings: [Int64: [Int64]] = [:]
    var groups: [String: [Int64]] = [:]
    var active: Set<Int64> = []
    for card in log.cards {
      schedules[card.id] = card.schedule
      if card.isActive {
        active.insert(card.id)
        groups["\(card.noteID)\u{1F}\(card.siblingGroup)", default: []].append(card.id)
      }
    }
    for members in groups.values where members.count > 1 {
      for id in members { siblings[id] = members.filter { $0 != id } }
    }
    var started: Set<Int64> = []
    for review in log.reviews where started.insert(review.cardID).inserted {
      schedules[review.cardID] = review.before
    }
    // The active review cards due on each study day as the walk has them, kept up to date as
    // schedules change, so that the load balancer's counts cost nothing per review.
    var dueOnDay: [Int: Int] = [:]
    func dueDay(_ schedule: CardSchedule?) -> Int? {
      guard let schedule, schedule.state == .review, let due = schedule.due else { return nil }
      return clock.dayNumber(of: due)
    }
    for id in active { if let day = dueDay(schedules[id]) { dueOnDay[day, default: 0] += 1 } }
    func setSchedule(_ schedule: CardSchedule, of id: Int64) {
      if active.contains(id) {
        if let day = dueDay(schedules[id]) { dueOnDay[day, default: 0] -= 1 }
        if let day = dueDay(schedule) { dueOnDay[day, default: 0] += 1 }
      }
      schedules[id] = schedule
    }
    for review in log.reviews {
      let current = schedules[review.cardID] ?? review.before
      if review.before == current && !recomputing.contains(review.id) {
        setSchedule(review.after, of: review.cardID)
        continue
      }
      guard let rating = Rating(rawValue: review.rating) else { continue }
      var generator = SeededGenerator(cardID: review.cardID, reviewCount: current.reps)
      let outcome = scheduler.balancedReview(
        current.cardState(newCardDue: review.reviewedAt), rating: rating, at: review.reviewedAt,
        clock: clock, using: &generator,
        dueCounts: { days in
          var counts: [Int: Int] = [:]
          for day in days { if let count = dueOnDay[day], count > 0 { counts[day] = count } }
          return counts
        },
        siblingDueDays: {
          Set(
            (siblings[review.cardID] ?? []).compactMap { id in
              guard let schedule = schedules[id], schedule.state != .new else { return nil }
              return schedule.due.map(clock.dayNumber(of:))
            })
        })
      // As the store keeps it, so that a review made from it later on compares equal.
      let after = CardSchedule(outcome.card).asStored
      setSchedule(after, of: review.cardID)
      if recomputing.contains(review.id) { states[review.id] = ReviewStates(before: current, after: after) }
    }
    var result: [Int64: CardSchedule] = [:]
    for id in log.rescheduled { result[id] = started.contains(id) ? schedules[id] : .new }
    return ReplayedLog(schedules: result, reviewStates: states)
  }
}

/// A value of an export that cannot be merged: the field at fault (`rating`,
/// `before.stability`) and why.
struct ExportProblem: Error {
  let field: String
  let message: String

  init(field: String, _ message: String) {
    self.field = field
    self.message = message
  }

  /// The same problem, its field inside `parent`.
  func inside(_ parent: String) -> ExportProblem {
    ExportProblem(field: parent + "." + field, message)
  }
}

/// The times an export may hold: from 1970-01-01 to a hundred years after now (a due date is
/// at most the longest interval, 36,500 days, after its review).
struct ExportTimes {
  let earliest: Date
  let latest: Date

  init(now: Date) {
    earliest = Date(timeIntervalSince1970: 0)
    latest = now.addingTimeInterval(100 * 365.25 * 86_400)
  }

  private init(earliest: Date, latest: Date) {
    self.earliest = earliest
    self.latest = latest
  }

  /// Any time at all: for reading again an export that was checked already.
  static let unchecked = ExportTimes(earliest: .distantPast, latest: .distantFuture)

  /// The date of the ISO 8601 `text` of the field `field`, checked to be in range.
  func date(_ text: String, field: String) throws(ExportProblem) -> Date {
    guard let date = ExportTime.date(text) else {
      throw ExportProblem(field: field, "'\(text)' is not an ISO 8601 time")
    }
    guard date >= earliest else {
      throw ExportProblem(field: field, "'\(text)' is before 1970")
    }
    guard date <= latest else {
      throw ExportProblem(field: field, "'\(text)' is more than a hundred years ahead")
    }
    return date
  }
}

extension ExportedReview {
  /// The longest an answer may have taken, in milliseconds: a hundred years (a review left
  /// open over a weekend is real; a longer one is forged, and would overflow the sums of time
  /// spent).
  static let longestDuration = 100 * 36_525 * 86_400_000

  /// Checks every field of the review, as the store and the scheduler need them.
  func check(times: ExportTimes) throws(ExportProblem) {
    guard let uuid = UUID(uuidString: id), uuid.uuidString == id else {
      throw ExportProblem(field: "id", "'\(id)' is not an upper-case UUID")
    }
    guard (1...4).contains(rating) else { throw ExportProblem(field: "rating", "\(rating) is not a rating from 1 to 4") }
    guard durationMs >= 0 else { throw ExportProblem(field: "durationMs", "a duration cannot be negative") }
    guard durationMs <= Self.longestDuration else {
      throw ExportProblem(field: "durationMs", "\(durationMs) ms is longer than a hundred years")
    }
    guard !quiz.isEmpty else { throw ExportProblem(field: "quiz", "it is empty") }
    let reviewed = try times.date(reviewedAt, field: "reviewedAt")
    if let undoneAt, try times.date(undoneAt, field: "undoneAt") < reviewed {
      throw ExportProblem(field: "undoneAt", "the undo ('\(undoneAt)') is before its review ('\(reviewedAt)')")
    }
    guard !key.isEmpty || !cardUid.isEmpty else { throw ExportProblem(field: "key", "the review names no card") }
    for (name, schedule) in [("before", before), ("after", after)] {
      do throws(ExportProblem) {
        _ = try schedule.storedSchedule(times: times)
      } catch {
        throw error.inside(name)
      }
    }
  }
}

extension ExportedSchedule {
  /// The stabilities a schedule may have, in days: from FSRS's least (0.001) to a million days,
  /// far beyond what a lifetime of reviews gives.
  static let stabilityRange = 0.001...1_000_000.0
  /// The difficulties a schedule may have.
  static let difficultyRange = 1.0...10.0

  /// The stored form of the exported schedule, checked; a time out of `times` is refused.
  func storedSchedule(times: ExportTimes) throws(ExportProblem) -> CardSchedule {
    guard let state = SchedulePhase(rawValue: state) else {
      throw ExportProblem(field: "state", "'\(self.state)' is not a state (new, learning, review, relearning)")
    }
    func time(_ text: String?, _ name: String) throws(ExportProblem) -> Date? {
      guard let text else { return nil }
      return try times.date(text, field: name)
    }
    guard reps >= 0 else { throw ExportProblem(field: "reps", "it cannot be negative") }
    guard lapses >= 0 else { throw ExportProblem(field: "lapses", "it cannot be negative") }
    if let step, step < 0 { throw ExportProblem(field: "step", "it cannot be negative") }
    if let stability, !(stability.isFinite && Self.stabilityRange.contains(stability)) {
      throw ExportProblem(
        field: "stability", "\(stability) is not a stability from 0.001 to 1000000 days")
    }
    if let difficulty, !(difficulty.isFinite && Self.difficultyRange.contains(difficulty)) {
      throw ExportProblem(field: "difficulty", "\(difficulty) is not a difficulty from 1 to 10")
    }
    return CardSchedule(
      state: state, step: step, stability: stability, difficulty: difficulty,
      due: try time(due, "due"), lastReview: try time(lastReview, "lastReview"), reps: reps,
      lapses: lapses)
  }
}

/// Number literals of a JSON text that no `Double` holds, such as `1e999` or `-1e400`.
enum OverflowingNumbers {
  /// `data` with each number literal that reads as no finite `Double` turned into a string,
  /// and those literals.
  static func quoted(in data: Data) -> (data: Data, literals: Set<String>) {
    let bytes = [UInt8](data)
    var result: [UInt8] = []
    var literals: Set<String> = []
    var index = 0
    var inString = false
    while index < bytes.count {
      let byte = bytes[index]
      if inString {
        if byte == UInt8(ascii: "\\") {
          result.append(contentsOf: bytes[index..<min(index + 2, bytes.count)])
          index += 2
          continue
        }
        if byte == UInt8(ascii: "\"") { inString = false }
      } else if byte == UInt8(ascii: "\"") {
        inString = true
      } else if byte == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
        var end = index
        while end < bytes.count, isNumberByte(bytes[end]) { end += 1 }
        let literal = String(decoding: bytes[index..<end], as: UTF8.self)
        if let value = Double(literal), !value.isFinite {
          literals.insert(literal)
          result.append(contentsOf: Array(("\"" + literal + "\"").utf8))
        } else {
          result.append(contentsOf: bytes[index..<end])
        }
        index = end
        continue
      }
      result.append(byte)
      index += 1
    }
    return literals.isEmpty ? (data, []) : (Data(result), literals)
  }

  /// The value at `path` in a JSON object as `JSONSerialization` reads it.
  static func value(at path: [any CodingKey], in object: Any) -> Any? {
    var current: Any? = object
    for key in path {
      if let index = key.intValue {
        guard let array = current as? [Any], array.indices.contains(index) else { return nil }
        current = array[index]
      } else {
        current = (current as? [String: Any])?[key.stringValue]
      }
    }
    return current
  }

  private static func isNumberByte(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
      || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
      || byte == UInt8(ascii: "E")
  }
}

/// A coding path as `reviews[3].rating`.
private func location(_ path: [any CodingKey]) -> String {
  var text = ""
  for key in path {
    if let index = key.intValue {
      text += "[\(index)]"
    } else {
      text += (text.isEmpty ? "" : ".") + key.stringValue
    }
  }
  return text.isEmpty ? "the top level" : text
}
