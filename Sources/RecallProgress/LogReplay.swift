import Foundation
import RecallScheduling
import RecallStorage

/// The walk of a merged review log, one review at a time in time order, that gives each card's
/// schedule: what the reviewing machine computed wherever the log shows it, and what a review
/// on this machine would have computed where logs of two machines interleave.
///
/// Every review records the card's schedule before and after it. The walk keeps each card's
/// schedule as the log leaves it (a card starts from the schedule its first review found, and a
/// card with no review keeps the one it has):
///
/// - A review whose schedule before is the card's schedule so far continues that machine's
///   log: its recorded schedule after is what that machine computed, load balancer and
///   sibling spreading included, and is taken as it is.
/// - A review whose schedule before differs was made on another machine from another state
///   (the logs interleave), or records no schedule (Anki's log): it is scheduled again as a
///   review at its time would schedule it (``AnswerScheduler``, with the settings of the
///   card's deck), the load balancer counting the review cards due as the walk has them then,
///   and the siblings' due days as the walk has them then. Cards count, and siblings are kept
///   apart, as they are now, as the review counts them: active cards are spread from, and
///   counted unless suspended. The reviews of the card after it are computed
///   again too, unless one of them starts again from the schedule so far.
///
/// The result depends on the merged log and the cards alone, so two databases that imported
/// the same notes alike (the same card ids, hence the same seeds) end with the same schedules
/// whichever merges the other's log; undone reviews (left out of the log) count for nothing.
///
/// It holds one schedule per card and a count per study day, never the log.
public struct LogReplay {
  private var scheduling: DeckScheduling
  private let clock: DayClock
  private var schedules: [Int64: CardSchedule] = [:]
  private var decks: [Int64: String] = [:]
  private var siblings: [Int64: [Int64]] = [:]
  /// The cards counted among the cards due: active and not suspended.
  private var counted: Set<Int64> = []
  /// The active review cards due on each study day as the walk has them, kept up to date as
  /// schedules change, so that the load balancer's counts cost nothing per review.
  private var dueOnDay: [Int: Int] = [:]

  /// A walk over the log of `cards`, each starting from `firstBefore` (the schedule before its
  /// first review that counts) or else the schedule it has.
  public init(cards: [ReplayCard], firstBefore: [Int64: CardSchedule], scheduling: DeckScheduling) {
    self.scheduling = scheduling
    clock = scheduling.everyDeck.clock
    var groups: [String: [Int64]] = [:]
    for card in cards {
      schedules[card.id] = firstBefore[card.id] ?? card.schedule
      decks[card.id] = card.deck
      if card.isActive {
        if !card.isSuspended { counted.insert(card.id) }
        groups["\(card.noteID)\u{1F}\(card.siblingGroup)", default: []].append(card.id)
      }
    }
    for members in groups.values where members.count > 1 {
      for id in members { siblings[id] = members.filter { $0 != id } }
    }
    for id in counted { if let day = dueDay(schedules[id]) { dueOnDay[day, default: 0] += 1 } }
  }

  /// A card's schedule as the walk has it so far.
  public func schedule(of cardID: Int64) -> CardSchedule? { schedules[cardID] }

  /// Takes the next review of the log; `recomputing` schedules it again whatever it records.
  ///
  /// - Returns: The review's schedules before and after, when it was scheduled again.
  @discardableResult
  public mutating func take(_ review: StoredReview, recomputing: Bool = false) throws(ProgressError) -> ReviewStates? {
    let current = schedules[review.cardID] ?? review.before
    if review.before == current && !recomputing {
      setSchedule(review.after, of: review.cardID)
      return nil
    }
    guard let rating = Rating(rawValue: review.rating) else { return nil }
    let answer = try scheduling.scheduler(forDeck: decks[review.cardID] ?? "")
    // The closures read the walk's own tables: a copy kept alive here would make the next
    // change copy them whole, once per review.
    let after = answer.next(
      current, cardID: review.cardID, rating: rating, at: review.reviewedAt,
      dueCounts: { days in
        var counts: [Int: Int] = [:]
        counts.reserveCapacity(days.count)
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
    setSchedule(after, of: review.cardID)
    return ReviewStates(before: current, after: after)
  }

  private func dueDay(_ schedule: CardSchedule?) -> Int? {
    guard let schedule, schedule.state == .review, let due = schedule.due else { return nil }
    return clock.dayNumber(of: due)
  }

  private mutating func setSchedule(_ schedule: CardSchedule, of id: Int64) {
    if counted.contains(id) {
      if let day = dueDay(schedules[id]) { dueOnDay[day, default: 0] -= 1 }
      if let day = dueDay(schedule) { dueOnDay[day, default: 0] += 1 }
    }
    schedules[id] = schedule
  }

  /// The replay of a merged log held in memory: the schedules of its rescheduled cards, and
  /// the schedules before and after of the reviews `recomputing` names (a log such as Anki's
  /// records none), which are always scheduled again.
  public static func replay(
    _ log: MergedLog, recomputing: Set<UUID> = [], scheduling: DeckScheduling
  ) throws(ProgressError) -> ReplayedLog {
    var firstBefore: [Int64: CardSchedule] = [:]
    for review in log.reviews where firstBefore[review.cardID] == nil { firstBefore[review.cardID] = review.before }
    var walk = LogReplay(cards: log.cards, firstBefore: firstBefore, scheduling: scheduling)
    var states: [UUID: ReviewStates] = [:]
    for review in log.reviews {
      let recompute = recomputing.contains(review.id)
      if let computed = try walk.take(review, recomputing: recompute), recompute { states[review.id] = computed }
    }
    var result: [Int64: CardSchedule] = [:]
    for id in log.rescheduled {
      result[id] = firstBefore[id] != nil ? (walk.schedule(of: id) ?? .new) : .new
    }
    return ReplayedLog(schedules: result, reviewStates: states)
  }
}
