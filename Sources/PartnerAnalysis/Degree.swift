extension CSRGraph {
    /// The degree of every node: number of neighbours (undirected), or
    /// in-degree + out-degree (directed, as NetworkX's `DiGraph.degree`).
    /// - Complexity: O(n).
    public func degrees() -> [Int] {
        (0..<nodeCount).map { isDirected ? outDegree($0) + inDegree($0) : outDegree($0) }
    }

    /// Out-degree of every node (the degree when undirected).
    /// - Complexity: O(n).
    public func outDegrees() -> [Int] { (0..<nodeCount).map(outDegree) }

    /// In-degree of every node (the degree when undirected).
    /// - Complexity: O(n).
    public func inDegrees() -> [Int] { (0..<nodeCount).map(inDegree) }

    /// Degree centrality `deg(v) / (n − 1)`, as NetworkX `degree_centrality`
    /// (directed: in + out degree); every node scores 1 when `n ≤ 1`.
    ///
    /// Reference: L. C. Freeman, "Centrality in social networks: conceptual
    /// clarification", Social Networks 1 (1979).
    /// - Complexity: O(n).
    public func degreeCentrality() -> [Double] {
        if nodeCount <= 1 { return [Double](repeating: 1, count: nodeCount) }
        let s = 1.0 / Double(nodeCount - 1)
        return degrees().map { Double($0) * s }
    }

    /// Strength: the sum of the weights of a node's edges (directed: in + out),
    /// as NetworkX `G.degree(weight="weight")`.
    ///
    /// Reference: A. Barrat et al., "The architecture of complex weighted
    /// networks", PNAS 101 (2004).
    /// - Complexity: O(n + m).
    public func strengths() -> [Double] {
        var s = [Double](repeating: 0, count: nodeCount)
        for v in 0..<nodeCount {
            var t = 0.0
            for p in Int(offsets[v])..<Int(offsets[v + 1]) { t += weights[p] }
            if isDirected { for p in Int(inOffsets[v])..<Int(inOffsets[v + 1]) { t += inWeights[p] } }
            s[v] = t
        }
        return s
    }
}
