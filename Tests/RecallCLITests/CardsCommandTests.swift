import Foundation
import RecallTestSupport
import Testing

/// `recall cards` run as the real binary on the seed note.
struct CardsCommandTests {
  struct Output {
    var status: Int32
    var standardOutput: Data
    var standardError: String
  }

  func run(_ arguments: [String]) throws -> Output {
    let result = try ProgramRun.recall(arguments)
    return Output(
      status: result.status, standardOutput: result.standardOutputData,
      standardError: result.standardError)
  }

  @Test func jsonListsTheSeedsCards() throws {
    let result = try run(["cards", TestPaths.seedNote.path, "--json"])
    #expect(result.status == 0, "\(result.standardError)")
    let cards = try #require(
      try JSONSerialization.jsonObject(with: result.standardOutput) as? [[String: Any]])
    #expect(cards.count == 100)
    let keys = [
      "id", "key", "kind", "deck", "file", "line", "prompt", "answer", "choices", "context",
    ]
    for card in cards {
      for key in keys { #expect(card[key] != nil, "missing \(key)") }
    }
    let cons = try #require(
      cards.first { $0["prompt"] as? String == "ECS / EKS / Lambda › Lambda › 단점?" })
    #expect(cons["kind"] as? String == "tableCell")
    #expect(cons["deck"] as? String == "ecs-eks-lambda.md")
    #expect(cons["file"] as? String == TestPaths.seedNote.path)
    #expect(cons["line"] as? Int == 8)
    #expect(cons["answer"] as? String == "실행시간 제한 (15분)\n메모리 제한 (10GB)\n지속 커넥션/상태 유지 불가\n콜드 스타트 이슈")
    #expect((cons["choices"] as? [String])?.count == 3)
    #expect(cons["context"] as? [String] == ["ECS / EKS / Lambda"])
    // The seed's table compares ECS, EKS and Lambda in its columns.
    #expect(cons["orientation"] as? String == "columns")
    #expect(cards.filter { $0["orientation"] != nil }.allSatisfy { ($0["kind"] as? String)?.hasPrefix("table") == true })
    #expect((cons["id"] as? String)?.count == 12)
    let kinds = Set(cards.compactMap { $0["kind"] as? String })
    #expect(
      kinds == [
        "tableCell", "tableThing", "term", "definition", "flowStep", "flowOrder", "section",
        "label",
      ])
    let ids = cards.compactMap { $0["id"] as? String }
    #expect(Set(ids).count == cards.count)
  }

  @Test func textListsCardsAndStubsForAPerson() throws {
    let result = try run(["cards", TestPaths.seedNote.path])
    #expect(result.status == 0, "\(result.standardError)")
    let text = String(decoding: result.standardOutput, as: UTF8.self)
    #expect(text.contains("100 cards"))
    #expect(text.contains("Q: ECS / EKS / Lambda › Lambda › 단점?"))
    #expect(text.contains("5 sections have no content yet:"))
    #expect(text.contains("ecs-eks-lambda.md:118: section 'CI / CD' has no content yet"))
  }

  @Test func aMissingFileIsReportedAndTheOthersStillPrinted() throws {
    let result = try run(["cards", "/nonexistent/note.md", TestPaths.seedNote.path, "--json"])
    #expect(result.status == 1)
    #expect(result.standardError.contains("/nonexistent/note.md"))
    let cards = try JSONSerialization.jsonObject(with: result.standardOutput) as? [[String: Any]]
    #expect(cards?.count == 100)
  }

  /// The stored cards `recall cards --db … --json` lists, by prompt.
  func storedCards(_ database: String) throws -> [String: [String: Any]] {
    let result = try run(["cards", "--db", database, "--json"])
    #expect(result.status == 0, "\(result.standardError)")
    let cards = try #require(
      try JSONSerialization.jsonObject(with: result.standardOutput) as? [[String: Any]])
    var byPrompt: [String: [String: Any]] = [:]
    for card in cards { byPrompt[card["prompt"] as? String ?? ""] = card }
    #expect(byPrompt.count == cards.count)
    return byPrompt
  }

  @Test func aStoredCardKeepsItsShortIDWhenItsNoteIsRenamedMovedOrEdited() throws {
    let folder = try TestPaths.makeTemporaryFolder("recall-cards-ids")
    defer { try? FileManager.default.removeItem(at: folder) }
    let notes = folder.appendingPathComponent("notes")
    let database = folder.appendingPathComponent("recall.sqlite").path
    try FileManager.default.createDirectory(
      at: notes.appendingPathComponent("aws"), withIntermediateDirectories: true)
    let original = notes.appendingPathComponent("aws/ecs-eks-lambda.md")
    try FileManager.default.copyItem(at: TestPaths.seedNote, to: original)
    #expect(try run(["import", notes.path, "--db", database]).status == 0)
    let before = try storedCards(database)
    #expect(before.count == 100)

    // Moved into another folder under another name, and one answer edited.
    try FileManager.default.createDirectory(
      at: notes.appendingPathComponent("archive"), withIntermediateDirectories: true)
    let moved = notes.appendingPathComponent("archive/containers.md")
    let text = try String(contentsOf: original, encoding: .utf8)
    try text.replacingOccurrences(of: "웜업 없ㅇ리", with: "웜업 없이")
      .write(to: moved, atomically: true, encoding: .utf8)
    try FileManager.default.removeItem(at: original)
    let imported = try run(["import", notes.path, "--db", database, "--json"])
    #expect(imported.status == 0, "\(imported.standardError)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: imported.standardOutput) as? [String: Any])
    #expect(report["renamed"] as? Int == 1)
    #expect(report["added"] as? Int == 0)
    let after = try storedCards(database)
    #expect(Set(after.keys) != Set(before.keys), "the edit changed no prompt")
    #expect(after.values.allSatisfy { $0["deck"] as? String == "archive/containers.md" })
    let ids = { (cards: [String: [String: Any]]) in Set(cards.values.compactMap { $0["id"] as? String }) }
    #expect(ids(after).count == 100)
    #expect(ids(after) == ids(before))
    for (prompt, card) in after where before[prompt] != nil {
      #expect(card["id"] as? String == before[prompt]?["id"] as? String, "\(prompt)")
    }
    // The edited definition card too, though its prompt changed.
    let edited = try #require(after.first { $0.key.contains("웜업 없이") }?.value)
    let earlier = try #require(before.first { $0.key.contains("웜업 없ㅇ리") }?.value)
    #expect(edited["id"] as? String == earlier["id"] as? String)
    // The text listing shows the same ids.
    let listing = try run(["cards", "--db", database])
    for id in ids(before) { #expect(listing.standardOutput.range(of: Data("[\(id)]".utf8)) != nil) }
    // A card read from a file still gets an id from its deck and key, as before.
    let fromFile = try run(["cards", moved.path, "--json"])
    let fileCards = try #require(
      try JSONSerialization.jsonObject(with: fromFile.standardOutput) as? [[String: Any]])
    #expect(Set(fileCards.compactMap { $0["id"] as? String }).isDisjoint(with: ids(before)))
  }

  @Test func storedCardsSayTheOrientationTheirTableWasReadWithAsTheFileDoes() throws {
    let folder = try TestPaths.makeTemporaryFolder("recall-cards-orientation")
    defer { try? FileManager.default.removeItem(at: folder) }
    let note = folder.appendingPathComponent("net.md")
    let database = folder.appendingPathComponent("recall.sqlite").path
    try TablesNote.text.write(to: note, atomically: true, encoding: .utf8)
    #expect(try run(["import", note.path, "--db", database]).status == 0)

    let fromFile = try run(["cards", note.path, "--json"])
    #expect(fromFile.status == 0, "\(fromFile.standardError)")
    let fileCards = try #require(
      try JSONSerialization.jsonObject(with: fromFile.standardOutput) as? [[String: Any]])
    let stored = try storedCards(database)
    #expect(stored.count == fileCards.count)
    for card in fileCards {
      let prompt = card["prompt"] as? String ?? ""
      let storedCard = try #require(stored[prompt], "\(prompt)")
      #expect(storedCard["orientation"] as? String == card["orientation"] as? String, "\(prompt)")
      let isTable = (card["kind"] as? String)?.hasPrefix("table") == true
      #expect((storedCard["orientation"] != nil) == isTable, "\(prompt)")
    }
    let orientation = { (prompt: String) in stored[prompt]?["orientation"] as? String }
    #expect(orientation("Methods › POST › 의미?") == "rows")
    #expect(orientation("Services › Lambda › 과금?") == "columns")
    #expect(Set(stored.values.compactMap { $0["orientation"] as? String }) == ["rows", "columns", "single"])
    #expect(orientation("Redis › TCP?") == nil)

    // Imported again unchanged, nothing is written.
    let again = try run(["import", note.path, "--db", database, "--json"])
    let report = try #require(try JSONSerialization.jsonObject(with: again.standardOutput) as? [String: Any])
    #expect(report["changed"] as? Int == 0 && report["added"] as? Int == 0)
    #expect(try storedCards(database).mapValues { $0["orientation"] as? String } == stored.mapValues { $0["orientation"] as? String })
  }
}
