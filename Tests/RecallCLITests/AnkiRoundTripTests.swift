import Foundation
import RecallScheduling
import RecallStorage
import RecallTestSupport
import Testing

/// Anki's side of the round trip, done by Anki's own engine: `scripts/anki_side.py` run by the
/// `anki` package that `.ci/run` installs in `.build/anki-venv`.
enum AnkiSide {
  /// The virtual environment's Python.
  static let python = TestPaths.packageRoot.appendingPathComponent(".build/anki-venv/bin/python")

  /// Whether Anki's engine can be run here.
  static let isAvailable: Bool = {
    guard FileManager.default.isExecutableFile(atPath: python.path) else { return false }
    return (try? ProgramRun.run(python, ["-c", "import anki"]).status) == 0
  }()

  /// Runs the script with `arguments` and returns the JSON object it prints.
  static func run(_ arguments: [String]) throws -> [String: Any] {
    let script = TestPaths.packageRoot.appendingPathComponent("scripts/anki_side.py")
    let output = try ProgramRun.run(python, [script.path] + arguments, environment: ["TZ": "UTC"])
    try #require(output.status == 0, "anki_side.py \(arguments.joined(separator: " ")): \(output.standardError)")
    return try #require(try JSONSerialization.jsonObject(with: output.standardOutputData) as? [String: Any])
  }

  /// The cards of a described collection, by GUID.
  static func cards(_ described: [String: Any]) -> [String: [String: Any]] {
    let cards = described["cards"] as? [[String: Any]] ?? []
    return Dictionary(cards.map { ($0.string("guid") ?? "", $0) }, uniquingKeysWith: { first, _ in first })
  }

  /// The notes of a described collection, by GUID.
  static func notes(_ described: [String: Any]) -> [String: [String: Any]] {
    let notes = described["notes"] as? [[String: Any]] ?? []
    return Dictionary(notes.map { ($0.string("guid") ?? "", $0) }, uniquingKeysWith: { first, _ in first })
  }
}

/// The round trip through Anki: Recall's export imported by Anki's engine with every card's
/// schedule and history; answers given in Anki merged back once; an edited note updating its
/// Anki note in place.
@Suite(.serialized, .enabled(if: AnkiSide.isAvailable, "needs Anki's engine: pip install anki into .build/anki-venv (.ci/run does)"))
struct AnkiRoundTripTests {
  /// The study clock of the tests (UTC, days starting at 4).
  static let clock = DayClock(timeZone: TimeZone(identifier: "UTC")!, dayStartHour: 4)

  /// A machine that imported the seed note and studied it for a week.
  static func studiedForAWeek(_ label: String) throws -> ImportProgressCommandTests.Machine {
    let machine = try ImportProgressCommandTests.Machine(label)
    try machine.review(day: 0, ["easy", "good", "easy", "again", "good", "hard", "easy", "good", "easy", "good"], limit: 10)
    try machine.review(day: 1, ["good", "good", "again", "good", "easy", "good"], limit: 6)
    try machine.review(day: 2, Array(repeating: "good", count: 8), limit: 8)
    try machine.review(day: 4, ["good", "hard", "again", "good", "easy", "good"], limit: 6)
    try machine.review(day: 6, Array(repeating: "good", count: 6), limit: 6)
    return machine
  }

  /// Exports the machine's cards as an Anki package at `day`.
  static func exportPackage(_ machine: ImportProgressCommandTests.Machine, day: Int) throws -> String {
    let path = machine.recall.folder.appendingPathComponent("recall-day\(day).apkg").path
    let result = try machine.recall.run(
      ["export", "--format", "apkg", "--output", path], now: ReviewCommandTests.moment(day: day, hour: 20))
    #expect(result.status == 0, "\(result.stderr)")
    return path
  }

  /// The path of the machine's Anki collection.
  static func ankiCollection(_ machine: ImportProgressCommandTests.Machine) -> String {
    machine.recall.folder.appendingPathComponent("anki.anki2").path
  }

  @Test func aWeeksExportImportsIntoAFreshAnkiCollectionWithItsSchedulesAndHistory() throws {
    let machine = try Self.studiedForAWeek("anki-export")
    // A card suspended here goes to Anki suspended.
    let suspended = try #require(try machine.recall.store().cards().first { $0.schedule.state == .new })
    let suspending = try machine.recall.run(["suspend", suspended.shortID], now: ReviewCommandTests.moment(day: 7))
    #expect(suspending.status == 0, "\(suspending.stderr)")
    let package = try Self.exportPackage(machine, day: 7)
    let anki = try AnkiSide.run(["import", package, Self.ankiCollection(machine)])
    let store = try machine.recall.store()
    let cards = try store.cards(status: .active)
    let ankiCards = AnkiSide.cards(anki)
    let ankiNotes = AnkiSide.notes(anki)
    #expect((anki["notes"] as? [Any])?.count == cards.count)
    #expect((anki["cards"] as? [Any])?.count == cards.count)
    #expect(anki.int("revlog") == (try store.reviews().count))
    let today = try #require(anki.int("today"))
    let realToday = Self.clock.dayNumber(of: Date())
    var reviewed = 0
    for stored in cards {
      let note = try #require(ankiNotes[stored.uid], "no Anki note has the GUID \(stored.uid)")
      let fields = note["fields"] as? [String] ?? []
      #expect(note.string("notetype") == "Recall")
      #expect(fields.count == 7)
      #expect(fields.last == stored.uid)
      #expect(fields[5] == "\(stored.card.deck):\(stored.card.line)")
      #expect(fields[1].isEmpty == (stored.card.kind != .flowOrder))
      let prompt = stored.card.prompt
      if !prompt.contains(where: { "&<>\"'".contains($0) }) {
        #expect(fields[0] == prompt.replacingOccurrences(of: "\n", with: "<br>"))
      }
      let card = try #require(ankiCards[stored.uid])
      #expect(card.string("deck") == "Recall::ecs-eks-lambda")
      #expect(card.int("reps") == stored.schedule.reps)
      #expect(card.int("lapses") == stored.schedule.lapses)
      #expect(card.int("revlog") == (try store.reviews(cardID: stored.id).count))
      let schedule = stored.schedule
      if stored.uid == suspended.uid {
        #expect(card.int("queue") == -1)
        continue
      }
      guard schedule.state != .new, let due = schedule.due else {
        #expect(card.int("queue") == 0)
        continue
      }
      reviewed += 1
      let stability = try #require(card["stability"] as? Double)
      let difficulty = try #require(card["difficulty"] as? Double)
      #expect(abs(stability - (schedule.stability ?? 0)) < 0.001 * max(1, stability))
      #expect(abs(difficulty - (schedule.difficulty ?? 0)) < 0.001)
      switch card.int("queue") {
      case 2, 3:
        // Day numbers from the target collection's creation: today is `today`.
        #expect(realToday - today + (card.int("due") ?? 0) == Self.clock.dayNumber(of: due))
      case 1:
        #expect(card.int("due") == Int(due.timeIntervalSince1970.rounded(.down)))
      default:
        Issue.record("card \(stored.uid) is in queue \(card.int("queue") ?? -99)")
      }
    }
    #expect(reviewed >= 15)
    let options = (anki["deckConfigs"] as? [[String: Any]] ?? []).first { $0.string("name") == "Recall (FSRS)" }
    let parameters = try #require(options?["fsrsParams6"] as? [Double])
    #expect(parameters.count == 21)
    #expect(zip(parameters, FSRSParameters.defaults.weights).allSatisfy { abs($0 - $1) < 0.0001 })
    #expect((options?["desiredRetention"] as? Double).map { abs($0 - 0.9) < 0.0001 } == true)
  }

  @Test func answersGivenInAnkiComeBackOnceWithTheirSchedulesReplayed() throws {
    let machine = try Self.studiedForAWeek("anki-answers")
    let package = try Self.exportPackage(machine, day: 7)
    let collection = Self.ankiCollection(machine)
    _ = try AnkiSide.run(["import", package, collection])
    let answered = try AnkiSide.run(["answer", collection, "3", "3", "1", "4", "2", "3", "3"])
    let answers = answered["answered"] as? [[String: Any]] ?? []
    #expect(answers.count == 7)
    let suspended = try #require(try machine.recall.store().cards().first { $0.schedule.state == .new }).uid
    _ = try AnkiSide.run(["suspend", collection, suspended])
    let colpkg = machine.recall.folder.appendingPathComponent("anki.colpkg").path
    _ = try AnkiSide.run(["export", collection, colpkg])
    let before = try machine.recall.store().reviews().count

    let first = try machine.recall.run(["import-anki", colpkg, "--json"], now: ReviewCommandTests.moment(day: 30))
    #expect(first.status == 0, "\(first.stderr)")
    let report = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
    #expect(report.int("reviewsAdded") == answers.count)
    #expect(report.int("reviewsAlreadyPresent") == before)
    #expect(report.int("cardsSuspendedInAnki") == 1)
    #expect(report.int("cardsSuspendedHere") == 1)
    let store = try machine.recall.store()
    // The card suspended in Anki is suspended here too.
    #expect(try store.cards().filter(\.isSuspended).map(\.uid) == [suspended])
    let log = try store.reviews()
    #expect(log.count == before + answers.count)
    let fromAnki = log.filter { $0.quiz == "anki" }
    #expect(fromAnki.map(\.rating).sorted() == answers.compactMap { $0.int("rating") }.sorted())

    // The replay: each answer from Anki starts from the schedule the card's log leaves, and
    // ends where Recall's scheduler takes it (the load balancer may move only the due date);
    // the card's schedule is the last answer's.
    let scheduler = try Scheduler(parameters: .defaults, settings: .defaults, dayCounting: .studyDays(Self.clock))
    let ankiCards = AnkiSide.cards(answered)
    for cardID in Set(fromAnki.map(\.cardID)) {
      let history = try store.reviews(cardID: cardID)
      var current = CardSchedule.new
      for review in history {
        #expect(review.before == current, "review \(review.id) does not follow on from its card's log")
        if review.quiz == "anki" {
          var generator = SeededGenerator(seed: 1)
          let outcome = scheduler.review(
            review.before.cardState(newCardDue: review.reviewedAt), rating: Rating(rawValue: review.rating)!,
            at: review.reviewedAt, using: &generator)
          let expected = CardSchedule(outcome.card)
          #expect(review.after.state == expected.state)
          #expect(abs((review.after.stability ?? 0) - (expected.stability ?? 0)) < 1e-9)
          #expect(abs((review.after.difficulty ?? 0) - (expected.difficulty ?? 0)) < 1e-9)
          #expect(review.after.reps == expected.reps && review.after.lapses == expected.lapses)
        }
        current = review.after
      }
      let stored = try #require(try store.card(id: cardID))
      #expect(stored.schedule == current)
      // Anki's engine, with the same parameters, reaches the same memory.
      let card = try #require(ankiCards[stored.uid])
      let ankiStability = try #require(card["stability"] as? Double)
      #expect(abs(ankiStability - (current.stability ?? 0)) < 0.01 * max(1, ankiStability))
    }

    let schedules = try machine.schedules()
    let second = try machine.recall.run(["import-anki", colpkg], now: ReviewCommandTests.moment(day: 31))
    #expect(second.status == 0, "\(second.stderr)")
    #expect(second.stdout.contains("0 reviews added"))
    #expect(try machine.recall.store().reviews().count == before + answers.count)
    #expect(try machine.schedules() == schedules)

    // The Recall deck exported from Anki as a deck package, with its scheduling: read alike.
    let apkg = machine.recall.folder.appendingPathComponent("anki-deck.apkg").path
    _ = try AnkiSide.run(["export-deck", collection, apkg])
    let deck = try machine.recall.run(["import-anki", apkg, "--json"], now: ReviewCommandTests.moment(day: 31))
    #expect(deck.status == 0, "\(deck.stderr)")
    let deckReport = try #require(try JSONSerialization.jsonObject(with: Data(deck.stdout.utf8)) as? [String: Any])
    #expect(deckReport.int("reviewsAdded") == 0)
    #expect(deckReport.int("reviewsAlreadyPresent") == before + answers.count)
    #expect(try machine.schedules() == schedules)
  }

  @Test func anEditedNoteExportedAgainUpdatesItsAnkiNoteInPlace() throws {
    let machine = try Self.studiedForAWeek("anki-edit")
    let collection = Self.ankiCollection(machine)
    _ = try AnkiSide.run(["import", try Self.exportPackage(machine, day: 7), collection])
    let answered = try AnkiSide.run(["answer", collection, "3", "3", "3"])
    let ankiBefore = AnkiSide.cards(answered)
    let storeBefore = try machine.recall.store()
    let cardsBefore = try storeBefore.cards(status: .active)
    let changed = try #require(cardsBefore.first { $0.card.answer.contains("오케스트레이션 복잡성 최소화") })
    let changedHistory = try storeBefore.reviews(cardID: changed.id).count

    // Change an answer and add a row.
    let note = machine.recall.folder.appendingPathComponent("notes/ecs-eks-lambda.md")
    var text = try String(contentsOf: note, encoding: .utf8)
    text = text.replacingOccurrences(of: "오케스트레이션 복잡성 최소화", with: "오케스트레이션 복잡성을 줄임")
    text = text.replacingOccurrences(
      of: "| **적합** |", with: "| **과금** | 인스턴스 단위 | 클러스터 + 인스턴스 | 호출당 |\n| **적합** |")
    try text.write(to: note, atomically: true, encoding: .utf8)
    let imported = try machine.recall.run(["import", note.deletingLastPathComponent().path], now: ReviewCommandTests.moment(day: 8))
    #expect(imported.status == 0, "\(imported.stderr)")
    let store = try machine.recall.store()
    let cardsAfter = try store.cards(status: .active)
    #expect(cardsAfter.count > cardsBefore.count)
    let updated = try #require(try store.card(id: changed.id))
    #expect(updated.uid == changed.uid && updated.card.answer.contains("오케스트레이션 복잡성을 줄임"))
    #expect(try store.reviews(cardID: changed.id).count == changedHistory)

    let anki = try AnkiSide.run(["import", try Self.exportPackage(machine, day: 8), collection])
    let ankiNotes = AnkiSide.notes(anki)
    let ankiCards = AnkiSide.cards(anki)
    #expect((anki["notes"] as? [Any])?.count == cardsAfter.count)
    #expect((anki["cards"] as? [Any])?.count == cardsAfter.count)
    #expect(Set(ankiNotes.keys) == Set(cardsAfter.map(\.uid)))
    let fields = ankiNotes[changed.uid]?["fields"] as? [String] ?? []
    #expect(fields.count == 7 && fields[2].contains("오케스트레이션 복잡성을 줄임"))
    // The same Anki card, with its history from both sides.
    let before = try #require(ankiBefore[changed.uid])
    let after = try #require(ankiCards[changed.uid])
    #expect(after.int("id") == before.int("id"))
    #expect(after.int("revlog") == before.int("revlog"))
    #expect((after.int("revlog") ?? 0) >= changedHistory)
  }
}

/// `recall export --format apkg` and `recall import-anki` on bad input, without Anki.
@Suite(.serialized)
struct AnkiPackageCommandTests {
  @Test func aPackageWithABadValueNamesItsFieldAndLeavesTheDatabaseAsItWas() throws {
    let machine = try ImportProgressCommandTests.Machine("anki-bad")
    try machine.review(day: 0, ["good", "easy", "again"], limit: 3)
    let package = machine.recall.folder.appendingPathComponent("bad.apkg").path
    let exported = try machine.recall.run(
      ["export", "--format", "apkg", "--output", package], now: ReviewCommandTests.moment(day: 1))
    #expect(exported.status == 0, "\(exported.stderr)")
    // A queue Anki does not have, written into the package's collection.
    let patch = """
      import sqlite3, sys, zipfile, os
      path = sys.argv[1]
      with zipfile.ZipFile(path) as z:
          z.extractall(path + ".d")
      db = sqlite3.connect(path + ".d/collection.anki21")
      db.execute("update cards set queue = 9 where id = (select min(id) from cards)")
      db.commit(); db.close()
      with zipfile.ZipFile(path, "w") as z:
          for name in ("collection.anki21", "media"):
              z.write(os.path.join(path + ".d", name), name)
      """
    let patched = try ProgramRun.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", patch, package])
    try #require(patched.status == 0, "\(patched.standardError)")
    let schedules = try machine.schedules()
    let count = try machine.recall.store().reviews().count

    let result = try machine.recall.run(["import-anki", package], now: ReviewCommandTests.moment(day: 2))
    #expect(result.status == 1)
    #expect(result.stderr.contains("bad.apkg: cards row 1, column queue: 9 is not a queue"))
    #expect(try machine.schedules() == schedules)
    #expect(try machine.recall.store().reviews().count == count)

    let notZip = machine.recall.folder.appendingPathComponent("notes.apkg")
    try Data("not a zip".utf8).write(to: notZip)
    let refused = try machine.recall.run(["import-anki", notZip.path], now: ReviewCommandTests.moment(day: 2))
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("notes.apkg is not an Anki package Recall can read: it is not a zip file"))
  }

  @Test func anAnkiExportNeedsAFileAndAKnownDeck() throws {
    let machine = try ImportProgressCommandTests.Machine("anki-options")
    let noFile = try machine.recall.run(["export", "--format", "apkg"])
    #expect(noFile.status != 0)
    #expect(noFile.stderr.contains("give its name with --output FILE.apkg"))
    let path = machine.recall.folder.appendingPathComponent("x.apkg").path
    let unknown = try machine.recall.run(["export", "--format", "apkg", "--output", path, "--deck", "nope"])
    #expect(unknown.status != 0)
    #expect(unknown.stderr.contains("There is no deck 'nope'"))
    #expect(!FileManager.default.fileExists(atPath: path))
    let deck = try machine.recall.run(["export", "--format", "apkg", "--output", path, "--deck", "ecs-eks-lambda"])
    #expect(deck.status == 0, "\(deck.stderr)")
    let active = try machine.recall.store().cards(status: .active).count
    #expect(deck.stdout.contains("Exported \(active) cards and 0 reviews"))
    let missing = machine.recall.folder.appendingPathComponent("no/such/folder/x.apkg").path
    let unwritable = try machine.recall.run(["export", "--format", "apkg", "--output", missing])
    #expect(unwritable.status == 1)
    #expect(unwritable.stderr.contains("Cannot write the Anki package \(missing): no such file or directory"))
    let back = try machine.recall.run(["import-anki", path])
    #expect(back.status == 0, "\(back.stderr)")
    #expect(back.stdout.contains("0 reviews added, 0 already here"))
    #expect(back.stdout.contains("The package holds no review log"))

    // Another database has none of these cards: they are counted and left alone.
    let other = try RecallProcess("recall-anki-other")
    let elsewhere = try other.run(["import-anki", path, "--json"])
    #expect(elsewhere.status == 0, "\(elsewhere.stderr)")
    let report = try #require(try JSONSerialization.jsonObject(with: Data(elsewhere.stdout.utf8)) as? [String: Any])
    #expect(report.int("cardsUnknownHere") == active)
    #expect(report.int("reviewsAdded") == 0)
    #expect(try other.store().reviews().isEmpty)
  }
}
