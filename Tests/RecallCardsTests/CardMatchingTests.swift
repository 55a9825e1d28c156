import Testing

@testable import RecallCards

/// Edits that change a card's key while its fact stays: the stored card is paired with the card
/// that now states the fact, and never with a card of another fact.
struct CardMatchingTests {
  /// The cards of a note's text.
  func cards(_ text: String) -> [Card] {
    SeedNote.cards(of: text, deck: "note.md").cards
  }

  /// The pairs found, as `kind prompt` of the stored card → `kind prompt` of the generated one.
  func pairs(_ before: String, _ after: String) -> [String: String] {
    let stored = cards(before)
    let generated = cards(after)
    var found: [String: String] = [:]
    for pair in CardMatching.pairs(stored: stored, generated: generated) {
      found[Self.name(stored[pair.stored])] = Self.name(generated[pair.generated])
    }
    return found
  }

  static func name(_ card: Card) -> String { "\(card.kind.rawValue) \(card.prompt)" }

  static let table = """
    # Compute

    ## Containers

    | Service | Startup | Cost | Scaling |
    |---|---|---|---|
    | ECS | seconds to start a task | pay for the instances | add tasks to a service |
    | EKS | seconds to schedule a pod | pay for the control plane | add pods with an autoscaler |
    | Lambda | milliseconds when warm | pay per request | automatic, per request |
    """

  @Test func aHeadingRenamedWhileACellUnderItIsEditedKeepsEveryCard() {
    let after = Self.table.replacingOccurrences(of: "## Containers", with: "## Where code runs")
      .replacingOccurrences(of: "seconds to start a task", with: "seconds to start a new task")
    #expect(cards(after).count == cards(Self.table).count)
    let found = pairs(Self.table, after)
    #expect(found.count == cards(Self.table).count)
    #expect(
      found["tableCell Containers › ECS › Startup?"] == "tableCell Where code runs › ECS › Startup?")
    #expect(found["tableCell Containers › EKS › Cost?"] == "tableCell Where code runs › EKS › Cost?")
    #expect(
      found["tableThing Containers › Which one has this Startup: seconds to start a task?"]
        == "tableThing Where code runs › Which one has this Startup: seconds to start a new task?")
    for (stored, generated) in found {
      #expect(
        stored.replacingOccurrences(of: "Containers", with: "Where code runs")
          .replacingOccurrences(of: "a task", with: "a new task") == generated)
    }
  }

  @Test func aRenamedRowKeepsItsCellCardsButNotItsWhichOneCards() {
    let after = Self.table.replacingOccurrences(of: "| ECS |", with: "| Fargate |")
    let found = pairs(Self.table, after)
    #expect(found["tableCell Containers › ECS › Startup?"] == "tableCell Containers › Fargate › Startup?")
    #expect(found["tableCell Containers › ECS › Cost?"] == "tableCell Containers › Fargate › Cost?")
    #expect(found["tableCell Containers › ECS › Scaling?"] == "tableCell Containers › Fargate › Scaling?")
    // The answer of a "which one" card was the row's name: that fact is gone.
    let storedWhich = cards(Self.table).filter { $0.kind == .tableThing && $0.answer == "ECS" }
    #expect(storedWhich.count == 3)
    for card in storedWhich { #expect(found[Self.name(card)] == nil, "\(card.prompt)") }
    // The other rows are untouched.
    #expect(found["tableCell Containers › EKS › Cost?"] == "tableCell Containers › EKS › Cost?")
    #expect(found.count == cards(Self.table).count - 3)
  }

  static let glossary = """
    # Storage

    ## Caching

    Keeps hot data in memory close to the reader.

    ## Glossary

    - Latency: the time one request takes to complete
    - Throughput: how many requests finish per second

    ## Kinds

    **Write-through**: every write goes to the cache and the database together.

    ## Tools

    - redis
    - memcached
    - varnish
    """

  static let glossaryEdited = """
    # Storage

    ## Glossary

    **Caching**: Keeps hot data in memory close to the reader.

    **Latency**: the time one request takes to complete

    - Throughput: how many requests finish per second

    ## Kinds

    - Write-through: every write goes to the cache and the database together.

    ## Tools

    The caches we use in production:

    - redis
    - memcached
    - varnish
    """

  @Test func aCardWhoseKindChangesWhileItsFactStaysKeepsItsCard() {
    let found = pairs(Self.glossary, Self.glossaryEdited)
    // A section's line became a glossary term.
    #expect(found["section Storage › Caching?"] == "term Glossary › Caching?")
    // A label became a term with the same prompt and answer.
    #expect(found["label Glossary › Latency?"] == "term Glossary › Latency?")
    #expect(found["label Glossary › Throughput?"] == "term Glossary › Throughput?")
    // A bold term line became a bullet: the term is a label now, and its reverse card is gone.
    #expect(found["term Kinds › Write-through?"] == "label Kinds › Write-through?")
    #expect(!found.keys.contains { $0.hasPrefix("definition") })
  }

  @Test func aLeadLineAddedAboveAListKeepsItsCards() {
    let before = """
      # Storage

      ## Glossary

      - Latency: the time one request takes to complete
      - Throughput: how many requests finish per second
      """
    // With a lead line, the bullets are read as glossary terms, no longer as labels.
    let after = """
      # Storage

      ## Glossary

      The two figures every benchmark reports:

      - Latency: the time one request takes to complete
      - Throughput: how many requests finish per second
      """
    #expect(cards(after).contains { $0.kind == .term && $0.prompt == "Glossary › Latency?" })
    let found = pairs(before, after)
    #expect(found["label Glossary › Latency?"] == "term Glossary › Latency?")
    #expect(found["label Glossary › Throughput?"] == "term Glossary › Throughput?")
    #expect(found.count == 2)
    // A lead line above a section's own list only extends its answer.
    #expect(pairs(Self.glossary, Self.glossaryEdited)["section Storage › Tools?"] == "section Storage › Tools?")
  }

  @Test func aSectionMovedUnderAnotherHeadingKeepsItsCard() {
    let before = """
      # Databases

      ## Relational

      ### Indexes

      B-trees keep the keys sorted, so range scans read few pages.

      ## Documents

      Each record is one JSON document.
      """
    let after = """
      # Databases

      ## Relational

      Tables of rows with a fixed schema.

      ## Documents

      Each record is one JSON document.

      ## Performance

      ### Indexes

      B-trees keep the keys sorted, so that range scans read few pages.
      """
    let found = pairs(before, after)
    #expect(found["section Relational › Indexes?"] == "section Performance › Indexes?")
    #expect(found["section Databases › Documents?"] == "section Databases › Documents?")
    // The new text of Relational is a new fact.
    #expect(!found.values.contains("section Databases › Relational?"))
  }

  @Test func listItemsSplitOrMergedKeepOneCard() {
    let before = """
      # Lambda

      ## Limits

      - Memory: up to 10 GB per function
      - Time: up to 15 minutes per call
      - Payload: 6 MB per request
      """
    // Time merged into Memory while the heading was renamed: Memory keeps its card, Time's
    // card is retired.
    let merged = """
      # Lambda

      ## Quotas

      - Memory: up to 10 GB per function, and up to 15 minutes per call
      - Payload: 6 MB per request
      """
    let found = pairs(before, merged)
    #expect(found["label Limits › Memory?"] == "label Quotas › Memory?")
    #expect(found["label Limits › Time?"] == nil)
    #expect(found["label Limits › Payload?"] == "label Quotas › Payload?")
    // Split again: Memory keeps its card, Time is a new card.
    let split = pairs(merged, before)
    #expect(split["label Quotas › Memory?"] == "label Limits › Memory?")
    #expect(!split.values.contains("label Limits › Time?"))
  }

  @Test func severalCardsEditedAtOnceAreMatchedTogether() {
    let before = """
      # Networking

      ## Load balancers

      - ALB: routes HTTP requests by path and host
      - NLB: forwards TCP connections at very low latency
      - CLB: the older balancer for EC2 classic

      ## DNS

      Route 53 answers queries for your domains.
      """
    // Every name changed and every answer edited, in one edit.
    let after = """
      # Networking

      ## Balancing load

      - Application LB: routes HTTP requests by path, host and header
      - Network LB: forwards TCP and UDP connections at very low latency
      - Classic LB: the older balancer for EC2 classic networks

      ## Name resolution

      Route 53 answers DNS queries for your domains.
      """
    let found = pairs(before, after)
    #expect(found["label Load balancers › ALB?"] == "label Balancing load › Application LB?")
    #expect(found["label Load balancers › NLB?"] == "label Balancing load › Network LB?")
    #expect(found["label Load balancers › CLB?"] == "label Balancing load › Classic LB?")
    #expect(found["section Networking › DNS?"] == "section Networking › Name resolution?")
  }

  @Test func theAssignmentIsTheBestOverAllPairsNotTheGreedyOne() {
    // Greedy takes 0–1 (the heaviest edge) and leaves 1 without a pair; the best assignment
    // pairs 0–0 and 1–1.
    let edges = [
      Assignment.Edge(left: 0, right: 0, weight: 1.9),
      Assignment.Edge(left: 0, right: 1, weight: 2.0),
      Assignment.Edge(left: 1, right: 1, weight: 1.95),
    ]
    let chosen = Assignment.best(edges, leftCount: 2, rightCount: 2)
    #expect(chosen.map(\.left) == [0, 1])
    #expect(chosen.map(\.right) == [0, 1])
    // More columns than rows, and a node left without an edge.
    let wide = [
      Assignment.Edge(left: 0, right: 2, weight: 1),
      Assignment.Edge(left: 1, right: 2, weight: 3),
      Assignment.Edge(left: 1, right: 0, weight: 2.5),
      Assignment.Edge(left: 3, right: 4, weight: 1),
    ]
    let best = Assignment.best(wide, leftCount: 4, rightCount: 5)
    #expect(best.map { [$0.left, $0.right] } == [[0, 2], [1, 0], [3, 4]])
  }

  @Test func aFactThatLeftIsNotGivenToANewOne() {
    let before = """
      # Queues

      ## SQS

      A managed queue that keeps messages for up to 14 days.

      ## SNS

      Pushes each message to every subscriber.
      """
    let after = """
      # Queues

      ## Kinesis

      Streams records to many readers, each at its own position.

      ## SNS

      Pushes each message to every subscriber.
      """
    let found = pairs(before, after)
    #expect(found == ["section Queues › SNS?": "section Queues › SNS?"])
  }
}
