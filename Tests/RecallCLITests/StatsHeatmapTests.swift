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
