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
  /// Each card's place in the tables below: a review looks its card up once.
  private var slots: [Int64: Int] = [:]
  /// What the walk keeps of each card, by its slot.
  private var cards: [Card] = []
  /// The active review cards due on each study day as the walk has them, kept up to date as
  /// schedules change, so that the load balancer's counts cost nothing per review.
  private var dueOnDay = DayCounts()

  /// What the walk keeps of a card.
  private struct Card {
    var id: Int64
    /// The schedule so far; `nil` for a card the walk has not seen a schedule of.
    var schedule: CardSchedule?
    var deck: String
    /// Whether it is counted among the cards due: active and not suspended.
    var isCounted = false
    /// The slots of its siblings (active cards of its note's sibling group).
    var siblings: [Int] = []
    /// The study day it is due on, if it is a review card (``isCounted`` ones are counted there).
    var dueDay: Int?
    /// The study day it is due on, if it is not new: a sibling keeps other cards off it.
    var siblingDueDay: Int?
  }

  /// A walk over the log of `cards`, each starting from `firstBefore` (the schedule before its
  /// first review that counts) or else the schedule it has.
  public init(cards: [ReplayCard], firstBefore: [Int64: CardSchedule], scheduling: DeckScheduling) {
    self.scheduling = scheduling
    clock = scheduling.everyDeck.clock
    var groups: [String: [Int]] = [:]
    for card in cards {
      let slot = self.slot(of: card.id, deck: card.deck)
      setSchedule(firstBefore[card.id] ?? card.schedule, at: slot)
      if card.isActive {
        self.cards[slot].isCounted = !card.isSuspended
        groups["\(card.noteID)\u{1F}\(card.siblingGroup)", default: []].append(slot)
      }
    }
    for members in groups.values where members.count > 1 {
      for slot in members { self.cards[slot].siblings = members.filter { $0 != slot } }
    }
    for card in self.cards where card.isCounted { if let day = card.dueDay { dueOnDay.add(1, on: day) } }
  }

  /// The slot of card `id`, made for a card not seen yet (with the deck `deck`).
  private mutating func slot(of id: Int64, deck: String = "") -> Int {
    if let slot = slots[id] { return slot }
    slots[id] = cards.count
    cards.append(Card(id: id, deck: deck))
    return cards.count - 1
  }

  /// A card's schedule as the walk has it so far.
  public func schedule(of cardID: Int64) -> CardSchedule? { slots[cardID].flatMap { cards[$0].schedule } }

  /// Takes the next review of the log; `recomputing` schedules it again whatever it records.
  ///
  /// - Returns: The review's schedules before and after, when it was scheduled again.
  @discardableResult
  public mutating func take(_ review: StoredReview, recomputing: Bool = false) throws(ProgressError) -> ReviewStates? {
    try take(LoggedAnswer(review), recomputing: recomputing)
  }

  /// Takes the next answer of the log, as a review is taken.
  @discardableResult
  public mutating func take(_ review: LoggedAnswer, recomputing: Bool = false) throws(ProgressError) -> ReviewStates? {
    let slot = slot(of: review.cardID)
    let current = cards[slot].schedule ?? review.before
    if review.before == current && !recomputing {
      setSchedule(review.after, at: slot)
      return nil
    }
    guard let rating = Rating(rawValue: review.rating) else { return nil }
    let answer = try scheduling.scheduler(forDeck: cards[slot].deck)
    // The closures read the walk's own tables: a copy kept alive here would make the next
    // change copy them whole, once per review.
    let after = answer.next(
      current, cardID: review.cardID, rating: rating, at: review.reviewedAt,
      dueCounts: { _ in dueOnDay },
      siblingDueDays: { Set(cards[slot].siblings.compactMap { cards[$0].siblingDueDay }) })
    setSchedule(after, at: slot)
    return ReviewStates(before: current, after: after)
  }

  private mutating func setSchedule(_ schedule: CardSchedule, at slot: Int) {
    let day = schedule.due.map(clock.dayNumber(of:))
    let dueDay = schedule.state == .review ? day : nil
    if cards[slot].isCounted {
      if let old = cards[slot].dueDay { dueOnDay.add(-1, on: old) }
      if let dueDay { dueOnDay.add(1, on: dueDay) }
    }
    cards[slot].schedule = schedule
    cards[slot].dueDay = dueDay
    cards[slot].siblingDueDay = schedule.state == .new ? nil : day
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

/// A count per study day, in an array from the first day counted: the walk reads the span of
/// days a card may move in at each review it schedules, where a dictionary's hashing was a
/// third of the replay. The array spans the days from the earliest counted to the latest: the
/// collection's own schedules count too, so a due date set far ahead by hand (`recall due`
/// takes any day to 9999) makes it long (3.6 million days, 29 MB), never wrong.
struct DayCounts: DueCountsByDay {
  private var first = 0
  private var counts: [Int] = []

  /// The count of `day`; 0 for a day never counted.
  subscript(day: Int) -> Int {
    let index = day - first
    return index >= 0 && index < counts.count ? counts[index] : 0
  }

  /// The count of `day` as the load balancer reads it: none below zero.
  func dueCount(on day: Int) -> Int { max(0, self[day]) }

  /// Adds `delta` to the count of `day`.
  mutating func add(_ delta: Int, on day: Int) {
    if counts.isEmpty { first = day }
    if day < first {
      counts.insert(contentsOf: repeatElement(0, count: first - day), at: 0)
      first = day
    }
    if day - first >= counts.count { counts += repeatElement(0, count: day - first - counts.count + 1) }
    counts[day - first] += delta
  }
}
