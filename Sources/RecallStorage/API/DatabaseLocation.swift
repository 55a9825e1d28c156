import Foundation

/// Where the database file lives.
///
/// The first of these that is set wins:
/// 1. the `--db PATH` option;
/// 2. the `RECALL_DB` environment variable;
/// 3. `$XDG_DATA_HOME/recall/recall.sqlite` (when `XDG_DATA_HOME` is an absolute path);
/// 4. `~/.local/share/recall/recall.sqlite`.
///
/// A leading `~/` is expanded and a relative path is taken from the current folder.
public enum DatabaseLocation {
  /// The file name used inside the data folder.
  public static let fileName = "recall.sqlite"

  /// The database path for the given option and environment, as an absolute path.
  ///
  /// - Parameters:
  ///   - option: The value of `--db`, if given.
  ///   - environment: The process environment (`RECALL_DB`, `XDG_DATA_HOME`, `HOME`).
  ///   - currentFolder: The folder relative paths are taken from.
  /// - Returns: The absolute path of the database file; its folders may not exist yet.
  /// - Throws: ``StorageError/noLocation`` when nothing gives a location.
  public static func resolve(
    option: String?,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    currentFolder: String = FileManager.default.currentDirectoryPath
  ) throws(StorageError) -> String {
    let home = nonEmpty(environment["HOME"]) ?? nonEmpty(NSHomeDirectory())
    if let option = nonEmpty(option) {
      return absolute(option, home: home, currentFolder: currentFolder)
    }
    if let variable = nonEmpty(environment["RECALL_DB"]) {
      return absolute(variable, home: home, currentFolder: currentFolder)
    }
    // The XDG spec says relative values are invalid and must be ignored.
    if let xdg = nonEmpty(environment["XDG_DATA_HOME"]), xdg.hasPrefix("/") {
      return join(xdg, "recall", fileName)
    }
    guard let home else { throw .noLocation }
    return join(home, ".local/share/recall", fileName)
  }

  private static func nonEmpty(_ value: String?) -> String? {
    guard let value, !value.isEmpty else { return nil }
    return value
  }

  private static func absolute(_ path: String, home: String?, currentFolder: String) -> String {
    var path = path
    if path == "~", let home {
      path = home
    } else if path.hasPrefix("~/"), let home {
      path = join(home, String(path.dropFirst(2)))
    }
    if !path.hasPrefix("/") {
      path = join(currentFolder, path)
    }
    return URL(fileURLWithPath: path).standardizedFileURL.path
  }

  private static func join(_ parts: String...) -> String {
    var result = ""
    for part in parts where !part.isEmpty {
      if result.isEmpty {
        result = part
      } else {
        result = (result.hasSuffix("/") ? String(result.dropLast()) : result) + "/"
          + (part.hasPrefix("/") ? String(part.dropFirst()) : part)
      }
    }
    return result
  }
}
