import Foundation
import RecallScheduling
import RecallStats
import RecallStorage
import RecallTestSupport
import Testing

/// Export as JSON and CSV, and the merge of an exported log into another database.
struct ProgressExportTests {
  let clock = DayClock(timeZone: ProgressHistory.timeZone, dayStartHour: 4)

  var request: StatsRequest { StatsRequest(now: ProgressHistory.now, clock: clock) }

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
    #expect(Set(object.keys) == ["format", "schemaVersion", "exportedAt", "cards", "reviews", "stats"])
    #expect(try ProgressMerger.decode(data, path: "x.json") == export)
  }

  @Test func exportMergedIntoANewDatabaseGivesTheSameStats() throws {
    let source = try replayedStore()
    let export = try ProgressExport.make(from: source, request: request)
    let target = try Store.inMemory()
    try ProgressHistory.importNotes(into: target)
    let merger = try ProgressMerger(request: request)
    let report = try merger.merge(try ProgressMerger.decode(try export.jsonData(), path: "x.json"), from: "x.json", into: target)
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
    let old = try ProgressMerger.decode(try export.jsonData(), path: "old.json")
    let report = try ProgressMerger(request: request).merge(old, from: "old.json", into: target)
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
    let report = try ProgressMerger(request: request).merge(export, from: "a.json", into: target)
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
      _ = try ProgressMerger.decode(Data(text.utf8), path: "bad.json")
      Issue.record("the file was accepted")
    } catch {
      #expect(error.description.contains(message), "\(error.description)")
      #expect(error.description.contains("'bad.json'"))
      #expect(error.description.contains("nothing was changed"))
    }
  }

  @Test func aBadReviewOrAnUnknownCardLeavesTheDatabaseUnchanged() throws {
    let export = try ProgressExport.make(from: try replayedStore(), request: request)
    let target = try Store.inMemory()
    try ProgressHistory.importNotes(into: target)
    let untouched = try snapshot(target)

    var badRating = export
    badRating.reviews[3].rating = 7
    do {
      _ = try ProgressMerger.decode(try badRating.jsonData(), path: "p.json")
      Issue.record("a rating of 7 was accepted")
    } catch {
      #expect(error == .invalidEntry(path: "p.json", location: "reviews[3].rating", reason: "7 is not a rating from 1 to 4"))
    }

    var unknown = export
    unknown.reviews[0].cardUid = "00000000-0000-0000-0000-000000000000"
    unknown.reviews[0].key = "aws/ecs.md › nowhere"
    do {
      _ = try ProgressMerger(request: request).merge(unknown, from: "p.json", into: target)
      Issue.record("a review of an unknown card was merged")
    } catch {
      #expect(error == .unknownCards(path: "p.json", count: 1, examples: ["'aws/ecs.md › nowhere' in aws/ecs.md"]))
    }

    var conflicting = export
    let otherCard = try #require(export.cards.first { $0.key.hasSuffix("원리") })
    conflicting.reviews[0].cardUid = otherCard.uid
    conflicting.reviews[0].key = otherCard.key
    _ = try ProgressMerger(request: request).merge(export, from: "p.json", into: target)
    let merged = try snapshot(target)
    do {
      _ = try ProgressMerger(request: request).merge(conflicting, from: "p.json", into: target)
      Issue.record("a review id already used by another card was merged")
    } catch {
      #expect(error.description.contains("already in this database for another card"))
    }
    #expect(try snapshot(target) == merged)
    #expect(merged != untouched)
  }

  @Test func csvReadsBackIdenticallyInPython() throws {
    let python = try #require(Tools.path("python3"), "python3 is needed to read the CSV back")
    let export = try ProgressExport.make(from: try ProgressHistory.makeStore(), request: request)
    let folder = try TestPaths.makeTemporaryFolder("recall-csv")
    for (name, text, columns, rows) in tables(export) {
      let file = folder.appendingPathComponent(name)
      try Data(text.utf8).write(to: file)
      let script = """
        import csv, json, sys
        with open(sys.argv[1], newline='', encoding='utf-8') as f:
            print(json.dumps(list(csv.reader(f)), ensure_ascii=False))
        """
      let output = try Tools.run(python, ["-c", script, file.path])
      let read = try JSONDecoder().decode([[String]].self, from: Data(output.utf8))
      #expect(read == [columns] + rows, "\(name) differs")
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

  /// Each CSV file with its header and the fields it must read back as.
  func tables(_ export: ProgressExport) -> [(String, String, [String], [[String]])] {
    let cardRows = export.cards.map { card in
      [card.uid, card.deck, card.file, card.key, card.kind, String(card.line), card.prompt,
        card.answer, "", card.status] + fields(card.schedule)
    }
    let reviewRows = export.reviews.map { review in
      [review.id, review.cardUid, review.deck, review.key, review.reviewedAt, String(review.rating),
        review.quiz, review.answer ?? "", review.correct.map { $0 ? "1" : "0" } ?? "",
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
