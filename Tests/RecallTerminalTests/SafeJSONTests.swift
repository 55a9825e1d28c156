import Foundation
import Testing

@testable import RecallTerminal

/// JSON keeps any note text on its line, shows no control or bidirectional character raw,
/// and reads back exactly.
struct SafeJSONTests {
  static let texts = [
    "ECS / EKS › Lambda › 단점?", "say \"hi\" \\ back", "line\nbreak\r\tend",
    "escape \u{1B}[31m red", "separators \u{2028} \u{2029}", "c1 \u{85} \u{9B}31m del \u{7F}",
    "bidi \u{202E}txt.exe\u{202C} \u{2066}iso\u{2069} \u{200F}", "title \u{1B}]0;x\u{07}", "",
  ]

  /// No scalar that SafeText would show another way is left raw (but the layout's newlines).
  static func isShownRaw(_ text: String) -> Bool {
    text.unicodeScalars.contains { SafeText.isUnsafe($0) && $0 != "\n" }
  }

  @Test(arguments: texts)
  func quotedTextIsOneLineAndReadsBackExactly(text: String) throws {
    let quoted = SafeJSON.quoted(text)
    #expect(!quoted.contains("\n") && !Self.isShownRaw(quoted))
    let back = try JSONSerialization.jsonObject(with: Data(quoted.utf8), options: .fragmentsAllowed)
    #expect(back as? String == text)
  }

  @Test func c1SeparatorsAndBidiBecomeUnicodeEscapes() {
    #expect(SafeJSON.quoted("a\u{9B}b") == "\"a\\u009bb\"")
    #expect(SafeJSON.quoted("\u{2028}\u{2029}") == "\"\\u2028\\u2029\"")
    #expect(SafeJSON.quoted("x\u{202E}y\u{2066}") == "\"x\\u202ey\\u2066\"")
  }

  @Test(arguments: texts)
  func encodedJSONIsEscapedAndDecodesToTheSameValue(text: String) throws {
    let value = ["prompt": text, "list": [text, "plain"]] as [String: AnyHashable]
    let encoded = String(
      decoding: try JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys]),
      as: UTF8.self)
    let escaped = SafeJSON.escaping(encoded)
    #expect(!Self.isShownRaw(escaped))
    // The layout stays: the same lines, pretty-printed.
    #expect(escaped.split(separator: "\n").count == encoded.split(separator: "\n").count)
    let back = try JSONSerialization.jsonObject(with: Data(escaped.utf8)) as? [String: Any]
    #expect(back?["prompt"] as? String == text)
    #expect(back?["list"] as? [String] == [text, "plain"])
  }

  @Test func plainJSONIsLeftAsItIs() {
    let json = "{\n  \"a\" : \"한국어 ✓\",\n\t\"b\" : [1, 2]\r\n}"
    #expect(SafeJSON.escaping(json) == json)
  }
}
