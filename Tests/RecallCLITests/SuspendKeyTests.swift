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
    try pane.wait(for: "[1/5]")
    try pane.send("?")
    try pane.wait(for: "suspend the card")
    try pane.send("x")
    try pane.wait(for: "[1/5]")

    // The card shown: suspended, and the next one asked.
    try pane.send("@")
    let notice = try pane.wait(for: "Suspended card")
    #expect(notice.contains("recall unsuspend"))
    #expect(try Self.eventually { try Self.suspended(recall).count == 1 })
    let first = try #require(try Self.suspended(recall).first)
    // u takes it back: the same card is asked again.
    try pane.send("u")
    #expect(try Self.eventually { try Self.suspended(recall).isEmpty })
    try pane.wait(for: "[1/5]")

    // A card just answered: @ on the feedback suspends it; u takes back both.
    try pane.answerCardWithoutGoingOn()
    #expect(try recall.store().reviewCount() == 1)
    try pane.send("@")
    try pane.wait(for: "Suspended card")
    #expect(try Self.eventually { try Self.suspended(recall) == [first] })
    try pane.send("u")
    #expect(try Self.eventually { try Self.suspended(recall).isEmpty && recall.store().reviews().isEmpty })

    // Suspended for good, it is not in the next review.
    try pane.send("@")
    #expect(try Self.eventually { try Self.suspended(recall) == [first] })
    try pane.send("q")
    try pane.wait(for: "Done:")
    pane.close()

    // In a quiz (practice), @ suspends too, though nothing else is written.
    let quiz = try Pane(recall, arguments: ["quiz", "--now", "2026-11-25T10:00:00Z", "--count", "3"])
    try quiz.wait(for: "[1/3]")
    try quiz.send("@")
    try quiz.wait(for: "Suspended card")
    #expect(try Self.eventually { try Self.suspended(recall).count == 2 })
    try quiz.send("q")
    try quiz.wait(for: "Done:")
    #expect(try recall.store().reviews().isEmpty, "practice logs no answer")
  }
}

extension InteractiveReviewTests.Pane {
  /// Answers the card shown and stays on its feedback.
  func answerCardWithoutGoingOn() throws {
    let shown = try wait(for: "[")
    if shown.contains("choose 1-") {
      try send("1")
    } else if shown.contains("press space to show") {
      try send(" ")
      try wait(for: "space good")
      try send("3")
      return
    } else {
      try send("abc")
      try send("Enter", literal: false)
    }
    try wait(for: "source ")
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
    let shown = try pane.wait(for: "[1/1]")
    // Space shows the answer of a choice or typed card, which counts as forgotten.
    if shown.contains("press space to show") {
      try pane.send(" ")
      try pane.wait(for: "space good")
      try pane.send("1")
    } else if shown.contains("choose 1-") {
      try pane.send(" ")
    } else {
      try pane.send("Enter", literal: false)
    }
    let notice = try pane.wait(for: "Leech:")
    #expect(notice.contains("e to edit the note"), "\(notice)")
    #expect(try recall.store().card(id: cardID)?.isSuspended == true)
    try pane.send(" ")
    let end = try pane.wait(for: "Done:")
    #expect(!end.contains("Leech:"))
  }

  typealias Pane = InteractiveReviewTests.Pane
}
