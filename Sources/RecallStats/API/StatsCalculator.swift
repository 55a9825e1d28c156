import Foundation
import RecallScheduling
import RecallStorage

/// Computes ``ProgressStats`` from a store: SQL for the counts, the review tallies kept by the
/// database, and one pass over the active cards.
///
/// The review log is never read row by row: reviews are added up per quarter hour by the
/// database (see ``RecallStorage/ReviewTally``), and each quarter hour is put in its study day.
/// Retrievability is FSRS-6's forgetting curve after the whole study days since the card's
/// last review, as the scheduler counts them.
public enum StatsCalculator {
  /// The interval in days from which a card is mature (Anki's convention).
  public static let matureIntervalDays = 21

  /// The figures for `request`.
  ///
  /// - Throws: ``StatsError/storage(_:)`` if the database failed.
  public static func compute(store: Store, request: StatsRequest) throws(StatsError) -> ProgressStats {
    do {
      return try computeThrowingStorage(store: store, request: request)
    } catch {
      throw .storage(error)
    }
  }

  private static func computeThrowingStorage(store: Store, request: StatsRequest) throws(StorageError)
    -> ProgressStats
  {
    var days = StudyDays(clock: request.clock)
    let today = days.day(of: request.now)
    let deck = request.deck

    // Reviews, by study day.
    var byDay: [Int: ReviewTally] = [:]
    for tally in try store.reviewTallies(deck: deck) {
      let day = days.day(ofQuarterHour: tally.quarterHour)
      var sum = byDay[day] ?? ReviewTally(
        quarterHour: 0, reviews: 0, newCards: 0, durationMilliseconds: 0, youngReviews: 0,
        youngPassed: 0, matureReviews: 0, maturePassed: 0)
      sum.reviews += tally.reviews
      sum.newCards += tally.newCards
      sum.durationMilliseconds += tally.durationMilliseconds
      sum.youngReviews += tally.youngReviews
      sum.youngPassed += tally.youngPassed
      sum.matureReviews += tally.matureReviews
      sum.maturePassed += tally.maturePassed
      byDay[day] = sum
    }
    let studiedDays = byDay.filter { $0.value.reviews > 0 }.keys.sorted()
    let reviewDays = studiedDays.map { day in
      ReviewDay(
        date: StudyDays.dateText(day), count: byDay[day]?.reviews ?? 0,
        seconds: Int(((Double(byDay[day]?.durationMilliseconds ?? 0)) / 1000).rounded()))
    }
    let todayTally = byDay[today]
    let (streak, longest) = streaks(studiedDays, today: today)
    let recent = studiedDays.filter { $0 > today - 30 && $0 <= today }
    let recentSeconds = recent.reduce(0.0) { $0 + Double(byDay[$1]?.durationMilliseconds ?? 0) / 1000 }
    let reviews = ReviewSummary(
      total: byDay.values.reduce(0) { $0 + $1.reviews }, daysStudied: studiedDays.count,
      byDay: reviewDays, streak: streak, longestStreak: longest,
      averageSecondsPerDay: recent.isEmpty ? 0 : Int((recentSeconds / Double(recent.count)).rounded()))

    // Retention over the last 1, 7, 30 and 365 days.
    func figure(_ span: Int, _ part: (ReviewTally) -> (Int, Int)) -> RetentionFigure {
      var reviews = 0
      var passed = 0
      for day in (today - span + 1)...today {
        guard let tally = byDay[day] else { continue }
        let (r, p) = part(tally)
        reviews += r
        passed += p
      }
      return RetentionFigure(
        reviews: reviews, passed: passed, rate: reviews == 0 ? nil : Double(passed) / Double(reviews))
    }
    func periods(_ part: @escaping (ReviewTally) -> (Int, Int)) -> RetentionPeriods {
      RetentionPeriods(
        day: figure(1, part), week: figure(7, part), month: figure(30, part), year: figure(365, part))
    }
    let retention = RetentionSummary(
      definition: "True retention: the share of reviews of cards in the review state rated hard or "
        + "better (learning and relearning steps left out). Mature: a scheduled interval of at "
        + "least \(matureIntervalDays) days before the review (Anki's convention); young: shorter.",
      matureIntervalDays: matureIntervalDays,
      young: periods { ($0.youngReviews, $0.youngPassed) },
      mature: periods { ($0.matureReviews, $0.maturePassed) },
      all: periods { ($0.youngReviews + $0.matureReviews, $0.youngPassed + $0.maturePassed) })

    // One pass over the active cards: states, forecast, memory, mastery, the hardest cards.
    let forecastEnd = request.clock.startOfDay(today + request.forecastDays)
    var forecastCounts = [Int](repeating: 0, count: request.forecastDays)
    var counts = CardCounts(new: 0, learning: 0, review: 0, relearning: 0, retired: 0, active: 0, total: 0)
    let notes = Dictionary(uniqueKeysWithValues: try store.notes().map { ($0.id, $0) })
    let curve = ForgettingCurve(parameters: request.parameters)
    var studied = 0
    var stabilitySum = 0.0
    var retrievabilitySum = 0.0
    // Mastery tallies in arrays, found by small keys (bytes, not Korean strings, are hashed).
    var noteIndex: [Int64: Int] = [:]
    var notesSeen: [(noteID: Int64, tally: MasteryTally)] = []
    var headingIndex: [HeadingKey: Int] = [:]
    var headingsSeen: [(key: HeadingKey, path: [String], tally: MasteryTally)] = []
    var thingIndex: [ThingKey: Int] = [:]
    var thingsSeen: [(heading: Int, table: String, thing: String, tally: MasteryTally)] = []
    var lowest = TopList<(retrievability: Double, id: Int64)>(limit: request.hardestLimit) {
      $0.retrievability < $1.retrievability
    }
    var mostLapses = TopList<(lapses: Int, noteID: Int64, line: Int, id: Int64)>(limit: request.hardestLimit) {
      ($0.lapses, $1.noteID, $1.line, $1.id) > ($1.lapses, $0.noteID, $0.line, $0.id)
    }
    try store.forEachCardMemory(deck: deck) { card in
      switch card.state {
      case _ where card.isSuspended: counts.suspended += 1
      case .new: counts.new += 1
      case .learning: counts.learning += 1
      case .review: counts.review += 1
      case .relearning: counts.relearning += 1
      }
      if card.state != .new, !card.isSuspended, let due = card.due, due < forecastEnd {
        forecastCounts[max(0, days.day(of: due) - today)] += 1
      }
      var recall: Double?
      // A stability that is not a finite number (a damaged row) counts as not studied.
      if card.state != .new, let stability = card.stability, stability.isFinite, let last = card.lastReview {
        let r = curve.retrievability(elapsedDays: today - days.day(of: last), stability: stability)
        recall = r
        studied += 1
        stabilitySum += stability
        retrievabilitySum += r
        lowest.offer((r, card.id))
      }
      if card.lapses > 0 {
        mostLapses.offer((card.lapses, card.noteID, card.line, card.id))
      }
      if let index = noteIndex[card.noteID] {
        notesSeen[index].tally.add(recall, line: card.line)
      } else {
        noteIndex[card.noteID] = notesSeen.count
        notesSeen.append((card.noteID, MasteryTally(line: card.line, first: recall)))
      }
      let heading = HeadingKey(noteID: card.noteID, context: card.contextNumber)
      let headingNumber: Int
      if let index = headingIndex[heading] {
        headingNumber = index
        headingsSeen[index].tally.add(recall, line: card.line)
      } else {
        headingNumber = headingsSeen.count
        headingIndex[heading] = headingNumber
        headingsSeen.append((heading, card.context, MasteryTally(line: card.line, first: recall)))
      }
      if let key = card.tableKey, let found = NoteStructure.tableThingBytes(key: key, kind: card.kind) {
        var name = Array(found.table)
        name.append(0x1F)
        name += found.thing ?? []
        let part = ThingKey(heading: headingNumber, name: name)
        if let index = thingIndex[part] {
          thingsSeen[index].tally.add(recall, line: card.line)
        } else {
          thingIndex[part] = thingsSeen.count
          thingsSeen.append(
            (headingNumber, String(decoding: found.table, as: UTF8.self),
              found.thing.map { String(decoding: $0, as: UTF8.self) } ?? card.context.last ?? "",
              MasteryTally(line: card.line, first: recall)))
        }
      }
    }
    counts.retired = try store.retiredCardCount(deck: deck)
    counts.active = counts.new + counts.learning + counts.review + counts.relearning + counts.suspended
    counts.total = counts.active + counts.retired
    let forecast = forecastCounts.enumerated().map {
      DayCount(date: StudyDays.dateText(today + $0.offset), count: $0.element)
    }
    let memory = MemorySummary(
      studiedCards: studied,
      averageStability: studied == 0 || !stabilitySum.isFinite ? nil : stabilitySum / Double(studied),
      averageRetrievability: studied == 0 ? nil : retrievabilitySum / Double(studied))

    // Mastery: each note, then its headings in note order, each followed by its things.
    var mastery: [Mastery] = []
    mastery.reserveCapacity(notesSeen.count + headingsSeen.count + thingsSeen.count)
    var headingsByNote: [Int64: [Int]] = [:]
    for (index, heading) in headingsSeen.enumerated() { headingsByNote[heading.key.noteID, default: []].append(index) }
    var thingsByHeading = [[Int]](repeating: [], count: headingsSeen.count)
    for (index, thing) in thingsSeen.enumerated() { thingsByHeading[thing.heading].append(index) }
    let noteOrder = notesSeen.indices.sorted {
      (notes[notesSeen[$0].noteID]?.deck ?? "", notesSeen[$0].noteID)
        < (notes[notesSeen[$1].noteID]?.deck ?? "", notesSeen[$1].noteID)
    }
    for noteNumber in noteOrder {
      let (noteID, tally) = notesSeen[noteNumber]
      let deckName = notes[noteID]?.deck ?? ""
      mastery.append(tally.mastery(.note, note: deckName, headingPath: [], table: nil, thing: nil))
      // Headings in note order (by their first line, then as first met), each with its things.
      let headings = (headingsByNote[noteID] ?? []).sorted {
        (headingsSeen[$0].tally.line, $0) < (headingsSeen[$1].tally.line, $1)
      }
      for headingNumber in headings {
        let heading = headingsSeen[headingNumber]
        if !heading.path.isEmpty {
          mastery.append(
            heading.tally.mastery(.heading, note: deckName, headingPath: heading.path, table: nil, thing: nil))
        }
        let things = thingsByHeading[headingNumber].sorted {
          (thingsSeen[$0].tally.line, $0) < (thingsSeen[$1].tally.line, $1)
        }
        for thingNumber in things {
          let thing = thingsSeen[thingNumber]
          mastery.append(
            thing.tally.mastery(
              .thing, note: deckName, headingPath: heading.path, table: thing.table, thing: thing.thing))
        }
      }
    }

    // The hardest cards.
    func hardCard(_ card: StoredCard) -> HardCard {
      var recall: Double?
      if card.schedule.state != .new, let stability = card.schedule.stability, stability.isFinite,
        let last = card.schedule.lastReview
      {
        recall = curve.retrievability(elapsedDays: max(0, today - days.day(of: last)), stability: stability)
      }
      return HardCard(
        deck: card.card.deck, file: card.card.file, line: card.card.line, prompt: card.card.prompt,
        headingPath: card.card.context, lapses: card.schedule.lapses, retrievability: recall)
    }
    var mostLapsesCards: [HardCard] = []
    for entry in mostLapses.items {
      if let card = try store.card(id: entry.id) { mostLapsesCards.append(hardCard(card)) }
    }
    let leechCards = try store.leechCards(deck: deck).map(hardCard)
    counts.leeches = leechCards.count
    var lowestCards: [HardCard] = []
    for entry in lowest.items {
      if let card = try store.card(id: entry.id) { lowestCards.append(hardCard(card)) }
    }

    let newStudied = todayTally?.newCards ?? 0
    let todaySummary = TodaySummary(
      due: forecastCounts.first ?? 0, done: todayTally?.reviews ?? 0, newStudied: newStudied,
      newLeft: max(0, min(request.settings.newCardsPerDay - newStudied, counts.new)),
      seconds: Int((Double(todayTally?.durationMilliseconds ?? 0) / 1000).rounded()))
    return ProgressStats(
      generatedAt: isoText(request.now), deck: deck, timeZone: request.clock.timeZone.identifier,
      dayStartHour: request.clock.dayStartHour, date: StudyDays.dateText(today), today: todaySummary,
      cards: counts,
      reviews: reviews, retention: retention, forecast: forecast, memory: memory,
      hardest: HardestCards(
        mostLapses: mostLapsesCards, lowestRetrievability: lowestCards, leeches: leechCards),
      mastery: mastery)
  }

  /// The current streak (up to today, or up to yesterday while today has no review yet) and the
  /// longest one, from the sorted days with reviews.
  static func streaks(_ studied: [Int], today: Int) -> (current: Int, longest: Int) {
    var longest = 0
    var run = 0
    var previous: Int?
    for day in studied {
      run = (previous.map { day == $0 + 1 } ?? false) ? run + 1 : 1
      longest = max(longest, run)
      previous = day
    }
    let set = Set(studied)
    var day = set.contains(today) ? today : today - 1
    var current = 0
    while set.contains(day) {
      current += 1
      day -= 1
    }
    return (current, longest)
  }

  /// `date` in ISO 8601 (UTC, whole seconds).
  static func isoText(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: date)
  }
}

/// FSRS-6's forgetting curve: R(t, S) = (1 + factor · t / S)^decay.
struct ForgettingCurve {
  let decay: Double
  let factor: Double

  init(parameters: FSRSParameters) {
    decay = parameters.decay
    factor = parameters.factor
  }

  /// The probability of recall after `elapsedDays` whole study days at `stability`.
  func retrievability(elapsedDays: Int, stability: Double) -> Double {
    pow(1 + factor * Double(max(elapsedDays, 0)) / stability, decay)
  }
}

/// A heading of one note: the note and the number of its heading path in the pass.
struct HeadingKey: Hashable {
  var noteID: Int64
  var context: Int
}

/// The best few elements offered, best first, with a fixed capacity.
struct TopList<Element> {
  let limit: Int
  /// Whether the first element is better than the second.
  let isBetter: (Element, Element) -> Bool
  private(set) var items: [Element] = []

  init(limit: Int, isBetter: @escaping (Element, Element) -> Bool) {
    self.limit = limit
    self.isBetter = isBetter
  }

  /// Keeps `element` if it is among the best `limit` so far (ties keep the earlier one first).
  mutating func offer(_ element: Element) {
    guard limit > 0 else { return }
    if items.count == limit, let last = items.last, !isBetter(element, last) { return }
    let position = items.firstIndex { isBetter(element, $0) } ?? items.count
    items.insert(element, at: position)
    if items.count > limit { items.removeLast() }
  }
}

/// A compared thing of one table under a heading: the heading's number in the pass, and the
/// bytes of the table and the thing.
struct ThingKey: Hashable {
  var heading: Int
  var name: [UInt8]
}

/// Cards and retrievability added up for one part of a note.
struct MasteryTally {
  var cards = 0
  var newCards = 0
  var recallSum = 0.0
  var line: Int

  init(line: Int) {
    self.line = line
  }

  /// A tally of its first card.
  init(line: Int, first recall: Double?) {
    self.line = line
    add(recall, line: line)
  }

  mutating func add(_ recall: Double?, line: Int) {
    cards += 1
    if let recall { recallSum += recall } else { newCards += 1 }
    self.line = min(self.line, line)
  }

  func mastery(_ level: Mastery.Level, note: String, headingPath: [String], table: String?, thing: String?)
    -> Mastery
  {
    let studied = cards - newCards
    return Mastery(
      level: level, note: note, headingPath: headingPath, table: table, thing: thing, cards: cards,
      newCards: newCards, expectedRecall: cards == 0 ? 0 : recallSum / Double(cards),
      studiedRecall: studied == 0 ? nil : recallSum / Double(studied), line: line)
  }
}
