import Foundation
import RecallMarkdown
import RecallStorage

/// `recall-bench import`: the whole `../shared/corpus` imported into a new database, then again
/// unchanged, beside the parse-only time of the same files.
///
/// Goals: a new import within 3 times the parse-only time; an unchanged re-import under 100 ms.
enum ImportBenchmark {
  static let suite = BenchmarkSuite(name: "import") { try run() }

  static func run() throws {
    guard let shared = sharedFolder() else {
      print("import: skipped, ../shared is not beside the package")
      return
    }
    let corpus = shared.appendingPathComponent("corpus")
    let search = NoteSearch(paths: [corpus.path])
    let files = try search.sources.map { source in
      (source.file, [UInt8](try Data(contentsOf: URL(fileURLWithPath: source.file))))
    }
    let megabytes = Double(files.reduce(0) { $0 + $1.1.count }) / 1_048_576
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    // The anchor: parsing the same bytes, nothing else.
    var parsed = 0
    let parseOnly = bestSeconds(repeats: 5) {
      parsed = 0
      for (file, bytes) in files where (try? MarkdownParser().parse(bytes, file: file)) != nil {
        parsed += 1
      }
    }

    // A new database each time: open (create + migrate), read, hash, parse, generate, write.
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("recall-bench-import-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var report = ImportReport()
    var lastPath = ""
    var attempt = 0
    let newImport = try bestSeconds(repeats: 3) {
      attempt += 1
      lastPath = folder.appendingPathComponent("new-\(attempt).sqlite").path
      let store = try Store.open(at: lastPath)
      report = try store.importNotes(
        search.sources, paths: [corpus.path], extraction: .markdown, now: now)
    }

    // The same files again into the last database: every note skipped by its hash.
    var again = ImportReport()
    let unchanged = try bestSeconds(repeats: 5) {
      let store = try Store.open(at: lastPath)
      again = try store.importNotes(
        search.sources, paths: [corpus.path], extraction: .markdown, now: now + 60)
    }

    func ms(_ seconds: Double) -> String { String(format: "%8.1f ms", seconds * 1000) }
    print(
      "corpus: \(files.count) notes, \(String(format: "%.2f", megabytes)) MB, "
        + "\(report.added) cards, \(report.stubs.count) stubs, \(report.errors.count) errors")
    print("parse only (anchor)    \(ms(parseOnly))   \(parsed) notes parsed")
    print(
      "new import             \(ms(newImport))   \(String(format: "%.2f", newImport / parseOnly))× parse-only "
        + "(goal ≤ 3×) \(newImport <= 3 * parseOnly ? "met" : "NOT met")")
    print(
      "unchanged re-import    \(ms(unchanged))   \(String(format: "%.2f", unchanged / parseOnly))× parse-only "
        + "(goal < 100 ms) \(unchanged < 0.1 ? "met" : "NOT met"); "
        + "\(again.unchangedNotes) notes skipped, \(again.added + again.changed + again.retired) cards changed")
  }
}
