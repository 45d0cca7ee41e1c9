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
        public var start: String?
        public var end: String?
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

        enum CodingKeys: String, CodingKey { case change, tie, type, source, target, start, end, details }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(change, forKey: .change)
            try c.encode(tie, forKey: .tie)
            try c.encode(type, forKey: .type)
            try c.encode(source, forKey: .source)
            try c.encode(target, forKey: .target)
            try c.encodeOrNull(start, forKey: .start)
            try c.encodeOrNull(end, forKey: .end)
            try c.encode(details, forKey: .details)
        }
    }

    /// One partner's change of a centrality measure; nil where a value is not finite.
    public struct CentralityChange: Codable, Sendable, Equatable {
        public var measure: String
        public var id: String
        /// 0 for a partner not in the earlier graph.
        public var before: Double?
        /// 0 for a partner not in the later graph.
        public var after: Double?
        public var delta: Double?

        public init(_ d: NetworkDiff.CentralityDelta) {
            func finite(_ x: Double) -> Double? { x.isFinite ? x : nil }
            measure = d.measure
            id = d.id
            before = finite(d.before)
            after = finite(d.after)
            delta = finite(d.delta)
        }

        enum CodingKeys: String, CodingKey { case measure, id, before, after, delta }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(measure, forKey: .measure)
            try c.encode(id, forKey: .id)
            try c.encodeNumber(before, forKey: .before)
            try c.encodeNumber(after, forKey: .after)
            try c.encodeNumber(delta, forKey: .delta)
        }
    }

    public var mode: Mode
    public var from: Side
    public var to: Side
    /// `--lookback` for every type, or nil for the per-type lookbacks.
    public var lookback: String?
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

    enum CodingKeys: String, CodingKey { case mode, from, to, lookback, top, ties, partnersEntering, partnersLeaving, centrality }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(mode, forKey: .mode)
        try c.encode(from, forKey: .from)
        try c.encode(to, forKey: .to)
        try c.encodeOrNull(lookback, forKey: .lookback)
        try c.encode(top, forKey: .top)
        try c.encode(ties, forKey: .ties)
        try c.encode(partnersEntering, forKey: .partnersEntering)
        try c.encode(partnersLeaving, forKey: .partnersLeaving)
        try c.encode(centrality, forKey: .centrality)
    }
}
