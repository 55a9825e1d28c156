import Foundation

/// The Anki note type of Recall's cards: one note per card, its fields, and a front and back
/// that read well on a phone (the prompt alone on the front, with the steps to order; lists for
/// answers, choices and steps; fonts with Korean glyphs).
enum RecallNoteType {
  /// The note type's id, the same in every package so that Anki recognises it.
  static let id: Int64 = 1_765_000_017_000
  /// The fields, in order; the last holds the card's Recall id.
  static let fields = ["Prompt", "Steps", "Answer", "Choices", "Context", "Source", "Recall ID"]
  /// The index of the Recall id field.
  static let idField = 6
  /// When the templates last changed: Anki replaces its copy of the note type only with a newer
  /// one, so this moves forward with every change to them.
  static let modified = Date(timeIntervalSince1970: 1_765_000_000)

  /// The note type.
  static var noteType: AnkiNoteType {
    AnkiNoteType(id: id, name: "Recall", modified: modified, fields: fields, front: front, back: back, css: css)
  }

  static let front = """
    <div class="prompt">{{Prompt}}</div>
    {{#Steps}}<div class="steps">{{Steps}}</div>{{/Steps}}
    """

  static let back = """
    {{FrontSide}}
    <hr id="answer">
    <div class="answer">{{Answer}}</div>
    {{#Choices}}<div class="choices"><div class="label">Choices</div>{{Choices}}</div>{{/Choices}}
    <div class="source">{{Source}}</div>
    """

  static let css = """
    .card { font-family: -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK KR",
      "Apple SD Gothic Neo", "Malgun Gothic", sans-serif; font-size: 20px; line-height: 1.45;
      text-align: left; color: black; background-color: white; padding: 0 0.6em;
      word-break: keep-all; overflow-wrap: anywhere; }
    .nightMode .card, .night_mode .card { color: #eee; background-color: #222; }
    .prompt { font-weight: 600; }
    .answer ul, .answer ol, .choices ul, .steps ul { padding-left: 1.3em; margin: 0.3em 0; }
    .answer li, .choices li, .steps li { margin: 0.2em 0; }
    .detail { margin-top: 0.6em; font-size: 0.9em; }
    .choices { margin-top: 0.8em; font-size: 0.9em; }
    .label { font-size: 0.8em; color: #777; }
    .source { margin-top: 1em; font-size: 0.7em; color: #999; }
    """
}
