import Foundation
import RecallScheduling
import RecallCards
import RecallStorage

/// A small simulated study history whose stats are worked out by hand (in Seoul time, days
/// starting at 04:00), for the stats, export and merge tests.
///
/// Two notes: `aws/ecs.md` (a table comparing ECS and Lambda under one heading, and a term) and
/// `net/dns.md` (a section whose text holds HTML and an escape sequence, and a label card that
/// is retired by a second import). The reviews run from 2026-10-25 to 2026-11-25, with one
/// answer undone; "now" is ``now``, 2026-11-25 18:00 in Seoul.
///
/// The cards' final schedules are set so that every retrievability today is 0.9 (elapsed days
/// equal to the stability) or 1 (reviewed today).
public enum ProgressHistory {
  /// The time zone of the history.
  public static let timeZone = TimeZone(identifier: "Asia/Seoul") ?? TimeZone(secondsFromGMT: 9 * 3600)!

  /// "Now": 2026-11-25T09:00:00Z, 18:00 in Seoul.
  public static let now = seoul("2026-11-25 18:00")

  /// `now` as the `--now` option takes it.
  public static let nowText = "2026-11-25T09:00:00Z"

  /// The heading of the comparison table.
  public static let tableHeading = "ECS / EKS / Lambda"

  /// The prompt of the section card of `net/dns.md`: HTML and an escape sequence.
  public static let hostilePrompt = "<b>Route53</b> & \"DNS\" \u{1B}[31mred\u{1B}[0m"

  /// A Seoul wall-clock time `yyyy-MM-dd HH:mm`.
  public static func seoul(_ text: String) -> Date {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = timeZone
    formatter.dateFormat = "yyyy-MM-dd HH:mm"
    return formatter.date(from: text) ?? Date(timeIntervalSince1970: 0)
  }

  /// The cards of the two notes; `withLabel` false leaves out the label card (it is retired).
  static func cards(deck: String, withLabel: Bool) -> [Card] {
    func card(_ key: [String], _ kind: CardKind, _ line: Int, _ prompt: String, context: [String]) -> Card {
      Card(
        key: key.joined(separator: " › "), kind: kind, deck: deck, file: deck, line: line,
        prompt: prompt, answer: "answer of " + prompt, choices: [], context: context, detail: nil,
        siblingGroup: key.joined(separator: " › "), contentHash: "hash of " + prompt)
    }
    if deck == "aws/ecs.md" {
      let table = [tableHeading]
      return [
        card(table + ["table", "ECS", "방향성"], .tableCell, 3, "ECS › 방향성?", context: table),
        card(table + ["table", "ECS", "원리"], .tableCell, 4, "ECS › 원리?", context: table),
        card(table + ["table", "Lambda", "방향성"], .tableCell, 3, "Lambda › 방향성?", context: table),
        card(table + ["table", "Lambda", "방향성", "which"], .tableThing, 3, "Which one: 이벤트 기반?", context: table),
        card(["용어", "콜드스타트"], .term, 20, "콜드스타트?", context: ["용어"]),
      ]
    }
    var cards = [card(["DNS", "Route53"], .section, 5, hostilePrompt, context: ["DNS", "Route53"])]
    if withLabel {
      cards.append(card(["DNS", "Route53", "TTL"], .label, 6, "TTL?", context: ["DNS", "Route53"]))
    }
    return cards
  }

  /// Imports the two notes into `store` (twice: the second import retires the label card).
  public static func importNotes(into store: Store, folder: String = "/notes") throws {
    for withLabel in [true, false] {
      let extraction = CardExtraction(revision: withLabel ? 1 : 2) { bytes, file, deck throws(CardExtraction.Failure) in
        CardExtraction.Result(cards: cards(deck: deck, withLabel: withLabel), stubs: [])
      }
      let sources = ["aws/ecs.md", "net/dns.md"].map { deck in
        NoteSource(
          file: folder + "/" + deck, deck: deck,
          contents: .bytes(Array("\(deck) \(withLabel)".utf8)))
      }
      _ = try store.importNotes(
        sources, paths: [folder], extraction: extraction, now: seoul("2026-10-01 12:00"),
        fileExists: { _ in true })
    }
  }

  /// A store (a file at `path`, or in memory) with the notes and the whole history.
  public static func makeStore(path: String? = nil) throws -> Store {
    let store = try path.map { try Store.open(at: $0) } ?? Store.inMemory()
    try importNotes(into: store)
    try recordHistory(in: store)
    return store
  }

  /// The card id of the card whose key ends with `suffix`.
  static func cardID(_ store: Store, _ suffix: String) throws -> Int64 {
    guard let card = try store.cards().first(where: { $0.card.key.hasSuffix(suffix) }) else {
      throw StorageError.invalidValue("no card ends with \(suffix)")
    }
    return card.id
  }

  /// A review-state schedule.
  static func state(
    _ state: CardPhase, stability: Double, due: String, last: String, reps: Int = 1, lapses: Int = 0
  ) -> CardSchedule {
    CardSchedule(
      state: state, step: state == .review ? nil : 0, stability: stability, difficulty: 5,
      due: seoul(due), lastReview: seoul(last), reps: reps, lapses: lapses)
  }

  /// Records the reviews and the undo.
  public static func recordHistory(in store: Store) throws {
    let c1 = try cardID(store, "ECS › 방향성")
    let c2 = try cardID(store, "ECS › 원리")
    let c3 = try cardID(store, "Lambda › 방향성")
    let c5 = try cardID(store, "콜드스타트")
    let c6 = try cardID(store, "DNS › Route53")
    let c7 = try cardID(store, "Route53 › TTL")
    var number = 0
    func review(
      _ card: Int64, _ time: String, _ rating: Int, seconds: Int = 10, before: CardSchedule,
      after: CardSchedule
    ) throws -> UUID {
      number += 1
      let id = UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", number))!
      try store.recordReview(
        StoredReview(
          id: id, cardID: card, reviewedAt: seoul(time), rating: rating, quiz: "flip",
          durationMilliseconds: seconds * 1000, before: before, after: after))
      return id
    }
    // c3 (Lambda › 방향성): young pass on Oct 25, mature lapse today.
    _ = try review(
      c3, "2026-10-25 10:00", 3,
      before: state(.review, stability: 20, due: "2026-10-25 04:00", last: "2026-10-05 10:00"),
      after: state(.review, stability: 31, due: "2026-11-25 04:00", last: "2026-10-25 10:00"))
    // c6 (Route53 section): mature pass on Oct 26.
    _ = try review(
      c6, "2026-10-26 10:00", 4,
      before: state(.review, stability: 28, due: "2026-10-26 04:00", last: "2026-09-26 10:00"),
      after: state(.review, stability: 30, due: "2026-12-20 04:00", last: "2026-10-26 10:00"))
    // c1 (ECS › 방향성): new on Nov 5, two learning steps, young pass on Nov 15.
    _ = try review(
      c1, "2026-11-05 10:00", 3, before: .new,
      after: state(.learning, stability: 2, due: "2026-11-05 10:10", last: "2026-11-05 10:00"))
    _ = try review(
      c1, "2026-11-05 10:10", 3,
      before: state(.learning, stability: 2, due: "2026-11-05 10:10", last: "2026-11-05 10:00"),
      after: state(.review, stability: 3, due: "2026-11-15 04:00", last: "2026-11-05 10:10"))
    _ = try review(
      c1, "2026-11-15 10:00", 3,
      before: state(.review, stability: 3, due: "2026-11-15 04:00", last: "2026-11-05 10:10"),
      after: state(.review, stability: 10, due: "2026-12-05 04:00", last: "2026-11-15 10:00", reps: 3))
    // c2 (ECS › 원리): mature lapse and relearning on Nov 10, young pass on Nov 20.
    _ = try review(
      c2, "2026-11-10 10:00", 1,
      before: state(.review, stability: 30, due: "2026-11-10 04:00", last: "2026-10-10 10:00", lapses: 1),
      after: state(.relearning, stability: 3, due: "2026-11-10 10:10", last: "2026-11-10 10:00", lapses: 2))
    _ = try review(
      c2, "2026-11-10 10:10", 3,
      before: state(.relearning, stability: 3, due: "2026-11-10 10:10", last: "2026-11-10 10:00", lapses: 2),
      after: state(.review, stability: 4, due: "2026-11-20 04:00", last: "2026-11-10 10:10", lapses: 2))
    _ = try review(
      c2, "2026-11-20 10:00", 3,
      before: state(.review, stability: 4, due: "2026-11-20 04:00", last: "2026-11-10 10:10", lapses: 2),
      after: state(.review, stability: 5, due: "2026-11-25 04:00", last: "2026-11-20 10:00", lapses: 2))
    // c7 (TTL label, retired later... already retired): mature pass on Nov 22.
    _ = try review(
      c7, "2026-11-22 10:00", 3,
      before: state(.review, stability: 40, due: "2026-11-22 04:00", last: "2026-10-01 10:00"),
      after: state(.review, stability: 60, due: "2027-01-22 04:00", last: "2026-11-22 10:00"))
    // c5 (콜드스타트): new on the evening of Nov 24, again at 02:30 (still the study day of Nov 24).
    _ = try review(
      c5, "2026-11-24 20:00", 1, before: .new,
      after: state(.learning, stability: 0.5, due: "2026-11-24 20:01", last: "2026-11-24 20:00"))
    _ = try review(
      c5, "2026-11-25 02:30", 3,
      before: state(.learning, stability: 0.5, due: "2026-11-24 20:01", last: "2026-11-24 20:00"),
      after: state(.learning, stability: 1, due: "2026-11-25 02:40", last: "2026-11-25 02:30", reps: 2))
    // Today: c3's mature lapse (20 s), and a pass of c6 that is undone.
    _ = try review(
      c3, "2026-11-25 09:00", 1, seconds: 20,
      before: state(.review, stability: 31, due: "2026-11-25 04:00", last: "2026-10-25 10:00"),
      after: state(.relearning, stability: 1, due: "2026-11-25 09:10", last: "2026-11-25 09:00", reps: 2, lapses: 1))
    let undone = try review(
      c6, "2026-11-25 09:05", 3, seconds: 7,
      before: state(.review, stability: 30, due: "2026-12-20 04:00", last: "2026-10-26 10:00"),
      after: state(.review, stability: 80, due: "2027-03-01 04:00", last: "2026-11-25 09:05"))
    try store.undoReview(id: undone, at: seoul("2026-11-25 09:06"))
  }
}
