import Foundation
import RecallStorage
import RecallTestSupport
import Testing

/// `@` in the interactive review and quiz (tmux): the card shown, or just answered, is
/// suspended at once, and `u` takes the suspension back like an answer.
@Suite(.serialized)
struct SuspendKeyTests {
  typealias Pane = InteractiveReviewTests.Pane

  /// The suspended cards' row ids.
  static func suspended(_ recall: RecallProcess) throws -> Set<Int64> {
    Set(try recall.store().cards().filter(\.isSuspended).map(\.id))
  }

  /// Waits until `condition` holds (the review writes at once, but the screen may lead).
  static func eventually(_ condition: () throws -> Bool) rethrows -> Bool {
    for _ in 0..<100 {
      if try condition() { return true }
      usleep(30_000)
    }
    return try condition()
  }

  @Test(.enabled(if: InteractiveReviewTests.hasTmux)) func atSuspendsTheCardShownOrAnsweredAndUUndoesIt() throws {
    let recall = try RecallProcess("recall-tty")
    let pane = try Pane(recall, arguments: ["--now", "2026-11-25T09:00:00Z", "--limit", "5"])
    #expect(try pane.redrawn(after: 0).contains("0 done · 5 left"))
    #expect(try pane.press("?").contains("suspend the card"))
    #expect(try pane.press("x").contains("0 done · 5 left"))

    // The card shown: suspended, and the next one asked.
    let notice = try pane.press("@")
    #expect(notice.contains("Suspended card"), "\(notice)")
    #expect(notice.contains("recall unsuspend"))
    #expect(try Self.eventually { try Self.suspended(recall).count == 1 })
    let first = try #require(try Self.suspended(recall).first)
    // u takes it back: the same card is asked again.
    #expect(try pane.press("u").contains("0 done · 5 left"))
    #expect(try Self.eventually { try Self.suspended(recall).isEmpty })

    // A card just answered: @ on the feedback suspends it; u takes back both.
    try pane.answerCardWithoutGoingOn()
    #expect(try recall.store().reviewCount() == 1)
    #expect(try pane.press("@").contains("Suspended card"))
    #expect(try Self.eventually { try Self.suspended(recall) == [first] })
    try pane.press("u")
    #expect(try Self.eventually { try Self.suspended(recall).isEmpty && recall.store().reviews().isEmpty })

    // Suspended for good, it is not in the next review.
    try pane.press("@")
    #expect(try Self.eventually { try Self.suspended(recall) == [first] })
    try pane.send("q")
    #expect(try pane.ended().contains("Done:"))
    pane.close()

    // In a quiz (practice), @ suspends too, though nothing else is written.
    let quiz = try Pane(recall, arguments: ["quiz", "--now", "2026-11-25T10:00:00Z", "--count", "3"])
    #expect(try quiz.redrawn(after: 0).contains("0 done · 3 left"))
    #expect(try quiz.press("@").contains("Suspended card"))
    #expect(try Self.eventually { try Self.suspended(recall).count == 2 })
    try quiz.send("q")
    #expect(try quiz.ended().contains("Done:"))
    #expect(try recall.store().reviews().isEmpty, "practice logs no answer")
  }
}

extension InteractiveReviewTests.Pane {
  /// Answers the card shown (the last frame) and stays on its feedback.
  func answerCardWithoutGoingOn() throws {
    let shown = try screen()
    if shown.contains("choose 1-") {
      #expect(try press("1").contains("source "))
    } else if shown.contains("press space to show") {
      #expect(try press(" ").contains("space good"))
      try press("3")
    } else {
      try send("abc")
      #expect(try press("Enter", literal: false).contains("source "))
    }
  }
}

/// The leech notice in the interactive review (tmux): said once, on the answer that made the
/// card a leech, with the key that opens the note.
@Suite(.serialized)
struct LeechNoticeKeyTests {
  @Test(.enabled(if: InteractiveReviewTests.hasTmux)) func theAnswerThatMakesALeechSaysSoWithTheEditKey() throws {
    let (recall, cardID) = try CardManagementCommandTests.leechSetup(threshold: 1)
    let due = try #require(try recall.store().card(id: cardID)?.schedule.due)
    let now = ISO8601DateFormatter().string(from: due.addingTimeInterval(3600))
    let pane = try Pane(recall, arguments: ["--now", now])
    let shown = try pane.redrawn(after: 0)
    #expect(shown.contains("0 done · 1 left"))
    // Space shows the answer of a choice or typed card, which counts as forgotten.
    let notice: String
    if shown.contains("press space to show") {
      #expect(try pane.press(" ").contains("space good"))
      notice = try pane.press("1")
    } else if shown.contains("choose 1-") {
      notice = try pane.press(" ")
    } else {
      notice = try pane.press("Enter", literal: false)
    }
    #expect(notice.contains("Leech:"), "\(notice)")
    #expect(notice.contains("e to edit the note"), "\(notice)")
    #expect(try recall.store().card(id: cardID)?.isSuspended == true)
    try pane.send(" ")
    let end = try pane.ended()
    #expect(end.contains("Done:"))
    #expect(!end.contains("Leech:"))
  }

  typealias Pane = InteractiveReviewTests.Pane
}
