import Foundation
import Testing

@testable import RecallScheduling

struct SchedulerSettingsTests {
  @Test func defaultsMatchTheIssue() throws {
    let settings = SchedulerSettings.defaults
    #expect(settings.desiredRetention == 0.9)
    #expect(settings.learningSteps == [60, 600])
    #expect(settings.relearningSteps == [600])
    #expect(settings.maximumInterval == 36_500)
    #expect(settings.dayStartHour == 4)
    #expect(settings.newCardsPerDay == 20)
    #expect(settings.reviewsPerDay == 200)
    #expect(settings.fuzzEnabled)
    try settings.validate()
    let seoul = try #require(TimeZone(identifier: "Asia/Seoul"))
    #expect(settings.dayClock(in: seoul) == DayClock(timeZone: seoul, dayStartHour: 4))
  }

  @Test func listingShowsEveryKeyWithValueAndSummary() {
    let listing = SchedulerSettings.defaults.listing
    #expect(listing.map(\.key) == SchedulerSettings.Key.allCases)
    #expect(listing.map(\.value) == ["0.9", "1m,10m", "10m", "36500", "4", "20", "200", "on"])
    #expect(listing.allSatisfy { $0.summary.hasSuffix(".") && !$0.summary.isEmpty })
  }

  @Test func configCommandValuesAreParsed() throws {
    var settings = SchedulerSettings.defaults
    settings = try settings.setting(try .init(parsing: "learning-steps"), to: "30s, 5m,1h")
    #expect(settings.learningSteps == [30, 300, 3600])
    settings = try settings.setting(.relearningSteps, to: "none")
    #expect(settings.relearningSteps.isEmpty)
    settings = try settings.setting(.desiredRetention, to: "0.85")
    #expect(settings.desiredRetention == 0.85)
    settings = try settings.setting(.dayStartHour, to: "0")
    #expect(settings.dayStartHour == 0)
    settings = try settings.setting(.maximumInterval, to: "365")
    #expect(settings.maximumInterval == 365)
    settings = try settings.setting(.newPerDay, to: "5")
    settings = try settings.setting(.reviewsPerDay, to: "1000")
    settings = try settings.setting(.fuzz, to: "off")
    #expect(settings.newCardsPerDay == 5 && settings.reviewsPerDay == 1000 && !settings.fuzzEnabled)
    #expect(settings.value(of: .learningSteps) == "30s,5m,1h")
    #expect(settings.value(of: .relearningSteps) == "none")
    #expect(settings.value(of: .desiredRetention) == "0.85")
  }

  @Test func wrongValuesGiveSentencesTheUserCanActOn() throws {
    let settings = SchedulerSettings.defaults
    #expect(throws: SchedulingError.desiredRetentionOutOfRange(1.5)) {
      try settings.setting(.desiredRetention, to: "1.5")
    }
    #expect(
      SchedulingError.desiredRetentionOutOfRange(1.5).description
        == "Desired retention must be between 0.70 and 0.99; you gave 1.5.")
    #expect(throws: SchedulingError.dayStartHourOutOfRange(24)) {
      try settings.setting(.dayStartHour, to: "24")
    }
    #expect(throws: SchedulingError.maximumIntervalOutOfRange(0)) {
      try settings.setting(.maximumInterval, to: "0")
    }
    #expect(throws: SchedulingError.dailyLimitOutOfRange(key: "new-per-day", value: -1)) {
      try settings.setting(.newPerDay, to: "-1")
    }
    #expect(throws: SchedulingError.stepOutOfRange(key: "learning-steps", seconds: 172_800)) {
      try settings.setting(.learningSteps, to: "1m,48h")
    }
    let unreadable = #expect(throws: SchedulingError.self) {
      try settings.setting(.learningSteps, to: "1 minute")
    }
    #expect(
      unreadable?.description
        == "The value '1 minute' does not suit learning-steps: give durations separated by "
        + "commas, such as 1m,10m (units s, m, h), or none.")
    let unknown = #expect(throws: SchedulingError.self) {
      try SchedulerSettings.Key(parsing: "retention")
    }
    #expect(
      unknown?.description.hasPrefix(
        "There is no setting called 'retention'. The settings are: desired-retention, "
          + "learning-steps,") == true)
    let descriptions = [
      SchedulingError.wrongParameterCount(19), .nonFiniteParameter(index: 3),
      .parameterOutOfRange(index: 20, value: 0.05, range: 0.1...0.8),
      .maximumIntervalOutOfRange(0), .dayStartHourOutOfRange(-1),
      .dailyLimitOutOfRange(key: "reviews-per-day", value: -3),
      .stepOutOfRange(key: "relearning-steps", seconds: 0),
      .invalidSettingValue(key: "fuzz", value: "maybe", expected: "give on or off."),
    ].map(\.description)
    #expect(descriptions.allSatisfy { $0.first?.isUppercase == true && $0.hasSuffix(".") })
    #expect(descriptions[2] == "Parameter w20 must be between 0.1 and 0.8; you gave 0.05.")
  }

  @Test func settingsRoundTripThroughCodable() throws {
    let settings = try SchedulerSettings.defaults.setting(.learningSteps, to: "2m")
    let decoded = try JSONDecoder().decode(
      SchedulerSettings.self, from: try JSONEncoder().encode(settings))
    #expect(decoded == settings)
  }
}
