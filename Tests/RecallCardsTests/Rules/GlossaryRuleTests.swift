import Testing

@testable import RecallCards

/// ``GlossaryRule``, called on one paragraph.
struct GlossaryRuleTests {
  @Test func boldTermLinesAreTermsAndTheOtherLinesContent() throws {
    let note = """
      # Storage
      **Bucket:** a container for objects.
      **Object:** a file and its metadata.
      """
    var sample = RuleSample(note)
    let paragraph = try #require(sample.paragraphs().first)
    let (content, usedList) = GlossaryRule.read(
      paragraph, followedBy: nil, in: sample.place(), into: &sample.sink)
    #expect(content.isEmpty)
    #expect(!usedList)
    let terms = sample.cards.filter { $0.kind == .term }
    #expect(terms.map(\.prompt) == ["Storage › Bucket?", "Storage › Object?"])
    #expect(terms.map(\.answer) == ["a container for objects.", "a file and its metadata."])
    #expect(sample.sink.terms.map(\.name) == ["Bucket", "Object"])
  }

  @Test func aBoldNameOverAListTakesTheListAsItsAnswer() throws {
    var sample = RuleSample("# Redis\n**Types**\n\n- String\n- Hash\n- List\n")
    let paragraph = try #require(sample.paragraphs().first)
    let (content, usedList) = GlossaryRule.read(
      paragraph, followedBy: sample.list(), in: sample.place(), into: &sample.sink)
    #expect(usedList)
    #expect(content.isEmpty)
    #expect(sample.cards.first?.prompt == "Redis › Types?")
    #expect(sample.cards.first?.answer == "String\nHash\nList")
  }

  @Test func plainProseIsContentAndADefiningSentenceATerm() throws {
    let note = "# ACID\nACID is a set of properties of database transactions.\n"
    var sample = RuleSample(note)
    let paragraph = try #require(sample.paragraphs().first)
    _ = GlossaryRule.read(paragraph, followedBy: nil, in: sample.place(), into: &sample.sink)
    #expect(sample.cards.contains { $0.kind == .term && $0.prompt == "ACID › ACID?" })

    var prose = RuleSample("# Notes\nKeep the cache warm before the release.\n")
    let line = try #require(prose.paragraphs().first)
    let (content, _) = GlossaryRule.read(
      line, followedBy: nil, in: prose.place(), into: &prose.sink)
    #expect(content == ["Keep the cache warm before the release."])
    #expect(prose.cards.isEmpty)
  }
}
