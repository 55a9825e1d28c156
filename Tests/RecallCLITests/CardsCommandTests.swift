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
    let executable = try #require(
      TestPaths.recallExecutable, "build `recall` with `swift build` first")
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Output(
      status: process.terminationStatus, standardOutput: data,
      standardError: String(decoding: errorData, as: UTF8.self))
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
}
