import Foundation

/// The py-fsrs 6.3.2 vector files in `Fixtures/` (format `fsrs6-vectors/1`, spec §13).
struct ReferenceVectors: Decodable, Sendable {
  struct SchedulerConfig: Decodable, Sendable {
    let parameters: [Double]
    let desiredRetention: Double
    let learningSteps: [Double]
    let relearningSteps: [Double]
    let maximumInterval: Int
  }

  struct Review: Decodable, Sendable {
    let i: Int
    let reviewTs: Int
    let rating: Int
    let elapsedDays: Int?
    let retrievability: Double
    let stateBefore: Int
    let branch: String
    let state: Int
    let step: Int?
    let stability: Double
    let difficulty: Double
    let dueTs: Int
    let intervalDays: Int?
  }

  struct History: Decodable, Sendable {
    let id: String
    let scheduler: String
    let cardId: Int
    let reviews: [Review]
  }

  struct UnitCases: Decodable, Sendable {
    struct Initial: Decodable, Sendable {
      let rating: Int
      let stability: Double
      let difficulty: Double
      let difficultyUnclamped: Double
    }
    struct Retrievability: Decodable, Sendable {
      let elapsedDays: Double
      let stability: Double
      let r: Double
    }
    struct NextDifficulty: Decodable, Sendable {
      let difficulty: Double
      let rating: Int
      let result: Double
    }
    struct ShortTerm: Decodable, Sendable {
      let stability: Double
      let rating: Int
      let result: Double
    }
    struct LongTerm: Decodable, Sendable {
      let stability: Double
      let difficulty: Double
      let elapsedDays: Double
      let r: Double
      let rating: Int
      let result: Double
    }
    struct Interval: Decodable, Sendable {
      let stability: Double
      let days: Int
    }
    struct Fuzz: Decodable, Sendable {
      let intervalDays: Int
      let u: Double
      let resultDays: Int
    }
    let initial: [Initial]
    let retrievability: [Retrievability]
    let nextDifficulty: [NextDifficulty]
    let shortTerm: [ShortTerm]
    let longTerm: [LongTerm]
    let interval: [Interval]
    let fuzz: [Fuzz]
  }

  let schedulers: [String: SchedulerConfig]
  let histories: [History]
  let unitCases: [String: UnitCases]

  /// The three fixture files by name, each parsed once per test run.
  static let names = ["vectors", "vectors_default_small", "vectors_custom_r085_small"]

  /// A fixture file, parsed on first use and kept.
  static func named(_ name: String) throws -> ReferenceVectors {
    switch name {
    case "vectors": return try big.get()
    case "vectors_default_small": return try defaultSmall.get()
    default: return try customSmall.get()
    }
  }

  private static let big = Result { try load("vectors") }
  private static let defaultSmall = Result { try load("vectors_default_small") }
  private static let customSmall = Result { try load("vectors_custom_r085_small") }

  private static func load(_ name: String) throws -> ReferenceVectors {
    guard
      let url = Bundle.module.url(
        forResource: name, withExtension: "json", subdirectory: "Fixtures")
    else { throw CocoaError(.fileNoSuchFile) }
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return try decoder.decode(ReferenceVectors.self, from: Data(contentsOf: url))
  }
}

/// Whether two numbers agree within a relative tolerance (absolute near zero).
func close(_ a: Double, _ b: Double, relative tolerance: Double = 1e-9) -> Bool {
  if a == b { return true }
  return abs(a - b) <= tolerance * max(abs(a), abs(b), 1e-300)
}
