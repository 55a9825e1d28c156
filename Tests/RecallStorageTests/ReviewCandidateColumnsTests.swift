import Foundation
import RecallCards
import Testing

@testable import RecallStorage

/// A review's window read without the cards' texts holds the same cards, in the same order,
/// with everything a queue orders them by; only what asking a card needs reads empty.
struct ReviewCandidateColumnsTests {
  static let day = Date(timeIntervalSince1970: 1_795_597_200)

  static func store() throws -> Store {
    let store = try Store.inMemory()
    let text = """
      # 서비스

      | 서비스 | 방향성 | 원리 |
      |---|---|---|
      | ECS | 컨테이너 | 태스크 |
      | EKS | 쿠버네티스 | 파드 |

      ## 용어

      **T1:** meaning one

      **T2:** meaning two

      **T3:** meaning three

      """
    _ = try store.importNotes(
      [NoteSource(file: "/n/a.md", deck: "a.md", contents: .bytes(Array(text.utf8)))], paths: ["/n"],
      extraction: .markdown, now: day - 30 * 86_400)
    var entries: [StoredReview] = []
    for (index, card) in try store.cards().enumerated() where index % 2 == 0 {
      let learning = index % 4 == 0
      let due = day + Double(index) * 600 - 86_400
      entries.append(
        StoredReview(
          cardID: card.id, reviewedAt: due - 86_400, rating: 3, quiz: "typed", durationMilliseconds: 900,
          before: card.schedule,
          after: CardSchedule(
            state: learning ? .learning : .review, step: learning ? 0 : nil, stability: 4, difficulty: 5,
            due: due, lastReview: due - 86_400, reps: 1, lapses: 0)))
    }
    try store.recordReviews(entries)
    return store
  }

  @Test func aWindowWithoutTextsHoldsWhatAQueueOrdersBy() throws {
    let store = try Self.store()
    let read = { (whole: Bool) in
      try store.reviewCandidates(deck: nil, dueBefore: Self.day + 86_400, newLimit: 100, now: Self.day, whole: whole)
    }
    let whole = try read(true)
    let light = try read(false)
    #expect(!whole.due.isEmpty && !whole.new.isEmpty)
    for (full, part) in zip(whole.due + whole.new, light.due + light.new) {
      #expect(part.id == full.id)
      #expect(part.noteID == full.noteID && part.status == full.status && part.schedule == full.schedule)
      #expect(part.contentChangedAt == full.contentChangedAt && part.isSuspended == full.isSuspended)
      let (card, lightCard) = (full.card, part.card)
      #expect(lightCard.deck == card.deck && lightCard.kind == card.kind && lightCard.line == card.line)
      #expect(lightCard.context == card.context && lightCard.siblingGroup == card.siblingGroup)
      #expect(part.uid.isEmpty && lightCard.prompt.isEmpty && lightCard.answer.isEmpty && lightCard.choices.isEmpty)
      #expect(lightCard.key.isEmpty && lightCard.file.isEmpty && lightCard.detail == nil && lightCard.contentHash.isEmpty)
    }
    #expect((light.due + light.new).count == (whole.due + whole.new).count)
    #expect(try store.cards(ids: light.due.map(\.id)) == whole.due)
  }
}
