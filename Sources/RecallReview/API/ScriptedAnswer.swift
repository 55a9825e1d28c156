import Foundation
import RecallScheduling

/// Reads one line of a scripted session (standard input not a terminal) as a response.
///
/// - A grade word (`again`, `hard`, `good`, `easy`) answers any card with that grade.
/// - A number answers a choice quiz with that choice; on any other quiz except an ordering
///   it is a grade (1–4).
/// - On an ordering quiz, an order such as `3 1 2`, `3,1,2` or `312`.
/// - On a flip card, an empty line is Good; other text is shown beside the answer and the
///   grade is still needed (the next line).
/// - Anything else is a typed answer; an empty line on a checked quiz means "I don't know".
public enum ScriptedAnswer {
  /// The response a line gives to a quiz.
  public static func response(for line: String, quiz: Quiz) -> Response {
    let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
    let isNumber = !trimmed.isEmpty && trimmed.allSatisfy(\.isNumber) && trimmed.count <= 3
    if !isNumber, let grade = Rating(word: trimmed) { return .grade(grade) }
    if quiz.kind == .ordering {
      if let order = OrderingAnswer.parse(trimmed, count: quiz.orderingItems.count) {
        return .ordering(order)
      }
      if let number = Int(trimmed), let grade = Rating(rawValue: number) { return .grade(grade) }
      return .typed(trimmed)
    }
    if isNumber, let number = Int(trimmed) {
      if quiz.presentsChoices { return .choice(number) }
      if let grade = Rating(rawValue: number) { return .grade(grade) }
    }
    if trimmed.isEmpty { return quiz.kind == .flip ? .grade(.good) : .reveal }
    return .typed(trimmed)
  }
}
