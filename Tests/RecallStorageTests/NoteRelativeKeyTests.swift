import Foundation
import GRDB
import RecallCards
import RecallTestSupport
import Testing

@testable import RecallStorage

/// Keys relative to their note: a database of deck-prefixed keys upgraded by migration 0005, and
/// the index it drops.
struct NoteRelativeKeyTests {
  static let day = Date(timeIntervalSince1970: 1_800_000_000)

  /// A Korean note; `withExtra` adds a section that a later version drops.
  static func note(withExtra: Bool) -> String {
    """
    # ECS / EKS / Lambda

    | | ECS | Lambda |
    |---|---|---|
    | 방향성 | AWS 네이티브 컨테이너 | 완전 서버리스 |
    | 원리 | 태스크를 실행 | 이벤트마다 함수 실행 |

    ## 용어

    - **콜드스타트**: 함수가 처음 실행될 때의 지연
    - **프로비저닝**: 미리 용량을 준비하는 것

    """ + (withExtra ? "## 추가\n\n여분의 설명 문단입니다.\n\n" : "") + """
    ## 빈 섹션

    """
  }

  static let dns = """
    # DNS

    ## Route53

    AWS의 관리형 DNS 서비스입니다.

    """

  static func source(_ file: String, _ text: String) -> NoteSource {
    NoteSource(
      file: "/notes/" + file, deck: file, contents: .bytes(Array(text.utf8)))
  }

  /// The embedded migrations, in order, without those listed in `skipping`.
  static func migrations(skipping: Set<String>) -> [SchemaMigration] {
    SchemaMigration.embedded.filter { !skipping.contains($0.identifier) }
  }

  static let keyMigration = "0005_note_relative_keys"
  static let stubsMigration = "0006_note_stubs"
  /// Rebuilds the card table; it comes after 0005 in every real database.
  static let lighterCardsMigration = "0007_lighter_card_writes"
  /// Rebuilds the card table again (dropping its indexes, which 0005 expects, and keeping
  /// 0012's column); it comes after 0012 in every real database.
  static let compactCardsMigration = "0016_compact_card_table"
  /// The migrations that came after 0007; an old database has none of them.
  static var laterMigrations: [String] {
    SchemaMigration.embedded.map(\.identifier).filter { $0 > lighterCardsMigration }
  }

  /// A first answer to a card.
  static func answer(_ cardID: Int64, at date: Date) -> StoredReview {
    StoredReview(
      cardID: cardID, reviewedAt: date, rating: 3, quiz: "flip", durationMilliseconds: 900,
      before: .new,
      after: CardSchedule(
        state: .review, stability: 3, difficulty: 5, due: date + 3 * 86_400, lastReview: date,
        reps: 1))
  }

  /// What an upgrade must keep of a card.
  struct Kept: Hashable {
    var key: String
    var siblingGroup: String
    var status: CardStatus
    var reps: Int
  }

  /// A database as Recall wrote it before migration 0005: note `aws/new.md` (renamed from
  /// `aws/old.md`, with a card retired before the rename, so that its key names the old deck) and
  /// `net/dns.md`, reviews on several cards, keys and sibling groups beginning with the deck,
  /// notes of generator revision 1, and migrations 0001–0004 only.
  ///
  /// The cards are made by today's generator and then given the old keys, so the keys an upgrade
  /// must give back are the ones returned, by card id.
  static func makeOldDatabase(at path: String) throws -> (kept: [Int64: Kept], reviews: [UUID: Int64]) {
    var kept: [Int64: Kept] = [:]
    var reviews: [UUID: Int64] = [:]
    do {
      // 0006 adds a column the importer writes; it is taken out again below.
      let store = try Store.open(
        at: path,
        options: StoreOptions(
          migrations: migrations(skipping: Set([keyMigration, lighterCardsMigration] + laterMigrations))))
      _ = try store.importNotes(
        [source("aws/old.md", note(withExtra: true)), source("net/dns.md", dns)], paths: ["/notes"],
        extraction: .markdown, now: day)
      let cards = try store.cards()
      for suffix in ["table › ECS › 방향성", "term › 콜드스타트", "추가 › section", "Route53 › section"] {
        let card = try #require(cards.first { $0.card.key.hasSuffix(suffix) })
        // In the log's layout before 0010, which today's store no longer writes.
        try CompactReviewLogTests.recordOldReview(answer(card.id, at: day + 60), in: path)
      }
      // The extra section leaves the note: its card is retired, with its review.
      let edited = try store.importNotes(
        [source("aws/old.md", note(withExtra: false)), source("net/dns.md", dns)],
        paths: ["/notes"], extraction: .markdown, now: day + 120)
      #expect(edited.retired == 1)
      // The note is renamed: its cards follow it.
      let renamed = try store.importNotes(
        [source("aws/new.md", note(withExtra: false)), source("net/dns.md", dns)],
        paths: ["/notes"], extraction: .markdown, now: day + 180,
        fileExists: { $0 != "/notes/aws/old.md" })
      #expect(renamed.renamed == 1)
      #expect((renamed.added, renamed.retired) == (0, 0))
      for card in try store.cards() {
        kept[card.id] = Kept(
          key: card.card.key, siblingGroup: card.card.siblingGroup, status: card.status,
          reps: card.schedule.reps)
      }
      for row in try DatabaseQueue(path: path).read({ db in try Row.fetchAll(db, sql: "SELECT id, cardId FROM review") }) {
        reviews[UUID(uuidString: row[0])!] = row[1]
      }
    }
    try DatabaseQueue(path: path).write { db in
      // The keys of generator revision 1: the deck first; the retired card kept the old deck.
      try db.execute(
        sql: """
          UPDATE card SET
            key = (CASE WHEN status = 'retired' THEN 'aws/old.md' ELSE
              (SELECT deck FROM note WHERE note.id = card.noteId) END) || ' › ' || key,
            siblingGroup = (CASE WHEN status = 'retired' THEN 'aws/old.md' ELSE
              (SELECT deck FROM note WHERE note.id = card.noteId) END) || ' › ' || siblingGroup
          """)
      try db.execute(sql: "UPDATE note SET generatorRevision = 1")
      // Back to the schema of 0001–0004.
      try db.execute(sql: "ALTER TABLE note DROP COLUMN stubs")
      try db.execute(sql: "DELETE FROM schemaMigration WHERE identifier = ?", arguments: [stubsMigration])
    }
    return (kept, reviews)
  }

  @Test func anUpgradedDatabaseKeepsEveryCardAndReviewAndImportsAsBefore() throws {
    let path = try TestPaths.makeTemporaryFolder("recall-keys").appendingPathComponent("r.sqlite").path
    let (kept, reviews) = try Self.makeOldDatabase(at: path)
    let oldKeys = try DatabaseQueue(path: path).read { db in
      try String.fetchAll(db, sql: "SELECT key FROM card ORDER BY id")
    }
    #expect(oldKeys.allSatisfy { $0.hasPrefix("aws/") || $0.hasPrefix("net/") })
    #expect(oldKeys.contains { $0.hasPrefix("aws/old.md › ") })
    #expect(
      try DatabaseQueue(path: path).read(SchemaMigrator.appliedIdentifiers)
        == SchemaMigration.embedded.prefix(4).map(\.identifier))

    let store = try Store.open(at: path)
    let upgrade = try #require(store.upgrade)
    #expect(
      upgrade.appliedMigrations
        == [Self.keyMigration, Self.stubsMigration, Self.lighterCardsMigration] + Self.laterMigrations)
    let backup = try #require(upgrade.backupPath)
    #expect(backup.hasSuffix("backup-before-\(Self.keyMigration)"))
    #expect(
      try DatabaseQueue(path: backup).read { db in try String.fetchAll(db, sql: "SELECT key FROM card ORDER BY id") }
        == oldKeys)

    // Every key and sibling group is the one today's generator makes; every review is on its card.
    var upgraded: [Int64: Kept] = [:]
    for card in try store.cards() {
      upgraded[card.id] = Kept(
        key: card.card.key, siblingGroup: card.card.siblingGroup, status: card.status,
        reps: card.schedule.reps)
    }
    #expect(upgraded == kept)
    #expect(Dictionary(uniqueKeysWithValues: try store.reviews().map { ($0.id, $0.cardID) }) == reviews)
    #expect(try DatabaseQueue(path: path).read { db in try String.fetchAll(db, sql: "PRAGMA foreign_key_check") }.isEmpty)

    // The first import after the upgrade reads every note again and pairs every card by its key.
    let again = try store.importNotes(
      [Self.source("aws/new.md", Self.note(withExtra: false)), Self.source("net/dns.md", Self.dns)],
      paths: ["/notes"], extraction: .markdown, now: Self.day + 600)
    #expect(again.unchangedNotes == 0)
    #expect((again.added, again.changed, again.retired, again.restored) == (0, 0, 0, 0))
    #expect(again.unchanged == kept.values.filter { $0.status == .active }.count)
    let reviewed = Set(reviews.values)
    for card in try store.cards() where reviewed.contains(card.id) {
      #expect(card.schedule.reps == 1)
      #expect(try store.reviews(cardID: card.id).count == 1)
      #expect(card.status == (card.card.key == "ECS / EKS / Lambda › 추가 › section" ? .retired : .active))
    }

    // The card retired under the old deck comes back, with its review, when its section does.
    let back = try store.importNotes(
      [Self.source("aws/new.md", Self.note(withExtra: true))], paths: ["/notes/aws/new.md"],
      extraction: .markdown, now: Self.day + 900)
    #expect((back.added, back.restored, back.retired) == (0, 1, 0))
    let extra = try #require(try store.cards().first { $0.card.key == "ECS / EKS / Lambda › 추가 › section" })
    #expect(extra.status == .active)
    #expect(try store.reviews(cardID: extra.id).count == 1)
  }

  @Test func aRetiredCardWhoseKeyWouldCollideKeepsAKeyOfItsOwn() throws {
    let path = try TestPaths.makeTemporaryFolder("recall-keys").appendingPathComponent("r.sqlite").path
    let (kept, _) = try Self.makeOldDatabase(at: path)
    // A card retired under the old deck whose headings and anchor are those of an active card
    // (the cell was emptied, then filled again after the rename), with a review.
    let (activeID, active) = try #require(kept.first { $0.value.key == "ECS / EKS / Lambda › table › ECS › 원리" })
    let twinID = try DatabaseQueue(path: path).write { db in
      try db.execute(
        sql: """
          INSERT INTO card (uid, noteId, key, kind, prompt, answer, context, siblingGroup, line,
            contentHash, status, createdAt, updatedAt, contentChangedAt, retiredAt)
          SELECT '00000000-0000-0000-0000-00000000000A', noteId, 'aws/old.md › ' || substr(key, 14),
            kind, prompt, 'an older answer', context, 'aws/old.md › ' || substr(siblingGroup, 14),
            line, 'older', 'retired', createdAt, createdAt, createdAt, createdAt
          FROM card WHERE id = ?
          """, arguments: [activeID])
      return db.lastInsertedRowID
    }
    let twinReview = UUID()
    do {
      let old = try Store.open(
        at: path,
        options: StoreOptions(
          migrations: Self.migrations(
            skipping: [Self.keyMigration, Self.stubsMigration, Self.lighterCardsMigration, Self.compactCardsMigration])))
      try old.recordReview(
        StoredReview(
          id: twinReview, cardID: twinID, reviewedAt: Self.day, rating: 1, quiz: "flip",
          durationMilliseconds: 500, before: .new,
          after: CardSchedule(state: .learning, step: 0, stability: 1, difficulty: 6, due: Self.day + 60, lastReview: Self.day, reps: 1, lapses: 0)))
    }

    // 0016 is left out: the card table this test made has lost 0012's column to 0007's rebuild,
    // which no real database runs after 0012.
    let store = try Store.open(
      at: path, options: StoreOptions(migrations: Self.migrations(skipping: [Self.compactCardsMigration])))
    #expect(
      store.upgrade?.appliedMigrations
        == [Self.keyMigration, Self.stubsMigration, Self.lighterCardsMigration])
    let cards = try store.cards()
    #expect(cards.count == kept.count + 1)
    #expect(cards.first { $0.id == activeID }?.card.key == active.key)
    let twin = try #require(cards.first { $0.id == twinID })
    #expect(twin.card.key == active.key + " (aws/old.md)")
    #expect(twin.card.siblingGroup == active.siblingGroup)
    #expect(twin.status == .retired)
    #expect(try store.reviews(cardID: twinID).map(\.id) == [twinReview])

    let again = try store.importNotes(
      [Self.source("aws/new.md", Self.note(withExtra: false)), Self.source("net/dns.md", Self.dns)],
      paths: ["/notes"], extraction: .markdown, now: Self.day + 600)
    #expect((again.added, again.changed, again.retired, again.restored) == (0, 0, 0, 0))
  }

  /// The queries that read the cards by status (and note) before migration 0005 dropped
  /// `card_status` still find them through an index.
  @Test func queriesByStatusStillUseAnIndex() throws {
    let store = try Store.inMemory()
    _ = try store.importNotes(
      [Self.source("aws/new.md", Self.note(withExtra: true))], paths: ["/notes"],
      extraction: .markdown, now: Self.day)
    let queries = [
      // Importer: active cards per note.
      "SELECT noteId, count(*) FROM card WHERE status = 'active' GROUP BY noteId",
      // Store+Cards: the cards of one status; Store+Stats: retired cards of every deck.
      "SELECT count(*) FROM card WHERE card.status = 'retired' AND 1",
      "SELECT status, count(*) FROM card GROUP BY status",
      // Importer: a renamed note's cards.
      "SELECT contentHash FROM card WHERE noteId = 1 AND status = 'active'",
      "SELECT contentHash FROM card WHERE noteId = 1 AND status = 'retired' AND retiredAt >= 0",
    ]
    try store.read { db in
      let indexes = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'card'")
      #expect(!indexes.contains("card_status"))
      for query in queries {
        let plan = try String.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + query, adapter: SuffixRowAdapter(fromIndex: 3))
        #expect(plan.contains { $0.contains("card USING") && $0.contains("INDEX") }, "\(query): \(plan)")
        #expect(!plan.contains { $0 == "SCAN card" }, "\(query): \(plan)")
      }
    }
  }
}
