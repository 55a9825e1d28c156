import Foundation
import RecallMarkdown
import RecallTestSupport
import Testing

/// The seed note's whole tree, block by block with locations, as `recall parse` prints it.
///
/// This tree was checked against cmark-gfm's (the seed parses identically with and without
/// Recall's deviations). Regenerate it with `swift run recall parse Content/ecs-eks-lambda.md`
/// only after checking any difference by hand.
struct SeedTreeTests {
  @Test func exactTree() throws {
    let data = try Data(contentsOf: TestPaths.seedNote)
    let document = try MarkdownParser().parse([UInt8](data), file: "ecs-eks-lambda.md")
    let actual = document.treeDescription().split(separator: "\n", omittingEmptySubsequences: false)
    let expected = Self.expected.split(separator: "\n", omittingEmptySubsequences: false)
    for (index, pair) in zip(expected, actual).enumerated() where pair.0 != pair.1 {
      Issue.record("line \(index + 1) of the tree differs:\nexpected: \(pair.0)\nactual:   \(pair.1)")
      return
    }
    #expect(actual.count == expected.count)
    #expect(try MarkdownParser(options: .gitHub).parse([UInt8](data), file: "seed") == document)
  }

  static let expected = """
    1:1 heading 1 "ECS / EKS / Lambda"
    3:1 table 4 columns, 10 rows
      3:1 | 항목 | ECS / (Elastic Container Service) | EKS / (Elastic Kubernetes Service ) | Lambda |
      5:1 | 방향성 | • AWS 네이티브 환경에서 컨테이너를 간단하게 운영 / • 오케스트레이션 복잡성 최소화 | • 표준 Kubernetes 환경을 완전 관리형으로 제공 / • 오픈소스 표준 + AWS 안정성/확장성 | • 완전 서버리스, 인프라 관리 제거 / • 이벤트 기반 단위 작업 특화 |
      6:1 | 원리 | • Task 정의 기반 컨테이너 스케줄링 / • EC2 인스턴스(직접/ASG) 또는 Fargate(서버리스)에서 실행 | • AWS가 컨트롤플레인 완전 관리 / • 워커노드는 EC2 또는 Fargate로 실행, K8s 표준 API | • 이벤트 트리거 시 컨테이너로 프로비저닝 후 함수 실행 / • 실행 후 리소스 자동 반환 |
      7:1 | 장점 | • AWS 서비스와의 쉬운 연동 / • Fargate로 완전 서버리스 구현 | • 쿠버네티스 생태계 및 오픈소스 도구 활용 / • 멀티클라우드/온프레미스 호환 / • 다양한 확장 옵션 | • 완전 서버리스, 인프라 전혀 신경 X / • 빠른 확장 / • 사용한 만큼 과금 / • 이벤트/비동기/예약 작업에 최적 |
      8:1 | 단점 | • 쿠버네티스에 비해 기능이 제한적 / • AWS 종속 / • 복잡한 워크로드에 한계 | • 운영복잡도 증가 / • 클러스터 관리비용 추가 발생 | • 실행시간 제한 (15분) / • 메모리 제한 (10GB) / • 지속 커넥션/상태 유지 불가 / • 콜드 스타트 이슈 |
      9:1 | trade-off | 단순성, 운영편의성 높음 / 유연성 낮음 | 유연성, 확장성 높음 / 복잡도 높음 | 완전한 서버리스 가능 / 실행환경, 지속성 제약 |
      10:1 | 적합 | • 중간 규모 마이크로서비스 아키텍처 / • 빠른 배포/확장 / • 서버리스 컨테이너 | • 대규모 마이크로서비스 아키텍처 / • 멀티 클라우드 전략이 필요한 경우 | • 이벤트 기반 처리 / • 간헐적으로 실행되는 작업 / • 예약된 크론 작업 |
      11:1 | 부적합 | • 쿠버네티스 생태계 활용 필수 환경 / • 멀티 클라우드가 필수 환경 | • 소규모 어플리케이션 / • 쿠버네티스 경험 없는 조직 | • 15분 이상 실행되는 작업 / • 지속적 통신 연결이 필요한 경우 / • 상태를 유지해야 하는 어플리케이션 |
      12:1 | 확장성 | ASG/Fargate 오토스케일링 | 다양한 확장 옵션 존재 (HPA, VPA, Cluster Autoscaler ..) | 요청에 따라 자동으로 확장 / • 동시실행제한 (디폴트 1000개) |
      13:1 | 모니터링 | • CloudWatch/X-Ray 기본 | • Prometheus, Grafana등의 오픈소스 / • CloudWatch 가능 | • CloudWatch Logs가 자동 통합 / • X-Ray 트레이싱이 내장 |
      14:1 | 배포전략 | • 롤링 업데이트가 기본 / • Blue/Green은 CodeDeploy 연동 필요 | • 롤링, Blue/Green, 카나리 등 모든 전략이 네이티브로 지원 | 버전/별칭/Weighted Alias, CodeDeploy |
    16:1 paragraph "컨트롤플레인: 클러스터 및 서비스 상태, 배치, 오케스트레이션을 중앙에서 관리하는 핵심 관리 컴포넌트\\n프로비저닝: 사용자가 요청한 리소스(서버, 컨테이너, 함수 등)를 자동 또는 수동으로 생성/할당/준비하는 과정\\n콜드스타트: 서버리스 함수/컨테이너 서비스가 웜업 없ㅇ리 배포되어 첫 응답이 지연되는 현상\\n하이브리드 배포: 메인 서비스는 ECS/EKS 사용, 이벤트 처리/배치작업은 Lambda 사용" strong: "컨트롤플레인:", "프로비저닝:", "콜드스타트:", "하이브리드 배포:"
    24:1 html "<br>"
    26:1 heading 1 "User Flow - ECS"
    27:1 ordered list from 1, tight
      27:1 item
        27:4 paragraph "DNS (Route 53)" strong: "DNS (Route 53)"
      28:1 item
        28:4 paragraph "CDN (S3, CloudFront) - 선택사항" strong: "CDN (S3, CloudFront) - 선택사항"
      29:1 item
        29:4 paragraph "로드밸런서 (ALB)" strong: "로드밸런서 (ALB)"
      30:1 item
        30:4 paragraph "컨테이너 오케스트레이션 (ECS)" strong: "컨테이너 오케스트레이션 (ECS)"
      31:1 item
        31:4 paragraph "Storage (RDS, ElastiCache ...)" strong: "Storage (RDS, ElastiCache ...)"
      32:1 item
        32:4 paragraph "응답 반환" strong: "응답 반환"
    34:1 heading 2 "Route53"
    35:1 bullet list, tight
      35:1 item
        35:3 paragraph "AWS DNS 관리 서비스"
      36:1 item
        36:3 paragraph "도메인 주소를 ALB/ELB 또는 CDN에 연결"
      37:1 item
        37:3 paragraph "브라우저가 DNS 서버에 질의 → Route 53이 ALB/CloudFront의 IP 리턴"
    39:1 heading 2 "CloudFront"
    40:1 bullet list, tight
      40:1 item
        40:3 paragraph "정적 콘텐츠: 캐싱되어 바로 반환"
      41:1 item
        41:3 paragraph "동적 콘텐츠: ALB로 전달"
    43:1 heading 2 "ALB"
    44:1 paragraph "트래픽 분산, 라우팅, SSL 종료"
    45:1 bullet list, tight
      45:1 item
        45:3 paragraph "HTTP/HTTPS 요청을 받아 ECS Task들에게 분산"
      46:1 item
        46:3 paragraph "경로 기반 라우팅"
      47:1 item
        47:3 paragraph "SSL 종단점 (HTTPS 종료)"
      48:1 item
        48:3 paragraph "ALB → Target Group → ECS Task"
      49:1 item
        49:3 paragraph "ALB / NLB"
        50:2 bullet list, tight
          50:2 item
            50:4 paragraph "ALB: HTTP/HTTPS 기반, 경로/호스트 기반 라우팅, 웹에 최적"
          51:2 item
            51:4 paragraph "NLB: TCP/UDP 기반, 초고속, WebSocket 등 특수목적"
    53:1 heading 2 "ECS"
    54:1 paragraph "AWS의 컨테이너 오케스트레이션 서비스"
    55:1 heading 3 "ECS Launch Type"
    56:1 bullet list, tight
      56:1 item
        56:3 paragraph "Fargate: 서버리스, 인프라 관리 X, 비용 조금 더 높음, 개발 편의성 좋음, 빠른 배포"
      57:1 item
        57:3 paragraph "EC2: 직접 인스턴스 관리, 세밀한 튜닝, 비용 효율적일 수 있음, 유지보수 부담"
    58:1 heading 3 "ECS Service"
    59:1 paragraph "하나의 백엔드 마이크로서비스(예: ProductService) 관리"
    60:1 bullet list, tight
      60:1 item
        60:3 paragraph "원하는 Task 수를 유지"
      61:1 item
        61:3 paragraph "오토스케일링 설정 가능"
    62:1 heading 3 "ECS Task"
    63:1 paragraph "실제로 실행되는 컨테이너 인스턴스(예: product-api)"
    64:1 bullet list, tight
      64:1 item
        64:3 paragraph "보통 1 Task - 1 컨테이너 패턴"
      65:1 item
        65:3 paragraph "RDS, ElastiCache 등 다른 AWS 리소스와 통신"
        66:2 bullet list, tight
          66:2 item
            66:4 paragraph "보통 VPC 내에서 Private Subnet을 사용"
    67:1 heading 3 "ALB Target Group"
    68:1 paragraph "각 ECS Task들이 타겟 그룹의 멤버로 등록"
    69:1 bullet list, tight
      69:1 item
        69:3 paragraph "ALB에서 헬스체크, 트래픽 분배"
    70:1 heading 3 "Task Definition"
    72:1 html "<br>"
    74:1 heading 1 "통신"
    75:1 heading 3 "SSL"
    76:1 heading 3 "HTTPS"
    78:1 html "<br>"
    80:1 heading 1 "AWS"
    81:1 heading 3 "IAM"
    82:1 bullet list, tight
      82:1 item
        82:3 paragraph "AWS 리소스에 누가, 무엇을, 어떻게 접근할지에 대한 권한을 관리"
    83:1 heading 3 "VPC"
    84:1 paragraph "AWS의 독립적인 네트워크 공간"
    85:1 bullet list, tight
      85:1 item
        85:3 paragraph "다른 서비스와 논리적으로 격리"
    86:1 heading 3 "Subnet"
    87:1 paragraph "VPC 내에서 리소스를 가용 영역 단위로 분리하기 위해 도입"
    88:1 bullet list, tight
      88:1 item
        88:3 paragraph "public"
        89:2 bullet list, tight
          89:2 item
            89:4 paragraph "인터넷에서 직접 접근 가능(로드밸런서, Bastion Host 등)"
          90:5 item
            90:7 paragraph "라우트 테이블에 엔트리 포함"
          91:5 item
            91:7 paragraph "직접적인 인터넷 접근 가능"
          92:5 item
            92:7 paragraph "퍼블릭 IP 또는 EIP를 할당하면 외부와 양방향 통신 가능"
      93:1 item
        93:3 paragraph "private"
        94:2 bullet list, tight
          94:2 item
            94:4 paragraph "인터넷에서 직접 접근 불가(ECS Task, DB 등 내부 서비스)"
          95:5 item
            95:7 paragraph "라우트 테이블에 게이트웨이 경로 X"
          96:5 item
            96:7 paragraph "외부로부터 직접 접근 차단"
          97:5 item
            97:7 paragraph "외부연결이 필요하면 NAT Gateway 경유"
    98:1 heading 3 "IGW (Internet Gateway)"
    99:1 bullet list, tight
      99:1 item
        99:3 paragraph "VPC 리소스에 퍼블릭 인터넷을 연결하기 위해 도입된 완전 관리형 컴포넌트"
    100:1 heading 3 "NAT Gateway"
    101:1 paragraph "Private Subnet의 ECS Task가 인터넷(예: DockerHub, S3 등)에 접근하려면 필요"
    102:1 bullet list, tight
      102:1 item
        102:3 paragraph "퍼블릭 서브넷에 생성하며 EIP(Elastic IP)를 할당해야 함"
    103:1 heading 3 "보안그룹"
    104:1 bullet list, tight
      104:1 item
        104:3 paragraph "ALB용 보안그룹"
        105:5 bullet list, tight
          105:5 item
            105:7 paragraph "Inbound: 80/443 (HTTP/HTTPS) 포트 오픈 (0.0.0.0/0 또는 제한된 IP 대역)"
          106:5 item
            106:7 paragraph "Outbound: 0.0.0.0/0 (제한 X)"
      107:1 item
        107:3 paragraph "ECS Task용 보안그룹"
        108:5 bullet list, tight
          108:5 item
            108:7 paragraph "Inbound: ALB의 보안그룹만 허용 (예: source = ALB-SG, port = 8080)"
          109:5 item
            109:7 paragraph "Outbound: RDS, ElastiCache 등 필요한 리소스 대역만 허용"
      110:1 item
        110:3 paragraph "DB용 보안그룹"
        111:5 bullet list, tight
          111:5 item
            111:7 paragraph "Inbound: ECS Task의 보안그룹만 허용 (최소 권한 원칙)"
          112:5 item
            112:7 paragraph "Outbound: 필요시 제한"
    115:1 html "<br>"
    118:1 heading 1 "CI / CD"
    121:1 html "<br>"
    123:1 heading 1 "다이어 그램"

    """
}
