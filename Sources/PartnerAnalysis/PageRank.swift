extension CSRGraph {
    /// PageRank, as NetworkX `pagerank` (no personalisation; igraph
    /// `pagerank` with PRPACK gives the same values, solved exactly).
    ///
    /// `x'(v) = α (Σ_{u → v} x(u) w(u, v) / s(u) + D / n) + (1 − α) / n`,
    /// with `s(u)` the out-strength (out-degree unweighted) and `D` the total
    /// score on dangling nodes (no out-arcs), which is spread uniformly.
    /// Undirected edges count in both directions. Starts from `x = 1/n` and
    /// stops when `Σ |x' − x| < n · tolerance`; the scores sum to 1. The error
    /// shrinks by at least α per step, so the default tolerance takes about
    /// 170 steps at most.
    ///
    /// Reference: S. Brin & L. Page, "The anatomy of a large-scale
    /// hypertextual web search engine", Computer Networks 30 (1998).
    ///
    /// - Parameters:
    ///   - alpha: damping factor (0.85).
    ///   - weighted: use edge weights (`weight="weight"`); otherwise every
    ///     edge counts 1.
    ///   - tolerance: NetworkX's `tol` (here ``CSRGraph/defaultTolerance``,
    ///     1e-12; NetworkX's is 1e-6).
    ///   - maxIterations: NetworkX's `max_iter` (here 1,000; NetworkX's is 100).
    ///   - threads: worker threads for the sweep; 0 = all cores from 50,000
    ///     nodes up, one below. The result does not depend on the count
    ///     except for the last bits of the convergence test's sum.
    /// - Throws: `AnalysisError.didNotConverge` after `maxIterations`.
    /// - Complexity: O((n + m) · iterations).
    public func pageRank(alpha: Double = 0.85, weighted: Bool = false, tolerance: Double = CSRGraph.defaultTolerance,
                         maxIterations: Int = 1000, threads: Int = 0) throws -> [Double] {
        let n = nodeCount
        if n == 0 { return [] }
        // 1 / out-strength (out-degree unweighted), 0 for dangling nodes
        var inverseStrength = [Double](repeating: 0, count: n)
        for u in 0..<n {
            var s = 0.0
            if weighted {
                for p in Int(offsets[u])..<Int(offsets[u + 1]) { s += weights[p] }
            } else {
                s = Double(offsets[u + 1] - offsets[u])
            }
            inverseStrength[u] = s == 0 ? 0 : 1 / s
        }
        let invN = 1 / Double(n)
        // x and y = x / s for the current and the next iterate, swapped each step
        let buffers = UnsafeSendable(UnsafeMutableBufferPointer<Double>.allocate(capacity: 4 * n))
        defer { buffers.value.deallocate() }
        // automatic: several threads only where a sweep is long enough to pay
        let t = threads == 0 && n < 50_000 ? 1 : resolvedThreadCount(threads, work: n)
        // per thread: L1 change, dangling mass of the new iterate
        let partial = UnsafeSendable(UnsafeMutableBufferPointer<Double>.allocate(capacity: 2 * t))
        defer { partial.value.deallocate() }
        var dangling = 0.0
        for v in 0..<n {
            buffers.value[v] = invN
            buffers.value[n + v] = invN * inverseStrength[v]
            if inverseStrength[v] == 0 { dangling += invN }
        }
        var current = 0   // x at current * 2n, y right after it
        let graph = self
        for _ in 0..<maxIterations {
            let base = alpha * dangling * invN + (1 - alpha) * invN
            let cur = current
            inverseStrength.withUnsafeBufferPointer { invS in
                let invS = UnsafeSendable(invS)
                runParallel(threads: t) { tid in
                    let lo = n * tid / t, hi = n * (tid + 1) / t
                    let b = buffers.value.baseAddress!
                    let x = b + cur * 2 * n, y = x + n
                    let nx = b + (1 - cur) * 2 * n, ny = nx + n
                    var err = 0.0, dang = 0.0
                    graph.inOffsets.withUnsafeBufferPointer { off in
                    graph.inNeighbors.withUnsafeBufferPointer { nbr in
                    graph.inWeights.withUnsafeBufferPointer { wt in
                        for v in lo..<hi {
                            var s = 0.0
                            var p = Int(off[v]); let e = Int(off[v + 1])
                            if weighted {
                                while p < e { s += y[Int(nbr[p])] * wt[p]; p += 1 }
                            } else {
                                while p < e { s += y[Int(nbr[p])]; p += 1 }
                            }
                            let xv = alpha * s + base
                            nx[v] = xv
                            let iv = invS.value[v]
                            ny[v] = xv * iv
                            if iv == 0 { dang += xv }
                            err += abs(xv - x[v])
                        }
                    }}}
                    partial.value[2 * tid] = err
                    partial.value[2 * tid + 1] = dang
                }
            }
            var err = 0.0
            dangling = 0
            for tid in 0..<t { err += partial.value[2 * tid]; dangling += partial.value[2 * tid + 1] }
            current = 1 - current
            if err < Double(n) * tolerance {
                return Array(UnsafeBufferPointer(rebasing: buffers.value[(current * 2 * n)..<(current * 2 * n + n)]))
            }
        }
        throw AnalysisError.didNotConverge(algorithm: "PageRank", iterations: maxIterations, tolerance: tolerance)
    }
}
