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

    // Cards by state, and the forecast.
    let counts = try store.cardStateCounts(deck: deck)
    let forecastEnd = request.clock.startOfDay(today + request.forecastDays)
    var forecastCounts = [Int](repeating: 0, count: request.forecastDays)
    for due in try store.dueCounts(before: forecastEnd, deck: deck) {
      let index = max(0, days.day(ofQuarterHour: due.quarterHour) - today)
      if index < forecastCounts.count { forecastCounts[index] += due.cards }
    }
    let forecast = forecastCounts.enumerated().map {
      DayCount(date: StudyDays.dateText(today + $0.offset), count: $0.element)
    }

    // One pass over the active cards: memory, mastery, the least likely recalled.
    let notes = Dictionary(uniqueKeysWithValues: try store.notes().map { ($0.id, $0) })
    let curve = ForgettingCurve(parameters: request.parameters)
    var studied = 0
    var stabilitySum = 0.0
    var retrievabilitySum = 0.0
    var noteParts: [Int64: MasteryTally] = [:]
    var headingParts: [HeadingKey: MasteryTally] = [:]
    var thingParts: [ThingKey: MasteryTally] = [:]
    var lowest: [(retrievability: Double, id: Int64)] = []
    try store.forEachCardMemory(deck: deck) { card in
      var recall: Double?
      if card.state != .new, let stability = card.stability, let last = card.lastReview {
        let elapsed = max(0, today - days.day(of: last))
        let r = curve.retrievability(elapsedDays: elapsed, stability: stability)
        recall = r
        studied += 1
        stabilitySum += stability
        retrievabilitySum += r
        if request.hardestLimit > 0
          && (lowest.count < request.hardestLimit || r < lowest[lowest.count - 1].retrievability)
        {
          let position = lowest.firstIndex { r < $0.retrievability } ?? lowest.count
          lowest.insert((r, card.id), at: position)
          if lowest.count > request.hardestLimit { lowest.removeLast() }
        }
      }
      noteParts[card.noteID, default: MasteryTally(line: card.line)].add(recall, line: card.line)
      let heading = HeadingKey(noteID: card.noteID, path: card.context)
      headingParts[heading, default: MasteryTally(line: card.line)].add(recall, line: card.line)
      if let (table, thing) = NoteStructure.tableThing(key: card.key, kind: card.kind, context: card.context) {
        let key = ThingKey(heading: heading, table: table, thing: thing)
        thingParts[key, default: MasteryTally(line: card.line)].add(recall, line: card.line)
      }
    }
    let memory = MemorySummary(
      studiedCards: studied,
      averageStability: studied == 0 ? nil : stabilitySum / Double(studied),
      averageRetrievability: studied == 0 ? nil : retrievabilitySum / Double(studied))

    // Mastery: each note, then its headings in note order, each followed by its things.
    var mastery: [Mastery] = []
    let headingsByNote = Dictionary(grouping: headingParts.keys, by: \.noteID)
    let thingsByHeading = Dictionary(grouping: thingParts.keys, by: \.heading)
    let noteIDs = noteParts.keys.sorted { (notes[$0]?.deck ?? "", $0) < (notes[$1]?.deck ?? "", $1) }
    for noteID in noteIDs {
      let deckName = notes[noteID]?.deck ?? ""
      guard let tally = noteParts[noteID] else { continue }
      mastery.append(tally.mastery(.note, note: deckName, headingPath: [], table: nil, thing: nil))
      let headings = (headingsByNote[noteID] ?? []).sorted {
        (headingParts[$0]?.line ?? 0, $0.path.joined(separator: "\u{1F}"))
          < (headingParts[$1]?.line ?? 0, $1.path.joined(separator: "\u{1F}"))
      }
      for heading in headings {
        if !heading.path.isEmpty, let tally = headingParts[heading] {
          mastery.append(
            tally.mastery(.heading, note: deckName, headingPath: heading.path, table: nil, thing: nil))
        }
        let things = (thingsByHeading[heading] ?? []).sorted {
          (thingParts[$0]?.line ?? 0, $0.table, $0.thing) < (thingParts[$1]?.line ?? 0, $1.table, $1.thing)
        }
        for thing in things {
          guard let tally = thingParts[thing] else { continue }
          mastery.append(
            tally.mastery(
              .thing, note: deckName, headingPath: heading.path, table: thing.table, thing: thing.thing))
        }
      }
    }

    // The hardest cards.
    func hardCard(_ card: StoredCard) -> HardCard {
      var recall: Double?
      if card.schedule.state != .new, let stability = card.schedule.stability,
        let last = card.schedule.lastReview
      {
        recall = curve.retrievability(elapsedDays: max(0, today - days.day(of: last)), stability: stability)
      }
      return HardCard(
        deck: card.card.deck, file: card.card.file, line: card.card.line, prompt: card.card.prompt,
        headingPath: card.card.context, lapses: card.schedule.lapses, retrievability: recall)
    }
    let mostLapses = try store.cardsWithMostLapses(deck: deck, limit: request.hardestLimit).map(hardCard)
    var lowestCards: [HardCard] = []
    for entry in lowest {
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
      cards: CardCounts(
        new: counts.new, learning: counts.learning, review: counts.review,
        relearning: counts.relearning, retired: counts.retired, active: counts.active,
        total: counts.active + counts.retired),
      reviews: reviews, retention: retention, forecast: forecast, memory: memory,
      hardest: HardestCards(mostLapses: mostLapses, lowestRetrievability: lowestCards),
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

/// A heading of one note.
struct HeadingKey: Hashable {
  var noteID: Int64
  var path: [String]
}

/// A compared thing of one table under a heading.
struct ThingKey: Hashable {
  var heading: HeadingKey
  var table: String
  var thing: String
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
