/// Everything the review screen shows at one moment, as plain values.
///
/// The CLI fills it from the session and the card; ``ReviewScreenRenderer`` turns it into
/// lines for a given width. Text in it may come straight from notes: the renderer makes it
/// safe (``SafeText``) before measuring it.
public struct ReviewScreen: Hashable, Sendable {
  /// The top line: progress and counts.
  public var header: Header
  /// Warnings shown above the prompt, such as "note changed since your last review".
  public var notices: [String]
  /// The heading path from the top of the note to the card.
  public var context: [String]
  /// The question.
  public var prompt: String
  /// What kind of answer is expected, such as "choose one" or "type the answer".
  public var instruction: String?
  /// The numbered choices of a choice, next-step or ordering quiz, in the order shown.
  public var choices: [Choice]
  /// The answer area.
  public var answer: AnswerArea
  /// The result after answering, nil before.
  public var feedback: Feedback?
  /// The keys available now.
  public var keyHints: [KeyHint]

  /// Creates a screen.
  public init(
    header: Header, notices: [String] = [], context: [String] = [], prompt: String,
    instruction: String? = nil, choices: [Choice] = [], answer: AnswerArea = .none,
    feedback: Feedback? = nil, keyHints: [KeyHint] = []
  ) {
    self.header = header
    self.notices = notices
    self.context = context
    self.prompt = prompt
    self.instruction = instruction
    self.choices = choices
    self.answer = answer
    self.feedback = feedback
    self.keyHints = keyHints
  }

  /// The top line: where the user is in the session.
  public struct Header: Hashable, Sendable {
    /// The answers given so far this session.
    public var done: Int
    /// The cards still to ask, the one shown included (learning cards that come back today
    /// add to it).
    public var left: Int
    /// The deck or note, shown after the progress.
    public var title: String
    /// Counts on the right, such as "new 3 · learn 1 · due 12".
    public var counts: String

    /// Creates a header.
    public init(done: Int, left: Int, title: String = "", counts: String = "") {
      self.done = done
      self.left = left
      self.title = title
      self.counts = counts
    }
  }

  /// One numbered choice.
  public struct Choice: Hashable, Sendable {
    /// The choice's text.
    public var text: String
    /// How it is marked once answered.
    public var mark: Mark

    /// How a choice is marked after the answer.
    public enum Mark: Hashable, Sendable {
      /// Not marked.
      case none
      /// The right choice.
      case right
      /// The user's choice, which was wrong.
      case pickedWrong
    }

    /// Creates a choice.
    public init(_ text: String, mark: Mark = .none) {
      self.text = text
      self.mark = mark
    }
  }

  /// The answer area under the prompt.
  public enum AnswerArea: Hashable, Sendable {
    /// Nothing (a choice quiz before answering).
    case none
    /// A flip card before the answer is shown.
    case hidden
    /// The line where the user types, with what was typed so far.
    case typing(label: String, text: String)
    /// A flip card's answer, shown.
    case shown(String)
  }

  /// What the screen says after an answer.
  public struct Feedback: Hashable, Sendable {
    /// Whether the answer was right.
    public var verdict: Verdict
    /// The right answer, with the parts the user missed marked.
    public var rightAnswer: [MarkedText]
    /// The user's answer, with the parts that differ marked; nil for flip cards.
    public var userAnswer: [MarkedText]?
    /// Extra text after the answer (a flow step's section).
    public var detail: String?
    /// Where the card comes from: `file:line`.
    public var source: String
    /// The grade that will be given, such as "good", with how it was chosen.
    public var grade: String?
    /// When the card comes back, such as "in 3 days".
    public var nextDue: String?

    /// Creates feedback.
    public init(
      verdict: Verdict, rightAnswer: [MarkedText], userAnswer: [MarkedText]? = nil,
      detail: String? = nil, source: String, grade: String? = nil, nextDue: String? = nil
    ) {
      self.verdict = verdict
      self.rightAnswer = rightAnswer
      self.userAnswer = userAnswer
      self.detail = detail
      self.source = source
      self.grade = grade
      self.nextDue = nextDue
    }

    /// Whether an answer was right.
    public enum Verdict: Hashable, Sendable {
      /// Right.
      case right
      /// Right but for a small typo.
      case typo
      /// Wrong.
      case wrong
      /// A flip card: the user grades it.
      case selfGraded
    }
  }

  /// A key and what it does, for the hint line.
  public struct KeyHint: Hashable, Sendable {
    /// The key, such as "space" or "1-4".
    public var key: String
    /// What it does, such as "next".
    public var action: String

    /// Creates a hint.
    public init(_ key: String, _ action: String) {
      self.key = key
      self.action = action
    }
  }
}

/// A piece of text, marked when it differs from what it is compared with.
public struct MarkedText: Hashable, Sendable {
  /// The text.
  public var text: String
  /// Whether it differs.
  public var isDifferent: Bool

  /// Creates a piece.
  public init(_ text: String, isDifferent: Bool = false) {
    self.text = text
    self.isDifferent = isDifferent
  }
}
