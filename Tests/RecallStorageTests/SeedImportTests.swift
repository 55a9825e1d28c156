import Foundation
import RecallCards
import RecallMarkdown
import RecallStorage
import RecallTestSupport
import Testing

/// The seed note imported, then edited the way people edit their notes, and imported again after
/// each edit: the cards follow as a person would expect, and not one review is lost.
///
/// Every card gets a review right after the first import; after each step the review log must
/// hold exactly those reviews, each still pointing at its card.
@Suite(.serialized)
struct SeedImportTests {
  /// A notes folder on disk holding the seed, and a store.
  struct Library {
    let folder: URL
    let store: Store
    var notes: URL { folder.appendingPathComponent("notes") }
    var clock = Date(timeIntervalSince1970: 1_800_000_000)

    init() throws {
      folder = try TestPaths.makeTemporaryFolder("recall-seed-import")
      try FileManager.default.createDirectory(
        at: folder.appendingPathComponent("notes/aws"), withIntermediateDirectories: true)
      try FileManager.default.copyItem(
        at: TestPaths.seedNote, to: folder.appendingPathComponent("notes/aws/ecs-eks-lambda.md"))
      store = try Store.open(at: folder.appendingPathComponent("recall.sqlite").path)
    }

    /// The seed's path.
    var seedFile: URL { notes.appendingPathComponent("aws/ecs-eks-lambda.md") }

    /// The seed note's current text.
    func text(_ file: URL? = nil) throws -> String {
      try String(contentsOf: file ?? seedFile, encoding: .utf8)
    }

    /// Rewrites the seed note with `edit` applied, checking that the edit found its text.
    func edit(_ edit: (String) -> String, file: URL? = nil) throws {
      let before = try text(file)
      let after = edit(before)
      #expect(after != before, "the edit changed nothing")
      try after.write(to: file ?? seedFile, atomically: true, encoding: .utf8)
    }

    /// Imports the notes folder, a day after the previous import.
    mutating func importNotes() throws -> ImportReport {
      clock += 86_400
      let search = NoteSearch(paths: [notes.path])
      let report = try store.importNotes(
        search.sources, paths: [notes.path], extraction: .markdown, now: clock)
      #expect(report.errors.isEmpty, "\(report.errors)")
      return report
    }

    /// The stored cards by key (keys leave out the deck, so they survive a rename).
    func cardsByKey() throws -> [String: StoredCard] {
      var result: [String: StoredCard] = [:]
      for card in try store.cards() {
        let key = card.card.key
        #expect(result[key] == nil, "two cards with the key \(key)")
        result[key] = card
      }
      return result
    }
  }

  /// `text` with `old` replaced by `new`, which must be there.
  private func replacing(_ old: String, with new: String) -> (String) -> String {
    { text in
      #expect(text.contains(old), "the note has no '\(old)'")
      return text.replacingOccurrences(of: old, with: new)
    }
  }

  /// Answers every active card once, and returns the review ids.
  private func reviewEverything(_ library: Library) throws -> Set<UUID> {
    var ids: Set<UUID> = []
    for card in try library.store.cards(status: .active) {
      let entry = StoredReview(
        cardID: card.id, reviewedAt: library.clock + 3600, rating: 3, quiz: "flip",
        durationMilliseconds: 1500, before: card.schedule,
        after: CardSchedule(
          state: .learning, step: 1, stability: 2.3065, difficulty: 2.118,
          due: library.clock + 4200, lastReview: library.clock + 3600, reps: 1))
      try library.store.recordReview(entry)
      ids.insert(entry.id)
    }
    return ids
  }

  /// Every review is still in the log, on a card that is still stored.
  private func expectNoReviewLost(_ library: Library, _ ids: Set<UUID>, _ step: String) throws {
    let reviews = try library.store.reviews()
    #expect(Set(reviews.map(\.id)) == ids, "reviews lost at: \(step)")
    let cardIDs = Set(try library.store.cards().map(\.id))
    #expect(reviews.allSatisfy { cardIDs.contains($0.cardID) }, "a review lost its card at: \(step)")
    #expect(
      try library.store.cards(status: .active).allSatisfy { $0.schedule.reps == 1 || $0.schedule.state == .new },
      "a schedule was reset at: \(step)")
  }

  @Test func everyEditKeepsEveryReview() throws {
    var library = try Library()

    // 1. The seed.
    let first = try library.importNotes()
    #expect(first.added == 100)
    #expect(first.stubs.count == 5)
    let original = try library.cardsByKey()
    #expect(original.count == 100)
    let reviews = try reviewEverything(library)
    #expect(reviews.count == 100)
    let reviewed = try library.cardsByKey()

    // 2. Imported again unchanged: nothing changes, not even a time.
    let again = try library.importNotes()
    #expect((again.added, again.changed, again.retired, again.restored, again.renamed) == (0, 0, 0, 0, 0))
    #expect(again.unchanged == 100 && again.unchangedNotes == 1)
    #expect(try library.cardsByKey() == reviewed)
    try expectNoReviewLost(library, reviews, "unchanged")

    // 3. Answers edited: a table cell, a definition's typo, a section's bullet.
    try library.edit(replacing("ASG/Fargate 오토스케일링", with: "ASG/Fargate 오토스케일링 (Service Auto Scaling)"))
    try library.edit(replacing("웜업 없ㅇ리", with: "웜업 없이"))
    try library.edit(replacing("- AWS DNS 관리 서비스", with: "- AWS의 DNS 관리 서비스"))
    let edited = try library.importNotes()
    #expect((edited.added, edited.retired, edited.restored) == (0, 0, 0))
    #expect(edited.changed >= 3)
    #expect(edited.changed + edited.unchanged == 100)
    let afterAnswers = try library.cardsByKey()
    #expect(Set(afterAnswers.keys) == Set(original.keys))
    for (key, card) in afterAnswers {
      #expect(card.id == original[key]?.id, "\(key) became another card")
    }
    let cell = try #require(afterAnswers["ECS / EKS / Lambda › table › ECS › 확장성"])
    #expect(cell.card.answer.contains("Service Auto Scaling"))
    #expect(cell.contentChangedAt == library.clock)
    #expect(cell.schedule.reps == 1)
    let route53 = try #require(afterAnswers["User Flow - ECS › Route53 › section"])
    #expect(route53.card.answer.contains("AWS의 DNS"))
    #expect(afterAnswers["ECS / EKS / Lambda › table › EKS › 확장성"]?.contentChangedAt == original["ECS / EKS / Lambda › table › EKS › 확장성"]?.contentChangedAt)
    try expectNoReviewLost(library, reviews, "answers edited")

    // 4. The glossary rewritten from `**X:**` lines into `- X:` bullets.
    try library.edit { text in
      var lines: [String] = []
      for line in text.components(separatedBy: "\n") {
        if line.hasPrefix("**"), let end = line.range(of: ":**") {
          let term = line[line.index(line.startIndex, offsetBy: 2)..<end.lowerBound]
          lines.append("- \(term): " + line[end.upperBound...].trimmingCharacters(in: .whitespaces))
        } else if line == "<br>", lines.last?.hasPrefix("- ") == true {
          continue
        } else {
          lines.append(line)
        }
      }
      return lines.joined(separator: "\n")
    }
    #expect(try library.text().contains("- 콜드스타트: 서버리스"))
    let bullets = try library.importNotes()
    #expect((bullets.added, bullets.retired, bullets.restored) == (0, 0, 0))
    let afterBullets = try library.cardsByKey()
    for key in ["컨트롤플레인", "프로비저닝", "콜드스타트", "하이브리드 배포"] {
      let term = "ECS / EKS / Lambda › term › \(key)"
      #expect(afterBullets[term]?.id == original[term]?.id, "\(term) became another card")
      #expect(afterBullets[term + " › which"]?.id == original[term + " › which"]?.id)
    }
    try expectNoReviewLost(library, reviews, "glossary as bullets")

    // 5. Rows and columns of the table reordered.
    try library.edit { text in
      var lines = text.components(separatedBy: "\n")
      // Rows: 원리 before 방향성; 배포전략 first.
      lines.swapAt(4, 5)
      let deployment = lines.remove(at: 13)
      lines.insert(deployment, at: 4)
      // Columns: Lambda before ECS (in every row of the table).
      for index in 2..<14 {
        var cells = lines[index].components(separatedBy: "|")
        // "", label, ECS, EKS, Lambda, "" (the last row ends without a space before its pipe)
        guard cells.count >= 6 else { continue }
        let lambda = cells.remove(at: 4)
        cells.insert(lambda, at: 2)
        lines[index] = cells.joined(separator: "|")
      }
      return lines.joined(separator: "\n")
    }
    let reordered = try library.importNotes()
    #expect((reordered.added, reordered.retired, reordered.restored, reordered.changed) == (0, 0, 0, 0))
    let afterReorder = try library.cardsByKey()
    #expect(Set(afterReorder.keys) == Set(original.keys))
    for (key, card) in afterReorder { #expect(card.id == original[key]?.id, "\(key) became another card") }
    #expect(afterReorder["ECS / EKS / Lambda › table › ECS › 배포전략"]?.card.line == 5)
    try expectNoReviewLost(library, reviews, "rows and columns reordered")

    // 6. A typo fixed in a term and in a row name.
    try library.edit(replacing("- 컨트롤플레인:", with: "- 컨트롤 플레인:"))
    try library.edit(replacing("**배포전략**", with: "**배포 전략**"))
    let typo = try library.importNotes()
    #expect((typo.added, typo.retired, typo.restored) == (0, 0, 0))
    let afterTypo = try library.cardsByKey()
    #expect(
      afterTypo["ECS / EKS / Lambda › term › 컨트롤 플레인"]?.id
        == original["ECS / EKS / Lambda › term › 컨트롤플레인"]?.id)
    #expect(
      afterTypo["ECS / EKS / Lambda › table › Lambda › 배포 전략"]?.id
        == original["ECS / EKS / Lambda › table › Lambda › 배포전략"]?.id)
    try expectNoReviewLost(library, reviews, "typo fixed")

    // 7. A section deleted: its cards retire with their history...
    let cloudFront = "## CloudFront\n- 정적 콘텐츠: 캐싱되어 바로 반환\n- 동적 콘텐츠: ALB로 전달\n"
    try library.edit(replacing(cloudFront, with: ""))
    let deleted = try library.importNotes()
    // The CDN step of the flow showed the CloudFront section as its detail: it lost it.
    #expect((deleted.added, deleted.retired, deleted.changed) == (0, 2, 1))
    let cdn = try #require(try library.cardsByKey()["User Flow - ECS › flow › CDN (S3, CloudFront) - 선택사항"])
    #expect(cdn.contentChangedAt == library.clock && cdn.card.detail == nil)
    let retired = try library.store.cards(status: .retired)
    #expect(Set(retired.map(\.card.key).map { $0.components(separatedBy: " › ").last ?? "" }) == ["정적 콘텐츠", "동적 콘텐츠"])
    #expect(retired.allSatisfy { $0.retiredAt == library.clock && $0.schedule.reps == 1 })
    try expectNoReviewLost(library, reviews, "section deleted")

    // ...and come back with it when the section is restored.
    try library.edit(replacing("## ALB\n", with: cloudFront + "\n## ALB\n"))
    let restored = try library.importNotes()
    #expect((restored.added, restored.retired, restored.restored) == (0, 0, 2))
    #expect(try library.store.cards(status: .retired).isEmpty)
    let afterRestore = try library.cardsByKey()
    for card in retired {
      #expect(afterRestore[card.card.key]?.id == card.id)
      #expect(afterRestore[card.card.key]?.status == .active)
      #expect(try library.store.reviews(cardID: card.id).count == 1)
    }
    try expectNoReviewLost(library, reviews, "section restored")

    // 8. The file renamed and moved to another folder.
    let moved = library.notes.appendingPathComponent("cloud/containers.md")
    try FileManager.default.createDirectory(
      at: moved.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.moveItem(at: library.seedFile, to: moved)
    let renamed = try library.importNotes()
    #expect(renamed.renamed == 1)
    #expect((renamed.added, renamed.retired, renamed.restored) == (0, 0, 0))
    #expect(renamed.moves.map(\.to) == [moved.resolvingSymlinksInPath().path])
    let afterMove = try library.cardsByKey()
    #expect(Set(afterMove.values.map(\.id)) == Set(afterRestore.values.map(\.id)))
    // Keys name cards within their note: the very same keys after the move.
    for (key, card) in afterMove { #expect(afterRestore[key]?.id == card.id, "\(key) changed") }
    #expect(afterMove.values.allSatisfy { $0.card.deck == "cloud/containers.md" })
    #expect(try library.store.notes().map(\.deck) == ["cloud/containers.md"])
    try expectNoReviewLost(library, reviews, "file renamed and moved")

    // And once more, unchanged after all that.
    let settled = try library.importNotes()
    #expect(!settled.changedAnything && settled.unchangedNotes == 1)
    #expect(try library.store.cards(status: .active).count == 100)
  }

  @Test func noteWhoseFileIsGoneKeepsItsCards() throws {
    var library = try Library()
    _ = try library.importNotes()
    try FileManager.default.removeItem(at: library.seedFile)
    let other = library.notes.appendingPathComponent("other.md")
    try "# Other\n\nsomething else\n".write(to: other, atomically: true, encoding: .utf8)
    let report = try library.importNotes()
    #expect(report.retired == 0 && report.renamed == 0)
    #expect(try library.store.cards(status: .active).count == 101)
  }

  @Test func unreadableNoteNeverRetiresItsCards() throws {
    var library = try Library()
    _ = try library.importNotes()
    var bytes = Array(try library.text().utf8)
    bytes.insert(0xFF, at: 40)
    try Data(bytes).write(to: library.seedFile)
    library.clock += 86_400
    let report = try library.store.importNotes(
      NoteSearch(paths: [library.notes.path]).sources, paths: [], extraction: .markdown,
      now: library.clock)
    #expect(report.errors.count == 1)
    #expect(report.errors.first?.line == 3)
    #expect(report.retired == 0)
    #expect(try library.store.cards(status: .active).count == 100)
  }
}
