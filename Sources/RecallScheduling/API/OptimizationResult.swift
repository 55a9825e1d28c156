/// How well a parameter set predicts a review log.
public struct ModelEvaluation: Sendable, Hashable {
  /// The recency-weighted log-loss of the predicted recall probabilities.
  public var logLoss: Double
  /// The recency-weighted RMSE over fsrs-rs' bins (gap, history length, lapses).
  public var rmse: Double
}

/// What ``Optimizer/fit(reviewLogs:)`` found.
public struct OptimizationResult: Sendable, Hashable {
  /// How much of the model the log was large enough to fit.
  public enum Stage: String, Sendable, Hashable {
    /// Under 8 training items: the defaults.
    case notEnoughData
    /// Under 64 training items (or only first long-term reviews): w0…w3 fitted, the rest default.
    case initialStabilityOnly
    /// All 21 weights fitted.
    case full
  }

  /// The parameters to use from now on: ``fitted`` when kept, else the current ones.
  public var parameters: FSRSParameters
  /// The parameters the fit produced.
  public var fitted: FSRSParameters
  /// How much was fitted.
  public var stage: Stage
  /// Whether ``fitted`` predicts the log better than the current parameters and was kept.
  public var kept: Bool
  /// Training items: reviews at least a day after the card's previous review.
  public var itemCount: Int
  /// The current parameters' metrics on the log.
  public var before: ModelEvaluation
  /// The fitted parameters' metrics on the log.
  public var after: ModelEvaluation
}
