import Foundation
import RecallScheduling

/// What the queue needs to know about one card; the CLI fills it from the store.
public struct QueueCard: Hashable, Sendable, Codable {
  /// The card's id in the store.
  public var id: Int64
  /// Cards of one sibling group (the same cell, term or flow) are kept apart.
  public var siblingGroup: String
  /// The card's phase.
  public var phase: CardPhase
  /// When the card is due (for new cards, anything; they are ordered by ``newPosition``).
  public var due: Date
  /// The card is buried until this moment, if it is.
  public var buriedUntil: Date?
  /// The order of a new card among new cards (its place in its note), lower first.
  public var newPosition: Int
  /// When the card's note last changed, if known.
  public var noteModifiedAt: Date?
  /// When the card was last reviewed, if ever.
  public var lastReviewedAt: Date?
  /// The card's current interval in days, if it has one (for the quiz choice).
  public var intervalDays: Double?

  /// Creates a queue card.
  public init(
    id: Int64, siblingGroup: String, phase: CardPhase, due: Date, buriedUntil: Date? = nil,
    newPosition: Int = 0, noteModifiedAt: Date? = nil, lastReviewedAt: Date? = nil,
    intervalDays: Double? = nil
  ) {
    self.id = id
    self.siblingGroup = siblingGroup
    self.phase = phase
    self.due = due
    self.buriedUntil = buriedUntil
    self.newPosition = newPosition
    self.noteModifiedAt = noteModifiedAt
    self.lastReviewedAt = lastReviewedAt
    self.intervalDays = intervalDays
  }

  /// Whether the card's note changed since the card was last reviewed.
  public var noteChangedSinceLastReview: Bool {
    guard let noteModifiedAt, let lastReviewedAt else { return false }
    return noteModifiedAt > lastReviewedAt
  }
}

/// The review day: from its start (at the configured hour) to the next day's start.
public struct ReviewDay: Hashable, Sendable {
  /// When today started.
  public var start: Date
  /// When tomorrow starts; "due today" means due before this.
  public var end: Date

  /// Creates a day.
  public init(start: Date, end: Date) {
    self.start = start
    self.end = end
  }

  /// The study day holding a moment, as the scheduler's clock counts days (in the user's time
  /// zone, from the day start hour; a day with a daylight-saving change is 23 or 25 hours).
  public init(clock: DayClock, containing moment: Date) {
    let number = clock.dayNumber(of: moment)
    self.init(start: clock.startOfDay(number), end: clock.startOfDay(number + 1))
  }
}

/// How many cards a day may bring.
public struct DailyLimits: Hashable, Sendable {
  /// New cards per day (default 20).
  public var newCards: Int
  /// Reviews per day (default 200).
  public var reviews: Int

  /// Creates limits.
  public init(newCards: Int = 20, reviews: Int = 200) {
    self.newCards = newCards
    self.reviews = reviews
  }
}

/// Today's queue: the cards in the order to ask them.
public struct ReviewQueue: Hashable, Sendable {
  /// The cards to ask now, in order.
  public var cards: [QueueCard]
  /// Learning cards due later today; they join the session when they come due.
  public var laterLearning: [QueueCard]
  /// Cards due today left out because a sibling is already in today's queue.
  public var deferredSiblings: [QueueCard]

  /// Creates a queue.
  public init(
    cards: [QueueCard], laterLearning: [QueueCard] = [], deferredSiblings: [QueueCard] = []
  ) {
    self.cards = cards
    self.laterLearning = laterLearning
    self.deferredSiblings = deferredSiblings
  }

  /// How many cards of each phase the queue holds (later learning included).
  public var counts: (new: Int, learning: Int, review: Int) {
    let all = cards + laterLearning
    return (
      all.filter { $0.phase == .new }.count, all.filter { $0.phase.isInSteps }.count,
      all.filter { $0.phase == .review }.count
    )
  }
}

/// Builds today's queue from the cards, the time and the limits; pure and deterministic.
///
/// 1. Buried cards (buried until after now) are left out.
/// 2. Learning and relearning cards due by now plus ``learnAhead`` come first, earliest
///    first; those due later today wait in ``ReviewQueue/laterLearning``.
/// 3. Review cards due before tomorrow's start, most overdue day first (shuffled within a
///    day with the seed), up to the reviews left for today.
/// 4. New cards by ``QueueCard/newPosition``, up to the new cards left for today (the limit
///    minus the new cards already introduced today).
/// 5. At most one card per sibling group among the reviews and new cards; a sibling of a card
///    already in today's queue waits for another day (``ReviewQueue/deferredSiblings``).
/// 6. New cards are spread evenly among the reviews; no two siblings are neighbours.
public struct QueueBuilder: Hashable, Sendable {
  /// The daily limits.
  public var limits: DailyLimits
  /// How far ahead a learning card may be shown early, in seconds (default 20 minutes).
  public var learnAhead: TimeInterval

  /// Creates a builder.
  public init(limits: DailyLimits = DailyLimits(), learnAhead: TimeInterval = 20 * 60) {
    self.limits = limits
    self.learnAhead = learnAhead
  }

  /// Builds the queue.
  ///
  /// - Parameters:
  ///   - cards: Every card that could be asked (any phase, any due).
  ///   - now: The moment the session starts.
  ///   - today: The current review day.
  ///   - newIntroducedToday: New cards already shown for the first time today.
  ///   - reviewsDoneToday: Review cards already answered today.
  ///   - seed: The seed for shuffling reviews within a day.
  public func build(
    cards: [QueueCard], now: Date, today: ReviewDay, newIntroducedToday: Int = 0,
    reviewsDoneToday: Int = 0, seed: UInt64
  ) -> ReviewQueue {
    let available = cards.filter { card in
      guard let until = card.buriedUntil else { return true }
      return until <= now
    }
    let inSteps = available.filter { $0.phase.isInSteps && $0.due < today.end }
      .sorted { ($0.due, $0.id) < ($1.due, $1.id) }
    let learningNow = inSteps.filter { $0.due <= now.addingTimeInterval(learnAhead) }
    let laterLearning = inSteps.filter { $0.due > now.addingTimeInterval(learnAhead) }
    let reviewRoom = max(0, limits.reviews - reviewsDoneToday)
    let newRoom = max(0, limits.newCards - newIntroducedToday)
    // Room for the group of every card, so that the set is not rehashed as it grows: the
    // groups are long texts, often not ASCII, slow to hash.
    var usedGroups = Set<String>(minimumCapacity: available.count)
    for card in inSteps { usedGroups.insert(card.siblingGroup) }
    var deferred: [QueueCard] = []

    // Reviews: most overdue day first, shuffled within a day. Each card's place in the shuffle
    // comes from its own id and the seed, so a day's order does not depend on the other cards
    // of the day: a queue built from a window of the cards orders them as the whole would.
    let dueReviews = available.filter { $0.phase == .review && $0.due < today.end }
      .map { (card: $0, day: dayIndex($0.due, today: today), place: Self.shufflePlace(of: $0.id, seed: seed)) }
      .sorted { ($0.day, $0.place, $0.card.id) < ($1.day, $1.place, $1.card.id) }
      .map(\.card)
    var reviews: [QueueCard] = []
    for card in dueReviews where reviews.count < reviewRoom {
      if usedGroups.insert(card.siblingGroup).inserted {
        reviews.append(card)
      } else {
        deferred.append(card)
      }
    }

    // New cards, in their notes' order.
    let newCards = available.filter { $0.phase == .new }
      .sorted { ($0.newPosition, $0.id) < ($1.newPosition, $1.id) }
    var fresh: [QueueCard] = []
    for card in newCards where fresh.count < newRoom {
      if usedGroups.insert(card.siblingGroup).inserted {
        fresh.append(card)
      } else {
        deferred.append(card)
      }
    }

    let ordered = learningNow + Self.interleave(reviews: reviews, new: fresh)
    return ReviewQueue(
      cards: Self.separatingSiblings(ordered), laterLearning: laterLearning,
      deferredSiblings: deferred)
  }

  /// A card's place in its day's shuffle: random-looking, the same for the same card and seed.
  public static func shufflePlace(of id: Int64, seed: UInt64) -> UInt64 {
    var random = SeededGenerator(seed: seed ^ (UInt64(bitPattern: id) &* 0xD6E8_FEB8_6659_FD93))
    return random.next()
  }

  /// Whole days from today's start to a due date (negative when overdue).
  private func dayIndex(_ due: Date, today: ReviewDay) -> Int {
    Int((due.timeIntervalSince(today.start) / 86_400).rounded(.down))
  }

  /// Spreads new cards evenly among reviews: with 4 reviews and 2 new cards,
  /// review review new review review new.
  static func interleave(reviews: [QueueCard], new: [QueueCard]) -> [QueueCard] {
    let total = reviews.count + new.count
    guard total > 0 else { return [] }
    var result: [QueueCard] = []
    result.reserveCapacity(total)
    var reviewIndex = 0
    var newIndex = 0
    for slot in 0..<total {
      let newWanted = (slot + 1) * new.count / total
      if (newIndex < newWanted && newIndex < new.count) || reviewIndex >= reviews.count {
        result.append(new[newIndex])
        newIndex += 1
      } else {
        result.append(reviews[reviewIndex])
        reviewIndex += 1
      }
    }
    return result
  }

  /// Reorders as little as possible so that no two neighbours share a sibling group.
  static func separatingSiblings(_ cards: [QueueCard]) -> [QueueCard] {
    var result = cards
    guard result.count > 2 else { return result }
    for index in 1..<result.count where result[index].siblingGroup == result[index - 1].siblingGroup
    {
      let previous = result[index - 1].siblingGroup
      // The next card of another group moves between the two siblings; a clash this
      // leaves further on is fixed when the loop gets there.
      if let swap = (index + 1..<result.count).first(where: {
        result[$0].siblingGroup != previous
      }) {
        let moved = result.remove(at: swap)
        result.insert(moved, at: index)
      }
    }
    return result
  }
}
