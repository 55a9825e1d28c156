import Foundation
import RecallTestSupport
import Testing

@testable import RecallProgress

/// The scanner that reads an export a megabyte at a time: strings that hold quotes,
/// backslashes, brackets and commas are passed over whole, wherever a megabyte ends in them.
struct ExportScannerTests {
  /// A JSON string's contents with every character that means something outside a string.
  private static let tricky = #"a \"quoted\" [1,2] {x:y}, \\ back\\\"slash 한국어 \u0041 ,]}"#

  @Test func stringsAreReadWholeWhereverAMegabyteEndsInThem() throws {
    let folder = try TestPaths.makeTemporaryFolder("recall-export-scanner")
    defer { try? FileManager.default.removeItem(at: folder) }
    let prefix = #"{"format":"\#(Self.tricky)","reviews":[{"pad":""#
    let tail = [#"{"t":"\#(Self.tricky)","n":[1,{"m":"]"}]}"#, #""\#(Self.tricky)""#]
    // The first megabyte ends at the string's start and end, and before and after each of its
    // backslashes and quotes.
    let marks = Self.tricky.utf8.enumerated().filter { $0.element == UInt8(ascii: "\\") || $0.element == UInt8(ascii: "\"") }
    let offsets = Set([0, Self.tricky.utf8.count] + marks.flatMap { [$0.offset, $0.offset + 1] }).sorted()
    for offset in offsets {
      let filler = String(repeating: "x", count: (1 << 20) - prefix.utf8.count - #"","t":""#.utf8.count - offset)
      let first = #"{"pad":"\#(filler)","t":"\#(Self.tricky)"}"#
      let text = #"{"format":"\#(Self.tricky)","reviews":[\#(([first] + tail).joined(separator: ","))],"z":"\#(Self.tricky)"}"#
      let path = folder.appendingPathComponent("export-\(offset).json").path
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))

      var values: [String] = []
      var elements: [String] = []
      var scanner = ExportScanner(streamed: ["reviews"])
      try scanner.scan(
        path: path, value: { key, bytes in values.append(key + "=" + String(decoding: bytes, as: UTF8.self)) },
        element: { _, bytes in elements.append(String(decoding: bytes, as: UTF8.self)) })
      #expect(values == [#"format="\#(Self.tricky)""#, "reviews=[]", #"z="\#(Self.tricky)""#], "offset \(offset)")
      #expect(elements == [first] + tail, "offset \(offset)")
      try FileManager.default.removeItem(atPath: path)
    }
  }
}
