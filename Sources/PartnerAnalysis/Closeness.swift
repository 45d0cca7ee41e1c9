extension CSRGraph {
    /// Closeness centrality with the Wasserman–Faust correction, as NetworkX
    /// `closeness_centrality(G, wf_improved=True)` (the default):
    ///
    /// `C(u) = (r(u) / Σ_{v reaches u} d(v, u)) · (r(u) / (n − 1))`, where
    /// `r(u)` is the number of other nodes that reach `u`. Isolated or
    /// unreachable nodes score 0. For directed graphs distances run *to* `u`
    /// (NetworkX's convention, incoming distance). With `wfImproved: false`
    /// the second factor is omitted.
    ///
    /// References: A. Bavelas, "Communication patterns in task-oriented
    /// groups", JASA 22 (1950); S. Wasserman & K. Faust, *Social Network
    /// Analysis* (1994), eq. 5.3.
    ///
    /// - Parameters:
    ///   - weighted: path length `1 / weight` instead of hop count.
    ///   - wfImproved: apply the Wasserman–Faust factor.
    ///   - threads: worker threads, 0 for all cores.
    /// - Complexity: O(n m) unweighted (bit-parallel BFS over 64 sources at
    ///   a time), O(n (m + n log n)) weighted; O(n) memory per thread.
    public func closenessCentrality(weighted: Bool = false, wfImproved: Bool = true, threads: Int = 0) -> [Double] {
        let acc = distanceSums(weighted: weighted, threads: threads)
        let n = nodeCount
        var c = [Double](repeating: 0, count: n)
        for u in 0..<n {
            let r = Double(acc.reached[u]), tot = acc.total[u]
            if tot > 0 && n > 1 {
                var x = r / tot
                if wfImproved { x *= r / Double(n - 1) }
                c[u] = x
            }
        }
        return c
    }

    /// Harmonic centrality `H(u) = Σ_{v ≠ u} 1 / d(v, u)` (unreachable
    /// pairs add 0), not normalised, as NetworkX `harmonic_centrality`; for
    /// directed graphs distances run *to* `u`.
    ///
    /// Reference: M. Marchiori & V. Latora, "Harmony in the small-world",
    /// Physica A 285 (2000); P. Boldi & S. Vigna, "Axioms for centrality",
    /// Internet Mathematics 10 (2014).
    ///
    /// - Parameters:
    ///   - weighted: path length `1 / weight` instead of hop count.
    ///   - threads: worker threads, 0 for all cores.
    /// - Complexity: as `closenessCentrality`.
    public func harmonicCentrality(weighted: Bool = false, threads: Int = 0) -> [Double] {
        distanceSums(weighted: weighted, threads: threads).harmonic
    }

    struct DistanceSums {
        var total: [Double]
        var reached: [Int]
        var harmonic: [Double]
    }

    /// For every node x: Σ d(u, x), Σ 1/d(u, x) and the count of u ≠ x that
    /// reach x, over all sources u.
    func distanceSums(weighted: Bool, threads: Int) -> DistanceSums {
        let n = nodeCount
        let batches = weighted ? n : (n + 63) / 64
        let t = resolvedThreadCount(threads, work: max(1, batches))
        let tot = UnsafeSendable(UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, t * n)))
        let harm = UnsafeSendable(UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, t * n)))
        let cnt = UnsafeSendable(UnsafeMutableBufferPointer<Int>.allocate(capacity: max(1, t * n)))
        tot.value.initialize(repeating: 0); harm.value.initialize(repeating: 0); cnt.value.initialize(repeating: 0)
        defer { tot.value.deallocate(); harm.value.deallocate(); cnt.value.deallocate() }
        let graph = self
        runParallel(threads: t) { tid in
            let r = (tid * n)..<(tid * n + n)
            let T = UnsafeMutableBufferPointer(rebasing: tot.value[r])
            let H = UnsafeMutableBufferPointer(rebasing: harm.value[r])
            let C = UnsafeMutableBufferPointer(rebasing: cnt.value[r])
            if weighted {
                var ws = DijkstraWorkspace(nodeCount: n)
                var s = tid
                while s < n {
                    ws.run(from: s, graph: graph) { x, d in T[x] += d; H[x] += 1 / d; C[x] += 1 }
                    s += t
                }
            } else {
                var ms = MultiSourceBFS(nodeCount: n)
                var b = tid
                while b < batches {
                    let lo = b * 64, hi = min(n, lo + 64)
                    ms.run(sources: lo..<hi, graph: graph, total: T, harmonic: H, reached: C)
                    b += t
                }
            }
        }
        var result = DistanceSums(total: [Double](repeating: 0, count: n), reached: [Int](repeating: 0, count: n),
                                  harmonic: [Double](repeating: 0, count: n))
        for tid in 0..<t {
            for v in 0..<n {
                result.total[v] += tot.value[tid * n + v]
                result.harmonic[v] += harm.value[tid * n + v]
                result.reached[v] += cnt.value[tid * n + v]
            }
        }
        return result
    }
}

/// Bit-parallel breadth-first search from up to 64 sources at once (MS-BFS:
/// M. Then et al., "The more the merrier: efficient multi-source graph
/// traversal", PVLDB 8 (2014)). Bit i of `seen[v]` says source i has reached v.
struct MultiSourceBFS {
    var seen: [UInt64]
    var frontier: [UInt64]
    var next: [UInt64]
    var active: [Int32]
    var nextActive: [Int32]

    init(nodeCount n: Int) {
        seen = [UInt64](repeating: 0, count: n)
        frontier = [UInt64](repeating: 0, count: n)
        next = [UInt64](repeating: 0, count: n)
        active = []; nextActive = []
        active.reserveCapacity(n); nextActive.reserveCapacity(n)
    }

    /// Adds, at every node x, the distances from the sources that reach it
    /// (`total`), their reciprocals (`harmonic`) and their count (`reached`).
    mutating func run(sources: Range<Int>, graph: CSRGraph, total: UnsafeMutableBufferPointer<Double>,
                      harmonic: UnsafeMutableBufferPointer<Double>, reached: UnsafeMutableBufferPointer<Int>) {
        let n = graph.nodeCount
        for i in 0..<n { seen[i] = 0 }
        active.removeAll(keepingCapacity: true)
        for (i, s) in sources.enumerated() {
            seen[s] |= 1 << UInt64(i); frontier[s] |= 1 << UInt64(i); active.append(Int32(s))
        }
        var level = 0
        graph.offsets.withUnsafeBufferPointer { off in
        graph.neighbors.withUnsafeBufferPointer { nbr in
        seen.withUnsafeMutableBufferPointer { seen in
        frontier.withUnsafeMutableBufferPointer { frontier in
        next.withUnsafeMutableBufferPointer { next in
            while !active.isEmpty {
                level += 1
                nextActive.removeAll(keepingCapacity: true)
                for v32 in active {
                    let v = Int(v32)
                    let f = frontier[v]
                    frontier[v] = 0
                    var p = Int(off[v]); let e = Int(off[v + 1])
                    while p < e {
                        let w = Int(nbr[p]); p += 1
                        let add = f & ~seen[w]
                        if add != 0 {
                            if next[w] == 0 { nextActive.append(Int32(w)) }
                            next[w] |= add
                        }
                    }
                }
                let d = Double(level), invD = 1 / d
                for w32 in nextActive {
                    let w = Int(w32)
                    let bits = next[w]
                    next[w] = 0
                    seen[w] |= bits
                    frontier[w] = bits
                    let c = bits.nonzeroBitCount
                    total[w] += d * Double(c)
                    harmonic[w] += invD * Double(c)
                    reached[w] += c
                }
                swap(&active, &nextActive)
            }
        }}}}}
    }
}

/// Dijkstra from one source with lengths 1/weight over out-arcs, reporting
/// every reached node other than the source with its distance.
struct DijkstraWorkspace {
    var dist: [Double]
    var done: [Bool]
    var touched: [Int32] = []
    var heap = BinaryHeap()

    init(nodeCount n: Int) {
        dist = [Double](repeating: .infinity, count: n)
        done = [Bool](repeating: false, count: n)
    }

    mutating func run(from s: Int, graph: CSRGraph, visit: (Int, Double) -> Void) {
        heap.clear(); touched.removeAll(keepingCapacity: true)
        dist[s] = 0; touched.append(Int32(s)); heap.push(0, Int32(s))
        while let (dv, v32) = heap.pop() {
            let v = Int(v32)
            if done[v] || dv > dist[v] { continue }
            done[v] = true
            if v != s { visit(v, dv) }
            for p in Int(graph.offsets[v])..<Int(graph.offsets[v + 1]) {
                let w = Int(graph.neighbors[p])
                if done[w] { continue }
                let alt = dv + 1 / graph.weights[p]
                if alt < dist[w] {
                    if dist[w] == .infinity { touched.append(Int32(w)) }
                    dist[w] = alt; heap.push(alt, Int32(w))
                }
            }
        }
        for v in touched { dist[Int(v)] = .infinity; done[Int(v)] = false }
    }
}
