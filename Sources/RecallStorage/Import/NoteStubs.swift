import Foundation
import RecallCards

/// The stubs of a note as the `note.stubs` column keeps them: a JSON array of
/// `{"kind", "line", "message"}` in note order, without the file (it is the note's).
///
/// An import writes them whenever it reads a note, in the same row write as the note's hash, and
/// lists them again for a note it skips as unchanged.
enum NoteStubs {
  /// One stored stub.
  private struct Entry: Codable {
    var kind: Stub.Kind
    var line: Int
    var message: String
  }

  /// The column's text for `stubs`.
  static func encode(_ stubs: [Stub]) -> String {
    if stubs.isEmpty { return "[]" }
    var out = "["
    for (index, stub) in stubs.enumerated() {
      if index > 0 { out += "," }
      out += "{\"kind\":" + StringListJSON.quoted(stub.kind.rawValue)
      out += ",\"line\":\(stub.line),\"message\":" + StringListJSON.quoted(stub.message) + "}"
    }
    out += "]"
    return out
  }

  /// The stubs in the column's `text`, as stubs of the note at `file`; none if `text` is not
  /// what ``encode(_:)`` writes.
  static func decode(_ text: String, file: String) -> [Stub] {
    if text == "[]" { return [] }
    guard let entries = try? JSONDecoder().decode([Entry].self, from: Data(text.utf8)) else {
      return []
    }
    return entries.map { Stub(kind: $0.kind, file: file, line: $0.line, message: $0.message) }
  }
}
