import Foundation

/// The review log turned into training items the way fsrs-rs builds them (spec §14).
///
/// Each card's reviews become one sequence of (days since the previous review, rating),
/// the first with 0 days. Every later review at least one day after the previous one is
/// an item: a prediction of that review's outcome from the card's history before it.
/// Items are ordered by review time; an item is stored as (card, position).
struct TrainingData: Sendable {
  /// Where each card's reviews start in ``deltaDays`` and ``ratings``; one extra end offset.
  var cardStarts: [Int] = [0]
  /// Days since the previous review of the same card (0 for the first review).
  var deltaDays: [Int32] = []
  /// The rating of each review, 1...4.
  var ratings: [Int8] = []
  /// The items in review-time order: the card and the position of the predicted review.
  var items: [(card: Int32, position: Int32)] = []

  var cardCount: Int { cardStarts.count - 1 }

  /// The weight of the `index`th of `count` items in review-time order, as fsrs-rs weighs
  /// them for training and scoring: 0.25 for the oldest, rising with the cube of the
  /// position to 1 for the newest.
  static func recencyWeight(_ index: Int, of count: Int) -> Double {
    let x = Double(index) / max(Double(count) - 1, 1)
    return 0.25 + 0.75 * x * x * x
  }

  init(reviewLogs: [ReviewLogEntry], clock: DayClock) {
    var byCard: [Int64: [Int]] = [:]
    for (index, entry) in reviewLogs.enumerated() {
      byCard[entry.cardID, default: []].append(index)
    }
    var timed: [(time: Double, key: Int64)] = []
    for cardID in byCard.keys.sorted() {
      guard let indices = byCard[cardID] else { continue }
      let ordered = indices.enumerated().sorted {
        let a = reviewLogs[$0.element].reviewedAt
        let b = reviewLogs[$1.element].reviewedAt
        return a != b ? a < b : $0.offset < $1.offset
      }.map(\.element)
      let card = Int32(cardCount)
      var previousDay = 0
      for (position, index) in ordered.enumerated() {
        let entry = reviewLogs[index]
        let day = clock.dayNumber(of: entry.reviewedAt)
        let delta = position == 0 ? 0 : max(day - previousDay, 0)
        previousDay = day
        deltaDays.append(Int32(delta))
        ratings.append(Int8(entry.rating.rawValue))
        if delta > 0 {
          timed.append(
            (entry.reviewedAt.timeIntervalSince1970, Int64(card) << 32 | Int64(position)))
        }
      }
      cardStarts.append(deltaDays.count)
    }
    // `timed` is in (card, position) order; a stable sort by time gives (time, card, position).
    items = Self.stableSortedByTime(timed).map {
      (Int32($0.key >> 32), Int32(truncatingIfNeeded: $0.key))
    }
  }

  /// A stable least-significant-digit radix sort on the times' order-preserving bit patterns.
  static func stableSortedByTime(_ values: [(time: Double, key: Int64)]) -> [(
    time: Double, key: Int64
  )] {
    func sortable(_ time: Double) -> UInt64 {
      let bits = time.bitPattern
      return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }
    var source = values
    var target = values
    var keys = values.map { sortable($0.time) }
    var targetKeys = keys
    var counts = [Int](repeating: 0, count: 257)
    for shift in stride(from: 0, to: 64, by: 8) {
      for i in counts.indices { counts[i] = 0 }
      for key in keys { counts[Int((key >> UInt64(shift)) & 0xFF) + 1] += 1 }
      if counts[1...].contains(values.count) { continue }  // every value shares this digit
      for i in 1..<257 { counts[i] += counts[i - 1] }
      for (index, key) in keys.enumerated() {
        let digit = Int((key >> UInt64(shift)) & 0xFF)
        target[counts[digit]] = source[index]
        targetKeys[counts[digit]] = key
        counts[digit] += 1
      }
      swap(&source, &target)
      swap(&keys, &targetKeys)
    }
    return source
  }

  /// Builds data directly from per-card sequences (used by tests and the benchmark).
  init(sequences: [[(deltaDays: Int, rating: Int)]], itemOrder: [(card: Int, position: Int)]) {
    for sequence in sequences {
      for review in sequence {
        deltaDays.append(Int32(review.deltaDays))
        ratings.append(Int8(review.rating))
      }
      cardStarts.append(deltaDays.count)
    }
    items = itemOrder.map { (Int32($0.card), Int32($0.position)) }
  }

  /// The number of reviews with at least one day's gap among positions 0...position.
  func longTermCount(card: Int32, position: Int32) -> Int {
    let start = cardStarts[Int(card)]
    var count = 0
    for index in start...(start + Int(position)) where deltaDays[index] > 0 { count += 1 }
    return count
  }

  /// Whether an item is its card's first review at least a day after the previous one,
  /// that is, whether it has exactly one long-term review.
  func isFirstLongTerm(_ item: (card: Int32, position: Int32)) -> Bool {
    let start = cardStarts[Int(item.card)]
    let end = start + Int(item.position)
    guard deltaDays[end] > 0 else { return false }
    for index in (start + 1)..<max(end, start + 1) where deltaDays[index] > 0 { return false }
    return true
  }

  /// The first rating of a card.
  func firstRating(card: Int32) -> Int { Int(ratings[cardStarts[Int(card)]]) }

  /// The gap of the card's first review at least a day after the previous one.
  func firstLongTermDelta(card: Int32) -> Int {
    for index in cardStarts[Int(card)]..<cardStarts[Int(card) + 1] where deltaDays[index] > 0 {
      return Int(deltaDays[index])
    }
    return 0
  }

  /// Whether the predicted review of an item was a success.
  func label(_ item: (card: Int32, position: Int32)) -> Bool {
    ratings[cardStarts[Int(item.card)] + Int(item.position)] > 1
  }

  /// The gap of the predicted review of an item.
  func delta(_ item: (card: Int32, position: Int32)) -> Int {
    Int(deltaDays[cardStarts[Int(item.card)] + Int(item.position)])
  }

  /// The outlier filter of fsrs-rs.
  ///
  /// Items with exactly one long-term review are grouped by first rating and first gap.
  /// In each rating, the smallest gap groups are dropped until at least 20 items (or 5 %)
  /// have gone, and so are groups under 6 items or with gaps over 100 days (365 for Easy).
  /// Returns the items kept for the initial-stability fit, and the training items whose
  /// (first rating, first gap) survived, in time order.
  func filterOutliers(_ items: [(card: Int32, position: Int32)]) -> (
    initialization: [(card: Int32, position: Int32)], training: [(card: Int32, position: Int32)]
  ) {
    var groups: [Int: [Int: [Int]]] = [:]
    for (index, item) in items.enumerated() where isFirstLongTerm(item) {
      groups[firstRating(card: item.card), default: [:]][delta(item), default: []].append(index)
    }
    var removed: Set<Int> = []  // rating * 1_000_000 + gap
    var kept: [Int] = []
    for rating in groups.keys.sorted() {
      guard let byDelta = groups[rating] else { continue }
      // Ascending by size, then ascending by gap.
      let subgroups = byDelta.sorted { a, b in
        a.value.count != b.value.count ? a.value.count < b.value.count : a.key < b.key
      }
      let total = subgroups.reduce(0) { $0 + $1.value.count }
      var removedCount = 0
      for (gap, indices) in subgroups {
        if removedCount + indices.count >= max(20, total / 20) {
          if indices.count >= 6 && gap <= (rating != 4 ? 100 : 365) {
            kept.append(contentsOf: indices)
          } else {
            removed.insert(rating * 1_000_000 + gap)
          }
        } else {
          removedCount += indices.count
          removed.insert(rating * 1_000_000 + gap)
        }
      }
    }
    var survives = [Bool](repeating: true, count: cardCount)
    if !removed.isEmpty {
      for card in 0..<cardCount {
        let key = firstRating(card: Int32(card)) * 1_000_000 + firstLongTermDelta(card: Int32(card))
        survives[card] = !removed.contains(key)
      }
    }
    let training = items.filter { survives[Int($0.card)] }
    return (kept.sorted().map { items[$0] }, training)
  }
}
