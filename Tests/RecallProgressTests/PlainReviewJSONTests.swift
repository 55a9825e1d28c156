import Foundation
@testable import RecallProgress
import RecallStats
import RecallTestSupport
import Testing

/// The reading of an export's reviews without `JSONDecoder`: the same review wherever it reads
/// one, and nothing (so that `JSONDecoder` reads it, naming what is wrong) for any other form.
struct PlainReviewJSONTests {
  static let schedule = #"{"state": "review", "step": null, "stability": 3, "difficulty": 4.25, "due": "2026-01-11T02:14:58.871Z", "lastReview": "2025-12-12T02:14:58.871Z", "reps": 1, "lapses": 0}"#

  /// A review in the plain form, with `fields` (JSON text) in place of the ones of the same keys.
  static func review(_ fields: [String: String] = [:], leaving left: Set<String> = []) -> String {
    var all: [(String, String)] = [
      ("after", schedule), ("answer", #""x""#), ("before", #"{"lapses": 0, "reps": 0, "state": "new"}"#),
      ("cardUid", #""46C6A4F8-3D1C-480F-8824-18ACCDA0F675""#), ("correct", "true"), ("deck", #""note-0.md""#),
      ("durationMs", "4000"), ("id", #""68162718-E71F-493C-9F50-CFADC2FBC7AC""#), ("key", #""주제 0 › term""#),
      ("quiz", #""typed""#), ("rating", "3"), ("reviewedAt", #""2025-12-12T02:14:58.871Z""#),
    ]
    all = all.filter { !left.contains($0.0) }.map { ($0.0, fields[$0.0] ?? $0.1) }
    for (key, value) in fields where !all.contains(where: { $0.0 == key }) { all.append((key, value)) }
    return "\n    {\n" + all.map { "      \"\($0.0)\" : \($0.1)" }.joined(separator: ",\n") + "\n    }"
  }

  static let sameAsJSONDecoder: [String] = [
    review(),
    review(leaving: ["answer", "correct"]),
    review(["answer": "null", "correct": "null", "undoneAt": #""2025-12-13T00:00:00.000Z""#]),
    review(["answer": #""a \"q\" \\ \/ \u00e9 \ud83d\ude00 \n\t\b\f\r \u0000 \u202E end""#]),
    review(["answer": #""dağ ağaç 😀 \u2028""#, "correct": "false", "rating": "-2", "durationMs": "0"]),
    review(["after": #"{"state":"learning","step":2,"stability":1.5e-3,"difficulty":1E+1,"reps":7,"lapses":12}"#]),
    review(["after": #"{"state": "review", "stability": -0.0, "difficulty": 0.0, "reps": 1, "lapses": 0}"#]),
    review(["before": "{}"]).replacingOccurrences(of: "{}", with: #"{ "state" : "new" , "reps" : 0 , "lapses" : 0 }"#),
    // A key written with an escape is the same key; the least `Int` is read whole.
    review(["durationMs": "-9223372036854775808"]).replacingOccurrences(of: #""id""#, with: #""\u0069d""#),
    #"{"id":"A","cardUid":"","deck":"d","key":"k","reviewedAt":"t","rating":4,"quiz":"flip","durationMs":9223372036854775807,"before":{"state":"new","reps":0,"lapses":0},"after":{"state":"new","reps":0,"lapses":0}}"#,
  ]

  @Test(arguments: sameAsJSONDecoder)
  func aPlainReviewReadsAsJSONDecoderReadsIt(text: String) throws {
    let expected = try JSONDecoder().decode(ExportedReview.self, from: Data(text.utf8))
    #expect(PlainReviewJSON.review(Array(text.utf8)) == expected)
  }

  static let otherForms: [String] = [
    review(["extra": "1"]),
    review(["rating": "3.0"]),
    review(["rating": "3e0"]),
    review(["rating": "03"]),
    review(["rating": "-0"]),
    review(["rating": "null"]),
    review(["rating": #""3""#]),
    review(["rating": "99999999999999999999"]),
    review(["durationMs": "9223372036854775808"]),
    review(["durationMs": "-9223372036854775809"]),
    review(leaving: ["quiz"]),
    review(["quiz": "null"]),
    review(["correct": "1"]),
    review(["answer": #""bad \x escape""#]),
    review(["answer": #""lone \ud83d surrogate""#]),
    review(["answer": #""lone \udc00 low""#]),
    review(["answer": "\"raw \t tab\""]),
    review(["after": #"{"state": "review", "stability": 1e999, "reps": 1, "lapses": 0}"#]),
    review(["after": #"{"state": "review", "stability": 1., "reps": 1, "lapses": 0}"#]),
    review(["after": #"{"state": "review", "stability": 0.1e-400, "reps": 1, "lapses": 0}"#]),
    review(["after": #"{"state": "review", "stability": 0e5, "reps": 1, "lapses": 0}"#]),
    review(["after": #"{"state": "review", "stability": 5e-324, "reps": 1, "lapses": 0}"#]),
    review(["after": #"{"state": "review", "stability": .5, "reps": 1, "lapses": 0}"#]),
    review(["after": #"{"state": "review", "reps": 1, "reps": 2, "lapses": 0}"#]),
    review(["after": #"{"state": "review", "reps": 1}"#]),
    review(["after": "[]"]),
    review() + ",",
    review() + "}",
    "{",
    "",
    "   ",
  ]

  @Test(arguments: otherForms)
  func anyOtherFormIsLeftToJSONDecoder(text: String) {
    #expect(PlainReviewJSON.review(Array(text.utf8)) == nil)
  }

  @Test func textThatIsNotUTF8IsLeftToJSONDecoder() {
    var bytes = Array(Self.review(["answer": #""ab""#]).utf8)
    let place = try! #require(bytes.firstIndex(of: UInt8(ascii: "b")))
    bytes[place] = 0xFF
    #expect(PlainReviewJSON.review(bytes) == nil)
  }

  @Test func aReviewLeftToJSONDecoderIsRefusedWithItsPlace() throws {
    let data = try ProgressExport.make(from: try ProgressHistory.makeStore(), request: ProgressExportTests().request).jsonData()
    let text = String(decoding: data, as: UTF8.self)
    for (forged, place) in [
      (text.replacing(#""reviews" : ["#, with: #""reviews" : [ ,"#), "reviews[0]"),
      (text.replacing(#""quiz" : ""#, with: #""quiz" : 7, "was" : ""#), "reviews[0].quiz"),
    ] {
      #expect(forged != text)
      do {
        _ = try ProgressMerge.decode(Data(forged.utf8), path: "f.json", now: ProgressHistory.now)
        Issue.record("\(place) was accepted")
      } catch {
        #expect(error.description.contains("has a bad value at \(place)"), "\(error.description)")
      }
    }
  }

  @Test func everyReviewOfAnExportIsReadAsJSONDecoderReadsIt() throws {
    let data = try ProgressExport.make(from: try ProgressHistory.makeStore(), request: ProgressExportTests().request).jsonData()
    let export = try JSONDecoder().decode(ProgressExport.self, from: data)
    var scanner = ExportScanner(streamed: ["cards", "reviews"])
    var read: [ExportedReview?] = []
    try scanner.scan(
      data, path: "x.json", value: { _, _ in },
      element: { key, bytes in if key == "reviews" { read.append(PlainReviewJSON.review(bytes)) } })
    #expect(read == export.reviews)
  }
}
