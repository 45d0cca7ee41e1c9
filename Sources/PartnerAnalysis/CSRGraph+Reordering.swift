extension CSRGraph {
    /// A node order that keeps neighbours close in memory: breadth-first
    /// search from the highest-degree node of each component (components in
    /// order of their smallest node), visiting neighbours in ascending index
    /// order; a Cuthill–McKee-style order without the degree sort.
    ///
    /// Reference: E. Cuthill & J. McKee, "Reducing the bandwidth of sparse
    /// symmetric matrices", Proc. ACM National Conference (1969).
    /// - Returns: `order[newIndex] = oldIndex`.
    /// - Complexity: O(n + m).
    func localityOrder() -> [Int32] {
        let n = nodeCount
        let label = connectedComponents()
        let count = (label.max() ?? -1) + 1
        var start = [Int](repeating: -1, count: count)
        for v in 0..<n {
            let c = label[v]
            if start[c] < 0 || degree(v) > degree(start[c]) { start[c] = v }
        }
        var seen = [Bool](repeating: false, count: n)
        var order = [Int32](); order.reserveCapacity(n)
        for c in 0..<count {
            let s = start[c]
            seen[s] = true; order.append(Int32(s))
            var head = order.count - 1
            while head < order.count {
                let v = Int(order[head]); head += 1
                for p in Int(offsets[v])..<Int(offsets[v + 1]) {
                    let w = Int(neighbors[p])
                    if !seen[w] { seen[w] = true; order.append(Int32(w)) }
                }
                if isDirected {
                    for p in Int(inOffsets[v])..<Int(inOffsets[v + 1]) {
                        let w = Int(inNeighbors[p])
                        if !seen[w] { seen[w] = true; order.append(Int32(w)) }
                    }
                }
            }
        }
        return order
    }

    private func degree(_ v: Int) -> Int { isDirected ? outDegree(v) + inDegree(v) : outDegree(v) }

    /// The same graph with node `order[i]` renamed `i`. With `sortRows`
    /// each row is re-sorted (needed by `position(of:inRowOf:)`); without,
    /// rows keep their old neighbour order, which the sweeps that use the
    /// renumbered copy do not care about.
    /// - Complexity: O(n + m) unsorted, O(n + m log d) sorted (d = max degree).
    func renumbered(by order: [Int32], sortRows: Bool = false) -> CSRGraph {
        let n = nodeCount
        var newIndex = [Int32](repeating: 0, count: n)
        for (i, v) in order.enumerated() { newIndex[Int(v)] = Int32(i) }
        func rows(_ off: [Int32], _ nbr: [Int32], _ wt: [Double]) -> ([Int32], [Int32], [Double]) {
            var o = [Int32](repeating: 0, count: n + 1)
            var nb = [Int32](repeating: 0, count: nbr.count)
            var ws = [Double](repeating: 0, count: nbr.count)
            var pairs = [(Int32, Double)]()
            for i in 0..<n {
                let v = Int(order[i])
                let lo = Int(off[v]), hi = Int(off[v + 1])
                let base = Int(o[i])
                if sortRows {
                    pairs.removeAll(keepingCapacity: true)
                    for p in lo..<hi { pairs.append((newIndex[Int(nbr[p])], wt[p])) }
                    pairs.sort { $0.0 < $1.0 }
                    for (j, pw) in pairs.enumerated() { nb[base + j] = pw.0; ws[base + j] = pw.1 }
                } else {
                    for p in lo..<hi { nb[base + p - lo] = newIndex[Int(nbr[p])]; ws[base + p - lo] = wt[p] }
                }
                o[i + 1] = o[i] + Int32(hi - lo)
            }
            return (o, nb, ws)
        }
        let out = rows(offsets, neighbors, weights)
        if !isDirected {
            return CSRGraph(nodeCount: n, isDirected: false, out: out, in: out)
        }
        return CSRGraph(nodeCount: n, isDirected: true, out: out, in: rows(inOffsets, inNeighbors, inWeights))
    }
}
