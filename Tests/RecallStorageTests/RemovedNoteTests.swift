import Foundation
import RecallCards
import RecallStorage
import Testing

/// Notes whose files were deleted from a folder being imported: their cards are retired with
/// their history, the import says so, and they come back if the file or its text returns.
struct RemovedNoteTests {
  private let day = Date(timeIntervalSince1970: 1_800_000_000)

  private func source(_ file: String, _ text: String) -> NoteSource {
    NoteSource(
      file: file, deck: (file as NSString).lastPathComponent, contents: .bytes(Array(text.utf8)))
  }

  /// Imports `sources` as found in `folders` (none: files given one by one); every file not
  /// imported is gone unless `existing` holds it.
  @discardableResult
  private func importing(
    _ store: Store, _ sources: [NoteSource], folders: [String], at offset: Double = 0,
    dryRun: Bool = false, existing: Set<String> = [], allowRemovals: Bool = false,
    unreadPaths: [String] = []
  ) throws -> ImportReport {
    try store.importNotes(
      sources, paths: folders.isEmpty ? sources.map(\.file) : folders, folders: folders,
      unreadPaths: unreadPaths, extraction: ImportEngineTests.lines, now: day + offset,
      dryRun: dryRun, allowRemovals: allowRemovals, fileExists: { existing.contains($0) })
  }

  /// Answers a card once, straight into the log.
  private func review(_ store: Store, _ cardID: Int64, at date: Date) throws {
    try store.recordReview(
      StoredReview(
        cardID: cardID, reviewedAt: date, rating: 3, quiz: "flip", durationMilliseconds: 1000,
        before: .new,
        after: CardSchedule(
          state: .learning, step: 0, stability: 2.3, difficulty: 5, due: date + 600,
          lastReview: date, reps: 1)))
  }

  private let ecs = "ECS: containers\nEKS: kubernetes\n"
  private let net = "VPC: network\n"

  @Test func fileDeletedFromTheFolderIsRetiredAndReported() throws {
    let store = try Store.inMemory()
    try importing(store, [source("/n/aws/ecs.md", ecs), source("/n/net.md", net)], folders: ["/n"])
    let ecsCards = try store.cards(deck: "ecs.md")
    try review(store, ecsCards[0].id, at: day + 10)

    let report = try importing(store, [source("/n/net.md", net)], folders: ["/n"], at: 20)
    #expect(report.removedNotes == [RemovedNote(file: "/n/aws/ecs.md", cards: 2)])
    #expect(report.retired == 2)
    #expect((report.added, report.unchanged, report.renamed) == (0, 1, 0))
    #expect(report.changedAnything)
    let after = try store.cards(deck: "ecs.md")
    #expect(after.map(\.id) == ecsCards.map(\.id))
    #expect(after.allSatisfy { $0.status == .retired && $0.retiredAt == day + 20 })
    #expect(try store.cards(deck: "net.md").map(\.status) == [.active])
    #expect(try store.reviews().count == 1)
    let note = try #require(try store.notes().first { $0.file == "/n/aws/ecs.md" })
    #expect(note.removedAt == day + 20)

    // Said once: the next import has nothing more to retire.
    let again = try importing(store, [source("/n/net.md", net)], folders: ["/n"], at: 30)
    #expect(again.removedNotes.isEmpty)
    #expect(again.retired == 0)
    #expect(!again.changedAnything)
  }

  @Test func restoredFileBringsItsCardsBackWithTheirHistory() throws {
    let store = try Store.inMemory()
    try importing(store, [source("/n/ecs.md", ecs), source("/n/net.md", net)], folders: ["/n"])
    let before = try store.cards(deck: "ecs.md")
    for card in before { try review(store, card.id, at: day + 10) }
    try importing(store, [source("/n/net.md", net)], folders: ["/n"], at: 20)

    // The same bytes come back at the same place: not skipped as unchanged, but restored.
    let back = try importing(
      store, [source("/n/ecs.md", ecs), source("/n/net.md", net)], folders: ["/n"], at: 30)
    #expect((back.restored, back.added, back.retired) == (2, 0, 0))
    #expect(back.removedNotes.isEmpty)
    let after = try store.cards(deck: "ecs.md")
    #expect(after.map(\.id) == before.map(\.id))
    #expect(after.allSatisfy { $0.status == .active && $0.retiredAt == nil && $0.schedule.reps == 1 })
    #expect(try store.reviews().count == 2)
    #expect(try store.notes().allSatisfy { $0.removedAt == nil })
  }

  @Test func textOfADeletedNoteReturningUnderAnotherNameIsRenamedAndRestored() throws {
    let store = try Store.inMemory()
    try importing(store, [source("/n/ecs.md", ecs)], folders: ["/n"])
    let before = try store.cards()
    try review(store, before[0].id, at: day + 10)
    try importing(store, [], folders: ["/n"], at: 20, allowRemovals: true)

    // Edited a little too: matched by the cards retired when the file was deleted.
    let text = ecs + "Lambda: functions\nFargate: serverless\n"
    let report = try importing(store, [source("/n/aws/containers.md", text)], folders: ["/n"], at: 30)
    #expect(report.moves == [NoteMove(from: "/n/ecs.md", to: "/n/aws/containers.md")])
    #expect((report.restored, report.added) == (2, 2))
    let after = try store.cards()
    #expect(after.prefix(2).map(\.id) == before.map(\.id))
    #expect(after.allSatisfy { $0.status == .active })
    #expect(try store.notes().count == 1)
    #expect(try store.reviews().count == 1)
  }

  @Test func importingSingleFilesRetiresNoOtherNote() throws {
    let store = try Store.inMemory()
    try importing(store, [source("/n/ecs.md", ecs), source("/n/net.md", net)], folders: ["/n"])
    let report = try importing(store, [source("/n/net.md", net + "IGW: gateway\n")], folders: [], at: 10)
    #expect(report.removedNotes.isEmpty)
    #expect(report.retired == 0)
    #expect(try store.cards(deck: "ecs.md").allSatisfy { $0.status == .active })
  }

  @Test func onlyNotesInsideTheImportedFolderAreRetired() throws {
    let store = try Store.inMemory()
    try importing(
      store,
      [source("/n/aws/ecs.md", ecs), source("/n/awsx/eks.md", ecs), source("/m/net.md", net)],
      folders: ["/n", "/m"])
    // Only /n/aws is imported now; /n/awsx shares its name's start but is another folder.
    let report = try importing(store, [], folders: ["/n/aws"], at: 10, allowRemovals: true)
    #expect(report.removedNotes == [RemovedNote(file: "/n/aws/ecs.md", cards: 2)])
    #expect(try store.cards(deck: "eks.md").allSatisfy { $0.status == .active })
    #expect(try store.cards(deck: "net.md").allSatisfy { $0.status == .active })
  }

  @Test func noteWhoseFileStillExistsIsNotRemoved() throws {
    let store = try Store.inMemory()
    try importing(store, [source("/n/ecs.md", ecs), source("/n/net.md", net)], folders: ["/n"])
    // ecs.md is still on disk but was not found (no longer a .md file, say): it stays.
    let report = try importing(
      store, [source("/n/net.md", net)], folders: ["/n"], at: 10, existing: ["/n/ecs.md"])
    #expect(report.removedNotes.isEmpty)
    #expect(try store.cards(deck: "ecs.md").allSatisfy { $0.status == .active })
  }

  @Test func renamedFileIsStillMatchedAsRenamedNotRemoved() throws {
    let store = try Store.inMemory()
    try importing(store, [source("/n/ecs.md", ecs)], folders: ["/n"])
    let before = try store.cards()
    let report = try importing(store, [source("/n/containers.md", ecs)], folders: ["/n"], at: 10)
    #expect(report.renamed == 1)
    #expect(report.removedNotes.isEmpty)
    #expect((report.added, report.retired) == (0, 0))
    #expect(try store.cards().map(\.id) == before.map(\.id))
    #expect(try store.cards().allSatisfy { $0.status == .active })
  }

  @Test func dryRunShowsTheRemovalAndWritesNothing() throws {
    let store = try Store.inMemory()
    try importing(store, [source("/n/ecs.md", ecs), source("/n/net.md", net)], folders: ["/n"])
    let cards = try store.cards()
    let report = try importing(store, [source("/n/net.md", net)], folders: ["/n"], at: 10, dryRun: true)
    #expect(report.isDryRun)
    #expect(report.removedNotes == [RemovedNote(file: "/n/ecs.md", cards: 2)])
    #expect(try store.cards() == cards)
    #expect(try store.notes().allSatisfy { $0.removedAt == nil })
  }

  // MARK: - Removals that need permission

  @Test func aFolderLeftWithoutNotesIsNotEmptiedWithoutPermission() throws {
    let store = try Store.inMemory()
    try importing(store, [source("/n/ecs.md", ecs), source("/n/net.md", net)], folders: ["/n"])
    let report = try importing(store, [], folders: ["/n"], at: 10)
    #expect(report.heldBackNotes == [RemovedNote(file: "/n/ecs.md", cards: 2), RemovedNote(file: "/n/net.md", cards: 1)])
    #expect(report.removedNotes.isEmpty)
    #expect(report.retired == 0)
    #expect(try store.cards().allSatisfy { $0.status == .active })
    // With permission, they are retired.
    let allowed = try importing(store, [], folders: ["/n"], at: 20, allowRemovals: true)
    #expect(allowed.heldBackNotes.isEmpty)
    #expect(allowed.removedNotes.map(\.file) == ["/n/ecs.md", "/n/net.md"])
    #expect(try store.cards().allSatisfy { $0.status == .retired })
  }

  @Test func mostOfAFoldersNotesGoneAtOnceAreHeldBackButAFewAreNot() throws {
    let store = try Store.inMemory()
    let notes = (0..<5).map { source("/n/\($0).md", "T\($0): text\n") }
    try importing(store, notes, folders: ["/n"])
    // Three of five gone: more than half.
    let most = try importing(store, Array(notes.prefix(2)), folders: ["/n"], at: 10)
    #expect(most.heldBackNotes.map(\.file) == ["/n/2.md", "/n/3.md", "/n/4.md"])
    #expect(most.retired == 0)
    // Two of five gone: retired as usual.
    let few = try importing(store, Array(notes.prefix(3)), folders: ["/n"], at: 20)
    #expect(few.heldBackNotes.isEmpty)
    #expect(few.removedNotes.map(\.file) == ["/n/3.md", "/n/4.md"])
  }

  @Test func notesInsideAFolderThatCouldNotBeReadKeepTheirCards() throws {
    let store = try Store.inMemory()
    try importing(
      store, [source("/n/a/ecs.md", ecs), source("/n/b/net.md", net), source("/n/c.md", net)],
      folders: ["/n"])
    // /n/a could not be listed: its note is not deleted, whatever the other folders say.
    let report = try importing(
      store, [source("/n/b/net.md", net), source("/n/c.md", net)], folders: ["/n"], at: 10,
      unreadPaths: ["/n/a"])
    #expect(report.removedNotes.isEmpty && report.heldBackNotes.isEmpty)
    #expect(try store.cards(deck: "ecs.md").allSatisfy { $0.status == .active })
  }

  // MARK: - What happens to each card

  @Test func aListingImportNamesEveryCardItTouchesWithItsReviews() throws {
    let store = try Store.inMemory()
    try importing(store, [source("/n/ecs.md", ecs + "Fargate: serverless\n"), source("/n/net.md", net)], folders: ["/n"])
    let eks = try #require(try store.cards(deck: "ecs.md").first { $0.card.prompt == "What is EKS?" })
    try review(store, eks.id, at: day + 5)
    let report = try store.importNotes(
      [source("/n/ecs.md", "ECS: containers\nEKS: Kubernetes\nLambda: functions\n")],
      paths: ["/n"], folders: ["/n"], extraction: ImportEngineTests.lines, now: day + 10,
      dryRun: true, allowRemovals: true, listsCards: true, fileExists: { _ in false })
    let changes = report.cardChanges.map { ($0.kind, $0.text.prompt, $0.reviews) }
    #expect(changes.count == 4)
    #expect(changes.contains { $0 == (.changed, "What is EKS?", 1) })
    #expect(changes.contains { $0 == (.added, "What is Lambda?", 0) })
    #expect(changes.contains { $0 == (.retired, "What is Fargate?", 0) })
    #expect(changes.contains { $0 == (.retired, "What is VPC?", 0) })
    let changed = try #require(report.cardChanges.first { $0.kind == .changed })
    #expect(changed.before?.answer == "kubernetes" && changed.text.answer == "Kubernetes")
    #expect(try store.cards().allSatisfy { $0.status == .active })
  }
}
