import Foundation
@testable import RecallProgress
import RecallStats
import Testing

/// A review's id read from its bytes: the UUIDs `UUID(uuidString:)` reads and `uuidString`
/// writes back the same, and nothing else.
struct ExportedReviewIDTests {
  static let texts = [
    "68162718-E71F-493C-9F50-CFADC2FBC7AC", "00000000-0000-0000-0000-000000000000",
    "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF", "68162718-e71f-493c-9f50-cfadc2fbc7ac",
    "68162718-E71F-493c-9F50-CFADC2FBC7AC", "68162718E71F-493C-9F50-CFADC2FBC7AC-",
    "68162718-E71F-493C-9F50-CFADC2FBC7A", "68162718-E71F-493C-9F50-CFADC2FBC7ACD",
    "6816271G-E71F-493C-9F50-CFADC2FBC7AC", "{68162718-E71F-493C-9F50-CFADC2FBC7AC}",
    " 68162718-E71F-493C-9F50-CFADC2FBC7AC", "68162718-E71F-493C-9F50-CFADC2FBC7Ä", "", "A",
    "68162718+E71F-493C-9F50-CFADC2FBC7AC",
  ]

  @Test(arguments: texts)
  func anIDIsReadAsFoundationReadsAndWritesIt(text: String) {
    let foundation = UUID(uuidString: text).flatMap { $0.uuidString == text ? $0 : nil }
    #expect(ExportedReview.upperCaseUUID(text) == foundation)
  }
}
