import Foundation
import Testing

@testable import RecallScheduling

/// Reproduces every history and unit case of the py-fsrs 6.3.2 vector files (fuzz off).
struct ParityTests {
  private func scheduler(_ config: ReferenceVectors.SchedulerConfig) throws -> Scheduler {
    let settings = SchedulerSettings(
      desiredRetention: config.desiredRetention, learningSteps: config.learningSteps,
      relearningSteps: config.relearningSteps, maximumInterval: config.maximumInterval,
      fuzzEnabled: false)
    return try Scheduler(
      parameters: try FSRSParameters(config.parameters), settings: settings,
      dayCounting: .elapsed24Hours)
  }

  /// Every review of every history: state, step, S, D, due, R, interval and branch.
  @Test(arguments: ReferenceVectors.names)
  func historiesMatchPyFSRS(file: String) throws {
    let vectors = try ReferenceVectors.named(file)
    var schedulers: [String: Scheduler] = [:]
    for (name, config) in vectors.schedulers { schedulers[name] = try scheduler(config) }
    var checked = 0
    var mismatches: [String] = []
    var rng = SeededGenerator(seed: 0)
    for history in vectors.histories {
      let scheduler = try #require(schedulers[history.scheduler])
      guard let first = history.reviews.first else { continue }
      var card = CardState.new(due: Date(timeIntervalSince1970: TimeInterval(first.reviewTs)))
      for expected in history.reviews {
        let now = Date(timeIntervalSince1970: TimeInterval(expected.reviewTs))
        let rating = try #require(Rating(rawValue: expected.rating))
        let outcome = scheduler.review(card, rating: rating, at: now, using: &rng)
        card = outcome.card
        checked += 1
        var problems: [String] = []
        if !close(outcome.log.retrievability, expected.retrievability) {
          problems.append("R \(outcome.log.retrievability) vs \(expected.retrievability)")
        }
        if card.phase.rawValue != expected.state {
          problems.append("state \(card.phase) vs \(expected.state)")
        }
        if card.step != expected.step { problems.append("step \(String(describing: card.step))") }
        if !close(card.stability ?? .nan, expected.stability) {
          problems.append("S \(card.stability ?? .nan) vs \(expected.stability)")
        }
        if !close(card.difficulty ?? .nan, expected.difficulty) {
          problems.append("D \(card.difficulty ?? .nan) vs \(expected.difficulty)")
        }
        if Int(floor(card.due.timeIntervalSince1970)) != expected.dueTs {
          problems.append("due \(card.due.timeIntervalSince1970) vs \(expected.dueTs)")
        }
        if outcome.log.intervalDays != expected.intervalDays {
          problems.append("interval \(String(describing: outcome.log.intervalDays))")
        }
        if outcome.log.elapsedDays != expected.elapsedDays {
          problems.append("elapsed \(String(describing: outcome.log.elapsedDays))")
        }
        let branch: String
        switch outcome.log.update {
        case .initial: branch = "initial"
        case .shortTerm: branch = "short_term"
        case .recall: branch = "recall"
        case .forget: branch = "forget"
        }
        if branch != expected.branch { problems.append("branch \(branch)") }
        if !problems.isEmpty {
          mismatches.append("\(history.id)#\(expected.i): " + problems.joined(separator: ", "))
        }
      }
    }
    #expect(checked == vectors.histories.reduce(0) { $0 + $1.reviews.count })
    #expect(checked > 500)
    #expect(mismatches.isEmpty, "\(mismatches.count) of \(checked): \(mismatches.prefix(5))")
  }

  /// The direct formula checks of `unit_cases`, per scheduler configuration.
  @Test(arguments: ReferenceVectors.names)
  func unitCasesMatchPyFSRS(file: String) throws {
    let vectors = try ReferenceVectors.named(file)
    #expect(!vectors.unitCases.isEmpty)
    for (name, cases) in vectors.unitCases {
      let config = try #require(vectors.schedulers[name])
      let scheduler = try scheduler(config)
      let model = scheduler.formulas
      for c in cases.initial {
        let rating = try #require(Rating(rawValue: c.rating))
        #expect(close(model.initialStability(rating), c.stability), "\(name) S0 \(c.rating)")
        #expect(close(model.initialDifficulty(rating), c.difficulty), "\(name) D0 \(c.rating)")
        #expect(
          close(model.initialDifficulty(rating, clamped: false), c.difficultyUnclamped),
          "\(name) raw D0 \(c.rating)")
      }
      for c in cases.retrievability {
        #expect(
          close(model.retrievability(elapsedDays: c.elapsedDays, stability: c.stability), c.r),
          "\(name) R(\(c.elapsedDays), \(c.stability))")
      }
      for c in cases.nextDifficulty {
        let rating = try #require(Rating(rawValue: c.rating))
        #expect(close(model.nextDifficulty(c.difficulty, rating: rating), c.result))
      }
      for c in cases.shortTerm {
        let rating = try #require(Rating(rawValue: c.rating))
        #expect(
          close(model.shortTermStability(c.stability, rating: rating), c.result),
          "\(name) short-term S=\(c.stability) G=\(c.rating)")
      }
      for c in cases.longTerm {
        let rating = try #require(Rating(rawValue: c.rating))
        let result = model.longTermStability(
          c.stability, difficulty: c.difficulty, retrievability: c.r, rating: rating)
        #expect(close(result, c.result), "\(name) long-term \(c)")
        #expect(
          close(model.retrievability(elapsedDays: c.elapsedDays, stability: c.stability), c.r))
      }
      for c in cases.interval {
        #expect(
          scheduler.intervalDays(stability: c.stability) == c.days, "\(name) ivl S=\(c.stability)")
      }
      for c in cases.fuzz {
        #expect(
          scheduler.fuzzedInterval(days: c.intervalDays, draw: c.u) == c.resultDays,
          "\(name) fuzz I=\(c.intervalDays) u=\(c.u)")
      }
    }
  }
}
