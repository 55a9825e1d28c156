import Foundation
import Testing

/// `recall stats`' heatmap names the current month, even in its first days.
@Suite(.serialized)
struct StatsHeatmapTests {
  @Test(arguments: ["2026-12-02T09:00:00Z", "2026-12-20T09:00:00Z", "2027-03-01T09:00:00Z"])
  func theHeatmapNamesTheCurrentMonth(now: String) throws {
    let recall = try RecallProcess("recall-stats-heatmap")
    #expect(try recall.run(["--limit", "3"], now: "2026-11-25T09:00:00Z", input: "good\ngood\ngood\n").status == 0)
    let stats = try recall.run(["stats"], now: now)
    #expect(stats.status == 0, "\(stats.stderr)")
    let lines = stats.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let legend = try #require(lines.firstIndex { $0.contains("review heatmap") })
    let months = lines[legend + 1]
    let current = now.hasPrefix("2027-03") ? "Mar" : "Dec"
    #expect(months.trimmingCharacters(in: .whitespaces).hasSuffix(current), "\(months)")
  }
}

/// The HTML page names a hard card's place as the text does: deck (relative to the folder
/// imported) and line, never the note's absolute path.
@Suite(.serialized)
struct StatsHTMLPathTests {
  @Test func theHTMLPageShowsDeckRelativePaths() throws {
    let recall = try DeckSettingsTests.twoDecks()
    #expect(try recall.run(["review"], now: "2026-11-25T09:00:00Z", input: ReviewCommandTests.lines("good", 4)).status == 0)
    let page = recall.folder.appendingPathComponent("page.html")
    let result = try recall.run(["stats", "--html", page.path], now: "2026-11-26T09:00:00Z")
    #expect(result.status == 0, "\(result.stderr)")
    let html = try String(contentsOf: page, encoding: .utf8)
    #expect(html.contains("<td>a.md:") || html.contains("<td>b.md:"), "a hard card's place")
    #expect(!html.contains(recall.folder.path), "no absolute path")
  }
}
