import Foundation

/// How well the learner recalled a card, as pressed on one of the four answer buttons.
///
/// The raw values are the FSRS grades: a review succeeds when the rating is
/// ``hard`` or better.
public enum Rating: Int, Sendable, Hashable, Codable, CaseIterable, Comparable {
  /// The answer was forgotten.
  case again = 1
  /// The answer was recalled with serious difficulty.
  case hard = 2
  /// The answer was recalled after some hesitation.
  case good = 3
  /// The answer was recalled effortlessly.
  case easy = 4

  /// Whether the review counts as a successful recall.
  public var isSuccess: Bool { self != .again }

  /// Orders ratings from ``again`` to ``easy``.
  public static func < (lhs: Rating, rhs: Rating) -> Bool { lhs.rawValue < rhs.rawValue }

  /// The rating's word: `again`, `hard`, `good`, `easy`.
  public var word: String {
    switch self {
    case .again: "again"
    case .hard: "hard"
    case .good: "good"
    case .easy: "easy"
    }
  }

  /// The rating for a word or number typed in a scripted session (`good`, `3`), else nil.
  public init?(word: String) {
    let trimmed = word.trimmingCharacters(in: .whitespaces).lowercased()
    if let number = Int(trimmed), let rating = Rating(rawValue: number) {
      self = rating
      return
    }
    guard let rating = Rating.allCases.first(where: { $0.word == trimmed }) else { return nil }
    self = rating
  }
}
