extension CSRGraph {
    /// The nodes within `radius` steps of `start` (itself included), in
    /// ascending order: NetworkX `ego_graph(G, n, radius)`'s nodes.
    /// - Complexity: O(n + m) breadth-first search.
    public func nodes(within radius: Int, of start: Int) -> [Int] {
        var distance = [Int](repeating: -1, count: nodeCount)
        distance[start] = 0
        var frontier = [start]
        var steps = 0
        while !frontier.isEmpty && steps < radius {
            steps += 1
            var next: [Int] = []
            for v in frontier {
                for w in neighbors(of: v) where distance[Int(w)] < 0 {
                    distance[Int(w)] = steps
                    next.append(Int(w))
                }
            }
            frontier = next
        }
        return distance.indices.filter { distance[$0] >= 0 }
    }

    /// Connected components (weakly connected when directed), as a label per
    /// node. Components are numbered 0, 1, … in order of their smallest node
    /// index, so the numbering is deterministic.
    ///
    /// - Returns: `label[v]`, the component of `v`; the count is
    ///   `(label.max() ?? -1) + 1`.
    /// - Complexity: O(n + m) time and memory (breadth-first search).
    public func connectedComponents() -> [Int] {
        let n = nodeCount
        var label = [Int](repeating: -1, count: n)
        var queue = [Int32](repeating: 0, count: n)
        var next = 0
        for s in 0..<n where label[s] < 0 {
            label[s] = next
            queue[0] = Int32(s)
            var head = 0, tail = 1
            while head < tail {
                let v = Int(queue[head]); head += 1
                for p in Int(offsets[v])..<Int(offsets[v + 1]) {
                    let w = Int(neighbors[p])
                    if label[w] < 0 { label[w] = next; queue[tail] = Int32(w); tail += 1 }
                }
                if isDirected {
                    for p in Int(inOffsets[v])..<Int(inOffsets[v + 1]) {
                        let w = Int(inNeighbors[p])
                        if label[w] < 0 { label[w] = next; queue[tail] = Int32(w); tail += 1 }
                    }
                }
            }
            next += 1
        }
        return label
    }

    /// Articulation points (cut vertices): nodes whose removal increases the
    /// number of connected components, as NetworkX `articulation_points`.
    ///
    /// Reference: R. E. Tarjan, "Depth-first search and linear graph
    /// algorithms", SIAM J. Comput. 1 (1972); J. Hopcroft & R. Tarjan,
    /// "Algorithm 447", CACM 16 (1973). Iterative DFS (no recursion limit).
    /// - Returns: node indices, ascending.
    /// - Throws: `AnalysisError.requiresUndirected` for directed graphs.
    /// - Complexity: O(n + m).
    public func articulationPoints() throws -> [Int] {
        try requireUndirected("articulation points")
        var isCut = [Bool](repeating: false, count: nodeCount)
        lowLinkSearch(onTreeEdge: { parent, _, lowChild, discParent, isRoot in
            if !isRoot && lowChild >= discParent { isCut[parent] = true }
        }, onRoot: { root, children in
            if children > 1 { isCut[root] = true }
        })
        return (0..<nodeCount).filter { isCut[$0] }
    }

    /// Bridges: edges whose removal increases the number of connected
    /// components, as NetworkX `bridges`.
    ///
    /// Reference: R. E. Tarjan, "A note on finding the bridges of a graph",
    /// Inf. Process. Lett. 2 (1974).
    /// - Returns: pairs `(u, v)` with `u < v`, sorted.
    /// - Throws: `AnalysisError.requiresUndirected` for directed graphs.
    /// - Complexity: O(n + m).
    public func bridges() throws -> [(Int, Int)] {
        try requireUndirected("bridges")
        var result = [(Int, Int)]()
        lowLinkSearch(onTreeEdge: { parent, child, lowChild, discParent, _ in
            if lowChild > discParent { result.append((min(parent, child), max(parent, child))) }
        }, onRoot: { _, _ in })
        result.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        return result
    }

    /// Iterative DFS computing discovery times and low links; calls
    /// `onTreeEdge(parent, child, low[child], disc[parent], parentIsRoot)` when `child`
    /// finishes and `onRoot(root, treeChildren)` when a tree finishes.
    private func lowLinkSearch(onTreeEdge: (Int, Int, Int32, Int32, Bool) -> Void,
                               onRoot: (Int, Int) -> Void) {
        let n = nodeCount
        var disc = [Int32](repeating: -1, count: n)
        var low = [Int32](repeating: 0, count: n)
        var parent = [Int32](repeating: -1, count: n)
        var cursor = [Int32](repeating: 0, count: n)
        var stack = [Int32]()
        var time: Int32 = 0
        for root in 0..<n where disc[root] < 0 {
            disc[root] = time; low[root] = time; time += 1
            cursor[root] = offsets[root]
            stack.append(Int32(root))
            var rootChildren = 0
            while let top = stack.last {
                let v = Int(top)
                let c = Int(cursor[v])
                if c < Int(offsets[v + 1]) {
                    cursor[v] += 1
                    let w = Int(neighbors[c])
                    if disc[w] < 0 {
                        parent[w] = Int32(v)
                        disc[w] = time; low[w] = time; time += 1
                        cursor[w] = offsets[w]
                        stack.append(Int32(w))
                        if v == root { rootChildren += 1 }
                    } else if w != Int(parent[v]) {
                        low[v] = min(low[v], disc[w])
                    }
                } else {
                    stack.removeLast()
                    let p = Int(parent[v])
                    if p >= 0 {
                        low[p] = min(low[p], low[v])
                        onTreeEdge(p, v, low[v], disc[p], p == root)
                    }
                }
            }
            onRoot(root, rootChildren)
        }
    }
}
