import PartnerGraph

/// A per-partner measure used to size nodes (for example betweenness).
public struct NodeMeasure: Sendable, Hashable {
    /// The measure's name, shown in titles and the legend (`betweenness`).
    public var name: String
    /// Values by partner id; partners without a value get the smallest size.
    public var values: [String: Double]

    public init(name: String, values: [String: Double]) {
        self.name = name
        self.values = values
    }
}

/// A suggested introduction between two untied partners (a `missing-link` gap).
public struct SuggestedLink: Sendable, Hashable {
    public var first: String
    public var second: String
    /// The ranking score (Adamic–Adar), shown in the element title.
    public var score: Double?

    public init(first: String, second: String, score: Double? = nil) {
        self.first = first
        self.second = second
        self.score = score
    }
}

/// What to draw: a network as of a date, and what to emphasise.
public struct PartnerFigure: Sendable, Hashable {
    public var network: PartnerNetwork
    /// The snapshot date: ties current then are drawn in their type's style.
    public var asOf: Day
    /// Partners to draw; nil draws every partner. Filters (`--kind`, `--top`,
    /// `--ego`) are applied by the caller through this set.
    public var partnerIDs: Set<String>?
    /// Draw ties that ended before the lookback window, greyed.
    public var showsLapsedTies: Bool
    /// Pairs whose current weight is below this are not drawn (`--min-weight`).
    public var minimumPairWeight: Double
    /// Sizes nodes by this measure (`--size-by`).
    public var sizeMeasure: NodeMeasure?
    /// Drawn dashed red (`--highlight-gaps`).
    public var suggestedLinks: [SuggestedLink]
    /// Overrides every type's lookback when set.
    public var lookback: Lookback?

    public init(
        network: PartnerNetwork, asOf: Day, partnerIDs: Set<String>? = nil, showsLapsedTies: Bool = true,
        minimumPairWeight: Double = 0, sizeMeasure: NodeMeasure? = nil, suggestedLinks: [SuggestedLink] = [],
        lookback: Lookback? = nil
    ) {
        self.network = network
        self.asOf = asOf
        self.partnerIDs = partnerIDs
        self.showsLapsedTies = showsLapsedTies
        self.minimumPairWeight = minimumPairWeight
        self.sizeMeasure = sizeMeasure
        self.suggestedLinks = suggestedLinks
        self.lookback = lookback
    }
}

/// A styled DOT document and the text the SVG post-processing needs.
public struct StyledPartnerDOT: Sendable, Hashable {
    public var document: DOTDocument
    /// Accessible titles by DOT `id` (`node-…`, `edge-…`): name, kind, activity.
    public var elementTitles: [String: String]
    /// The figure's title (the network's title, or "Partner network").
    public var title: String
    /// A one-sentence summary: as-of date and counts.
    public var description: String
    /// Kinds drawn, sorted (what the legend lists).
    public var kinds: [String]
    /// Tie types drawn (current or lapsed), sorted (what the legend lists).
    public var tieTypes: [String]
}
