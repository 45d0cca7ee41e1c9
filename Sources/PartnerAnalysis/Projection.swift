import PartnerGraph

/// The ties current at a date collapsed into a compact index-based graph
/// (DESIGN.md "Projection"): one node per partner in the snapshot, one edge
/// per pair with a current tie, weighted by the sum of the pair's tie weights
/// (a tie's own `weight`, else its type's weight: agreement 3,
/// joint-activity 2, liaison 1 unless the graph's `settings` change them).
///
/// Nodes are numbered in ascending partner-id order, so every output that
/// walks nodes in index order is sorted by id.
///
/// ```swift
/// let p = try Projection(network: net, asOf: Day(year: 2016, month: 11, day: 1)!)
/// let b = try p.graph.betweennessCentrality()
/// for (i, id) in p.ids.enumerated() { print(id, b[i]) }
/// ```
public struct Projection: Sendable {
    /// What becomes of partners without a current tie.
    public enum IsolatedPartners: Sendable, Hashable {
        /// Left out.
        case omitted
        /// Listed in ``Projection/isolated`` but given no node: the measures
        /// of everyone else are those of the graph of tied partners.
        case listed
        /// Given a node each (isolated nodes change every normalised
        /// measure and PageRank of the others, as in NetworkX).
        case inGraph
    }

    /// The snapshot date.
    public let date: Day
    /// Partner id of each node.
    public let ids: [String]
    /// Index into `network.partners` of each node.
    public let partnerIndices: [Int]
    /// Indices into `network.ties` of the current ties that were collapsed.
    public let tieIndices: [Int]
    /// The collapsed graph; undirected unless `directed` was asked for.
    public let graph: CSRGraph
    /// Indices into `network.partners` of the partners without a current tie
    /// that were listed but given no node (``IsolatedPartners/listed``), in
    /// ascending id order; empty otherwise.
    public let isolated: [Int]
    /// Partner ids of ``isolated``.
    public let isolatedIDs: [String]

    /// Builds the projection of `network` at `date`.
    /// - Parameters:
    ///   - lookback: one lookback for every type instead of the per-type default.
    ///   - isolated: what becomes of partners without a current tie (default:
    ///     left out).
    ///   - directed: keep directed ties as arcs (undirected ties become two
    ///     arcs); otherwise every tie is an undirected edge.
    /// - Throws: ``AnalysisError`` when a weight is not positive and finite.
    /// - Complexity: O(T + P log P + m log m) for T ties, P partners and m current pairs.
    public init(network: PartnerNetwork, asOf date: Day, lookback: Lookback? = nil,
                isolated: IsolatedPartners = .omitted, directed: Bool = false) throws {
        self.date = date
        let current = network.currentTies(at: date, lookback: lookback)
        var present = [Bool](repeating: isolated == .inGraph, count: network.partners.count)
        var ends: [(Int, Int, Double, Bool)] = []
        ends.reserveCapacity(current.count)
        for i in current {
            let t = network.ties[i]
            guard let a = network.index(ofPartner: t.source), let b = network.index(ofPartner: t.target), a != b else { continue }
            present[a] = true
            present[b] = true
            ends.append((a, b, network.weight(of: t), t.isDirected))
        }
        let byID = { (a: Int, b: Int) in network.partners[a].id < network.partners[b].id }
        let order = network.partners.indices.filter { present[$0] }.sorted(by: byID)
        self.isolated = isolated == .listed ? network.partners.indices.filter { !present[$0] }.sorted(by: byID) : []
        self.isolatedIDs = self.isolated.map { network.partners[$0].id }
        var node = [Int](repeating: -1, count: network.partners.count)
        for (k, p) in order.enumerated() { node[p] = k }
        var edges: [(Int, Int, Double)] = []
        edges.reserveCapacity(ends.count * (directed ? 2 : 1))
        for (a, b, w, isDirected) in ends {
            edges.append((node[a], node[b], w))
            if directed && !isDirected { edges.append((node[b], node[a], w)) }
        }
        self.ids = order.map { network.partners[$0].id }
        self.partnerIndices = order
        self.tieIndices = current
        self.graph = try CSRGraph(nodeCount: order.count, edges: edges, directed: directed)
    }

    /// The node of partner `id`, in O(log n).
    public func node(of id: String) -> Int? {
        var lo = 0, hi = ids.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ids[mid] < id { lo = mid + 1 } else { hi = mid }
        }
        return lo < ids.count && ids[lo] == id ? lo : nil
    }
}
