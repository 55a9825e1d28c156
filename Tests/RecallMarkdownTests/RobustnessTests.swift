import Foundation
import RecallMarkdown
import Testing

/// Hostile inputs: deep nesting, huge files, long lines, wide tables, random bytes, and inputs
/// that make naive parsers quadratic. Each must parse without crashing, with a sound tree; their
/// times are measured by `recall-bench soak`.
struct RobustnessTests {
  private let parser = MarkdownParser()

  /// Parses `text` and checks the invariants. How long the hostile inputs take is measured by
  /// `recall-bench soak`, not here: wall-clock limits do not belong in `swift test`.
  @discardableResult
  private func parseChecked(_ bytes: [UInt8], _ label: String) throws -> MarkdownDocument {
    let document = try parser.parse(bytes, file: label)
    let problems = Invariants.violations(in: document, lineCount: Invariants.lineCount(bytes))
    #expect(problems.isEmpty, "\(label): \(problems.prefix(5))")
    return document
  }

  /// The depth of the first chain of nested containers.
  private func depth(_ blocks: [Block]) -> Int {
    var depth = 0
    var current = blocks
    while let first = current.first {
      switch first {
      case .list(let list):
        depth += 2
        current = list.items.first?.blocks ?? []
      case .blockQuote(let quote):
        depth += 1
        current = quote.blocks
      default:
        return depth
      }
    }
    return depth
  }

  /// 100,000 nested list markers on one line: nesting stops at the documented limit (64
  /// container levels) and the rest is text; equality, hashing and release of the tree are safe.
  @Test func hundredThousandNestedLists() throws {
    for marker in ["- ", "1. ", "* ", "1) "] {
      let text = String(repeating: marker, count: 100_000) + "x\n"
      let document = try parseChecked(Array(text.utf8), "nested \(marker)")
      #expect(depth(document.blocks) <= MarkdownParser.Options().maxNestingDepth)
      #expect(depth(document.blocks) >= MarkdownParser.Options().maxNestingDepth - 1)
      let copy = try parser.parse(Array(text.utf8), file: "copy")
      #expect(copy == document)
      #expect(copy.hashValue == document.hashValue)
    }
  }

  /// 100,000 nested block quotes, as `>>>>…` and as `> > > …`.
  @Test func hundredThousandNestedQuotes() throws {
    for text in [String(repeating: ">", count: 100_000) + " x\n", String(repeating: "> ", count: 100_000) + "x\n"] {
      let document = try parseChecked(Array(text.utf8), "quotes")
      #expect(depth(document.blocks) == MarkdownParser.Options().maxNestingDepth)
      #expect(document == (try parser.parse(Array(text.utf8), file: "copy")))
    }
  }

  /// 100,000 lines each opening one more quote level.
  @Test func deepQuotesOverManyLines() throws {
    var text = ""
    for level in 1...3_000 { text += String(repeating: ">", count: level) + " line\n" }
    try parseChecked(Array(text.utf8), "quote ladder")
  }

  /// Deep inline nesting (`*` and `[` runs) is flattened past the inline depth limit.
  @Test func deepInlineNesting() throws {
    let stars = String(repeating: "*a ", count: 50_000) + "b" + String(repeating: " a*", count: 50_000)
    let links = String(repeating: "[", count: 50_000) + "x" + String(repeating: "](u)", count: 50_000)
    let images = String(repeating: "![", count: 20_000) + "x" + String(repeating: "](u)", count: 20_000)
    for text in [stars, links, images] {
      let document = try parseChecked(Array(text.utf8), "inline nesting")
      #expect(document == (try parser.parse(Array(text.utf8), file: "copy")))
      _ = document.blocks.first?.paragraph?.content.plainText
    }
  }

  /// Inputs that are quadratic for naive emphasis, bracket, code-span and table handling.
  @Test func noQuadraticBehaviour() throws {
    let cases: [(String, String)] = [
      ("stars", String(repeating: "*a ", count: 150_000)),
      ("underscores", String(repeating: "_a_b", count: 150_000)),
      ("opening brackets", String(repeating: "[", count: 300_000)),
      ("unclosed links", String(repeating: "[a](", count: 100_000)),
      ("deep emphasis", String(repeating: "*a ", count: 400_000) + "b" + String(repeating: " a*", count: 400_000)),
      ("long link destinations", "[](x" + String(repeating: "[](x)", count: 100_000)),
      ("unclosed link titles", String(repeating: "[a](u \"x ", count: 60_000)),
      ("brackets then links", String(repeating: "[", count: 60_000) + String(repeating: "[a](u)", count: 60_000)),
      ("reference misses", String(repeating: "[a] ", count: 100_000)),
      ("backtick runs", (0..<100_000).map { String(repeating: "`", count: $0 % 40 + 1) + "a" }.joined()),
      ("angle brackets", String(repeating: "<a ", count: 150_000)),
      ("entities", String(repeating: "&#", count: 200_000)),
      ("delimiter rows", "a\n" + String(repeating: "-|-\n", count: 100_000)),
      ("pipes", String(repeating: "|", count: 500_000)),
    ]
    for (label, text) in cases {
      try parseChecked(Array(text.utf8), label)
    }
  }

  /// A table of 10,000 columns, with short rows padded.
  @Test func tenThousandColumns() throws {
    let header = "|" + String(repeating: " h |", count: 10_000) + "\n"
    let delimiter = "|" + String(repeating: "---|", count: 10_000) + "\n"
    let text = header + delimiter + String(repeating: "| x |\n", count: 40)
    let document = try parseChecked(Array(text.utf8), "wide table")
    let table = try #require(document.blocks.first?.table)
    #expect(table.header.cells.count == 10_000)
    #expect(table.rows.count == 40)
  }

  /// Padding short rows stops at 524,288 empty cells per table (cmark-gfm's guard against
  /// blow-ups): later short rows end the table and become text.
  @Test func paddingLimit() throws {
    let header = "|" + String(repeating: " h |", count: 10_000) + "\n"
    let delimiter = "|" + String(repeating: "---|", count: 10_000) + "\n"
    let text = header + delimiter + String(repeating: "| x |\n", count: 100)
    let document = try parseChecked(Array(text.utf8), "padding limit")
    #expect(document.blocks.first?.table?.rows.count == 52)
    #expect(document.blocks.count == 2)
  }

  /// A single line of 10 MB.
  @Test func tenMegabyteLine() throws {
    let text = String(repeating: "word **bold** ", count: 10_000_000 / 14)
    let document = try parseChecked(Array(text.utf8), "10 MB line")
    #expect(document.blocks.count == 1)
  }

  /// A file of 50 MB (the corpus-like seed repeated).
  @Test(.enabled(if: ProcessInfo.processInfo.environment["RECALL_STRESS"] != nil || isRelease))
  func fiftyMegabyteFile() throws {
    let seed = try String(contentsOf: URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Content/ecs-eks-lambda.md"), encoding: .utf8)
    let bytes = Array(String(repeating: seed + "\n\n", count: 50_000_000 / (seed.utf8.count + 2)).utf8)
    try parseChecked(bytes, "50 MB")
  }

  /// A smaller stand-in for the 50 MB file that always runs: 5 MB of notes.
  @Test func fiveMegabyteFile() throws {
    let seed = try String(contentsOf: URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Content/ecs-eks-lambda.md"), encoding: .utf8)
    let bytes = Array(String(repeating: seed + "\n\n", count: 5_000_000 / (seed.utf8.count + 2)).utf8)
    let document = try parseChecked(bytes, "5 MB")
    #expect(document.blocks.count > 1_000)
  }

  /// Random bytes: either an invalid-UTF-8 error or a document, never a crash.
  @Test func randomBytes() {
    var generator = SeededGenerator(seed: 7)
    for round in 0..<300 {
      let count = Int.random(in: 0...4_000, using: &generator)
      let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
      do {
        let document = try parser.parse(bytes, file: "random-\(round)")
        #expect(Invariants.violations(in: document, lineCount: Invariants.lineCount(bytes)).isEmpty)
      } catch {
        guard case .invalidUTF8(_, let line, let offset) = error else { return }
        #expect(offset >= 0 && offset < bytes.count && line >= 1)
      }
    }
  }

  /// Random printable ASCII rich in Markdown punctuation always parses.
  @Test func randomMarkdownCharacters() throws {
    var generator = SeededGenerator(seed: 11)
    let alphabet = Array("*_`[]()!<>#|-:\\&;~ \t\nab1.".utf8)
    for round in 0..<300 {
      let count = Int.random(in: 0...3_000, using: &generator)
      let bytes = (0..<count).map { _ in alphabet.randomElement(using: &generator)! }
      try parseChecked(bytes, "random markdown \(round)")
    }
  }
}

/// Whether the tests were built with optimizations.
var isRelease: Bool {
  #if DEBUG
    false
  #else
    true
  #endif
}

/// A small deterministic random generator (SplitMix64), so failures can be replayed.
struct SeededGenerator: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var value = state
    value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
    return value ^ (value >> 31)
  }
}
