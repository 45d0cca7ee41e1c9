#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Scores of one untied pair at distance two: the link-prediction indices of
/// NetworkX (`adamic_adar_index`, `jaccard_coefficient`,
/// `resource_allocation_index`) for the pair `(u, v)`, `u < v`.
public struct LinkCandidate: Hashable, Sendable {
    /// First node (the smaller index).
    public let u: Int
    /// Second node.
    public let v: Int
    /// Number of common neighbours |Γ(u) ∩ Γ(v)| (at least 1).
    public let commonNeighbors: Int
    /// Adamic–Adar index Σ_{w ∈ Γ(u) ∩ Γ(v)} 1 / ln deg(w).
    public let adamicAdar: Double
    /// Jaccard coefficient |Γ(u) ∩ Γ(v)| / |Γ(u) ∪ Γ(v)|.
    public let jaccard: Double
    /// Resource allocation index Σ_{w ∈ Γ(u) ∩ Γ(v)} 1 / deg(w).
    public let resourceAllocation: Double

    public init(u: Int, v: Int, commonNeighbors: Int, adamicAdar: Double, jaccard: Double, resourceAllocation: Double) {
        self.u = u
        self.v = v
        self.commonNeighbors = commonNeighbors
        self.adamicAdar = adamicAdar
        self.jaccard = jaccard
        self.resourceAllocation = resourceAllocation
    }

    /// The Adamic–Adar score rounded to 9 decimals: the ranking key, so that
    /// scores equal up to summation order tie and break by ids.
    public var rankKey: Double { Self.rankKey(adamicAdar) }

    static func rankKey(_ score: Double) -> Double { (score * 1e9).rounded() }

    /// Ranking order: Adamic–Adar (to 9 decimals) descending, then `u`, then `v` ascending.
    public static func ranksBefore(_ a: LinkCandidate, _ b: LinkCandidate) -> Bool {
        if a.rankKey != b.rankKey { return a.rankKey > b.rankKey }
        if a.u != b.u { return a.u < b.u }
        return a.v < b.v
    }
}

extension CSRGraph {
    /// The common neighbours of `u` and `v`, ascending.
    /// - Complexity: O(deg u + deg v) (merge of two sorted rows).
    public func commonNeighbors(_ u: Int, _ v: Int) -> [Int] {
        var out: [Int] = []
        var i = Int(offsets[u]), j = Int(offsets[v])
        let ie = Int(offsets[u + 1]), je = Int(offsets[v + 1])
        while i < ie && j < je {
            let a = neighbors[i], b = neighbors[j]
            if a == b { out.append(Int(a)); i += 1; j += 1 } else if a < b { i += 1 } else { j += 1 }
        }
        return out
    }

    /// Adamic–Adar index of a pair, as NetworkX `adamic_adar_index`:
    /// `Σ_{w ∈ Γ(u) ∩ Γ(v)} 1 / ln deg(w)`, summed in ascending `w`.
    ///
    /// Reference: L. A. Adamic & E. Adar, "Friends and neighbors on the Web",
    /// Social Networks 25 (2003). Undirected graphs only.
    /// - Complexity: O(deg u + deg v).
    public func adamicAdarIndex(_ u: Int, _ v: Int) -> Double {
        precondition(!isDirected, "link prediction is defined for undirected graphs")
        var s = 0.0
        for w in commonNeighbors(u, v) { s += 1 / log(Double(outDegree(w))) }
        return s
    }

    /// Resource allocation index of a pair, as NetworkX
    /// `resource_allocation_index`: `Σ_{w ∈ Γ(u) ∩ Γ(v)} 1 / deg(w)`.
    ///
    /// Reference: T. Zhou, L. Lü & Y.-C. Zhang, "Predicting missing links via
    /// local information", Eur. Phys. J. B 71 (2009). Undirected graphs only.
    /// - Complexity: O(deg u + deg v).
    public func resourceAllocationIndex(_ u: Int, _ v: Int) -> Double {
        precondition(!isDirected, "link prediction is defined for undirected graphs")
        var s = 0.0
        for w in commonNeighbors(u, v) { s += 1 / Double(outDegree(w)) }
        return s
    }

    /// Jaccard coefficient of a pair, as NetworkX `jaccard_coefficient`:
    /// `|Γ(u) ∩ Γ(v)| / |Γ(u) ∪ Γ(v)|`, and 0 when both have no neighbour.
    ///
    /// Reference: D. Liben-Nowell & J. Kleinberg, "The link-prediction problem
    /// for social networks", JASIST 58 (2007). Undirected graphs only.
    /// - Complexity: O(deg u + deg v).
    public func jaccardCoefficient(_ u: Int, _ v: Int) -> Double {
        precondition(!isDirected, "link prediction is defined for undirected graphs")
        let c = commonNeighbors(u, v).count
        let union = outDegree(u) + outDegree(v) - c
        return union == 0 ? 0 : Double(c) / Double(union)
    }

    /// The `k` untied pairs ranked highest by Adamic–Adar, with their
    /// Jaccard and resource-allocation scores — the suggested introductions.
    ///
    /// Only pairs at distance two are scored (untied pairs with at least one
    /// common neighbour; every other untied pair scores 0 on all three
    /// indices): for each node `w`, every pair of its neighbours `u < v` that
    /// is not an edge. Scores are accumulated per `u` in a dense scratch row,
    /// in ascending order of `w`, so they equal ``adamicAdarIndex(_:_:)``
    /// bit for bit. Pairs are ranked by the score rounded to 9 decimals, ties
    /// broken by `u`, then `v`.
    ///
    /// - Parameters:
    ///   - k: how many pairs to return (at most).
    ///   - eligible: an optional filter on a pair `(u, v)`, `u < v` (for
    ///     example "shares a theme"); rejected pairs are not ranked.
    /// - Returns: up to `k` candidates in ranking order.
    /// - Throws: `AnalysisError.requiresUndirected` for directed graphs.
    /// - Complexity: O(n + m + Σ_w deg(w)² / 2 + P log k) time for the P
    ///   scored pairs, O(n + k) extra memory; never O(n²).
    public func topLinkCandidates(_ k: Int, where eligible: ((Int, Int) -> Bool)? = nil) throws -> [LinkCandidate] {
        try requireUndirected("link prediction")
        guard k > 0, nodeCount > 2 else { return [] }
        let n = nodeCount
        var invLog = [Double](repeating: 0, count: n)
        var inv = [Double](repeating: 0, count: n)
        for w in 0..<n {
            let d = outDegree(w)
            if d > 1 { invLog[w] = 1 / log(Double(d)); inv[w] = 1 / Double(d) }
        }
        var aa = [Double](repeating: 0, count: n)
        var ra = [Double](repeating: 0, count: n)
        var common = [Int32](repeating: 0, count: n)
        var adjacentStamp = [Int32](repeating: -1, count: n)
        var touched: [Int32] = []
        var heap = BoundedHeap(capacity: k)
        neighbors.withUnsafeBufferPointer { nb in
            offsets.withUnsafeBufferPointer { off in
                for u in 0..<n {
                    let ub = Int(off[u]), ue = Int(off[u + 1])
                    guard ue > ub else { continue }
                    for p in ub..<ue { adjacentStamp[Int(nb[p])] = Int32(u) }
                    touched.removeAll(keepingCapacity: true)
                    for p in ub..<ue {
                        let w = Int(nb[p])
                        let wb = Int(off[w]), we = Int(off[w + 1])
                        if we - wb < 2 { continue }
                        // first neighbour of w greater than u (rows are sorted)
                        var lo = wb, hi = we
                        while lo < hi {
                            let mid = (lo + hi) >> 1
                            if Int(nb[mid]) <= u { lo = mid + 1 } else { hi = mid }
                        }
                        let il = invLog[w], ir = inv[w]
                        for q in lo..<we {
                            let v = Int(nb[q])
                            if adjacentStamp[v] == Int32(u) { continue }
                            if common[v] == 0 { touched.append(Int32(v)) }
                            common[v] += 1
                            aa[v] += il
                            ra[v] += ir
                        }
                    }
                    let du = ue - ub
                    for t in touched {
                        let v = Int(t)
                        let c = Int(common[v])
                        let score = aa[v]
                        if heap.accepts(score: score, u: u, v: v), eligible?(u, v) ?? true {
                            let union = du + (Int(off[v + 1]) - Int(off[v])) - c
                            heap.insert(LinkCandidate(u: u, v: v, commonNeighbors: c, adamicAdar: score,
                                                      jaccard: Double(c) / Double(union), resourceAllocation: ra[v]))
                        }
                        common[v] = 0
                        aa[v] = 0
                        ra[v] = 0
                    }
                }
            }
        }
        return heap.sorted()
    }
}

/// A min-heap holding the best `capacity` candidates seen so far; its root is
/// the worst of them.
private struct BoundedHeap {
    let capacity: Int
    var items: [LinkCandidate] = []

    init(capacity: Int) { self.capacity = capacity }

    /// `a` is worse than `b` in the ranking.
    private static func worse(_ a: LinkCandidate, _ b: LinkCandidate) -> Bool { LinkCandidate.ranksBefore(b, a) }

    /// Whether a pair with this score would enter the heap.
    func accepts(score: Double, u: Int, v: Int) -> Bool {
        guard items.count >= capacity, let root = items.first else { return true }
        let key = LinkCandidate.rankKey(score)
        if key != root.rankKey { return key > root.rankKey }
        return u != root.u ? u < root.u : v < root.v
    }

    mutating func insert(_ c: LinkCandidate) {
        if items.count < capacity {
            items.append(c)
            var i = items.count - 1
            while i > 0 {
                let parent = (i - 1) / 2
                guard Self.worse(items[i], items[parent]) else { break }
                items.swapAt(i, parent)
                i = parent
            }
        } else {
            items[0] = c
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < items.count && Self.worse(items[l], items[m]) { m = l }
                if r < items.count && Self.worse(items[r], items[m]) { m = r }
                if m == i { break }
                items.swapAt(i, m)
                i = m
            }
        }
    }

    func sorted() -> [LinkCandidate] { items.sorted(by: LinkCandidate.ranksBefore) }
}
