import Foundation
import RecallTerminal
import RecallTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The review in a real terminal at its smallest useful size, and the time it reports: the
/// grade and next-due line stay on a 40×20 screen, and the session's time is the time
/// `recall stats` adds up for the day.
@Suite(.serialized)
struct SmallScreenAndTimeTests {
  typealias Pane = InteractiveReviewTests.Pane

  /// At 40 columns and 20 rows every feedback screen still shows the card's grade and when it
  /// comes back, within the screen, whatever the card's length (the bundled Korean notes).
  @Test(.enabled(if: InteractiveReviewTests.hasTmux)) func theGradeAndNextDueLineStayVisibleAtFortyByTwenty() throws {
    let pane = try Pane(
      try RecallProcess("recall-small"), arguments: ["--now", "2026-11-25T09:00:00Z", "--limit", "8"],
      width: 40, height: 20)
    var screen: String? = try pane.redrawn(after: 0)
    var feedbackScreens = 0
    while let shown = screen, feedbackScreens < 8 {
      let feedback = try Self.answer(shown, in: pane)
      var lines = feedback.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      if lines.last == "" { lines.removeLast() }  // the end of the last row
      #expect(lines.count <= 20, "\(feedback)")
      #expect(lines.allSatisfy { DisplayWidth.of($0) <= 40 }, "\(lines.filter { DisplayWidth.of($0) > 40 })")
      // The fact line wraps at 40 columns, so each part is looked for on its own.
      #expect(feedback.contains("source "), "\(feedback)")
      #expect(feedback.contains("grade "), "the grade is on the screen:\n\(feedback)")
      #expect(feedback.contains("next "), "the next due date is on the screen:\n\(feedback)")
      feedbackScreens += 1
      screen = try Self.goOn(pane)
    }
    #expect(feedbackScreens >= 3)
  }

  /// The time the session reports when it ends is the time the day's stats show: both count
  /// each card from being shown to its grade. The feedback screens are left up for seconds,
  /// which the session's wall time would count and the log does not.
  @Test(.enabled(if: InteractiveReviewTests.hasTmux)) func theSessionTimeIsTheTimeStatsShowForTheDay() throws {
    let recall = try RecallProcess("recall-time")
    let now = "2026-11-25T09:00:00Z"
    let pane = try Pane(recall, arguments: ["--now", now, "--limit", "3"])
    var screen: String? = try pane.redrawn(after: 0)
    var answers = 0
    while let shown = screen, answers < 3 {
      sleep(1)
      try Self.answer(shown, in: pane)
      answers += 1
      // Reading the feedback: not time spent answering.
      sleep(3)
      screen = try Self.goOn(pane)
    }
    // A wrong answer's card comes back: the session is ended with q, which says the summary too.
    if screen != nil { try pane.send("q") }
    let end = try pane.ended()
    let said = try #require(
      end.split(separator: "\n").first { $0.hasPrefix("Done: ") }, "the summary line is on the screen:\n\(end)")
    let sessionSeconds = try #require(Self.seconds(in: String(said)), "\(said)")
    let stats = try recall.run(["stats", "--json"], now: now)
    #expect(stats.status == 0, "\(stats.stderr)")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
    let today = try #require(json["today"] as? [String: Any])
    let statsSeconds = try #require((today["seconds"] as? NSNumber)?.intValue)
    #expect(try recall.store().reviewCount() == answers)
    // Each answer after about a second; three seconds of feedback each left out.
    #expect(statsSeconds >= answers && statsSeconds < 3 * answers, "stats: \(statsSeconds) s for \(answers) answers")
    #expect(abs(sessionSeconds - statsSeconds) <= 1, "session \(sessionSeconds) s, stats \(statsSeconds) s: \(said)")
  }

  /// Answers the card on `screen` (right or wrong, whatever its quiz) and returns the
  /// feedback screen.
  @discardableResult
  static func answer(_ screen: String, in pane: Pane) throws -> String {
    if screen.contains("choose 1-") { return try pane.press("1") }
    if screen.contains("press space to show") {
      try pane.press(" ")
      return try pane.press("3")
    }
    try pane.send("abc")
    return try pane.press("Enter", literal: false)
  }

  /// Leaves the feedback: the next card's screen, or nil when the session ended.
  static func goOn(_ pane: Pane) throws -> String? {
    let before = try pane.frame()
    try pane.send(" ")
    let deadline = Date().addingTimeInterval(10)
    while Date() < deadline {
      if try pane.frame() > before { return try pane.screen() }
      if try pane.tmux(["display-message", "-p", "-t", "0", "#{pane_dead}"]).hasPrefix("1") { return nil }
      usleep(20_000)
    }
    Issue.record("after the feedback, neither a new card nor the end: \(try pane.screen())")
    return nil
  }

  /// The seconds in a summary line: "… 4 s." or "… 1 min 5 s.".
  static func seconds(in line: String) -> Int? {
    let words = line.replacingOccurrences(of: ".", with: " ").split(separator: " ").map(String.init)
    guard let s = words.lastIndex(of: "s"), s > 0, let seconds = Int(words[s - 1]) else { return nil }
    if s >= 3, words[s - 2] == "min", let minutes = Int(words[s - 3]) { return minutes * 60 + seconds }
    return seconds
  }
}
