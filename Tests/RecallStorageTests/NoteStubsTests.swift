import Foundation
import GRDB
import RecallCards
import RecallTestSupport
import Testing

@testable import RecallStorage

/// The stubs of a note, kept with it so that an import that skips it as unchanged lists them too.
struct NoteStubsTests {
  let day = Date(timeIntervalSince1970: 1_800_000_000)

  /// A Korean note with cards and one empty section.
  static let note = """
    # ECS / EKS / Lambda

    ## 용어

    - **콜드스타트**: 함수가 처음 실행될 때의 지연
    - **프로비저닝**: 미리 용량을 준비하는 것

    ## 빈 섹션

    """

  /// A note without stubs.
  static let dns = "# DNS\n\n## Route53\n\nAWS의 관리형 DNS 서비스입니다.\n"

  func importing(_ store: Store, _ text: String, file: String = "aws/ecs.md", at offset: Double = 0, dryRun: Bool = false)
    throws -> ImportReport
  {
    try store.importNotes(
      [NoteSource(file: "/notes/" + file, deck: file, contents: .bytes(Array(text.utf8)))], paths: ["/notes"], extraction: .markdown,
      now: day + offset, dryRun: dryRun, fileExists: { _ in true })
  }

  @Test func anUnchangedNoteListsTheStubsItHadWhenRead() throws {
    let store = try Store.inMemory()
    let text = Self.note + "## 두 번째 빈 섹션\n"
    let first = try importing(store, text)
    #expect(first.stubs.count == 2)
    #expect(first.stubs.allSatisfy { $0.file == "/notes/aws/ecs.md" && $0.kind == .emptySection })

    let again = try importing(store, text, at: 60)
    #expect(again.unchangedNotes == 1)
    #expect(again.stubs == first.stubs)
    #expect(try importing(store, text, at: 90, dryRun: true).stubs == first.stubs)

    // Filling a section takes its stub away, for the edit and for the imports after it.
    let filled = text.replacingOccurrences(of: "## 빈 섹션\n", with: "## 빈 섹션\n\n이제 내용이 있습니다.\n")
    let edited = try importing(store, filled, at: 120)
    #expect(edited.stubs.map(\.message) == [first.stubs[1].message])
    let later = try importing(store, filled, at: 180)
    #expect(later.unchangedNotes == 1)
    #expect(later.stubs == edited.stubs)
  }

  @Test func theStoredStubsAreOneJSONArrayPerNote() throws {
    let store = try Store.inMemory()
    _ = try importing(store, Self.note)
    _ = try importing(store, Self.dns, file: "net/dns.md")
    try store.read { db in
      let rows = try Row.fetchAll(db, sql: "SELECT deck, stubs FROM note ORDER BY deck")
      #expect(rows.map { $0[0] as String } == ["aws/ecs.md", "net/dns.md"])
      #expect(rows[1][1] as String == "[]")
      let stubs = NoteStubs.decode(rows[0][1], file: "f.md")
      #expect(stubs.count == 1 && stubs[0].kind == .emptySection && stubs[0].file == "f.md")
    }
    #expect(throws: (any Error).self) {
      try store.write { db in try db.execute(sql: "UPDATE note SET stubs = '{\"a\": 1}'") }
    }
  }

  @Test func stubsRoundTripThroughTheirColumn() {
    let stubs = [
      Stub(kind: .termWithoutDefinition, file: "x.md", line: 3, message: "term \"A\\B\" has no\ndefinition"),
      Stub(kind: .emptyTable, file: "x.md", line: 40, message: "표 '비교' 가 비어 있음\u{1}"),
    ]
    let text = NoteStubs.encode(stubs)
    #expect(NoteStubs.decode(text, file: "x.md") == stubs)
    #expect(NoteStubs.encode([]) == "[]")
    #expect(NoteStubs.decode("not json", file: "x.md").isEmpty)
  }
}
