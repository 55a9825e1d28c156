/// A parsed note: its optional front matter and its blocks in source order.
public struct MarkdownDocument: Hashable, Sendable {
  /// The YAML front matter at the top of the file, if any.
  public var frontMatter: FrontMatter?
  /// The top-level blocks.
  public var blocks: [Block]

  /// Creates a document.
  public init(frontMatter: FrontMatter?, blocks: [Block]) {
    self.frontMatter = frontMatter
    self.blocks = blocks
  }
}

/// YAML front matter (`---` ... `---` on the first line), kept as metadata.
public struct FrontMatter: Hashable, Sendable {
  /// The raw text between the fences.
  public var raw: String
  /// Top-level `key: value` pairs, in order; values trimmed and unquoted.
  public var fields: [(key: String, value: String)] {
    raw.split(separator: "\n", omittingEmptySubsequences: true).compactMap { line in
      guard let first = line.first, !first.isWhitespace, first != "#", first != "-",
        let colon = line.firstIndex(of: ":")
      else { return nil }
      let key = line[..<colon].trimmingWhitespace()
      var value = line[line.index(after: colon)...].trimmingWhitespace()
      if value.count >= 2, let quote = value.first, quote == "\"" || quote == "'",
        value.last == quote
      {
        value = String(value.dropFirst().dropLast())
      }
      return key.isEmpty ? nil : (key, value)
    }
  }
  /// Where the opening fence is (always line 1).
  public var location: SourceLocation

  /// Creates front matter from its raw text.
  public init(raw: String, location: SourceLocation) {
    self.raw = raw
    self.location = location
  }

  /// The value of the first field named `key`, if any.
  public func value(for key: String) -> String? {
    fields.first { $0.key == key }?.value
  }

  public static func == (lhs: FrontMatter, rhs: FrontMatter) -> Bool {
    lhs.raw == rhs.raw && lhs.location == rhs.location
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(raw)
    hasher.combine(location)
  }
}
