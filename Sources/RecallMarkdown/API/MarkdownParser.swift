/// Parses the Markdown of a study note into a ``MarkdownDocument``.
///
/// The parser follows GitHub's cmark-gfm (CommonMark plus pipe tables) block by block, with a
/// few deliberate deviations that match what note authors mean; each one can be turned off in
/// ``Options`` (the conformance test turns them off to compare with cmark-gfm):
///
/// - bold glued to Korean or CJK text (`**정적 컨텐츠(S3)**를`) counts as bold;
/// - a line of only `<br>` opens an HTML block that ends at that line, so it never swallows the
///   heading or text that follows it;
/// - YAML front matter (`---` on line 1) is kept as ``FrontMatter``, not parsed as Markdown;
/// - `~~x~~` is strikethrough (GitHub renders it; a single `~`, usually a range such as
///   `10~20`, stays text).
///
/// It never crashes, hangs or overflows the stack: container blocks (block quotes and list
/// items) nest at most ``Options/maxNestingDepth`` deep and inline markup at most
/// ``Options/maxInlineDepth`` deep; deeper markers are kept as plain text.
///
/// ```swift
/// let document = try MarkdownParser().parse(bytes, file: "notes/aws.md")
/// for case .heading(let heading) in document.blocks { print(heading.content.plainText) }
/// ```
public struct MarkdownParser: Sendable {
  /// What the parser does beyond (or instead of) GitHub's rules.
  public struct Options: Hashable, Sendable {
    /// Whether `**` and `*` glued to Hangul or CJK letters still open and close emphasis.
    public var boldGluedToKorean: Bool
    /// Whether an HTML block opened by a line of only `<br>` tags ends after such lines.
    public var breakLinesEndHTMLBlocks: Bool
    /// Whether a `---` block on line 1 is read as YAML front matter.
    public var frontMatter: Bool
    /// Whether `~~x~~` is strikethrough (a single `~` never is).
    public var strikethrough: Bool
    /// How deep block quotes and list items may nest; deeper markers are plain text.
    public var maxNestingDepth: Int
    /// How deep inline markup (emphasis, links) may nest; deeper markup is flattened to text.
    public var maxInlineDepth: Int

    /// Recall's defaults: every deviation on, nesting capped at 64 levels.
    public init(
      boldGluedToKorean: Bool = true,
      breakLinesEndHTMLBlocks: Bool = true,
      frontMatter: Bool = true,
      strikethrough: Bool = true,
      maxNestingDepth: Int = 64,
      maxInlineDepth: Int = 64
    ) {
      self.boldGluedToKorean = boldGluedToKorean
      self.breakLinesEndHTMLBlocks = breakLinesEndHTMLBlocks
      self.frontMatter = frontMatter
      self.strikethrough = strikethrough
      self.maxNestingDepth = max(1, maxNestingDepth)
      self.maxInlineDepth = max(1, maxInlineDepth)
    }

    /// cmark-gfm with the table extension only: no deviation, for conformance checks.
    public static var gitHub: Options {
      Options(
        boldGluedToKorean: false, breakLinesEndHTMLBlocks: false, frontMatter: false,
        strikethrough: false)
    }
  }

  /// The options this parser applies.
  public var options: Options

  /// Creates a parser with Recall's default options.
  public init() {
    self.options = Options()
  }

  /// Creates a parser with the given options.
  public init(options: Options) {
    self.options = options
  }

  /// Parses the bytes of a note (BOM dropped, CRLF/CR handled, NFC-normalized).
  ///
  /// - Parameters:
  ///   - bytes: The file's bytes, expected to be UTF-8.
  ///   - file: The file's name or path, used in error messages.
  /// - Returns: The parsed document.
  /// - Throws: ``MarkdownParseError/invalidUTF8(file:line:byteOffset:)`` when the bytes are not
  ///   valid UTF-8.
  public func parse(_ bytes: [UInt8], file: String) throws(MarkdownParseError) -> MarkdownDocument {
    let input = try InputDecoder.decode(bytes, file: file)
    return DocumentBuilder(input: input, options: options).build()
  }

  /// Parses text that is already a valid String.
  public func parse(_ text: String, file: String = "<string>") -> MarkdownDocument {
    let input = InputDecoder.decodeValid(Array(text.utf8))
    return DocumentBuilder(input: input, options: options).build()
  }
}
