import ArgumentParser
import RecallCLI

// Parse and run through the async API explicitly: in main.swift a plain
// `await RecallCommand.main()` resolves to ParsableCommand's synchronous `main()`, which
// refuses async root commands in debug builds.
do {
  var command = try await RecallCommand.asyncParseAsRoot(nil)
  if var asyncCommand = command as? AsyncParsableCommand {
    try await asyncCommand.run()
  } else {
    try command.run()
  }
} catch {
  RecallCommand.exit(withError: error)
}
