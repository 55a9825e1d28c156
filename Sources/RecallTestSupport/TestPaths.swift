import Foundation

/// Paths that tests need: the package root, the shared folder beside it, scratch folders.
public enum TestPaths {
  /// The package root, found from this source file's location.
  public static var packageRoot: URL {
    URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent()  // RecallTestSupport
      .deletingLastPathComponent()  // Sources
      .deletingLastPathComponent()
  }

  /// `../shared` beside the package, if it is there.
  public static var shared: URL? {
    let url = packageRoot.appendingPathComponent("../shared").standardizedFileURL
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
  }

  /// `../shared/corpus`, if it is there.
  public static var corpus: URL? {
    guard let url = shared?.appendingPathComponent("corpus"),
      FileManager.default.fileExists(atPath: url.path)
    else { return nil }
    return url
  }

  /// The seed note shipped in `Content/`.
  public static var seedNote: URL {
    packageRoot.appendingPathComponent("Content/ecs-eks-lambda.md")
  }

  /// Every `*.md` file under `folder`, recursively, sorted by path.
  public static func markdownFiles(under folder: URL) -> [URL] {
    guard
      let walker = FileManager.default.enumerator(
        at: folder, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])
    else { return [] }
    var found: [URL] = []
    for case let url as URL in walker where url.pathExtension.lowercased() == "md" {
      found.append(url)
    }
    return found.sorted { $0.path < $1.path }
  }

  /// A new empty folder under the system's temporary folder.
  public static func makeTemporaryFolder(_ label: String = "recall-test") throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("\(label)-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// The built `recall` executable beside the test bundle, if it was built.
  public static var recallExecutable: URL? {
    let bundle = Bundle.main.bundleURL
    var folder = bundle
    // The test runner lives in .build/<triple>/<config>/; walk up until a `recall` binary shows.
    for _ in 0..<4 {
      let candidate = folder.appendingPathComponent("recall")
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isFolder),
        !isFolder.boolValue
      {
        return candidate
      }
      folder.deleteLastPathComponent()
    }
    return nil
  }
}
