import ArgumentParser
import Foundation
import RecallMarkdown
import RecallTerminal

extension RecallCommand {
  /// `recall parse FILE [--json]`: prints the block tree Recall sees in a note.
  struct Parse: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print the block tree that Recall sees in a Markdown note.",
      discussion: """
        Each block is printed with its line:column, so you can see how a note will be read: \
        headings, tables (cells split at <br>), lists, paragraphs and their bold terms.
        """)

    /// The note to parse.
    @Argument(help: "The Markdown file to parse.")
    var file: String

    /// Prints JSON instead of the indented tree.
    @Flag(name: .long, help: "Print the tree as JSON (blocks with line and column).")
    var json = false

    /// Parses as GitHub does, without Recall's deviations.
    @Flag(name: .long, help: "Parse exactly as GitHub (cmark-gfm) does, without Recall's deviations.")
    var github = false

    func run() throws {
      // The file's bytes only: its Data is let go before parsing (a note can be 50 MB).
      guard let bytes = FileManager.default.contents(atPath: file).map([UInt8].init) else {
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: file, isDirectory: &isFolder)
        let reason = exists && isFolder.boolValue ? "it is a folder" : exists ? "it cannot be read" : "it does not exist"
        throw ValidationError(
          "Cannot read '\(SafeText.inline(file))': \(reason). Give the path of a Markdown file.")
      }
      let document: MarkdownDocument
      do {
        document = try MarkdownParser(options: github ? .gitHub : .init()).parse(bytes, file: file)
      } catch {
        SafeOutput.write("error: \(SafeText.inline(error.description))\n", to: .standardError)
        throw ExitCode.failure
      }
      if json {
        var object = document.structure(locations: true, keepInlineHTML: true)
        object["file"] = file
        let data = try JSONSerialization.data(
          withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        SafeOutput.writeJSON(String(decoding: data, as: UTF8.self) + "\n")
      } else {
        document.treeDescription { SafeOutput.write($0) }
      }
    }
  }
}
