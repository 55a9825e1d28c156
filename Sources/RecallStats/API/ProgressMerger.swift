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

  /// Reads and checks the export at `path`.
  ///
  /// - Throws: ``StatsError/cannotRead(path:reason:)``, ``StatsError/notAnExport(path:reason:)``,
  ///   ``StatsError/unsupportedSchemaVersion(path:version:)`` or
  ///   ``StatsError/invalidEntry(path:location:reason:)``.
  public static func read(path: String) throws(StatsError) -> ProgressExport {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .cannotRead(path: path, reason: FileErrorReason.text(of: error))
    }
    return try decode(data, path: path)
  }

  /// Decodes and checks an export; `path` names it in messages.
  public static func decode(_ data: Data, path: String) throws(StatsError) -> ProgressExport {
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
      throw .invalidEntry(path: path, location: location(context.codingPath), reason: "the value has the wrong type")
    } catch let DecodingError.valueNotFound(_, context) {
      throw .invalidEntry(path: path, location: location(context.codingPath), reason: "the value is null")
    } catch let DecodingError.dataCorrupted(context) {
      throw .invalidEntry(path: path, location: location(context.codingPath), reason: context.debugDescription)
    } catch {
      throw .notAnExport(path: path, reason: "\(error)")
    }
    var seen: Set<String> = []
    for (index, review) in export.reviews.enumerated() {
      func bad(_ field: String, _ reason: String) -> StatsError {
        .invalidEntry(path: path, location: "reviews[\(index)].\(field)", reason: reason)
      }
      guard let uuid = UUID(uuidString: review.id), uuid.uuidString == review.id else {
        throw bad("id", "'\(review.id)' is not an upper-case UUID")
      }
      guard seen.insert(review.id).inserted else { throw bad("id", "the review \(review.id) is listed twice") }
      guard (1...4).contains(review.rating) else { throw bad("rating", "\(review.rating) is not a rating from 1 to 4") }
      guard review.durationMs >= 0 else { throw bad("durationMs", "a duration cannot be negative") }
      guard !review.quiz.isEmpty else { throw bad("quiz", "it is empty") }
      guard ExportTime.date(review.reviewedAt) != nil else {
        throw bad("reviewedAt", "'\(review.reviewedAt)' is not an ISO 8601 time")
      }
      if let undone = review.undoneAt, ExportTime.date(undone) == nil {
        throw bad("undoneAt", "'\(undone)' is not an ISO 8601 time")
      }
      guard !review.key.isEmpty || !review.cardUid.isEmpty else { throw bad("key", "the review names no card") }
      for (name, schedule) in [("before", review.before), ("after", review.after)] {
        do {
          _ = try schedule.storedSchedule()
        } catch let reason {
          throw bad(name, reason.message)
        }
      }
    }
    return export
  }

  /// Merges `export` into `store`.
  ///
  /// - Throws: ``StatsError/unknownCards(path:count:examples:)`` when reviews belong to cards
  ///   the database does not have, or ``StatsError/storage(_:)``; nothing is written then.
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
      var missing: [String] = []
      var missingSet: Set<String> = []
      for review in export.reviews {
        guard
          let cardID = byUID[review.cardUid] ?? byDeckKey[review.deck + "\u{1F}" + review.key]
            ?? byDeckKey[review.deck + "\u{1F}" + CardIdentity.noteRelativeKey(review.key, deck: review.deck)]
        else {
          let name = "'\(review.key)' in \(review.deck)"
          if missingSet.insert(name).inserted { missing.append(name) }
          continue
        }
        // Checked by decode(_:path:).
        let id = UUID(uuidString: review.id) ?? UUID()
        let before = (try? review.before.storedSchedule()) ?? .new
        let after = (try? review.after.storedSchedule()) ?? .new
        entries.append(
          StoredReview(
            id: id, cardID: cardID, reviewedAt: ExportTime.date(review.reviewedAt) ?? Date(),
            rating: review.rating, quiz: review.quiz, answer: review.answer, correct: review.correct,
            durationMilliseconds: review.durationMs, before: before, after: after))
        if let undone = review.undoneAt.flatMap(ExportTime.date) {
          undos.append(ReviewUndo(reviewID: id, undoneAt: undone))
        }
      }
      if !missing.isEmpty {
        throw StatsError.unknownCards(path: path, count: missing.count, examples: Array(missing.prefix(3)))
      }
      let (scheduler, clock) = (self.scheduler, self.clock)
      return try store.mergeProgress(reviews: entries, undos: undos) { log in
        Self.replay(log, scheduler: scheduler, clock: clock)
      }
    } catch let error as StatsError {
      throw error
    } catch let error as StorageError {
      throw .storage(error)
    } catch {
      throw .storage(.database(path: store.path, message: "\(error)"))
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
    for review in log.reviews {
      let current = schedules[review.cardID] ?? review.before
      if review.before == current && !recomputing.contains(review.id) {
        schedules[review.cardID] = review.after
        continue
      }
      guard let rating = Rating(rawValue: review.rating) else { continue }
      var generator = SeededGenerator(cardID: review.cardID, reviewCount: current.reps)
      let outcome = scheduler.balancedReview(
        current.cardState(newCardDue: review.reviewedAt), rating: rating, at: review.reviewedAt,
        clock: clock, using: &generator,
        dueCounts: { days in
          var counts: [Int: Int] = [:]
          for id in active {
            guard let schedule = schedules[id], schedule.state == .review, let due = schedule.due else { continue }
            let day = clock.dayNumber(of: due)
            if days.contains(day) { counts[day, default: 0] += 1 }
          }
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
      schedules[review.cardID] = after
      if recomputing.contains(review.id) { states[review.id] = ReviewStates(before: current, after: after) }
    }
    var result: [Int64: CardSchedule] = [:]
    for id in log.rescheduled { result[id] = started.contains(id) ? schedules[id] : .new }
    return ReplayedLog(schedules: result, reviewStates: states)
  }
}

/// Why an exported schedule cannot be stored.
struct ScheduleProblem: Error {
  let message: String
}

extension ExportedSchedule {
  /// The stored form of the exported schedule, checked.
  func storedSchedule() throws(ScheduleProblem) -> CardSchedule {
    guard let state = SchedulePhase(rawValue: state) else {
      throw ScheduleProblem(message: "'\(self.state)' is not a state (new, learning, review, relearning)")
    }
    func time(_ text: String?, _ name: String) throws(ScheduleProblem) -> Date? {
      guard let text else { return nil }
      guard let date = ExportTime.date(text) else {
        throw ScheduleProblem(message: "its \(name) '\(text)' is not an ISO 8601 time")
      }
      return date
    }
    guard reps >= 0, lapses >= 0 else { throw ScheduleProblem(message: "reps and lapses cannot be negative") }
    if let stability, !(stability > 0 && stability.isFinite) {
      throw ScheduleProblem(message: "its stability must be a positive number")
    }
    if let difficulty, !(1...10).contains(difficulty) {
      throw ScheduleProblem(message: "its difficulty must be from 1 to 10")
    }
    return CardSchedule(
      state: state, step: step, stability: stability, difficulty: difficulty,
      due: try time(due, "due"), lastReview: try time(lastReview, "lastReview"), reps: reps,
      lapses: lapses)
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
