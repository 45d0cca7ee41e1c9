import FigureStyle
import PartnerAnalysis
import PartnerGraph

/// One snapshot of `partnergraph analyze --format json`
/// (`Schemas/analyze.schema.json`): the projected graph, the options that
/// shaped the result, the listed partners (sorted by id) with every computed
/// measure, the articulation points and the bridges.
public struct AnalyzeOutput: Codable, Sendable, Equatable {
    /// The projected graph.
    public struct Graph: Codable, Sendable, Equatable {
        /// Nodes.
        public var partners: Int
        /// Ties current at the date.
        public var ties: Int
        /// Edges (arcs when directed).
        public var pairs: Int
        public var components: Int
        /// Modularity of the Louvain partition; nil when not computed or undefined (no edge).
        @JSONNumber public var modularity: Double?

        public init(partners: Int, ties: Int, pairs: Int, components: Int, modularity: Double?) {
            self.partners = partners
            self.ties = ties
            self.pairs = pairs
            self.components = components
            self.modularity = modularity
        }
    }

    /// The options that shaped the result.
    public struct Settings: Codable, Sendable, Equatable {
        /// The measures computed (`--measures`), in the tool's order.
        public var measures: [String]
        /// The measure the listed partners were ranked by for `--top`, or `id`.
        public var sortBy: String
        /// `--top`, or nil for every partner.
        @JSONNullable public var top: Int?
        /// `--kind`: the partner kinds listed; empty for every kind.
        public var kinds: [String]
        public var weighted: Bool
        public var directed: Bool
        public var normalizedBetweenness: Bool
        @JSONNullable public var samples: Int?
        public var seed: UInt64
        @JSONNullable public var lookback: String?
        @JSONNumber public var tolerance: Double
        /// `omitted`, `listed` or `in-graph`.
        public var isolated: String

        public init(measures: [String], sortBy: String, top: Int?, kinds: [String], weighted: Bool, directed: Bool,
                    normalizedBetweenness: Bool, samples: Int?, seed: UInt64, lookback: String?, tolerance: Double, isolated: String) {
            self.measures = measures
            self.sortBy = sortBy
            self.top = top
            self.kinds = kinds
            self.weighted = weighted
            self.directed = directed
            self.normalizedBetweenness = normalizedBetweenness
            self.samples = samples
            self.seed = seed
            self.lookback = lookback
            self.tolerance = tolerance
            self.isolated = isolated
        }
    }

    /// Gould–Fernandez brokerage role counts of one partner (directed only).
    public struct Brokerage: Codable, Sendable, Equatable {
        public var coordinator, gatekeeper, representative, itinerant, liaison: Int
        public init(coordinator: Int, gatekeeper: Int, representative: Int, itinerant: Int, liaison: Int) {
            self.coordinator = coordinator
            self.gatekeeper = gatekeeper
            self.representative = representative
            self.itinerant = itinerant
            self.liaison = liaison
        }
    }

    /// One listed partner: id, name, kind and one key per computed measure
    /// (its `Measure` raw value); a measure's value is nil where undefined.
    public struct Partner: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var kind: String
        /// The computed measures; a key with a nil value is written as `null`.
        public var measures: [Measure: Double?]
        public var brokerage: Brokerage?

        public init(id: String, name: String, kind: String, measures: [Measure: Double?], brokerage: Brokerage?) {
            self.id = id
            self.name = name
            self.kind = kind
            self.measures = measures
            self.brokerage = brokerage
        }

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(_ s: String) { stringValue = s }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Key.self)
            id = try c.decode(String.self, forKey: Key("id"))
            name = try c.decode(String.self, forKey: Key("name"))
            kind = try c.decode(String.self, forKey: Key("kind"))
            brokerage = try c.decodeIfPresent(Brokerage.self, forKey: Key("brokerage"))
            var ms: [Measure: Double?] = [:]
            for m in Measure.allCases where c.contains(Key(m.rawValue)) {
                ms[m] = .some(try c.decodeIfPresent(Double.self, forKey: Key(m.rawValue)))
            }
            measures = ms
        }

        /// Whole-number measures (degree, core number, community) as integers.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(id, forKey: Key("id"))
            try c.encode(name, forKey: Key("name"))
            try c.encode(kind, forKey: Key("kind"))
            for m in Measure.allCases {
                guard let value = measures[m] else { continue }
                if m.isInteger, let v = value, v.isFinite, let n = Int(exactly: v) {
                    try c.encode(n, forKey: Key(m.rawValue))
                } else {
                    try c.encodeNumber(value, forKey: Key(m.rawValue))
                }
            }
            try c.encodeIfPresent(brokerage, forKey: Key("brokerage"))
        }
    }

    /// The year of a `--years` snapshot (as of 31 December); nil for a snapshot at `--as-of`.
    public var year: Int?
    public var asOf: String
    public var graph: Graph
    public var settings: Settings
    /// Sorted by id.
    public var partners: [Partner]
    /// Sorted.
    public var articulationPoints: [String]
    /// Each pair and the list sorted.
    public var bridges: [[String]]

    public init(year: Int? = nil, asOf: String, graph: Graph, settings: Settings, partners: [Partner],
                articulationPoints: [String], bridges: [[String]]) {
        self.year = year
        self.asOf = asOf
        self.graph = graph
        self.settings = settings
        self.partners = partners
        self.articulationPoints = articulationPoints
        self.bridges = bridges
    }

    /// The snapshot of `result`, listing the partners at `rows` (indices into
    /// `result.ids`; written sorted by id) with their names and kinds from `network`.
    public init(result r: PartnerMeasures, network net: PartnerNetwork, rows: [Int], settings: Settings, year: Int? = nil) {
        let ids = r.projection.ids
        let partners = rows.sorted { r.ids[$0] < r.ids[$1] }.map { v -> Partner in
            let p = net.partners[r.partnerIndices[v]]
            var ms: [Measure: Double?] = [:]
            for m in Measure.allCases { if let vals = r.values[m] { ms[m] = .some(vals[v]) } }
            var brokerage: Brokerage?
            if let b = r.brokerage {
                // a listed isolated partner brokers nothing
                let k = v < b.coordinator.count
                func role(_ counts: [Int]) -> Int { k ? counts[v] : 0 }
                brokerage = Brokerage(coordinator: role(b.coordinator), gatekeeper: role(b.gatekeeper),
                                      representative: role(b.representative), itinerant: role(b.itinerant), liaison: role(b.liaison))
            }
            return Partner(id: p.id, name: p.name, kind: p.kind, measures: ms, brokerage: brokerage)
        }
        let bridges = r.bridges.map { [ids[$0.0], ids[$0.1]].sorted() }.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }
        self.init(year: year, asOf: r.projection.date.description,
                  graph: Graph(partners: ids.count, ties: r.projection.tieIndices.count, pairs: r.projection.graph.edgeCount,
                               components: r.componentCount, modularity: r.modularity),
                  settings: settings, partners: partners,
                  articulationPoints: r.articulationPoints.map { ids[$0] }.sorted(), bridges: bridges)
    }
}

/// `partnergraph analyze --years FROM...TO --format json`: one snapshot per
/// year as of 31 December, in year order, each with its `year`.
public struct AnalyzeYearsOutput: Codable, Sendable, Equatable {
    public var byYear: [AnalyzeOutput]
    public init(byYear: [AnalyzeOutput]) { self.byYear = byYear }
}
