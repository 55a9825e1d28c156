/// Where a card is in its learning, as the queue and the quiz choice need it.
///
/// The review module keeps its own small values instead of the scheduler's types; the CLI
/// maps the scheduler's state (and "never reviewed") onto these.
public enum CardPhase: String, Hashable, Sendable, Codable, CaseIterable {
  /// Never reviewed.
  case new
  /// In its first learning steps (minutes apart).
  case learning
  /// Graduated: reviewed days apart.
  case review
  /// Forgotten after graduating, back in short steps.
  case relearning

  /// Whether the card is in short steps (learning or relearning).
  public var isInSteps: Bool { self == .learning || self == .relearning }
}
