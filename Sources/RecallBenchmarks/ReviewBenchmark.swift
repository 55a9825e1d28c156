import Foundation
import RecallStorage

/// `recall-bench review`: the time from starting the real `recall` binary to its first card,
/// on a database of 10,000 cards and 100,000 reviews, beside the 50 ms goal.
///
/// The binary runs a scripted review (`--json`, standard input a pipe); the time is taken
/// when its first `asked` line arrives. Build both products in release first, the way the
/// binary ships (`--static-swift-stdlib`):
/// `swift build -c release --static-swift-stdlib --product recall`, then
/// `swift run -c release --static-swift-stdlib recall-bench review`.
enum ReviewBenchmark {
  static let suite = BenchmarkSuite(name: "review") { try run() }

  /// The goal: the first card within 50 ms of the command's start.
  static let anchorMilliseconds = 50.0

  static func run() throws {
    let binary = Bundle.main.executableURL?.deletingLastPathComponent().appendingPathComponent("recall")
    guard let binary, FileManager.default.isExecutableFile(atPath: binary.path) else {
      print("review: skipped, build the recall binary beside recall-bench first")
      return
    }
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("recall-bench-review-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let database = folder.appendingPathComponent("review.sqlite").path
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let built = try bestSeconds(repeats: 1) {
      try makeDatabase(at: database, cards: 10_000, reviewsPerCard: 10, now: now)
    }
    let store = try Store.open(at: database)
    let cards = try store.cardCounts()[.active] ?? 0
    let reviews = try store.reviewCount()
    let due = try store.dueCount(before: now.addingTimeInterval(86_400))
    print(
      "database: \(cards) cards, \(reviews) reviews, about \(due) due today "
        + String(format: "(built in %.1f s)", built))

    let nowText = ISO8601DateFormatter().string(from: now)
    // The floor: starting a process that only prints a line (/bin/echo), timed the same way.
    // (Not `waitUntilExit`: Foundation polls for the exit every 50 ms.)
    var floor: [Double] = []
    for _ in 0..<10 {
      floor.append(try timeToOutput(URL(fileURLWithPath: "/bin/echo"), ["ready"], marker: "ready"))
    }
    var firstCard: [Double] = []
    for _ in 0..<15 {
      firstCard.append(
        try timeToOutput(
          binary, ["review", "--db", database, "--now", nowText, "--json"], marker: "\"event\":\"asked\""))
    }
    func ms(_ seconds: Double) -> String { String(format: "%6.1f ms", seconds * 1000) }
    func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
    print("anchor: first card within       \(String(format: "%6.1f ms", anchorMilliseconds))")
    print("/bin/echo (process start floor)  \(ms(median(floor))) median, \(ms(floor.min() ?? 0)) best")
    let result = median(firstCard)
    print(
      "time to first card               \(ms(result)) median, \(ms(firstCard.min() ?? 0)) best, "
        + "\(ms(firstCard.max() ?? 0)) worst: goal \(result * 1000 <= anchorMilliseconds ? "met" : "NOT met")")
  }

  /// A database of `cards` cards (term cards of generated notes) with `reviewsPerCard` reviews
  /// each, the last ones leaving the cards in review and due over the next 60 days (about a
  /// sixth due today or overdue).
  static func makeDatabase(at path: String, cards: Int, reviewsPerCard: Int, now: Date) throws {
    let store = try Store.open(at: path)
    let termsPerNote = 100
    var sources: [NoteSource] = []
    for note in 0..<(cards / 2 / termsPerNote) {
      var text = "# 주제 \(note)\n\n"
      for term in 0..<termsPerNote {
        text += "**용어 \(note)-\(term):** 설명 \(note)-\(term) 내용은 여기에 있다\n\n"
      }
      sources.append(
        NoteSource(file: "/bench/note-\(note).md", deck: "note-\(note).md", contents: .bytes(Array(text.utf8))))
    }
    _ = try store.importNotes(sources, paths: ["/bench"], extraction: .markdown, now: now.addingTimeInterval(-400 * 86_400))
    let stored = try store.cards(status: .active)
    // The schedule after a card's `review`th answer (its index among the cards sets its last due
    // date, from ten days ago to 49 days ahead).
    func after(_ review: Int, at: Date, index: Int) -> CardSchedule {
      let finalDue = now.addingTimeInterval(Double(index % 60 - 10) * 86_400)
      return CardSchedule(
        state: .review, stability: Double(review + 1) * 3, difficulty: 5,
        due: review == reviewsPerCard - 1 ? finalDue : at.addingTimeInterval(30 * 86_400), lastReview: at,
        reps: review + 1, lapses: 0)
    }
    // In time order, as answers are recorded (every card's nth answer on the same day), written
    // 20,000 at a time: a million reviews are never all in memory at once.
    var entries: [StoredReview] = []
    entries.reserveCapacity(20_000)
    for review in 0..<reviewsPerCard {
      let at = now.addingTimeInterval(Double(-360 + review * 30) * 86_400)
      let previousAt = now.addingTimeInterval(Double(-360 + (review - 1) * 30) * 86_400)
      for (index, card) in stored.enumerated() {
        entries.append(
          StoredReview(
            cardID: card.id, reviewedAt: at, rating: 3, quiz: "typed", answer: "x", correct: true,
            durationMilliseconds: 4000, before: review == 0 ? .new : after(review - 1, at: previousAt, index: index),
            after: after(review, at: at, index: index)))
        if entries.count == 20_000 {
          try store.recordReviews(entries)
          entries.removeAll(keepingCapacity: true)
        }
      }
    }
    try store.recordReviews(entries)
  }

  /// Seconds from starting the binary to the first output containing `marker` (for recall,
  /// its first `asked` line).
  static func timeToOutput(_ binary: URL, _ arguments: [String], marker: String) throws -> Double {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    let start = DispatchTime.now().uptimeNanoseconds
    try process.run()
    var buffer = Data()
    var elapsed = Double.nan
    let reader = output.fileHandleForReading
    while true {
      let chunk = reader.availableData
      if chunk.isEmpty { break }
      buffer.append(chunk)
      if String(decoding: buffer, as: UTF8.self).contains(marker) {
        elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        break
      }
    }
    try input.fileHandleForWriting.close()
    process.waitUntilExit()
    return elapsed
  }
}
