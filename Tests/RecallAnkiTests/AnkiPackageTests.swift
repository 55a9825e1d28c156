import Foundation
import RecallStorage
import RecallTestSupport
import Testing
import ZIPFoundation

@testable import RecallAnki

/// Anki packages written and read back, in the legacy layout and in the current one (zstd).
struct AnkiPackageTests {
  /// A collection with a card of every kind of schedule and a review log (its values rounded
  /// as Anki rounds them in `cards.data`).
  static let collection: AnkiCollection = {
    var collection = AnkiCollection(
      creation: Date(timeIntervalSince1970: 1_795_564_800 + 4 * 3600), noteType: RecallNoteType.noteType,
      decks: [AnkiDeck(id: 7, name: "Recall"), AnkiDeck(id: 8, name: "Recall::aws::ecs")])
    let memory = AnkiMemory(stability: 3.25, difficulty: 5.5, desiredRetention: 0.9, decay: 0.154, lastReview: 1_795_600_000)
    let schedules: [(AnkiCardType, AnkiQueue, Int64)] = [
      (.new, .new, 1), (.learning, .learning, 1_795_600_600), (.review, .review, 3),
      (.relearning, .dayLearning, 2), (.review, .suspended, 5),
    ]
    for (index, (type, queue, due)) in schedules.enumerated() {
      let id = Int64(1_795_000_000_000 + index)
      collection.notes.append(
        AnkiNote(
          id: id, guid: "GUID-\(index)", noteTypeID: RecallNoteType.id, modified: 1_795_000_000,
          fields: ["프롬프트 \(index)", "", "<ul><li>a</li></ul>", "", "ECS", "ecs.md:\(index)", "GUID-\(index)"]))
      collection.cards.append(
        AnkiCard(
          id: id, noteID: id, deckID: 8, modified: 1_795_000_000, type: type, queue: queue, due: due,
          interval: type == .review ? 3 : 0, factor: type == .new ? 0 : 2500, reps: index, lapses: index / 3,
          left: type == .learning ? 2 : 0, memory: type == .new ? AnkiMemory() : memory))
    }
    collection.revlog = [
      AnkiRevlogEntry(
        id: 1_795_600_000_000, cardID: 1_795_000_000_002, ease: 3, interval: 3, lastInterval: -600, factor: 2500,
        milliseconds: 4200, kind: .learning),
      AnkiRevlogEntry(
        id: 1_795_600_000_001, cardID: 1_795_000_000_003, ease: 1, interval: -600, lastInterval: 2, factor: 2500,
        milliseconds: 800, kind: .review),
    ]
    return collection
  }()

  @Test func aWrittenPackageReadsBackTheSameNotesCardsAndLog() throws {
    let folder = try TestPaths.makeTemporaryFolder("recall-anki-package")
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("deck.apkg").path
    try AnkiPackageWriter().write(Self.collection, to: path)
    let read = try AnkiPackageReader().read(path: path)
    #expect(read.creation == Self.collection.creation)
    #expect(read.notes.map { [$0.guid] + $0.fields } == Self.collection.notes.map { [$0.guid] + $0.fields })
    #expect(read.cards == Self.collection.cards)
    #expect(read.revlog == Self.collection.revlog)
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/zstd"), "needs the zstd command to compress"))
  func aCurrentPackageIsDecompressedWithZstdAndABrokenOneNamed() throws {
    let folder = try TestPaths.makeTemporaryFolder("recall-anki-zstd")
    defer { try? FileManager.default.removeItem(at: folder) }
    let legacy = folder.appendingPathComponent("legacy.apkg")
    try AnkiPackageWriter().write(Self.collection, to: legacy.path)
    let database = folder.appendingPathComponent("collection.anki21")
    let archive = try Archive(url: legacy, accessMode: .read)
    _ = try archive.extract(try #require(archive["collection.anki21"]), to: database)
    let compressed = folder.appendingPathComponent("collection.anki21b")
    let zstd = try ProgramRun.run(URL(fileURLWithPath: "/usr/bin/zstd"), ["-q", "-19", database.path, "-o", compressed.path])
    try #require(zstd.status == 0, "\(zstd.standardError)")

    func package(_ name: String, collection: Data) throws -> String {
      let url = folder.appendingPathComponent(name)
      let archive = try Archive(url: url, accessMode: .create)
      let meta = Data([0x08, 0x03])
      try archive.addEntry(with: "meta", type: .file, uncompressedSize: Int64(meta.count)) { position, size in
        meta.subdata(in: Int(position)..<Int(position) + size)
      }
      try archive.addEntry(with: "collection.anki21b", type: .file, uncompressedSize: Int64(collection.count)) {
        position, size in collection.subdata(in: Int(position)..<Int(position) + size)
      }
      return url.path
    }
    let bytes = try Data(contentsOf: compressed)
    let read = try AnkiPackageReader().read(path: try package("current.colpkg", collection: bytes))
    #expect(read.cards == Self.collection.cards)
    #expect(read.revlog == Self.collection.revlog)

    let truncated = try package("truncated.colpkg", collection: bytes.prefix(bytes.count / 2))
    #expect(throws: AnkiError.notAPackage(path: truncated, reason: "its collection.anki21b cannot be decompressed (the compressed data ends too early)")) {
      try AnkiPackageReader().read(path: truncated)
    }
  }

  @Test func theMetaFileGivesThePackageVersion() {
    #expect(AnkiPackageReader.metaVersion(Data([0x08, 0x03])) == 3)
    #expect(AnkiPackageReader.metaVersion(Data()) == 0)
    #expect(AnkiPackageReader.metaVersion(Data([0x12, 0x01, 0x00, 0x08, 0x02])) == 2)
    #expect(AnkiPackageReader.metaVersion(Data([0x08])) == nil)
    #expect(AnkiPackageReader.metaVersion(Data([0x0D, 0x00])) == nil)
  }

  @Test func decksFollowTheNotesPaths() {
    #expect(AnkiPackageExport.deckName("aws/ecs-eks-lambda.md") == "Recall::aws::ecs-eks-lambda")
    #expect(AnkiPackageExport.deckName("top.md") == "Recall::top")
    #expect(AnkiPackageExport.deckName("a::b/c") == "Recall::a:b::c")
  }

  @Test func reviewsOfTheSameMillisecondGetTheNextRevlogIDs() {
    let time = Date(timeIntervalSince1970: 1_795_600_000.5)
    let reviews = (0..<3).map { index in
      StoredReview(
        id: UUID(uuidString: "00000000-0000-0000-0000-00000000000\(index)")!, cardID: 1, reviewedAt: time,
        rating: 3, quiz: "flip", durationMilliseconds: 1, before: .new, after: .new)
    }
    let ids = AnkiPackageExport.revlogIDs(of: reviews.reversed())
    #expect(reviews.map { ids[$0.id] } == [1_795_600_000_500, 1_795_600_000_501, 1_795_600_000_502])
  }

  @Test func anAnkiAnswerHasTheSameReviewIDInEveryImport() {
    let first = AnkiReviewImport.reviewID(card: "CARD", revlogID: 1)
    #expect(first == AnkiReviewImport.reviewID(card: "CARD", revlogID: 1))
    #expect(first != AnkiReviewImport.reviewID(card: "CARD", revlogID: 2))
    #expect(first != AnkiReviewImport.reviewID(card: "OTHER", revlogID: 1))
    #expect(first.uuidString.dropFirst(14).first == "5")
  }
}
