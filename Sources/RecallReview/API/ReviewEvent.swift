import Foundation
import RecallScheduling
import RecallTerminal

/// Something the session did that the CLI records: a store write and, with `--json`, one
/// JSON line.
public enum ReviewEvent: Hashable, Sendable {
  /// A card was shown.
  case asked(Asked)
  /// A card was answered and graded; write the review to the store at once.
  case answered(AnsweredReview)
  /// The last answer was taken back; delete its logged review.
  case undone(AnsweredReview)
  /// A card was buried until tomorrow's start.
  case buried(card: Int64, until: Date)
  /// The last bury was taken back.
  case unburied(card: Int64)
  /// The session ended.
  case finished(ReviewSummary)

  /// A card shown to the user.
  public struct Asked: Hashable, Sendable {
    /// The card's id.
    public var card: Int64
    /// How it is asked.
    public var quiz: QuizKind
    /// The card's phase before this review.
    public var phase: CardPhase
    /// Whether its note changed since its last review.
    public var noteChanged: Bool
    /// When it was shown.
    public var at: Date

    /// Creates the event's payload.
    public init(card: Int64, quiz: QuizKind, phase: CardPhase, noteChanged: Bool, at: Date) {
      self.card = card
      self.quiz = quiz
      self.phase = phase
      self.noteChanged = noteChanged
      self.at = at
    }
  }

  /// The event as one line of JSON, keys in a fixed order, `event` first:
  /// `{"event":"asked","card":12,"quiz":"choice",...}`.
  public var jsonLine: String {
    var fields: [(String, JSONValue)] = []
    switch self {
    case .asked(let asked):
      fields = [
        ("event", .string("asked")), ("card", .int(asked.card)),
        ("quiz", .string(asked.quiz.rawValue)),
        ("phase", .string(asked.phase.name)), ("noteChanged", .bool(asked.noteChanged)),
        ("at", .date(asked.at)),
      ]
    case .answered(let review), .undone(let review):
      if case .undone = self {
        fields = [("event", .string("undone")), ("card", .int(review.card))]
      } else {
        fields = [("event", .string("answered")), ("card", .int(review.card))]
      }
      fields += [
        ("quiz", .string(review.quiz.rawValue)), ("rating", .int(Int64(review.grade.rawValue))),
        ("grade", .string(review.grade.word)),
        ("suggested", review.suggestedGrade.map { .int(Int64($0.rawValue)) } ?? .null),
        ("correct", review.outcome.map { .bool($0.isRight) } ?? .null),
        ("typo", .bool(review.outcome == .typo)),
        ("answer", review.response.map { .string($0) } ?? .null),
        ("elapsedMs", .int(Int64(review.elapsed.milliseconds))),
        ("due", review.nextDue.map { .date($0) } ?? .null),
        ("phase", review.nextPhase.map { .string($0.name) } ?? .null),
        ("at", .date(review.answeredAt)),
      ]
    case .buried(let card, let until):
      fields = [("event", .string("buried")), ("card", .int(card)), ("until", .date(until))]
    case .unburied(let card):
      fields = [("event", .string("unburied")), ("card", .int(card))]
    case .finished(let summary):
      fields = [
        ("event", .string("finished")), ("cards", .int(Int64(summary.cardsDone))),
        ("reviews", .int(Int64(summary.reviewsDone))),
        ("rightFirstTry", .int(Int64(summary.rightOnFirstTry))),
        ("rightFirstTryShare", .double(summary.rightOnFirstTryShare)),
        ("seconds", .double(summary.timeSpent.seconds)),
        ("dueTomorrow", .int(Int64(summary.dueTomorrow))),
      ]
    }
    return "{" + fields.map { "\(SafeJSON.quoted($0.0)):\($0.1.text)" }.joined(separator: ",") + "}"
  }
}

/// A value in a JSON line.
private enum JSONValue {
  case string(String)
  case int(Int64)
  case double(Double)
  case bool(Bool)
  case date(Date)
  case null

  /// The value as JSON text.
  var text: String {
    switch self {
    case .string(let value): return SafeJSON.quoted(value)
    case .int(let value): return String(value)
    case .double(let value): return value.isFinite ? String(value) : "null"
    case .bool(let value): return value ? "true" : "false"
    case .date(let value): return SafeJSON.quoted(value.formatted(.iso8601))
    case .null: return "null"
    }
  }
}

extension Duration {
  /// The duration in whole milliseconds.
  var milliseconds: Int {
    let (seconds, attoseconds) = components
    return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
  }

  /// The duration in seconds.
  var seconds: Double {
    let (seconds, attoseconds) = components
    return Double(seconds) + Double(attoseconds) / 1e18
  }
}
