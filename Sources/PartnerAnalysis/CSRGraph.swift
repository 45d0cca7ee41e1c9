/// A compact, immutable, index-based graph in compressed sparse row (CSR)
/// form: the snapshot every measure in `PartnerAnalysis` works on.
///
/// Nodes are `0..<nodeCount`. Row `v` of the adjacency is
/// `neighbors[offsets[v]..<offsets[v + 1]]`, sorted by neighbour index, with
/// the matching edge weights in `weights` at the same positions.
///
/// - Undirected graphs store each edge in both rows (`u → v` and `v → u`);
///   the in-adjacency is then the same arrays as the out-adjacency.
/// - Directed graphs store out-arcs in `offsets`/`neighbors`/`weights` and
///   in-arcs in `inOffsets`/`inNeighbors`/`inWeights`.
///
/// Repeated pairs are collapsed into one edge whose weight is the sum of their
/// weights (summed in input order, so both stored directions carry the same
/// value); self-loops are dropped. This is the simple graph NetworkX builds
/// with `add_weighted_edges_from` after summing multi-edges.
///
/// - Complexity: construction is O(n + m) time (two stable counting sorts)
///   and O(n + m) memory, for n nodes and m input edges.
public struct CSRGraph: Sendable {
    /// Number of nodes.
    public let nodeCount: Int
    /// Whether arcs are directed.
    public let isDirected: Bool
    /// Row starts of the out-adjacency; `nodeCount + 1` entries.
    public let offsets: [Int32]
    /// Out-neighbours, row by row, each row sorted ascending.
    public let neighbors: [Int32]
    /// Weights parallel to `neighbors`.
    public let weights: [Double]
    /// Row starts of the in-adjacency (same as `offsets` when undirected).
    public let inOffsets: [Int32]
    /// In-neighbours (same as `neighbors` when undirected).
    public let inNeighbors: [Int32]
    /// Weights parallel to `inNeighbors`.
    public let inWeights: [Double]

    /// Number of distinct edges (undirected pairs, or arcs when directed).
    public var edgeCount: Int { isDirected ? neighbors.count : neighbors.count / 2 }

    /// Builds a graph from an edge list.
    ///
    /// - Parameters:
    ///   - nodeCount: number of nodes; edges refer to `0..<nodeCount`.
    ///   - edges: `(source, target, weight)` triples; repeated pairs are
    ///     summed, self-loops dropped (after validation).
    ///   - directed: whether `(u, v)` means the arc `u → v` only.
    /// - Throws: `AnalysisError.nodeOutOfRange` or `.invalidWeight` for the
    ///   first bad edge (weights must be positive and finite), or
    ///   `.tooManyEdges` beyond 2³¹ − 1 stored arcs.
    /// - Complexity: O(n + m).
    public init(nodeCount: Int, edges: [(Int, Int, Double)], directed: Bool = false) throws {
        var sources = [Int32](), targets = [Int32](), ws = [Double]()
        sources.reserveCapacity(edges.count)
        targets.reserveCapacity(edges.count)
        ws.reserveCapacity(edges.count)
        for (i, e) in edges.enumerated() {
            try Self.check(edge: i, e.0, e.1, e.2, nodeCount: nodeCount)
            if e.0 == e.1 { continue }
            sources.append(Int32(e.0)); targets.append(Int32(e.1)); ws.append(e.2)
        }
        try self.init(validatedNodeCount: nodeCount, sources: sources, targets: targets, weights: ws, directed: directed)
    }

    /// Builds a graph from parallel arrays (the fast path for large inputs).
    ///
    /// Same semantics and checks as `init(nodeCount:edges:directed:)`;
    /// `weights` may be `nil` for weight 1 on every edge.
    /// - Complexity: O(n + m).
    public init(nodeCount: Int, sources: [Int32], targets: [Int32], weights: [Double]?, directed: Bool = false) throws {
        guard sources.count == targets.count, weights.map({ $0.count == sources.count }) ?? true else {
            throw AnalysisError.invalidArgument("sources, targets and weights must have the same length")
        }
        var keepAll = true
        for i in 0..<sources.count {
            try Self.check(edge: i, Int(sources[i]), Int(targets[i]), weights?[i] ?? 1, nodeCount: nodeCount)
            if sources[i] == targets[i] { keepAll = false }
        }
        if keepAll {
            try self.init(validatedNodeCount: nodeCount, sources: sources, targets: targets,
                          weights: weights ?? [Double](repeating: 1, count: sources.count), directed: directed)
        } else {
            var s = [Int32](), t = [Int32](), w = [Double]()
            for i in 0..<sources.count where sources[i] != targets[i] {
                s.append(sources[i]); t.append(targets[i]); w.append(weights?[i] ?? 1)
            }
            try self.init(validatedNodeCount: nodeCount, sources: s, targets: t, weights: w, directed: directed)
        }
    }

    private static func check(edge: Int, _ u: Int, _ v: Int, _ w: Double, nodeCount: Int) throws {
        guard u >= 0, u < nodeCount else { throw AnalysisError.nodeOutOfRange(edge: edge, node: u, nodeCount: nodeCount) }
        guard v >= 0, v < nodeCount else { throw AnalysisError.nodeOutOfRange(edge: edge, node: v, nodeCount: nodeCount) }
        guard w.isFinite, w > 0 else { throw AnalysisError.invalidWeight(edge: edge, weight: w) }
    }

    private init(validatedNodeCount n: Int, sources: [Int32], targets: [Int32], weights: [Double], directed: Bool) throws {
        precondition(n >= 0 && n < Int(Int32.max), "node count out of range")
        let arcs = directed ? sources.count : 2 * sources.count
        guard arcs < Int(Int32.max) else { throw AnalysisError.tooManyEdges(count: arcs) }
        nodeCount = n
        isDirected = directed
        if directed {
            (offsets, neighbors, self.weights) = Self.buildRows(n: n, from: sources, to: targets, weights: weights, symmetric: false)
            (inOffsets, inNeighbors, inWeights) = Self.buildRows(n: n, from: targets, to: sources, weights: weights, symmetric: false)
        } else {
            (offsets, neighbors, self.weights) = Self.buildRows(n: n, from: sources, to: targets, weights: weights, symmetric: true)
            inOffsets = offsets; inNeighbors = neighbors; inWeights = self.weights
        }
    }

    /// Wraps already-built rows (used when renumbering).
    init(nodeCount: Int, isDirected: Bool, out: ([Int32], [Int32], [Double]), in inRows: ([Int32], [Int32], [Double])) {
        self.nodeCount = nodeCount
        self.isDirected = isDirected
        (offsets, neighbors, weights) = out
        (inOffsets, inNeighbors, inWeights) = inRows
    }

    /// Two stable counting sorts (by target, then by source) give rows sorted
    /// by neighbour with repeated pairs adjacent in input order; a final pass
    /// merges them, summing weights.
    private static func buildRows(n: Int, from: [Int32], to: [Int32], weights: [Double], symmetric: Bool)
        -> ([Int32], [Int32], [Double])
    {
        let m = from.count
        let arcs = symmetric ? 2 * m : m
        // arc a < m is from[a] -> to[a]; arc m + a is to[a] -> from[a]
        @inline(__always) func src(_ a: Int) -> Int { a < m ? Int(from[a]) : Int(to[a - m]) }
        @inline(__always) func dst(_ a: Int) -> Int { a < m ? Int(to[a]) : Int(from[a - m]) }
        // pass 1: order arcs by destination
        var count = [Int](repeating: 0, count: n + 1)
        for a in 0..<arcs { count[dst(a) + 1] += 1 }
        for v in 0..<n { count[v + 1] += count[v] }
        var byDst = [Int32](repeating: 0, count: arcs)
        for a in 0..<arcs { let d = dst(a); byDst[count[d]] = Int32(a); count[d] += 1 }
        // pass 2: stable by source
        var start = [Int](repeating: 0, count: n + 1)
        for a in 0..<arcs { start[src(a) + 1] += 1 }
        for v in 0..<n { start[v + 1] += start[v] }
        var pos = start
        var order = [Int32](repeating: 0, count: arcs)
        for a in byDst { let s = src(Int(a)); order[pos[s]] = a; pos[s] += 1 }
        // pass 3: merge repeated neighbours (sum in input-edge order)
        var offsets = [Int32](repeating: 0, count: n + 1)
        var nbrs = [Int32](); nbrs.reserveCapacity(arcs)
        var wts = [Double](); wts.reserveCapacity(arcs)
        for v in 0..<n {
            var i = start[v]
            let end = start[v + 1]
            while i < end {
                let a0 = Int(order[i])
                let d = dst(a0)
                var w = weights[a0 < m ? a0 : a0 - m]
                var j = i + 1
                // arcs of one pair: the same input edges in both rows, so
                // sorting them by input index makes the sums identical
                if j < end && dst(Int(order[j])) == d {
                    var group = [Int]()
                    group.append(a0 < m ? a0 : a0 - m)
                    while j < end && dst(Int(order[j])) == d {
                        let a = Int(order[j]); group.append(a < m ? a : a - m); j += 1
                    }
                    group.sort()
                    w = 0
                    for e in group { w += weights[e] }
                }
                nbrs.append(Int32(d)); wts.append(w)
                i = j
            }
            offsets[v + 1] = Int32(nbrs.count)
        }
        return (offsets, nbrs, wts)
    }

    /// Out-degree of `v` (the degree when undirected).
    /// - Complexity: O(1).
    @inlinable public func outDegree(_ v: Int) -> Int { Int(offsets[v + 1] - offsets[v]) }

    /// In-degree of `v` (the degree when undirected).
    /// - Complexity: O(1).
    @inlinable public func inDegree(_ v: Int) -> Int { Int(inOffsets[v + 1] - inOffsets[v]) }

    /// The out-neighbours of `v`, sorted ascending.
    /// - Complexity: O(1) to create the slice.
    public func neighbors(of v: Int) -> ArraySlice<Int32> { neighbors[Int(offsets[v])..<Int(offsets[v + 1])] }

    /// The weight of the edge `u → v` (or `{u, v}`), or `nil` when absent.
    /// - Complexity: O(log deg(u)).
    public func weight(from u: Int, to v: Int) -> Double? {
        let p = position(of: Int32(v), inRowOf: u)
        return p.map { weights[$0] }
    }

    /// Index into `neighbors` of `v` in the row of `u`, by binary search.
    func position(of v: Int32, inRowOf u: Int) -> Int? {
        var lo = Int(offsets[u]), hi = Int(offsets[u + 1])
        while lo < hi {
            let mid = (lo + hi) >> 1
            let x = neighbors[mid]
            if x == v { return mid }
            if x < v { lo = mid + 1 } else { hi = mid }
        }
        return nil
    }

    func requireUndirected(_ measure: String) throws {
        if isDirected { throw AnalysisError.requiresUndirected(measure: measure) }
    }
}
