import Foundation
import RecallStorage

/// Every figure of `recall stats`: today, cards, reviews, retention, forecast, memory, the
/// hardest cards and mastery by the structure of the notes.
///
/// Days are study days in the user's time zone, starting at the day start hour, written as
/// `YYYY-MM-DD` (the local date on which the study day starts). The JSON of `recall stats
/// --json` is this value encoded with sorted keys.
///
/// ## Topics
///
/// ### Parts
/// - ``TodaySummary``
/// - ``ReviewSummary``
/// - ``RetentionSummary``
/// - ``MemorySummary``
/// - ``HardCard``
/// - ``Mastery``
public struct ProgressStats: Hashable, Sendable, Codable {
  /// The moment the stats describe, in ISO 8601.
  public var generatedAt: String
  /// The deck the stats are limited to; `nil` for every deck.
  public var deck: String?
  /// The time zone days are counted in, such as `Asia/Seoul`.
  public var timeZone: String
  /// The local hour at which a study day starts.
  public var dayStartHour: Int
  /// Today's date (the study day containing ``generatedAt``).
  public var date: String
  /// Today: due, done, new cards left.
  public var today: TodaySummary
  /// The cards by state.
  public var cards: CardCounts
  /// The reviews, in total and by day.
  public var reviews: ReviewSummary
  /// True retention for young and mature cards.
  public var retention: RetentionSummary
  /// The cards due on each of the next days, today first (overdue cards count as due today).
  public var forecast: [DayCount]
  /// Stability and retrievability of the studied cards.
  public var memory: MemorySummary
  /// The cards forgotten most often and the ones least likely recalled today.
  public var hardest: HardestCards
  /// Mastery per note, per heading and per compared thing of each table.
  public var mastery: [Mastery]
}

/// Today's work.
public struct TodaySummary: Hashable, Sendable, Codable {
  /// Active cards due before the next study day starts (overdue and learning cards included).
  public var due: Int
  /// Reviews done today.
  public var done: Int
  /// New cards introduced today.
  public var newStudied: Int
  /// New cards that may still be introduced today: the daily limit less the ones introduced,
  /// at most the new cards there are.
  public var newLeft: Int
  /// Seconds spent answering today.
  public var seconds: Int
}

/// How many cards are in each state.
public struct CardCounts: Hashable, Sendable, Codable {
  /// Active cards never reviewed.
  public var new: Int
  /// Active cards in their learning steps.
  public var learning: Int
  /// Active cards in review.
  public var review: Int
  /// Active cards in their relearning steps.
  public var relearning: Int
  /// Cards whose text left their note.
  public var retired: Int
  /// Active cards.
  public var active: Int
  /// Every card, retired ones included.
  public var total: Int
  /// Active cards that are suspended (not counted in the states above).
  public var suspended: Int
  /// Active cards tagged a leech, suspended or not.
  public var leeches: Int

  /// Creates counts.
  public init(
    new: Int, learning: Int, review: Int, relearning: Int, retired: Int, active: Int, total: Int,
    suspended: Int = 0, leeches: Int = 0
  ) {
    self.new = new
    self.learning = learning
    self.review = review
    self.relearning = relearning
    self.retired = retired
    self.active = active
    self.total = total
    self.suspended = suspended
    self.leeches = leeches
  }
}

/// One day and a number: reviews done, or cards due.
public struct DayCount: Hashable, Sendable, Codable {
  /// The study day, `YYYY-MM-DD`.
  public var date: String
  /// The number.
  public var count: Int

  /// Creates a day's count.
  public init(date: String, count: Int) {
    self.date = date
    self.count = count
  }
}

/// One study day of the review log.
public struct ReviewDay: Hashable, Sendable, Codable {
  /// The study day, `YYYY-MM-DD`.
  public var date: String
  /// Reviews that count (undone ones are not).
  public var count: Int
  /// Seconds spent answering.
  public var seconds: Int

  /// Creates a day of reviews.
  public init(date: String, count: Int, seconds: Int) {
    self.date = date
    self.count = count
    self.seconds = seconds
  }
}

/// The review log added up.
public struct ReviewSummary: Hashable, Sendable, Codable {
  /// Reviews that count, in all.
  public var total: Int
  /// Days with at least one review.
  public var daysStudied: Int
  /// Every study day with reviews, oldest first.
  public var byDay: [ReviewDay]
  /// Days in a row with reviews up to today (or up to yesterday while today has none yet).
  public var streak: Int
  /// The longest run of days in a row with reviews.
  public var longestStreak: Int
  /// Seconds spent answering, on average over the days studied among the last 30.
  public var averageSecondsPerDay: Int
}

/// Reviews and passes over one period.
public struct RetentionFigure: Hashable, Sendable, Codable {
  /// Reviews of cards in the review state.
  public var reviews: Int
  /// Those rated hard or better.
  public var passed: Int
  /// `passed / reviews`; `nil` when there were no reviews.
  public var rate: Double?

  /// Creates a figure.
  public init(reviews: Int, passed: Int, rate: Double?) {
    self.reviews = reviews
    self.passed = passed
    self.rate = rate
  }
}

/// Retention over the last day, week, month and year (1, 7, 30 and 365 study days, today
/// included).
public struct RetentionPeriods: Hashable, Sendable, Codable {
  /// Today.
  public var day: RetentionFigure
  /// The last 7 study days.
  public var week: RetentionFigure
  /// The last 30 study days.
  public var month: RetentionFigure
  /// The last 365 study days.
  public var year: RetentionFigure

  /// Creates the four periods.
  public init(day: RetentionFigure, week: RetentionFigure, month: RetentionFigure, year: RetentionFigure) {
    self.day = day
    self.week = week
    self.month = month
    self.year = year
  }
}

/// True retention: the share of reviews of cards in the review state that passed.
public struct RetentionSummary: Hashable, Sendable, Codable {
  /// How cards are told apart: "mature = scheduled interval of at least 21 days (Anki's
  /// convention)".
  public var definition: String
  /// The interval in days from which a card is mature: 21.
  public var matureIntervalDays: Int
  /// Cards with a shorter interval.
  public var young: RetentionPeriods
  /// Cards with an interval of 21 days or more.
  public var mature: RetentionPeriods
  /// Both.
  public var all: RetentionPeriods
}

/// Stability and retrievability of the active cards that were studied.
public struct MemorySummary: Hashable, Sendable, Codable {
  /// Active cards reviewed at least once.
  public var studiedCards: Int
  /// Their mean stability in days; `nil` without studied cards.
  public var averageStability: Double?
  /// Their mean probability of being recalled today; `nil` without studied cards.
  public var averageRetrievability: Double?
}

/// A card that is hard for the user, with where it comes from.
public struct HardCard: Hashable, Sendable, Codable {
  /// The note's deck.
  public var deck: String
  /// The note's file.
  public var file: String
  /// The 1-based line in the note.
  public var line: Int
  /// The question.
  public var prompt: String
  /// The heading path to the card.
  public var headingPath: [String]
  /// Times forgotten after graduating.
  public var lapses: Int
  /// The probability of recalling it today; `nil` for a card never reviewed.
  public var retrievability: Double?
}

/// The hardest cards, two ways.
public struct HardestCards: Hashable, Sendable, Codable {
  /// Forgotten most often (at least once), most lapses first.
  public var mostLapses: [HardCard]
  /// Studied cards least likely recalled today, lowest first.
  public var lowestRetrievability: [HardCard]
  /// Every card tagged a leech (see `recall config leech-threshold`), in note and line order:
  /// the fix is usually in the note.
  public var leeches: [HardCard] = []
}

/// How well one part of the notes is known: a note, a heading, or a compared thing of a table.
///
/// `expectedRecall` is the expected share of the part's active cards recalled today: the mean
/// retrievability, with cards never studied counting as 0 (they are not known yet). The new
/// cards are also counted apart (`newCards`), and `studiedRecall` gives the mean over the
/// studied cards alone.
public struct Mastery: Hashable, Sendable, Codable {
  /// What the entry covers.
  public enum Level: String, Hashable, Sendable, Codable {
    /// A whole note.
    case note
    /// The cards under one heading path (not under its subheadings).
    case heading
    /// One compared thing of one table, such as "Lambda" in a table of ECS, EKS and Lambda.
    case thing
  }
  /// What the entry covers.
  public var level: Level
  /// The note's deck.
  public var note: String
  /// The heading path; empty for a note.
  public var headingPath: [String]
  /// The table within the heading (`table`, `table 2`, …) for a thing; `nil` otherwise.
  public var table: String?
  /// The compared thing; `nil` for a note or a heading.
  public var thing: String?
  /// Active cards.
  public var cards: Int
  /// Of those, cards never studied.
  public var newCards: Int
  /// Expected share of the cards recalled today, new cards counting as 0.
  public var expectedRecall: Double
  /// Mean retrievability of the studied cards; `nil` when none was studied.
  public var studiedRecall: Double?
  /// The first line of the part's cards in the note.
  public var line: Int
}
