import Testing

@testable import RecallScheduling

struct SeededGeneratorTests {
  @Test func sameSeedReplaysTheSameSequence() {
    var a = SeededGenerator(cardID: 42, reviewCount: 3)
    var b = SeededGenerator(cardID: 42, reviewCount: 3)
    let first = (0..<5).map { _ in a.next() }
    #expect(first == (0..<5).map { _ in b.next() })
    var other = SeededGenerator(cardID: 42, reviewCount: 4)
    #expect(first != (0..<5).map { _ in other.next() })
    var otherCard = SeededGenerator(cardID: 43, reviewCount: 3)
    #expect(first != (0..<5).map { _ in otherCard.next() })
  }

  @Test func unitDrawsLieInTheHalfOpenInterval() {
    var rng = SeededGenerator(seed: 7)
    let draws = (0..<10_000).map { _ in rng.unitInterval() }
    #expect(draws.allSatisfy { $0 >= 0 && $0 < 1 })
    let mean = draws.reduce(0, +) / Double(draws.count)
    #expect(abs(mean - 0.5) < 0.02)
  }
}
