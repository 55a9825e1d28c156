/// The pairs of a weighted bipartite graph with the largest total weight (each node in at most
/// one pair), found by the Hungarian method.
///
/// The graph is sparse: only the listed edges may be paired. It is cut into its connected
/// components, and each is solved on its own, so the cost follows the size of the largest
/// component, not the number of nodes.
struct Assignment {
  /// A possible pair and how good it is (greater is better; must be positive).
  struct Edge: Sendable {
    var left: Int
    var right: Int
    var weight: Double
  }

  /// A component with more nodes than this on one side is paired greedily (best edge first):
  /// the exact method's cube cost would be felt there, and no real edit makes one.
  static let exactLimit = 400

  /// The chosen edges, as `(left, right)`, of a pairing with the largest total weight.
  static func best(_ edges: [Edge], leftCount: Int, rightCount: Int) -> [(left: Int, right: Int)] {
    guard !edges.isEmpty else { return [] }
    var result: [(left: Int, right: Int)] = []
    for component in components(edges, leftCount: leftCount) {
      result += solve(component.map { edges[$0] })
    }
    return result.sorted { ($0.left, $0.right) < ($1.left, $1.right) }
  }

  /// The edges of each connected component, as indexes into `edges`.
  private static func components(_ edges: [Edge], leftCount: Int) -> [[Int]] {
    // Union–find over left nodes, then right nodes after them.
    var parent: [Int: Int] = [:]
    func root(_ node: Int) -> Int {
      var node = node
      while let up = parent[node], up != node {
        parent[node] = parent[up] ?? up
        node = up
      }
      return node
    }
    for edge in edges {
      let a = root(edge.left)
      let b = root(leftCount + edge.right)
      if a != b { parent[a] = b }
    }
    var groups: [Int: [Int]] = [:]
    for (index, edge) in edges.enumerated() {
      groups[root(edge.left), default: []].append(index)
    }
    return groups.keys.sorted().map { groups[$0]! }
  }

  /// The best pairing of one component.
  private static func solve(_ edges: [Edge]) -> [(left: Int, right: Int)] {
    let lefts = Array(Set(edges.map(\.left))).sorted()
    let rights = Array(Set(edges.map(\.right))).sorted()
    if lefts.count == 1 || rights.count == 1 {
      // One node on a side: its best edge (the first of equal ones).
      let best = edges.max { ($0.weight, -$0.left, -$0.right) < ($1.weight, -$1.left, -$1.right) }!
      return [(best.left, best.right)]
    }
    if max(lefts.count, rights.count) > exactLimit { return greedy(edges) }
    // Rows are the smaller side; a missing edge weighs 0, so leaving a node unpaired costs
    // nothing and the zero-weight pairs are dropped afterwards.
    let transposed = lefts.count > rights.count
    let rows = transposed ? rights : lefts
    let columns = transposed ? lefts : rights
    let rowIndex = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($1, $0) })
    let columnIndex = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
    var weight = [[Double]](repeating: [Double](repeating: 0, count: columns.count), count: rows.count)
    for edge in edges {
      let (row, column) = transposed ? (edge.right, edge.left) : (edge.left, edge.right)
      weight[rowIndex[row]!][columnIndex[column]!] = max(
        weight[rowIndex[row]!][columnIndex[column]!], edge.weight)
    }
    let chosen = hungarian(weight)
    var result: [(left: Int, right: Int)] = []
    for (row, column) in chosen.enumerated() where weight[row][column] > 0 {
      result.append(transposed ? (columns[column], rows[row]) : (rows[row], columns[column]))
    }
    return result
  }

  /// For each row, its column in an assignment of largest total weight (rows ≤ columns).
  ///
  /// The shortest-augmenting-path form of the Hungarian method with row and column potentials,
  /// minimizing the cost `-weight`; `O(rows² · columns)`.
  static func hungarian(_ weight: [[Double]]) -> [Int] {
    let n = weight.count
    let m = weight.first?.count ?? 0
    precondition(n <= m)
    // 1-based, with row 0 and column 0 as the augmenting path's start.
    var u = [Double](repeating: 0, count: n + 1)
    var v = [Double](repeating: 0, count: m + 1)
    var rowOf = [Int](repeating: 0, count: m + 1)
    var way = [Int](repeating: 0, count: m + 1)
    for row in 1...n {
      rowOf[0] = row
      var column0 = 0
      var minimum = [Double](repeating: .infinity, count: m + 1)
      var used = [Bool](repeating: false, count: m + 1)
      repeat {
        used[column0] = true
        let row0 = rowOf[column0]
        var delta = Double.infinity
        var column1 = 0
        for column in 1...m where !used[column] {
          let reduced = -weight[row0 - 1][column - 1] - u[row0] - v[column]
          if reduced < minimum[column] {
            minimum[column] = reduced
            way[column] = column0
          }
          if minimum[column] < delta {
            delta = minimum[column]
            column1 = column
          }
        }
        for column in 0...m {
          if used[column] {
            u[rowOf[column]] += delta
            v[column] -= delta
          } else {
            minimum[column] -= delta
          }
        }
        column0 = column1
      } while rowOf[column0] != 0
      repeat {
        let previous = way[column0]
        rowOf[column0] = rowOf[previous]
        column0 = previous
      } while column0 != 0
    }
    var columnOf = [Int](repeating: 0, count: n)
    for column in 1...m where rowOf[column] != 0 { columnOf[rowOf[column] - 1] = column - 1 }
    return columnOf
  }

  /// Best edge first, each node once.
  private static func greedy(_ edges: [Edge]) -> [(left: Int, right: Int)] {
    var usedLeft = Set<Int>()
    var usedRight = Set<Int>()
    var result: [(left: Int, right: Int)] = []
    for edge in edges.sorted(by: { ($1.weight, $0.left, $0.right) < ($0.weight, $1.left, $1.right) })
    where !usedLeft.contains(edge.left) && !usedRight.contains(edge.right) {
      usedLeft.insert(edge.left)
      usedRight.insert(edge.right)
      result.append((edge.left, edge.right))
    }
    return result
  }
}
