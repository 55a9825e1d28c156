import Foundation
import RecallMarkdown
import RecallTestSupport
import Testing

/// The seed note (`Content/ecs-eks-lambda.md`) must parse exactly as its author wrote it.
struct SeedNoteTests {
  private func seed() throws -> MarkdownDocument {
    let data = try Data(contentsOf: TestPaths.seedNote)
    return try MarkdownParser().parse([UInt8](data), file: "ecs-eks-lambda.md")
  }

  /// The comparison table: header with `<br>` lines, 10 rows, bullet lines split at `<br>`.
  @Test func comparisonTable() throws {
    let document = try seed()
    guard case .table(let table) = document.blocks[1] else {
      Issue.record("block 2 is not a table: \(document.blocks[1])")
      return
    }
    #expect(table.location == Location(line: 3, column: 1))
    #expect(table.header.cells.map(\.content.plainText) == [
      "항목", "ECS\n(Elastic Container Service)", "EKS\n(Elastic Kubernetes Service )", "Lambda",
    ])
    #expect(table.alignments == [.none, .none, .none, .none])
    #expect(table.rows.count == 10)
    #expect(table.rows.allSatisfy { $0.cells.count == 4 })
    let direction = table.rows[0]
    #expect(direction.cells[0].content.strongTexts == ["방향성"])
    #expect(direction.cells[1].lines == [
      CellLine(text: "AWS 네이티브 환경에서 컨테이너를 간단하게 운영", isBullet: true),
      CellLine(text: "오케스트레이션 복잡성 최소화", isBullet: true),
    ])
    #expect(direction.location == Location(line: 5, column: 1))
    // A cell whose first line is not a bullet but later lines are.
    let scaling = table.rows[7]
    #expect(scaling.cells[3].lines == [
      CellLine(text: "요청에 따라 자동으로 확장", isBullet: false),
      CellLine(text: "동시실행제한 (디폴트 1000개)", isBullet: true),
    ])
    // The last row has no outer pipe before its last cell.
    #expect(table.rows[9].cells[3].content.plainText == "버전/별칭/Weighted Alias, CodeDeploy")
  }

  /// The glossary: bold terms separated by `<br>` lines form one paragraph of four lines.
  @Test func glossaryParagraph() throws {
    let document = try seed()
    guard case .paragraph(let paragraph) = document.blocks[2] else {
      Issue.record("block 3 is not a paragraph")
      return
    }
    #expect(paragraph.location == Location(line: 16, column: 1))
    #expect(paragraph.content.strongTexts == ["컨트롤플레인:", "프로비저닝:", "콜드스타트:", "하이브리드 배포:"])
    #expect(paragraph.content.lines.count == 4)
    #expect(paragraph.content.lines[3] == "하이브리드 배포: 메인 서비스는 ECS/EKS 사용, 이벤트 처리/배치작업은 Lambda 사용")
  }

  /// The numbered user flow is one tight ordered list of six bold steps.
  @Test func userFlow() throws {
    let document = try seed()
    guard case .list(let list) = document.blocks[5] else {
      Issue.record("block 6 is not a list")
      return
    }
    #expect(list.isOrdered && list.start == 1 && list.isTight)
    #expect(list.items.count == 6)
    #expect(list.location == Location(line: 27, column: 1))
    let steps = list.items.map { item -> String in
      guard case .paragraph(let paragraph)? = item.blocks.first else { return "" }
      return paragraph.content.strongTexts.joined()
    }
    #expect(steps == [
      "DNS (Route 53)", "CDN (S3, CloudFront) - 선택사항", "로드밸런서 (ALB)",
      "컨테이너 오케스트레이션 (ECS)", "Storage (RDS, ElastiCache ...)", "응답 반환",
    ])
  }

  /// Bullets nested with a tab and with four spaces become nested lists.
  @Test func nestedBulletsWithTabsAndSpaces() throws {
    let document = try seed()
    func list(at line: Int) -> ListBlock? {
      document.blocks.lazy.compactMap { block -> ListBlock? in
        if case .list(let list) = block, list.location.line == line { return list }
        return nil
      }.first
    }
    // `- ALB / NLB` then two tab-indented bullets (lines 49–51).
    let alb = try #require(list(at: 45))
    #expect(alb.items.count == 5)
    let last = try #require(alb.items.last)
    #expect(last.location == Location(line: 49, column: 1))
    guard case .list(let nested)? = last.blocks.last else {
      Issue.record("the last ALB item has no nested list")
      return
    }
    #expect(nested.items.count == 2)
    #expect(nested.location == Location(line: 50, column: 2))
    // `- public` then a tab bullet and three four-space bullets (lines 88–92).
    let publicItem = try #require(list(at: 88)?.items.first)
    guard case .list(let publicList)? = publicItem.blocks.last else {
      Issue.record("`public` has no nested list")
      return
    }
    #expect(publicList.items.count == 4)
  }

  /// Empty headings are kept, and `<br>` lines after blank lines are HTML blocks of their own.
  @Test func emptyHeadingsAndBreakLines() throws {
    let document = try seed()
    let headings = document.blocks.compactMap { block -> String? in
      if case .heading(let heading) = block { return "\(heading.level) \(heading.content.plainText)" }
      return nil
    }
    #expect(headings.first == "1 ECS / EKS / Lambda")
    #expect(headings.contains("3 Task Definition"))
    #expect(headings.last == "1 다이어 그램")
    let breaks = document.blocks.filter {
      if case .htmlBlock(let html) = $0 { return html.html == "<br>" }
      return false
    }
    #expect(breaks.count == 5)
  }
}
