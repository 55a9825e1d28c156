import Foundation

// recall-bench: speed figures beside their anchors, measured in the same run.
// Run with: swift run -c release recall-bench [SUITE...]
// Each suite registers itself in `BenchmarkSuites.all`.

let requested = Set(CommandLine.arguments.dropFirst())
let suites = BenchmarkSuites.all.filter { requested.isEmpty ? $0.runsByDefault : requested.contains($0.name) }
if suites.isEmpty {
  print("unknown suite; known: \(BenchmarkSuites.all.map(\.name).joined(separator: ", "))")
  exit(2)
}
for suite in suites {
  print("== \(suite.name) ==")
  do {
    try suite.run()
  } catch {
    print("\(suite.name) failed: \(error)")
    exit(1)
  }
}
