import Foundation
import RecallStorage
import Testing

@testable import RecallCLI

/// Today's queue read a window at a time is the queue of the whole collection: the same cards
/// in the same order, with the daily limits, deck limits, siblings apart, new cards taking
/// turns and learning cards, on a collection where the window reads only part of the cards.
struct ReviewWindowTests {
  static let day0 = Date(timeIntervalSince1970: 1_795_597_200)  // 2026-11-25T09:00:00Z
  static let utc = TimeZone(identifier: "UTC") ?? .current

  /// 24 notes in three folders, each with three headings of eight glossary terms (a term and a
  /// definition card each, siblings): 1,152 cards. Two thirds of the cards were studied, due
  /// over the last three days and the next (some pairs both in review, some one new or in
  /// learning), so that there are several hundred reviews due, some 150 a day, and hundreds of
  /// new cards: far more than a day's room, and more than a window reads of one day.
  static func collection() throws -> Store {
    let store = try Store.inMemory()
    var sources: [NoteSource] = []
    for note in 0..<24 {
      var text = "# Note \(note)\n\n"
      for heading in 0..<3 {
        text += "## Part \(heading)\n\n"
        for term in 0..<8 {
          text += "**Term \(note)-\(heading)-\(term):** meaning \(note) \(heading) \(term) here\n\n"
        }
      }
      let deck = "f\(note % 3)/n\(note).md"
      sources.append(NoteSource(file: "/w/\(deck)", deck: deck, contents: .bytes(Array(text.utf8))))
    }
    _ = try store.importNotes(sources, paths: ["/w"], extraction: .markdown, now: day0 - 90 * 86_400)
    var entries: [StoredReview] = []
    for (index, card) in try store.cards(status: .active).enumerated() where index % 3 != 2 {
      let learning = index % 17 == 0
      let due = learning ? day0 + Double(index % 5 - 2) * 3_600 : day0 + Double(index % 5 - 3) * 86_400 + Double(index % 7) * 600
      let after = CardSchedule(
        state: learning ? .learning : .review, step: learning ? 0 : nil, stability: 10, difficulty: 5,
        due: due, lastReview: due - 10 * 86_400, reps: 1, lapses: 0)
      entries.append(
        StoredReview(
          cardID: card.id, reviewedAt: due - 10 * 86_400, rating: 3, quiz: "typed", durationMilliseconds: 900,
          before: card.schedule, after: after))
    }
    try store.recordReviews(entries)
    return store
  }

  /// The queue of a review started at `now`, read in windows or whole: the cards to ask, in
  /// order, then the learning cards due later today.
  static func queue(_ store: Store, deck: String? = nil, at now: Date, whole: Bool) throws -> [Int64] {
    let settings = try StudySettings.load(from: store, deck: deck)
    let driver = try ReviewDriver.review(
      store: store, settings: settings, deck: deck, limit: nil, now: now, timeZone: utc, readsWhole: whole)
    return driver.session.remaining.map(\.id) + [-1] + driver.session.laterLearning.map(\.id)
  }

  static func set(_ store: Store, _ key: String, _ value: Int, deck: String? = nil) throws {
    try store.setSetting(Setting(key: key, deck: deck, value: String(value)), now: day0)
  }

  @Test func theWindowReadsPartOfTheCardsAndBuildsTheWholeCollectionsQueue() throws {
    let store = try Self.collection()
    try Self.set(store, "new-per-day", 15)
    try Self.set(store, "reviews-per-day", 40)
    let end = Self.day0 + 86_400
    let all = try store.reviewCandidates(deck: nil, dueBefore: end, newLimit: 10_000, now: Self.day0)
    // The window reads 15 × 2 + 10 new cards and 40 × 2 + 20 reviews (whole days of them).
    #expect(all.new.count > 200)
    #expect(all.due.filter { $0.schedule.state == .review }.count > 300)
    for day in 0..<4 {
      let now = Self.day0 + Double(day) * 86_400 + 3_600
      let windowed = try Self.queue(store, at: now, whole: false)
      #expect(windowed.count > 50)
      #expect(windowed == (try Self.queue(store, at: now, whole: true)), "day \(day)")
    }
  }

  /// Every card the session will ask is held whole, with its text, before the first question:
  /// the cards due now and the learning cards due later today, which the session asks once
  /// they come due (a card it does not hold is taken for one that left the store, and skipped).
  @Test func theSessionHoldsEveryCardItWillAskWithItsText() throws {
    let store = try Self.collection()
    let now = Self.day0 + 3_600
    let settings = try StudySettings.load(from: store, deck: nil)
    let driver = try ReviewDriver.review(
      store: store, settings: settings, deck: nil, limit: nil, now: now, timeZone: Self.utc)
    let later = driver.session.laterLearning.map(\.id)
    #expect(!later.isEmpty)
    let asked = driver.session.remaining.map(\.id) + later
    let whole = Dictionary(uniqueKeysWithValues: try store.cards(ids: asked).map { ($0.id, $0) })
    for id in asked {
      #expect(driver.cards[id] == whole[id], "card \(id)")
      #expect(driver.cards[id]?.card.prompt.isEmpty == false, "card \(id)")
    }
  }

  @Test func deckLimitsAndOneDecksReviewHoldOnTheWindowAsOnTheWhole() throws {
    let store = try Self.collection()
    try Self.set(store, "new-per-day", 12)
    try Self.set(store, "reviews-per-day", 30)
    // Folders f0 and f1 may bring one card a day or none, and one note of f2 no new card:
    // the cards these limits keep out are more than the window's spare ones, so it must grow.
    try Self.set(store, "new-per-day", 0, deck: "f0")
    try Self.set(store, "reviews-per-day", 0, deck: "f0")
    try Self.set(store, "new-per-day", 1, deck: "f1")
    try Self.set(store, "reviews-per-day", 1, deck: "f1")
    try Self.set(store, "new-per-day", 0, deck: "f2/n2.md")
    for now in [Self.day0 + 3_600, Self.day0 + 2 * 86_400] {
      #expect(try Self.queue(store, at: now, whole: false) == (try Self.queue(store, at: now, whole: true)))
      #expect(
        try Self.queue(store, deck: "f2", at: now, whole: false)
          == (try Self.queue(store, deck: "f2", at: now, whole: true)))
    }
  }

  @Test func aSessionAnsweringTheWindowsCardsKeepsMatchingTheWholeQueue() throws {
    let store = try Self.collection()
    try Self.set(store, "new-per-day", 10)
    try Self.set(store, "reviews-per-day", 25)
    // After part of the day's work is done (today's tally counts), the next review's window
    // still gives the whole collection's queue.
    let now = Self.day0 + 3_600
    let first = try Self.queue(store, at: now, whole: false)
    var entries: [StoredReview] = []
    for id in first.prefix(12) where id > 0 {
      let card = try #require(try store.card(id: id))
      var after = card.schedule
      after.state = .review
      after.due = now + 5 * 86_400
      after.lastReview = now
      after.reps += 1
      entries.append(
        StoredReview(
          cardID: id, reviewedAt: now, rating: 3, quiz: "typed", durationMilliseconds: 900,
          before: card.schedule, after: after))
    }
    try store.recordReviews(entries)
    let later = now + 600
    #expect(try Self.queue(store, at: later, whole: false) == (try Self.queue(store, at: later, whole: true)))
  }
}
