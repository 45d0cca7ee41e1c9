import PartnerGraph

/// A declared two-mode network (`settings.modes`) as of a date: every
/// partner a node (tied or not, as NetworkX's bipartite graph holds every
/// node), the current ties collapsed, and each node's side from its kind.
///
/// ```swift
/// let twoMode = try TwoModeNetwork(network: davis, asOf: Day(year: 1933, month: 1, day: 1)!)
/// let m = try twoMode.measures()
/// let women = try twoMode.projection(onto: twoMode.side(named: "women")!, weighting: .newman)
/// ```
public struct TwoModeNetwork: Sendable {
    /// The snapshot (every partner has a node, ``Projection/IsolatedPartners/inGraph``).
    public let projection: Projection
    /// The names of the two sides, as declared.
    public let sideNames: [String]
    /// The kinds of each side, as declared.
    public let sideKinds: [[String]]
    /// The side (0 or 1) of every node of ``projection``.
    public let sides: [Int]

    /// Builds the snapshot of `network` at `date`.
    /// - Throws: ``AnalysisError/invalidArgument(_:)`` when the network does not
    ///   declare exactly two sides, or a partner's kind is on no side (the
    ///   readers report both as file errors first).
    /// - Complexity: as ``Projection/init(network:asOf:lookback:isolated:directed:)``.
    public init(network: PartnerNetwork, asOf date: Day, lookback: Lookback? = nil) throws {
        let modes = network.settings.modes
        guard modes.count == 2 else {
            throw AnalysisError.invalidArgument(modes.isEmpty
                ? "the graph is not declared two-mode: add settings.modes with its two sides"
                : "a two-mode graph has exactly two sides, not \(modes.count)")
        }
        let p = try Projection(network: network, asOf: date, lookback: lookback, isolated: .inGraph)
        let partnerSides = network.partnerSides()
        var sides: [Int] = []
        sides.reserveCapacity(p.ids.count)
        for (i, pi) in p.partnerIndices.enumerated() {
            guard let s = partnerSides[pi] else {
                throw AnalysisError.invalidArgument("partner '\(p.ids[i])' has kind '\(network.partners[pi].kind)', which is on no side")
            }
            sides.append(s)
        }
        projection = p
        sideNames = modes.map(\.name)
        sideKinds = modes.map(\.kinds)
        self.sides = sides
    }

    /// The side called `name`, or the side listing kind `name`.
    public func side(named name: String) -> Int? {
        sideNames.firstIndex(of: name) ?? sideKinds.firstIndex { $0.contains(name) }
    }

    /// The two-mode measures of every node, in ``projection`` order (ascending id).
    public struct Measures: Sendable {
        /// Number of distinct partners of the other side currently tied.
        public let degree: [Int]
        /// `bipartite.degree_centrality`.
        public let degreeCentrality: [Double]
        /// `bipartite.betweenness_centrality`.
        public let betweenness: [Double]
        /// `bipartite.closeness_centrality(normalized=True)`.
        public let closeness: [Double]
    }

    /// Degree, degree centrality, betweenness and closeness with NetworkX's
    /// bipartite normalisations (see ``CSRGraph/bipartiteDegreeCentrality(sides:)``,
    /// ``CSRGraph/bipartiteBetweennessCentrality(sides:threads:)`` and
    /// ``CSRGraph/bipartiteClosenessCentrality(sides:normalized:)``). Paths are hop counts.
    /// - Complexity: O(n m).
    public func measures(threads: Int = 0) throws -> Measures {
        let g = projection.graph
        return Measures(degree: g.degrees(),
                        degreeCentrality: try g.bipartiteDegreeCentrality(sides: sides),
                        betweenness: try g.bipartiteBetweennessCentrality(sides: sides, threads: threads),
                        closeness: try g.bipartiteClosenessCentrality(sides: sides))
    }

    /// The one-mode projection onto `side` (see ``CSRGraph/bipartiteProjection(sides:onto:weighting:)``).
    public func projection(onto side: Int, weighting: ProjectionWeighting) throws -> BipartiteProjection {
        try projection.graph.bipartiteProjection(sides: sides, onto: side, weighting: weighting)
    }

    /// The one-mode network of `side`'s partners: a copy of each partner (in
    /// id order; the focal partner kept when it is on the side) and one
    /// undirected tie per pair with shared partners, of type
    /// `shared-partners` (declared, weight 1, not an event, undated so it is
    /// current at any date), `weight` the projected weight and the attribute
    /// `shared` the number of shared partners.
    /// - Parameters:
    ///   - network: the network this snapshot was made from.
    ///   - side: the side projected onto.
    ///   - weighting: the tie weight.
    public func projectedNetwork(of network: PartnerNetwork, onto side: Int,
                                 weighting: ProjectionWeighting) throws -> PartnerNetwork {
        let proj = try projection(onto: side, weighting: weighting)
        let other = sideNames[1 - side]
        let partners = proj.nodes.map { network.partners[projection.partnerIndices[$0]] }
        let ties = proj.pairs.map { pair in
            Tie(type: Self.projectedTieType, source: projection.ids[pair.u], target: projection.ids[pair.v],
                weight: pair.weight, attributes: ["shared": .integer(pair.shared)])
        }
        var attributes = network.attributes
        attributes["projected-from"] = .string(network.title ?? "a two-mode graph")
        attributes["projection-side"] = .string(sideNames[side])
        attributes["projection-weighting"] = .string(weighting.rawValue)
        attributes["projection-as-of"] = .string(projection.date.description)
        let what: String
        switch weighting {
        case .count: what = "number of \(other) shared"
        case .ratio: what = "share of all \(other) shared"
        case .newman: what = "Newman's, the sum over shared \(other) k of 1/(deg(k) - 1)"
        }
        let type = TieTypeSetting(name: Self.projectedTieType, weight: 1, description: "shared \(other); weight: \(what)")
        let focal = network.focal.flatMap { f in partners.contains { $0.id == f } ? f : nil }
        return PartnerNetwork(title: network.title.map { "\($0): \(sideNames[side]) (projected)" }, focal: focal,
                              description: network.description,
                              settings: GraphSettings(tieTypes: [type]), attributes: attributes,
                              partners: partners, ties: ties)
    }

    /// The tie type of a projected network's ties.
    public static let projectedTieType = "shared-partners"
}
