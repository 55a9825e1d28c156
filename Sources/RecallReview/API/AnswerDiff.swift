/// A piece of text, marked when it differs from the other side.
public struct DiffPiece: Hashable, Sendable {
  /// The text.
  public var text: String
  /// Whether it differs: in the right answer, missing from the user's; in the user's answer,
  /// not in the right one.
  public var isDifferent: Bool

  /// Creates a piece.
  public init(_ text: String, isDifferent: Bool) {
    self.text = text
    self.isDifferent = isDifferent
  }
}

/// The character-level differences between a typed answer and the right answer.
///
/// Computed on grapheme clusters, compared case-insensitively after NFC; whitespace and
/// punctuation are never marked, as the checker ignores them. Each side is returned as
/// pieces, so the feedback can show the right answer with what was missed marked and the
/// user's answer with what was wrong marked.
public struct AnswerDiff: Hashable, Sendable {
  /// The right answer, with the characters the user missed marked.
  public var expected: [DiffPiece]
  /// The user's answer, with the characters not in the right answer marked.
  public var typed: [DiffPiece]

  /// Creates a diff from its two sides.
  public init(expected: [DiffPiece], typed: [DiffPiece]) {
    self.expected = expected
    self.typed = typed
  }

  /// The longest side compared character by character, in UTF-8 bytes: a longer answer is
  /// shown unmarked, so that a huge answer costs no more than its own text.
  public static let maximumComparedBytes = 4096

  /// Computes the differences between a typed answer and the right answer.
  ///
  /// When either side is longer than ``maximumComparedBytes``, nothing is marked.
  public init(typed: String, expected: String) {
    if typed.utf8.count > Self.maximumComparedBytes || expected.utf8.count > Self.maximumComparedBytes {
      let trimmed = typed.trimmingCharacters(in: .whitespacesAndNewlines)
      self.typed = trimmed.isEmpty ? [] : [DiffPiece(trimmed, isDifferent: false)]
      self.expected = expected.isEmpty ? [] : [DiffPiece(expected, isDifferent: false)]
      return
    }
    let typedCharacters = Array(typed.trimmingCharacters(in: .whitespacesAndNewlines))
    let expectedCharacters = Array(expected)
    let typedKeys = typedCharacters.map(Self.key)
    let expectedKeys = expectedCharacters.map(Self.key)
    // Indices of the characters that count.
    let typedIndices = typedKeys.indices.filter { typedKeys[$0] != nil }
    let expectedIndices = expectedKeys.indices.filter { expectedKeys[$0] != nil }
    var typedSame = Set<Int>()
    var expectedSame = Set<Int>()
    let n = typedIndices.count
    let m = expectedIndices.count
    if n > 0 && m > 0 && n * m <= 1_000_000 {
      // Longest common subsequence, by dynamic programming.
      var table = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
      for i in stride(from: n - 1, through: 0, by: -1) {
        for j in stride(from: m - 1, through: 0, by: -1) {
          if typedKeys[typedIndices[i]] == expectedKeys[expectedIndices[j]] {
            table[i][j] = table[i + 1][j + 1] + 1
          } else {
            table[i][j] = max(table[i + 1][j], table[i][j + 1])
          }
        }
      }
      var i = 0
      var j = 0
      while i < n && j < m {
        if typedKeys[typedIndices[i]] == expectedKeys[expectedIndices[j]] {
          typedSame.insert(typedIndices[i])
          expectedSame.insert(expectedIndices[j])
          i += 1
          j += 1
        } else if table[i + 1][j] >= table[i][j + 1] {
          i += 1
        } else {
          j += 1
        }
      }
    }
    self.typed = Self.pieces(typedCharacters) { index in
      typedKeys[index] != nil && !typedSame.contains(index)
    }
    self.expected = Self.pieces(expectedCharacters) { index in
      expectedKeys[index] != nil && !expectedSame.contains(index)
    }
  }

  /// Whether anything differs.
  public var hasDifferences: Bool {
    expected.contains(where: \.isDifferent) || typed.contains(where: \.isDifferent)
  }

  /// The comparison key of a character, or nil if it is whitespace or punctuation.
  private static func key(_ character: Character) -> String? {
    AnswerChecker.isIgnorable(character) ? nil : AnswerChecker.normalize(String(character))
  }

  /// Groups characters into pieces of the same marking.
  private static func pieces(_ characters: [Character], isDifferent: (Int) -> Bool)
    -> [DiffPiece]
  {
    var result: [DiffPiece] = []
    for (index, character) in characters.enumerated() {
      let different = isDifferent(index)
      if let last = result.last, last.isDifferent == different {
        result[result.count - 1].text.append(character)
      } else {
        result.append(DiffPiece(String(character), isDifferent: different))
      }
    }
    return result
  }
}
