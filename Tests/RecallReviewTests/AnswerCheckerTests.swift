import Testing

@testable import RecallReview

struct AnswerCheckerTests {
  private let checker = AnswerChecker()

  /// The README's table of grading examples: the right answer, what was typed, the verdict.
  static let gradingExamples: [(expected: String, typed: String, outcome: AnswerOutcome)] = [
    ("Elastic Container Service", "elastic  container-service!", .right),
    ("ECS (Elastic Container Service)", "ECS", .right),
    ("스케줄러", "스케줄로", .typo),
    ("스케줄러", "스케러줄", .typo),
    ("Kubernetes", "kubrenetes", .typo),
    ("사과", "사고", .wrong),
    ("지연되는 현상이다", "지연되는 현상", .right),
    ("컨테이너를 관리한다", "컨테이너 관리", .right),
    ("트래픽을 나누는 것을 말한다", "트래픽 나누는 것", .right),
    ("서비스 상태를 확인함", "서비스 상태 확인", .right),
    ("VPC 내부에서 통신합니다", "VPC 내부 통신", .right),
    ("초고속, TCP/UDP 기반", "TCP/UDP 기반, 초고속", .right),
    ("파드\n서비스\n디플로이먼트", "디플로이먼트 / 파드 / 서비스", .right),
    ("0.0.0.0/0", "0.0.0.0/0", .right),
    ("0.0.0.0/0", ".00.0.0/0", .wrong),
    ("v1.2", "v12", .wrong),
    ("10GB", "10 GB", .right),
    ("1,000", "1000", .right),
  ]

  @Test(arguments: gradingExamples.indices)
  func gradesTheREADMEExamples(_ index: Int) {
    let example = Self.gradingExamples[index]
    #expect(
      checker.check(example.typed, against: example.expected).outcome == example.outcome,
      "\(example.typed) for \(example.expected)")
  }

  @Test func koreanEndingsAndParticlesComeOffOnlyWhereTwoSyllablesStay() {
    #expect(KoreanForms.core("지연되는 현상이다.") == "지연되 현상")
    #expect(KoreanForms.core("바다") == "바다")
    #expect(KoreanForms.core("포함") == "포함")
    #expect(KoreanForms.core("전문가") == "전문가", "the last word keeps its particle-like end")
    #expect(KoreanForms.core("Elastic Container Service") == "Elastic Container Service")
    #expect(checker.check("바", against: "바다").outcome == .wrong)
  }

  @Test func digitsAndTheirSymbolsMustAgreeWhateverTheAllowance() {
    #expect(MeaningfulSymbols.skeleton("0.0.0.0/0") == "0.0.0.0/0")
    #expect(MeaningfulSymbols.skeleton("실행시간 제한 (15분)") == "15")
    #expect(MeaningfulSymbols.skeleton("1,000") == "1000")
    // A long answer allows typos, but not in its numbers.
    #expect(checker.check("인터넷 게이트웨이 라우트 10.0.0.0/8", against: "인터넷 게이트웨이 라우트 10.0.0.0/16").outcome == .wrong)
    #expect(checker.check("인터넷 게이트웨이 라우트 10.0.0.0/16", against: "인터넷 게이트웨이 라우트 10.0.0.0/16").outcome == .right)
    #expect(checker.check("인터냇 게이트웨이 라우트 10.0.0.0/16", against: "인터넷 게이트웨이 라우트 10.0.0.0/16").outcome == .typo)
  }

  @Test func ignoresCaseSpacingAndPunctuation() {
    #expect(
      checker.check("elastic  container-service!", against: "Elastic Container Service").outcome
        == .right)
    #expect(checker.check("  쿠버 네티스.", against: "쿠버네티스").outcome == .right)
    #expect(checker.check("ＥＣＳ", against: "ECS").outcome == .right)  // fullwidth
  }

  @Test func comparesAfterNFCNormalization() {
    let decomposed = "\u{1112}\u{1161}\u{11AB}\u{1100}\u{116E}\u{11A8}"  // 한국 as conjoining jamo
    #expect(checker.check(decomposed, against: "한국").outcome == .right)
    #expect(checker.check("cafe\u{0301}", against: "café").outcome == .right)
  }

  @Test func countsKoreanDistanceOnJamo() {
    #expect(AnswerChecker.distance("스케줄로", "스케줄러") == 1)  // one wrong vowel
    #expect(AnswerChecker.distance("값", "갑") == 1)  // one final consonant
    #expect(AnswerChecker.distance("한국", "항국") == 1)
    #expect(AnswerChecker.distance("서울", "부산") == 5)
    #expect(Jamo.units("값") == [0x1100, 0x1161, 0x11B9])
    #expect(Jamo.units("가") == [0x1100, 0x1161])
  }

  @Test func koreanTyposWithinTheAllowanceAreHard() {
    let check = checker.check("스케줄로", against: "스케줄러")
    #expect(check.outcome == .typo)
    #expect(check.distance == 1)
    #expect(checker.check("로드밸런서", against: "로드 밸런서").outcome == .right)
    #expect(checker.check("로드벨런서", against: "로드 밸런서").outcome == .typo)  // ㅔ for ㅐ
  }

  @Test func shortAnswersAllowNoTypo() {
    #expect(AnswerChecker.allowedDistance(forUnits: 4) == 0)
    #expect(checker.check("사고", against: "사과").outcome == .wrong)  // 4 jamo: exact only
    #expect(checker.check("cat", against: "car").outcome == .wrong)
  }

  @Test func allowanceGrowsWithLength() {
    #expect(AnswerChecker.allowedDistance(forUnits: 5) == 1)
    #expect(AnswerChecker.allowedDistance(forUnits: 12) == 2)
    #expect(AnswerChecker.allowedDistance(forUnits: 20) == 3)
    #expect(AnswerChecker.allowedDistance(forUnits: 40) == 5)
    #expect(AnswerChecker.allowedDistance(forUnits: 400) == 6)
    #expect(checker.check("kubernets", against: "Kubernetes").outcome == .typo)
    #expect(checker.check("kubrenetes", against: "Kubernetes").outcome == .typo)  // swap
    #expect(checker.check("kbrnts", against: "Kubernetes").outcome == .wrong)
  }

  @Test func englishWrongAnswersAreWrong() {
    #expect(checker.check("Fargate", against: "EC2").outcome == .wrong)
    #expect(checker.check("", against: "EC2").outcome == .wrong)
    #expect(checker.check("   ", against: "EC2").outcome == .wrong)
  }

  @Test func parenthesizedPartsAreOptionalOrEnough() {
    let answer = "ECS (Elastic Container Service)"
    #expect(checker.check("ECS", against: answer).outcome == .right)
    #expect(checker.check("Elastic Container Service", against: answer).outcome == .right)
    #expect(checker.check("ecs elastic container service", against: answer).outcome == .right)
    #expect(checker.check("EKS", against: answer).outcome == .wrong)
  }

  @Test func multiLineAnswersNeedEveryLineInAnyOrder() {
    let answer = "파드\n서비스\n디플로이먼트"
    #expect(checker.check("파드, 서비스, 디플로이먼트", against: answer).outcome == .right)
    #expect(checker.check("디플로이먼트 / 파드 / 서비스", against: answer).outcome == .right)
    #expect(checker.check("파드 서비스 디플로이먼트", against: answer).outcome == .right)  // in order
    let partial = checker.check("파드, 서비스", against: answer)
    #expect(partial.outcome == .wrong)
    #expect(partial.matchedLines == 2)
    #expect(partial.totalLines == 3)
    let typo = checker.check("파드, 서비스, 디플로이민트", against: answer)
    #expect(typo.outcome == .typo)
  }

  @Test func diffMarksWrongAndMissingCharacters() {
    let diff = AnswerDiff(typed: "스케줄로", expected: "스케줄러")
    #expect(
      diff.typed == [DiffPiece("스케줄", isDifferent: false), DiffPiece("로", isDifferent: true)])
    #expect(
      diff.expected == [DiffPiece("스케줄", isDifferent: false), DiffPiece("러", isDifferent: true)])
    #expect(diff.hasDifferences)
  }

  @Test func diffIgnoresCaseSpacingAndPunctuation() {
    let diff = AnswerDiff(typed: "elastic container", expected: "Elastic Container-Service")
    #expect(diff.typed == [DiffPiece("elastic container", isDifferent: false)])
    #expect(
      diff.expected == [
        DiffPiece("Elastic Container-", isDifferent: false),
        DiffPiece("Service", isDifferent: true),
      ])
    #expect(!AnswerDiff(typed: "ecs", expected: "ECS").hasDifferences)
  }

  @Test func diffOfMultiLineAnswerKeepsLineBreaksUnmarked() {
    let diff = AnswerDiff(typed: "파드, 서비스", expected: "파드\n서비스\n잡")
    #expect(diff.expected.last == DiffPiece("잡", isDifferent: true))
    #expect(diff.typed.allSatisfy { !$0.isDifferent })
  }
}
