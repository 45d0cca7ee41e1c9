extension CSRGraph {
    /// PageRank, as NetworkX `pagerank` (no personalisation).
    ///
    /// `x'(v) = α (Σ_{u → v} x(u) w(u, v) / s(u) + D / n) + (1 − α) / n`,
    /// with `s(u)` the out-strength (out-degree unweighted) and `D` the total
    /// score on dangling nodes (no out-arcs), which is spread uniformly.
    /// Undirected edges count in both directions. Starts from `x = 1/n` and
    /// stops when `Σ |x' − x| < n · tolerance`; the scores sum to 1.
    ///
    /// Reference: S. Brin & L. Page, "The anatomy of a large-scale
    /// hypertextual web search engine", Computer Networks 30 (1998).
    ///
    /// - Parameters:
    ///   - alpha: damping factor (0.85).
    ///   - weighted: use edge weights (`weight="weight"`); otherwise every
    ///     edge counts 1.
    ///   - tolerance: NetworkX's `tol` (default 1e-6).
    ///   - maxIterations: NetworkX's `max_iter` (default 100).
    ///   - threads: worker threads for the sweep, 0 for all cores.
    /// - Throws: `AnalysisError.didNotConverge` after `maxIterations`.
    /// - Complexity: O((n + m) · iterations).
    public func pageRank(alpha: Double = 0.85, weighted: Bool = false, tolerance: Double = 1e-6,
                         maxIterations: Int = 100, threads: Int = 0) throws -> [Double] {
        let n = nodeCount
        if n == 0 { return [] }
        // out-strength of every node
        var outStrength = [Double](repeating: 0, count: n)
        for u in 0..<n {
            if weighted {
                var s = 0.0
                for p in Int(offsets[u])..<Int(offsets[u + 1]) { s += weights[p] }
                outStrength[u] = s
            } else {
                outStrength[u] = Double(offsets[u + 1] - offsets[u])
            }
        }
        let invN = 1 / Double(n)
        let x = UnsafeSendable(UnsafeMutableBufferPointer<Double>.allocate(capacity: n))
        let y = UnsafeSendable(UnsafeMutableBufferPointer<Double>.allocate(capacity: n))  // x / s
        let next = UnsafeSendable(UnsafeMutableBufferPointer<Double>.allocate(capacity: n))
        defer { x.value.deallocate(); y.value.deallocate(); next.value.deallocate() }
        x.value.initialize(repeating: invN)
        let t = resolvedThreadCount(threads, work: n >= 50_000 ? 2 : 1)
        let errs = UnsafeSendable(UnsafeMutableBufferPointer<Double>.allocate(capacity: t))
        defer { errs.value.deallocate() }
        let graph = self
        for _ in 0..<maxIterations {
            var dangling = 0.0
            for u in 0..<n {
                let s = outStrength[u]
                if s == 0 { dangling += x.value[u]; y.value[u] = 0 } else { y.value[u] = x.value[u] / s }
            }
            let base = alpha * dangling * invN + (1 - alpha) * invN
            runParallel(threads: t) { tid in
                let lo = n * tid / t, hi = n * (tid + 1) / t
                var err = 0.0
                graph.inOffsets.withUnsafeBufferPointer { off in
                graph.inNeighbors.withUnsafeBufferPointer { nbr in
                graph.inWeights.withUnsafeBufferPointer { wt in
                    let yv = y.value, xv = x.value, nx = next.value
                    for v in lo..<hi {
                        var s = 0.0
                        var p = Int(off[v]); let e = Int(off[v + 1])
                        if weighted {
                            while p < e { s += yv[Int(nbr[p])] * wt[p]; p += 1 }
                        } else {
                            while p < e { s += yv[Int(nbr[p])]; p += 1 }
                        }
                        let nv = alpha * s + base
                        nx[v] = nv
                        err += abs(nv - xv[v])
                    }
                }}}
                errs.value[tid] = err
            }
            var err = 0.0
            for tid in 0..<t { err += errs.value[tid] }
            for v in 0..<n { x.value[v] = next.value[v] }
            if err < Double(n) * tolerance { return Array(x.value) }
        }
        throw AnalysisError.didNotConverge(algorithm: "PageRank", iterations: maxIterations, tolerance: tolerance)
    }
}
