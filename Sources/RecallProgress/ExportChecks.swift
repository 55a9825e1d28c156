import Foundation
import RecallScheduling
import RecallStats
import RecallStorage

/// A value of an export that cannot be merged: the field at fault (`rating`,
/// `before.stability`) and why.
struct ExportProblem: Error {
  let field: String
  let message: String

  init(field: String, _ message: String) {
    self.field = field
    self.message = message
  }

  /// The same problem, its field inside `parent`.
  func inside(_ parent: String) -> ExportProblem {
    ExportProblem(field: parent + "." + field, message)
  }
}

/// The times an export may hold: from 1970-01-01 to a hundred years after now (a due date is
/// at most the longest interval, 36,500 days, after its review).
struct ExportTimes {
  let earliest: Date
  let latest: Date

  init(now: Date) {
    earliest = Date(timeIntervalSince1970: 0)
    latest = now.addingTimeInterval(100 * 365.25 * 86_400)
  }

  private init(earliest: Date, latest: Date) {
    self.earliest = earliest
    self.latest = latest
  }

  /// Any time at all: for reading again an export that was checked already.
  static let unchecked = ExportTimes(earliest: .distantPast, latest: .distantFuture)

  /// The date of the ISO 8601 `text` of the field `field`, checked to be in range.
  func date(_ text: String, field: String) throws(ExportProblem) -> Date {
    guard let date = ExportTime.date(text) else {
      throw ExportProblem(field: field, "'\(text)' is not an ISO 8601 time")
    }
    guard date >= earliest else {
      throw ExportProblem(field: field, "'\(text)' is before 1970")
    }
    guard date <= latest else {
      throw ExportProblem(field: field, "'\(text)' is more than a hundred years ahead")
    }
    return date
  }
}

/// A review of an export as its checks read it: its id, times and schedules parsed once, for
/// the merge to store.
struct CheckedReview {
  let id: UUID
  let reviewedAt: Date
  let undoneAt: Date?
  let before: CardSchedule
  let after: CardSchedule
}

extension ExportedReview {
  /// The longest an answer may have taken, in milliseconds: a hundred years (a review left
  /// open over a weekend is real; a longer one is forged, and would overflow the sums of time
  /// spent).
  static let longestDuration = 100 * 36_525 * 86_400_000

  /// The UUID of `text` if it is one as Foundation writes them (upper case: the text
  /// `UUID(uuidString:)` reads and `uuidString` gives back), read from its bytes rather than
  /// through those two, which go through `sscanf` and `sprintf` (a merge reads one per review).
  static func upperCaseUUID(_ text: String) -> UUID? {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(16)
    var high: UInt8?
    var index = 0
    for byte in text.utf8 {
      defer { index += 1 }
      if index == 8 || index == 13 || index == 18 || index == 23 {
        guard byte == UInt8(ascii: "-") else { return nil }
        continue
      }
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: return nil
      }
      if let first = high {
        bytes.append(first << 4 | digit)
        high = nil
      } else {
        high = digit
      }
    }
    guard index == 36, bytes.count == 16 else { return nil }
    return UUID(
      uuid: (
        bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9],
        bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
      ))
  }

  /// Checks every field of the review, as the store and the scheduler need them, and returns
  /// the values read.
  @discardableResult
  func check(times: ExportTimes) throws(ExportProblem) -> CheckedReview {
    guard let uuid = Self.upperCaseUUID(id) else {
      throw ExportProblem(field: "id", "'\(id)' is not an upper-case UUID")
    }
    guard (1...4).contains(rating) else { throw ExportProblem(field: "rating", "\(rating) is not a rating from 1 to 4") }
    guard durationMs >= 0 else { throw ExportProblem(field: "durationMs", "a duration cannot be negative") }
    guard durationMs <= Self.longestDuration else {
      throw ExportProblem(field: "durationMs", "\(durationMs) ms is longer than a hundred years")
    }
    guard !quiz.isEmpty else { throw ExportProblem(field: "quiz", "it is empty") }
    let reviewed = try times.date(reviewedAt, field: "reviewedAt")
    let undone = try undoneAt.map { text throws(ExportProblem) in try times.date(text, field: "undoneAt") }
    if let undoneAt, let undone, undone < reviewed {
      throw ExportProblem(field: "undoneAt", "the undo ('\(undoneAt)') is before its review ('\(reviewedAt)')")
    }
    guard !key.isEmpty || !cardUid.isEmpty else { throw ExportProblem(field: "key", "the review names no card") }
    func stored(_ schedule: ExportedSchedule, _ name: String) throws(ExportProblem) -> CardSchedule {
      do throws(ExportProblem) {
        return try schedule.storedSchedule(times: times)
      } catch {
        throw error.inside(name)
      }
    }
    return CheckedReview(
      id: uuid, reviewedAt: reviewed, undoneAt: undone, before: try stored(before, "before"),
      after: try stored(after, "after"))
  }
}

extension ExportedSchedule {
  /// The stabilities a schedule may have, in days: from FSRS's least (0.001) to a million days,
  /// far beyond what a lifetime of reviews gives.
  static let stabilityRange = 0.001...1_000_000.0
  /// The difficulties a schedule may have.
  static let difficultyRange = 1.0...10.0

  /// The stored form of the exported schedule, checked; a time out of `times` is refused.
  func storedSchedule(times: ExportTimes) throws(ExportProblem) -> CardSchedule {
    guard let state = CardPhase(name: state) else {
      throw ExportProblem(field: "state", "'\(self.state)' is not a state (new, learning, review, relearning)")
    }
    func time(_ text: String?, _ name: String) throws(ExportProblem) -> Date? {
      guard let text else { return nil }
      return try times.date(text, field: name)
    }
    guard reps >= 0 else { throw ExportProblem(field: "reps", "it cannot be negative") }
    guard lapses >= 0 else { throw ExportProblem(field: "lapses", "it cannot be negative") }
    if let step, step < 0 { throw ExportProblem(field: "step", "it cannot be negative") }
    if let stability, !(stability.isFinite && Self.stabilityRange.contains(stability)) {
      throw ExportProblem(
        field: "stability", "\(stability) is not a stability from 0.001 to 1000000 days")
    }
    if let difficulty, !(difficulty.isFinite && Self.difficultyRange.contains(difficulty)) {
      throw ExportProblem(field: "difficulty", "\(difficulty) is not a difficulty from 1 to 10")
    }
    return CardSchedule(
      state: state, step: step, stability: stability, difficulty: difficulty,
      due: try time(due, "due"), lastReview: try time(lastReview, "lastReview"), reps: reps,
      lapses: lapses)
  }
}

/// Number literals of a JSON text that no `Double` holds, such as `1e999` or `-1e400`.
enum OverflowingNumbers {
  /// `data` with each number literal that reads as no finite `Double` turned into a string,
  /// and those literals.
  ///
  /// Only a literal with an exponent, or of more than 300 characters, can be beyond a `Double`
  /// (the largest has 309 digits): the others are passed without being read, and the text is
  /// copied only when one needs quoting (a merge checks every batch of a year of reviews).
  static func quoted(in data: Data) -> (data: Data, literals: Set<String>) {
    let bytes = [UInt8](data)
    var result: [UInt8]?
    // `bytes[..<copied]` is in `result`.
    var copied = 0
    var literals: Set<String> = []
    var index = 0
    var inString = false
    while index < bytes.count {
      let byte = bytes[index]
      if inString {
        if byte == UInt8(ascii: "\\") {
          index += 2
          continue
        }
        if byte == UInt8(ascii: "\"") { inString = false }
      } else if byte == UInt8(ascii: "\"") {
        inString = true
      } else if byte == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
        var end = index
        var hasExponent = false
        while end < bytes.count, isNumberByte(bytes[end]) {
          hasExponent = hasExponent || bytes[end] == UInt8(ascii: "e") || bytes[end] == UInt8(ascii: "E")
          end += 1
        }
        if hasExponent || end - index > 300 {
          let literal = String(decoding: bytes[index..<end], as: UTF8.self)
          if let value = Double(literal), !value.isFinite {
            literals.insert(literal)
            if result == nil { result = [] }
            result?.append(contentsOf: bytes[copied..<index])
            result?.append(contentsOf: Array(("\"" + literal + "\"").utf8))
            copied = end
          }
        }
        index = end
        continue
      }
      index += 1
    }
    guard var result else { return (data, []) }
    result += bytes[copied...]
    return (Data(result), literals)
  }

  /// The value at `path` in a JSON object as `JSONSerialization` reads it.
  static func value(at path: [any CodingKey], in object: Any) -> Any? {
    var current: Any? = object
    for key in path {
      if let index = key.intValue {
        guard let array = current as? [Any], array.indices.contains(index) else { return nil }
        current = array[index]
      } else {
        current = (current as? [String: Any])?[key.stringValue]
      }
    }
    return current
  }

  private static func isNumberByte(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
      || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
      || byte == UInt8(ascii: "E")
  }
}

/// A coding path as `reviews[3].rating`; `prefix` and `offset` place a path within a batch
/// of an array's elements (`[0].rating` of the batch from the third review).
func location(_ path: [any CodingKey], prefix: String = "", offset: Int = 0) -> String {
  var text = prefix
  for (place, key) in path.enumerated() {
    if let index = key.intValue {
      text += "[\(index + (place == 0 ? offset : 0))]"
    } else {
      text += (text.isEmpty ? "" : ".") + key.stringValue
    }
  }
  return text.isEmpty ? "the top level" : text
}
