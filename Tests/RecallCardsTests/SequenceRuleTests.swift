@testable import RecallCards
import Testing

/// A numbered list is asked in order only when the note says its order matters.
struct SequenceRuleTests {
  func cards(_ note: String) -> [Card] { SeedNote.cards(of: note, deck: "note.md").cards }
  func isFlow(_ note: String) -> Bool { cards(note).contains { $0.kind == .flowOrder } }

  @Test func aNumberedEnumerationIsASetOfMembers() {
    let note = """
      # Design Smells
      1. Rigidity
      2. Fragility
      3. Immobility
      """
    #expect(!isFlow(note))
    #expect(cards(note).map(\.answer) == ["Rigidity\nFragility\nImmobility"])
  }

  @Test func aHeadingWordOfOrderMakesASequence() {
    #expect(isFlow("# 3 way handshake\n1. SYN\n2. SYN-ACK\n3. ACK\n"))
    #expect(isFlow("# DNS 조회 과정\n1. hosts 파일 확인\n2. 캐시 확인\n3. Root DNS 질의\n"))
    #expect(isFlow("# Request lifecycle\n1. Routing\n2. Middleware\n3. Controller\n"))
  }

  @Test func theLeadSentenceDecidesUnlessItAnnouncesMembers() {
    #expect(isFlow("# Deploy\nThe release goes in this order:\n\n1. Build\n2. Test\n3. Ship\n"))
    let kinds = "# Probing\n이 과정에서도 여러 방법들이 존재하는데, 다음 세 가지에 대해 알아보자.\n\n1. Linear\n2. Quadratic\n3. Double hashing\n"
    #expect(!isFlow(kinds))
  }

  @Test func successionWordsArrowChainsAndStepReferencesMakeASequence() {
    #expect(isFlow("# Boot\n1. 먼저 BIOS 실행\n2. 부트로더 적재\n3. 커널 시작\n"))
    #expect(isFlow("# Build\n1. Compile\n2. Then link\n3. Finally package\n"))
    #expect(isFlow("# Compile\n1. 소스 -> 바이트코드 -> 기계어\n2. 실행\n"))
    #expect(isFlow("# 퀵소트\n1. 피벗 선택\n2. 작은 수 찾음\n3. 2,3번 반복\n"))
  }

  @Test func oneArrowPairingACaseWithItsResultIsNoEvidence() {
    let note = """
      # 삭제의 3가지 Case
      1. 자식이 없을 때 → 그냥 삭제
      2. 자식이 1개일 때 → 자식을 올림
      3. 자식이 2개일 때 → 후계자를 찾음
      """
    #expect(!isFlow(note))
  }
}

/// No answer is longer than a learner can recall: the rest of it is the card's detail.
struct LongAnswerRuleTests {
  func cards(_ note: String) -> [Card] { SeedNote.cards(of: note, deck: "note.md").cards }

  @Test func aLongSectionKeepsItsFirstLinesAndShowsTheRestAfterward() throws {
    let lines = (1...12).map { "- fact number \($0) about hashing" }
    let card = try #require(cards("# Hash\n" + lines.joined(separator: "\n") + "\n").first)
    #expect(card.answer.split(separator: "\n").count == 8)
    #expect(card.detail?.split(separator: "\n").count == 4)
    #expect(card.detail?.hasSuffix("fact number 12 about hashing") == true)
  }

  @Test func aLongFirstLineIsCutAtASentence() throws {
    let first = "해시는 키를 값에 대응시키는 함수이다. " + String(repeating: "충돌은 여러 키가 같은 버킷에 들어가는 현상이다. ", count: 12)
    let card = try #require(cards("# Hash\n" + first + "\n").first)
    #expect(card.answer.count <= CardDefects.answerCharacterLimit)
    #expect(card.answer.hasPrefix("해시는 키를 값에 대응시키는 함수이다."))
    #expect(card.answer.hasSuffix("현상이다."))
    #expect(card.detail?.hasSuffix("현상이다.") == true)
  }
}

/// The line that does not fit in a long answer still gives the first sentences that do.
struct AnswerLeadRuleTests {
  @Test func theNextLinesFirstSentencesJoinTheAnswerWhileTheyFit() throws {
    let second = "HTTPS는 SSL 의 껍질을 덮어쓴 HTTP 라고 할 수 있다. " + String(repeating: "즉 새로운 애플리케이션 계층의 프로토콜이 아니라는 것이다. ", count: 8)
    let note = "# HTTPS\nHTTP 에 암호화와 인증을 더한 HTTPS\n\n" + second + "\n"
    let card = try #require(SeedNote.cards(of: note, deck: "note.md").cards.first)
    #expect(card.answer.hasPrefix("HTTP 에 암호화와 인증을 더한 HTTPS\nHTTPS는 SSL 의 껍질을 덮어쓴 HTTP 라고 할 수 있다."))
    #expect(card.answer.count <= CardDefects.answerCharacterLimit)
    #expect(card.answer.hasSuffix("것이다."))
    #expect(card.detail?.hasPrefix("즉 새로운") == true)
  }
}

/// Flows written inline with arrows in paragraphs and quotes.
struct ArrowChainTests {
  @Test func aChainOfThreeStepsOrMoreIsFound() {
    #expect(
      ArrowChain.chain(in: "HTTPS 동작 순서 : TCP → SSL → HTTP", named: true)
        == ArrowChain(name: "HTTPS 동작 순서", steps: ["TCP", "SSL", "HTTP"]))
    #expect(
      ArrowChain.chain(in: "build -> test -> deploy", named: true)
        == ArrowChain(name: nil, steps: ["build", "test", "deploy"]))
  }

  @Test func pairsSentencesAndSingleArrowsAreNoChain() {
    // One arrow pairs a case with its result.
    #expect(ArrowChain.chain(in: "빛 → 전기신호", named: true) == nil)
    // Commas pair states rather than chain steps.
    #expect(ArrowChain.chain(in: "Ready → Running, Running → Ready, Running → Waiting", named: true) == nil)
    // A step that is a whole sentence is no step.
    #expect(
      ArrowChain.chain(
        in: "예를 들어 피자를 만들 때는 크게 보면 여러 과정을 거쳐야 하는데 반죽 → 토핑 → 굽기", named: true) == nil)
  }

  @Test func aChainInAParagraphOrQuoteGivesFlowCards() {
    let note = """
      # Socket
      > **서버** : socket() 생성 → bind() 주소 할당 → listen() 대기 → accept() 연결 허용

      피자를 만들 때는 크게 `반죽 → 토핑 → 굽기` 로 3단계로 이루어져있다.
      """
    let cards = SeedNote.cards(of: note, deck: "note.md").cards
    let first = cards.first { $0.prompt == "Socket › 서버 › 첫 단계는?" }
    #expect(first?.kind == .flowStep)
    #expect(first?.answer == "socket() 생성")
    #expect(
      cards.contains {
        $0.prompt == "Socket › 서버 › ‘bind() 주소 할당’ 다음 단계는?" && $0.answer == "listen() 대기"
      })
    let pizza = cards.first { $0.kind == .flowOrder && $0.answer == "반죽\n토핑\n굽기" }
    #expect(pizza?.prompt == "Socket › 단계를 순서대로 놓으세요.")
    // Two options are a coin flip: a three-step chain's later steps are typed.
    #expect(cards.first { $0.prompt == "Socket › ‘반죽’ 다음 단계는?" }?.choices == [])
  }
}

/// A chain that runs into its sentence is no flow.
struct ArrowChainSentenceTests {
  @Test func aStepThatEndsTheSentenceMakesNoChain() {
    #expect(ArrowChain.chain(in: "A획득 -> B획득 -> A해제 -> B해제는 불가능함.", named: true) == nil)
    #expect(ArrowChain.chain(in: "File → Preferences → Settings로 들어간다.", named: true) == nil)
    #expect(
      ArrowChain.chain(in: "(READ → PROCESS → WRITE)", named: true)
        == ArrowChain(name: nil, steps: ["READ", "PROCESS", "WRITE"]))
  }
}

/// A numbered list nested in an item is a flow when that item says its order matters.
struct NestedFlowTests {
  @Test func aNumberedListUnderAnItemOfOrderIsAFlow() {
    let note = """
      # Blocking I/O & Non-Blocking I/O
      1. #### Non-Blocking I/O

         작업을 중단하지 않음.

         * 진행 순서

           1. User Process가 recvfrom 호출
           2. Kernel이 EWOULDBLOCK 반환
           3. 데이터를 복사하여 받아옴

      2. #### Blocking I/O

         대기한다.
      """
    let cards = SeedNote.cards(of: note, deck: "io.md").cards
    let first = cards.first { $0.prompt == "Non-Blocking I/O › 진행 순서 › 첫 단계는?" }
    #expect(first?.answer == "User Process가 recvfrom 호출")
    #expect(first?.context == ["Blocking I/O & Non-Blocking I/O", "Non-Blocking I/O", "진행 순서"])
    #expect(cards.contains { $0.kind == .flowOrder && $0.answer.hasSuffix("데이터를 복사하여 받아옴") })
    // The outer list of kinds stays a set.
    #expect(!cards.contains { $0.kind.isFlow && $0.context == ["Blocking I/O & Non-Blocking I/O"] })
  }

  @Test func aNumberedListUnderAnItemOfKindsStaysASet() {
    let note = """
      # Cache
      * 매핑 종류
        1. Direct Mapping
        2. Associative Mapping
        3. Set Associative Mapping
      """
    let cards = SeedNote.cards(of: note, deck: "cache.md").cards
    #expect(!cards.contains { $0.kind.isFlow })
  }
}
