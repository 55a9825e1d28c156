import Foundation
import RecallMarkdown
import RecallTestSupport
import Testing

/// Mutation fuzzing over real notes: cut, duplicate, splice Markdown fragments and bad bytes
/// into corpus files, then check that parsing never fails but with an in-range UTF-8 error and
/// that every document keeps its invariants.
///
/// `swift test` runs 2,000 cases. A long run: `RECALL_FUZZ_CASES=200000 swift test --filter
/// FuzzTests` (add `RECALL_FUZZ_SEED=n` to change the seed; a failure prints its case number).
struct FuzzTests {
  /// Fragments that stress the block and inline rules.
  static let fragments: [[UInt8]] = [
    "|", "| a | b |\n|---|---|\n", "\n", "\r\n", "\r", "**", "*", "_", "__", "~~", "`", "```\n",
    "~~~", "<br>", "</br>", "<BR/>", "- ", "* ", "1. ", "1) ", "\t", "    ", "> ", ">", "#",
    "###### ", "[", "]", "](", ")", "![", "<", ">", "<!--", "-->", "<div>\n", "&", "&amp;",
    "&#", "\\", "---\n", "===\n", "\u{FEFF}", "정적", "**정적 컨텐츠**를", "\u{1100}\u{1161}",
    ":", "：", "\u{0000}",
  ].map { Array($0.utf8) }

  /// The notes to mutate: the corpus when present, else the seed note.
  static func sources() -> [[UInt8]] {
    var urls = [TestPaths.seedNote]
    if let corpus = TestPaths.corpus { urls += TestPaths.markdownFiles(under: corpus) }
    return urls.compactMap { try? [UInt8](Data(contentsOf: $0)) }.filter { !$0.isEmpty }
  }

  /// One mutated input for case `index`.
  static func mutate(_ source: [UInt8], using generator: inout SeededGenerator) -> [UInt8] {
    // Work on a window of at most 6 KB so that each case stays fast.
    // Positions snap to character starts, so most cases stay valid UTF-8 and reach the parser.
    func snapped(_ position: Int, in bytes: [UInt8]) -> Int {
      var index = position
      while index < bytes.count && bytes[index] & 0xC0 == 0x80 { index += 1 }
      return index
    }
    let windowLength = min(source.count, 6_000)
    let windowStart = snapped(Int.random(in: 0...(source.count - windowLength), using: &generator), in: source)
    let windowEnd = snapped(min(source.count, windowStart + windowLength), in: source)
    var bytes = Array(source[windowStart..<windowEnd])
    let mutations = Int.random(in: 1...8, using: &generator)
    for _ in 0..<mutations {
      let position = snapped(bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &generator), in: bytes)
      var kind = Int.random(in: 0..<6, using: &generator)
      if kind == 3 && Int.random(in: 0..<10, using: &generator) != 0 { kind = 0 }
      switch kind {
      case 0:  // insert a fragment
        bytes.insert(contentsOf: fragments.randomElement(using: &generator)!, at: position)
      case 1:  // delete a range
        let length = Int.random(in: 0...64, using: &generator)
        bytes.removeSubrange(position..<snapped(min(bytes.count, position + length), in: bytes))
      case 2:  // duplicate a range
        let length = Int.random(in: 0...256, using: &generator)
        let range = position..<snapped(min(bytes.count, position + length), in: bytes)
        bytes.insert(contentsOf: bytes[range], at: position)
      case 3:  // a random byte (may break UTF-8)
        bytes.insert(UInt8.random(in: 0...255, using: &generator), at: position)
      case 4:  // repeat a fragment many times
        let fragment = fragments.randomElement(using: &generator)!
        let times = Int.random(in: 2...200, using: &generator)
        bytes.insert(contentsOf: Array([[UInt8]](repeating: fragment, count: times).joined()), at: position)
      default:  // truncate
        bytes.removeSubrange(position..<bytes.count)
      }
    }
    return bytes
  }

  @Test func mutatedNotesParseSafely() throws {
    let environment = ProcessInfo.processInfo.environment
    let cases = Int(environment["RECALL_FUZZ_CASES"] ?? "") ?? 2_000
    let seed = UInt64(environment["RECALL_FUZZ_SEED"] ?? "") ?? 2_026
    let sources = Self.sources()
    try #require(!sources.isEmpty)
    var generator = SeededGenerator(seed: seed)
    let parser = MarkdownParser()
    let gitHub = MarkdownParser(options: .gitHub)
    var errors = 0
    for index in 0..<cases {
      let source = sources.randomElement(using: &generator)!
      let bytes = Self.mutate(source, using: &generator)
      let label = "fuzz case \(index) (seed \(seed))"
      do {
        let document = try parser.parse(bytes, file: label)
        let problems = Invariants.violations(in: document, lineCount: Invariants.lineCount(bytes))
        #expect(problems.isEmpty, "\(label): \(problems.prefix(3))")
        if index % 8 == 0 {
          let strict = try gitHub.parse(bytes, file: label)
          #expect(Invariants.violations(in: strict, lineCount: Invariants.lineCount(bytes)).isEmpty, "\(label) (GitHub mode)")
          #expect(try parser.parse(bytes, file: label) == document, "\(label) is not deterministic")
        }
      } catch {
        errors += 1
        guard case .invalidUTF8(_, let line, let offset) = error else { continue }
        #expect(offset >= 0 && offset < bytes.count, "\(label): offset \(offset) of \(bytes.count)")
        #expect(line >= 1 && line <= Invariants.lineCount(bytes), "\(label): line \(line)")
      }
    }
    print("fuzz: \(cases) cases, \(errors) rejected as invalid UTF-8")
    #expect(errors < cases)
  }
}
