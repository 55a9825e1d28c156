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

  /// `--now` written as scripts write it is read by hand to the moment FoundationEssentials'
  /// ISO 8601 style reads; other texts go to that style.
  @Test func aPlainUTCTimeReadsAsTheISO8601StyleReadsIt() throws {
    var generator = SystemRandomNumberGenerator()
    var texts = [
      "1900-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "2000-02-29T23:59:59Z", "2026-11-25T09:00:00Z",
      "2100-03-01T12:30:45Z", "9999-12-31T23:59:59Z", "2024-12-31T00:00:00Z",
    ]
    for _ in 0..<300 {
      let year = Int.random(in: 1900...2400, using: &generator)
      let month = Int.random(in: 1...12, using: &generator)
      let day = Int.random(in: 1...28, using: &generator)
      let (hour, minute, second) = (Int.random(in: 0...23), Int.random(in: 0...59), Int.random(in: 0...59))
      func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
      texts.append("\(year)-\(two(month))-\(two(day))T\(two(hour)):\(two(minute)):\(two(second))Z")
    }
    for text in texts {
      let plain = try #require(GlobalOptions.plainUTCTime(text), "\(text)")
      let styled = try Date.ISO8601FormatStyle().parse(text)
      #expect(plain == styled, "\(text)")
    }
    for other in [
      "2026-02-30T00:00:00Z", "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-25T24:00:00Z",
      "2026-11-25T09:60:00Z", "2026-11-25T09:00:60Z", "1899-12-31T23:59:59Z", "2026-11-25T09:00:00.5Z",
      "2026-11-25T09:00:00+01:00", " 2026-11-25T09:00:00Z", "2026-11-25", "2026-1a-25T09:00:00Z",
    ] {
      #expect(GlobalOptions.plainUTCTime(other) == nil, "\(other)")
    }
  }
}
