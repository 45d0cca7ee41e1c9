import FigureStyle
import PartnerAnalysis
import PartnerGraph

/// `partnergraph analyze --format json` on a declared two-mode graph
/// (`Schemas/analyze.schema.json`, the two-mode snapshot): the snapshot, the
/// options, and per side its name, kinds, size and listed partners (sorted
/// by id) with NetworkX's bipartite degree, degree centrality, betweenness
/// and closeness.
public struct AnalyzeTwoModeOutput: Encodable, Sendable, Equatable {
    /// The snapshot graph (every partner a node, as NetworkX's bipartite graph).
    public struct Graph: Encodable, Sendable, Equatable {
        public var partners: Int
        /// Ties current at the date.
        public var ties: Int
        /// Pairs with a current tie.
        public var pairs: Int
        public var components: Int
        public init(partners: Int, ties: Int, pairs: Int, components: Int) {
            self.partners = partners
            self.ties = ties
            self.pairs = pairs
            self.components = components
        }
    }

    /// The options that shaped the result.
    public struct Settings: Encodable, Sendable, Equatable {
        /// The measures computed, in the tool's order.
        public var measures: [String]
        /// The measure that ranked each side's partners for `--top`, or `id`.
        public var sortBy: String
        public var top: Int?
        /// `--kind`: the partner kinds listed; empty for every kind.
        public var kinds: [String]
        public var lookback: String?
        /// Always `networkx.algorithms.bipartite`.
        public var conventions: String
        public init(measures: [String], sortBy: String, top: Int?, kinds: [String], lookback: String?) {
            self.measures = measures
            self.sortBy = sortBy
            self.top = top
            self.kinds = kinds
            self.lookback = lookback
            self.conventions = "networkx.algorithms.bipartite"
        }
        enum CodingKeys: String, CodingKey { case measures, sortBy, top, kinds, lookback, conventions }
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(measures, forKey: .measures)
            try c.encode(sortBy, forKey: .sortBy)
            try c.encodeOrNull(top, forKey: .top)
            try c.encode(kinds, forKey: .kinds)
            try c.encodeOrNull(lookback, forKey: .lookback)
            try c.encode(conventions, forKey: .conventions)
        }
    }

    /// One side: its declared name and kinds, its size, its listed partners.
    public struct Side: Encodable, Sendable, Equatable {
        public var name: String
        public var kinds: [String]
        /// Partners on the side (the size the normalisations use).
        public var size: Int
        /// The listed partners, sorted by id.
        public var partners: [AnalyzeOutput.Partner]
        public init(name: String, kinds: [String], size: Int, partners: [AnalyzeOutput.Partner]) {
            self.name = name
            self.kinds = kinds
            self.size = size
            self.partners = partners
        }
    }

    /// The year of a `--years` snapshot (as of 31 December); nil for a snapshot at `--as-of`.
    public var year: Int?
    public var asOf: String
    /// Always true: tells this shape from the one-mode snapshot.
    public var twoMode: Bool
    public var graph: Graph
    public var settings: Settings
    public var sides: [Side]

    /// The measures a two-mode analysis computes, in the tool's order.
    public static let measures: [Measure] = [.degree, .degreeCentrality, .betweenness, .closeness]

    /// The JSON value of `measures` of `twoMode` (made from `network`),
    /// listing per side the nodes at `rows[side]` (written sorted by id).
    public init(twoMode: TwoModeNetwork, measures m: TwoModeNetwork.Measures, selected: [Measure], network net: PartnerNetwork,
                rows: [[Int]], settings: Settings, year: Int? = nil) {
        let p = twoMode.projection
        func values(_ v: Int) -> [Measure: Double?] {
            var out: [Measure: Double?] = [:]
            for measure in selected {
                switch measure {
                case .degree: out[measure] = .some(Double(m.degree[v]))
                case .degreeCentrality: out[measure] = .some(m.degreeCentrality[v])
                case .betweenness: out[measure] = .some(m.betweenness[v])
                case .closeness: out[measure] = .some(m.closeness[v])
                default: break
                }
            }
            return out
        }
        sides = (0..<2).map { s in
            let listed = rows[s].sorted { p.ids[$0] < p.ids[$1] }.map { v -> AnalyzeOutput.Partner in
                let partner = net.partners[p.partnerIndices[v]]
                return AnalyzeOutput.Partner(id: partner.id, name: partner.name, kind: partner.kind, measures: values(v), brokerage: nil)
            }
            return Side(name: twoMode.sideNames[s], kinds: twoMode.sideKinds[s], size: twoMode.sides.filter { $0 == s }.count,
                        partners: listed)
        }
        let components = Set(p.graph.connectedComponents()).count
        self.year = year
        asOf = p.date.description
        self.twoMode = true
        graph = Graph(partners: p.ids.count, ties: p.tieIndices.count, pairs: p.graph.edgeCount, components: components)
        self.settings = settings
    }
}

/// `partnergraph analyze --years FROM...TO --format json` on a two-mode graph:
/// one two-mode snapshot per year as of 31 December, in year order, each with its `year`.
public struct AnalyzeTwoModeYearsOutput: Encodable, Sendable, Equatable {
    public var byYear: [AnalyzeTwoModeOutput]
    public init(byYear: [AnalyzeTwoModeOutput]) { self.byYear = byYear }
}
