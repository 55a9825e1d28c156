import Foundation
import Testing

@testable import RecallScheduling

/// The instant of an ISO-8601 UTC string such as `2025-03-30T02:00:00Z`.
func utc(_ text: String) throws -> Date {
  try #require(ISO8601DateFormatter().date(from: text))
}

func clock(_ identifier: String, startHour: Int = 4) throws -> DayClock {
  DayClock(timeZone: try #require(TimeZone(identifier: identifier)), dayStartHour: startHour)
}

struct DayClockTests {
  @Test func utcMidnightCountsDaysFromTheEpoch() throws {
    let clock = DayClock.utcMidnight
    #expect(clock.dayNumber(of: try utc("1970-01-01T00:00:00Z")) == 0)
    #expect(clock.dayNumber(of: try utc("1969-12-31T23:59:59Z")) == -1)
    #expect(clock.dayNumber(of: try utc("1970-01-02T00:00:00Z")) == 1)
    #expect(clock.startOfDay(1) == (try utc("1970-01-02T00:00:00Z")))
  }

  @Test func seoulDayStartsAtFourInTheMorning() throws {
    let seoul = try clock("Asia/Seoul")
    let noon = try utc("2025-03-04T03:00:00Z")  // 12:00 KST
    let beforeFour = try utc("2025-03-04T18:59:59Z")  // 03:59:59 KST on 5 March
    let atFour = try utc("2025-03-04T19:00:00Z")  // 04:00 KST on 5 March
    #expect(seoul.dayNumber(of: beforeFour) == seoul.dayNumber(of: noon))
    #expect(seoul.dayNumber(of: atFour) == seoul.dayNumber(of: noon) + 1)
    #expect(seoul.startOfNextDay(after: noon) == atFour)
    #expect(seoul.isDueToday(beforeFour, now: noon))
    #expect(!seoul.isDueToday(atFour, now: noon))
    #expect(seoul.isDueToday(try utc("2025-01-01T00:00:00Z"), now: noon))  // overdue is due
  }

  @Test func berlinSpringForwardMakesA23HourStudyDay() throws {
    let berlin = try clock("Europe/Berlin")
    // Saturday 29 March 2025 at noon CET; clocks jump 02:00 -> 03:00 on Sunday.
    let saturday = berlin.dayNumber(of: try utc("2025-03-29T11:00:00Z"))
    #expect(berlin.startOfDay(saturday) == (try utc("2025-03-29T03:00:00Z")))  // 04:00 CET
    #expect(berlin.startOfDay(saturday + 1) == (try utc("2025-03-30T02:00:00Z")))  // 04:00 CEST
    let length = berlin.startOfDay(saturday + 1).timeIntervalSince(berlin.startOfDay(saturday))
    #expect(length == 23 * 3600)
    #expect(berlin.dayNumber(of: try utc("2025-03-30T01:59:59Z")) == saturday)
  }

  @Test func berlinFallBackMakesA25HourStudyDay() throws {
    let berlin = try clock("Europe/Berlin")
    // Clocks go back 03:00 CEST -> 02:00 CET on Sunday 26 October 2025.
    let saturday = berlin.dayNumber(of: try utc("2025-10-25T10:00:00Z"))
    #expect(berlin.startOfDay(saturday) == (try utc("2025-10-25T02:00:00Z")))  // 04:00 CEST
    #expect(berlin.startOfDay(saturday + 1) == (try utc("2025-10-26T03:00:00Z")))  // 04:00 CET
    // 02:30 CET (after the repeated hour) still belongs to Saturday's study day.
    #expect(berlin.dayNumber(of: try utc("2025-10-26T01:30:00Z")) == saturday)
  }

  @Test func newYorkDayStartingInsideTheSkippedHour() throws {
    // With days starting at 2 a.m., 9 March 2025 has no 02:00: the day starts at 03:00 EDT.
    let newYork = try clock("America/New_York", startHour: 2)
    let day = newYork.dayNumber(of: try utc("2025-03-09T16:00:00Z"))
    #expect(newYork.startOfDay(day) == (try utc("2025-03-09T07:00:00Z")))
    #expect(newYork.dayNumber(of: try utc("2025-03-09T06:59:59Z")) == day - 1)
    #expect(newYork.startOfDay(day - 1) == (try utc("2025-03-08T07:00:00Z")))  // 02:00 EST
  }

  @Test func newYorkDayStartingInsideTheRepeatedHour() throws {
    // With days starting at 1 a.m., 2 November 2025 starts at the first 01:00 (EDT).
    let newYork = try clock("America/New_York", startHour: 1)
    let day = newYork.dayNumber(of: try utc("2025-11-02T16:00:00Z"))
    #expect(newYork.startOfDay(day) == (try utc("2025-11-02T05:00:00Z")))
    #expect(newYork.dayNumber(of: try utc("2025-11-02T06:30:00Z")) == day)  // 01:30 EST
    // This study day holds the repeated hour: 25 hours, the one before it 24.
    #expect(newYork.startOfDay(day + 1).timeIntervalSince(newYork.startOfDay(day)) == 25 * 3600)
    #expect(newYork.startOfDay(day).timeIntervalSince(newYork.startOfDay(day - 1)) == 24 * 3600)
  }

  @Test(arguments: [0, 23])
  func dayStartHourEdges(hour: Int) throws {
    let seoul = try clock("Asia/Seoul", startHour: hour)
    // One second before and at hour:00 KST on 10 June 2025.
    let boundary = try utc("2025-06-09T15:00:00Z").addingTimeInterval(TimeInterval(hour * 3600))
    let before = boundary.addingTimeInterval(-1)
    #expect(seoul.dayNumber(of: boundary) == seoul.dayNumber(of: before) + 1)
    #expect(seoul.startOfNextDay(after: before) == boundary)
    #expect(seoul.startOfDay(seoul.dayNumber(of: boundary)) == boundary)
  }

  @Test func dayStartHourIsClampedToTheDay() throws {
    #expect(DayClock(timeZone: .current, dayStartHour: 30).dayStartHour == 23)
    #expect(DayClock(timeZone: .current, dayStartHour: -2).dayStartHour == 0)
  }

  @Test func startOfEveryDayOfAYearRoundTrips() throws {
    for zone in ["Europe/Berlin", "America/New_York", "Asia/Seoul", "Australia/Lord_Howe"] {
      let clock = try clock(zone)
      let first = clock.dayNumber(of: try utc("2025-01-01T12:00:00Z"))
      for day in first..<(first + 366) {
        let start = clock.startOfDay(day)
        #expect(clock.dayNumber(of: start) == day, "\(zone) day \(day)")
        #expect(clock.dayNumber(of: start.addingTimeInterval(-1)) == day - 1, "\(zone) day \(day)")
      }
    }
  }
}
