extension CSRGraph {
    /// Eigenvector centrality by power iteration on `A + I`, as NetworkX
    /// `eigenvector_centrality`.
    ///
    /// Starting from `x = 1/n`, each step sets `x'(v) = x(v) + Σ_{u → v}
    /// w(u, v) x(u)` (in-arcs when directed, so the left eigenvector) and
    /// rescales `x'` to unit Euclidean length; it stops when
    /// `Σ |x' − x| < n · tolerance`. Adding `I` shifts every eigenvalue by 1
    /// without changing eigenvectors, so bipartite graphs converge too.
    /// The result has unit Euclidean length.
    ///
    /// Reference: P. Bonacich, "Power and centrality: a family of measures",
    /// Am. J. Sociol. 92 (1987); M. Newman, *Networks* (2010), §7.2.
    ///
    /// - Parameters:
    ///   - weighted: use edge weights as strengths (`weight="weight"`).
    ///   - maxIterations: NetworkX's `max_iter` (default 100).
    ///   - tolerance: NetworkX's `tol` (default 1e-6).
    /// - Throws: `AnalysisError.didNotConverge` after `maxIterations`.
    /// - Complexity: O((n + m) · iterations).
    public func eigenvectorCentrality(weighted: Bool = false, maxIterations: Int = 100,
                                      tolerance: Double = 1e-6) throws -> [Double] {
        let n = nodeCount
        if n == 0 { return [] }
        var x = [Double](repeating: 1 / Double(n), count: n)
        var next = [Double](repeating: 0, count: n)
        for _ in 0..<maxIterations {
            inOffsets.withUnsafeBufferPointer { off in
            inNeighbors.withUnsafeBufferPointer { nbr in
            inWeights.withUnsafeBufferPointer { wt in
                for v in 0..<n {
                    var s = x[v]
                    for p in Int(off[v])..<Int(off[v + 1]) {
                        s += weighted ? x[Int(nbr[p])] * wt[p] : x[Int(nbr[p])]
                    }
                    next[v] = s
                }
            }}}
            var norm = 0.0
            for v in 0..<n { norm += next[v] * next[v] }
            norm = norm.squareRoot()
            if norm == 0 { norm = 1 }
            var err = 0.0
            for v in 0..<n {
                next[v] /= norm
                err += abs(next[v] - x[v])
            }
            swap(&x, &next)
            if err < Double(n) * tolerance { return x }
        }
        throw AnalysisError.didNotConverge(algorithm: "eigenvector centrality", iterations: maxIterations,
                                           tolerance: tolerance)
    }
}
