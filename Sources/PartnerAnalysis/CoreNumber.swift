extension CSRGraph {
    /// The core number of every node: the largest k such that the node
    /// belongs to the k-core (the maximal subgraph with minimum degree k), as
    /// NetworkX `core_number`. Directed graphs use in + out degree and treat
    /// arcs as undirected, as NetworkX does.
    ///
    /// Reference: V. Batagelj & M. Zaveršnik, "An O(m) algorithm for cores
    /// decomposition of networks" (2003), implemented with bin sort.
    /// - Complexity: O(n + m).
    public func coreNumbers() -> [Int] {
        let n = nodeCount
        if n == 0 { return [] }
        var deg = [Int](repeating: 0, count: n)
        for v in 0..<n { deg[v] = isDirected ? outDegree(v) + inDegree(v) : outDegree(v) }
        let maxDeg = deg.max() ?? 0
        var bin = [Int](repeating: 0, count: maxDeg + 2)
        for d in deg { bin[d] += 1 }
        var start = 0
        for d in 0...maxDeg { let c = bin[d]; bin[d] = start; start += c }
        var pos = [Int](repeating: 0, count: n)
        var vert = [Int](repeating: 0, count: n)
        for v in 0..<n { pos[v] = bin[deg[v]]; vert[pos[v]] = v; bin[deg[v]] += 1 }
        for d in stride(from: maxDeg, to: 0, by: -1) { bin[d] = bin[d - 1] }
        bin[0] = 0
        func relax(_ v: Int, _ u: Int) {
            if deg[u] > deg[v] {
                let du = deg[u], pu = pos[u], pw = bin[du], w = vert[pw]
                if u != w { pos[u] = pw; vert[pu] = w; pos[w] = pu; vert[pw] = u }
                bin[du] += 1
                deg[u] -= 1
            }
        }
        for i in 0..<n {
            let v = vert[i]
            for p in Int(offsets[v])..<Int(offsets[v + 1]) { relax(v, Int(neighbors[p])) }
            if isDirected { for p in Int(inOffsets[v])..<Int(inOffsets[v + 1]) { relax(v, Int(inNeighbors[p])) } }
        }
        return deg
    }
}
