import ArgumentParser
import RecallCLI

// Parse and run through the async API explicitly: in main.swift a plain
// `await RecallCommand.main()` resolves to ParsableCommand's synchronous `main()`, which
// refuses async root commands in debug builds. The calls sit in an async function because in
// top-level code `asyncCommand.run()` also resolves to the synchronous `run()` (whose default
// prints the help) instead of the command's `run() async`.
//
// The commands run off the main thread: under the async main, libdispatch blocks SIGWINCH,
// SIGINT and SIGTERM on the main thread, and the review's terminal session must get them.
func runRecall() async {
  do {
    let arguments = Cards.fillingDueDay(
      in: RecallCommand.movingGlobalOptions(in: Array(CommandLine.arguments.dropFirst())))
    // A review, the command run most, is parsed without the tree of every command.
    if let review = RecallCommand.parsedReview(arguments) {
      try review.run()
      return
    }
    var command = try await RecallCommand.asyncParseAsRoot(arguments)
    if var asyncCommand = command as? AsyncParsableCommand {
      try await asyncCommand.run()
    } else {
      try command.run()
    }
  } catch {
    RecallCommand.exitSafely(withError: error)
  }
}

await runRecall()
