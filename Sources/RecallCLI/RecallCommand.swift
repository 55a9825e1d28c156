import ArgumentParser

/// The `recall` command: study Markdown notes as flashcards scheduled with FSRS-6.
public struct RecallCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "recall",
    abstract: "Study your Markdown notes as flashcards and quizzes, scheduled with FSRS-6.",
    version: "0.1.0",
    subcommands: [
      Review.self,
      Practice.self,
      Parse.self,
      Cards.self,
      Decks.self,
      Suspend.self,
      Unsuspend.self,
      Reset.self,
      Due.self,
      Remove.self,
      Import.self,
      Config.self,
      Optimize.self,
      Stats.self,
      Export.self,
      ImportProgress.self,
      ImportAnki.self,
      Check.self,
    ],
    defaultSubcommand: Review.self
  )

  public init() {}
}

extension RecallCommand {
  /// The review a command line asks for (`review …`, or options alone: the default command),
  /// read by hand when the line is plain (``ReviewRequest/init(plainLine:)``), else by the
  /// review's own parser; nil for any other command, and for a line the review's
  /// parser refuses or answers itself (`--help`, a wrong value), which the whole parse then
  /// handles with the usage and messages of `recall`.
  ///
  /// The whole parse builds every command's options (reflected from their property wrappers)
  /// to run one: at start-up, about a tenth of the time to a review's first card.
  public static func parsedReview(_ arguments: [String]) -> ReviewRequest? {
    var rest = arguments[...]
    if rest.first == Review.configuration.commandName {
      rest = rest.dropFirst()
    } else if let first = rest.first, !first.hasPrefix("-") {
      return nil
    }
    if let review = ReviewRequest(plainLine: rest) { return review }
    // `--help` parses too, as a command that prints the review's help: the whole parse
    // prints it with `recall`'s usage.
    return ((try? Review.parseAsRoot(Array(rest))) as? Review)?.request
  }
}
