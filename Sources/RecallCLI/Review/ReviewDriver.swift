import Foundation
import RecallCards
import RecallProgress
import RecallReview
import RecallScheduling
import RecallStorage

/// The moment a session acts at: the start (`--now` or the system clock) plus the real time
/// since, so answer times are real and `--now` moves the whole session.
struct SessionClock: Sendable {
  /// The moment the command started.
  let start: Date
  /// The monotonic time at the start, in nanoseconds.
  let startUptime: UInt64

  /// A clock that starts now at `start`.
  init(start: Date) {
    self.start = start
    startUptime = DispatchTime.now().uptimeNanoseconds
  }

  /// The current moment.
  func now() -> Date {
    start.addingTimeInterval(Double(DispatchTime.now().uptimeNanoseconds - startUptime) / 1e9)
  }
}

/// A card being asked: the stored card, its place in the queue and its quiz.
struct AskedCard: Sendable {
  /// The card as stored (schedule before this answer).
  var stored: StoredCard
  /// The card as the queue sees it.
  var queued: QueueCard
  /// How it is asked.
  var quiz: Quiz
}

/// What one graded answer did, for the feedback.
struct GradedAnswer: Sendable {
  /// The card answered, with its schedule before the answer.
  var asked: AskedCard
  /// The answer and its check.
  var answer: ReviewSession.Answer
  /// The grade given.
  var grade: Rating
  /// The schedule after the answer; nil in practice (nothing changes).
  var after: CardSchedule?
  /// The `answered` event.
  var event: ReviewEvent
  /// What happened to the card if this answer made it a leech (see ``LeechRule``); nil if it
  /// did not.
  var leech: LeechRule.Action?
}

/// Drives a ``ReviewSession`` against the store: builds today's queue, asks cards, schedules
/// and records every answer at once, undoes and buries.
///
/// In practice mode (`recall quiz`) the same session runs but nothing is written, except a
/// card the user suspends.
struct ReviewDriver {
  /// The store; nil writes happen in practice mode.
  let store: Store
  /// Scheduling with the user's settings.
  let scheduling: AnswerScheduler
  /// The settings.
  let settings: StudySettings
  /// Whether nothing is written (`recall quiz`).
  let isPractice: Bool
  /// The deck asked for, if any.
  let deck: String?
  /// The session.
  var session: ReviewSession
  /// The cards of the session by id.
  var cards: [Int64: StoredCard]
  /// How cards are asked.
  let planner = QuizPlanner()
  /// The card shown now.
  var current: AskedCard?
  /// The last graded answer, which the grade keys may change.
  var lastGraded: GradedAnswer?
  /// The scheduling of each deck of the session with that deck's own settings (its desired
  /// retention); a deck not here is scheduled with ``scheduling``.
  var deckScheduling: [String: AnswerScheduler] = [:]
  /// What undo takes back, newest last: a logged review or a bury.
  private var written: [Written] = []
  /// Told, once per write, when a write has to wait for another `recall` that holds the
  /// database (an import); the write keeps waiting until it is saved.
  var onWaiting: ((String) -> Void)?

  /// Something written to the store that undo takes back.
  private enum Written {
    case review(UUID, cardID: Int64)
    case bury(cardID: Int64)
    case suspension(cardID: Int64)
    /// An answer, then the suspension of its card from the feedback screen.
    indirect case suspendedAfter(Written, cardID: Int64)
    /// A card left out when drawn (gone from the store, or suspended): undo goes past it.
    case skipped
    case nothing
  }

  /// Builds today's review: learning cards due now, reviews due today, new cards within the
  /// daily limit minus those introduced today, interleaved, siblings apart.
  ///
  /// The cards are read a window at a time, never the whole collection: every learning card
  /// due today, the most overdue reviews (whole days, then the first of the last day in the
  /// day's shuffle) and the first new cards in turn, a few more than there is room for. The queue built from the window is the one the whole
  /// collection gives when the window held every card the queue's rules looked at; when it
  /// may not have (siblings or deck limits kept too many out), a larger window is read. The
  /// window's cards are read without their texts; the cards of the queue are then read whole.
  ///
  /// - Parameter readsWhole: Whether to read every candidate at once (tests compare the two).
  static func review(
    store: Store, settings: StudySettings, deck: String?, limit: Int?, now: Date,
    timeZone: TimeZone = .current, readsWhole: Bool = false
  ) throws -> ReviewDriver {
    let scheduling = try AnswerScheduler(settings: settings, timeZone: timeZone)
    let clock = scheduling.clock
    let day = ReviewDay(clock: clock, containing: now)
    let tally = try store.studyDayTally(since: day.start, deck: deck)
    let newRoom = max(0, settings.scheduler.newCardsPerDay - tally.newIntroduced)
    let reviewRoom = max(0, settings.scheduler.reviewsPerDay - tally.reviewsDone)
    let stored = try store.settings()
    let deckLimits = try DeckLimits(stored: stored, within: deck) { scope in
      try store.studyDayTally(since: day.start, deck: scope)
    }
    let builder = QueueBuilder(
      limits: DailyLimits(
        newCards: settings.scheduler.newCardsPerDay, reviews: settings.scheduler.reviewsPerDay))
    // A few more cards than there is room for, for those a sibling or a deck's limit keeps
    // out today.
    var newLimit = readsWhole ? Int(Int32.max) : newRoom == 0 ? 0 : newRoom * 2 + 10
    var reviewLimit: Int? = readsWhole ? nil : reviewRoom == 0 ? 0 : reviewRoom * 2 + 20
    let seed = UInt64(bitPattern: Int64(clock.dayNumber(of: now)))
    // The reviews go by day, then by the day's shuffle (the queue's order): the window reads
    // them so, and decks' limits admit them so.
    let dayOrder = ReviewDayOrder(dayStart: day.start) { QueueBuilder.shufflePlace(of: $0, seed: seed) }
    func reviewOrder(_ card: StoredCard) -> (Double, UInt64, Int64) {
      let dayIndex = ((card.schedule.due ?? now).timeIntervalSince(day.start) / 86_400).rounded(.down)
      return (dayIndex, dayOrder.place(card.id), card.id)
    }
    var queue: ReviewQueue
    var window: ReviewCandidates
    while true {
      // The window's cards without their texts: only the cards the queue asks are read whole.
      let candidates = try store.reviewCandidates(
        deck: deck, dueBefore: day.end, newLimit: newLimit, reviewLimit: reviewLimit,
        dayOrder: dayOrder, now: now, whole: false)
      // Each review's place worked out once, and the places sorted rather than the cards.
      let reviews = candidates.due.filter { $0.schedule.state == .review }
      let places = reviews.map(reviewOrder)
      let due =
        candidates.due.filter { $0.schedule.state != .review }
        + reviews.indices.sorted { places[$0] < places[$1] }.map { reviews[$0] }
      var admitting = deckLimits
      window = ReviewCandidates(due: admitting.admit(due), new: takingTurns(admitting.admit(candidates.new)))
      var queued: [QueueCard] = []
      queued.reserveCapacity(window.due.count + window.new.count)
      for card in window.due {
        queued.append(queueCard(card, scheduling: scheduling, position: 0, now: now))
      }
      for (position, card) in window.new.enumerated() {
        queued.append(queueCard(card, scheduling: scheduling, position: position, now: now))
      }
      queue = builder.build(
        cards: queued, now: now, today: day, newIntroducedToday: tally.newIntroduced,
        reviewsDoneToday: tally.reviewsDone, seed: seed)
      let reviewsCut = candidates.moreReviews
      let newCut = candidates.new.count >= newLimit
      let reviewsExact = !reviewsCut || queue.cards.filter { $0.phase == .review }.count == reviewRoom
      let newExact = !newCut || isWhole(new: queue.cards.filter { $0.phase == .new }, room: newRoom, of: window.new)
      if reviewsExact && newExact { break }
      if !reviewsExact { reviewLimit = reviewLimit.map { $0 * 4 } }
      if !newExact { newLimit *= 4 }
    }
    var deckScheduling: [String: AnswerScheduler] = [:]
    for card in window.due + window.new where deckScheduling[card.card.deck] == nil {
      deckScheduling[card.card.deck] = try AnswerScheduler(
        settings: StudySettings.resolve(stored, deck: card.card.deck), timeZone: timeZone)
    }
    if let limit {
      queue.cards = Array(queue.cards.prefix(max(0, limit)))
    }
    var cards: [Int64: StoredCard] = [:]
    // Read whole: the cards the session asks now and the learning cards it asks once they come
    // due (a learning card missing here would be taken for one that left the store, and skipped).
    for card in try store.cards(ids: queue.cards.map(\.id) + queue.laterLearning.map(\.id)) { cards[card.id] = card }
    var driver = ReviewDriver(
      store: store, scheduling: scheduling, settings: settings, isPractice: false, deck: deck,
      session: ReviewSession(queue: queue, today: day, startedAt: now), cards: cards)
    driver.deckScheduling = deckScheduling
    return driver
  }

  /// Whether the new cards a queue took from a window of the new cards are those it takes from
  /// all of them: it filled its room, and only from the first turn of the window's blocks (the
  /// part of ``takingTurns(_:)`` that more cards after the window leave as it is).
  ///
  /// - Parameters:
  ///   - taken: The new cards of the queue.
  ///   - room: The new cards the day has room for.
  ///   - window: The window's new cards, in turns.
  static func isWhole(new taken: [QueueCard], room: Int, of window: [StoredCard]) -> Bool {
    guard taken.count == room else { return false }
    let lastPlace = taken.map(\.newPosition).max() ?? -1
    return lastPlace < Set(window.map(block(of:))).count
  }

  /// Builds a practice quiz over chosen cards: the least known first (new ones, then by
  /// recall probability), siblings apart.
  static func practice(
    store: Store, settings: StudySettings, deck: String?, topic: String?, count: Int, now: Date,
    timeZone: TimeZone = .current
  ) throws -> ReviewDriver {
    let scheduling = try AnswerScheduler(settings: settings, timeZone: timeZone)
    let clock = scheduling.clock
    let day = ReviewDay(clock: clock, containing: now)
    // Every card is ranked by its schedule alone; only the cards asked are read whole.
    func recall(_ candidate: PracticeCandidate) -> Double {
      scheduling.scheduler.retrievability(of: candidate.schedule.cardState(newCardDue: now), at: now)
    }
    let ranked = try store.practiceCandidates(deck: deck, topic: topic).map { ($0, recall($0)) }
      .sorted { ($0.1, $0.0.deck, $0.0.line, $0.0.id) < ($1.1, $1.0.deck, $1.0.line, $1.0.id) }
      .prefix(max(0, count))
    var cards: [Int64: StoredCard] = [:]
    var queued: [QueueCard] = []
    for (position, stored) in try store.cards(ids: ranked.map(\.0.id)).enumerated() {
      cards[stored.id] = stored
      var card = queueCard(stored, scheduling: scheduling, position: position, now: now)
      card.due = now
      queued.append(card)
    }
    queued = separatingSiblings(queued)
    return ReviewDriver(
      store: store, scheduling: scheduling, settings: settings, isPractice: true, deck: deck,
      session: ReviewSession(queue: ReviewQueue(cards: queued), today: day, startedAt: now),
      cards: cards)
  }

  /// New cards reordered so that the blocks of the notes take turns: one card of each table
  /// row, glossary, flow or section in turn, in the order the blocks first come, so that the
  /// cards of one block are not asked back to back while others are waiting.
  static func takingTurns(_ cards: [StoredCard]) -> [StoredCard] {
    var blocks: [String: Int] = [:]
    var queues: [[StoredCard]] = []
    for stored in cards {
      let key = block(of: stored)
      if let index = blocks[key] {
        queues[index].append(stored)
      } else {
        blocks[key] = queues.count
        queues.append([stored])
      }
    }
    var result: [StoredCard] = []
    result.reserveCapacity(cards.count)
    var round = 0
    while result.count < cards.count {
      for queue in queues where round < queue.count { result.append(queue[round]) }
      round += 1
    }
    return result
  }

  /// The block of its note a card comes from: its table row, or its glossary, flow or
  /// section (the heading it is under).
  static func block(of stored: StoredCard) -> String {
    let card = stored.card
    let heading = card.context.joined(separator: "\u{1F}")
    switch card.kind {
    case .tableCell, .tableThing: return "\(stored.noteID) row \(card.line)"
    case .term, .definition: return "\(stored.noteID) glossary \(heading)"
    case .flowStep, .flowOrder: return "\(stored.noteID) flow \(heading)"
    case .section, .label: return "\(stored.noteID) \(card.kind.rawValue) \(heading)"
    }
  }

  /// The queue's view of a stored card; sibling groups are taken within the card's note.
  static func queueCard(_ stored: StoredCard, scheduling: AnswerScheduler, position: Int, now: Date)
    -> QueueCard
  {
    QueueCard(
      id: stored.id, siblingGroup: "\(stored.noteID):\(stored.card.siblingGroup)",
      phase: stored.schedule.state, due: stored.schedule.due ?? now,
      newPosition: position, noteModifiedAt: stored.contentChangedAt,
      lastReviewedAt: stored.schedule.lastReview,
      intervalDays: scheduling.intervalDays(of: stored.schedule))
  }

  /// Moves cards as little as possible so that no two neighbours are siblings.
  static func separatingSiblings(_ cards: [QueueCard]) -> [QueueCard] {
    var result = cards
    guard result.count > 2 else { return result }
    for index in 1..<result.count where result[index].siblingGroup == result[index - 1].siblingGroup {
      let previous = result[index - 1].siblingGroup
      if let swap = (index + 1..<result.count).first(where: { result[$0].siblingGroup != previous }) {
        result.insert(result.remove(at: swap), at: index)
      }
    }
    return result
  }

  // MARK: - Asking

  /// Draws the next card, builds its quiz and shows it; nil when the session is over.
  ///
  /// - Returns: The card and the `asked` event.
  mutating func askNext(at now: Date) throws -> (AskedCard, ReviewEvent)? {
    guard let queued = session.draw(at: now) else { return nil }
    guard let stored = cards[queued.id], !stored.isSuspended else {
      // A card that left the store, or was suspended, since the queue was built: skip it.
      _ = try session.bury(at: now)
      written.append(.skipped)
      return try askNext(at: now)
    }
    var random = SeededGenerator(seed: UInt64(bitPattern: stored.id) &* 31 &+ UInt64(stored.schedule.reps))
    let quiz = planner.quiz(
      for: stored.card, phase: queued.phase, intervalDays: queued.intervalDays, using: &random)
    let event = try session.present(quiz, at: now)
    let asked = AskedCard(stored: stored, queued: queued, quiz: quiz)
    current = asked
    lastGraded = nil
    return (asked, event)
  }

  /// The scheduling of `card`: with its deck's own settings when they differ.
  func scheduling(of card: StoredCard) -> AnswerScheduler {
    deckScheduling[card.card.deck] ?? scheduling
  }

  /// Checks an answer to the current card.
  mutating func answer(_ response: Response, at now: Date) throws -> ReviewSession.Answer {
    try session.answer(response, at: now)
  }

  /// Grades the answered card, schedules it and records the review at once (in practice,
  /// only the session moves on).
  ///
  /// - Parameter grade: The grade; nil keeps the one the answer suggests.
  mutating func grade(_ grade: Rating?, at now: Date) throws -> GradedAnswer {
    guard case .answered(let answer) = session.state, let asked = current else {
      throw ReviewError.invalidAction(action: "grade", state: "not waiting for a grade")
    }
    guard let final = grade ?? answer.suggestedGrade else {
      throw ReviewError.gradeRequired(card: asked.stored.id)
    }
    var after: CardSchedule?
    var scheduled: ScheduledReview?
    var leech: LeechRule.Action?
    if !isPractice {
      let before = asked.stored.schedule
      let next = try scheduling(of: asked.stored).next(
        before, cardID: asked.stored.id, rating: final, at: now,
        dueDates: { start, end in try store.reviewDueDates(from: start, to: end) },
        siblingDueDates: { try store.siblingDueDates(cardID: asked.stored.id) })
      let entry = StoredReview(
        cardID: asked.stored.id, reviewedAt: now, rating: final.rawValue,
        quiz: asked.quiz.kind.rawValue, answer: Self.responseText(answer.response),
        correct: answer.outcome.map(\.isRight),
        durationMilliseconds: max(0, Int((answer.answeredAt.timeIntervalSince(answer.asking.askedAt) * 1000).rounded())),
        before: before, after: next)
      if try saving({ try store.recordReview(entry, leech: settings.leech) }) {
        leech = settings.leech.action
        cards[asked.stored.id]?.isLeech = true
        cards[asked.stored.id]?.isSuspended = settings.leech.action == .suspend
      }
      written.append(.review(entry.id, cardID: asked.stored.id))
      cards[asked.stored.id]?.schedule = next
      after = next
      scheduled = ScheduledReview(
        due: next.due ?? now, phase: next.state,
        intervalDays: scheduling.intervalDays(of: next))
    }
    if isPractice { written.append(.nothing) }
    let event = try session.rate(final, at: now, scheduled: scheduled)
    let graded = GradedAnswer(
      asked: asked, answer: answer, grade: final, after: after, event: event, leech: leech)
    lastGraded = graded
    return graded
  }

  /// Changes the grade of the answer just given: the review is undone (it stays in the log,
  /// with an undo record) and recorded again with the new grade.
  mutating func regrade(_ grade: Rating, at now: Date) throws -> GradedAnswer? {
    guard let last = lastGraded, last.grade != grade else { return lastGraded }
    _ = try undo(at: now)
    _ = try session.present(last.asked.quiz, at: last.answer.asking.askedAt)
    _ = try session.answer(last.answer.response, at: last.answer.answeredAt)
    current = last.asked
    return try self.grade(grade, at: now)
  }

  /// Takes back the last answer or bury: the review stays in the log with an undo record and
  /// the card's schedule goes back to what it was; the card is asked again.
  ///
  /// - Returns: The `undone` or `unburied` event.
  mutating func undo(at now: Date) throws -> ReviewEvent {
    var undone = try session.undo()
    var last = written.popLast()
    // Cards skipped when drawn come back only to be skipped again: undo what came before.
    while case .skipped = last {
      undone = try session.undo()
      last = written.popLast()
    }
    if let last { try takeBack(last, at: now) }
    lastGraded = nil
    current = nil
    return undone.event
  }

  /// Takes back one thing written to the store.
  private mutating func takeBack(_ written: Written, at now: Date) throws {
    switch written {
    case .review(let id, let cardID):
      try saving { try store.undoReview(id: id, at: now) }
      if let restored = try store.card(id: cardID) { cards[cardID] = restored }
    case .bury(let cardID):
      try saving { try store.unbury(cardID: cardID) }
    case .suspension(let cardID):
      _ = try saving { try store.unsuspend(cardIDs: [cardID], at: now) }
      cards[cardID]?.isSuspended = false
    case .suspendedAfter(let answer, let cardID):
      try takeBack(.suspension(cardID: cardID), at: now)
      try takeBack(answer, at: now)
    case .skipped, .nothing:
      break
    }
  }

  /// Buries the current card until the next study day.
  mutating func bury(at now: Date) throws -> ReviewEvent {
    let event = try session.bury(at: now)
    if !isPractice, case .buried(let cardID, let until) = event {
      try saving { try store.bury(cardID: cardID, until: until, at: now) }
      written.append(.bury(cardID: cardID))
    } else {
      written.append(.nothing)
    }
    current = nil
    lastGraded = nil
    return event
  }

  /// Runs a write of the session, waiting for as long as another `recall` holds the database:
  /// an answer is never dropped because an import is running. Each try waits the store's busy
  /// timeout; ``onWaiting`` is told after the first.
  func saving<T>(_ write: () throws -> T) throws -> T {
    var told = false
    while true {
      do {
        return try write()
      } catch StorageError.busy {
        if !told {
          onWaiting?(WaitingNotice.text)
          told = true
        }
      }
    }
  }

  /// What importing an edited note again did to the card asked.
  enum NoteEdit: Equatable {
    /// The card reads as before.
    case unchanged
    /// The card's text changed; it is asked again as it now reads.
    case changed
    /// The card's text left the note: the card is retired and the session goes on without it.
    case retired
    /// The note could not be imported; the reason, in a sentence.
    case failed(String)
  }

  /// Imports the note of `asked` again after the user edited it, as `recall import FILE` would
  /// (same history rules), and takes the new texts of its cards into the session: the
  /// session's cards of that note are read again, retired ones leave the session, and a card
  /// being asked is put back to be asked again as it now reads (or skipped if retired).
  ///
  /// In practice too the note is imported into the database: editing a note is not practice.
  mutating func importEditedNote(of asked: AskedCard, at now: Date) throws -> NoteEdit {
    let source = NoteSource(file: asked.stored.card.file, deck: asked.stored.card.deck)
    let report: ImportReport
    do {
      report = try store.importNotes([source], paths: [source.file], extraction: .markdown, now: now)
    } catch {
      return .failed(error.description)
    }
    if let problem = report.errors.first {
      return .failed("\(problem.file):\(problem.line): \(problem.message)")
    }
    for (id, card) in cards where card.noteID == asked.stored.noteID {
      if let fresh = try store.card(id: id), fresh.status == .active {
        cards[id] = fresh
      } else {
        cards[id] = nil
      }
    }
    let fresh = cards[asked.stored.id]
    let edit: NoteEdit =
      fresh == nil ? .retired : fresh?.card == asked.stored.card ? .unchanged : .changed
    if edit != .unchanged, case .asking = session.state, current?.stored.id == asked.stored.id {
      try session.withdraw()
      current = nil
    }
    return edit
  }

  /// Suspends the current card, in a review and in practice alike: it leaves the session, and
  /// no review or quiz asks it until it is unsuspended; undo takes the suspension back.
  ///
  /// - Returns: The card suspended.
  mutating func suspend(at now: Date) throws -> Int64 {
    guard let asked = current else {
      throw ReviewError.invalidAction(action: "suspend", state: "no card is shown")
    }
    _ = try saving { try store.suspend(cardIDs: [asked.stored.id], at: now) }
    _ = try session.bury(at: now)
    written.append(.suspension(cardID: asked.stored.id))
    cards[asked.stored.id]?.isSuspended = true
    current = nil
    lastGraded = nil
    return asked.stored.id
  }

  /// Suspends the card just answered (from the feedback screen): it is not asked again, even
  /// if its answer brings it back today; undo takes back the suspension and the answer.
  ///
  /// - Returns: The card suspended.
  mutating func suspendAnswered(at now: Date) throws -> Int64 {
    guard let graded = lastGraded, let answer = written.last else {
      throw ReviewError.invalidAction(action: "suspend", state: "no card was answered")
    }
    let cardID = graded.asked.stored.id
    _ = try saving { try store.suspend(cardIDs: [cardID], at: now) }
    written[written.count - 1] = .suspendedAfter(answer, cardID: cardID)
    cards[cardID]?.isSuspended = true
    current = nil
    lastGraded = nil
    return cardID
  }

  /// Ends the session: the `finished` event with the summary.
  mutating func finish(at now: Date) throws -> ReviewEvent {
    let clock = scheduling.clock
    let tomorrowEnd = clock.startOfDay(clock.dayNumber(of: now) + 2)
    // Everything due before tomorrow ends: tomorrow's cards and any left from today.
    let dueTomorrow = isPractice ? 0 : try store.dueCount(before: tomorrowEnd, deck: deck)
    return session.finish(at: now, dueTomorrow: dueTomorrow)
  }

  /// What the user answered, as text for the log.
  static func responseText(_ response: Response) -> String? {
    switch response {
    case .typed(let text): return text
    case .choice(let number): return String(number)
    case .ordering(let order): return order.map(String.init).joined(separator: " ")
    case .reveal: return nil
    case .grade(let grade): return grade.word
    }
  }
}
