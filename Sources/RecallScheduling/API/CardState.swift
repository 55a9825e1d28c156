import Foundation

/// Where a card is in its life: never seen, being learned, in review, or relearned after a lapse.
///
/// The raw values of the last three match py-fsrs' `State`.
public enum CardPhase: Int, Sendable, Hashable, Codable, CaseIterable {
  /// Never reviewed.
  case new = 0
  /// Going through the learning steps.
  case learning = 1
  /// Scheduled in whole days.
  case review = 2
  /// Going through the relearning steps after a lapse.
  case relearning = 3

  /// The phase's word, as the review's JSON lines give it: `new`, `learning`, `review`,
  /// `relearning`.
  public var name: String {
    switch self {
    case .new: "new"
    case .learning: "learning"
    case .review: "review"
    case .relearning: "relearning"
    }
  }

  /// The phase named `name` (``name``), else nil.
  public init?(name: String) {
    guard let phase = Self.allCases.first(where: { $0.name == name }) else { return nil }
    self = phase
  }

  /// Whether the card is in short steps (learning or relearning).
  public var isInSteps: Bool { self == .learning || self == .relearning }
}

/// The memory model's view of a card: how long it lasts and how hard it is.
public struct MemoryState: Sendable, Hashable, Codable {
  /// Days until the predicted recall probability falls to 90 %.
  public var stability: Double
  /// Difficulty on the FSRS scale, 1 (easiest) to 10.
  public var difficulty: Double

  /// Creates a memory state.
  public init(stability: Double, difficulty: Double) {
    self.stability = stability
    self.difficulty = difficulty
  }
}

/// Everything the scheduler needs to know about one card.
///
/// A value of this type is what the store keeps per card; ``Scheduler/review(_:rating:at:using:)``
/// returns the next one.
public struct CardState: Sendable, Hashable, Codable {
  /// The card's phase.
  public var phase: CardPhase
  /// The index of the current learning or relearning step; `nil` in review.
  public var step: Int?
  /// Stability and difficulty; `nil` until the first review.
  public var memory: MemoryState?
  /// When the card is next due.
  public var due: Date
  /// When the card was last reviewed; `nil` until the first review.
  public var lastReview: Date?
  /// How many times the card has been reviewed.
  public var reps: Int
  /// How many times the card was forgotten while in review.
  public var lapses: Int

  /// Creates a card state.
  public init(
    phase: CardPhase, step: Int?, memory: MemoryState?, due: Date, lastReview: Date?,
    reps: Int, lapses: Int
  ) {
    self.phase = phase
    self.step = step
    self.memory = memory
    self.due = due
    self.lastReview = lastReview
    self.reps = reps
    self.lapses = lapses
  }

  /// A card that has never been reviewed, due at `due`.
  public static func new(due: Date) -> CardState {
    CardState(phase: .new, step: 0, memory: nil, due: due, lastReview: nil, reps: 0, lapses: 0)
  }

  /// The stability in days, if the card has been reviewed.
  public var stability: Double? { memory?.stability }
  /// The difficulty, if the card has been reviewed.
  public var difficulty: Double? { memory?.difficulty }
}
