import Foundation
import GRDB
import RecallScheduling
import RecallStats
import RecallStorage

/// `recall-bench stats`: the stats of a database with 100,000 cards and 1,000,000 reviews.
///
/// The database is built with bulk SQL inserts (recursive CTEs): 1,000 notes of 100 cards (two
/// fifths from comparison tables, with things and attributes in their keys), 90 % of the cards
/// studied, and a million reviews over three years in two sessions a day, a thousand of them
/// undone. Then it times the stats computation in this process and a whole `recall stats
/// --json` run (and the text report), best of several runs. Anchor: under 300 ms.
enum StatsBenchmark {
  static let suite = BenchmarkSuite(name: "stats") { try run() }

  /// The anchor, in seconds.
  static let anchor = 0.300

  static func run() throws {
    let now = Date(timeIntervalSince1970: 1_795_597_200)  // 2026-11-25T09:00:00Z
    // RECALL_BENCH_STATS_DB=PATH keeps the database there and reuses it on the next run.
    let kept = ProcessInfo.processInfo.environment["RECALL_BENCH_STATS_DB"]
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("recall-bench-stats-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = kept ?? folder.appendingPathComponent("recall.sqlite").path
    if kept == nil || !FileManager.default.fileExists(atPath: path) {
      print("building a database of 100,000 cards and 1,000,000 reviews…")
      let buildSeconds = try bestSeconds(repeats: 1) { try build(path: path, now: now) }
      let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
      print(String(format: "built in %.1f s (%.0f MB)", buildSeconds, Double(size) / 1e6))
    }

    let store = try Store.open(at: path)
    let clock = DayClock(timeZone: TimeZone(identifier: "Asia/Seoul") ?? .current, dayStartHour: 4)
    let request = StatsRequest(now: now, clock: clock)
    var stats: ProgressStats?
    let computeSeconds = try bestSeconds(repeats: 5) {
      stats = try StatsCalculator.compute(store: store, request: request)
    }
    guard let stats else { return }
    print("")
    print("breakdown (best of 3):")
    let parts: [(String, () throws -> Void)] = [
      ("review tallies", { _ = try store.reviewTallies() }),
      ("one pass over the cards (reading)", { try store.forEachCardMemory { _ in } }),
      ("retired cards", { _ = try store.retiredCardCount() }),
      ("notes", { _ = try store.notes() }),
      ("JSON text of the figures", { _ = stats.jsonText() }),
    ]
    for (label, body) in parts {
      print("  " + label.padding(toLength: 34, withPad: " ", startingAt: 0)
        + String(format: "%7.1f ms", try bestSeconds(repeats: 3, body) * 1000))
    }
    print("")
    print("cards \(stats.cards.total), reviews counted \(stats.reviews.total) on \(stats.reviews.daysStudied) days, "
      + "mastery entries \(stats.mastery.count)")
    report("stats computation (in process)", computeSeconds)
    let textSeconds = bestSeconds(repeats: 5) { _ = StatsTextRenderer(style: .plain).render(stats) }
    report("text report drawn from the figures", textSeconds)

    let recall = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("recall").path
    guard FileManager.default.isExecutableFile(atPath: recall) else {
      print("process runs: skipped, no recall binary beside recall-bench (run swift build -c release first)")
      return
    }
    for arguments in [["stats", "--json"], ["stats"]] {
      let seconds = try bestSeconds(repeats: 5) {
        try runProcess(recall, arguments + ["--db", path, "--now", "2026-11-25T09:00:00Z"])
      }
      report("whole `recall \(arguments.joined(separator: " "))` process", seconds)
    }
  }

  static func report(_ label: String, _ seconds: Double) {
    let verdict = seconds < anchor ? "under" : "OVER"
    print(
      label.padding(toLength: 44, withPad: " ", startingAt: 0)
        + String(format: "%7.1f ms   anchor 300 ms: %@", seconds * 1000, verdict))
  }

  /// Runs the binary with its output thrown away; throws if it fails.
  static func runProcess(_ executable: String, _ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["TZ"] = "Asia/Seoul"
    process.environment = environment
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    if process.terminationStatus != 0 {
      throw Failure(description: "recall \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
    }
  }

  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  /// Creates the database at `path` (schema from the store) and fills it with bulk inserts.
  static func build(path: String, now: Date) throws {
    _ = try Store.open(at: path)
    let nowMs = Int64(now.timeIntervalSince1970 * 1000)
    let day: Int64 = 86_400_000
    let dbQueue = try DatabaseQueue(path: path)
    try dbQueue.write { db in
      try db.execute(
        sql: """
          INSERT INTO note (id, file, deck, contentHash, createdAt, updatedAt)
          WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
          SELECT i, '/notes/topic' || (i % 20) || '/note' || i || '.md',
            'topic' || (i % 20) || '/note' || i || '.md', printf('%064d', i), 0, 0 FROM n;

          INSERT INTO card (id, uid, noteId, key, kind, prompt, answer, choices, context,
            siblingGroup, line, contentHash, status, createdAt, updatedAt, contentChangedAt, retiredAt)
          WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
          SELECT i, printf('%08X-0000-4000-8000-%012X', i, i), 1 + (i - 1) / 100,
            'topic' || (((i - 1) / 100 + 1) % 20) || '/note' || ((i - 1) / 100 + 1) || '.md › 섹션 '
              || (i % 7) || CASE WHEN i % 5 < 2
                THEN ' › table › 서비스 ' || (i % 4) || ' › 속성 ' || i
                ELSE ' › 용어 ' || i END,
            CASE WHEN i % 5 < 2 THEN 'tableCell' ELSE 'term' END,
            '질문 ' || i || '?', '답 ' || i, '[]', '["섹션 ' || (i % 7) || '"]', 'g' || i,
            1 + (i % 100) * 3, 'h' || i,
            CASE WHEN i % 200 = 0 THEN 'retired' ELSE 'active' END, 0, 0, 0,
            CASE WHEN i % 200 = 0 THEN 0 END
          FROM n;

          INSERT INTO cardSchedule (cardId, state, step, stability, difficulty, due, lastReview, reps, lapses)
          SELECT id,
            CASE WHEN id % 10 = 0 THEN 'new' WHEN id % 10 = 1 THEN 'learning'
              WHEN id % 10 = 2 THEN 'relearning' ELSE 'review' END,
            CASE WHEN id % 10 IN (1, 2) THEN 0 END,
            CASE WHEN id % 10 = 0 THEN NULL ELSE 0.5 + (id % 97) END,
            CASE WHEN id % 10 = 0 THEN NULL ELSE 1 + (id % 9) END,
            CASE WHEN id % 10 = 0 THEN NULL ELSE \(nowMs) + ((id % 61) - 10) * \(day) END,
            CASE WHEN id % 10 = 0 THEN NULL ELSE \(nowMs) - (id % 120) * \(day) END,
            CASE WHEN id % 10 = 0 THEN 0 ELSE 1 + id % 15 END,
            CASE WHEN id % 10 = 0 THEN 0 ELSE id % 4 END
          FROM card;
          """)
      // A million reviews over 1,100 days: 909 a day in two sessions (morning and evening,
      // Seoul time), each card reviewed ten times.
      try db.execute(
        sql: """
          INSERT INTO review (uid, cardId, reviewedAt, rating, quiz, answer, correct, duration,
            countedAs, state, step, stability, difficulty, due, lastReviewAgo, reps, lapses)
          WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999999),
          t(i, at) AS (
            SELECT i, \(nowMs) - 1100 * \(day) + (i / 909) * \(day)
              + CASE WHEN i % 909 < 500 THEN 0 ELSE 46800000 END + (i % 909 % 500) * 6000
            FROM n)
          SELECT CAST(printf('%016X', i) AS BLOB), 1 + (i * 7919) % 100000, at,
            CASE WHEN i % 10 = 0 THEN 1 WHEN i % 10 = 1 THEN 2 WHEN i % 10 = 9 THEN 4 ELSE 3 END,
            'flip', NULL, NULL, 3000 + i % 9000,
            -- Before the answer: new, learning, or in review with an interval of 0.5 to 59.5 days.
            CASE WHEN i % 13 = 0 THEN 0 WHEN i % 13 = 1 THEN 1 WHEN i % 60 >= 20 THEN 3 ELSE 2 END,
            2, NULL, 8.0, 5.0, at + 10 * \(day), 0, 4, 0
          FROM t;

          INSERT INTO reviewUndo (reviewId, undoneAt)
          SELECT id, reviewedAt + 5000 FROM review WHERE id % 1000 = 0;
          """)
    }
    try dbQueue.close()
  }
}
