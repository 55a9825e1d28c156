import ArgumentParser
import RecallCLI

let arguments = Cards.fillingDueDay(
  in: RecallCommand.movingGlobalOptions(in: Array(CommandLine.arguments.dropFirst())))

// Parse and run through the async API explicitly: in main.swift a plain
// `await RecallCommand.main()` resolves to ParsableCommand's synchronous `main()`, which
// refuses async root commands in debug builds. The calls sit in an async function because in
// top-level code `asyncCommand.run()` also resolves to the synchronous `run()` (whose default
// prints the help) instead of the command's `run() async`.
func runRecall(_ arguments: [String]) async {
  do {
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

// A review, the command run most, runs here on the main thread: parsed without the tree of
// every command, and its reads made on this thread rather than a worker's (whose memory
// arena grows a page at a time).
if var review = RecallCommand.parsedReview(arguments) {
  do {
    try review.run()
  } catch {
    RecallCommand.exitSafely(withError: error)
  }
} else {
  await runRecall(arguments)
}
