import RecallStorage

/// The daily limits set for single decks or folders of decks (`config --deck D new-per-day N`),
/// applied to their cards inside a review's own limits.
struct DeckLimits {
  /// A deck or folder with limits of its own, and the room left in them today.
  struct Scope {
    /// The deck or folder, as the settings name it.
    let name: String
    /// New cards it may still introduce today.
    var newRoom: Int
    /// Reviews it may still ask today.
    var reviewRoom: Int
  }

  /// The scopes, the most specific first: a card counts against the first that holds it.
  private(set) var scopes: [Scope]

  /// The limits of the decks inside `session` (every deck when nil) that have their own
  /// `new-per-day` or `reviews-per-day`; a deck's own value wins over its folder's.
  ///
  /// - Parameter tally: What a deck or folder has studied today.
  init(stored: [Setting], within session: String?, tally: (String) throws -> StudyDayTally) rethrows {
    let names = Set(
      stored.filter { StudySettings.deckLimitKeys.contains($0.key) }.compactMap(\.deck)
    ).filter { name in
      session.map { !StudySettings.contains(name, deck: $0) && StudySettings.contains($0, deck: name) } ?? true
    }
    scopes = try names.sorted { ($0.count, $0) > ($1.count, $1) }.map { name in
      let limits = StudySettings.resolve(stored, deck: name).scheduler
      let done = try tally(name)
      return Scope(
        name: name, newRoom: max(0, limits.newCardsPerDay - done.newIntroduced),
        reviewRoom: max(0, limits.reviewsPerDay - done.reviewsDone))
    }
  }

  /// Whether no deck has limits of its own.
  var isEmpty: Bool { scopes.isEmpty }

  /// The cards that their decks' limits leave room for, in order, taking up that room: new
  /// cards against `new-per-day`, cards in review against `reviews-per-day`; learning cards
  /// are never held back. A sibling of a card let in takes no room: the queue keeps it for
  /// another day anyway.
  mutating func admit(_ cards: [StoredCard]) -> [StoredCard] {
    var admittedGroups: Set<String> = []
    return cards.filter { stored in
      guard let index = scopes.firstIndex(where: { StudySettings.contains($0.name, deck: stored.card.deck) })
      else { return true }
      let group = "\(stored.noteID):\(stored.card.siblingGroup)"
      if admittedGroups.contains(group) { return true }
      switch stored.schedule.state {
      case .new:
        guard scopes[index].newRoom > 0 else { return false }
        scopes[index].newRoom -= 1
      case .review:
        guard scopes[index].reviewRoom > 0 else { return false }
        scopes[index].reviewRoom -= 1
      case .learning, .relearning:
        break
      }
      admittedGroups.insert(group)
      return true
    }
  }
}
