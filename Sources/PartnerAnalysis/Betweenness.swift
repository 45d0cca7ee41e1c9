import Synchronization

/// Which source nodes a betweenness computation starts shortest-path
/// searches from.
public enum PivotSelection: Sendable, Equatable {
    /// Every node: exact betweenness.
    case all
    /// `count` distinct pivots drawn with `SeededGenerator(seed:)`
    /// (`sample(count, from: n)`); the estimate is rescaled as NetworkX does.
    case sample(count: Int, seed: UInt64)
    /// These distinct source nodes (for example pivots drawn elsewhere).
    case sources([Int])
}

extension CSRGraph {
    /// Shortest-path betweenness centrality by Brandes' algorithm.
    ///
    /// `b(v) = Σ_{s ≠ v ≠ t} σ_st(v) / σ_st`, where `σ_st` is the number of
    /// shortest `s`–`t` paths and `σ_st(v)` those through `v`. Endpoints are
    /// not counted. Paths are hop counts, or with `weighted` sums of
    /// `1 / weight`; two weighted path lengths tie when they differ by less
    /// than 1e-10 relative to their sum (igraph's `igraph_cmp_epsilon`), so
    /// equal lengths reached through different sums of reciprocals still tie.
    ///
    /// Normalisation is exactly NetworkX 3.6 `betweenness_centrality`
    /// (`endpoints=False`), with `N = n − 1`:
    /// - exact, `normalized`: divide the ordered-pair sum by `N (N − 1)`,
    ///   that is `(n − 1)(n − 2)`, directed or not;
    /// - exact, raw: undirected values count each unordered pair once (½ of
    ///   the ordered sum); directed values are the ordered sum;
    /// - sampled with `k < n` sources: a pivot's value is scaled by
    ///   `1 / ((k − 1)(N − 1))` (raw: `N / ((k − 1) c)`, c = 2 undirected, 1
    ///   directed) and a non-pivot's by `1 / (k (N − 1))` (raw: `N / (k c)`),
    ///   NaN for the pivot when `k = 1`, as NetworkX; `k = n` is exact.
    /// - Graphs with `n ≤ 2` are returned unscaled (all zero).
    ///
    /// Sources are processed by `threads` workers (0 = all cores), each with
    /// its own buffers, taking blocks of sources as they free up; block
    /// sums are added in fixed point, so the result is bit-identical for any
    /// thread count and scheduling.
    ///
    /// References: U. Brandes, "A faster algorithm for betweenness
    /// centrality", J. Math. Sociol. 25 (2001); U. Brandes & C. Pich,
    /// "Centrality estimation in large networks", Int. J. Bifurcation and
    /// Chaos 17 (2007) for pivot sampling.
    ///
    /// - Parameters:
    ///   - normalized: NetworkX normalisation (default) or raw values.
    ///   - weighted: path length `1 / weight` instead of hop count.
    ///   - pivots: all nodes (exact) or a sample of sources.
    ///   - threads: worker threads, 0 for all cores, 1 for single-threaded.
    ///   - progress: called now and then (from one worker thread, then with
    ///     1 from the caller's) with the fraction of sources done, never
    ///     decreasing, for a progress bar.
    /// - Returns: one value per node; NaN where NetworkX gives NaN (the pivot
    ///   when k = 1) or where path counts overflow `Double`.
    /// - Throws: `AnalysisError.invalidArgument` for bad pivots (none, out of
    ///   range, repeated, or more than n).
    /// - Complexity: O(k m) unweighted and O(k (m + n log n)) weighted time
    ///   for k sources; O(n) memory per thread.
    public func betweennessCentrality(normalized: Bool = true, weighted: Bool = false,
                                      pivots: PivotSelection = .all, threads: Int = 0,
                                      progress: (@Sendable (Double) -> Void)? = nil) throws -> [Double] {
        try betweennessCentrality(normalized: normalized, weighted: weighted, pivots: pivots, threads: threads,
                                  renumber: nodeCount >= Self.renumberingThreshold, progress: progress)
    }

    /// `betweennessCentrality` with the locality renumbering forced on or
    /// off (tests exercise both paths on small graphs).
    func betweennessCentrality(normalized: Bool, weighted: Bool, pivots: PivotSelection, threads: Int,
                               renumber: Bool, progress: (@Sendable (Double) -> Void)? = nil) throws -> [Double] {
        let n = nodeCount
        let sources = try pivotSources(pivots)
        let exact = sources.count == n
        var b = accumulateBrandes(sources: sources, weighted: weighted, threads: threads, renumber: renumber,
                                  progress: progress)
        rescaleBetweenness(&b, normalized: normalized, pivots: exact ? nil : sources)
        return b
    }

    func pivotSources(_ pivots: PivotSelection) throws -> [Int32] {
        let n = nodeCount
        switch pivots {
        case .all:
            return (0..<n).map { Int32($0) }
        case let .sample(count, seed):
            guard count >= 1 || n == 0, count <= n else {
                throw AnalysisError.invalidArgument("cannot sample \(count) pivots from \(n) nodes")
            }
            var rng = SeededGenerator(seed: seed)
            return rng.sample(count, from: n).map { Int32($0) }
        case let .sources(list):
            guard !list.isEmpty || n == 0 else { throw AnalysisError.invalidArgument("no pivots given") }
            var seen = [Bool](repeating: false, count: n)
            for s in list {
                guard s >= 0, s < n else { throw AnalysisError.invalidArgument("pivot \(s) is out of range 0..<\(n)") }
                guard !seen[s] else { throw AnalysisError.invalidArgument("pivot \(s) is listed twice") }
                seen[s] = true
            }
            return list.map { Int32($0) }
        }
    }

    /// NetworkX 3.6 `_rescale` with `endpoints=False`.
    func rescaleBetweenness(_ b: inout [Double], normalized: Bool, pivots: [Int32]?) {
        let N = Double(nodeCount - 1)
        if nodeCount - 1 < 2 { return }
        let correction = isDirected ? 1.0 : 2.0
        guard let pivots else {
            let scale = normalized ? 1 / (N * (N - 1)) : 1 / correction
            if scale != 1 { for i in b.indices { b[i] *= scale } }
            return
        }
        let k = Double(pivots.count)
        let sSource: Double, sOther: Double
        if normalized {
            sSource = k > 1 ? 1 / ((k - 1) * (N - 1)) : .nan
            sOther = 1 / (k * (N - 1))
        } else {
            sSource = k > 1 ? N / ((k - 1) * correction) : .nan
            sOther = N / (k * correction)
        }
        var isPivot = [Bool](repeating: false, count: nodeCount)
        for s in pivots { isPivot[Int(s)] = true }
        for i in b.indices { b[i] *= isPivot[i] ? sSource : sOther }
    }

    /// Sum over `sources` of the Brandes dependencies δ_s(v) (ordered pairs).
    /// Large graphs are first renumbered in breadth-first order so that the
    /// nodes a search touches together sit together in memory.
    func accumulateBrandes(sources: [Int32], weighted: Bool, threads: Int, renumber: Bool,
                           progress: (@Sendable (Double) -> Void)? = nil) -> [Double] {
        if renumber {
            let order = localityOrder()
            var newIndex = [Int32](repeating: 0, count: nodeCount)
            for (i, v) in order.enumerated() { newIndex[Int(v)] = Int32(i) }
            let h = renumbered(by: order, sortRows: true)
            let b = h.accumulateBrandesInPlace(sources: sources.map { newIndex[Int($0)] }, weighted: weighted,
                                               threads: threads, progress: progress)
            return (0..<nodeCount).map { b[Int(newIndex[$0])] }
        }
        return accumulateBrandesInPlace(sources: sources, weighted: weighted, threads: threads, progress: progress)
    }

    /// Graphs at least this large are renumbered for locality before
    /// shortest-path sweeps.
    static let renumberingThreshold = 4096

    /// Sources go in blocks of 8 to 64, handed out dynamically (an atomic
    /// counter), so a worker that gets more CPU does more blocks. Each block's
    /// dependencies are summed in `Double` in a fixed order, then added to the
    /// worker's total in 64.64 fixed point (two `UInt64` words). Integer addition is
    /// associative, so the result is bit-identical whichever worker did which
    /// block and whatever the thread count; the fixed point keeps 2⁻⁶⁴
    /// absolute resolution per block.
    func accumulateBrandesInPlace(sources: [Int32], weighted: Bool, threads: Int,
                                  progress: (@Sendable (Double) -> Void)?) -> [Double] {
        let n = nodeCount
        // block size depends on the source count only (never on threads), so
        // the blocks — and hence the result — are the same for any thread count
        let block = min(64, max(8, sources.count / 32))
        let blocks = (sources.count + block - 1) / block
        let t = resolvedThreadCount(threads, work: max(1, blocks))
        // per worker: integer part, then the 2⁻⁶⁴ fraction, of each node's total
        let fixed = UnsafeSendable(UnsafeMutableBufferPointer<UInt64>.allocate(capacity: max(1, 2 * t * n)))
        fixed.value.initialize(repeating: 0)
        defer { fixed.value.deallocate() }
        let nextBlock = Atomic<Int>(0)
        let finished = Atomic<Int>(0)
        let graph = self
        runParallel(threads: t) { tid in
            let whole = UnsafeMutableBufferPointer(rebasing: fixed.value[(2 * tid * n)..<(2 * tid * n + n)])
            let fraction = UnsafeMutableBufferPointer(rebasing: fixed.value[((2 * tid + 1) * n)..<((2 * tid + 2) * n)])
            let acc = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, n))
            acc.initialize(repeating: 0)
            defer { acc.deallocate() }
            var kernel = BrandesWorkspace(nodeCount: n)
            while true {
                let bi = nextBlock.wrappingAdd(1, ordering: .relaxed).oldValue
                if bi >= blocks { break }
                let lo = bi * block, hi = min(sources.count, lo + block)
                for i in lo..<hi {
                    if weighted {
                        kernel.weightedSource(Int(sources[i]), graph: graph, into: acc)
                    } else {
                        kernel.unweightedSource(Int(sources[i]), graph: graph, into: acc)
                    }
                }
                for v in 0..<n where acc[v] != 0 {
                    let d = acc[v]
                    guard d < 9.0e18 else {
                        // NaN or beyond 2⁶³ (path counts overflowed Double): poison the node
                        whole[v] = .max; acc[v] = 0; continue
                    }
                    let w = UInt64(d)                   // truncates
                    let f = UInt64((d - Double(w)) * fixedPointScale)   // exact scaling; < 2⁶⁴
                    let (lo, carry) = fraction[v].addingReportingOverflow(f)
                    fraction[v] = lo
                    if whole[v] != .max { whole[v] &+= w &+ (carry ? 1 : 0) }
                    acc[v] = 0
                }
                let done = finished.wrappingAdd(1, ordering: .relaxed).newValue
                // worker 0 alone reports, so the values it sends never decrease
                if tid == 0, let progress { progress(Double(done) / Double(blocks)) }
            }
        }
        progress?(1)
        var result = [Double](repeating: 0, count: n)
        for v in 0..<n {
            var hi: UInt64 = 0, lo: UInt64 = 0, poisoned = false
            for tid in 0..<t {
                let (l, carry) = lo.addingReportingOverflow(fixed.value[(2 * tid + 1) * n + v])
                lo = l
                let w = fixed.value[2 * tid * n + v]
                poisoned = poisoned || w == .max
                hi &+= w &+ (carry ? 1 : 0)
            }
            result[v] = poisoned ? .nan : Double(hi) + Double(lo) / fixedPointScale
        }
        return result
    }
}

/// 2⁶⁴: dependencies are summed across blocks as multiples of 2⁻⁶⁴.
private let fixedPointScale = 18_446_744_073_709_551_616.0

/// Per-thread buffers for Brandes' algorithm, allocated once and reset
/// incrementally (only the nodes a search reached) between sources.
/// Distance and path count of a node in one breadth-first search, kept
/// together so the forward sweep touches one cache line per neighbour.
struct BFSState {
    var dist: Int32
    var sigma: Double
}

struct BrandesWorkspace {
    var state: [BFSState]
    var dist: [Int32]
    var sigma: [Double]
    var coef: [Double]
    var order: [Int32]
    var levelStart: [Int]
    var scratch: [Double]
    var wdist: [Double]
    var heap: BinaryHeap

    init(nodeCount n: Int) {
        state = [BFSState](repeating: BFSState(dist: -1, sigma: 0), count: n)
        dist = [Int32](repeating: -1, count: n)
        sigma = [Double](repeating: 0, count: n)
        coef = [Double](repeating: 0, count: n)
        order = [Int32](repeating: 0, count: n)
        levelStart = [Int](repeating: 0, count: n + 2)
        scratch = [Double](repeating: 0, count: n)
        wdist = []
        heap = BinaryHeap()
    }

    /// One BFS source, level by level. Forward: σ(w) = Σ σ(v) over the
    /// previous level's neighbours. Backward, in the successor form
    /// δ(v) = σ(v) Σ_{w: d(w) = d(v)+1} (1 + δ(w)) / σ(w) with no predecessor
    /// lists: `coef[w]` = (1 + δ(w)) / σ(w) is published only once a whole
    /// level is done and is 0 for every shallower node, so a node simply sums
    /// `coef` over all its neighbours — no distance test in the inner loop
    /// (BFS neighbours lie at most one level deeper).
    mutating func unweightedSource(_ s: Int, graph: CSRGraph, into acc: UnsafeMutableBufferPointer<Double>) {
        graph.offsets.withUnsafeBufferPointer { off in
        graph.neighbors.withUnsafeBufferPointer { nbr in
        state.withUnsafeMutableBufferPointer { st in
        coef.withUnsafeMutableBufferPointer { coef in
        order.withUnsafeMutableBufferPointer { order in
        levelStart.withUnsafeMutableBufferPointer { levelStart in
        scratch.withUnsafeMutableBufferPointer { delta in
            order[0] = Int32(s); st[s] = BFSState(dist: 0, sigma: 1)
            var levels = 0
            levelStart[0] = 0
            var lo = 0, hi = 1, tail = 1
            var dv1: Int32 = 1
            while lo < hi {
                levels += 1
                levelStart[levels] = hi
                for i in lo..<hi {
                    let v = Int(order[i])
                    let sv = st[v].sigma
                    var p = Int(off[v]); let e = Int(off[v + 1])
                    while p < e {
                        let w = Int(nbr[p]); p += 1
                        let dw = st[w].dist
                        if dw < 0 {
                            st[w] = BFSState(dist: dv1, sigma: sv); order[tail] = Int32(w); tail += 1
                        } else if dw == dv1 {
                            st[w].sigma += sv
                        }
                    }
                }
                lo = hi; hi = tail; dv1 &+= 1
            }
            // levels 1 ..< levels, deepest first (level 0 is the source)
            var k = levels - 1
            while k >= 1 {
                let a = levelStart[k], b = levelStart[k + 1]
                for i in a..<b {
                    let v = Int(order[i])
                    var sum = 0.0
                    var p = Int(off[v]); let e = Int(off[v + 1])
                    while p < e { sum += coef[Int(nbr[p])]; p += 1 }
                    delta[i] = sum
                }
                for i in a..<b {
                    let v = Int(order[i])
                    let sv = st[v].sigma
                    let d = sv * delta[i]
                    acc[v] += d
                    coef[v] = (1 + d) / sv
                }
                k -= 1
            }
            for j in 0..<tail { let v = Int(order[j]); st[v].dist = -1; coef[v] = 0 }
        }}}}}}}
    }

    /// One Dijkstra source with lengths 1/weight. Distances settle in heap
    /// order; then σ is summed in settling order over tight in-arcs and δ in
    /// reverse over tight out-arcs, where an arc u→v is tight when
    /// d(u) + 1/w(u,v) equals d(v) within the relative tolerance.
    mutating func weightedSource(_ s: Int, graph: CSRGraph, into acc: UnsafeMutableBufferPointer<Double>) {
        let n = graph.nodeCount
        if wdist.isEmpty { wdist = [Double](repeating: .infinity, count: n) }
        // dist[] here holds the settling rank (-1 = not settled)
        var settled = 0
        heap.clear()
        wdist[s] = 0
        heap.push(0, Int32(s))
        graph.offsets.withUnsafeBufferPointer { off in
        graph.neighbors.withUnsafeBufferPointer { nbr in
        graph.weights.withUnsafeBufferPointer { wt in
        wdist.withUnsafeMutableBufferPointer { d in
        dist.withUnsafeMutableBufferPointer { rank in
        order.withUnsafeMutableBufferPointer { order in
            while let (dv, v32) = heap.pop() {
                let v = Int(v32)
                if rank[v] >= 0 || dv > d[v] { continue }
                rank[v] = Int32(settled); order[settled] = v32; settled += 1
                for p in Int(off[v])..<Int(off[v + 1]) {
                    let w = Int(nbr[p])
                    if rank[w] >= 0 { continue }
                    let alt = dv + 1 / wt[p]
                    let dw = d[w]
                    if alt < dw && !pathLengthsTie(alt, dw) {
                        d[w] = alt
                        heap.push(alt, Int32(w))
                    }
                }
            }
        }}}}}}
        graph.inOffsets.withUnsafeBufferPointer { ioff in
        graph.inNeighbors.withUnsafeBufferPointer { inbr in
        graph.inWeights.withUnsafeBufferPointer { iwt in
        graph.offsets.withUnsafeBufferPointer { off in
        graph.neighbors.withUnsafeBufferPointer { nbr in
        graph.weights.withUnsafeBufferPointer { wt in
        wdist.withUnsafeMutableBufferPointer { d in
        dist.withUnsafeMutableBufferPointer { rank in
        sigma.withUnsafeMutableBufferPointer { sigma in
        coef.withUnsafeMutableBufferPointer { coef in
        order.withUnsafeMutableBufferPointer { order in
            sigma[s] = 1
            for i in 1..<max(1, settled) {
                let w = Int(order[i]); let rw = rank[w]; let dw = d[w]
                var sg = 0.0
                for p in Int(ioff[w])..<Int(ioff[w + 1]) {
                    let u = Int(inbr[p])
                    let ru = rank[u]
                    if ru >= 0 && ru < rw && pathLengthsTie(d[u] + 1 / iwt[p], dw) { sg += sigma[u] }
                }
                sigma[w] = sg
            }
            var i = settled - 1
            while i > 0 {
                let v = Int(order[i]); i -= 1
                let rv = rank[v]; let dv = d[v]
                var sum = 0.0
                for p in Int(off[v])..<Int(off[v + 1]) {
                    let w = Int(nbr[p])
                    let rw = rank[w]
                    if rw > rv && pathLengthsTie(dv + 1 / wt[p], d[w]) { sum += coef[w] }
                }
                let sv = sigma[v]
                let delta = sv * sum
                acc[v] += delta
                coef[v] = (1 + delta) / sv
            }
            for j in 0..<settled { let v = Int(order[j]); rank[v] = -1; d[v] = .infinity; coef[v] = 0 }
        }}}}}}}}}}}
        // nodes pushed but never settled cannot exist (all reached nodes settle)
    }
}

/// igraph's `igraph_cmp_epsilon(a, b, 1e-10) == 0`: equal, or differing by
/// less than 1e-10 of `|a| + |b|`.
@inline(__always)
func pathLengthsTie(_ a: Double, _ b: Double) -> Bool {
    if a == b { return true }
    let sum = abs(a) + abs(b)
    if !sum.isFinite { return false }
    return abs(a - b) < 1e-10 * sum
}

/// A binary min-heap of `(key, node)` with lazy deletion (stale entries are
/// skipped by the caller).
struct BinaryHeap {
    private var keys: [Double] = []
    private var nodes: [Int32] = []

    mutating func clear() { keys.removeAll(keepingCapacity: true); nodes.removeAll(keepingCapacity: true) }
    var isEmpty: Bool { keys.isEmpty }

    mutating func push(_ key: Double, _ node: Int32) {
        keys.append(key); nodes.append(node)
        var i = keys.count - 1
        while i > 0 {
            let parent = (i - 1) >> 1
            if keys[parent] <= key { break }
            keys[i] = keys[parent]; nodes[i] = nodes[parent]
            i = parent
        }
        keys[i] = key; nodes[i] = node
    }

    mutating func pop() -> (Double, Int32)? {
        guard let topKey = keys.first else { return nil }
        let topNode = nodes[0]
        let lastKey = keys.removeLast(), lastNode = nodes.removeLast()
        let count = keys.count
        if count > 0 {
            var i = 0
            while true {
                var c = 2 * i + 1
                if c >= count { break }
                if c + 1 < count && keys[c + 1] < keys[c] { c += 1 }
                if keys[c] >= lastKey { break }
                keys[i] = keys[c]; nodes[i] = nodes[c]
                i = c
            }
            keys[i] = lastKey; nodes[i] = lastNode
        }
        return (topKey, topNode)
    }
}
