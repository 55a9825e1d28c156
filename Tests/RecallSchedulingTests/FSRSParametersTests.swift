import Foundation
import Testing

@testable import RecallScheduling

struct FSRSParametersTests {
  @Test func defaultsAreTheFSRS6Defaults() throws {
    let w = FSRSParameters.defaults
    #expect(w.weights.count == 21)
    #expect(w[0] == 0.212 && w[20] == 0.1542)
    #expect(abs(w.factor - 0.9803464944134797) < 1e-15)
    _ = try FSRSParameters(w.weights)
  }

  @Test func wrongCountAndOutOfRangeValuesAreRejected() {
    #expect(throws: SchedulingError.wrongParameterCount(19)) {
      try FSRSParameters(Array(FSRSParameters.defaults.weights.prefix(19)))
    }
    var weights = FSRSParameters.defaults.weights
    weights[20] = 0.05
    #expect(throws: SchedulingError.parameterOutOfRange(index: 20, value: 0.05, range: 0.1...0.8)) {
      try FSRSParameters(weights)
    }
    weights[20] = .nan
    #expect(throws: SchedulingError.nonFiniteParameter(index: 20)) {
      try FSRSParameters(clamping: weights)
    }
  }

  @Test func clampingMovesValuesIntoTheirBounds() throws {
    var weights = FSRSParameters.defaults.weights
    weights[0] = -1
    weights[16] = 9
    let clamped = try FSRSParameters(clamping: weights)
    #expect(clamped[0] == 0.001)
    #expect(clamped[16] == 6)
    #expect(clamped[5] == FSRSParameters.defaults[5])
  }

  @Test func codableRoundTripAndValidation() throws {
    let data = try JSONEncoder().encode(FSRSParameters.defaults)
    #expect(try JSONDecoder().decode(FSRSParameters.self, from: data) == .defaults)
    #expect(throws: SchedulingError.wrongParameterCount(2)) {
      try JSONDecoder().decode(FSRSParameters.self, from: Data("[1, 2]".utf8))
    }
  }
}
