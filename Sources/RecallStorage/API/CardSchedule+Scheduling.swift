import Foundation
import RecallScheduling

extension CardSchedule {
  /// The stored form of the scheduler's state of a card.
  public init(_ state: CardState) {
    self.init(
      state: state.phase, step: state.phase == .new ? nil : state.step,
      stability: state.stability,
      difficulty: state.difficulty, due: state.phase == .new ? nil : state.due,
      lastReview: state.lastReview, reps: state.reps, lapses: state.lapses)
  }

  /// The scheduler's state of the card; a new card (which has no due date stored) is due at
  /// `newCardDue`.
  public func cardState(newCardDue: Date) -> CardState {
    let memory: MemoryState? =
      if let stability, let difficulty {
        MemoryState(stability: stability, difficulty: difficulty)
      } else {
        nil
      }
    return CardState(
      phase: state, step: state == .new ? (step ?? 0) : step, memory: memory,
      due: due ?? newCardDue, lastReview: lastReview, reps: reps, lapses: lapses)
  }
}
