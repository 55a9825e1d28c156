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
