import Foundation
import RecallScheduling
import RecallStorage
import Testing

/// The scheduler's card state goes into the store and comes back the same.
struct CardScheduleTests {
  @Test func schedulerStatesRoundTrip() throws {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let states = [
      CardState.new(due: now),
      CardState(
        phase: .learning, step: 1, memory: MemoryState(stability: 2.3065, difficulty: 2.118), due: now + 600,
        lastReview: now, reps: 1, lapses: 0),
      CardState(
        phase: .relearning, step: 0, memory: MemoryState(stability: 0.9, difficulty: 7.5), due: now + 600,
        lastReview: now, reps: 9, lapses: 2),
    ]
    for state in states {
      #expect(CardSchedule(state).cardState(newCardDue: now) == state)
    }
    #expect(CardSchedule(CardState.new(due: now)) == .new)
  }

  @Test func storedScheduleComesBackAsItWent() throws {
    let store = try Store.inMemory()
    try store.importNotes(
      [NoteSource(file: "/n/a.md", deck: "a.md", contents: .bytes(Array("ECS: containers\n".utf8)))],
      paths: [], extraction: ImportEngineTests.lines, now: Date(timeIntervalSince1970: 0))
    let card = try #require(try store.cards().first)
    let now = Date(timeIntervalSince1970: 1_800_000_000.123)
    let state = CardState(
      phase: .review, step: nil, memory: MemoryState(stability: 12.5, difficulty: 4.25), due: now + 86_400 * 12,
      lastReview: now, reps: 4, lapses: 1)
    try store.setSchedule(CardSchedule(state), cardID: card.id)
    let stored = try #require(try store.card(id: card.id))
    #expect(stored.schedule.cardState(newCardDue: now) == state)
  }
}
