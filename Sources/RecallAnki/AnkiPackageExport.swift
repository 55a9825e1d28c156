import Crypto
import Foundation
import RecallCards
import RecallScheduling
import RecallStats
import RecallStorage

/// Recall's cards as an Anki collection: one note per active card (its GUID the card's UUID),
/// decks after the notes' paths under `Recall::`, each card's FSRS state as Anki keeps it, the
/// review log as Anki's revlog, and deck options that schedule with FSRS with this database's
/// parameters and desired retention.
///
/// Retired cards are left out: Recall no longer asks them, so Anki should not either, and their
/// history stays here. (Anki never deletes a note on import, so a card exported before it was
/// retired stays in Anki as the user left it.)
public struct AnkiPackageExport: Sendable {
  /// The settings, parameters, clock and time of the export.
  public var request: StatsRequest

  /// An export with `request`'s settings, at its time.
  public init(request: StatsRequest) {
    self.request = request
  }

  /// The id of the deck options the package brings.
  static let deckOptionsID: Int64 = 1_765_000_017_001

  /// The collection of the active cards of `deck` (all decks when `nil`).
  ///
  /// - Throws: ``AnkiError/stats(_:)`` when the store cannot be read.
  public func collection(from store: Store, deck: String? = nil) throws(AnkiError) -> AnkiCollection {
    let cards: [StoredCard]
    var reviews: [StoredReview] = []
    do {
      cards = try store.cards(deck: deck, status: .active)
      let exported = Set(cards.map(\.id))
      try store.forEachReview { if exported.contains($0.cardID) { reviews.append($0) } }
    } catch {
      throw .storage(error)
    }
    let clock = request.clock
    let today = clock.dayNumber(of: request.now)
    let firstDay = reviews.first.map { min(clock.dayNumber(of: $0.reviewedAt), today) } ?? today
    let creation = clock.startOfDay(firstDay)
    let layout = Layout(clock: clock, firstDay: firstDay, settings: request.settings)

    var collection = AnkiCollection(
      creation: creation, modified: request.now, dayStartHour: clock.dayStartHour,
      minutesWest: -clock.timeZone.secondsFromGMT(for: request.now) / 60, noteType: RecallNoteType.noteType)
    collection.deckOptions = AnkiDeckOptions(
      id: Self.deckOptionsID, name: "Recall (FSRS)", fsrsParameters: request.parameters.weights,
      desiredRetention: request.settings.desiredRetention,
      learningSteps: request.settings.learningSteps.map { $0 / 60 },
      relearningSteps: request.settings.relearningSteps.map { $0 / 60 },
      maximumInterval: request.settings.maximumInterval, newCardsPerDay: request.settings.newCardsPerDay,
      reviewsPerDay: request.settings.reviewsPerDay)

    var deckIDs: [String: Int64] = [:]
    func deckID(_ name: String) -> Int64 {
      if let id = deckIDs[name] { return id }
      let id = Self.number(of: "deck " + name)
      deckIDs[name] = id
      collection.decks.append(AnkiDeck(id: id, name: name))
      return id
    }
    var usedIDs: Set<Int64> = []
    var ankiCardIDs: [Int64: Int64] = [:]
    for (position, stored) in cards.sorted(by: { $0.id < $1.id }).enumerated() {
      var id = Int64((stored.createdAt.timeIntervalSince1970 * 1000).rounded(.down))
      while !usedIDs.insert(id).inserted { id += 1 }
      ankiCardIDs[stored.id] = id
      let name = Self.deckName(stored.card.deck)
      let parts = name.components(separatedBy: "::")
      for level in 1...parts.count { _ = deckID(parts.prefix(level).joined(separator: "::")) }
      let modified = Int64(stored.updatedAt.timeIntervalSince1970.rounded(.down))
      collection.notes.append(
        AnkiNote(
          id: id, guid: stored.uid, noteTypeID: RecallNoteType.id, modified: modified,
          fields: Self.fields(of: stored)))
      var card = layout.card(stored.schedule, position: position + 1)
      card.id = id
      card.noteID = id
      card.deckID = deckID(name)
      card.modified = modified
      // Suspended here, suspended in Anki: its type keeps what it was, the queue says suspended.
      if stored.isSuspended { card.queue = .suspended }
      if card.memory.stability != nil {
        card.memory.desiredRetention = request.settings.desiredRetention
        card.memory.decay = request.parameters[20]
      }
      collection.cards.append(card)
    }
    let revlogIDs = Self.revlogIDs(of: reviews)
    for review in reviews {
      guard let cardID = ankiCardIDs[review.cardID], let id = revlogIDs[review.id] else { continue }
      collection.revlog.append(layout.revlogEntry(review, id: id, cardID: cardID))
    }
    return collection
  }

  /// The Anki deck of a Recall deck: `aws/ecs-eks-lambda.md` → `Recall::aws::ecs-eks-lambda`.
  public static func deckName(_ deck: String) -> String {
    var path = deck
    if path.hasSuffix(".md") { path.removeLast(3) }
    let parts = path.split(separator: "/").map { $0.replacingOccurrences(of: "::", with: ":") }
    return (["Recall"] + parts).joined(separator: "::")
  }

  /// The revlog ids of Recall's reviews: each the time of the answer in Unix milliseconds,
  /// moved on by a millisecond where two answers share one. The import of a package
  /// recognises Recall's own reviews by these ids.
  public static func revlogIDs(of reviews: [StoredReview]) -> [UUID: Int64] {
    var used: Set<Int64> = []
    var ids: [UUID: Int64] = [:]
    for review in reviews.sorted(by: { ($0.reviewedAt, $0.id.uuidString) < ($1.reviewedAt, $1.id.uuidString) }) {
      var id = Int64((review.reviewedAt.timeIntervalSince1970 * 1000).rounded())
      while !used.insert(id).inserted { id += 1 }
      ids[review.id] = id
    }
    return ids
  }

  /// A stable positive number below 2^53 for `text`.
  static func number(of text: String) -> Int64 {
    let digest = SHA256.hash(data: Data(text.utf8))
    return digest.prefix(6).reduce(Int64(0)) { $0 << 8 | Int64($1) } & ((1 << 52) - 1) | (1 << 40)
  }

  /// The note's fields: prompt, the steps to put in order (scrambled, for an ordering card),
  /// answer (a list when it has several lines), choices, context, source and the card's
  /// Recall id, escaped for HTML.
  static func fields(of stored: StoredCard) -> [String] {
    let card = stored.card
    let html = StatsHTMLRenderer()
    func lines(_ text: String) -> String { html.escape(text).replacingOccurrences(of: "\n", with: "<br>") }
    func list(_ items: [String], ordered: Bool) -> String {
      let tag = ordered ? "ol" : "ul"
      return "<\(tag)>" + items.map { "<li>\(lines($0))</li>" }.joined() + "</\(tag)>"
    }
    let answerLines = card.answer.components(separatedBy: "\n").filter { !$0.isEmpty }
    var answer: String
    if card.kind == .flowOrder || card.kind == .flowStep && answerLines.count > 1 {
      answer = list(answerLines, ordered: true)
    } else if answerLines.count > 1 {
      answer = list(answerLines, ordered: false)
    } else {
      answer = lines(card.answer)
    }
    if let detail = card.detail, !detail.isEmpty { answer += "<div class=\"detail\">\(lines(detail))</div>" }
    let isOrdering = card.kind == .flowOrder
    let steps = isOrdering && !card.choices.isEmpty ? list(card.choices, ordered: false) : ""
    let choices = isOrdering || card.choices.isEmpty ? "" : list(card.choices, ordered: false)
    return [
      lines(card.prompt), steps, answer, choices, html.escape(card.context.joined(separator: " › ")),
      html.escape("\(card.deck):\(card.line)"), stored.uid,
    ]
  }
}

/// How Recall's schedules and reviews are laid out in Anki's numbers.
struct Layout {
  let clock: DayClock
  /// Day 0 of the collection, as a Recall study day.
  let firstDay: Int
  let settings: SchedulerSettings

  /// A card with `schedule`; a new card at `position` in the new queue.
  func card(_ schedule: CardSchedule, position: Int) -> AnkiCard {
    var card = AnkiCard(id: 0, noteID: 0, deckID: 0, modified: 0, type: .new, queue: .new, due: Int64(position))
    guard schedule.state != .new, let due = schedule.due else { return card }
    let dueDay = clock.dayNumber(of: due)
    let lastDay = schedule.lastReview.map(clock.dayNumber(of:)) ?? dueDay
    card.reps = schedule.reps
    card.lapses = schedule.lapses
    card.factor = 2500
    card.memory = AnkiMemory(
      stability: schedule.stability, difficulty: schedule.difficulty,
      lastReview: schedule.lastReview.map { Int64($0.timeIntervalSince1970.rounded(.down)) })
    switch schedule.state {
    case .new:
      break
    case .review:
      card.type = .review
      card.queue = .review
      card.due = Int64(dueDay - firstDay)
      card.interval = max(1, dueDay - lastDay)
    case .learning, .relearning:
      let steps = schedule.state == .learning ? settings.learningSteps : settings.relearningSteps
      card.type = schedule.state == .learning ? .learning : .relearning
      card.left = max(1, steps.count - (schedule.step ?? 0))
      if dueDay > lastDay {
        card.queue = .dayLearning
        card.due = Int64(dueDay - firstDay)
      } else {
        card.queue = .learning
        card.due = Int64(due.timeIntervalSince1970.rounded(.down))
      }
      card.interval = schedule.state == .relearning ? max(1, dueDay - lastDay) : 0
    }
    return card
  }

  /// A review as a revlog row.
  func revlogEntry(_ review: StoredReview, id: Int64, cardID: Int64) -> AnkiRevlogEntry {
    let kind: AnkiReviewKind
    switch review.before.state {
    case .new, .learning: kind = .learning
    case .review: kind = .review
    case .relearning: kind = .relearning
    }
    return AnkiRevlogEntry(
      id: id, cardID: cardID, ease: review.rating, interval: interval(review.after, from: review.reviewedAt),
      lastInterval: review.before.lastReview.map { interval(review.before, from: $0) } ?? 0,
      factor: review.after.state == .review ? 2500 : 0,
      milliseconds: min(review.durationMilliseconds, Int(Int32.max)), kind: kind)
  }

  /// Anki's interval of a schedule reached at `time`: days for a review card, negative
  /// seconds for a learning one.
  func interval(_ schedule: CardSchedule, from time: Date) -> Int {
    guard let due = schedule.due else { return 0 }
    if schedule.state == .review { return max(1, clock.dayNumber(of: due) - clock.dayNumber(of: time)) }
    return -max(1, Int(due.timeIntervalSince(time).rounded()))
  }
}
