/// A partition of the nodes into communities.
public struct Communities: Sendable, Equatable {
    /// `labels[v]` is the community of node `v`; communities are numbered
    /// 0, 1, … in order of their smallest node index.
    public let labels: [Int]
    /// Number of communities.
    public var count: Int { (labels.max() ?? -1) + 1 }
    /// Modularity of the partition on the input graph; NaN (undefined) when
    /// the graph has no edges.
    public let modularity: Double

    /// The members of each community, ascending.
    /// - Complexity: O(n).
    public func members() -> [[Int]] {
        var m = [[Int]](repeating: [], count: count)
        for (v, c) in labels.enumerated() { m[c].append(v) }
        return m
    }
}

extension CSRGraph {
    /// Newman–Girvan modularity of a partition, as NetworkX `modularity`:
    ///
    /// `Q = Σ_c [ L_c / m − γ (D_c / 2m)² ]`, where `m` is the total edge
    /// weight, `L_c` the weight of edges inside community c and `D_c` the
    /// total degree (strength) of its nodes. Undirected only. Undefined (NaN)
    /// for a graph without edges, where NetworkX divides by zero.
    ///
    /// Reference: M. E. J. Newman & M. Girvan, "Finding and evaluating
    /// community structure in networks", Phys. Rev. E 69 (2004).
    /// - Parameters:
    ///   - labels: a community label per node (any non-negative integers).
    ///   - weighted: use edge weights (otherwise 1 per edge).
    ///   - resolution: γ (NetworkX `resolution`, default 1).
    /// - Throws: `.wrongLength` for a bad label array, `.requiresUndirected`.
    /// - Complexity: O(n + m).
    public func modularity(labels: [Int], weighted: Bool = false, resolution: Double = 1) throws -> Double {
        try requireUndirected("modularity")
        guard labels.count == nodeCount else {
            throw AnalysisError.wrongLength(what: "community labels", expected: nodeCount, actual: labels.count)
        }
        guard labels.allSatisfy({ $0 >= 0 }) else { throw AnalysisError.invalidArgument("community labels must be non-negative") }
        let k = (labels.max() ?? -1) + 1
        var inner = [Double](repeating: 0, count: k), total = [Double](repeating: 0, count: k)
        var m2 = 0.0
        for u in 0..<nodeCount {
            for p in Int(offsets[u])..<Int(offsets[u + 1]) {
                let w = weighted ? weights[p] : 1
                m2 += w
                total[labels[u]] += w
                if labels[Int(neighbors[p])] == labels[u] { inner[labels[u]] += w }
            }
        }
        if m2 == 0 { return .nan }
        var q = 0.0
        for c in 0..<k {
            let d = total[c] / m2
            q += inner[c] / m2 - resolution * d * d
        }
        return q
    }

    /// Louvain community detection maximising modularity, following NetworkX
    /// `louvain_communities` (resolution γ, threshold 1e-7): each level moves
    /// nodes, in a shuffled order, to the neighbouring community with the
    /// largest positive modularity gain (NetworkX's gain formula, ties to the
    /// first neighbouring community found) until a sweep over every node
    /// moves none, then collapses communities into nodes; it stops when a
    /// level improves modularity by at most `threshold`.
    ///
    /// Differences from NetworkX, for speed and with the same stopping rule:
    /// graphs of 4,096 nodes or more are renumbered breadth-first first; the
    /// shuffled order is of blocks of 32 consecutive nodes, each shuffled
    /// inside; between full sweeps only neighbours of moved nodes are
    /// revisited. The shuffles use `SeededGenerator(seed:)`, so a seed gives
    /// one partition on every machine (not the partition NetworkX gives for
    /// that seed, which uses Python's generator).
    ///
    /// Reference: V. D. Blondel, J.-L. Guillaume, R. Lambiotte & E. Lefebvre,
    /// "Fast unfolding of communities in large networks", J. Stat. Mech.
    /// (2008) P10008.
    /// - Parameters:
    ///   - weighted: use edge weights (otherwise 1 per edge).
    ///   - resolution: γ, default 1.
    ///   - threshold: minimum modularity gain per level, default 1e-7.
    ///   - seed: seed for the node orders.
    /// - Throws: `.requiresUndirected` for directed graphs.
    /// - Complexity: O(m) per sweep; typically near-linear overall.
    public func louvainCommunities(weighted: Bool = false, resolution: Double = 1, threshold: Double = 1e-7,
                                   seed: UInt64 = 0) throws -> Communities {
        try louvainCommunities(weighted: weighted, resolution: resolution, threshold: threshold, seed: seed,
                               largeGraphLayout: nodeCount >= Self.renumberingThreshold)
    }

    /// `louvainCommunities` with the large-graph layout (renumbering, block
    /// shuffle) forced on or off, so tests reach both paths.
    func louvainCommunities(weighted: Bool, resolution: Double, threshold: Double, seed: UInt64,
                            largeGraphLayout: Bool) throws -> Communities {
        try requireUndirected("Louvain communities")
        let n = nodeCount
        var rng = SeededGenerator(seed: seed)
        // Large graphs are renumbered in breadth-first order so that a node's
        // neighbours sit close in memory; `working[v]` is v's index there.
        var working = Array(0..<n)
        var level: LouvainLevel
        if largeGraphLayout {
            let order = localityOrder()
            for (i, v) in order.enumerated() { working[Int(v)] = i }
            level = LouvainLevel(graph: renumbered(by: order), weighted: weighted)
        } else {
            level = LouvainLevel(graph: self, weighted: weighted)
        }
        let m = level.totalWeight
        var nodeToCommunity = working   // original node -> current aggregated node
        if m == 0 || n == 0 {
            return Communities(labels: Array(0..<n), modularity: .nan)
        }
        var mod = level.modularity(of: Array(0..<level.n), m: m, resolution: resolution)
        while true {
            let (moved, partition) = level.oneLevel(m: m, resolution: resolution, blockSize: largeGraphLayout ? 32 : 1,
                                                    rng: &rng)
            // relabel partition densely
            var dense = [Int](repeating: -1, count: level.n)
            var next = 0
            for c in partition where dense[c] < 0 { dense[c] = next; next += 1 }
            let labels = partition.map { dense[$0] }
            for v in 0..<n { nodeToCommunity[v] = labels[nodeToCommunity[v]] }
            let newMod = level.modularity(of: labels, m: m, resolution: resolution)
            if !moved || newMod - mod <= threshold { break }
            mod = newMod
            level = level.aggregated(labels: labels, count: next)
        }
        // number communities by smallest original node
        var final = [Int](repeating: -1, count: n)
        var renumber = [Int](repeating: -1, count: n)
        var next = 0
        for v in 0..<n {
            let c = nodeToCommunity[v]
            if renumber[c] < 0 { renumber[c] = next; next += 1 }
            final[v] = renumber[c]
        }
        let q = try modularity(labels: final, weighted: weighted, resolution: resolution)
        return Communities(labels: final, modularity: q)
    }
}

/// One level of Louvain: a weighted graph with self-loops kept apart.
struct LouvainLevel {
    let n: Int
    let offsets: [Int]
    let neighbors: [Int32]
    let weights: [Double]
    let selfLoop: [Double]
    /// Weighted degree, self-loops counted twice (NetworkX convention).
    let degree: [Double]
    /// Total edge weight m (self-loops once).
    let totalWeight: Double

    init(graph g: CSRGraph, weighted: Bool) {
        n = g.nodeCount
        offsets = g.offsets.map { Int($0) }
        neighbors = g.neighbors
        weights = weighted ? g.weights : [Double](repeating: 1, count: g.neighbors.count)
        selfLoop = [Double](repeating: 0, count: n)
        var deg = [Double](repeating: 0, count: n)
        var total = 0.0
        for v in 0..<n {
            var s = 0.0
            for p in offsets[v]..<offsets[v + 1] { s += weights[p] }
            deg[v] = s; total += s
        }
        degree = deg
        totalWeight = total / 2
    }

    init(n: Int, offsets: [Int], neighbors: [Int32], weights: [Double], selfLoop: [Double], totalWeight: Double) {
        self.n = n; self.offsets = offsets; self.neighbors = neighbors; self.weights = weights
        self.selfLoop = selfLoop; self.totalWeight = totalWeight
        var deg = [Double](repeating: 0, count: n)
        for v in 0..<n {
            var s = 2 * selfLoop[v]
            for p in offsets[v]..<offsets[v + 1] { s += weights[p] }
            deg[v] = s
        }
        degree = deg
    }

    func modularity(of labels: [Int], m: Double, resolution: Double) -> Double {
        let k = (labels.max() ?? -1) + 1
        var inner = [Double](repeating: 0, count: k), total = [Double](repeating: 0, count: k)
        for v in 0..<n {
            let c = labels[v]
            total[c] += degree[v]
            inner[c] += selfLoop[v]
            for p in offsets[v]..<offsets[v + 1] where labels[Int(neighbors[p])] == c { inner[c] += weights[p] / 2 }
        }
        var q = 0.0
        for c in 0..<k {
            let d = total[c] / (2 * m)
            q += inner[c] / m - resolution * d * d
        }
        return q
    }

    /// Local moving until no node changes community (NetworkX `_one_level`).
    func oneLevel(m: Double, resolution: Double, blockSize block: Int, rng: inout SeededGenerator) -> (Bool, [Int]) {
        var community = (0..<n).map { Int32($0) }
        var stot = degree
        // Visit order: blocks of 32 consecutive nodes in shuffled order, each
        // block shuffled inside. As random as a full shuffle for the method's
        // purpose, but a block's rows and states share cache lines, which
        // makes a sweep several times faster on large graphs.
        var blocks = (0..<((n + block - 1) / block)).map { Int32($0) }
        rng.shuffle(&blocks)
        var order = [Int32](); order.reserveCapacity(n)
        var inner = [Int32](); inner.reserveCapacity(block)
        for b in blocks {
            let lo = Int(b) * block, hi = min(n, lo + block)
            inner.removeAll(keepingCapacity: true)
            for v in lo..<hi { inner.append(Int32(v)) }
            rng.shuffle(&inner)
            order.append(contentsOf: inner)
        }
        var nw = [Double](repeating: 0, count: n)      // weight to each neighbouring community
        var touched = [Int32](repeating: 0, count: n)
        // Only nodes next to a move are revisited (V. A. Traag, "Faster
        // unfolding of communities: speeding up the Louvain algorithm", Phys.
        // Rev. E 92 (2015)); a full sweep with no move ends the level, so the
        // result is still a local optimum for every node.
        var active = [Bool](repeating: true, count: n)
        var improvement = false
        let invM = 1 / m, k2 = resolution / (2 * m * m)
        offsets.withUnsafeBufferPointer { off in
        neighbors.withUnsafeBufferPointer { nbr in
        weights.withUnsafeBufferPointer { wt in
        degree.withUnsafeBufferPointer { degree in
        community.withUnsafeMutableBufferPointer { community in
        stot.withUnsafeMutableBufferPointer { stot in
        nw.withUnsafeMutableBufferPointer { nw in
        touched.withUnsafeMutableBufferPointer { touched in
        active.withUnsafeMutableBufferPointer { active in
            var fullSweep = true
            while true {
                var moves = 0
                for u32 in order {
                    let u = Int(u32)
                    if !active[u] { continue }
                    active[u] = false
                    let cu = Int(community[u])
                    var nt = 0
                    for p in off[u]..<off[u + 1] {
                        let c = Int(community[Int(nbr[p])])
                        if nw[c] == 0 { touched[nt] = Int32(c); nt += 1 }
                        nw[c] += wt[p]
                    }
                    let du = degree[u]
                    stot[cu] -= du
                    let removeCost = -nw[cu] * invM + stot[cu] * du * k2
                    var best = cu, bestGain = 0.0
                    for t in 0..<nt {
                        let c = Int(touched[t])
                        let gain = removeCost + nw[c] * invM - stot[c] * du * k2
                        if gain > bestGain { bestGain = gain; best = c }
                        nw[c] = 0
                    }
                    stot[best] += du
                    if best != cu {
                        community[u] = Int32(best)
                        moves += 1
                        improvement = true
                        for p in off[u]..<off[u + 1] { active[Int(nbr[p])] = true }
                    }
                }
                if moves == 0 {
                    if fullSweep { break }
                    // confirm the fixed point with one sweep over every node
                    for v in 0..<n { active[v] = true }
                    fullSweep = true
                } else {
                    fullSweep = false
                }
            }
        }}}}}}}}}
        return (improvement, community.map { Int($0) })
    }

    /// The graph of communities: internal weight becomes a self-loop.
    func aggregated(labels: [Int], count k: Int) -> LouvainLevel {
        // members grouped by community (counting sort)
        var start = [Int](repeating: 0, count: k + 1)
        for c in labels { start[c + 1] += 1 }
        for c in 0..<k { start[c + 1] += start[c] }
        var pos = start
        var members = [Int](repeating: 0, count: n)
        for v in 0..<n { members[pos[labels[v]]] = v; pos[labels[v]] += 1 }
        var newOffsets = [Int](repeating: 0, count: k + 1)
        var newNbrs = [Int32](), newWts = [Double]()
        newNbrs.reserveCapacity(neighbors.count); newWts.reserveCapacity(neighbors.count)
        var loops = [Double](repeating: 0, count: k)
        var acc = [Double](repeating: 0, count: k)
        var seen = [Bool](repeating: false, count: k)
        var touched = [Int]()
        for c in 0..<k {
            touched.removeAll(keepingCapacity: true)
            var loop = 0.0
            for i in start[c]..<start[c + 1] {
                let v = members[i]
                loop += selfLoop[v]
                for p in offsets[v]..<offsets[v + 1] {
                    let d = labels[Int(neighbors[p])]
                    if d == c { loop += weights[p] / 2; continue }
                    if !seen[d] { seen[d] = true; touched.append(d) }
                    acc[d] += weights[p]
                }
            }
            touched.sort()
            for d in touched {
                newNbrs.append(Int32(d)); newWts.append(acc[d])
                acc[d] = 0; seen[d] = false
            }
            loops[c] = loop
            newOffsets[c + 1] = newNbrs.count
        }
        return LouvainLevel(n: k, offsets: newOffsets, neighbors: newNbrs, weights: newWts, selfLoop: loops,
                            totalWeight: totalWeight)
    }
}
