import PartnerGraph

/// When the focal partner last worked with a partner (or a category) as of a date.
public enum LastActivity: Hashable, Sendable, CustomStringConvertible {
    /// No tie with the focal partner started on or before the date.
    case never
    /// A tie runs through the date (an ongoing agreement or liaison, an
    /// undated one, or an activity in progress).
    case ongoing
    /// The latest end of a tie that ended before the date.
    case ended(Day)

    /// `never`, `ongoing` or the day.
    public var description: String {
        switch self {
        case .never: return "never"
        case .ongoing: return "ongoing"
        case .ended(let d): return d.description
        }
    }

    /// More recent of two (ongoing beats any day, any day beats never).
    func merged(with other: LastActivity) -> LastActivity {
        switch (self, other) {
        case (.ongoing, _), (_, .ongoing): return .ongoing
        case (.never, let x), (let x, .never): return x
        case (.ended(let a), .ended(let b)): return .ended(max(a, b))
        }
    }
}

/// Coverage of one expected category: its known partners and those with a
/// current tie to the focal partner.
public struct CategoryCoverage: Hashable, Sendable {
    /// The partner kind.
    public let kind: String
    /// Minimum number of covered partners the strategy asks for.
    public let minimum: Int
    /// Ids of the partners known in this category (in the graph, or named by
    /// the strategy's roster or partners), the focal partner excluded; sorted.
    public let known: [String]
    /// Ids of the known partners with a current tie to the focal partner; sorted.
    public let covered: [String]
    /// For each tie type, how many covered partners have a current tie of
    /// that type to the focal partner; sorted by type.
    public let byType: [TypeCount]
    /// The latest activity between the focal partner and any partner of the category.
    public let lastActivity: LastActivity

    /// `covered / known`, 0 when no partner is known.
    public var share: Double { known.isEmpty ? 0 : Double(covered.count) / Double(known.count) }
    /// Whether at least `minimum` partners are covered.
    public var isMet: Bool { covered.count >= minimum }
}

/// How many covered partners have a current tie of one type.
public struct TypeCount: Hashable, Sendable {
    public let type: String
    public let partners: Int
}

/// Coverage of one named expected partner.
public struct PartnerCoverage: Hashable, Sendable {
    public let id: String
    /// Name from the graph, else from the strategy, else the id.
    public let name: String
    /// Kind from the graph, else from the strategy, else empty.
    public let kind: String
    /// Whether the graph holds the partner.
    public let inGraph: Bool
    /// Types of the current ties to the focal partner, sorted (empty: uncovered).
    public let currentTypes: [String]
    /// The latest activity with the focal partner.
    public let lastActivity: LastActivity
    /// The latest tie with the focal partner that started on or before the date, if any.
    public let lastTie: Int?

    /// Whether a current tie joins the partner to the focal partner.
    public var isCovered: Bool { !currentTypes.isEmpty }
}

/// Coverage as of one date: per expected category and per named partner.
public struct CoverageReport: Hashable, Sendable {
    public let asOf: Day
    public let focal: String
    public let categories: [CategoryCoverage]
    public let partners: [PartnerCoverage]
}

/// Measures what the strategy expects against the focal partner's ties
/// (DESIGN.md "Coverage reports"): for each expected category, the partners
/// known, those with a current tie to the focal partner, the tie types, the
/// last activity and the share covered; for each named partner, whether it is
/// covered and when it was last active.
///
/// Without expected categories in the strategy, every kind in the graph is
/// reported with minimum 1. A tie is current as in
/// ``PartnerNetwork/isCurrent(_:at:lookback:)``.
///
/// ```swift
/// let c = try Coverage(network: net, strategy: strategy)
/// for year in 2000...2016 { print(c.report(asOf: Day(year: year, month: 12, day: 31)!).categories) }
/// ```
///
/// - Complexity: construction O(P + T); each ``report(asOf:lookback:)`` is
///   O(F + P) for the F ties of the focal partner and the P partners known,
///   so a `--years` trend over Y years is O(P + T + Y·(F + P)).
public struct Coverage: Sendable {
    public let network: PartnerNetwork
    public let strategy: Strategy
    public let focal: String
    /// The categories reported (the strategy's, or every kind with minimum 1).
    public let categories: [ExpectedCategory]
    private let focalTies: [Int]
    private let knownByKind: [String: [String]]
    private let kindOf: [String: String]

    /// Prepares coverage of `network` under `strategy`.
    /// - Parameter focal: overrides the strategy's and the graph's focal partner.
    /// - Throws: ``AnalysisError/invalidArgument(_:)`` when no focal partner is
    ///   given anywhere or the graph does not hold it.
    public init(network: PartnerNetwork, strategy: Strategy = Strategy(), focal: String? = nil) throws(AnalysisError) {
        let f = try Coverage.resolveFocal(network: network, strategy: strategy, focal: focal)
        self.network = network
        self.strategy = strategy
        self.focal = f
        focalTies = network.ties.indices.filter {
            let t = network.ties[$0]
            return (t.source == f) != (t.target == f)
        }
        var kinds: [String: String] = [:]
        var known: [String: Set<String>] = [:]
        for p in network.partners where p.id != f {
            kinds[p.id] = p.kind
            known[p.kind, default: []].insert(p.id)
        }
        for e in strategy.partners where e.id != f && kinds[e.id] == nil {
            if let k = e.kind {
                kinds[e.id] = k
                known[k, default: []].insert(e.id)
            }
        }
        kindOf = kinds
        knownByKind = known.mapValues { $0.sorted() }
        categories = strategy.categories.isEmpty
            ? known.keys.sorted().map { ExpectedCategory(kind: $0) }
            : strategy.categories
    }

    /// The focal partner: `focal`, else the strategy's, else the graph's.
    static func resolveFocal(network: PartnerNetwork, strategy: Strategy, focal: String?) throws(AnalysisError) -> String {
        guard let f = focal ?? strategy.focal ?? network.focal else {
            throw AnalysisError.invalidArgument("no focal partner: give --focal, or 'focal' in the strategy or the graph file")
        }
        guard network.partner(id: f) != nil else {
            let s = Suggestion.closest(to: f, among: network.partners.map(\.id))
            throw AnalysisError.invalidArgument("unknown focal partner '\(f)'" + (s.map { " (did you mean '\($0)'?)" } ?? ""))
        }
        return f
    }

    /// Coverage as of `day`.
    /// - Parameter lookback: one lookback for every tie type instead of the per-type default.
    /// - Complexity: O(F + P).
    public func report(asOf day: Day, lookback: Lookback? = nil) -> CoverageReport {
        var currentTypes: [String: Set<String>] = [:]
        var last: [String: LastActivity] = [:]
        var lastTie: [String: (index: Int, key: Int)] = [:]
        for i in focalTies {
            let t = network.ties[i]
            guard let other = t.otherEnd(from: focal) else { continue }
            let iv = network.interval(of: t)
            if let s = iv.start, s > day { continue }
            if network.isCurrent(t, at: day, lookback: lookback) { currentTypes[other, default: []].insert(t.type) }
            let a: LastActivity = iv.end.map { $0 >= day ? .ongoing : .ended($0) } ?? .ongoing
            last[other] = (last[other] ?? .never).merged(with: a)
            let key = a == .ongoing ? Int.max : (iv.end?.ordinal ?? Int.max)
            if let prev = lastTie[other], prev.key >= key { continue }
            lastTie[other] = (i, key)
        }
        var cats: [CategoryCoverage] = []
        for c in categories {
            let known = knownByKind[c.kind] ?? []
            var covered: [String] = []
            var types: [String: Int] = [:]
            var act = LastActivity.never
            for id in known {
                if let ts = currentTypes[id] {
                    covered.append(id)
                    for t in ts { types[t, default: 0] += 1 }
                }
                if let a = last[id] { act = act.merged(with: a) }
            }
            cats.append(CategoryCoverage(kind: c.kind, minimum: c.minimum, known: known, covered: covered,
                                         byType: types.keys.sorted().map { TypeCount(type: $0, partners: types[$0]!) }, lastActivity: act))
        }
        var seen = Set<String>()
        var parts: [PartnerCoverage] = []
        for e in strategy.partners where seen.insert(e.id).inserted {
            let p = network.partner(id: e.id)
            parts.append(PartnerCoverage(id: e.id, name: p?.name ?? e.name ?? e.id, kind: p?.kind ?? e.kind ?? "",
                                         inGraph: p != nil, currentTypes: (currentTypes[e.id] ?? []).sorted(),
                                         lastActivity: last[e.id] ?? .never, lastTie: lastTie[e.id]?.index))
        }
        return CoverageReport(asOf: day, focal: focal, categories: cats, partners: parts)
    }

    /// Ids of the known partners of a kind (graph and strategy), focal excluded, sorted.
    public func knownPartners(ofKind kind: String) -> [String] { knownByKind[kind] ?? [] }

    /// The kind of a known partner (graph or strategy).
    public func kind(of id: String) -> String? { kindOf[id] }
}
