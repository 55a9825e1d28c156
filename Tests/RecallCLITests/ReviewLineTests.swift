import ArgumentParser
import Foundation
import Testing

@testable import RecallCLI

/// A review's line read without ArgumentParser gives the options ArgumentParser gives it, and
/// every line that one might read otherwise is left to ArgumentParser.
struct ReviewLineTests {
  @Test func plainLinesReadAsArgumentParserReadsThem() throws {
    let lines: [[String]] = [
      [], ["--json"], ["--db", "a.sqlite"], ["--db=a.sqlite"], ["--db=a=b.sqlite"],
      ["--db", "/tmp/x y.sqlite", "--now", "2026-11-25T09:00:00Z", "--json", "--limit", "1"],
      ["--limit=0"], ["--limit", "007"], ["--deck", "aws/ecs.md", "--limit", "20"], ["--deck=aws"],
      ["--now=2026-11-25", "--deck", "review"], ["--json", "--db", "a", "--deck", "d", "--now", "n", "--limit", "3"],
    ]
    for line in lines {
      let plain = try #require(ReviewRequest(plainLine: line[...]), "\(line)")
      let parsed = try #require(try RecallCommand.Review.parseAsRoot(line) as? RecallCommand.Review)
      #expect(plain == parsed.request, "\(line)")
    }
  }

  @Test func otherLinesAreLeftToArgumentParser() {
    let lines: [[String]] = [
      ["--help"], ["-h"], ["--version"], ["extra"], ["--limit"], ["--limit", "-1"], ["--limit=-1"],
      ["--limit", "+1"], ["--limit", "one"], ["--limit", "99999999999999999999"], ["--db", "a", "--db", "b"],
      ["--json", "--json"], ["--json=true"], ["--deck", "--json"], ["--deck="], ["--topic", "x"], ["--", "x"],
      ["--db"], ["--now", "n", "--now", "m"],
    ]
    for line in lines {
      #expect(ReviewRequest(plainLine: line[...]) == nil, "\(line)")
    }
  }
}

