import Foundation
import RecallScheduling
import RecallStats
import RecallStorage

/// Merges a review log exported by `recall export --format json` into a store: reviews matched
/// by id (nothing lost, nothing counted twice), cards matched by UUID or by deck and key (a key
/// of an export made before keys left out the deck is read without it), and the schedule of
/// every card that got new reviews replayed from its merged log (``LogReplay``: a log from one
/// machine gives exactly that machine's schedule).
///
/// The file is read a piece at a time and each review merged as it is read; each card's first
/// schedule is then found through the log's indexes, and the merged log walked once in time
/// order from the database to replay it. A bad file, or a failure half-way, leaves the
/// database as it was: the merge is one transaction.
public struct ProgressMerge: Sendable {
  /// The scheduling of each deck that replays the merged logs.
  public var scheduling: DeckScheduling

  /// A merge that schedules answers with `scheduling`.
  public init(scheduling: DeckScheduling) {
    self.scheduling = scheduling
  }

  /// The arrays of an export read one element at a time.
  static let streamed: Set<String> = ["cards", "reviews"]
  /// Cards decoded at once: enough that decoding costs little per card, few enough to take
  /// little memory. (Reviews are read one by one: ``ReviewReading``.)
  static let batchSize = 1_000

  /// Reads and checks what a merge needs of the export at `path` besides its cards and
  /// reviews (those are read as they are merged): its format, schema version and settings.
  ///
  /// - Throws: ``ProgressError/cannotRead(path:reason:)``, ``ProgressError/notAnExport(path:reason:)``,
  ///   ``ProgressError/unsupportedSchemaVersion(path:version:)`` or
  ///   ``ProgressError/invalidEntry(path:location:reason:)``.
  public static func header(path: String, now: Date) throws(ProgressError) -> ExportHeader {
    var values: [(String, [UInt8])] = []
    var scanner = ExportScanner(streamed: streamed, skippingElements: true)
    do {
      try scanner.scan(path: path, value: { values.append(($0, $1)) }, element: { _, _ in })
    } catch {
      throw error as? ProgressError ?? .cannotRead(path: path, reason: "\(error)")
    }
    return try decoded(ExportHeader.self, from: try topLevel(values, path: path), path: path)
  }

  /// The top-level values as one JSON object (a streamed array as `[]`), its format and
  /// schema version checked.
  private static func topLevel(_ values: [(String, [UInt8])], path: String) throws(ProgressError) -> Data {
    var text: [UInt8] = Array("{".utf8)
    for (index, (key, value)) in values.enumerated() {
      if index > 0 { text.append(UInt8(ascii: ",")) }
      text += Array("\"".utf8) + Array(key.utf8) + Array("\":".utf8) + value
    }
    text.append(UInt8(ascii: "}"))
    let data = Data(text)
    guard let object = try? JSONSerialization.jsonObject(with: data), let top = object as? [String: Any]
    else {
      throw .notAnExport(path: path, reason: "it is not a JSON object")
    }
    guard top["format"] as? String == ProgressExport.formatName else {
      throw .notAnExport(path: path, reason: "its \"format\" is not \"\(ProgressExport.formatName)\"")
    }
    guard let version = top["schemaVersion"] as? Int else {
      throw .notAnExport(path: path, reason: "it has no whole-number \"schemaVersion\"")
    }
    guard version == ProgressExport.currentSchemaVersion else {
      throw .unsupportedSchemaVersion(path: path, version: version)
    }
    return data
  }

  /// Decodes `data`, a whole value or a batch of an array's elements (`prefix` names the array,
  /// `offset` is the index of the batch's first element), naming the place of a bad value.
  static func decoded<Value: Decodable>(
    _ type: Value.Type, from data: Data, path: String, prefix: String = "", offset: Int = 0
  ) throws(ProgressError) -> Value {
    // A number too large for a Double (1e999: JSON has no infinity) is read as a string, which
    // the decoder then refuses at its place.
    let (data, overflowing) = OverflowingNumbers.quoted(in: data)
    do {
      return try JSONDecoder().decode(Value.self, from: data)
    } catch let DecodingError.keyNotFound(key, context) {
      throw .invalidEntry(
        path: path, location: location(context.codingPath + [key], prefix: prefix, offset: offset),
        reason: "the value is missing")
    } catch let DecodingError.typeMismatch(_, context) {
      let top = try? JSONSerialization.jsonObject(with: data)
      let reason =
        if let top, let number = OverflowingNumbers.value(at: context.codingPath, in: top) as? String,
          overflowing.contains(number)
        {
          "\(number) is not a finite number"
        } else {
          "the value has the wrong type"
        }
      throw .invalidEntry(
        path: path, location: location(context.codingPath, prefix: prefix, offset: offset), reason: reason)
    } catch let DecodingError.valueNotFound(_, context) {
      throw .invalidEntry(
        path: path, location: location(context.codingPath, prefix: prefix, offset: offset), reason: "the value is null")
    } catch let DecodingError.dataCorrupted(context) {
      if context.codingPath.isEmpty && !prefix.isEmpty {
        throw .invalidEntry(
          path: path, location: "\(prefix)[\(offset)…]", reason: "it is not JSON (\(context.debugDescription))")
      }
      throw .invalidEntry(
        path: path, location: location(context.codingPath, prefix: prefix, offset: offset),
        reason: context.debugDescription)
    } catch {
      throw .notAnExport(path: path, reason: "\(error)")
    }
  }

  /// Decodes and checks a whole export held in memory; `path` names it in messages, and times
  /// later than a hundred years after `now` are refused.
  ///
  /// Every review is checked field by field (see ``ExportedReview/check(times:)``): a forged or
  /// broken value is refused with its place, such as `reviews[3].before.stability`.
  public static func decode(_ data: Data, path: String, now: Date) throws(ProgressError) -> ProgressExport {
    do {
      var values: [(String, [UInt8])] = []
      var header = ExportScanner(streamed: streamed, skippingElements: true)
      try header.scan(data, path: path, value: { values.append(($0, $1)) }, element: { _, _ in })
      var export = try decoded(ProgressExport.self, from: try topLevel(values, path: path), path: path)
      var (cards, reviews): ([ExportedCard], [ExportedReview]) = ([], [])
      var cardBatch = Batch<ExportedCard>(prefix: "cards", path: path)
      var reviewReading = ReviewReading(path: path, now: now)
      var scanner = ExportScanner(streamed: streamed)
      try scanner.scan(
        data, path: path, value: { _, _ in },
        element: { key, bytes in
          if key == "cards" {
            try cardBatch.add(bytes) { cards.append($0) }
          } else {
            try reviewReading.add(bytes) { review, _ in reviews.append(review) }
          }
        })
      try cardBatch.flush { cards.append($0) }
      export.cards = cards
      export.reviews = reviews
      return export
    } catch {
      throw error as? ProgressError ?? .notAnExport(path: path, reason: "\(error)")
    }
  }

  /// Merges the export at `path` into `store`, reading it a piece at a time: every review of a
  /// card this database has. The reviews of cards it does not have (a note edited since, or
  /// not imported here) are left out and listed in the report with their cards' prompts;
  /// merging the file again once they are here merges them, the rest being matched by id.
  ///
  /// The file is checked as ``decode(_:path:now:)`` checks it; a bad value anywhere leaves the
  /// database as it was.
  ///
  /// - Parameter header: The file's top level, as ``header(path:now:)`` read and checked it
  ///   (the caller needs it for the settings): the file is not scanned for it again.
  public func merge(file path: String, header: ExportHeader, now: Date, into store: Store) throws(ProgressError)
    -> ProgressMergeReport
  {
    try merge(into: store, path: path) { cards, reviews in
      var cardBatch = Batch<ExportedCard>(prefix: "cards", path: path)
      var reviewReading = ReviewReading(path: path, now: now)
      var scanner = ExportScanner(streamed: Self.streamed)
      try scanner.scan(
        path: path, value: { _, _ in },
        element: { key, bytes in
          if key == "cards" {
            try cardBatch.add(bytes, cards)
          } else {
            try reviewReading.add(bytes, reviews)
          }
        })
      try cardBatch.flush(cards)
    }
  }

  /// Merges an export held in memory (read with ``decode(_:path:now:)``) into `store`, as
  /// ``merge(file:header:now:into:)`` does.
  public func merge(_ export: ProgressExport, from path: String, into store: Store) throws(ProgressError)
    -> ProgressMergeReport
  {
    try merge(into: store, path: path) { cards, reviews in
      for card in export.cards { try cards(card) }
      // Checked as a file's reviews are (``decode(_:path:now:)`` checked them already, against
      // its time): the merge stores the values the checks read.
      var checks = ReviewChecks(path: path, times: .unchecked)
      for review in export.reviews { try checks.check(review, reviews) }
    }
  }

  /// The merge of the cards and reviews `read` gives to its two callbacks, in one transaction.
  private func merge(
    into store: Store, path: String,
    read: (_ cards: (ExportedCard) throws -> Void, _ reviews: (ExportedReview, CheckedReview) throws -> Void)
      throws -> Void
  ) throws(ProgressError) -> ProgressMergeReport {
    do {
      var byUID: [String: Int64] = [:]
      var byDeckKey: [String: Int64] = [:]
      for identity in try store.cardIdentities() {
        byUID[identity.uid] = identity.id
        byDeckKey[identity.deck + "\u{1F}" + identity.key] = identity.id
      }
      var skipped: [SkippedCard] = []
      var skippedIndex: [String: Int] = [:]
      var skippedUIDs: [Int: String] = [:]
      // The prompts of the file's cards this database does not have, for the report.
      var prompts: [String: String] = [:]
      let scheduling = self.scheduling
      var report = try store.mergeLog { merge in
        try read(
          { card in if byUID[card.uid] == nil && prompts[card.uid] == nil { prompts[card.uid] = card.prompt } },
          { review, checked in
            guard
              let cardID = byUID[review.cardUid] ?? byDeckKey[review.deck + "\u{1F}" + review.key]
                ?? byDeckKey[review.deck + "\u{1F}" + CardIdentity.noteRelativeKey(review.key, deck: review.deck)]
            else {
              let name = review.deck + "\u{1F}" + review.key
              if let index = skippedIndex[name] {
                skipped[index].reviews += 1
              } else {
                skippedIndex[name] = skipped.count
                skippedUIDs[skipped.count] = review.cardUid
                skipped.append(SkippedCard(deck: review.deck, key: review.key, prompt: "", reviews: 1))
              }
              return
            }
            try merge.add(
              StoredReview(
                id: checked.id, cardID: cardID, reviewedAt: checked.reviewedAt, rating: review.rating,
                quiz: review.quiz, answer: review.answer, correct: review.correct,
                durationMilliseconds: review.durationMs, before: checked.before, after: checked.after))
            if let undone = checked.undoneAt {
              try merge.addUndo(ReviewUndo(reviewID: checked.id, undoneAt: undone))
            }
          })
        guard !merge.rescheduled.isEmpty else { return merge.report }
        // Each card starts from the schedule its first review found.
        let firstBefore = try merge.firstSchedules()
        var walk = LogReplay(cards: try merge.cards(), firstBefore: firstBefore, scheduling: scheduling)
        try merge.forEachAnswer { answer in try walk.take(answer) }
        for cardID in merge.rescheduled.sorted() {
          let schedule = firstBefore[cardID] != nil ? (walk.schedule(of: cardID) ?? .new) : .new
          try merge.setSchedule(schedule, cardID: cardID)
        }
        return merge.report
      }
      for (index, uid) in skippedUIDs { skipped[index].prompt = prompts[uid] ?? "" }
      report.skippedCards = skipped
      report.reviewsSkipped = skipped.reduce(0) { $0 + $1.reviews }
      return report
    } catch let error as ProgressError {
      throw error
    } catch let error as StorageError {
      throw .storage(error)
    } catch {
      throw .notAnExport(path: path, reason: "\(error)")
    }
  }
}

/// Elements of an array of an export, decoded a batch at a time.
struct Batch<Element: Decodable> {
  /// The array's name, as messages give it (`reviews`).
  let prefix: String
  /// The file, as messages name it.
  let path: String
  private var bytes: [UInt8] = []
  private var count = 0
  /// The index of the batch's first element.
  private(set) var offset = 0

  init(prefix: String, path: String) {
    self.prefix = prefix
    self.path = path
  }

  /// Adds an element's bytes, decoding the batch once it is full.
  mutating func add(_ element: [UInt8], _ body: (Element) throws -> Void) throws {
    bytes.append(count == 0 ? UInt8(ascii: "[") : UInt8(ascii: ","))
    bytes += element
    count += 1
    if count == ProgressMerge.batchSize { try flush(body) }
  }

  /// Decodes the elements added since the last batch.
  mutating func flush(_ body: (Element) throws -> Void) throws {
    guard count > 0 else { return }
    bytes.append(UInt8(ascii: "]"))
    let elements = try ProgressMerge.decoded(
      [Element].self, from: Data(bytes), path: path, prefix: prefix, offset: offset)
    for element in elements { try body(element) }
    offset += count
    count = 0
    bytes.removeAll(keepingCapacity: true)
  }
}

/// The reviews of an export, each read as it comes (``PlainReviewJSON``, or `JSONDecoder` for
/// any other form, which names what is wrong) and checked: every field, and no review listed
/// twice.
struct ReviewReading {
  private let path: String
  private var checks: ReviewChecks
  /// The index of the next review in the file.
  private var index = 0

  init(path: String, now: Date) {
    self.path = path
    checks = ReviewChecks(path: path, times: ExportTimes(now: now))
  }

  mutating func add(_ element: [UInt8], _ body: (ExportedReview, CheckedReview) throws -> Void) throws {
    defer { index += 1 }
    try checks.check(try PlainReviewJSON.review(element) ?? decoded(element), body)
  }

  /// The review of `element` as `JSONDecoder` reads it, or the error naming its place.
  private func decoded(_ element: [UInt8]) throws -> ExportedReview {
    let text = Data(Array("[".utf8) + element + Array("]".utf8))
    let reviews = try ProgressMerge.decoded(
      [ExportedReview].self, from: text, path: path, prefix: "reviews", offset: index)
    guard reviews.count == 1 else {
      throw ProgressError.invalidEntry(path: path, location: "reviews[\(index)]", reason: "it is not a JSON value")
    }
    return reviews[0]
  }
}

/// The checks of an export's reviews, in the file's order.
struct ReviewChecks {
  let path: String
  let times: ExportTimes
  private var seen: Set<UUID> = []
  private var index = 0

  init(path: String, times: ExportTimes) {
    self.path = path
    self.times = times
  }

  /// Checks the next review, then gives it to `body` with the values the checks read.
  mutating func check(_ review: ExportedReview, _ body: (ExportedReview, CheckedReview) throws -> Void) throws {
    defer { index += 1 }
    let checked: CheckedReview
    do throws(ExportProblem) {
      checked = try review.check(times: times)
      guard seen.insert(checked.id).inserted else {
        throw ExportProblem(field: "id", "the review \(review.id) is listed twice")
      }
    } catch {
      throw ProgressError.invalidEntry(path: path, location: "reviews[\(index)].\(error.field)", reason: error.message)
    }
    try body(review, checked)
  }
}

/// What a merge reads of an export before its cards and reviews: that it has them, and its
/// settings. (The stats an export carries are for reading, not merging.)
public struct ExportHeader: Decodable, Sendable {
  /// Present, as arrays, in every export; their elements are read as they are merged.
  var cards: [ExportedCard]
  /// Present, as an array, in every export.
  var reviews: [ExportedReview]
  /// The stored settings, for every deck and per deck, the fitted FSRS parameters among them.
  public var settings: [ExportedSetting]?
}
