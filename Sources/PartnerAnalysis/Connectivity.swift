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
        let forest = lowLinkForest()
        var isCut = [Bool](repeating: false, count: nodeCount)
        var rootChildren = [Int](repeating: 0, count: nodeCount)
        for child in 0..<nodeCount {
            let parent = Int(forest.parent[child])
            guard parent >= 0 else { continue }
            if forest.parent[parent] < 0 {
                rootChildren[parent] += 1
            } else if forest.separates(child: child) {
                isCut[parent] = true
            }
        }
        for root in 0..<nodeCount where forest.parent[root] < 0 && rootChildren[root] > 1 { isCut[root] = true }
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
        let forest = lowLinkForest()
        var result = [(Int, Int)]()
        for child in 0..<nodeCount where forest.isBridge(child: child) {
            let parent = Int(forest.parent[child])
            result.append((min(parent, child), max(parent, child)))
        }
        result.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        return result
    }

    /// The depth-first forest of an undirected graph with discovery times,
    /// low links and subtree sizes (Tarjan): the one search behind
    /// articulation points, bridges and the gap finder's single brokers.
    /// Iterative (no recursion limit).
    /// - Parameter first: nodes to start trees from before the others, in
    ///   order (e.g. the focal partner, so its component is searched from it).
    /// - Complexity: O(n + m).
    public func lowLinkForest(startingAt first: [Int] = []) -> LowLinkForest {
        let n = nodeCount
        var disc = [Int32](repeating: -1, count: n)
        var low = [Int32](repeating: 0, count: n)
        var parent = [Int32](repeating: -1, count: n)
        var cursor = [Int32](repeating: 0, count: n)
        var size = [Int32](repeating: 1, count: n)
        var rootOf = [Int32](repeating: -1, count: n)
        var preorder: [Int32] = []
        preorder.reserveCapacity(n)
        var stack = [Int32]()
        var time: Int32 = 0
        for root in first + Array(0..<n) where disc[root] < 0 {
            disc[root] = time; low[root] = time; time += 1
            cursor[root] = offsets[root]
            rootOf[root] = Int32(root)
            preorder.append(Int32(root))
            stack.append(Int32(root))
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
                        rootOf[w] = Int32(root)
                        preorder.append(Int32(w))
                        stack.append(Int32(w))
                    } else if w != Int(parent[v]) {
                        low[v] = min(low[v], disc[w])
                    }
                } else {
                    stack.removeLast()
                    let p = Int(parent[v])
                    if p >= 0 {
                        low[p] = min(low[p], low[v])
                        size[p] += size[v]
                    }
                }
            }
        }
        return LowLinkForest(discovery: disc, low: low, parent: parent, subtreeSize: size, root: rootOf, preorder: preorder)
    }
}

/// A depth-first forest with Tarjan's low links (``CSRGraph/lowLinkForest(startingAt:)``);
/// arrays are indexed by node.
public struct LowLinkForest: Sendable {
    /// Discovery time of each node.
    public let discovery: [Int32]
    /// The smallest discovery time reachable from the node's subtree by one back edge.
    public let low: [Int32]
    /// Tree parent; -1 for the root of a tree.
    public let parent: [Int32]
    /// Nodes in the node's subtree, itself included (a root's: its component's size).
    public let subtreeSize: [Int32]
    /// The root of the node's tree.
    public let root: [Int32]
    /// Nodes in discovery order.
    public let preorder: [Int32]

    /// Whether the tree edge parent – `child` is a bridge (`low[child] > disc[parent]`).
    public func isBridge(child: Int) -> Bool {
        let p = Int(parent[child])
        return p >= 0 && low[child] > discovery[p]
    }

    /// Whether removing `child`'s parent cuts `child`'s subtree off from the
    /// parent's own ancestors (`low[child] ≥ disc[parent]`; for a non-root
    /// parent, Tarjan's articulation-point condition).
    public func separates(child: Int) -> Bool {
        let p = Int(parent[child])
        return p >= 0 && low[child] >= discovery[p]
    }
}
