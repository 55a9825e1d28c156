import Testing

@testable import RecallScheduling

/// The initial-stability fit against the figures of fsrs-rs' own tests.
struct InitialStabilityTests {
  @Test func searchFindsTheStabilityOfFirstIntervalRecall() {
    // First rating Again; per gap 1…5 days: items and how many were recalled.
    let groups = [(1, 435, 377), (2, 97, 88), (3, 63, 46), (4, 38, 29), (5, 28, 19)]
    var sequences: [[(deltaDays: Int, rating: Int)]] = []
    for (gap, count, recalled) in groups {
      for index in 0..<count {
        sequences.append([(0, 1), (gap, index < recalled ? 3 : 1)])
      }
    }
    let data = TrainingData(
      sequences: sequences, itemOrder: sequences.indices.map { (card: $0, position: 1) })
    let (stabilities, counts) = InitialStability.fit(
      data: data, items: data.items, averageRecall: 0.943_028_57)
    #expect(counts == [1: 661])
    #expect(abs((stabilities[1] ?? 0) - 0.735_508_9) < 1e-4)
  }

  @Test func missingRatingsAreFilledAndOrderRestored() throws {
    let counts = [1: 1, 2: 1, 3: 1, 4: 1]
    let three = try #require(
      InitialStability.smoothAndFill([1: 0.4, 3: 2.3, 4: 10.9], counts: counts))
    #expect(zip(three, [0.4, 1.122_700_8, 2.3, 10.9]).allSatisfy { abs($0 - $1) < 1e-6 })
    let one = try #require(InitialStability.smoothAndFill([2: 0.35], counts: [2: 1]))
    let expected = [0.057_381_48, 0.35, 0.624_294_3, 2.245_348_2]
    #expect(zip(one, expected).allSatisfy { abs($0 - $1) < 1e-6 })
    // Out of order: the rating seen more often wins.
    let swapped = try #require(
      InitialStability.smoothAndFill([1: 5, 2: 1, 3: 6, 4: 20], counts: [1: 2, 2: 9, 3: 9, 4: 9]))
    #expect(swapped[0] == 1 && swapped[1] == 1)
    #expect(InitialStability.smoothAndFill([:], counts: [:]) == nil)
    // A rating without items is dropped before filling.
    #expect(InitialStability.smoothAndFill([3: 3], counts: [:]) == nil)
  }
}
