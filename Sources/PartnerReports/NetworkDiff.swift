import PartnerAnalysis
import PartnerGraph

/// What changed between two snapshots: of one network at two dates, or of
/// two versions of a network file at one date.
///
/// - Ties are *added* when current in the new snapshot only, *ended* when
///   current in the old one only (an ended agreement with no later agreement
///   between the pair is *lapsed*), and *changed* when the same tie (same id,
///   or same type, endpoints and start) differs between two files.
/// - Partners *enter* when they gain their first current tie and *leave* when
///   they lose their last.
/// - Centrality deltas compare degree, betweenness (normalised) and PageRank of
///   the two projections (a partner absent from one counts as 0 there).
public struct NetworkDiff: Sendable {
    public struct TieChange: Sendable, Hashable {
        public let reference: String
        public let type: String
        public let source: String
        public let target: String
        public let start: PartialDate?
        public let end: PartialDate?
        /// `added`, `ended`, `lapsed`, `removed` (two files) or `changed`.
        public let change: String
        /// For `changed`: the fields that differ, e.g. `end: 2012 → 2016`.
        public let details: [String]
    }

    public struct CentralityDelta: Sendable, Hashable {
        public let id: String
        public let measure: String
        public let before: Double
        public let after: Double
        public var delta: Double { after - before }
    }

    public let fromLabel: String
    public let toLabel: String
    public let ties: [TieChange]
    public let partnersEntering: [String]
    public let partnersLeaving: [String]
    public let centrality: [CentralityDelta]

    /// One network at two dates.
    /// - Parameter agreementTypes: The tie types that lapse (see
    ///   ``PartnerGraph/PartnerNetwork/lapsedAgreements(at:agreementTypes:)``).
    /// - Complexity: O(T) for the ties plus the cost of the two projections'
    ///   betweenness (O(n m)).
    ///   - tolerance: PageRank's tolerance at both dates.
    ///   - later: The snapshot at `d1` with its measures (computed to
    ///     `tolerance`), when the caller has them already (the report's
    ///     analysis): not computed twice.
    public init(network: PartnerNetwork, from d0: Day, to d1: Day, lookback: Lookback? = nil,
                agreementTypes: Set<String> = ["agreement"], tolerance: Double = CSRGraph.defaultTolerance,
                later: CentralitySnapshot? = nil) throws {
        let before = Set(network.currentTies(at: d0, lookback: lookback))
        let after = Set(network.currentTies(at: d1, lookback: lookback))
        let lapsed = Set(network.lapsedAgreements(at: d1, agreementTypes: agreementTypes))
        var changes: [TieChange] = []
        for i in after.subtracting(before).sorted() {
            changes.append(Self.change(network, i, "added"))
        }
        for i in before.subtracting(after).sorted() {
            changes.append(Self.change(network, i, lapsed.contains(i) ? "lapsed" : "ended"))
        }
        let p0 = try CentralitySnapshot(Projection(network: network, asOf: d0, lookback: lookback), tolerance: tolerance)
        let p1 = try later ?? CentralitySnapshot(Projection(network: network, asOf: d1, lookback: lookback), tolerance: tolerance)
        try self.init(fromLabel: d0.description, toLabel: d1.description, ties: changes, s0: p0, s1: p1)
    }

    /// Two versions of a network (e.g. two files), compared at `asOf`.
    public init(old: PartnerNetwork, new: PartnerNetwork, asOf: Day, lookback: Lookback? = nil,
                oldLabel: String = "old", newLabel: String = "new") throws {
        func key(_ t: Tie) -> String {
            t.id ?? "\(t.type)|\(t.source)|\(t.target)|\(t.start?.description ?? "")"
        }
        var oldByKey: [String: Int] = [:]
        for (i, t) in old.ties.enumerated() where oldByKey[key(t)] == nil { oldByKey[key(t)] = i }
        var seen = Set<String>()
        var changes: [TieChange] = []
        for (j, t) in new.ties.enumerated() {
            let k = key(t)
            seen.insert(k)
            guard let i = oldByKey[k] else {
                changes.append(Self.change(new, j, "added"))
                continue
            }
            let u = old.ties[i]
            var details: [String] = []
            func cmp(_ name: String, _ a: String?, _ b: String?) {
                if a != b { details.append("\(name): \(a ?? "–") → \(b ?? "–")") }
            }
            cmp("type", u.type, t.type)
            // A tie kept by its id may join other partners in the new version.
            func ends(_ x: Tie) -> String { "\(x.source) \(x.isDirected ? "→" : "–") \(x.target)" }
            cmp("between", ends(u), ends(t))
            cmp("start", u.start?.description, t.start?.description)
            cmp("end", u.end?.description, t.end?.description)
            cmp("label", u.label, t.label)
            cmp("weight", u.weight.map(NumberFormatting.shortest), t.weight.map(NumberFormatting.shortest))
            // "provenance", not "source": a change's `source` is its first partner.
            cmp("provenance", u.provenance, t.provenance)
            cmp("status", u.status, t.status)
            if !details.isEmpty {
                changes.append(TieChange(reference: new.reference(ofTie: j), type: t.type, source: t.source, target: t.target,
                                         start: t.start, end: t.end, change: "changed", details: details))
            }
        }
        for (i, t) in old.ties.enumerated() where !seen.contains(key(t)) {
            changes.append(Self.change(old, i, "removed"))
        }
        let p0 = try CentralitySnapshot(Projection(network: old, asOf: asOf, lookback: lookback))
        let p1 = try CentralitySnapshot(Projection(network: new, asOf: asOf, lookback: lookback))
        try self.init(fromLabel: oldLabel, toLabel: newLabel, ties: changes, s0: p0, s1: p1)
    }

    private init(fromLabel: String, toLabel: String, ties: [TieChange], s0: CentralitySnapshot, s1: CentralitySnapshot) throws {
        let p0 = s0.projection, p1 = s1.projection
        self.fromLabel = fromLabel
        self.toLabel = toLabel
        let order = ["added": 0, "changed": 1, "lapsed": 2, "ended": 3, "removed": 4]
        self.ties = ties.sorted {
            (order[$0.change] ?? 9, $0.type, $0.source, $0.target, $0.reference) < (order[$1.change] ?? 9, $1.type, $1.source, $1.target, $1.reference)
        }
        let ids0 = Set(p0.ids), ids1 = Set(p1.ids)
        partnersEntering = ids1.subtracting(ids0).sorted()
        partnersLeaving = ids0.subtracting(ids1).sorted()
        var deltas: [CentralityDelta] = []
        let all = ids0.union(ids1).sorted()
        for (name, a, b) in [("degree", s0.degree, s1.degree), ("betweenness", s0.betweenness, s1.betweenness),
                             ("pagerank", s0.pagerank, s1.pagerank)] {
            for id in all {
                let x = p0.node(of: id).map { a[$0] } ?? 0
                let y = p1.node(of: id).map { b[$0] } ?? 0
                if x != y { deltas.append(CentralityDelta(id: id, measure: name, before: x, after: y)) }
            }
        }
        centrality = deltas.sorted {
            ($0.measure, -abs($0.delta), $0.id) < ($1.measure, -abs($1.delta), $1.id)
        }
    }


    private static func change(_ net: PartnerNetwork, _ i: Int, _ kind: String) -> TieChange {
        let t = net.ties[i]
        return TieChange(reference: net.reference(ofTie: i), type: t.type, source: t.source, target: t.target,
                         start: t.start, end: t.end, change: kind, details: [])
    }
}

/// A snapshot and the three measures a diff compares: degree, normalised
/// betweenness and PageRank (each by node of ``projection``).
public struct CentralitySnapshot {
    public let projection: Projection
    public let degree: [Double]
    public let betweenness: [Double]
    public let pagerank: [Double]

    /// Computes the three measures on `projection` (defaults: NetworkX's
    /// normalised betweenness, PageRank α 0.85 to `tolerance`, 1e-12 by default).
    public init(_ projection: Projection, tolerance: Double = CSRGraph.defaultTolerance) throws {
        self.projection = projection
        let g = projection.graph
        if g.nodeCount == 0 {
            (degree, betweenness, pagerank) = ([], [], [])
        } else {
            degree = g.degrees().map(Double.init)
            betweenness = try g.betweennessCentrality()
            pagerank = try g.pageRank(tolerance: tolerance)
        }
    }

    /// Measures already computed, one value per node of `projection`.
    public init(projection: Projection, degree: [Double], betweenness: [Double], pagerank: [Double]) {
        precondition([degree.count, betweenness.count, pagerank.count].allSatisfy { $0 == projection.ids.count },
                     "one value per node of the projection")
        self.projection = projection
        self.degree = degree
        self.betweenness = betweenness
        self.pagerank = pagerank
    }
}
