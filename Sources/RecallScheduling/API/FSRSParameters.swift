import Foundation

/// The 21 weights of the FSRS-6 memory model.
///
/// `w0…w3` are the initial stabilities per first rating, `w4…w7` shape difficulty,
/// `w8…w16` the long-term stability updates, `w17…w19` the same-day updates and
/// `w20` the decay of the forgetting curve. Values are checked against the bounds
/// py-fsrs enforces (see ``bounds``).
public struct FSRSParameters: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The 21 weights, `w0` first.
  public let weights: [Double]

  /// The FSRS-6 default weights (identical in py-fsrs 6.3.2 and fsrs-rs 6.6).
  public static let defaults = FSRSParameters(unchecked: [
    0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
  ])

  /// The allowed range of each weight, `w0` first.
  public static let bounds: [ClosedRange<Double>] = [
    0.001...100, 0.001...100, 0.001...100, 0.001...100,
    1...10, 0.001...4, 0.001...4, 0.001...0.75,
    0...4.5, 0...0.8, 0.001...3.5,
    0.001...5, 0.001...0.25, 0.001...0.9, 0...4,
    0...1, 1...6,
    0...2, 0...2, 0...0.8,
    0.1...0.8,
  ]

  /// Creates parameters from 21 weights, rejecting any value outside ``bounds``.
  ///
  /// - Throws: ``SchedulingError/wrongParameterCount(_:)``,
  ///   ``SchedulingError/nonFiniteParameter(index:)`` or
  ///   ``SchedulingError/parameterOutOfRange(index:value:range:)``.
  public init(_ weights: [Double]) throws {
    try Self.checkShape(weights)
    for (index, value) in weights.enumerated() where !Self.bounds[index].contains(value) {
      throw SchedulingError.parameterOutOfRange(
        index: index, value: value, range: Self.bounds[index])
    }
    self.weights = weights
  }

  /// Creates parameters from 21 weights, moving each value into its range as fsrs-rs does.
  ///
  /// - Throws: ``SchedulingError/wrongParameterCount(_:)`` or
  ///   ``SchedulingError/nonFiniteParameter(index:)``.
  public init(clamping weights: [Double]) throws {
    try Self.checkShape(weights)
    self.weights = zip(weights, Self.bounds).map { min(max($0, $1.lowerBound), $1.upperBound) }
  }

  init(unchecked weights: [Double]) {
    self.weights = weights
  }

  /// Decodes the 21 weights from a plain array, checking them like ``init(_:)``.
  public init(from decoder: any Decoder) throws {
    try self.init(try decoder.singleValueContainer().decode([Double].self))
  }

  /// Encodes the weights as a plain array.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(weights)
  }

  /// The weight `w<index>`.
  public subscript(index: Int) -> Double { weights[index] }

  /// The exponent of the forgetting curve, `-w20`.
  public var decay: Double { -weights[20] }

  /// The forgetting-curve factor `0.9^(1/decay) - 1`, chosen so that R(S, S) = 0.9.
  public var factor: Double { pow(0.9, 1 / decay) - 1 }

  /// The weights as a comma-separated list, as `recall config` shows them.
  public var description: String {
    weights.map { String(format: "%.4f", $0) }.joined(separator: ", ")
  }

  private static func checkShape(_ weights: [Double]) throws {
    guard weights.count == 21 else { throw SchedulingError.wrongParameterCount(weights.count) }
    if let index = weights.firstIndex(where: { !$0.isFinite }) {
      throw SchedulingError.nonFiniteParameter(index: index)
    }
  }
}
