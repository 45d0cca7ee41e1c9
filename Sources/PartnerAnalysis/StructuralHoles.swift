extension CSRGraph {
    /// Burt's network constraint, as NetworkX `constraint` (undirected).
    ///
    /// `c(u) = Σ_{v ∈ N(u)} (p_uv + Σ_{w ∈ N(u)} p_uw p_wv)²` with the
    /// proportional tie strength `p_uv = w(u, v) / Σ_x w(u, x)` (weight 1 per
    /// edge when unweighted; NetworkX's mutual weight a_uv + a_vu is 2w for an
    /// undirected edge, which cancels). `nil` for isolated nodes (NetworkX
    /// gives NaN).
    ///
    /// Reference: R. S. Burt, *Structural Holes: The Social Structure of
    /// Competition* (1992); Burt, "Structural holes and good ideas", Am. J.
    /// Sociol. 110 (2004).
    /// - Parameter weighted: use edge weights as tie strengths.
    /// - Throws: `AnalysisError.requiresUndirected` for directed graphs.
    /// - Complexity: O(Σ_{{u,v} ∈ E} min(deg u · log deg v, deg v)) time — each
    ///   common-neighbour sum scans the smaller row and binary-searches the
    ///   larger — and O(n + m) memory.
    public func constraint(weighted: Bool = false) throws -> [Double?] {
        try requireUndirected("Burt constraint")
        let n = nodeCount
        let s = tieStrengthTotals(weighted: weighted)
        // a[p] for arc u→x at position p: p_ux = w(u,x) / s(u); b[p] = p_xu = w / s(x)
        var a = [Double](repeating: 0, count: neighbors.count)
        var b = [Double](repeating: 0, count: neighbors.count)
        for u in 0..<n {
            for p in Int(offsets[u])..<Int(offsets[u + 1]) {
                let w = weighted ? weights[p] : 1
                a[p] = w / s[u]
                b[p] = w / s[Int(neighbors[p])]
            }
        }
        var result = [Double?](repeating: nil, count: n)
        var scratch = [Double](repeating: 0, count: n)
        for u in 0..<n {
            let lo = Int(offsets[u]), hi = Int(offsets[u + 1])
            if lo == hi { continue }
            for p in lo..<hi { scratch[Int(neighbors[p])] = a[p] }
            var c = 0.0
            for p in lo..<hi {
                let v = Int(neighbors[p])
                // Σ_{w ∈ N(u) ∩ N(v)} p_uw · p_wv, where p_wv = b at arc v→w
                let indirect = commonNeighbourSum(u: u, v: v, scratch: scratch, outer: a, inner: b)
                let t = a[p] + indirect
                c += t * t
            }
            for p in lo..<hi { scratch[Int(neighbors[p])] = 0 }
            result[u] = c
        }
        return result
    }

    /// Burt's effective size, as NetworkX `effective_size` (undirected).
    ///
    /// `e(u) = Σ_{v ∈ N(u)} (1 − Σ_{w ∈ N(u)} p_uw m_vw)` with `p_uw` as in
    /// `constraint` and `m_vw = w(v, w) / max_x w(v, x)`. Unweighted this is
    /// `deg(u) − 2 t(u) / deg(u)`, `t(u)` the number of ties among u's
    /// neighbours (Borgatti's simplification, which NetworkX uses). `nil` for
    /// isolated nodes.
    ///
    /// Reference: R. S. Burt, *Structural Holes* (1992); S. P. Borgatti,
    /// "Structural holes: unpacking Burt's redundancy measures", Connections
    /// 20 (1997).
    /// - Parameter weighted: use edge weights as tie strengths.
    /// - Throws: `AnalysisError.requiresUndirected` for directed graphs.
    /// - Complexity: as `constraint`.
    public func effectiveSize(weighted: Bool = false) throws -> [Double?] {
        try requireUndirected("effective size")
        let n = nodeCount
        let s = tieStrengthTotals(weighted: weighted)
        var maxW = [Double](repeating: 0, count: n)
        for v in 0..<n {
            var mw = 0.0
            for p in Int(offsets[v])..<Int(offsets[v + 1]) { mw = max(mw, weighted ? weights[p] : 1) }
            maxW[v] = mw
        }
        // a[p] for arc u→w: p_uw; b[p] for arc v→w: m_vw
        var a = [Double](repeating: 0, count: neighbors.count)
        var b = [Double](repeating: 0, count: neighbors.count)
        for u in 0..<n {
            for p in Int(offsets[u])..<Int(offsets[u + 1]) {
                let w = weighted ? weights[p] : 1
                a[p] = w / s[u]
                b[p] = w / maxW[u]
            }
        }
        var result = [Double?](repeating: nil, count: n)
        var scratch = [Double](repeating: 0, count: n)
        for u in 0..<n {
            let lo = Int(offsets[u]), hi = Int(offsets[u + 1])
            if lo == hi { continue }
            if !weighted {
                // d − 2t/d with t counted as ordered neighbour pairs / 2
                for p in lo..<hi { scratch[Int(neighbors[p])] = 1 }
                var links = 0.0
                for p in lo..<hi {
                    links += commonNeighbourSum(u: u, v: Int(neighbors[p]), scratch: scratch, outer: a, inner: b,
                                                countOnly: true)
                }
                for p in lo..<hi { scratch[Int(neighbors[p])] = 0 }
                let d = Double(hi - lo)
                result[u] = d - links / d
                continue
            }
            for p in lo..<hi { scratch[Int(neighbors[p])] = a[p] }
            var e = 0.0
            for p in lo..<hi {
                let v = Int(neighbors[p])
                e += 1 - commonNeighbourSum(u: u, v: v, scratch: scratch, outer: a, inner: b)
            }
            for p in lo..<hi { scratch[Int(neighbors[p])] = 0 }
            result[u] = e
        }
        return result
    }

    /// Σ_{x ∈ N(u) ∩ N(v)} outer[u→x] · inner[v→x] (or the count of common
    /// neighbours with `countOnly`). `scratch[x]` holds outer[u→x] for x in
    /// N(u) and 0 elsewhere. Scans N(v) when it is short, else walks N(u)
    /// and binary-searches each x in N(v).
    @inline(__always)
    private func commonNeighbourSum(u: Int, v: Int, scratch: [Double], outer: [Double], inner: [Double],
                                    countOnly: Bool = false) -> Double {
        let ulo = Int(offsets[u]), uhi = Int(offsets[u + 1])
        let vlo = Int(offsets[v]), vhi = Int(offsets[v + 1])
        let du = uhi - ulo, dv = vhi - vlo
        var sum = 0.0
        if dv <= 8 * du {
            for q in vlo..<vhi {
                let x = scratch[Int(neighbors[q])]
                if x != 0 { sum += countOnly ? 1 : x * inner[q] }
            }
        } else {
            for p in ulo..<uhi {
                let x = neighbors[p]
                var lo = vlo, hi = vhi
                while lo < hi {
                    let mid = (lo + hi) >> 1
                    if neighbors[mid] < x { lo = mid + 1 } else { hi = mid }
                }
                if lo < vhi && neighbors[lo] == x { sum += countOnly ? 1 : outer[p] * inner[lo] }
            }
        }
        return sum
    }

    /// Σ_x w(u, x) per node (the degree when unweighted).
    private func tieStrengthTotals(weighted: Bool) -> [Double] {
        weighted ? strengths() : (0..<nodeCount).map { Double(outDegree($0)) }
    }
}
