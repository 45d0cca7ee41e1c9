/// Gould–Fernandez brokerage role counts per node.
///
/// For a broker `j` on a two-path `i → j → k` (i, j, k distinct) with no arc
/// `i → k`, the role depends on the groups of i, j and k:
/// coordinator (all three in one group), representative (i and j share a
/// group, k differs), gatekeeper (j and k share a group, i differs),
/// itinerant (i and k share a group, j differs), liaison (all differ).
public struct BrokerageRoles: Sendable, Equatable {
    /// Within-group brokerage, `w_I`.
    public var coordinator: [Int]
    /// Itinerant (consultant) brokerage, `w_O`.
    public var itinerant: [Int]
    /// Representative brokerage, `b_IO`.
    public var representative: [Int]
    /// Gatekeeper brokerage, `b_OI`.
    public var gatekeeper: [Int]
    /// Liaison brokerage, `b_O`.
    public var liaison: [Int]

    /// Sum of the five roles per node.
    public var total: [Int] {
        coordinator.indices.map { coordinator[$0] + itinerant[$0] + representative[$0] + gatekeeper[$0] + liaison[$0] }
    }
}

extension CSRGraph {
    /// Gould–Fernandez brokerage roles of every node, counted as in the
    /// statnet `sna::brokerage()` routine: every ordered two-path
    /// `i → j → k` with `i ≠ k` and no arc `i → k` adds one to broker `j`'s
    /// role given by `groups[i]`, `groups[j]`, `groups[k]` (see
    /// `BrokerageRoles`). An undirected graph counts each edge both ways.
    ///
    /// Reference: R. V. Gould & R. M. Fernandez, "Structures of mediation: a
    /// formal approach to brokerage in transaction networks", Sociological
    /// Methodology 19 (1989); C. T. Butts, sna `brokerage`.
    /// - Parameter groups: a group (for example a partner kind) per node.
    /// - Throws: `AnalysisError.wrongLength` unless one group per node.
    /// - Complexity: O(Σ_j indeg(j) · outdeg(j) · log outdeg(i)) time, O(n)
    ///   extra memory.
    public func brokerageRoles(groups: [Int]) throws -> BrokerageRoles {
        let n = nodeCount
        guard groups.count == n else { throw AnalysisError.wrongLength(what: "groups", expected: n, actual: groups.count) }
        var r = BrokerageRoles(coordinator: .init(repeating: 0, count: n), itinerant: .init(repeating: 0, count: n),
                               representative: .init(repeating: 0, count: n), gatekeeper: .init(repeating: 0, count: n),
                               liaison: .init(repeating: 0, count: n))
        for j in 0..<n {
            let gj = groups[j]
            for p in Int(inOffsets[j])..<Int(inOffsets[j + 1]) {
                let i = Int(inNeighbors[p])
                let gi = groups[i]
                for q in Int(offsets[j])..<Int(offsets[j + 1]) {
                    let k = Int(neighbors[q])
                    if k == i || position(of: Int32(k), inRowOf: i) != nil { continue }
                    let gk = groups[k]
                    if gi == gj {
                        if gj == gk { r.coordinator[j] += 1 } else { r.representative[j] += 1 }
                    } else if gj == gk {
                        r.gatekeeper[j] += 1
                    } else if gi == gk {
                        r.itinerant[j] += 1
                    } else {
                        r.liaison[j] += 1
                    }
                }
            }
        }
        return r
    }
}
