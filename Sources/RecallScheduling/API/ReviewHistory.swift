/// A review log prepared for the optimizer: each card's reviews in study days, and the
/// training items (reviews at least a day after the card's previous one) in time order.
///
/// Preparing once lets a caller fit and score the same log without rebuilding it.
public struct ReviewHistory: Sendable {
  let data: TrainingData

  /// Prepares `reviewLogs` (any order, any number of cards), counting days with `dayClock`.
  public init(reviewLogs: [ReviewLogEntry], dayClock: DayClock) {
    data = TrainingData(reviewLogs: reviewLogs, clock: dayClock)
  }

  /// The number of cards in the log.
  public var cardCount: Int { data.cardCount }

  /// The number of training items.
  public var itemCount: Int { data.items.count }
}
