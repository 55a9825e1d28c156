import Foundation
import RecallStorage
import RecallTerminal

/// A card's scheduling state as exported: the FSRS state and memory, with times in ISO 8601.
public struct ExportedSchedule: Hashable, Sendable, Codable {
  /// `new`, `learning`, `review` or `relearning`.
  public var state: String
  /// The 0-based learning or relearning step, if any.
  public var step: Int?
  /// The stability in days, once reviewed.
  public var stability: Double?
  /// The difficulty, 1 to 10, once reviewed.
  public var difficulty: Double?
  /// When the card is due, if it is not new.
  public var due: String?
  /// When the card was last reviewed, if ever.
  public var lastReview: String?
  /// How many times the card was reviewed.
  public var reps: Int
  /// How many times it was forgotten after graduating.
  public var lapses: Int

  /// Creates the entry.
  public init(
    state: String, step: Int?, stability: Double?, difficulty: Double?, due: String?, lastReview: String?,
    reps: Int, lapses: Int
  ) {
    self.state = state
    self.step = step
    self.stability = stability
    self.difficulty = difficulty
    self.due = due
    self.lastReview = lastReview
    self.reps = reps
    self.lapses = lapses
  }
}

/// One card as exported, with its scheduling state.
public struct ExportedCard: Hashable, Sendable, Codable {
  /// The card's UUID.
  public var uid: String
  /// The deck of its note.
  public var deck: String
  /// The note file it was last imported from.
  public var file: String
  /// The card's key within its note.
  public var key: String
  /// What part of the note it comes from.
  public var kind: String
  /// The 1-based line in the note.
  public var line: Int
  /// The question.
  public var prompt: String
  /// The answer.
  public var answer: String
  /// The heading path.
  public var context: [String]
  /// `active` or `retired`.
  public var status: String
  /// The scheduling state.
  public var schedule: ExportedSchedule
}

/// One review as exported, undone or not, naming its card by UUID and by deck and key.
public struct ExportedReview: Hashable, Sendable, Codable {
  /// The review's UUID, upper case.
  public var id: String
  /// The UUID of the card reviewed.
  public var cardUid: String
  /// The deck of the card's note.
  public var deck: String
  /// The card's key.
  public var key: String
  /// When the answer was given.
  public var reviewedAt: String
  /// 1 again, 2 hard, 3 good, 4 easy.
  public var rating: Int
  /// How the card was asked.
  public var quiz: String
  /// What the user answered, if anything.
  public var answer: String?
  /// Whether the answer was right, when checked.
  public var correct: Bool?
  /// Time taken, in milliseconds.
  public var durationMs: Int
  /// When the answer was undone; `nil` if it counts.
  public var undoneAt: String?
  /// The card's state before the answer.
  public var before: ExportedSchedule
  /// The card's state after the answer.
  public var after: ExportedSchedule

  /// Creates the entry.
  public init(
    id: String, cardUid: String, deck: String, key: String, reviewedAt: String, rating: Int, quiz: String,
    answer: String?, correct: Bool?, durationMs: Int, undoneAt: String?, before: ExportedSchedule,
    after: ExportedSchedule
  ) {
    self.id = id
    self.cardUid = cardUid
    self.deck = deck
    self.key = key
    self.reviewedAt = reviewedAt
    self.rating = rating
    self.quiz = quiz
    self.answer = answer
    self.correct = correct
    self.durationMs = durationMs
    self.undoneAt = undoneAt
    self.before = before
    self.after = after
  }
}

/// One stored setting in an export, as `recall config` stores it.
public struct ExportedSetting: Hashable, Sendable, Codable {
  /// The setting's name, such as `desired-retention` or `parameters`.
  public var key: String
  /// The deck it is for; nil for every deck.
  public var deck: String?
  /// The value as text.
  public var value: String

  /// Creates the entry.
  public init(key: String, deck: String?, value: String) {
    self.key = key
    self.deck = deck
    self.value = value
  }
}

/// Everything `recall export --format json` writes: the cards with their scheduling state, the
/// whole review log (undone reviews marked) and the stats summary, under a schema version.
public struct ProgressExport: Hashable, Sendable, Codable {
  /// The value of ``format``: what kind of file this is.
  public static let formatName = "recall-progress"
  /// The schema version this Recall writes and reads.
  public static let currentSchemaVersion = 1

  /// Always ``formatName``.
  public var format: String
  /// The schema version of the document.
  public var schemaVersion: Int
  /// When the export was made.
  public var exportedAt: String
  /// Every card, retired ones included.
  public var cards: [ExportedCard]
  /// The whole review log in time order, undone reviews included.
  public var reviews: [ExportedReview]
  /// The stats of the database when it was exported.
  public var stats: ProgressStats
  /// The stored settings, for every deck and per deck, the fitted FSRS parameters among them
  /// (key `parameters`); absent from exports made before Recall wrote them.
  public var settings: [ExportedSetting]?

  /// Reads the cards, the review log and the stats of `store`.
  ///
  /// - Throws: ``StatsError/storage(_:)``.
  public static func make(from store: Store, request: StatsRequest) throws(StatsError) -> ProgressExport {
    let stats = try StatsCalculator.compute(store: store, request: request)
    do {
      let stored = try store.cards()
      let byID = Dictionary(uniqueKeysWithValues: stored.map { ($0.id, $0) })
      var undone: [UUID: Date] = [:]
      for undo in try store.reviewUndos() { undone[undo.reviewID] = undo.undoneAt }
      var reviews: [ExportedReview] = []
      try store.forEachReview(includingUndone: true) { entry in
        let card = byID[entry.cardID]
        reviews.append(
          ExportedReview(
            id: entry.id.uuidString, cardUid: card?.uid ?? "", deck: card?.card.deck ?? "",
            key: card?.card.key ?? "", reviewedAt: ExportTime.text(entry.reviewedAt),
            rating: entry.rating, quiz: entry.quiz, answer: entry.answer, correct: entry.correct,
            durationMs: entry.durationMilliseconds, undoneAt: undone[entry.id].map(ExportTime.text),
            before: ExportedSchedule(entry.before), after: ExportedSchedule(entry.after)))
      }
      let cards = stored.map { card in
        ExportedCard(
          uid: card.uid, deck: card.card.deck, file: card.card.file, key: card.card.key,
          kind: card.card.kind.rawValue, line: card.card.line, prompt: card.card.prompt,
          answer: card.card.answer, context: card.card.context, status: card.status.rawValue,
          schedule: ExportedSchedule(card.schedule))
      }
      let settings = try store.settings().map { ExportedSetting(key: $0.key, deck: $0.deck, value: $0.value) }
      return ProgressExport(
        format: formatName, schemaVersion: currentSchemaVersion,
        exportedAt: ExportTime.text(request.now), cards: cards, reviews: reviews, stats: stats,
        settings: settings)
    } catch {
      throw .storage(error)
    }
  }

  /// The document as JSON: pretty-printed with sorted keys, UTF-8, every control, separator
  /// and bidirectional character in its text as a `\u` escape (``SafeJSON``).
  public func jsonData() throws(StatsError) -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    do {
      return Data(SafeJSON.escaping(String(decoding: try encoder.encode(self), as: UTF8.self)).utf8)
    } catch {
      throw .cannotWrite(path: "JSON", reason: "\(error)")
    }
  }

  /// The column names of `cards.csv`.
  public static let cardColumns = [
    "uid", "deck", "file", "key", "kind", "line", "prompt", "answer", "context", "status",
  ] + ExportedSchedule.columns(suffix: "")

  /// The column names of `reviews.csv`.
  public static let reviewColumns = [
    "id", "cardUid", "deck", "key", "reviewedAt", "rating", "quiz", "answer", "correct",
    "durationMs", "undoneAt",
  ] + ExportedSchedule.columns(suffix: "Before") + ExportedSchedule.columns(suffix: "After")

  /// `cards.csv`: a header and one row per card, RFC 4180, UTF-8.
  public func cardsCSV() -> String {
    var csv = CSVWriter(columns: Self.cardColumns)
    for card in cards {
      csv.append(
        [card.uid, card.deck, card.file, card.key, card.kind, String(card.line), card.prompt,
          card.answer, StringList.json(card.context), card.status] + card.schedule.fields)
    }
    return csv.text
  }

  /// `reviews.csv`: a header and one row per review, undone ones included, RFC 4180, UTF-8.
  public func reviewsCSV() -> String {
    var csv = CSVWriter(columns: Self.reviewColumns)
    for review in reviews {
      csv.append(
        [review.id, review.cardUid, review.deck, review.key, review.reviewedAt,
          String(review.rating), review.quiz, review.answer ?? "",
          review.correct.map { $0 ? "1" : "0" } ?? "", String(review.durationMs),
          review.undoneAt ?? ""] + review.before.fields + review.after.fields)
    }
    return csv.text
  }
}

extension ExportedSchedule {
  /// The export of a stored schedule; a stability or difficulty that is not a finite number
  /// (a damaged row: JSON has no such numbers) is left out, as if it were unknown.
  init(_ schedule: CardSchedule) {
    self.init(
      state: schedule.state.name, step: schedule.step,
      stability: schedule.stability.flatMap { $0.isFinite ? $0 : nil },
      difficulty: schedule.difficulty.flatMap { $0.isFinite ? $0 : nil },
      due: schedule.due.map(ExportTime.text),
      lastReview: schedule.lastReview.map(ExportTime.text), reps: schedule.reps,
      lapses: schedule.lapses)
  }

  /// The column names, each with `suffix`.
  static func columns(suffix: String) -> [String] {
    ["state", "step", "stability", "difficulty", "due", "lastReview", "reps", "lapses"].map {
      $0 + suffix
    }
  }

  /// The CSV fields, empty for a missing value.
  var fields: [String] {
    [
      state, step.map(String.init) ?? "", stability.map { "\($0)" } ?? "",
      difficulty.map { "\($0)" } ?? "", due ?? "", lastReview ?? "", String(reps), String(lapses),
    ]
  }
}

/// Times in exports: ISO 8601 in UTC with milliseconds, as the store keeps them.
public enum ExportTime {
  /// `date` as `2026-11-25T09:00:00.000Z`.
  public static func text(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    formatter.timeZone = TimeZone(secondsFromGMT: 0)
    return formatter.string(from: date)
  }

  /// The date of an ISO 8601 text, with or without fractional seconds.
  ///
  /// The form exports are written in (`2026-11-25T09:00:00.000Z`) is read directly, a merge
  /// reading several per review; any other form (an offset such as `+09:00`) by Foundation.
  public static func date(_ text: String) -> Date? {
    if let date = utcDate(text) { return date }
    let withFraction = ISO8601DateFormatter()
    withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let date = withFraction.date(from: text) { return date }
    let plain = ISO8601DateFormatter()
    plain.formatOptions = [.withInternetDateTime]
    return plain.date(from: text)
  }

  /// The date of `YYYY-MM-DDTHH:MM:SS[.fraction]Z` with every field in range, else nil.
  static func utcDate(_ text: String) -> Date? {
    let bytes = Array(text.utf8)
    guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z") else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for index in range {
        let digit = Int(bytes[index]) - 48
        guard (0...9).contains(digit) else { return nil }
        value = value * 10 + digit
      }
      return value
    }
    guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
      bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
      let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
      let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
      (1...12).contains(month), hour < 24, minute < 60, second < 60
    else { return nil }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    let monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    guard (1...monthDays[month - 1]).contains(day) else { return nil }
    var fraction = 0.0
    if bytes.count > 20 {
      guard bytes[19] == UInt8(ascii: "."), bytes.count > 21, bytes.count <= 30,
        let digits = number(20..<(bytes.count - 1))
      else { return nil }
      fraction = Double(digits) / pow(10, Double(bytes.count - 21))
    }
    // Days from 1970-01-01 to the date (the proleptic Gregorian calendar, as ISO 8601 has it).
    let shifted = month <= 2 ? year - 1 : year
    let era = (shifted >= 0 ? shifted : shifted - 399) / 400
    let yearOfEra = shifted - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    let days = era * 146_097 + dayOfEra - 719_468
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second
    return Date(timeIntervalSince1970: Double(seconds) + fraction)
  }
}

/// A list of strings as a compact JSON array, for a CSV cell.
enum StringList {
  /// The JSON text of `list`.
  static func json(_ list: [String]) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes]
    guard let data = try? encoder.encode(list) else { return "[]" }
    return String(decoding: data, as: UTF8.self)
  }
}
