import ArgumentParser
import Foundation
import RecallScheduling
import RecallStorage
import RecallTerminal

extension RecallCommand {
  /// `recall optimize [--dry-run]`: fits the FSRS-6 parameters to the review log.
  struct Optimize: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "optimize",
      abstract: "Fit the scheduler's 21 parameters to your own review history.",
      discussion: """
        Reads the review log (undone answers left out), fits the FSRS-6 parameters to it in \
        Swift, and prints how well the current and the fitted parameters predict your reviews \
        (log-loss and RMSE, lower is better). The fitted parameters are kept only if they \
        predict better; the scheduler uses them from the next review on. Small logs fit less: \
        under 8 training items the defaults stay, under 64 only the first four parameters are \
        fitted. With --dry-run nothing is written.
        """)

    @OptionGroup var global: GlobalOptions

    /// Print the figures, write nothing.
    @Flag(name: .long, help: "Print the figures and write nothing.")
    var dryRun = false

    init() {}

    func run() throws {
      let now = try global.currentDate()
      let databasePath = try DatabaseLocation.resolve(option: global.db)
      guard FileManager.default.fileExists(atPath: databasePath) else {
        SafeOutput.write("No reviews yet (there is no database at \(SafeText.inline(databasePath))); nothing to fit.\n")
        return
      }
      let store = dryRun ? try CommandStore.snapshot(databasePath) : try CommandStore.open(databasePath)
      let settings = try StudySettings.load(from: store, deck: nil)
      CommandOutput.warn(settings.problems)
      var logs: [RecallScheduling.ReviewLogEntry] = []
      try store.forEachReview { entry in
        guard let rating = Rating(rawValue: entry.rating) else { return }
        logs.append(
          RecallScheduling.ReviewLogEntry(
            cardID: entry.cardID, reviewedAt: entry.reviewedAt, rating: rating,
            duration: Double(entry.durationMilliseconds) / 1000))
      }
      let optimizer = Optimizer(
        dayClock: settings.dayClock(), currentParameters: settings.parameters)
      let started = DispatchTime.now().uptimeNanoseconds
      let result = optimizer.fit(reviewLogs: logs)
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
      if result.stage == .notEnoughData {
        SafeOutput.write(
          "\(logs.count) reviews, \(result.itemCount) training items: too few to fit (under 8); "
            + "the defaults apply. Nothing was written.\n")
        return
      }
      SafeOutput.write(
        OptimizeReport.text(result, reviews: logs.count, fittedFrom: settings.parametersAreFitted, seconds: seconds))
      if result.kept && result.stage != .notEnoughData {
        if dryRun {
          SafeOutput.write("Dry run: nothing was written.\n")
        } else {
          try store.setSetting(
            Setting(key: StudySettings.parametersKey, value: StudySettings.format(result.parameters)),
            now: now)
          SafeOutput.write("The new parameters are stored; reviews use them from now on.\n")
        }
      } else {
        SafeOutput.write("The parameters in use stay; nothing was written.\n")
      }
    }
  }
}

/// The report of `recall optimize`.
enum OptimizeReport {
  /// The figures before and after, and the verdict.
  static func text(
    _ result: OptimizationResult, reviews: Int, fittedFrom: Bool, seconds: Double
  ) -> String {
    let stage: String
    switch result.stage {
    case .notEnoughData: stage = "too few to fit (under 8); the defaults apply"
    case .initialStabilityOnly: stage = "enough to fit the first four parameters (under 64)"
    case .full: stage = "all 21 parameters fitted"
    }
    func figure(_ value: Double) -> String { String(format: "%.4f", value) }
    var out = "\(reviews) reviews, \(result.itemCount) training items: \(stage).\n"
    out += "              log-loss   RMSE\n"
    out += "in use        \(figure(result.before.logLoss))     \(figure(result.before.rmse))"
    out += fittedFrom ? "   (fitted before)\n" : "   (defaults)\n"
    out += "fitted        \(figure(result.after.logLoss))     \(figure(result.after.rmse))\n"
    out += String(format: "fit time      %.2f s\n", seconds)
    if result.stage != .notEnoughData {
      out +=
        result.kept
        ? "The fitted parameters predict your reviews better: \(result.fitted.description)\n"
        : "The fitted parameters do not predict your reviews better.\n"
    }
    return out
  }
}
