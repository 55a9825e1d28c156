import Testing

@testable import RecallReview

struct AnswerCheckerTests {
  private let checker = AnswerChecker()

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
