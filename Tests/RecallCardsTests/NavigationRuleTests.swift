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

/// A list of the note's own headings, without links, is a table of contents.
struct UnlinkedContentsTests {
  let note = """
    # Part 3-2 iOS
    > 면접에서 나왔던 질문들을 정리했습니다.

    * App Life Cycle
    * View Life Cycle
    * Memory Management

    ## App Life Cycle
    앱의 상태 변화 과정이다.

    ## View Life Cycle
    뷰의 상태 변화 과정이다.

    ## Memory Management
    ARC로 메모리를 관리한다.
    """

  @Test func itGivesNoCardNorAnswerLines() {
    let cards = SeedNote.cards(of: note, deck: "ios.md").cards
    #expect(!cards.contains { $0.context == ["Part 3-2 iOS"] && $0.answer.contains("View Life Cycle") })
    #expect(cards.contains { $0.prompt.hasSuffix("App Life Cycle?") && $0.answer.contains("앱의 상태") })
  }

  @Test func aListThatOnlyMentionsSomeHeadingsStays() {
    let mixed = """
      # Stores
      * Memory Management
      * disk
      * network

      ## Memory Management
      ARC로 메모리를 관리한다.
      """
    let cards = SeedNote.cards(of: mixed, deck: "m.md").cards
    #expect(cards.contains { $0.prompt == "Stores?" && $0.answer.contains("network") })
  }
}
