import RecallCards
import Testing

/// Links, reference sections and footnote markers never reach a card.
struct NavigationRuleTests {
  func cards(_ note: String) -> [Card] { SeedNote.cards(of: note, deck: "note.md").cards }

  @Test func linkOnlyLinesLeaveTheAnswer() {
    let found = cards(
      """
      # Hash
      A hash maps keys to buckets.
      [뒤로](https://github.com/x)/[위로](#hash)

      [Back to top :arrow_up:](#table-of-contents)
      """)
    #expect(found.map(\.answer) == ["A hash maps keys to buckets."])
  }

  @Test func aLinkInsideASentenceStays() {
    let found = cards(
      """
      # Raft
      Read [the Raft paper](https://raft.github.io) before the exam, it explains leaders.
      """)
    #expect(found.map(\.answer) == ["Read the Raft paper before the exam, it explains leaders."])
  }

  @Test func referenceSectionsGiveNoCard() {
    let found = cards(
      """
      # Hash
      A hash maps keys to buckets.
      ## Reference
      - http://d2.naver.com/helloworld/831311
      - The Art of Computer Programming
      ## 참고 자료
      Some book we liked
      """)
    #expect(found.map(\.prompt) == ["Hash?"])
  }

  @Test func referenceLabelsAndAddressAnswersGiveNoCard() {
    let found = cards(
      """
      # App Life Cycle
      - Active: the app runs in the foreground
      - Reference: https://developer.apple.com/documentation
      - Thread: https://github.com/x/issues/100
      """)
    #expect(found.map(\.prompt) == ["App Life Cycle › Active?"])
  }

  @Test func footnoteMarkersAreLeftOut() {
    let found = cards(
      """
      # Latency
      Reading 1 MB from memory takes 250 µs.<sup><a href=https://x.org/#latency>1</a></sup>
      """)
    #expect(found.map(\.answer) == ["Reading 1 MB from memory takes 250 µs."])
  }
}
