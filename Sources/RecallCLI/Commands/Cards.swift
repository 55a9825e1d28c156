import ArgumentParser
import Foundation
import RecallCards
import RecallMarkdown
import RecallStorage
import RecallTerminal

/// `recall cards FILE... [--json]`: the cards and stubs that notes give, straight from the files.
/// `recall cards [--deck D] [--search TEXT] [--state S] [--due [DATE]] [--json]`: the cards
/// stored in the database, with their short ids, status and scheduling state.
public struct Cards: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "cards",
    abstract: "Show the cards your notes give, or the cards stored in the database.",
    discussion: """
      With FILEs: reads each Markdown file, makes its cards (comparison tables, glossary terms, \
      flows, sections, labels) and lists them with the sections and terms that have no content \
      yet. Nothing is stored.

      Without FILEs: lists the cards stored in the database (see `recall import`), active and \
      retired, with their short id in brackets (what recall suspend, unsuspend, reset and due \
      take), status and scheduling state (state, due, stability, difficulty, reps, lapses). \
      --deck keeps one deck or folder of decks; --search TEXT the cards whose prompt, answer, \
      headings or deck contain TEXT (any case); --state one of new, learning (relearning \
      too), review, suspended, leech, retired (new, learning and review leave out suspended \
      cards); --due [DATE] the cards in steps or in review due by the end of that study day \
      (today without DATE; a date such as 2026-12-24, tomorrow, or +3 days).

      With --json, prints a JSON array of cards.
      """
  )

  /// The note files to read.
  @Argument(help: "The Markdown notes to read.")
  public var files: [String] = []

  /// Lists only the stored cards of this deck (a note's path, or a folder of notes).
  @Option(name: .long, help: "List only the stored cards of this deck (a note's path such as aws/ecs.md, or a folder such as aws).")
  public var deck: String?

  /// Lists only the stored cards whose prompt, answer, headings or deck contain this text.
  @Option(name: .long, help: "List only the stored cards whose prompt, answer, headings or deck contain TEXT (any case).")
  public var search: String?

  /// Lists only the stored cards in this state.
  @Option(name: .long, help: "List only the stored cards in this state: new, learning, review, suspended, leech or retired.")
  public var state: CardFilter.State?

  /// Lists only the stored cards due by the end of this study day.
  @Option(name: .long, help: ArgumentHelp("List only the stored cards due by the end of DATE's study day (today if no DATE is given).", valueName: "DATE"))
  public var due: String?

  /// Prints JSON instead of text.
  @Flag(name: .long, help: "Print a JSON array of cards instead of text.")
  public var json = false

  /// The options shared by every command.
  @OptionGroup public var global: GlobalOptions

  public init() {}

  public func validate() throws {
    if deck != nil && !files.isEmpty {
      throw ValidationError(
        "--deck chooses among the stored cards; leave out the files, or leave out --deck to read the files.")
    }
    if (search != nil || state != nil || due != nil) && !files.isEmpty {
      throw ValidationError(
        "--search, --state and --due choose among the stored cards; leave out the files to use them.")
    }
  }

  /// The command line with `today` after a `--due` that has no value (`recall cards --due`),
  /// since options take a value; other commands' lines are left as they are.
  public static func fillingDueDay(in arguments: [String]) -> [String] {
    guard arguments.first == configuration.commandName else { return arguments }
    var filled: [String] = []
    for (index, argument) in arguments.enumerated() {
      filled.append(argument)
      let next = arguments.indices.contains(index + 1) ? arguments[index + 1] : nil
      if argument == "--due", next == nil || next?.hasPrefix("-") == true {
        filled.append("today")
      }
    }
    return filled
  }

  public func run() throws {
    if files.isEmpty {
      let databasePath = try DatabaseLocation.resolve(option: global.db)
      let filter = CardFilter(search: search, state: state, dueBy: due)
      try StoredCardsOutput.print(
        databasePath: databasePath, deck: deck, filter: filter, now: try global.currentDate(), json: json)
      return
    }
    var notes: [(file: String, cards: NoteCards)] = []
    var failed = false
    for file in files {
      do {
        notes.append((file, try CardsReport.cards(ofFile: file)))
      } catch {
        failed = true
        CommandOutput.report(error)
      }
    }
    if json {
      SafeOutput.writeJSON(try CardsReport.json(notes.flatMap(\.cards.cards)) + "\n")
    } else {
      CardsReport.text(notes, into: { SafeOutput.write($0) })
    }
    if failed { throw ExitCode(1) }
  }
}

/// Reading notes for `recall cards` and printing their cards.
enum CardsReport {
  /// Why a note could not be read.
  struct ReadError: Error, CustomStringConvertible {
    var file: String
    var reason: String
    var description: String { "\(file): the note could not be read (\(reason))." }
  }

  /// The cards of the note at `file`; its deck is the file's name.
  static func cards(ofFile file: String) throws -> NoteCards {
    let url = URL(fileURLWithPath: file)
    // The file's bytes and its parsed tree are let go as soon as the next step has what it
    // needs (a note can be 50 MB).
    func bytes() throws -> [UInt8] {
      do {
        return [UInt8](try Data(contentsOf: url))
      } catch {
        throw ReadError(file: file, reason: FileErrorReason.text(of: error))
      }
    }
    return CardGenerator().generate(
      from: try MarkdownParser().parse(try bytes(), file: file), deck: url.lastPathComponent, file: file)
  }

  /// The cards as a pretty-printed JSON array with sorted keys.
  static func json(_ cards: [Card]) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(cards.map(CardJSON.init))
    return String(decoding: data, as: UTF8.self)
  }

  /// What the stubs are, counted: "5 sections have no content yet, 1 term has no definition yet".
  static func summary(of stubs: [Stub]) -> String {
    let parts: [(Stub.Kind, String, String)] = [
      (.emptySection, "section has no content yet", "sections have no content yet"),
      (.termWithoutDefinition, "term has no definition yet", "terms have no definition yet"),
      (.emptyTable, "table has no filled cells yet", "tables have no filled cells yet"),
    ]
    return parts.compactMap { kind, one, many in
      let count = stubs.filter { $0.kind == kind }.count
      return count == 0 ? nil : "\(count) \(count == 1 ? one : many)"
    }.joined(separator: ", ")
  }

  /// The cards and stubs of each note, for a person to read, given to `write` a card at a time
  /// (a card's text can be tens of megabytes: the report is never held whole). Each piece ends
  /// a line.
  static func text(_ notes: [(file: String, cards: NoteCards)], into write: (String) -> Void) {
    for (file, note) in notes {
      let counts = CardKind.allCases.compactMap { kind -> String? in
        let count = note.cards.filter { $0.kind == kind }.count
        return count == 0 ? nil : "\(count) \(kind.rawValue)"
      }
      var header = "\(SafeText.inline(file)): \(note.cards.count) cards"
      header += counts.isEmpty ? "" : " (\(counts.joined(separator: ", ")))"
      header += ", \(note.stubs.count) stubs\n\n"
      write(header)
      for card in note.cards {
        var out = ""
        /// Adds a line's text; a long one with nothing to sanitize goes to `write` as it is,
        /// after what came before it, without a copy.
        func add(_ text: String) {
          if text.utf8.count > 65_536 && !text.unicodeScalars.contains(where: SafeText.isUnsafe) {
            write(out)
            write(text)
            out = ""
          } else {
            out += text
          }
        }
        out += "[\(card.id)] \(card.kind.rawValue), line \(card.line)\n"
        out += "  Q: "
        add(card.prompt)
        out += "\n  A: "
        // Most answers are one line: added as they are, without a copy made for the indent.
        if card.answer.utf8.contains(UInt8(ascii: "\n")) {
          let answer = card.answer.split(separator: "\n", omittingEmptySubsequences: false)
          out += answer.joined(separator: "\n     ")
        } else {
          add(card.answer)
        }
        out += "\n"
        if !card.choices.isEmpty {
          out += card.kind == .flowOrder ? "  steps to order:\n" : "  choices:\n"
          for (number, option) in card.choices.enumerated() {
            out += "    \(number + 1). \(option.replacingOccurrences(of: "\n", with: " / "))\n"
          }
        }
        if let detail = card.detail {
          out += "  detail: "
          if detail.utf8.contains(UInt8(ascii: "\n")) {
            out += detail.replacingOccurrences(of: "\n", with: "\n          ")
          } else {
            add(detail)
          }
          out += "\n"
        }
        out += "\n"
        write(out)
      }
      if !note.stubs.isEmpty {
        var stubs = CardsReport.summary(of: note.stubs) + ":\n"
        for stub in note.stubs { stubs += "  \(SafeText.inline(stub.file)):\(stub.line): \(stub.message)\n" }
        stubs += "\n"
        write(stubs)
      }
    }
  }
}
