import Foundation
import RecallReview
import Testing

/// The JSON lines of a scripted review keep any note text on one line, readable back exactly.
struct JSONTextTests {
  @Test(arguments: [
    "ECS / EKS › Lambda › 단점?", "say \"hi\" \\ back", "line\nbreak\r\tend",
    "escape \u{1B}[31m red", "separators \u{2028} \u{2029}", "c1 \u{85} del \u{7F}", "",
  ])
  func quotedTextIsOneLineAndReadsBackExactly(text: String) throws {
    let quoted = JSONText.quoted(text)
    #expect(!quoted.contains("\n") && !quoted.contains("\r") && !quoted.contains("\u{2028}"))
    #expect(!quoted.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    let back = try JSONSerialization.jsonObject(with: Data(quoted.utf8), options: .fragmentsAllowed)
    #expect(back as? String == text)
  }
}
