import Foundation

/// How well the user knew a card, as the scheduler takes it (FSRS ratings 1–4).
public enum Grade: Int, Hashable, Sendable, Codable, CaseIterable, Comparable {
  /// Forgotten, or answered wrong.
  case again = 1
  /// Recalled with difficulty: slowly, or with a typo.
  case hard = 2
  /// Recalled.
  case good = 3
  /// Recalled at once.
  case easy = 4

  /// The grade's word: `again`, `hard`, `good`, `easy`.
  public var word: String {
    switch self {
    case .again: return "again"
    case .hard: return "hard"
    case .good: return "good"
    case .easy: return "easy"
    }
  }

  /// The grade for a word or number typed in a scripted session (`good`, `3`), else nil.
  public init?(word: String) {
    let trimmed = word.trimmingCharacters(in: .whitespaces).lowercased()
    if let number = Int(trimmed), let grade = Grade(rawValue: number) {
      self = grade
      return
    }
    guard let grade = Grade.allCases.first(where: { $0.word == trimmed }) else { return nil }
    self = grade
  }

  /// Orders grades from again to easy.
  public static func < (lhs: Grade, rhs: Grade) -> Bool { lhs.rawValue < rhs.rawValue }
}
