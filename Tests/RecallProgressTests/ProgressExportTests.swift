import Foundation
import RecallProgress
import RecallScheduling
import RecallStats
import RecallStorage
import RecallTestSupport
import Testing

/// Export as JSON and CSV, and the merge of an exported log into another database.
struct ProgressExportTests {
  let clock = DayClock(timeZone: ProgressHistory.timeZone, dayStartHour: 4)

  var request: StatsRequest { StatsRequest(now: ProgressHistory.now, clock: clock) }

  /// The merge, with the request's settings for every deck.
  var merger: ProgressMerge {
    get throws {
      ProgressMerge(
        scheduling: DeckScheduling(
          everyDeck: AnswerScheduler(
            scheduler: try Scheduler(
              parameters: request.parameters, settings: request.settings, dayCounting: .studyDays(clock)),
            clock: clock)))
    }
  }

  /// The history's store: its schedules are the ones its log records (each review starts
  /// from the schedule the previous one left), so a merged copy must give the very same stats.
  func replayedStore(path: String? = nil) throws -> Store {
    try ProgressHistory.makeStore(path: path)
  }

  /// The schedules and the review log of a store, to check that it did not change.
  func snapshot(_ store: Store) throws -> [String] {
    try store.cards().map { "\($0.card.key) \($0.schedule)" }
      + store.reviews(includingUndone: true).map { "\($0.id) \($0.cardID)" }
      + store.reviewUndos().map { "\($0.reviewID)" }
  }

  @Test func jsonExportHasSchemaVersionCardsWholeLogAndStats() throws {
    let export = try ProgressExport.make(from: try ProgressHistory.makeStore(), request: request)
    #expect(export.format == "recall-progress")
    #expect(export.schemaVersion == 1)
    #expect(export.cards.count == 7)
    #expect(export.reviews.count == 13)  // the undone answer is exported too
    #expect(export.reviews.filter { $0.undoneAt != nil }.count == 1)
    #expect(export.stats.reviews.total == 12)
    let data = try export.jsonData()
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(Set(object.keys) == ["format", "schemaVersion", "exportedAt", "cards", "reviews", "stats", "settings"])
    #expect(try ProgressMerge.decode(data, path: "x.json", now: ProgressHistory.now) == export)
  }

  @Test func exportMergedIntoANewDatabaseGivesTheSameStats() throws {
    let source = try replayedStore()
    let export = try ProgressExport.make(from: source, request: request)
    let target = try Store.inMemory()
    try ProgressHistory.importNotes(into: target)
    let merger = try merger
    let report = try merger.merge(try ProgressMerge.decode(try export.jsonData(), path: "x.json", now: ProgressHistory.now), from: "x.json", into: target)
    #expect(report.reviewsAdded == 13)
    #expect(report.undosAdded == 1)
    #expect(report.cardsRescheduled == 6)
    let before = try StatsCalculator.compute(store: source, request: request)
    let after = try StatsCalculator.compute(store: target, request: request)
    #expect(after == before)
    // Merging the same file again adds nothing and counts nothing twice.
    let again = try merger.merge(export, from: "x.json", into: target)
    #expect(again.reviewsAdded == 0)
    #expect(again.reviewsAlreadyPresent == 13)
    #expect(again.undosAlreadyPresent == 1)
    #expect(try StatsCalculator.compute(store: target, request: request) == before)
  }

  @Test func anExportMadeWhenKeysBeganWithTheDeckStillMerges() throws {
    let source = try replayedStore()
    var export = try ProgressExport.make(from: source, request: request)
    // Keys as Recall wrote them before they left out the deck; cards of another database.
    for index in export.reviews.indices {
      export.reviews[index].key = export.reviews[index].deck + " › " + export.reviews[index].key
    }
    for index in export.cards.indices {
      export.cards[index].key = export.cards[index].deck + " › " + export.cards[index].key
    }
    #expect(export.reviews.allSatisfy { $0.key.hasPrefix("aws/ecs.md › ") || $0.key.hasPrefix("net/dns.md › ") })
    let target = try Store.inMemory()
    try ProgressHistory.importNotes(into: target)
    let uids = Set(try target.cards().map(\.uid))
    #expect(export.reviews.allSatisfy { !uids.contains($0.cardUid) })
    let old = try ProgressMerge.decode(try export.jsonData(), path: "old.json", now: ProgressHistory.now)
    let report = try merger.merge(old, from: "old.json", into: target)
    #expect(report.reviewsAdded == 13)
    #expect(report.undosAdded == 1)
    #expect(
      try StatsCalculator.compute(store: target, request: request)
        == StatsCalculator.compute(store: source, request: request))
  }

  @Test func mergeAddsOnlyTheMissingReviewsOfTwoMachines() throws {
    // Machine B has the notes and one review of its own; A's log is merged in.
    let source = try replayedStore()
    let export = try ProgressExport.make(from: source, request: request)
    let target = try Store.inMemory()
    try ProgressHistory.importNotes(into: target)
    let card = try #require(try target.cards(status: .active).first { $0.card.key.hasSuffix("콜드스타트") })
    let own = StoredReview(
      cardID: card.id, reviewedAt: ProgressHistory.seoul("2026-11-25 12:00"), rating: 3,
      quiz: "typed", durationMilliseconds: 4000, before: .new, after: .new)
    try target.recordReview(own)
    let report = try merger.merge(export, from: "a.json", into: target)
    #expect(report.reviewsAdded == 13)
    #expect(try target.reviewCount() == 14)
    let stats = try StatsCalculator.compute(store: target, request: request)
    #expect(stats.reviews.total == 13)
    #expect(stats.today.done == 2)
    // The card's schedule is replayed from both machines' answers, in time order.
    let merged = try #require(try target.card(id: card.id))
    #expect(merged.schedule.reps == 3)
    #expect(merged.schedule.lastReview == ProgressHistory.seoul("2026-11-25 12:00"))
  }

  @Test(arguments: [
    ("not json at all", "is not a Recall progress export (it is not a JSON object)"),
    (#"{"format":"something","schemaVersion":1}"#, "its \"format\" is not \"recall-progress\""),
    (#"{"format":"recall-progress","schemaVersion":9}"#, "has schema version 9"),
    (#"{"format":"recall-progress","schemaVersion":1,"cards":[]}"#, "has a bad value at exportedAt: the value is missing"),
  ])
  func badFilesAreRefusedWithAClearMessage(text: String, message: String) throws {
    do {
      _ = try ProgressMerge.decode(Data(text.utf8), path: "bad.json", now: ProgressHistory.now)
      Issue.record("the file was accepted")
    } catch {
      #expect(error.description.contains(message), "\(error.description)")
      #expect(error.description.contains("'bad.json'"))
      #expect(error.description.contains("nothing was changed"))
    }
  }

  @Test func aBadReviewLeavesTheDatabaseUnchanged() throws {
    let export = try ProgressExport.make(from: try replayedStore(), request: request)
    let target = try Store.inMemory()
    try ProgressHistory.importNotes(into: target)
    let untouched = try snapshot(target)

    var badRating = export
    badRating.reviews[3].rating = 7
    let badData = try badRating.jsonData()
    do {
      _ = try ProgressMerge.decode(badData, path: "p.json", now: ProgressHistory.now)
      Issue.record("a rating of 7 was accepted")
    } catch {
      #expect(error == .invalidEntry(path: "p.json", location: "reviews[3].rating", reason: "7 is not a rating from 1 to 4"))
    }

    var conflicting = export
    let otherCard = try #require(export.cards.first { $0.key.hasSuffix("원리") })
    conflicting.reviews[0].cardUid = otherCard.uid
    conflicting.reviews[0].key = otherCard.key
    let merger = try self.merger
    _ = try merger.merge(export, from: "p.json", into: target)
    let merged = try snapshot(target)
    do {
      _ = try merger.merge(conflicting, from: "p.json", into: target)
      Issue.record("a review id already used by another card was merged")
    } catch {
      #expect(error.description.contains("already in this database for another card"))
    }
    #expect(try snapshot(target) == merged)
    #expect(merged != untouched)
  }

  /// The reviews of a card this database does not have are skipped and listed; the rest are
  /// merged, and merging again once the card is here merges the skipped ones.
  @Test func reviewsOfAnUnknownCardAreSkippedAndTheRestMerged() throws {
    let export = try ProgressExport.make(from: try replayedStore(), request: request)
    let target = try Store.inMemory()
    try ProgressHistory.importNotes(into: target)
    var unknown = export
    unknown.reviews[0].cardUid = "00000000-0000-0000-0000-000000000000"
    unknown.reviews[0].key = "aws/ecs.md › nowhere"
    let first = try merger.merge(unknown, from: "p.json", into: target)
    #expect(first.reviewsSkipped == 1)
    #expect(first.skippedCards == [SkippedCard(deck: unknown.reviews[0].deck, key: "aws/ecs.md › nowhere", prompt: "", reviews: 1)])
    #expect(first.reviewsAdded == export.reviews.count - 1)
    let again = try merger.merge(export, from: "p.json", into: target)
    #expect(again.reviewsAdded == 1, "the skipped review, now that its card is known")
    #expect(again.reviewsSkipped == 0)
    #expect(again.reviewsAlreadyPresent == export.reviews.count - 1)
  }

  /// A forged or broken value of a review: where it goes (a path of keys in the review's JSON
  /// object), the JSON text put there, and what the message must say.
  struct Forgery: Sendable, CustomTestStringConvertible {
    var path: [String]
    var json: String
    var reason: String
    var testDescription: String { path.joined(separator: ".") + " = " + json }
  }

  static let forgeries = [
    Forgery(path: ["before", "stability"], json: "1e999", reason: "1e999 is not a finite number"),
    Forgery(path: ["after", "stability"], json: "-3.5", reason: "-3.5 is not a stability"),
    Forgery(path: ["after", "stability"], json: "0", reason: "0.0 is not a stability"),
    Forgery(path: ["after", "stability"], json: "5e6", reason: "5000000.0 is not a stability"),
    Forgery(path: ["before", "difficulty"], json: "11", reason: "11.0 is not a difficulty from 1 to 10"),
    Forgery(path: ["after", "difficulty"], json: "-1e999", reason: "-1e999 is not a finite number"),
    // Beyond a Double without an exponent: 400 digits.
    Forgery(
      path: ["before", "difficulty"], json: "1" + String(repeating: "0", count: 399),
      reason: "1" + String(repeating: "0", count: 399) + " is not a finite number"),
    Forgery(path: ["after", "stability"], json: "1e308", reason: "1e+308 is not a stability from 0.001 to 1000000 days"),
    Forgery(path: ["after", "step"], json: "-1", reason: "it cannot be negative"),
    Forgery(path: ["after", "reps"], json: "-2", reason: "it cannot be negative"),
    Forgery(path: ["reviewedAt"], json: #""1969-12-31T23:59:59.000Z""#, reason: "is before 1970"),
    Forgery(path: ["reviewedAt"], json: #""2127-01-01T00:00:00.000Z""#, reason: "is more than a hundred years ahead"),
    Forgery(path: ["after", "due"], json: #""2200-05-01T00:00:00.000Z""#, reason: "is more than a hundred years ahead"),
    Forgery(path: ["before", "lastReview"], json: #""1900-01-01T00:00:00Z""#, reason: "is before 1970"),
    Forgery(path: ["undoneAt"], json: #""2026-01-01T00:00:00.000Z""#, reason: "is before its review"),
    Forgery(path: ["undoneAt"], json: #""yesterday""#, reason: "'yesterday' is not an ISO 8601 time"),
    Forgery(path: ["durationMs"], json: "9000000000000000000", reason: "is longer than a hundred years"),
  ]

  /// `import-progress` refuses each forged value with the field named, and writes nothing.
  @Test(arguments: forgeries)
  func forgedValuesAreRefusedWithTheFieldNamed(forgery: Forgery) throws {
    let export = try ProgressExport.make(from: try replayedStore(), request: request)
    var object = try #require(try JSONSerialization.jsonObject(with: try export.jsonData()) as? [String: Any])
    var reviews = try #require(object["reviews"] as? [[String: Any]])
    // A marker number, replaced in the text by the forged JSON (JSON objects cannot hold 1e999).
    let marker = 987_654_321.25
    if forgery.path.count == 2 {
      var schedule = try #require(reviews[2][forgery.path[0]] as? [String: Any])
      schedule[forgery.path[1]] = marker
      reviews[2][forgery.path[0]] = schedule
    } else {
      reviews[2][forgery.path[0]] = marker
    }
    object["reviews"] = reviews
    let text = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
      .replacing("987654321.25", with: forgery.json)
    let location = "reviews[2]." + forgery.path.joined(separator: ".")
    do {
      _ = try ProgressMerge.decode(Data(text.utf8), path: "f.json", now: ProgressHistory.now)
      Issue.record("\(location) = \(forgery.json) was accepted")
    } catch {
      #expect(error.description.contains("has a bad value at \(location): "), "\(error.description)")
      #expect(error.description.contains(forgery.reason), "\(error.description)")
    }
  }

  /// A store holding values that JSON cannot carry or that are out of every range (written
  /// into the file behind Recall's back) still exports; what cannot be written is left out.
  @Test(.enabled(if: Tools.path("sqlite3") != nil, "sqlite3 is needed"))
  func exportNeverFailsOnWhatTheStoreHolds() throws {
    let folder = try TestPaths.makeTemporaryFolder("recall-odd-store")
    let path = folder.appendingPathComponent("recall.sqlite").path
    let store = try replayedStore(path: path)
    let card = try #require(try store.cards(status: .active).first { $0.schedule.stability != nil })
    let sqlite = try #require(Tools.path("sqlite3"), "sqlite3 is needed to write odd values")
    _ = try Tools.run(
      sqlite,
      [
        path,
        "UPDATE cardSchedule SET stability = 9e999, due = 9000000000000000 WHERE cardId = \(card.id);"
          + "UPDATE card SET prompt = 'odd ' || char(27) || ']52;c;eA==' || char(7) || char(155) || char(8238)"
          + " WHERE id = \(card.id);",
      ])
    let reopened = try Store.open(at: path)
    let export = try ProgressExport.make(from: reopened, request: request)
    let data = try export.jsonData()
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let cards = try #require(object["cards"] as? [[String: Any]])
    let odd = try #require(cards.first { $0["uid"] as? String == card.uid })
    #expect((odd["schedule"] as? [String: Any])?["stability"] == nil)
    #expect(odd["prompt"] as? String == "odd \u{1B}]52;c;eA==\u{07}\u{9B}\u{202E}")
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.contains(#"odd \u001b]52;c;eA==\u0007\u009b\u202e"#))
    #expect(!export.cardsCSV().isEmpty && !export.reviewsCSV().isEmpty)
  }

  @Test(.enabled(if: Tools.path("python3") != nil, "python3 is needed"))
  func csvReadsBackIdenticallyInPython() throws {
    let export = try ProgressExport.make(from: try ProgressHistory.makeStore(), request: request)
    for (name, text, columns, rows) in tables(export) {
      #expect(try parsedCSV(text) == [columns] + rows, "\(name) differs")
    }
  }

  @Test func csvReadsBackIdenticallyInSQLite() throws {
    let sqlite = try #require(Tools.path("sqlite3"), "sqlite3 is needed to import the CSV")
    let export = try ProgressExport.make(from: try ProgressHistory.makeStore(), request: request)
    let folder = try TestPaths.makeTemporaryFolder("recall-csv")
    for (name, text, columns, rows) in tables(export) {
      let file = folder.appendingPathComponent(name)
      try Data(text.utf8).write(to: file)
      let database = folder.appendingPathComponent(name + ".sqlite").path
      _ = try Tools.run(sqlite, [database, "-cmd", ".mode csv", ".import '\(file.path)' t"])
      let selection = columns.map { "\"\($0)\"" }.joined(separator: ", ")
      let json = try Tools.run(sqlite, ["-json", database, "SELECT \(selection) FROM t ORDER BY rowid"])
      let read = try JSONDecoder().decode([[String: String]].self, from: Data(json.utf8))
      #expect(read.map { row in columns.map { row[$0] ?? "<missing>" } } == rows, "\(name) differs")
    }
  }

  @Test func csvQuotesAsRFC4180Says() throws {
    let export = try ProgressExport.make(from: try ProgressHistory.makeStore(), request: request)
    let cards = export.cardsCSV()
    #expect(cards.hasPrefix("uid,deck,file,key,kind,line,prompt,answer,context,status,state,"))
    #expect(cards.contains("\r\n"))
    #expect(cards.contains(#""<b>Route53</b> & ""DNS"" "#))
    #expect(!export.reviewsCSV().contains("\n\n"))
  }

  /// Cells that a spreadsheet would run as formulas get a `'` first; controls and bidirectional
  /// characters are written visibly, as on the terminal; tabs and line breaks stay.
  @Test(.enabled(if: Tools.path("python3") != nil, "python3 is needed"))
  func csvNeutralisesFormulasAndShowsControls() throws {
    var export = try ProgressExport.make(from: try ProgressHistory.makeStore(), request: request)
    let cells = [
      "=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\r=1", "a=b", "plain",
      "\u{1B}]0;title\u{07}", "x\u{9B}y\u{202E}z", "line\nbreak",
    ]
    export.cards = cells.map { cell in
      var card = export.cards[0]
      card.prompt = cell
      return card
    }
    let prompts = try parsedCSV(export.cardsCSV()).dropFirst().map { $0[6] }
    #expect(
      prompts == [
        "'=HYPERLINK(\"http://x\")", "'+1", "'-2+3", "'@SUM(A1)", "'\tx", "'\r=1", "a=b", "plain",
        "^[]0;title^G", "x<U+009B>y<U+202E>z", "line\nbreak",
      ])
  }

  /// The records of a CSV text, read by Python's csv module.
  func parsedCSV(_ text: String) throws -> [[String]] {
    let python = try #require(Tools.path("python3"), "python3 is needed to read the CSV back")
    let file = try TestPaths.makeTemporaryFolder("recall-csv").appendingPathComponent("t.csv")
    try Data(text.utf8).write(to: file)
    let script = """
      import csv, json, sys
      with open(sys.argv[1], newline='', encoding='utf-8') as f:
          print(json.dumps(list(csv.reader(f)), ensure_ascii=False))
      """
    return try JSONDecoder().decode([[String]].self, from: Data(try Tools.run(python, ["-c", script, file.path]).utf8))
  }

  /// A field as a CSV cell shows it: the note's escape sequences visible (the history has one).
  func cell(_ field: String) -> String {
    field.replacing("\u{1B}", with: "^[")
  }

  /// Each CSV file with its header and the fields it must read back as.
  func tables(_ export: ProgressExport) -> [(String, String, [String], [[String]])] {
    let cardRows = export.cards.map { card in
      [card.uid, card.deck, card.file, card.key, card.kind, String(card.line), cell(card.prompt),
        cell(card.answer), "", card.status] + fields(card.schedule)
    }
    let reviewRows = export.reviews.map { review in
      [review.id, review.cardUid, review.deck, review.key, review.reviewedAt, String(review.rating),
        review.quiz, cell(review.answer ?? ""), review.correct.map { $0 ? "1" : "0" } ?? "",
        String(review.durationMs), review.undoneAt ?? ""] + fields(review.before) + fields(review.after)
    }
    // The context column holds JSON; compare it through a decoder.
    let cardsText = export.cardsCSV()
    return [
      ("cards.csv", cardsText, ProgressExport.cardColumns, cardRows.enumerated().map { index, row in
        var row = row
        row[8] = contextJSON(export.cards[index].context)
        return row
      }),
      ("reviews.csv", export.reviewsCSV(), ProgressExport.reviewColumns, reviewRows),
    ]
  }

  func contextJSON(_ context: [String]) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes]
    return String(decoding: (try? encoder.encode(context)) ?? Data(), as: UTF8.self)
  }

  func fields(_ schedule: ExportedSchedule) -> [String] {
    [
      schedule.state, schedule.step.map(String.init) ?? "", schedule.stability.map { "\($0)" } ?? "",
      schedule.difficulty.map { "\($0)" } ?? "", schedule.due ?? "", schedule.lastReview ?? "",
      String(schedule.reps), String(schedule.lapses),
    ]
  }
}

/// Running the command-line tools the tests read files back with.
enum Tools {
  /// The path of a program on the PATH, if it is there.
  static func path(_ name: String) -> String? {
    let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    return folders.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// Runs a program and returns its standard output; throws if it fails.
  static func run(_ program: String, _ arguments: [String]) throws -> String {
    try ProgramRun.output(of: program, arguments)
  }
}

/// Keys of exports made before keys left out the deck, read as keys within their note.
struct NoteRelativeKeyNormalizationTests {
  @Test func aLeadingDeckIsDroppedAndNothingElse() {
    #expect(CardIdentity.noteRelativeKey("aws/ecs.md › ECS › table › ECS › 원리", deck: "aws/ecs.md") == "ECS › table › ECS › 원리")
    #expect(CardIdentity.noteRelativeKey("메모/노트.md › 용어 › term › 콜드스타트", deck: "메모/노트.md") == "용어 › term › 콜드스타트")
    #expect(CardIdentity.noteRelativeKey("ECS › table › ECS › 원리", deck: "aws/ecs.md") == "ECS › table › ECS › 원리")
    #expect(CardIdentity.noteRelativeKey("aws/ecs.md › ", deck: "aws/ecs.md") == "aws/ecs.md › ")
    #expect(CardIdentity.noteRelativeKey("aws/ecs.mdx › term › A", deck: "aws/ecs.md") == "aws/ecs.mdx › term › A")
    #expect(CardIdentity.noteRelativeKey("other.md › term › A", deck: "aws/ecs.md") == "other.md › term › A")
  }
}
