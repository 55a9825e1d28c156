import RecallStats

/// A review of an export read straight from its JSON text, in the form `recall export` writes,
/// without `JSONDecoder` (whose generic decoding was most of the reading of a year of reviews).
///
/// It reads a review's own keys in any order, with any whitespace, strings with any escape,
/// and `null` or a missing key for an optional value. Anything else gives `nil`: an unknown or
/// repeated key, a required value missing or `null`, a value of another type, an integer
/// written with a fraction or an exponent, a number beyond a `Double`, text that is not UTF-8.
/// The caller then decodes that review with `JSONDecoder`, which says what is wrong and where,
/// so a review read here is the one `JSONDecoder` would give.
struct PlainReviewJSON {
  private let bytes: [UInt8]
  private var index = 0

  private init(_ bytes: [UInt8]) {
    self.bytes = bytes
  }

  /// The review of an array element's bytes, or `nil` for anything but the plain form.
  static func review(_ bytes: [UInt8]) -> ExportedReview? {
    var reader = PlainReviewJSON(bytes)
    guard let review = reader.review() else { return nil }
    reader.skipSpace()
    return reader.index == bytes.count ? review : nil
  }

  private static let reviewKeys = Keys([
    "id", "cardUid", "deck", "key", "reviewedAt", "rating", "quiz", "answer", "correct", "durationMs",
    "undoneAt", "before", "after",
  ])
  private static let scheduleKeys = Keys([
    "state", "step", "stability", "difficulty", "due", "lastReview", "reps", "lapses",
  ])

  /// The keys of an object, as text and as the bytes a key without escapes is matched against.
  private struct Keys {
    let names: [String]
    let bytes: [[UInt8]]

    init(_ names: [String]) {
      self.names = names
      bytes = names.map { Array($0.utf8) }
    }
  }

  private mutating func review() -> ExportedReview? {
    var (id, cardUid, deck, key, reviewedAt, quiz): (String?, String?, String?, String?, String?, String?)
    var (rating, durationMs): (Int?, Int?)
    var (answer, undoneAt, correct): (String?, String?, Bool?)
    var (before, after): (ExportedSchedule?, ExportedSchedule?)
    // The cases follow ``reviewKeys``.
    let complete = members(Self.reviewKeys) { reader, place in
      switch place {
      case 0: id = reader.string()
      case 1: cardUid = reader.string()
      case 2: deck = reader.string()
      case 3: key = reader.string()
      case 4: reviewedAt = reader.string()
      case 5: rating = reader.integer()
      case 6: quiz = reader.string()
      case 7: return reader.optional(&answer) { $0.string() }
      case 8: return reader.optional(&correct) { $0.boolean() }
      case 9: durationMs = reader.integer()
      case 10: return reader.optional(&undoneAt) { $0.string() }
      case 11: before = reader.schedule()
      default: after = reader.schedule()
      }
      return true
    }
    guard complete, let id, let cardUid, let deck, let key, let reviewedAt, let quiz, let rating,
      let durationMs, let before, let after
    else { return nil }
    return ExportedReview(
      id: id, cardUid: cardUid, deck: deck, key: key, reviewedAt: reviewedAt, rating: rating, quiz: quiz,
      answer: answer, correct: correct, durationMs: durationMs, undoneAt: undoneAt, before: before, after: after)
  }

  private mutating func schedule() -> ExportedSchedule? {
    var state: String?
    var (reps, lapses, step): (Int?, Int?, Int?)
    var (stability, difficulty): (Double?, Double?)
    var (due, lastReview): (String?, String?)
    // The cases follow ``scheduleKeys``.
    let complete = members(Self.scheduleKeys) { reader, place in
      switch place {
      case 0: state = reader.string()
      case 1: return reader.optional(&step) { $0.integer() }
      case 2: return reader.optional(&stability) { $0.number() }
      case 3: return reader.optional(&difficulty) { $0.number() }
      case 4: return reader.optional(&due) { $0.string() }
      case 5: return reader.optional(&lastReview) { $0.string() }
      case 6: reps = reader.integer()
      default: lapses = reader.integer()
      }
      return true
    }
    guard complete, let state, let reps, let lapses else { return nil }
    return ExportedSchedule(
      state: state, step: step, stability: stability, difficulty: difficulty, due: due, lastReview: lastReview,
      reps: reps, lapses: lapses)
  }

  /// Reads an object whose keys are among `keys`, each once, giving `value` the place of each
  /// key in `keys` to read its value (`false` when it cannot); whether the object was read whole.
  private mutating func members(_ keys: Keys, _ value: (inout Self, Int) -> Bool) -> Bool {
    guard take(UInt8(ascii: "{")) else { return false }
    if take(UInt8(ascii: "}")) { return true }
    var seen: UInt32 = 0
    repeat {
      guard let place = key(keys), take(UInt8(ascii: ":")), seen & (1 << place) == 0 else { return false }
      seen |= 1 << place
      // A required value that is missing stays `nil`, and the caller's check refuses it.
      guard value(&self, place) else { return false }
    } while take(UInt8(ascii: ","))
    return take(UInt8(ascii: "}"))
  }

  /// The place in `keys` of the key at `index`, then past it; `nil` for another key. A key
  /// written without escapes (nearly every one) is matched by its bytes, without making text.
  private mutating func key(_ keys: Keys) -> Int? {
    skipSpace()
    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
    var end = index + 1
    while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\") { end += 1 }
    if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
      let name = bytes[(index + 1)..<end]
      index = end + 1
      return keys.bytes.firstIndex { $0.count == name.count && $0.elementsEqual(name) }
    }
    guard let name = string() else { return nil }
    return keys.names.firstIndex(of: name)
  }

  /// Reads `null` or a value into `target`; `false` when neither is there.
  private mutating func optional<Value>(_ target: inout Value?, _ read: (inout Self) -> Value?) -> Bool {
    if literal("null") { return true }
    target = read(&self)
    return target != nil
  }

  private mutating func skipSpace() {
    while index < bytes.count {
      let byte = bytes[index]
      guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
      index += 1
    }
  }

  /// Whether `byte` is next (after any whitespace), then past it.
  private mutating func take(_ byte: UInt8) -> Bool {
    skipSpace()
    guard index < bytes.count, bytes[index] == byte else { return false }
    index += 1
    return true
  }

  private mutating func literal(_ text: String) -> Bool {
    skipSpace()
    let count = text.utf8.count
    guard index + count <= bytes.count, bytes[index..<(index + count)].elementsEqual(text.utf8) else { return false }
    index += count
    return true
  }

  private mutating func boolean() -> Bool? {
    if literal("true") { return true }
    if literal("false") { return false }
    return nil
  }

  /// A string, its escapes read; `nil` for a control character, a bad escape or a lone
  /// surrogate, or bytes that are not UTF-8.
  private mutating func string() -> String? {
    guard take(UInt8(ascii: "\"")) else { return nil }
    // The bytes read so far of a string with escapes; a string without (nearly every one) is
    // read straight from `bytes`.
    var text: [UInt8] = []
    let first = index
    var start = index
    var isASCII = true
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        defer { index += 1 }
        if start == first {
          // ASCII is UTF-8 as it is: decoding it needs no check.
          return isASCII
            ? String(decoding: bytes[first..<index], as: UTF8.self)
            : String(validating: bytes[first..<index], as: UTF8.self)
        }
        text += bytes[start..<index]
        return String(validating: text, as: UTF8.self)
      }
      if byte < 0x20 { return nil }
      if byte >= 0x80 { isASCII = false }
      if byte == UInt8(ascii: "\\") {
        text += bytes[start..<index]
        guard let scalar = escape() else { return nil }
        text += Array(String(scalar).utf8)
        start = index
        continue
      }
      index += 1
    }
    return nil
  }

  /// The character of the escape at `index`, then past it.
  private mutating func escape() -> Unicode.Scalar? {
    guard index + 1 < bytes.count else { return nil }
    let letter = bytes[index + 1]
    index += 2
    switch letter {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return Unicode.Scalar(letter)
    case UInt8(ascii: "b"): return "\u{8}"
    case UInt8(ascii: "f"): return "\u{C}"
    case UInt8(ascii: "n"): return "\n"
    case UInt8(ascii: "r"): return "\r"
    case UInt8(ascii: "t"): return "\t"
    case UInt8(ascii: "u"):
      guard let unit = hexUnit() else { return nil }
      if (0xD800...0xDBFF).contains(unit) {
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
        else { return nil }
        index += 2
        guard let low = hexUnit(), (0xDC00...0xDFFF).contains(low) else { return nil }
        return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
      }
      return Unicode.Scalar(unit)
    default: return nil
    }
  }

  /// The four hexadecimal digits at `index`, then past them.
  private mutating func hexUnit() -> UInt32? {
    guard index + 4 <= bytes.count else { return nil }
    var value: UInt32 = 0
    for byte in bytes[index..<(index + 4)] {
      guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue else { return nil }
      value = value * 16 + UInt32(digit)
    }
    index += 4
    return value
  }

  /// The bytes of a JSON number at `index` (`-`, digits without a leading zero, then any
  /// fraction and exponent), then past them; whether it had a fraction or an exponent.
  private mutating func numberText() -> (text: ArraySlice<UInt8>, isInteger: Bool)? {
    skipSpace()
    let start = index
    func digits(_ reader: inout Self) -> Int {
      let first = reader.index
      while reader.index < reader.bytes.count, (0x30...0x39).contains(reader.bytes[reader.index]) { reader.index += 1 }
      return reader.index - first
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
    let whole = index
    let count = digits(&self)
    guard count > 0, count == 1 || bytes[whole] != 0x30 else { return nil }
    var isInteger = true
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard digits(&self) > 0 else { return nil }
      isInteger = false
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
      guard digits(&self) > 0 else { return nil }
      isInteger = false
    }
    return (bytes[start..<index], isInteger)
  }

  /// An integer written as one (no fraction, no exponent, no `-0`) that fits an `Int`.
  private mutating func integer() -> Int? {
    guard let (text, isInteger) = numberText(), isInteger, text.elementsEqual("-0".utf8) == false else { return nil }
    // Digits after an optional minus (``numberText()``), summed as `Int(_:)` reads them.
    let negative = text.first == UInt8(ascii: "-")
    var value = 0
    for byte in text.dropFirst(negative ? 1 : 0) {
      let (times, overflowed) = value.multipliedReportingOverflow(by: 10)
      let digit = Int(byte - UInt8(ascii: "0"))
      let (sum, over) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
      guard !overflowed, !over else { return nil }
      value = sum
    }
    return value
  }

  /// A finite number; not a zero written with an exponent or rounded to zero (which
  /// `JSONDecoder` refuses), nor one too small for a normal `Double`.
  private mutating func number() -> Double? {
    guard let (text, _) = numberText(), let value = Double(String(decoding: text, as: UTF8.self)), value.isFinite
    else { return nil }
    if value == 0 {
      let plainZero = text.allSatisfy { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: ".") }
      return plainZero ? value : nil
    }
    return value.magnitude < Double.leastNormalMagnitude ? nil : value
  }
}
