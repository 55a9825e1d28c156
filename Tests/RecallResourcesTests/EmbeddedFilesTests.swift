import Foundation
import RecallResources
import RecallTestSupport
import Testing

/// Guards that what the binary embeds equals what is on disk in `Content/` and `Migrations/`.
struct EmbeddedFilesTests {
  /// Every file on disk, relative to the package root, with its exact text.
  private func filesOnDisk(_ folder: String) throws -> [String: String] {
    let root = TestPaths.packageRoot
    let base = root.appendingPathComponent(folder)
    var result: [String: String] = [:]
    guard
      let walker = FileManager.default.enumerator(
        at: base, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
    else { return result }
    for case let url as URL in walker {
      guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else {
        continue
      }
      let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
      result[relative] = try String(contentsOf: url, encoding: .utf8)
    }
    return result
  }

  @Test func embeddedContentEqualsDisk() throws {
    let disk = try filesOnDisk("Content")
    let embedded = Dictionary(uniqueKeysWithValues: EmbeddedFiles.content.map { ($0.path, $0.text) })
    #expect(!disk.isEmpty)
    #expect(embedded == disk, "Content/ changed since the last build: run `touch Package.swift` and build again.")
  }

  @Test func embeddedMigrationsEqualDisk() throws {
    let disk = try filesOnDisk("Migrations").filter { $0.key.hasSuffix(".sql") }
    let embedded = Dictionary(uniqueKeysWithValues: EmbeddedFiles.migrations.map { ($0.path, $0.text) })
    #expect(embedded == disk, "Migrations/ changed since the last build: run `touch Package.swift` and build again.")
  }

  @Test func seedNoteIsBundledByteForByte() throws {
    let seed = try #require(EmbeddedFiles.file(at: "Content/ecs-eks-lambda.md"))
    let disk = try Data(contentsOf: TestPaths.seedNote)
    #expect(Data(seed.text.utf8) == disk)
    #expect(seed.pathInFolder == "ecs-eks-lambda.md")
  }

  @Test func filesAreSortedByPath() {
    let paths = EmbeddedFiles.all.map(\.path)
    #expect(paths == paths.sorted())
  }
}
