/// The part of a long answer a learner can recall, and the rest, shown after it as the
/// card's detail.
///
/// An answer keeps at most ``CardDefects/answerCharacterLimit`` characters and
/// ``CardDefects/answerLineLimit`` lines: its first lines while they fit, then the first
/// sentences of the line that does not, when they do; and when even the first line is too long,
/// its first sentences (`다.`, `요.`, `.`, `。` followed by a space).
/// Nothing is lost: what does not fit is the detail.
enum AnswerLead {
  /// `lines` cut into the lead that fits and the rest.
  static func split(_ lines: [String]) -> (lead: [String], rest: [String]) {
    let limit = CardDefects.answerCharacterLimit
    var lead: [String] = []
    var length = 0
    for (index, line) in lines.enumerated() {
      let added = line.count + (lead.isEmpty ? 0 : 1)
      if length + added <= limit && lead.count < CardDefects.answerLineLimit {
        lead.append(line)
        length += added
        continue
      }
      if !lead.isEmpty {
        // The line that does not fit may still give its first sentences to the answer.
        let room = limit - length - 1
        if room >= 40, lead.count < CardDefects.answerLineLimit {
          let (head, tail) = sentences(of: line, within: room)
          if !head.hasSuffix("…"), !head.isEmpty {
            return (lead + [head], (tail.isEmpty ? [] : [tail]) + lines[(index + 1)...])
          }
        }
        return (lead, Array(lines[index...]))
      }
      // The first line alone is too long: its first sentences.
      let (head, tail) = sentences(of: line, within: limit)
      return ([head], (tail.isEmpty ? [] : [tail]) + lines.dropFirst())
    }
    return (lead, [])
  }

  /// The first sentences of `line` that fit in `limit` characters, and the rest; a first
  /// sentence that does not fit is cut after its last word that does, marked `…`.
  static func sentences(of line: String, within limit: Int) -> (String, String) {
    var end: String.Index?
    var count = 0
    var index = line.startIndex
    while index < line.endIndex && count < limit {
      let character = line[index]
      let next = line.index(after: index)
      count += 1
      let isMark = character == "." || character == "。" || character == "!" || character == "?"
      if isMark, next == line.endIndex || line[next] == " " {
        end = next
      }
      index = next
    }
    // Trimmed from the substrings: the rest of a huge line is copied once, not twice.
    if let end {
      return (line[..<end].trimmed, line[end...].trimmed)
    }
    // No sentence ends in time: cut after the last whole word.
    let cut = line[..<index].lastIndex(of: " ") ?? index
    return (line[..<cut].trimmed + "…", line[cut...].trimmed)
  }
}
