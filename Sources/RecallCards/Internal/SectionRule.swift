/// A heading with content of its own is asked for that content (`Redis › value 5가지?` → its
/// members), the children that became cards of their own standing in it by their names only;
/// an empty heading with no subsections is a stub.
enum SectionRule {
  /// Adds the stub of the section at `place` when its heading has no content and no
  /// subsections; returns whether it did, the section then having nothing more to read.
  static func readEmpty(
    _ contentBlocks: Int, in place: SectionPlace, into sink: inout CardSink
  ) -> Bool {
    let section = place.section
    guard let heading = section.heading, contentBlocks == 0, !section.hasSubsections else {
      return false
    }
    sink.addStub(
      .emptySection, line: heading.location.line, place.phrasing.emptySection(section.title))
    return true
  }

  /// Adds the section's own card: its heading path asked, `content` (the lines its rules left
  /// to it) as the answer; nothing before the first heading, nor a heading that is its own
  /// answer.
  static func add(_ content: [String], in place: SectionPlace, into sink: inout CardSink) {
    let section = place.section
    guard let heading = section.heading, !content.isEmpty else { return }
    let answer = content.joinedText(separator: "\n")
    guard !ComparableText.equal(answer, section.title) else { return }
    sink.add(
      .section, anchor: ["section"], context: section.path, line: heading.location.line,
      prompt: place.phrasing.path(Array(section.path.suffix(2))), answer: answer)
  }
}
