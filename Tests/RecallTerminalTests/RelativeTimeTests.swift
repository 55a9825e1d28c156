import Testing

@testable import RecallTerminal

struct RelativeTimeTests {
  @Test func describesSpansShortly() {
    #expect(RelativeTime.describe(seconds: 0) == "now")
    #expect(RelativeTime.describe(seconds: 30) == "in 30 s")
    #expect(RelativeTime.describe(seconds: 600) == "in 10 min")
    #expect(RelativeTime.describe(seconds: 3 * 3600) == "in 3 h")
    #expect(RelativeTime.describe(seconds: 86_400) == "tomorrow")
    #expect(RelativeTime.describe(seconds: 12 * 86_400) == "in 12 days")
    #expect(RelativeTime.describe(seconds: 91 * 86_400) == "in 3 months")
    #expect(RelativeTime.describe(seconds: 365.25 * 86_400) == "in 1 year")
    #expect(RelativeTime.describe(seconds: 1.5 * 365.25 * 86_400) == "in 1.5 years")
  }

  @Test func helpListsEveryCommandKey() {
    let keys = ReviewKeys.help.map(\.key).joined(separator: " ")
    for key in ["1-4", "u", "s", "e", "?", "q"] { #expect(keys.contains(key)) }
  }
}
