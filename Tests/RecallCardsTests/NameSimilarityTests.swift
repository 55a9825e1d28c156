import Testing

@testable import RecallCards

/// The threshold that tells a fixed typo from a different name.
struct NameSimilarityTests {
  @Test(arguments: [
    ("Lambda", "Lamda"), ("프로비저닝", "프로비져닝"), ("모니터링", "모니터닝"), ("NAT Gateway", "NAT Gatway"),
    ("Route53", "Route 53"), ("trade-off", "tradeoff"), ("다이어 그램", "다이어그램"),
    ("Kubernetes", "Kuberentes"), ("Elasticache", "ElastiCache"),
  ])
  func typoFixesAreNearIdentical(first: String, second: String) {
    #expect(NameSimilarity.score(first, second) >= NameSimilarity.nearIdenticalThreshold)
    #expect(NameSimilarity.isNearIdentical(first, second))
  }

  @Test(arguments: [
    ("ECS", "EKS"), ("장점", "단점"), ("적합", "부적합"), ("Inbound", "Outbound"), ("VPC", "IGW"),
    ("public", "private"), ("SSL", "TLS"), ("EC2", "ECS"), ("방향성", "확장성"), ("IAM", "IMA"),
  ])
  func differentNamesAreNot(first: String, second: String) {
    #expect(NameSimilarity.score(first, second) < NameSimilarity.nearIdenticalThreshold)
  }

  @Test func scoresAreMeasured() {
    #expect(NameSimilarity.score("ECS", "ECS") == 1)
    #expect(abs(NameSimilarity.score("Lambda", "Lamda") - 5.0 / 6.0) < 0.001)
    // One jamo of eleven differs.
    #expect(abs(NameSimilarity.score("프로비저닝", "프로비져닝") - 10.0 / 11.0) < 0.001)
    // 적합 is 부적합 with two jamo fewer: 6/8.
    #expect(abs(NameSimilarity.score("적합", "부적합") - 0.75) < 0.001)
    #expect(NameSimilarity.score("", "") == 1)
    #expect(NameSimilarity.score("abc", "") == 0)
  }
}
