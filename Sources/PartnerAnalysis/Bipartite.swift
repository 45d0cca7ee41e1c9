/// How a bipartite projection weights the tie between two nodes of one side
/// that share neighbours on the other (NetworkX `networkx.algorithms.bipartite`).
public enum ProjectionWeighting: String, Sendable, CaseIterable {
    /// The number of shared neighbours, as `weighted_projected_graph(B, nodes)`.
    case count
    /// The number of shared neighbours over the size of the other side, as
    /// `weighted_projected_graph(B, nodes, ratio=True)`.
    case ratio
    /// Newman's collaboration weighting `Σ_k 1 / (deg(k) − 1)` over the shared
    /// neighbours k (of degree > 1), as `collaboration_weighted_projected_graph`.
    ///
    /// Reference: M. E. J. Newman, "Scientific collaboration networks. II.
    /// Shortest paths, weighted networks, and centrality", Phys. Rev. E 64 (2001).
    case newman
}

/// One tie of a bipartite projection: two nodes of the projected side (in
/// the bipartite graph's numbering, `u < v`), how many neighbours they share
/// and the projected weight.
public struct ProjectedPair: Hashable, Sendable {
    public let u: Int
    public let v: Int
    /// Shared neighbours on the other side.
    public let shared: Int
    /// The weight under the projection's ``ProjectionWeighting``.
    public let weight: Double
    public init(u: Int, v: Int, shared: Int, weight: Double) {
        self.u = u
        self.v = v
        self.shared = shared
        self.weight = weight
    }
}

/// The one-mode graph of one side of a bipartite graph.
public struct BipartiteProjection: Sendable {
    /// The projected side's nodes (bipartite numbering), ascending; node `i`
    /// of ``graph`` is `nodes[i]`.
    public let nodes: [Int]
    /// Every pair with a shared neighbour, sorted by `(u, v)`.
    public let pairs: [ProjectedPair]
    /// The projected graph on `0..<nodes.count`, weighted by ``ProjectedPair/weight``.
    public let graph: CSRGraph
}

extension CSRGraph {
    /// Bipartite measures take the two sides as one value per node, 0 or 1;
    /// the graph must be undirected, both sides non-empty and every edge
    /// must join the two sides.
    /// - Returns: the sizes of side 0 and side 1.
    /// - Complexity: O(n + m).
    func checkBipartite(_ sides: [Int]) throws -> (Int, Int) {
        guard !isDirected else { throw AnalysisError.requiresUndirected(measure: "bipartite measures") }
        guard sides.count == nodeCount else {
            throw AnalysisError.wrongLength(what: "sides", expected: nodeCount, actual: sides.count)
        }
        var sizes = (0, 0)
        for v in 0..<nodeCount {
            switch sides[v] {
            case 0: sizes.0 += 1
            case 1: sizes.1 += 1
            default: throw AnalysisError.invalidArgument("node \(v) is on side \(sides[v]); sides are 0 and 1")
            }
            for p in Int(offsets[v])..<Int(offsets[v + 1]) where sides[Int(neighbors[p])] == sides[v] {
                throw AnalysisError.invalidArgument("edge \(v)–\(neighbors[p]) joins two nodes of side \(sides[v]); the graph is not bipartite with these sides")
            }
        }
        guard sizes.0 > 0, sizes.1 > 0 else {
            throw AnalysisError.invalidArgument("a bipartite graph needs nodes on both sides (sizes \(sizes.0) and \(sizes.1))")
        }
        return sizes
    }

    /// Bipartite degree centrality, as NetworkX `bipartite.degree_centrality(B, nodes)`:
    /// `deg(v) / |other side|`, the maximum possible degree of `v`.
    ///
    /// Reference: S. P. Borgatti & D. S. Halgin, "Analyzing affiliation
    /// networks", in *The SAGE Handbook of Social Network Analysis* (2011).
    /// - Parameter sides: 0 or 1 for each node.
    /// - Throws: ``AnalysisError`` when `sides` do not make the graph bipartite (see `checkBipartite`).
    /// - Complexity: O(n + m).
    public func bipartiteDegreeCentrality(sides: [Int]) throws -> [Double] {
        let sizes = try checkBipartite(sides)
        return (0..<nodeCount).map { v in
            Double(outDegree(v)) / Double(sides[v] == 0 ? sizes.1 : sizes.0)
        }
    }

    /// Bipartite betweenness centrality, as NetworkX `bipartite.betweenness_centrality(B, nodes)`:
    /// raw (unweighted, undirected: each unordered pair once) Brandes
    /// betweenness divided by the largest value a node of its side can have
    /// given the sizes, for a node of a side of size `n` opposite a side of
    /// size `m`: `½ [m² (s + 1)² + m (s + 1)(2t − s − 1) − t (2s − t + 3)]`
    /// with `s = (n − 1) div m`, `t = (n − 1) mod m`. A side whose maximum is
    /// 0 (one node opposite one node) scores 0 where NetworkX divides by zero.
    ///
    /// Reference: Borgatti & Halgin (2011), as above.
    /// - Parameters:
    ///   - sides: 0 or 1 for each node.
    ///   - threads: worker threads for the Brandes pass, 0 for all cores.
    /// - Throws: ``AnalysisError`` when `sides` do not make the graph bipartite.
    /// - Complexity: O(n m) time, O(n) memory per thread.
    public func bipartiteBetweennessCentrality(sides: [Int], threads: Int = 0) throws -> [Double] {
        let sizes = try checkBipartite(sides)
        let raw = try betweennessCentrality(normalized: false, weighted: false, threads: threads)
        let maxima = [Self.bipartiteBetweennessMaximum(side: sizes.0, opposite: sizes.1),
                      Self.bipartiteBetweennessMaximum(side: sizes.1, opposite: sizes.0)]
        return (0..<nodeCount).map { v in maxima[sides[v]] > 0 ? raw[v] / maxima[sides[v]] : 0 }
    }

    /// The largest betweenness of a node on a side of `n` nodes opposite `m` nodes.
    static func bipartiteBetweennessMaximum(side n: Int, opposite m: Int) -> Double {
        let (s, t) = (n - 1).quotientAndRemainder(dividingBy: m)
        let (md, sd, td) = (Double(m), Double(s), Double(t))
        return (md * md * (sd + 1) * (sd + 1) + md * (sd + 1) * (2 * td - sd - 1) - td * (2 * sd - td + 3)) / 2
    }

    /// Bipartite closeness centrality, as NetworkX
    /// `bipartite.closeness_centrality(B, nodes, normalized=True)`: for a node
    /// of a side of `n` nodes opposite `m`, `(m + 2 (n − 1)) / Σ_v d(u, v)`
    /// (hop counts to the nodes it reaches), times `(r − 1) / (N − 1)` when
    /// normalised, where r counts the nodes reached including u and N all
    /// nodes; 0 for a node that reaches no other.
    ///
    /// Reference: Borgatti & Halgin (2011), as above.
    /// - Parameters:
    ///   - sides: 0 or 1 for each node.
    ///   - normalized: scale by the share of the graph reached (default, as NetworkX).
    /// - Throws: ``AnalysisError`` when `sides` do not make the graph bipartite.
    /// - Complexity: O(n (n + m)) time (a BFS per node), O(n) memory.
    public func bipartiteClosenessCentrality(sides: [Int], normalized: Bool = true) throws -> [Double] {
        let sizes = try checkBipartite(sides)
        let n = nodeCount
        var dist = [Int32](repeating: -1, count: n)
        var queue = [Int32](repeating: 0, count: n)
        var out = [Double](repeating: 0, count: n)
        for u in 0..<n {
            // Breadth-first search from u.
            dist[u] = 0
            queue[0] = Int32(u)
            var head = 0, tail = 1, total = 0
            while head < tail {
                let x = Int(queue[head]); head += 1
                let dx = dist[x]
                for p in Int(offsets[x])..<Int(offsets[x + 1]) {
                    let y = Int(neighbors[p])
                    if dist[y] < 0 { dist[y] = dx + 1; total += Int(dx) + 1; queue[tail] = Int32(y); tail += 1 }
                }
            }
            for i in 0..<tail { dist[Int(queue[i])] = -1 }
            guard total > 0, n > 1 else { continue }
            let (own, other) = sides[u] == 0 ? sizes : (sizes.1, sizes.0)
            var c = Double(other + 2 * (own - 1)) / Double(total)
            if normalized { c *= Double(tail - 1) / Double(n - 1) }
            out[u] = c
        }
        return out
    }

    /// The projection of a bipartite graph onto one side: nodes of that side
    /// tied when they share a neighbour, weighted as `weighting` says
    /// (NetworkX `projected_graph`, `weighted_projected_graph` with and
    /// without `ratio`, `collaboration_weighted_projected_graph`).
    ///
    /// - Parameters:
    ///   - sides: 0 or 1 for each node.
    ///   - side: the side projected onto (0 or 1).
    ///   - weighting: the pair weight.
    /// - Throws: ``AnalysisError`` when `sides` do not make the graph bipartite.
    /// - Complexity: O(Σ_k deg(k)²) over the nodes k of the other side, O(n) scratch memory.
    public func bipartiteProjection(sides: [Int], onto side: Int, weighting: ProjectionWeighting) throws -> BipartiteProjection {
        precondition(side == 0 || side == 1, "side must be 0 or 1")
        _ = try checkBipartite(sides)
        let nodes = (0..<nodeCount).filter { sides[$0] == side }
        let otherSize = Double(nodeCount - nodes.count)
        var local = [Int](repeating: -1, count: nodeCount)
        for (i, v) in nodes.enumerated() { local[v] = i }
        var shared = [Int](repeating: 0, count: nodeCount)
        var newman = [Double](repeating: 0, count: nodeCount)
        var touched: [Int] = []
        var pairs: [ProjectedPair] = []
        for u in nodes {
            for p in Int(offsets[u])..<Int(offsets[u + 1]) {
                let k = Int(neighbors[p])
                let dk = outDegree(k)
                for q in Int(offsets[k])..<Int(offsets[k + 1]) {
                    let v = Int(neighbors[q])
                    guard v > u else { continue }
                    if shared[v] == 0 { touched.append(v) }
                    shared[v] += 1
                    if dk > 1 { newman[v] += 1 / Double(dk - 1) }
                }
            }
            touched.sort()
            for v in touched {
                let w: Double
                switch weighting {
                case .count: w = Double(shared[v])
                case .ratio: w = Double(shared[v]) / otherSize
                case .newman: w = newman[v]
                }
                pairs.append(ProjectedPair(u: u, v: v, shared: shared[v], weight: w))
                shared[v] = 0
                newman[v] = 0
            }
            touched.removeAll(keepingCapacity: true)
        }
        let graph = try CSRGraph(nodeCount: nodes.count, edges: pairs.map { (local[$0.u], local[$0.v], $0.weight) })
        return BipartiteProjection(nodes: nodes, pairs: pairs, graph: graph)
    }
}
