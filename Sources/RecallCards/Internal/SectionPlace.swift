/// Where a rule reads: a section of the note's outline, and the title its cards are asked by.
///
/// The title is the section's (or the note's file name before the first heading), unless the
/// rule reads inside a list item that names what it holds: a table under `- Method` is asked
/// by `Method`, a flow under `- 진행 순서` by its item's heads.
struct SectionPlace {
  /// The note being read.
  let outline: NoteOutline
  /// The section's index in ``NoteOutline/sections``.
  let index: Int
  /// The title the cards are asked by.
  let title: String

  /// The place of the section at `index`, asked by its own title.
  init(_ outline: NoteOutline, section index: Int) {
    self.outline = outline
    self.index = index
    title = outline.title(of: outline.sections[index])
  }

  /// The place of the section at `index`, asked by `title`.
  init(_ outline: NoteOutline, section index: Int, title: String) {
    self.outline = outline
    self.index = index
    self.title = title
  }

  /// The section.
  var section: NoteOutline.Section { outline.sections[index] }
  /// The texts of the section's heading and those enclosing it: the context of its cards.
  var path: [String] { outline.sections[index].path }
  /// The language of the prompts.
  var phrasing: Phrasing { outline.phrasing }

  /// The same section, asked by `title`.
  func titled(_ title: String) -> SectionPlace {
    SectionPlace(outline, section: index, title: title)
  }
}
