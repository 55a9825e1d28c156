import Foundation
import RecallCards
import RecallMarkdown
import Testing

/// The seed note gives exactly the cards a careful person would write from it.
struct SeedCardsTests {
  typealias Expected = (kind: CardKind, prompt: String, answer: String)

  static let title = "ECS / EKS / Lambda"
  static let things = ["ECS", "EKS", "Lambda"]

  /// Every attribute row of the comparison table with its three cells (ECS, EKS, Lambda),
  /// written out from the note.
  static let table: [(attribute: String, cells: [[String]])] = [
    (
      "방향성",
      [
        ["AWS 네이티브 환경에서 컨테이너를 간단하게 운영", "오케스트레이션 복잡성 최소화"],
        ["표준 Kubernetes 환경을 완전 관리형으로 제공", "오픈소스 표준 + AWS 안정성/확장성"],
        ["완전 서버리스, 인프라 관리 제거", "이벤트 기반 단위 작업 특화"],
      ]
    ),
    (
      "원리",
      [
        ["Task 정의 기반 컨테이너 스케줄링", "EC2 인스턴스(직접/ASG) 또는 Fargate(서버리스)에서 실행"],
        ["AWS가 컨트롤플레인 완전 관리", "워커노드는 EC2 또는 Fargate로 실행, K8s 표준 API"],
        ["이벤트 트리거 시 컨테이너로 프로비저닝 후 함수 실행", "실행 후 리소스 자동 반환"],
      ]
    ),
    (
      "장점",
      [
        ["AWS 서비스와의 쉬운 연동", "Fargate로 완전 서버리스 구현"],
        ["쿠버네티스 생태계 및 오픈소스 도구 활용", "멀티클라우드/온프레미스 호환", "다양한 확장 옵션"],
        ["완전 서버리스, 인프라 전혀 신경 X", "빠른 확장", "사용한 만큼 과금", "이벤트/비동기/예약 작업에 최적"],
      ]
    ),
    (
      "단점",
      [
        ["쿠버네티스에 비해 기능이 제한적", "AWS 종속", "복잡한 워크로드에 한계"],
        ["운영복잡도 증가", "클러스터 관리비용 추가 발생"],
        ["실행시간 제한 (15분)", "메모리 제한 (10GB)", "지속 커넥션/상태 유지 불가", "콜드 스타트 이슈"],
      ]
    ),
    (
      "trade-off",
      [
        ["단순성, 운영편의성 높음 / 유연성 낮음"],
        ["유연성, 확장성 높음 / 복잡도 높음"],
        ["완전한 서버리스 가능 / 실행환경, 지속성 제약"],
      ]
    ),
    (
      "적합",
      [
        ["중간 규모 마이크로서비스 아키텍처", "빠른 배포/확장", "서버리스 컨테이너"],
        ["대규모 마이크로서비스 아키텍처", "멀티 클라우드 전략이 필요한 경우"],
        ["이벤트 기반 처리", "간헐적으로 실행되는 작업", "예약된 크론 작업"],
      ]
    ),
    (
      "부적합",
      [
        ["쿠버네티스 생태계 활용 필수 환경", "멀티 클라우드가 필수 환경"],
        ["소규모 어플리케이션", "쿠버네티스 경험 없는 조직"],
        ["15분 이상 실행되는 작업", "지속적 통신 연결이 필요한 경우", "상태를 유지해야 하는 어플리케이션"],
      ]
    ),
    (
      "확장성",
      [
        ["ASG/Fargate 오토스케일링"],
        ["다양한 확장 옵션 존재 (HPA, VPA, Cluster Autoscaler ..)"],
        ["요청에 따라 자동으로 확장", "동시실행제한 (디폴트 1000개)"],
      ]
    ),
    (
      "모니터링",
      [
        ["CloudWatch/X-Ray 기본"],
        ["Prometheus, Grafana등의 오픈소스", "CloudWatch 가능"],
        ["CloudWatch Logs가 자동 통합", "X-Ray 트레이싱이 내장"],
      ]
    ),
    (
      "배포전략",
      [
        ["롤링 업데이트가 기본", "Blue/Green은 CodeDeploy 연동 필요"],
        ["롤링, Blue/Green, 카나리 등 모든 전략이 네이티브로 지원"],
        ["버전/별칭/Weighted Alias, CodeDeploy"],
      ]
    ),
  ]

  static let glossary: [(term: String, definition: String)] = [
    ("컨트롤플레인", "클러스터 및 서비스 상태, 배치, 오케스트레이션을 중앙에서 관리하는 핵심 관리 컴포넌트"),
    ("프로비저닝", "사용자가 요청한 리소스(서버, 컨테이너, 함수 등)를 자동 또는 수동으로 생성/할당/준비하는 과정"),
    ("콜드스타트", "서버리스 함수/컨테이너 서비스가 웜업 없ㅇ리 배포되어 첫 응답이 지연되는 현상"),
    ("하이브리드 배포", "메인 서비스는 ECS/EKS 사용, 이벤트 처리/배치작업은 Lambda 사용"),
  ]

  static let steps = [
    "DNS (Route 53)", "CDN (S3, CloudFront) - 선택사항", "로드밸런서 (ALB)", "컨테이너 오케스트레이션 (ECS)",
    "Storage (RDS, ElastiCache ...)", "응답 반환",
  ]

  /// Every card of the seed, in note order.
  static var expected: [Expected] {
    var cards: [Expected] = []
    // The comparison table: one card per cell, then the reverse of each cell.
    for row in table {
      for (thing, cell) in zip(things, row.cells) {
        cards.append(
          (.tableCell, "\(title) › \(thing) › \(row.attribute)?", cell.joined(separator: "\n")))
      }
    }
    for row in table {
      for (thing, cell) in zip(things, row.cells) {
        let values = cell.joined(separator: ", ")
        cards.append((.tableThing, "\(title) › 어느 것의 \(row.attribute)? \(values)", thing))
      }
    }
    // The four glossary terms, both ways.
    for entry in glossary {
      cards.append((.term, "\(title) › \(entry.term)?", entry.definition))
      cards.append((.definition, "\(title) › 이 설명에 맞는 용어는? \(entry.definition)", entry.term))
    }
    // The user flow: six steps and the ordering quiz.
    let flow = "User Flow - ECS"
    cards.append((.flowStep, "\(flow) › 첫 단계는?", steps[0]))
    for index in 1..<steps.count {
      cards.append((.flowStep, "\(flow) › ‘\(steps[index - 1])’ 다음 단계는?", steps[index]))
    }
    cards.append((.flowOrder, "\(flow) › 단계를 순서대로 놓으세요.", steps.joined(separator: "\n")))
    // The sections and labels under the flow.
    cards += [
      (
        .section, "User Flow - ECS › Route53?",
        "AWS DNS 관리 서비스\n도메인 주소를 ALB/ELB 또는 CDN에 연결\n브라우저가 DNS 서버에 질의 → Route 53이 ALB/CloudFront의 IP 리턴"
      ),
      (.label, "CloudFront › 정적 콘텐츠?", "캐싱되어 바로 반환"),
      (.label, "CloudFront › 동적 콘텐츠?", "ALB로 전달"),
      (.label, "ALB › ALB / NLB › ALB?", "HTTP/HTTPS 기반, 경로/호스트 기반 라우팅, 웹에 최적"),
      (.label, "ALB › ALB / NLB › NLB?", "TCP/UDP 기반, 초고속, WebSocket 등 특수목적"),
      (
        .section, "User Flow - ECS › ALB?",
        "트래픽 분산, 라우팅, SSL 종료\nHTTP/HTTPS 요청을 받아 ECS Task들에게 분산\n경로 기반 라우팅\nSSL 종단점 (HTTPS 종료)\nALB → Target Group → ECS Task"
      ),
      (.section, "User Flow - ECS › ECS?", "AWS의 컨테이너 오케스트레이션 서비스"),
      (.label, "ECS Launch Type › Fargate?", "서버리스, 인프라 관리 X, 비용 조금 더 높음, 개발 편의성 좋음, 빠른 배포"),
      (.label, "ECS Launch Type › EC2?", "직접 인스턴스 관리, 세밀한 튜닝, 비용 효율적일 수 있음, 유지보수 부담"),
      (
        .section, "ECS › ECS Service?",
        "하나의 백엔드 마이크로서비스(예: ProductService) 관리\n원하는 Task 수를 유지\n오토스케일링 설정 가능"
      ),
      (
        .section, "ECS › ECS Task?",
        "실제로 실행되는 컨테이너 인스턴스(예: product-api)\n보통 1 Task - 1 컨테이너 패턴\nRDS, ElastiCache 등 다른 AWS 리소스와 통신\n  보통 VPC 내에서 Private Subnet을 사용"
      ),
      (.section, "ECS › ALB Target Group?", "각 ECS Task들이 타겟 그룹의 멤버로 등록\nALB에서 헬스체크, 트래픽 분배"),
      (.section, "AWS › IAM?", "AWS 리소스에 누가, 무엇을, 어떻게 접근할지에 대한 권한을 관리"),
      (.section, "AWS › VPC?", "AWS의 독립적인 네트워크 공간\n다른 서비스와 논리적으로 격리"),
      (
        .label, "Subnet › public?",
        "인터넷에서 직접 접근 가능(로드밸런서, Bastion Host 등)\n라우트 테이블에 엔트리 포함\n직접적인 인터넷 접근 가능\n퍼블릭 IP 또는 EIP를 할당하면 외부와 양방향 통신 가능"
      ),
      (
        .label, "Subnet › private?",
        "인터넷에서 직접 접근 불가(ECS Task, DB 등 내부 서비스)\n라우트 테이블에 게이트웨이 경로 X\n외부로부터 직접 접근 차단\n외부연결이 필요하면 NAT Gateway 경유"
      ),
      (.section, "AWS › Subnet?", "VPC 내에서 리소스를 가용 영역 단위로 분리하기 위해 도입"),
      (.section, "AWS › IGW (Internet Gateway)?", "VPC 리소스에 퍼블릭 인터넷을 연결하기 위해 도입된 완전 관리형 컴포넌트"),
      (
        .section, "AWS › NAT Gateway?",
        "Private Subnet의 ECS Task가 인터넷(예: DockerHub, S3 등)에 접근하려면 필요\n퍼블릭 서브넷에 생성하며 EIP(Elastic IP)를 할당해야 함"
      ),
      (.label, "보안그룹 › ALB용 보안그룹 › Inbound?", "80/443 (HTTP/HTTPS) 포트 오픈 (0.0.0.0/0 또는 제한된 IP 대역)"),
      (.label, "보안그룹 › ALB용 보안그룹 › Outbound?", "0.0.0.0/0 (제한 X)"),
      (
        .label, "보안그룹 › ECS Task용 보안그룹 › Inbound?",
        "ALB의 보안그룹만 허용 (예: source = ALB-SG, port = 8080)"
      ),
      (.label, "보안그룹 › ECS Task용 보안그룹 › Outbound?", "RDS, ElastiCache 등 필요한 리소스 대역만 허용"),
      (.label, "보안그룹 › DB용 보안그룹 › Inbound?", "ECS Task의 보안그룹만 허용 (최소 권한 원칙)"),
      (.label, "보안그룹 › DB용 보안그룹 › Outbound?", "필요시 제한"),
    ]
    return cards
  }

  @Test func seedGivesExactlyTheExpectedCards() {
    let cards = SeedNote.noteCards.cards
    let expected = Self.expected
    for (index, card) in cards.enumerated() where index < expected.count {
      let want = expected[index]
      #expect(card.kind == want.kind, "card \(index): \(card.prompt)")
      #expect(card.prompt == want.prompt, "card \(index)")
      #expect(card.answer == want.answer, "card \(index): \(card.prompt)")
    }
    #expect(cards.count == expected.count)
    #expect(cards.count == 100)
  }

  @Test func seedCountsByKind() {
    let cards = SeedNote.noteCards.cards
    var counts: [CardKind: Int] = [:]
    for card in cards { counts[card.kind, default: 0] += 1 }
    #expect(
      counts == [
        .tableCell: 30, .tableThing: 30, .term: 4, .definition: 4, .flowStep: 6, .flowOrder: 1,
        .section: 11, .label: 14,
      ])
  }

  @Test func tableCellsOfferTheSameAttributeOfTheOtherThings() throws {
    let cards = SeedNote.noteCards.cards
    let lambdaCons = try #require(cards.first { $0.prompt == "ECS / EKS / Lambda › Lambda › 단점?" })
    let cons = Self.table[3].cells.map { $0.joined(separator: "\n") }
    #expect(lambdaCons.choices == cons)
    #expect(lambdaCons.line == 8)
    #expect(lambdaCons.context == ["ECS / EKS / Lambda"])
    let which = try #require(
      cards.first {
        $0.kind == .tableThing && $0.answer == "Lambda" && $0.prompt.contains("콜드 스타트 이슈")
      })
    #expect(which.choices == ["ECS", "EKS", "Lambda"])
    #expect(which.siblingGroup == lambdaCons.siblingGroup)
    for card in cards where card.kind == .tableCell || card.kind == .tableThing {
      #expect(card.choices.count == 3)
      #expect(card.choices.filter { $0 == card.answer }.count == 1)
    }
  }

  @Test func definitionsChooseAmongTheNotesTerms() {
    let cards = SeedNote.noteCards.cards
    let terms = Self.glossary.map(\.term)
    let definitions = cards.filter { $0.kind == .definition }
    #expect(definitions.count == 4)
    for card in definitions { #expect(card.choices == terms) }
    #expect(cards.filter { $0.kind == .term }.map(\.line) == [16, 18, 20, 22])
  }

  @Test func flowStepsShowTheSectionThatDescribesThem() {
    let steps = SeedNote.noteCards.cards.filter { $0.kind == .flowStep }
    #expect(steps.map(\.line) == [27, 28, 29, 30, 31, 32])
    #expect(
      steps[0].detail
        == "- AWS DNS 관리 서비스\n- 도메인 주소를 ALB/ELB 또는 CDN에 연결\n- 브라우저가 DNS 서버에 질의 → Route 53이 ALB/CloudFront의 IP 리턴"
    )
    #expect(steps[1].detail == "- 정적 콘텐츠: 캐싱되어 바로 반환\n- 동적 콘텐츠: ALB로 전달")
    #expect(
      steps[2].detail?.hasPrefix("트래픽 분산, 라우팅, SSL 종료\n- HTTP/HTTPS 요청을 받아 ECS Task들에게 분산") == true)
    #expect(steps[2].detail?.contains("  - NLB: TCP/UDP 기반, 초고속, WebSocket 등 특수목적") == true)
    #expect(steps[3].detail == "AWS의 컨테이너 오케스트레이션 서비스")
    #expect(steps[4].detail == nil)
    #expect(steps[5].detail == nil)
    for step in steps {
      #expect(step.choices.contains(step.answer))
      #expect(step.choices.count >= 2 && step.choices.count <= 4)
    }
    let order = SeedNote.noteCards.cards.filter { $0.kind == .flowOrder }
    #expect(order.count == 1)
    // The steps to order come scrambled, the same way every time.
    #expect(Set(order.first?.choices ?? []) == Set(Self.steps))
    #expect(order.first?.choices.count == Self.steps.count)
    #expect(order.first?.choices != Self.steps)
    #expect(Set(steps.map(\.siblingGroup)) == [order.first?.siblingGroup ?? ""])
  }

  @Test func labelsCarryTheirHeadingPathAndGroup() throws {
    let cards = SeedNote.noteCards.cards
    let inbound = try #require(cards.first { $0.prompt == "보안그룹 › ECS Task용 보안그룹 › Inbound?" })
    #expect(inbound.context == ["AWS", "보안그룹", "ECS Task용 보안그룹"])
    #expect(inbound.line == 108)
    let fargate = try #require(cards.first { $0.prompt == "ECS Launch Type › Fargate?" })
    #expect(fargate.context == ["User Flow - ECS", "ECS", "ECS Launch Type"])
  }

  @Test func stubsListTheEmptySectionsWithTheirLines() {
    let stubs = SeedNote.noteCards.stubs
    #expect(
      stubs.map(\.message) == [
        "section 'Task Definition' has no content yet", "section 'SSL' has no content yet",
        "section 'HTTPS' has no content yet", "section 'CI / CD' has no content yet",
        "section '다이어 그램' has no content yet",
      ])
    #expect(stubs.map(\.line) == [70, 75, 76, 118, 123])
    #expect(stubs.allSatisfy { $0.kind == .emptySection && $0.file == "ecs-eks-lambda.md" })
  }

  @Test func keysAreUniqueStableAndReadable() {
    let cards = SeedNote.noteCards.cards
    #expect(Set(cards.map(\.key)).count == cards.count)
    #expect(Set(cards.map(\.id)).count == cards.count)
    #expect(cards.first?.key == "ECS / EKS / Lambda › table › ECS › 방향성")
    #expect(cards.contains { $0.key == "AWS › IAM › section" })
    #expect(cards.contains { $0.key == "ECS / EKS / Lambda › term › 콜드스타트" })
    #expect(cards.contains { $0.key == "User Flow - ECS › flow › 응답 반환" })
    #expect(cards.allSatisfy { $0.id.count == 12 && $0.contentHash.count == 16 })
  }

  @Test func generationIsDeterministic() {
    let first = SeedNote.noteCards
    let second = SeedNote.noteCards
    #expect(first == second)
  }

  @Test func codeImagesAndHTMLAreNeverAsked() {
    let note = """
      # Notes
      Plain text.
      ![diagram](a.png)
      <div>raw</div>

      ```swift
      let secret = 1
      ```
      """
    let cards = SeedNote.cards(of: note, deck: "n.md").cards
    #expect(cards.map(\.answer) == ["Plain text."])
    #expect(
      !cards.contains {
        $0.answer.contains("secret") || $0.answer.contains("diagram") || $0.answer.contains("raw")
      })
  }
}
