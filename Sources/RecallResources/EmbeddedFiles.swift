/// One file from the package's `Content/` or `Migrations/` folder, compiled into the binary.
public struct EmbeddedFile: Sendable, Hashable {
  /// The path relative to the package root, such as `Content/ecs-eks-lambda.md`.
  public let path: String
  /// The file's contents, exactly as on disk.
  public let text: String

  /// Creates an embedded file; only the generated source calls this.
  public init(path: String, text: String) {
    self.path = path
    self.text = text
  }

  /// The path with its top folder removed, such as `ecs-eks-lambda.md`.
  public var pathInFolder: String {
    guard let slash = path.firstIndex(of: "/") else { return path }
    return String(path[path.index(after: slash)...])
  }
}

/// The files compiled into the binary, so that a binary copied alone still works.
public enum EmbeddedFiles {
  /// The bundled notes (`Content/**`), sorted by path.
  public static var content: [EmbeddedFile] { files(under: "Content") }

  /// The SQL migrations (`Migrations/*.sql`), sorted by path, hence in the order they apply.
  public static var migrations: [EmbeddedFile] {
    files(under: "Migrations").filter { $0.path.hasSuffix(".sql") }
  }

  /// The embedded file at `path` (relative to the package root), if there is one.
  public static func file(at path: String) -> EmbeddedFile? {
    all.first { $0.path == path }
  }

  /// The embedded files under `folder`, sorted by path.
  public static func files(under folder: String) -> [EmbeddedFile] {
    all.filter { $0.path.hasPrefix(folder + "/") }
  }
}
