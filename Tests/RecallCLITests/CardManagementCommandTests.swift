import Foundation
import RecallStorage
import RecallTestSupport
import Testing

/// Managing cards through the real binary: `recall cards --search/--state/--due`, `suspend`,
/// `unsuspend`, `reset`, `due`, leeches, `decks` and `remove`, with `--now` moving through days.
@Suite(.serialized)
struct CardManagementCommandTests {
  /// A moment on day `day` (0 = 2026-11-25) at `hour` UTC.
  static func moment(day: Int, hour: Int = 9) -> String {
    ReviewCommandTests.moment(day: day, hour: hour)
  }

  /// A scratch database with the seed note copied to `notes/seed.md` and imported.
  static func importedSeed() throws -> (RecallProcess, URL) {
    let recall = try RecallProcess("recall-card-management")
    let notes = recall.folder.appendingPathComponent("notes")
    try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
    let note = notes.appendingPathComponent("seed.md")
    try FileManager.default.copyItem(at: TestPaths.seedNote, to: note)
    let imported = try recall.run(["import", notes.path], now: moment(day: 0))
    #expect(imported.status == 0, "\(imported.stderr)")
    return (recall, note)
  }

  /// The stored cards as `recall cards --json` lists them with `arguments`.
  static func cards(_ recall: RecallProcess, _ arguments: [String], now: String = moment(day: 0)) throws
    -> [[String: Any]]
  {
    let result = try recall.run(["cards", "--json"] + arguments, now: now)
    #expect(result.status == 0, "\(result.stderr)")
    return try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
  }

  /// The short id that `recall cards` shows for the stored card with this row id (found by its
  /// deck and key, whatever the id is made from).
  static func shortID(_ recall: RecallProcess, rowID: Int64) throws -> String {
    let stored = try #require(try recall.store().card(id: rowID))
    let listed = try cards(recall, ["--deck", stored.card.deck])
    let card = try #require(listed.first { $0.string("key") == stored.card.key })
    return try #require(card.string("id"))
  }

  // MARK: - Listing

  @Test func cardsAreFoundByTextAndFilteredByDeckStateAndDueDay() throws {
    let (recall, _) = try Self.importedSeed()
    let all = try Self.cards(recall, [])
    #expect(all.count == 100)

    // --search looks in prompts, answers, headings and decks, in any case.
    let cold = try Self.cards(recall, ["--search", "콜드 스타트"])
    #expect(!cold.isEmpty && cold.count < 100)
    for card in cold {
      let fields = [card.string("prompt"), card.string("answer"), card.string("deck")].compactMap { $0 }
        + ((card["context"] as? [String]) ?? [])
      #expect(fields.contains { $0.contains("콜드 스타트") })
    }
    #expect(try Self.cards(recall, ["--search", "LAMBDA"]).count == (try Self.cards(recall, ["--search", "lambda"])).count)
    #expect(try Self.cards(recall, ["--search", "seed.md"]).count == 100, "the deck is searched")
    #expect(try Self.cards(recall, ["--search", "no such text anywhere"]).isEmpty)
    #expect(try Self.cards(recall, ["--search", "lambda", "--deck", "seed"]).count
      == (try Self.cards(recall, ["--search", "lambda"])).count)

    // Every card is new; none is due before it is studied.
    #expect(try Self.cards(recall, ["--state", "new"]).count == 100)
    #expect(try Self.cards(recall, ["--state", "review"]).isEmpty)
    #expect(try Self.cards(recall, ["--due"]).isEmpty)

    // Three cards answered: learning now, due today; the text says so with the ids.
    let review = try recall.run(
      ["review", "--json", "--limit", "3"], now: Self.moment(day: 0), input: "good\ngood\ngood\n")
    #expect(review.status == 0, "\(review.stderr)")
    let answered = review.events("answered").compactMap { $0.int("card") }.map(Int64.init)
    #expect(answered.count == 3)
    let learning = try Self.cards(recall, ["--state", "learning"])
    #expect(learning.count == 3)
    let ids = try Set(answered.map { try Self.shortID(recall, rowID: $0) })
    #expect(Set(learning.compactMap { $0.string("id") }) == ids)
    #expect(try Self.cards(recall, ["--due"]).count == 3)
    #expect(try Self.cards(recall, ["--due", "today"]).count == 3)
    #expect(try Self.cards(recall, ["--state", "new"]).count == 97)

    let text = try recall.run(["cards", "--state", "learning"], now: Self.moment(day: 0))
    for id in ids { #expect(text.stdout.contains("[\(id)]")) }
    // Due moments are written as RFC 3339 UTC times, the same in the text and the JSON, later
    // the same day than the answers.
    let answeredAt = try #require(ISO8601DateFormatter().date(from: Self.moment(day: 0)))
    for card in learning {
      let due = try #require(card.string("due"))
      let moment = try #require(ISO8601DateFormatter().date(from: due), "\(due)")
      #expect(ISO8601DateFormatter().string(from: moment) == due)
      #expect(moment > answeredAt && moment < answeredAt + 86_400, "\(due)")
      #expect(text.stdout.contains(", due \(due),"), "\(due)")
    }
    let none = try recall.run(["cards", "--search", "no such text"], now: Self.moment(day: 0))
    #expect(none.stdout == "No stored card matches.\n")

    // A wrong state or day is refused with the forms it takes.
    let badState = try recall.run(["cards", "--state", "sleeping"])
    #expect(badState.status != 0)
    #expect(badState.stderr.contains("sleeping"))
    let badDay = try recall.run(["cards", "--due", "someday"])
    #expect(badDay.status != 0)
    #expect(badDay.stderr.contains("'someday' is not a day"), "\(badDay.stderr)")
  }

  // MARK: - Suspending

  @Test func suspendedCardsLeaveTheQueueKeepTheirHistoryAndSurviveReimports() throws {
    let (recall, note) = try Self.importedSeed()
    let first = try recall.run(["review", "--json", "--limit", "1"], now: Self.moment(day: 0), input: "good\n")
    let cardID = try #require(first.events("answered").first?.int("card")).asInt64
    let id = try Self.shortID(recall, rowID: cardID)
    let other = try #require(try Self.cards(recall, ["--state", "new"]).first?.string("id"))

    // An unknown id refuses the whole command and changes nothing.
    let unknown = try recall.run(["suspend", id, "ffffffffffff"], now: Self.moment(day: 0))
    #expect(unknown.status != 0)
    #expect(unknown.stderr.contains("No card has the id 'ffffffffffff'"), "\(unknown.stderr)")
    #expect(try Self.cards(recall, ["--state", "suspended"]).isEmpty)

    // A unique start of an id is enough.
    let suspended = try recall.run(["suspend", id, String(other.prefix(6))], now: Self.moment(day: 0))
    #expect(suspended.status == 0, "\(suspended.stderr)")
    #expect(suspended.stdout.hasPrefix("Suspended 2 cards:"), "\(suspended.stdout)")
    #expect(suspended.stdout.contains(id) && suspended.stdout.contains(other))
    let again = try recall.run(["suspend", id], now: Self.moment(day: 0))
    #expect(again.stdout.hasPrefix("1 card was already suspended:"), "\(again.stdout)")
    #expect(Set(try Self.cards(recall, ["--state", "suspended"]).compactMap { $0.string("id") }) == [id, other])
    #expect(try Self.cards(recall, ["--state", "learning"]).isEmpty, "suspended cards are not in learning")
    #expect(try recall.store().reviews(cardID: cardID).count == 1, "its history stays")

    // No review asks them, on any day.
    for day in [0, 1, 5] {
      let session = try recall.run(
        ["review", "--json"], now: Self.moment(day: day), input: String(repeating: "easy\n", count: 30))
      let asked = Set(session.events("asked").compactMap { $0.int("card") }.map(Int64.init))
      #expect(!asked.isEmpty)
      #expect(!asked.contains(cardID), "day \(day)")
      let shortIDs = try Set(asked.map { try Self.shortID(recall, rowID: $0) })
      #expect(!shortIDs.contains(other), "day \(day)")
    }

    // Nor does a quiz.
    let quiz = try recall.run(
      ["quiz", "--json", "--count", "200"], now: Self.moment(day: 5), input: String(repeating: "good\n", count: 200))
    #expect(quiz.status == 0, "\(quiz.stderr)")
    let quizzed = Set(quiz.events("asked").compactMap { $0.int("card") }.map(Int64.init))
    #expect(quizzed.count == 98, "every card but the two suspended")
    #expect(!quizzed.contains(cardID))

    // Importing the note again, changed, leaves them suspended.
    try (String(contentsOf: note, encoding: .utf8) + "\n## 새 절\n\n새 내용입니다.\n")
      .write(to: note, atomically: true, encoding: .utf8)
    let reimport = try recall.run(["import", note.deletingLastPathComponent().path], now: Self.moment(day: 6))
    #expect(reimport.status == 0, "\(reimport.stderr)")
    #expect(Set(try Self.cards(recall, ["--state", "suspended"]).compactMap { $0.string("id") }) == [id, other])

    // Stats count them; unsuspended, the reviewed card is due again.
    let stats = try recall.run(["stats", "--json"], now: Self.moment(day: 6))
    let figures = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
    #expect((figures["cards"] as? [String: Any])?.int("suspended") == 2)
    let unsuspended = try recall.run(["unsuspend", id, other], now: Self.moment(day: 6))
    #expect(unsuspended.stdout.hasPrefix("Unsuspended 2 cards:"), "\(unsuspended.stdout)")
    #expect(try Self.cards(recall, ["--state", "suspended"]).isEmpty)
    #expect(try Self.cards(recall, ["--due"], now: Self.moment(day: 30)).contains { $0.string("id") == id })
  }

  @Test func suspendingDuringAScriptedReviewIsUndoneLikeAnAnswer() throws {
    let (recall, _) = try Self.importedSeed()
    let session = try recall.run(
      ["review", "--json", "--limit", "3"], now: Self.moment(day: 0), input: ":suspend\n:undo\n:@\ngood\n")
    #expect(session.status == 0, "\(session.stderr)")
    let suspendedEvents = session.events("suspended")
    #expect(suspendedEvents.count == 2)
    #expect(session.events("unburied").count == 1, "undo takes the card back into the session")
    let kept = try #require(suspendedEvents.last?.string("id"))
    #expect(suspendedEvents.first?.string("id") == kept, "the card undone is asked again first")
    #expect(try Self.cards(recall, ["--state", "suspended"]).compactMap { $0.string("id") } == [kept])
  }

  // MARK: - Reset and due

  @Test func resetForgetsACardKeepingItsReviewsAndDueMovesIt() throws {
    let (recall, _) = try Self.importedSeed()
    let session = try recall.run(
      ["review", "--json", "--limit", "2"], now: Self.moment(day: 0), input: "easy\neasy\n")
    let rows = session.events("answered").compactMap { $0.int("card") }.map(Int64.init)
    #expect(rows.count == 2)
    let ids = try rows.map { try Self.shortID(recall, rowID: $0) }

    // `due` sets the start of the study day asked for (days start at 04:00, TZ=UTC).
    let moved = try recall.run(["due", ids[0], ids[1], "2026-12-24"], now: Self.moment(day: 0))
    #expect(moved.status == 0, "\(moved.stderr)")
    #expect(moved.stdout.hasPrefix("Set the due day 2026-12-24 of 2 cards:"), "\(moved.stdout)")
    let dueCards = try Self.cards(recall, ["--state", "review"])
    #expect(dueCards.count == 2)
    for card in dueCards { #expect(card.string("due") == "2026-12-24T04:00:00Z") }
    let relative = try recall.run(["due", ids[0], "+3"], now: Self.moment(day: 0))
    #expect(relative.status == 0, "\(relative.stderr)")
    #expect(try Self.cards(recall, ["--due", "2026-11-28"]).compactMap { $0.string("id") } == [ids[0]])
    #expect(try Self.cards(recall, ["--due", "+2"]).isEmpty)

    // A new card has no due date to move: refused, nothing written.
    let new = try #require(try Self.cards(recall, ["--state", "new"]).first?.string("id"))
    let refused = try recall.run(["due", ids[1], new, "tomorrow"], now: Self.moment(day: 0))
    #expect(refused.status != 0)
    #expect(refused.stderr.contains("The card \(new) was never reviewed"), "\(refused.stderr)")
    #expect(try Self.cards(recall, ["--due", "tomorrow"]).isEmpty, "the first card was not moved either")

    // Reset: new again, its answer still in the log, asked with the new cards.
    let reset = try recall.run(["reset", ids[0]], now: Self.moment(day: 1))
    #expect(reset.stdout.hasPrefix("Reset 1 card:"), "\(reset.stdout)")
    let card = try #require(try Self.cards(recall, ["--search", ""]).first { $0.string("id") == ids[0] })
    #expect(card.string("state") == "new")
    #expect(card.int("reps") == 0)
    #expect(card["due"] is NSNull)
    #expect(try recall.store().reviews(cardID: rows[0]).count == 1)
    let noop = try recall.run(["reset", new], now: Self.moment(day: 1))
    #expect(noop.stdout.hasPrefix("1 card was new already:"), "\(noop.stdout)")
  }

  // MARK: - Leeches

  /// A database where one answer graduates a new card and a lapse keeps a card in review, and
  /// a card is a leech after `threshold` lapses; one card is studied on day 0, and no other
  /// card after it.
  ///
  /// - Returns: The process and the studied card's row id.
  static func leechSetup(threshold: Int, action: String = "suspend", relearning: String = "none")
    throws -> (RecallProcess, Int64)
  {
    let (recall, _) = try importedSeed()
    for (key, value) in [
      ("learning-steps", "none"), ("relearning-steps", relearning), ("new-per-day", "1"),
      ("leech-threshold", String(threshold)), ("leech-action", action), ("fuzz", "off"),
    ] {
      let set = try recall.run(["config", key, value])
      #expect(set.status == 0, "\(set.stderr)")
    }
    let first = try answerAll(recall, day: 0, "good")
    #expect(first.count == 1)
    let cardID = try #require(first.first?.int("card")).asInt64
    _ = try recall.run(["config", "new-per-day", "0"])
    return (recall, cardID)
  }

  /// Answers every card due on `day` with `word`; returns the `answered` events.
  static func answerAll(_ recall: RecallProcess, day: Int, _ word: String, extra: String = "")
    throws -> [[String: Any]]
  {
    let session = try recall.run(
      ["review", "--json"], now: moment(day: day), input: String(repeating: word + "\n", count: 5) + extra)
    #expect(session.status == 0, "\(session.stderr)")
    return session.events("answered")
  }

  @Test func aCardForgottenThresholdTimesIsTaggedSuspendedAndListedInStats() throws {
    let (recall, cardID) = try Self.leechSetup(threshold: 2)
    let id = try Self.shortID(recall, rowID: cardID)

    // Two lapses, days apart: the second one makes it a leech, said once with "e to edit".
    var day = 0
    var lapses: [[String: Any]] = []
    while lapses.count < 2 && day < 200 {
      day += 1
      let answered = try Self.answerAll(recall, day: day, "again").filter { $0.int("card") == Int(cardID) }
      lapses += answered
    }
    #expect(lapses.count == 2)
    #expect(lapses.first?["leech"] is NSNull)
    #expect(lapses.last?.string("leech") == "suspend")
    let text = try recall.run(["review", "--limit", "0"], now: Self.moment(day: day))
    #expect(!text.stdout.contains("Leech"), "said once only")
    #expect(try Self.cards(recall, ["--state", "leech"]).compactMap { $0.string("id") } == [id])
    #expect(try Self.cards(recall, ["--state", "suspended"]).compactMap { $0.string("id") } == [id])

    // Stats list the leech with its note and line.
    let stats = try recall.run(["stats", "--full"], now: Self.moment(day: day))
    #expect(stats.stdout.contains("leeches (fix the note, then recall unsuspend)"), "\(stats.stdout)")
    let stored = try #require(try recall.store().card(id: cardID))
    #expect(stats.stdout.contains("seed.md:\(stored.card.line)"))
    let json = try recall.run(["stats", "--json"], now: Self.moment(day: day))
    let figures = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let leeches = try #require((figures["hardest"] as? [String: Any])?["leeches"] as? [[String: Any]])
    #expect(leeches.count == 1)
    #expect(leeches.first?.int("line") == stored.card.line)
    #expect((figures["cards"] as? [String: Any])?.int("leeches") == 1)

    // Unsuspended, it keeps its tag; reset takes it off.
    _ = try recall.run(["unsuspend", id], now: Self.moment(day: day))
    #expect(try Self.cards(recall, ["--state", "leech"]).count == 1)
    _ = try recall.run(["reset", id], now: Self.moment(day: day))
    #expect(try Self.cards(recall, ["--state", "leech"]).isEmpty)
  }

  @Test func theLeechMessageShowsInTextAndUndoingTheAnswerTakesTheTagBack() throws {
    // A relearning step brings the card back in the same session, where :undo is read.
    let (recall, cardID) = try Self.leechSetup(threshold: 1, action: "tag", relearning: "10m")
    // The answer that makes the card a leech, undone, takes its tag back with it.
    var day = 0
    var undone = false
    while !undone && day < 200 {
      day += 1
      let session = try recall.run(
        ["review", "--json"], now: Self.moment(day: day), input: "again\n:undo\n")
      if let answer = session.events("answered").first {
        #expect(answer.int("card") == Int(cardID))
        #expect(answer.string("leech") == "tag")
        #expect(session.events("undone").count == 1)
        undone = true
      }
    }
    #expect(undone)
    #expect(try Self.cards(recall, ["--state", "leech"]).isEmpty)

    // Answered again for good, the review says so in words.
    let text = try recall.run(["review"], now: Self.moment(day: day), input: "again\n").stdout
    #expect(
      text.contains("Leech: this card was forgotten 1 times. The fix is usually in the note: e to edit the note."),
      "\(text)")
    #expect(try Self.cards(recall, ["--state", "leech"]).count == 1)
    #expect(try Self.cards(recall, ["--state", "suspended"]).isEmpty, "leech-action tag only tags")
  }

  @Test func leechSettingsAreCheckedLikeTheOthers() throws {
    let recall = try RecallProcess("recall-card-management")
    let bad = try recall.run(["config", "leech-threshold", "0"])
    #expect(bad.status != 0)
    #expect(bad.stderr.contains("give a whole number of lapses from 1 to 99"), "\(bad.stderr)")
    let badAction = try recall.run(["config", "leech-action", "delete"])
    #expect(badAction.stderr.contains("give suspend or tag"), "\(badAction.stderr)")
    let listing = try recall.run(["config"])
    #expect(listing.stdout.contains("leech-threshold"))
    #expect(listing.stdout.contains("leech-action"))
    let set = try recall.run(["config", "leech-action", "TAG"])
    #expect(set.stdout == "leech-action = tag\n", "\(set.stdout)")
  }

  // MARK: - Decks

  @Test func decksAreListedWithCountsAndARemovedDeckComesBackOnImport() throws {
    let (recall, note) = try Self.importedSeed()
    _ = try recall.run(["review", "--json", "--limit", "2"], now: Self.moment(day: 0), input: "good\ngood\n")
    let listing = try recall.run(["decks"], now: Self.moment(day: 0))
    #expect(listing.status == 0, "\(listing.stderr)")
    let lines = listing.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first?.hasPrefix("deck") == true)
    #expect(lines.first?.hasSuffix("due today") == true)
    let row = try #require(lines.first { $0.hasPrefix("seed.md") })
    #expect(row.split(separator: " ").map(String.init) == ["seed.md", "98", "2", "0", "0", "0", "0", "2"], "\(row)")

    let removed = try recall.run(["remove", "seed"], now: Self.moment(day: 1))
    #expect(removed.status == 0, "\(removed.stderr)")
    #expect(removed.stdout.hasPrefix("Removed the deck seed.md: retired 100 cards"), "\(removed.stdout)")
    let after = try recall.run(["decks"], now: Self.moment(day: 1))
    #expect(after.stdout.contains("seed.md (removed)"), "\(after.stdout)")
    let review = try recall.run(["review", "--json"], now: Self.moment(day: 1), input: "good\n")
    #expect(review.events("asked").isEmpty, "a removed deck is not reviewed")
    #expect(try recall.store().reviewCount() == 2, "the history stays")

    // A deck's name reaches the terminal harmless.
    let odd = recall.folder.appendingPathComponent("red\u{1B}[31m.md")
    try FileManager.default.copyItem(at: TestPaths.seedNote, to: odd)
    _ = try recall.run(["import", odd.path], now: Self.moment(day: 1))
    let escaped = try recall.run(["decks"], now: Self.moment(day: 1))
    #expect(!escaped.stdout.contains("\u{1B}"))
    #expect(escaped.stdout.contains("red^[[31m.md"), "\(escaped.stdout)")
    _ = try recall.run(["remove", "red\u{1B}[31m.md"], now: Self.moment(day: 1))

    let missing = try recall.run(["remove", "nosuchdeck"], now: Self.moment(day: 1))
    #expect(missing.status != 0)
    #expect(missing.stderr.contains("There is no deck 'nosuchdeck'"), "\(missing.stderr)")

    let reimport = try recall.run(["import", note.deletingLastPathComponent().path], now: Self.moment(day: 2))
    #expect(reimport.status == 0, "\(reimport.stderr)")
    let restored = try Self.cards(recall, ["--state", "learning"], now: Self.moment(day: 2))
      + (try Self.cards(recall, ["--state", "review"], now: Self.moment(day: 2)))
    #expect(restored.count == 2, "the two studied cards come back with their schedules")
    #expect(try Self.cards(recall, ["--state", "retired", "--deck", "seed.md"]).isEmpty)
  }

  @Test func theBundledNoteIsRemovedForGood() throws {
    let recall = try RecallProcess("recall-card-management")
    _ = try recall.run(["review", "--limit", "1"], now: Self.moment(day: 0), input: "good\n")
    let removed = try recall.run(["remove", "ecs-eks-lambda.md"], now: Self.moment(day: 0))
    #expect(
      removed.stdout
        == "Removed the deck ecs-eks-lambda.md: retired 100 cards, their history kept. "
        + "The note is bundled with Recall, so its cards stay retired.\n", "\(removed.stdout)")
    let next = try recall.run(["review", "--json"], now: Self.moment(day: 1), input: "good\n")
    #expect(next.events("asked").isEmpty, "nothing left to ask, and no import of the bundled note again")
    #expect(!next.stderr.contains("First run"))
    #expect(try recall.store().reviewCount() == 1)
  }
}

extension Int {
  /// The value as a row id.
  var asInt64: Int64 { Int64(self) }
}
