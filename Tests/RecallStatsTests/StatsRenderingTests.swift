import Foundation
import RecallScheduling
import RecallStats
import RecallTerminal
import RecallTestSupport
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The terminal text and the HTML page of the stats: safe note text, width, color only where it
/// belongs, and a well-formed, escaped, self-contained page.
struct StatsRenderingTests {
  func stats() throws -> ProgressStats {
    let store = try ProgressHistory.makeStore()
    return try StatsCalculator.compute(
      store: store,
      request: StatsRequest(
        now: ProgressHistory.now, clock: DayClock(timeZone: ProgressHistory.timeZone, dayStartHour: 4)))
  }

  @Test func plainTextHasNoEscapeSequenceAndFitsTheWidth() throws {
    let text = StatsTextRenderer(style: .plain).render(try stats())
    #expect(!text.contains("\u{1B}"))
    #expect(text.contains("^[[31mred"))  // the note's escape sequence shown, not sent
    #expect(!text.contains { "█░▒▓".contains($0) })  // ASCII charts
    for line in text.split(separator: "\n") {
      #expect(DisplayWidth.of(line) <= 80, "too wide: \(line)")
    }
    #expect(text.contains("due 3 · done 1 · new left 1"))
    #expect(text.contains("12 in total on 9 days · streak 2 days"))
    #expect(text.contains("mature = scheduled interval of 21 days or more"))
    #expect(text.contains("table: Lambda"))
  }

  @Test func terminalTextFitsNarrowAndWideTerminals() throws {
    let stats = try stats()
    for width in [40, 60, 100, 160] {
      let style = StatsTextStyle(width: width, usesColor: false, usesBlocks: true)
      let text = StatsTextRenderer(style: style).render(stats)
      for line in text.split(separator: "\n") {
        #expect(DisplayWidth.of(line) <= width, "wider than \(width): \(line)")
      }
      #expect(text.contains("█"))
    }
  }

  @Test func colorOnlyOnATerminalAndNeverUnderNoColor() {
    let tty = TerminalEnvironment(variables: ["TERM": "xterm-256color"], isATTY: true)
    #expect(StatsTextStyle.forStandardOutput(environment: tty, terminalColumns: 100).usesColor)
    #expect(StatsTextStyle.forStandardOutput(environment: tty, terminalColumns: 100).width == 100)
    let noColor = TerminalEnvironment(variables: ["TERM": "xterm", "NO_COLOR": "1"], isATTY: true)
    #expect(!StatsTextStyle.forStandardOutput(environment: noColor).usesColor)
    #expect(StatsTextStyle.forStandardOutput(environment: noColor).usesBlocks)
    let pipe = TerminalEnvironment(variables: ["TERM": "xterm"], isATTY: false)
    #expect(StatsTextStyle.forStandardOutput(environment: pipe) == .plain)
    let dumb = TerminalEnvironment(variables: ["TERM": "dumb"], isATTY: true)
    #expect(!StatsTextStyle.forStandardOutput(environment: dumb).usesColor)
  }

  @Test func coloredTextKeepsNoteTextSafe() throws {
    let style = StatsTextStyle(width: 100, usesColor: true, usesBlocks: true)
    let text = StatsTextRenderer(style: style).render(try stats())
    #expect(text.contains("\u{1B}[1m"))
    #expect(!text.contains("\u{1B}[31mred"))
  }

  @Test func htmlIsEscapedSelfContainedAndWellFormed() throws {
    let html = StatsHTMLRenderer().render(try stats())
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(!html.contains("<b>Route53"))
    #expect(html.contains("&lt;b&gt;Route53&lt;/b&gt; &amp; &quot;DNS&quot;"))
    #expect(!html.contains("\u{1B}"))
    #expect(!html.lowercased().contains("<script"))
    #expect(!html.contains("http://") || !html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http"))
    #expect(!html.contains("src="))
    #expect(!html.contains("<link"))
    #expect(html.components(separatedBy: "<svg").count - 1 >= 5)
    #if canImport(FoundationXML) || canImport(Darwin)
      let body = html.replacingOccurrences(of: "<!DOCTYPE html>", with: "")
      let parser = XMLParser(data: Data(body.utf8))
      let collector = ElementCollector()
      parser.delegate = collector
      #expect(parser.parse(), "the page is not well-formed XML: \(String(describing: parser.parserError))")
      #expect(collector.names.first == "html")
      #expect(collector.names.contains("svg"))
      #expect(collector.text.contains("<b>Route53</b> & \"DNS\""))  // escaped text reads back as it was
    #endif
  }

  @Test func escapeCoversEveryMarkupCharacter() {
    let renderer = StatsHTMLRenderer()
    #expect(renderer.escape("<a href='x'>&\"</a>") == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;")
    #expect(renderer.escape("a\u{1B}b\u{0}c") == "a^[b^@c")
    #expect(renderer.escape("콜드스타트") == "콜드스타트")
  }

  /// C1 controls, bidirectional overrides and isolates and the line separators are shown as on
  /// the terminal, their angle brackets escaped: nothing reorders or hides the page's text.
  @Test func escapeShowsC1AndBidiCharactersVisibly() {
    let renderer = StatsHTMLRenderer()
    #expect(renderer.escape("x\u{9B}31m") == "x&lt;U+009B&gt;31m")
    #expect(renderer.escape("abc\u{202E}fed\u{202C}") == "abc&lt;U+202E&gt;fed&lt;U+202C&gt;")
    #expect(renderer.escape("\u{2066}a\u{2069}\u{2028}") == "&lt;U+2066&gt;a&lt;U+2069&gt;&lt;U+2028&gt;")
    #expect(renderer.escape("tab\tand\nline") == "tab\tand\nline")
  }

  @Test(
    .enabled(
      if: Chromium.path != nil,
      "Chromium is not installed (apt-get install chromium), so the page is not rendered here"))
  func chromiumRendersThePage() throws {
    let chromium = try #require(Chromium.path)
    let folder = try TestPaths.makeTemporaryFolder("recall-html")
    let page = folder.appendingPathComponent("stats.html")
    let shot = folder.appendingPathComponent("stats.png")
    try StatsHTMLRenderer().render(try stats()).write(to: page, atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: chromium)
    process.arguments = [
      "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
      "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
      "--window-size=1024,2600", "--screenshot=\(shot.path)", page.absoluteString,
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let data = try Data(contentsOf: shot)
    #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]))  // a PNG
    #expect(data.count > 20_000)  // a page with charts, not a blank one
  }
}

/// Where Chromium is, if it is installed.
enum Chromium {
  static var path: String? {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }
}

#if canImport(FoundationXML) || canImport(Darwin)
  /// Collects the element names and the text of a parsed page.
  final class ElementCollector: NSObject, XMLParserDelegate {
    var names: [String] = []
    var text = ""

    func parser(
      _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
      qualifiedName: String?, attributes: [String: String] = [:]
    ) {
      names.append(elementName)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
      text += string
    }
  }
#endif
