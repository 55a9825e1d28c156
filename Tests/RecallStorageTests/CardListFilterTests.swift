import Foundation
import GRDB
import RecallCards
import RecallScheduling
import Testing

@testable import RecallStorage

/// `recall cards --state/--due/--search` as the store reads them: SQLite picks the cards by
/// their state and due moment, and the result is the one a walk over every card would give.
struct CardListFilterTests {
  static let day = Date(timeIntervalSince1970: 1_800_000_000)

  static func source(_ deck: String, _ text: String) -> NoteSource {
    NoteSource(file: "/n/\(deck)", deck: deck, contents: .bytes(Array(text.utf8)))
  }

  static func terms(_ range: ClosedRange<Int>, _ word: String) -> String {
    range.map { "**\(word)\($0):** meaning \($0)\n" }.joined(separator: "\n")
  }

  /// Answers card `id` with the schedule `after`; a lapse with `leech` tags it.
  static func answer(_ store: Store, _ id: Int64, _ after: CardSchedule, leech: LeechRule? = nil) throws {
    let card = try #require(try store.card(id: id))
    try store.recordReview(
      StoredReview(
        cardID: id, reviewedAt: day, rating: 3, quiz: "flip", durationMilliseconds: 900,
        before: card.schedule, after: after),
      leech: leech)
  }

  /// A store whose cards are in every state: new, learning, relearning and review cards due at
  /// different moments, suspended ones, a leech and retired ones, in two decks.
  static func mixedStore() throws -> Store {
    let store = try Store.inMemory()
    _ = try store.importNotes(
      [source("a.md", "# A\n\n" + terms(1...8, "Alpha")), source("b/c.md", "# C\n\n" + terms(1...6, "Gamma"))],
      paths: ["/n"], extraction: .markdown, now: day)
    let ids = try store.cards().map(\.id).sorted()
    for (offset, id) in ids.prefix(20).enumerated() {
      let due = day + Double(offset - 6) * 43_200
      let state: CardPhase = offset % 3 == 0 ? .review : offset % 3 == 1 ? .learning : .relearning
      try answer(
        store, id,
        CardSchedule(
          state: state, step: state == .review ? nil : 0, stability: 3, difficulty: 5, due: due,
          lastReview: day, reps: 1, lapses: offset == 4 ? 1 : 0),
        leech: offset == 4 ? LeechRule(threshold: 1, action: .tag) : nil)
    }
    _ = try store.suspend(cardIDs: [ids[0], ids[7], ids[24]], at: day)
    // Two terms leave their note: their four cards are retired, two of them answered before.
    _ = try store.importNotes(
      [source("a.md", "# A\n\n" + terms(1...6, "Alpha")), source("b/c.md", "# C\n\n" + terms(1...6, "Gamma"))],
      paths: ["/n"], extraction: .markdown, now: day + 60)
    return store
  }

  /// What the filter means, said over one stored card.
  static func keeps(_ filter: CardListFilter, _ stored: StoredCard) -> Bool {
    let active = stored.status == .active
    let studied = active && !stored.isSuspended
    switch filter.state {
    case nil: break
    case .new?: guard studied && stored.schedule.state == .new else { return false }
    case .learning?:
      guard studied && (stored.schedule.state == .learning || stored.schedule.state == .relearning)
      else { return false }
    case .review?: guard studied && stored.schedule.state == .review else { return false }
    case .suspended?: guard active && stored.isSuspended else { return false }
    case .leech?: guard stored.isLeech else { return false }
    case .retired?: guard !active else { return false }
    }
    if let dueBefore = filter.dueBefore {
      guard studied, stored.schedule.state != .new, let due = stored.schedule.due, due < dueBefore
      else { return false }
    }
    if let text = filter.text {
      let card = stored.card
      guard ([card.prompt, card.answer, card.deck] + card.context).contains(where: {
        $0.range(of: text, options: .caseInsensitive) != nil
      })
      else { return false }
    }
    return true
  }

  @Test func everyStateDueDayAndTextGivesTheCardsAWalkOverEveryCardGives() throws {
    let store = try Self.mixedStore()
    let states: [CardListFilter.State?] = [nil] + CardListFilter.State.allCases
    let dues: [Date?] = [nil, Self.day - 86_400, Self.day, Self.day + 86_400, Self.day + 30 * 86_400]
    var nonEmpty = 0
    for deck in [nil, "a.md", "b"] as [String?] {
      let all = try store.cards(deck: deck)
      for state in states {
        for due in dues {
          for text in [nil, "alpha3", "MEANING 2", "b/c", "  "] as [String?] {
            let filter = CardListFilter(state: state, dueBefore: due, text: text)
            let read = try store.cards(deck: deck, filter: filter).map(\.id)
            let walked = all.filter { Self.keeps(filter, $0) }.map(\.id)
            #expect(read == walked, "deck \(deck ?? "all"), state \(state?.rawValue ?? "any"), due \(String(describing: due)), text \(text ?? "none")")
            if !read.isEmpty { nonEmpty += 1 }
          }
        }
      }
    }
    // Each state is present, so the comparisons above are not between empty lists.
    for state in CardListFilter.State.allCases {
      #expect(try !store.cards(filter: CardListFilter(state: state)).isEmpty, "\(state)")
    }
    #expect(nonEmpty > 100)
  }

  @Test func theDueCardsAreFoundThroughTheScheduleIndexNotByReadingEveryCard() throws {
    let store = try Store.inMemory()
    let filter = CardListFilter(dueBefore: Self.day)
    let plan = try store.read { db in
      let (condition, arguments) = try #require(filter.conditions(managed: true).first)
      return try String.fetchAll(
        db, sql: "EXPLAIN QUERY PLAN SELECT card.id " + Store.storedCardTables + " WHERE " + condition,
        arguments: arguments, adapter: SuffixRowAdapter(fromIndex: 3))
    }
    #expect(plan.contains { $0.contains("cardSchedule USING COVERING INDEX cardSchedule_state_due") }, "\(plan)")
    #expect(!plan.contains { $0.hasPrefix("SCAN card") || $0.hasPrefix("SCAN cardSchedule") }, "\(plan)")
  }
}

/// What a practice quiz reads: every active, unsuspended card's place and schedule without its
/// texts, then the few cards it asks, whole.
struct PracticeCandidateTests {
  @Test func theCandidatesAreTheActiveUnsuspendedCardsOfTheDeckAndTopicWithTheirSchedules() throws {
    let store = try CardListFilterTests.mixedStore()
    for deck in [nil, "a.md", "b"] as [String?] {
      for topic in [nil, "", "a", " C ", "nothing like it"] as [String?] {
        let read = try store.practiceCandidates(deck: deck, topic: topic)
        let wanted = topic?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        let walked = try store.cards(deck: deck, status: .active).filter { stored in
          !stored.isSuspended
            && (wanted.isEmpty || stored.card.context.contains { $0.lowercased().contains(wanted) })
        }
        #expect(
          read.sorted { $0.id < $1.id }
            == walked.map {
              PracticeCandidate(id: $0.id, deck: $0.card.deck, line: $0.card.line, schedule: $0.schedule)
            }.sorted { $0.id < $1.id },
          "deck \(deck ?? "all"), topic \(topic ?? "none")")
      }
    }
    // The comparisons above are not between empty lists, nor all between the same ones.
    let inTopic = try store.practiceCandidates(topic: " C ").count
    let everyTopic = try store.practiceCandidates().count
    #expect(inTopic > 0 && inTopic < everyTopic)
    #expect(try store.practiceCandidates().contains { $0.schedule.state == .review })
  }

  @Test func cardsAreReadByIdInTheOrderAsked() throws {
    let store = try CardListFilterTests.mixedStore()
    let all = try store.cards()
    let ids = [all[5].id, all[1].id, 999_999, all[9].id]
    #expect(try store.cards(ids: ids) == [all[5], all[1], all[9]])
    #expect(try store.cards(ids: []).isEmpty)
  }
}
