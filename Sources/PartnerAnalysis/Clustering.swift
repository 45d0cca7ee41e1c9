extension CSRGraph {
    /// Local clustering coefficient `c(v) = 2 T(v) / (deg(v) (deg(v) − 1))`,
    /// where `T(v)` is the number of triangles through `v`; 0 when
    /// `deg(v) < 2`. Unweighted, undirected, as NetworkX `clustering`.
    ///
    /// Reference: D. J. Watts & S. H. Strogatz, "Collective dynamics of
    /// 'small-world' networks", Nature 393 (1998).
    /// - Throws: `AnalysisError.requiresUndirected` for directed graphs.
    /// - Complexity: O(Σ_v Σ_{u ∈ N(v)} deg(u)) time, O(n) memory.
    public func clustering() throws -> [Double] {
        try requireUndirected("local clustering")
        let n = nodeCount
        var mark = [Int32](repeating: -1, count: n)
        var c = [Double](repeating: 0, count: n)
        for v in 0..<n {
            let d = outDegree(v)
            if d < 2 { continue }
            let lo = Int(offsets[v]), hi = Int(offsets[v + 1])
            for p in lo..<hi { mark[Int(neighbors[p])] = Int32(v) }
            var links = 0
            for p in lo..<hi {
                let u = Int(neighbors[p])
                for q in Int(offsets[u])..<Int(offsets[u + 1]) where mark[Int(neighbors[q])] == Int32(v) { links += 1 }
            }
            // each triangle edge among neighbours was seen from both ends
            c[v] = Double(links) / Double(d * (d - 1))
        }
        return c
    }
}
