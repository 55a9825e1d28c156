import RecallCLI

await RecallCommand.main()
