import Foundation
import PackagePlugin

/// Compiles every file under the package's `Content/` and `Migrations/` folders into Swift source.
///
/// The tool enumerates the folders itself; the plugin declares each file and each folder as an
/// input so that an edit, an added file or a removed file triggers a new generation.
@main
struct EmbedResources: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let root = context.package.directoryURL
    let folders = ["Content", "Migrations"]
    var inputs: [URL] = []
    let fileManager = FileManager.default
    for folder in folders {
      let base = root.appending(path: folder)
      inputs.append(base)
      guard let walker = fileManager.enumerator(at: base, includingPropertiesForKeys: nil) else {
        continue
      }
      for case let url as URL in walker {
        inputs.append(url)
      }
    }
    let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFiles+Generated.swift")
    return [
      .buildCommand(
        displayName: "Embedding Content/ and Migrations/ into \(target.name)",
        executable: try context.tool(named: "EmbedResourcesTool").url,
        arguments: [output.path(percentEncoded: false), root.path(percentEncoded: false)] + folders,
        inputFiles: inputs,
        outputFiles: [output]
      )
    ]
  }
}
