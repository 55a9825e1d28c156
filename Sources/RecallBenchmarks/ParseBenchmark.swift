import Foundation
import RecallMarkdown

/// The `parse` suite: Recall's Markdown parser beside cmark-gfm's parse-only throughput.
///
/// It runs `../shared/markdown/parse_bench.py --only cmark-gfm.parse`, which writes the corpus
/// concatenated (`corpus_all.md`) and its 10 MB repetition (`synthetic_10MB.md`) to
/// `../shared/markdown/bench_inputs/` and times cmark-gfm on them; then it parses the same bytes
/// with ``MarkdownParser`` and prints both figures and their ratio.
enum ParseBenchmark {
  /// The suite as registered in ``BenchmarkSuites/all``.
  static let suite = BenchmarkSuite(name: "parse") { try run() }

  /// One input: its name and cmark-gfm's figures for it.
  private struct Anchor {
    var megabytesPerSecond: Double
    var peakMegabytes: Double
  }

  static func run() throws {
    guard let shared = sharedFolder() else {
      print("parse: skipped, ../shared is absent (it holds the corpus and the anchor script)")
      return
    }
    let script = shared.appendingPathComponent("markdown/parse_bench.py")
    let results = FileManager.default.temporaryDirectory
      .appendingPathComponent("recall-parse-bench-\(ProcessInfo.processInfo.processIdentifier).json")
    let anchors = runAnchor(script: script, results: results)
    if anchors.isEmpty {
      print("cmark-gfm anchor unavailable (python3 with cmarkgfm needed); Recall's figures only")
    }
    let inputs = shared.appendingPathComponent("markdown/bench_inputs")
    let parser = MarkdownParser()
    print("")
    print("| input | size | Recall MB/s | cmark-gfm MB/s | ratio | Recall peak RSS | cmark-gfm peak RSS |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in ["corpus_all", "synthetic_10MB"] {
      let url = inputs.appendingPathComponent(name + ".md")
      guard let data = FileManager.default.contents(atPath: url.path) else {
        print("| \(name) | missing: run parse_bench.py once | | | | | |")
        continue
      }
      let bytes = [UInt8](data)
      var blockCount = 0
      let seconds = try bestSeconds(repeats: 5) {
        let document = try parser.parse(bytes, file: name + ".md")
        blockCount = document.blocks.count
      }
      let megabytes = Double(bytes.count) / 1e6
      let speed = megabytes / seconds
      let peak = Double(peakMemoryBytes()) / 1e6
      let anchor = anchors[name]
      let anchorSpeed = anchor.map { String(format: "%.1f", $0.megabytesPerSecond) } ?? "–"
      let ratio = anchor.map { String(format: "%.2f×", speed / $0.megabytesPerSecond) } ?? "–"
      let anchorPeak = anchor.map { String(format: "%.0f MB", $0.peakMegabytes) } ?? "–"
      print(
        "| \(name) | \(String(format: "%.2f", megabytes)) MB | \(String(format: "%.1f", speed)) | \(anchorSpeed) | \(ratio) | \(String(format: "%.0f", peak)) MB | \(anchorPeak) |"
      )
      _ = blockCount
    }
    print("")
    print("MB = 10^6 bytes; best of 5 in this process; Recall's peak RSS is this process's high-water")
    print("mark so far (input bytes included); cmark-gfm's is its worker's, measured by parse_bench.py.")
  }

  /// Runs the anchor script; returns cmark-gfm's figures by input name.
  private static func runAnchor(script: URL, results: URL) -> [String: Anchor] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", script.path, "--only", "cmark-gfm.parse", "--repeats", "5", "--json", results.path,
    ]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do {
      try process.run()
    } catch {
      return [:]
    }
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    print(String(decoding: output, as: UTF8.self), terminator: "")
    defer { try? FileManager.default.removeItem(at: results) }
    guard process.terminationStatus == 0,
      let data = FileManager.default.contents(atPath: results.path),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let rows = object["results"] as? [[String: Any]]
    else { return [:] }
    var anchors: [String: Anchor] = [:]
    for row in rows {
      guard let input = row["input"] as? String, let speed = row["MB_per_s"] as? Double else { continue }
      anchors[input] = Anchor(megabytesPerSecond: speed, peakMegabytes: row["peak_rss_mb"] as? Double ?? 0)
    }
    return anchors
  }
}
