import FigureStyle
import PartnerGraph

/// `partnergraph diff --format json` (`Schemas/diff.schema.json`): what
/// changed from one side to the other. Both sides name the file and the day
/// they are taken at: one file at two dates (`mode` `dates`), or two files at
/// one date (`mode` `files`).
public struct DiffOutput: Codable, Sendable, Equatable {
    /// What is compared.
    public enum Mode: String, Codable, Sendable {
        /// One file between `--from` and `--to`.
        case dates
        /// Two files OLD NEW at one date.
        case files
    }

    /// One side: the graph file as given and the day its current ties are taken at.
    public struct Side: Codable, Sendable, Equatable {
        public var file: String
        public var asOf: String
        public init(file: String, asOf: String) {
            self.file = file
            self.asOf = asOf
        }
    }

    /// One tie that changed.
    public struct TieChange: Codable, Sendable, Equatable {
        public var change: String
        public var tie: String
        public var type: String
        public var source: String
        public var target: String
        @JSONNullable public var start: String?
        @JSONNullable public var end: String?
        public var details: [String]

        public init(_ c: NetworkDiff.TieChange) {
            change = c.change
            tie = c.reference
            type = c.type
            source = c.source
            target = c.target
            start = c.start?.description
            end = c.end?.description
            details = c.details
        }
    }

    /// One partner's change of a centrality measure; nil where a value is not finite.
    public struct CentralityChange: Codable, Sendable, Equatable {
        public var measure: String
        public var id: String
        /// 0 for a partner not in the earlier graph.
        @JSONNumber public var before: Double?
        /// 0 for a partner not in the later graph.
        @JSONNumber public var after: Double?
        @JSONNumber public var delta: Double?

        public init(_ d: NetworkDiff.CentralityDelta) {
            func finite(_ x: Double) -> Double? { x.isFinite ? x : nil }
            measure = d.measure
            id = d.id
            before = finite(d.before)
            after = finite(d.after)
            delta = finite(d.delta)
        }
    }

    public var mode: Mode
    public var from: Side
    public var to: Side
    /// `--lookback` for every type, or nil for the per-type lookbacks.
    @JSONNullable public var lookback: String?
    /// `--top`: at most this many centrality changes per measure.
    public var top: Int
    public var ties: [TieChange]
    public var partnersEntering: [String]
    public var partnersLeaving: [String]
    public var centrality: [CentralityChange]

    /// The output of `diff` with the centrality changes kept (the biggest `top` per measure, chosen by the caller).
    public init(_ d: NetworkDiff, mode: Mode, from: Side, to: Side, lookback: Lookback?, top: Int,
                centrality: [NetworkDiff.CentralityDelta]) {
        self.mode = mode
        self.from = from
        self.to = to
        self.lookback = lookback?.description
        self.top = top
        ties = d.ties.map(TieChange.init)
        partnersEntering = d.partnersEntering
        partnersLeaving = d.partnersLeaving
        self.centrality = centrality.map(CentralityChange.init)
    }
}
