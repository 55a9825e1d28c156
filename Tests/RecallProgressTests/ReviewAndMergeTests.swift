import Foundation
import RecallCards
import RecallProgress
import RecallScheduling
import RecallStorage
import Testing

/// The review and the merge of a log schedule an answer alike: the same due date and the same
/// state, with the load balancer counting the same cards and the siblings kept apart the same
/// way.
struct ReviewAndMergeTests {
  static let clock = DayClock(timeZone: TimeZone(identifier: "UTC") ?? .current, dayStartHour: 4)
  static let now = Date(timeIntervalSince1970: 1_795_597_200)  // 2026-11-25T09:00:00Z

  /// A store of one note with 60 cards in pairs of siblings, most in review and due over the
  /// coming weeks (a crowded day, an empty one), some suspended.
  static func store() throws -> Store {
    let store = try Store.inMemory()
    let cards = (0..<60).map { index in
      Card(
        key: "card \(index)", kind: .term, deck: "deck.md", file: "deck.md", line: index + 1,
        prompt: "prompt \(index)?", answer: "answer \(index)", choices: [], context: [], detail: nil,
        siblingGroup: "pair \(index / 2)", contentHash: "hash \(index)")
    }
    let extraction = CardExtraction(revision: 1) { _, _, _ throws(CardExtraction.Failure) in
      CardExtraction.Result(cards: cards, stubs: [])
    }
    _ = try store.importNotes(
      [NoteSource(file: "/notes/deck.md", deck: "deck.md", contents: .bytes(Array("deck".utf8)))],
      paths: ["/notes"], extraction: extraction, now: now.addingTimeInterval(-90 * 86_400),
      fileExists: { _ in true })
    let today = clock.dayNumber(of: now)
    for card in try store.cards() {
      let index = Int(card.card.line) - 1
      // Day 12 is crowded and day 14 empty; the rest a few cards a day.
      let day = index % 5 == 0 ? 12 : 8 + (index % 9 == 6 ? 13 : index % 9)
      try store.setSchedule(
        CardSchedule(
          state: .review, stability: 10 + Double(index % 7), difficulty: 5, due: clock.startOfDay(today + day),
          lastReview: now.addingTimeInterval(-Double(10 + index % 5) * 86_400), reps: 3),
        cardID: card.id)
    }
    let ids = try store.cards().map(\.id).sorted()
    _ = try store.suspend(cardIDs: [ids[5], ids[10], ids[15]], at: now)
    return store
  }

  @Test func aReviewAndAMergeScheduleEachAnswerAlike() throws {
    let store = try Self.store()
    var settings = StudySettings.resolve([], deck: nil)
    settings.scheduler.fuzzEnabled = true
    let answer = AnswerScheduler(
      scheduler: try Scheduler(
        parameters: settings.parameters, settings: settings.scheduler, dayCounting: .studyDays(Self.clock)),
      clock: Self.clock)
    let ids = try store.cards().map(\.id).sorted()
    var moved = 0
    for (step, cardID) in ids.prefix(40).enumerated() {
      let rating = Rating.allCases[[2, 3, 1, 2, 0][step % 5]]
      let at = Self.now.addingTimeInterval(Double(step) * 60)
      let before = try #require(try store.cards().first { $0.id == cardID }).schedule
      // As the review schedules it: the due dates read from the store.
      let reviewed = try answer.next(
        before, cardID: cardID, rating: rating, at: at,
        dueDates: { start, end in try store.reviewDueDates(from: start, to: end) },
        siblingDueDates: { try store.siblingDueDates(cardID: cardID) })
      var generator = SeededGenerator(cardID: cardID, reviewCount: before.reps)
      let plain = answer.scheduler.review(before.cardState(newCardDue: at), rating: rating, at: at, using: &generator)
      if reviewed.due.map(Self.clock.dayNumber(of:)) != Self.clock.dayNumber(of: plain.card.due) { moved += 1 }
      // As the merge schedules it: an answer with no schedule of its own (as from Anki), the due
      // dates kept by the walk of the merged log.
      let id = UUID()
      _ = try store.mergeAnswers(
        [
          StoredReview(
            id: id, cardID: cardID, reviewedAt: at, rating: rating.rawValue, quiz: "anki",
            durationMilliseconds: 1000, before: before, after: before)
        ]
      ) { log in
        try LogReplay.replay(log, recomputing: [id], scheduling: DeckScheduling(everyDeck: answer))
      }
      let merged = try #require(try store.cards().first { $0.id == cardID }).schedule
      #expect(merged == reviewed, "answer \(step), card \(cardID)")
      #expect(try store.reviews(cardID: cardID).last?.after == reviewed)
    }
    // The premise: the load balancer and the siblings moved answers off the fuzz's own day.
    #expect(moved >= 5, "\(moved) answers moved")
  }
}
