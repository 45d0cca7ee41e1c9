import PartnerGraph

/// A tie a finding rests on: its reference (id or `#N`), type and dates.
public struct GapEvidence: Hashable, Sendable {
    /// Index into ``PartnerNetwork/ties``.
    public let tieIndex: Int
    /// The tie's id, or `#N` (see ``PartnerNetwork/reference(ofTie:)``).
    public let tie: String
    public let type: String
    public let start: PartialDate?
    public let end: PartialDate?

    /// The evidence for tie number `index` of `network`.
    public init(network: PartnerNetwork, tie index: Int) {
        let t = network.ties[index]
        tieIndex = index
        tie = network.reference(ofTie: index)
        type = t.type
        start = t.start
        end = t.end
    }
}

/// The link-prediction scores of a `missing-link` finding.
public struct LinkScores: Hashable, Sendable {
    /// Ids of the common partners, sorted.
    public let commonPartners: [String]
    public let adamicAdar: Double
    public let jaccard: Double
    public let resourceAllocation: Double
    /// Strategy themes both partners share (empty without a theme filter).
    public let sharedThemes: [String]
}

/// One coordination gap: what is missing, how urgent, who, the ties it
/// rests on, a score where one applies, and a one-line suggested action.
public struct Gap: Hashable, Sendable {
    public let kind: GapKind
    public let severity: GapSeverity
    /// Partner ids, in the order the kind documents (for example broker first,
    /// then dependants; a pair sorted).
    public let partners: [String]
    public let evidence: [GapEvidence]
    /// `single-broker`: dependants cut off if the broker goes; `bridge-tie`:
    /// partners on the smaller side; `missing-link`: Adamic–Adar;
    /// `uncovered-category`: partners missing to reach the minimum; else `nil`.
    public let score: Double?
    /// One line saying what to do.
    public let action: String
    /// Scores of a `missing-link` finding.
    public let link: LinkScores?

    public init(kind: GapKind, severity: GapSeverity, partners: [String], evidence: [GapEvidence] = [],
                score: Double? = nil, action: String, link: LinkScores? = nil) {
        self.kind = kind
        self.severity = severity
        self.partners = partners
        self.evidence = evidence
        self.score = score
        self.action = action
        self.link = link
    }

    /// The deterministic listing order: severity (high first), kind (as
    /// declared in ``GapKind``), score (to 9 decimals) descending (findings
    /// without a score last), partner ids, evidence references, then the
    /// action text (so the order never depends on how findings were collected).
    public static func listsBefore(_ a: Gap, _ b: Gap) -> Bool {
        if a.severity != b.severity { return a.severity < b.severity }
        if a.kind != b.kind { return a.kind < b.kind }
        switch (a.score.map { ($0 * 1e9).rounded() }, b.score.map { ($0 * 1e9).rounded() }) {
        case let (x?, y?) where x != y: return x > y
        case (.some, nil): return true
        case (nil, .some): return false
        default: break
        }
        if a.partners != b.partners { return a.partners.lexicographicallyPrecedes(b.partners) }
        let ea = a.evidence.map(\.tie), eb = b.evidence.map(\.tie)
        if ea != eb { return ea.lexicographicallyPrecedes(eb) }
        return a.action < b.action
    }
}

/// The number of current ties between every two partner kinds.
public struct CategoryMatrix: Hashable, Sendable {
    /// Kinds, sorted; rows and columns follow this order.
    public let kinds: [String]
    /// `counts[i][j]`: current ties joining a partner of `kinds[i]` to one of
    /// `kinds[j]` (symmetric; the diagonal counts ties within a kind).
    public let counts: [[Int]]

    /// The count for two kinds (0 when either is unknown).
    public func count(_ a: String, _ b: String) -> Int {
        guard let i = kinds.firstIndex(of: a), let j = kinds.firstIndex(of: b) else { return 0 }
        return counts[i][j]
    }
}

/// The findings of ``GapFinder/report(asOf:lookback:kinds:top:)``.
public struct GapReport: Sendable {
    public let asOf: Day
    public let focal: String
    /// Findings in ``Gap/listsBefore(_:_:)`` order.
    public let gaps: [Gap]
    /// Coverage at the same date (used by the `uncovered-*` kinds).
    public let coverage: CoverageReport
    /// Current ties between kinds.
    public let categoryMatrix: CategoryMatrix
    /// Number of current ties.
    public let currentTieCount: Int
    /// Partners with a current tie.
    public let projectedPartners: Int
    /// Pairs with a current tie.
    public let projectedPairs: Int

    /// Whether some finding has `severity` or a more urgent one.
    public func hasGaps(atLeast severity: GapSeverity) -> Bool {
        gaps.contains { $0.severity.isAtLeast(severity) }
    }
}

/// Finds coordination gaps (DESIGN.md "Coordination gaps"): what a
/// ``Strategy`` expects against what the ties show at a date.
///
/// | kind | rule | partners | score |
/// |---|---|---|---|
/// | `uncovered-category` | fewer than `minimum` partners of the kind have a current tie to the focal partner | focal, then the uncovered candidates | partners missing |
/// | `uncovered-partner` | a named partner has no current tie to the focal partner | the partner | – |
/// | `isolated-partner` | a partner of the graph has no current tie | the partner | – |
/// | `lapsed-agreement` | an agreement's end is before the as-of date and no agreement between the pair ends later (or is open) | the pair | – |
/// | `expiring-agreement` | a started agreement ends in `[asOf, asOf + horizon]` and none between the pair ends later | the pair | – |
/// | `dormant-liaison` | a current tie of a type with a cadence `c`, started before `asOf − c`, and no event tie (joint activity) between the pair meets `[asOf − c, asOf]` | the pair | – |
/// | `single-broker` | every path from some partners to the focal partner passes through one other partner (a cut vertex of the current projection) | broker, then the dependants whose nearest broker it is | all dependants |
/// | `bridge-tie` | the pair's current ties are a bridge of the projection | the pair | partners on the smaller side |
/// | `missing-link` | untied pair at distance two (sharing a strategy theme, when themes are given), top K by Adamic–Adar; on a two-mode graph (`settings.modes`) never two partners of one side | the pair | Adamic–Adar |
/// | `category-gap` | an expected category pair has no current tie between them (on a two-mode graph, not a pair of one side's kinds) | – | – |
///
/// The graph-structure kinds run on the undirected ``Projection`` at the date.
///
/// - Complexity: O(P + T + n + m + Σ_w deg(w)² / 2 + G log G) for P
///   partners, T ties, the projection's n nodes and m pairs, and G findings
///   (link prediction scores only pairs at distance two).
public struct GapFinder: Sendable {
    public let network: PartnerNetwork
    public let strategy: Strategy
    public let focal: String
    private let coverage: Coverage

    /// Prepares gap finding.
    /// - Parameter focal: overrides the strategy's and the graph's focal partner.
    /// - Throws: ``AnalysisError/invalidArgument(_:)`` when there is no focal
    ///   partner or the graph does not hold it.
    public init(network: PartnerNetwork, strategy: Strategy = Strategy(), focal: String? = nil) throws(AnalysisError) {
        coverage = try Coverage(network: network, strategy: strategy, focal: focal)
        self.network = network
        self.strategy = strategy
        self.focal = coverage.focal
    }

    /// The gaps as of `day`.
    /// - Parameters:
    ///   - lookback: one lookback for every tie type instead of the per-type default.
    ///   - kinds: the kinds to look for (default: the strategy's).
    ///   - top: how many `missing-link` findings (default: the strategy's `top`).
    /// - Throws: ``AnalysisError`` when the projection cannot be built (a
    ///   weight that is not positive and finite).
    public func report(asOf day: Day, lookback: Lookback? = nil, kinds: Set<GapKind>? = nil, top: Int? = nil) throws -> GapReport {
        let kinds = kinds ?? strategy.kinds
        let net = network
        let projection = try Projection(network: net, asOf: day, lookback: lookback)
        let cov = coverage.report(asOf: day, lookback: lookback)
        var gaps: [Gap] = []
        func severity(_ k: GapKind) -> GapSeverity { strategy.severity(of: k) }

        if kinds.contains(.uncoveredCategory) { gaps += uncoveredCategories(cov) }
        if kinds.contains(.uncoveredPartner) { gaps += uncoveredPartners(cov) }
        var hasCurrent = [Bool](repeating: false, count: net.partners.count)
        for p in projection.partnerIndices { hasCurrent[p] = true }
        let facts = TieFacts(net)
        if kinds.contains(.isolatedPartner) {
            var lastTie = [Int](repeating: -1, count: net.partners.count)
            var anyTie = [Bool](repeating: false, count: net.partners.count)
            for i in 0..<net.ties.count {
                for end in 0..<2 {
                    let p = Int(end == 0 ? facts.source[i] : facts.target[i])
                    guard p >= 0, !hasCurrent[p] else { continue }
                    anyTie[p] = true
                    if facts.start[i] > day.ordinal { continue }
                    if lastTie[p] < 0 || facts.end[i] >= facts.end[lastTie[p]] { lastTie[p] = i }
                }
            }
            for (p, partner) in net.partners.enumerated() where !hasCurrent[p] {
                let t = lastTie[p]
                let ev = t >= 0 ? [GapEvidence(network: net, tie: t)] : []
                let when = t >= 0 ? "last tie \(net.reference(ofTie: t))" + (facts.end[t] == Int.max ? "" : " ended \(Day(ordinal: facts.end[t]))")
                    : (anyTie[p] ? "only upcoming ties" : "no tie at all")
                gaps.append(Gap(kind: .isolatedPartner, severity: severity(.isolatedPartner), partners: [partner.id],
                                evidence: ev, action: "Re-engage \(partner.id) or retire it from the graph: no current tie (\(when))"))
            }
        }
        if kinds.contains(.lapsedAgreement) || kinds.contains(.expiringAgreement) {
            gaps += agreementGaps(day: day, kinds: kinds, facts: facts)
        }
        if kinds.contains(.dormantLiaison) { gaps += dormantLiaisons(day: day, lookback: lookback, facts: facts) }
        if kinds.contains(.singleBroker) || kinds.contains(.bridgeTie) {
            gaps += structuralGaps(projection, kinds: kinds, facts: facts)
        }
        if kinds.contains(.missingLink) { gaps += try missingLinks(projection, top: top ?? strategy.top) }
        let matrix = Self.categoryMatrix(net, ties: projection.tieIndices, extraKinds: strategy.categoryPairs.flatMap { [$0.first, $0.second] }, facts: facts)
        if kinds.contains(.categoryGap) {
            // On a two-mode graph, categories of one side can never be tied: not a gap.
            let settings = net.settings
            func sameSide(_ a: String, _ b: String) -> Bool {
                guard settings.isTwoMode, let x = settings.side(ofKind: a), let y = settings.side(ofKind: b) else { return false }
                return x == y
            }
            for pair in strategy.categoryPairs where matrix.count(pair.first, pair.second) == 0 && !sameSide(pair.first, pair.second) {
                let what = pair.first == pair.second
                    ? "no current tie joins two of its partners"
                    : "no current tie joins the two categories"
                gaps.append(Gap(kind: .categoryGap, severity: severity(.categoryGap), partners: [],
                                action: "Bring '\(pair.first)' and '\(pair.second)' partners together: \(what)"))
            }
        }
        gaps.sort(by: Gap.listsBefore)
        return GapReport(asOf: day, focal: focal, gaps: gaps, coverage: cov, categoryMatrix: matrix,
                         currentTieCount: projection.tieIndices.count, projectedPartners: projection.ids.count,
                         projectedPairs: projection.graph.edgeCount)
    }

    // MARK: Coverage kinds

    private func uncoveredCategories(_ cov: CoverageReport) -> [Gap] {
        var out: [Gap] = []
        let severities = Dictionary(strategy.categories.map { ($0.kind, $0.severity) }, uniquingKeysWith: { a, _ in a })
        for c in cov.categories where !c.isMet && !strategy.categories.isEmpty {
            let coveredSet = Set(c.covered)
            let candidates = c.known.filter { !coveredSet.contains($0) }
            let missing = c.minimum - c.covered.count
            out.append(Gap(kind: .uncoveredCategory,
                           severity: (severities[c.kind] ?? nil) ?? strategy.severity(of: .uncoveredCategory),
                           partners: [focal] + candidates, score: Double(missing),
                           action: "Build current ties with \(missing) more '\(c.kind)' partner\(missing == 1 ? "" : "s") "
                               + "(\(c.covered.count) of the \(c.minimum) expected; \(candidates.count) known candidate\(candidates.count == 1 ? "" : "s"))"))
        }
        return out
    }

    private func uncoveredPartners(_ cov: CoverageReport) -> [Gap] {
        var out: [Gap] = []
        let severities = Dictionary(strategy.partners.map { ($0.id, $0.severity) }, uniquingKeysWith: { a, _ in a })
        for p in cov.partners where !p.isCovered && p.id != focal {
            let action: String
            var ev: [GapEvidence] = []
            if let t = p.lastTie {
                ev = [GapEvidence(network: network, tie: t)]
                action = "Re-engage \(p.id): no current tie with \(focal); last: \(network.reference(ofTie: t)) (\(network.ties[t].type), \(p.lastActivity))"
            } else {
                action = "Establish a first tie between \(focal) and \(p.id)" + (p.inGraph ? "" : " (not yet in the graph)")
            }
            out.append(Gap(kind: .uncoveredPartner,
                           severity: (severities[p.id] ?? nil) ?? strategy.severity(of: .uncoveredPartner),
                           partners: [p.id], evidence: ev, action: action))
        }
        return out
    }

    // MARK: Time kinds

    private static func pairKey(_ a: Int, _ b: Int) -> UInt64 {
        UInt64(UInt32(min(a, b))) << 32 | UInt64(UInt32(max(a, b)))
    }

    private func pairIDs(_ t: Tie) -> [String] { [t.source, t.target].sorted() }

    /// `(pair key, tie)` for the ties passing `include`, sorted by key then tie index.
    /// - Complexity: O(T + k log k) for the k ties kept.
    private static func byPair(_ facts: TieFacts, _ include: (Int) -> Bool) -> [(key: UInt64, tie: Int)] {
        var out: [(key: UInt64, tie: Int)] = []
        for i in 0..<facts.type.count where include(i) {
            if let k = facts.pairKey(i) { out.append((k, i)) }
        }
        out.sort { $0.key != $1.key ? $0.key < $1.key : $0.tie < $1.tie }
        return out
    }

    /// Calls `body` with each run of equal keys (as a range of `items`).
    private static func groups(_ items: [(key: UInt64, tie: Int)], _ body: (Range<Int>) -> Void) {
        var lo = 0
        while lo < items.count {
            var hi = lo + 1
            while hi < items.count && items[hi].key == items[lo].key { hi += 1 }
            body(lo..<hi)
            lo = hi
        }
    }

    private func agreementGaps(day: Day, kinds: Set<GapKind>, facts: TieFacts) -> [Gap] {
        let net = network
        let types = Set(strategy.agreementTypes)
        let isAgreement = facts.typeNames.map { types.contains($0) }
        let agreements = Self.byPair(facts) { isAgreement[Int(facts.type[$0])] }
        let horizonEnd = day.adding(years: strategy.horizon.years, months: strategy.horizon.months, days: strategy.horizon.days)
        var out: [Gap] = []
        if kinds.contains(.lapsedAgreement) {
            // The model's rule, shared with timelines and diffs; one gap per pair.
            var lapsedByPair: [[String]: [Int]] = [:]
            for i in net.lapsedAgreements(at: day, agreementTypes: types) {
                lapsedByPair[pairIDs(net.ties[i]), default: []].append(i)
            }
            for pair in lapsedByPair.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                let last = lapsedByPair[pair]!
                let t = net.ties[last[0]]
                let end = Day(ordinal: facts.end[last[0]])
                out.append(Gap(kind: .lapsedAgreement, severity: strategy.severity(of: .lapsedAgreement), partners: pair,
                               evidence: last.map { GapEvidence(network: net, tie: $0) },
                               action: "Renew the \(t.type) between \(pair[0]) and \(pair[1]): it ended \(end) and nothing replaced it"))
            }
        }
        Self.groups(agreements) { range in
            // The latest end among the pair's agreements (open ends are latest).
            var latest = Int.min
            for k in range { latest = max(latest, facts.end[agreements[k].tie]) }
            guard latest != Int.max else { return }
            let last = range.map { agreements[$0].tie }.filter { facts.end[$0] == latest }
            let end = Day(ordinal: latest)
            let t = net.ties[last[0]]
            let pair = pairIDs(t)
            if end >= day, end <= horizonEnd, kinds.contains(.expiringAgreement) {
                let started = last.filter { facts.start[$0] <= day.ordinal }
                guard !started.isEmpty else { return }
                out.append(Gap(kind: .expiringAgreement, severity: strategy.severity(of: .expiringAgreement), partners: pair,
                               evidence: started.map { GapEvidence(network: net, tie: $0) },
                               action: "Prepare the renewal of the \(t.type) between \(pair[0]) and \(pair[1]): it ends \(end), within \(strategy.horizon)"))
            }
        }
        return out
    }

    private func dormantLiaisons(day: Day, lookback: Lookback?, facts: TieFacts) -> [Gap] {
        let net = network
        guard !strategy.cadences.isEmpty else { return [] }
        let cadence: [Lookback?] = facts.typeNames.enumerated().map { facts.typeIsEvent[$0.offset] ? nil : strategy.cadences[$0.element] }
        let windowStarts = facts.windowStarts(at: day, lookback: lookback)
        let events = Self.byPair(facts) { facts.typeIsEvent[Int(facts.type[$0])] }
        let watched = Self.byPair(facts) { i in
            guard let c = cadence[Int(facts.type[i])], facts.isCurrent(i, day: day.ordinal, windowStarts: windowStarts) else { return false }
            return facts.start[i] <= c.windowStart(endingAt: day).ordinal  // younger than its cadence: not yet due
        }
        var eventRange: [UInt64: Range<Int>] = [:]
        Self.groups(events) { eventRange[events[$0.lowerBound].key] = $0 }
        var out: [Gap] = []
        Self.groups(watched) { range in
            // One finding per pair and tie type.
            var byType: [Int32: [Int]] = [:]
            for k in range { byType[facts.type[watched[k].tie], default: []].append(watched[k].tie) }
            for (ti, ties) in byType {
                let c = cadence[Int(ti)]!
                let from = c.windowStart(endingAt: day).ordinal
                let pairEvents = eventRange[watched[range.lowerBound].key].map { r in r.map { events[$0].tie } } ?? []
                if pairEvents.contains(where: { facts.start[$0] <= day.ordinal && facts.end[$0] >= from }) { continue }
                // The latest joint activity before the window, if any.
                var lastEvent: Int?
                for e in pairEvents where facts.start[e] <= day.ordinal {
                    if lastEvent == nil || facts.end[e] > facts.end[lastEvent!] { lastEvent = e }
                }
                let t = net.ties[ties[0]]
                let pair = pairIDs(t)
                let ev = ties.map { GapEvidence(network: net, tie: $0) } + (lastEvent.map { [GapEvidence(network: net, tie: $0)] } ?? [])
                let since = lastEvent.map { "last was \(net.reference(ofTie: $0))" + (facts.end[$0] == Int.max ? "" : ", ended \(Day(ordinal: facts.end[$0]))") } ?? "none recorded"
                out.append(Gap(kind: .dormantLiaison, severity: strategy.severity(of: .dormantLiaison), partners: pair, evidence: ev,
                               action: "Plan a joint activity of \(pair[0]) and \(pair[1]): no joint activity within the \(t.type) cadence of \(c) (\(since))"))
            }
        }
        return out
    }

    // MARK: Structure kinds

    /// Single brokers relative to the focal partner and bridges, from the
    /// projection's low-link forest (``CSRGraph/lowLinkForest(startingAt:)``,
    /// the search behind articulation points and bridges; the focal
    /// partner's component first): discovery times, low links and subtree sizes.
    ///
    /// A tree edge `p → c` with `low[c] ≥ disc[p]` and `p` not the focal
    /// partner means `p` lies on every path from `c`'s subtree to the focal
    /// partner (Tarjan's articulation-point condition relative to the DFS
    /// root, i.e. the block-cut tree walked from the focal partner's block);
    /// `low[c] > disc[p]` makes `p – c` a bridge.
    /// - Complexity: O(n + m).
    private func structuralGaps(_ projection: Projection, kinds: Set<GapKind>, facts: TieFacts) -> [Gap] {
        let g = projection.graph
        let n = g.nodeCount
        guard n > 0 else { return [] }
        let ids = projection.ids
        let focalNode = projection.node(of: focal)
        let forest = g.lowLinkForest(startingAt: focalNode.map { [$0] } ?? [])
        let parent = forest.parent, size = forest.subtreeSize, rootOf = forest.root

        // Evidence: the current ties of the pairs we report, in one pass.
        var nodeOfPartner = [Int32](repeating: -1, count: network.partners.count)
        for (k, p) in projection.partnerIndices.enumerated() { nodeOfPartner[p] = Int32(k) }
        var wanted: [UInt64: [Int]] = [:]
        var bridgeEdges: [(Int, Int)] = []
        var brokerChildren: [Int: [Int]] = [:]
        var dependants = [Int32](repeating: 0, count: n)
        var qualifies = [Bool](repeating: false, count: n)
        for v in 0..<n {
            let p = Int(parent[v])
            guard p >= 0 else { continue }
            if kinds.contains(.bridgeTie), forest.isBridge(child: v) {
                bridgeEdges.append((p, v))
                wanted[Self.pairKey(p, v)] = []
            }
            if kinds.contains(.singleBroker), let f = focalNode, rootOf[v] == Int32(f), p != f, forest.separates(child: v) {
                qualifies[v] = true
                dependants[p] += size[v]
                brokerChildren[p, default: []].append(v)
                wanted[Self.pairKey(p, v)] = []
            }
        }
        if !wanted.isEmpty {
            for i in projection.tieIndices {
                let a = Int(facts.source[i]), b = Int(facts.target[i])
                guard a >= 0, b >= 0 else { continue }
                let x = Int(nodeOfPartner[a]), y = Int(nodeOfPartner[b])
                guard x >= 0, y >= 0, x != y else { continue }
                let key = Self.pairKey(x, y)
                if wanted[key] != nil { wanted[key]!.append(i) }
            }
        }
        var out: [Gap] = []
        for (p, v) in bridgeEdges {
            let total = size[Int(rootOf[v])]
            let smaller = Int(min(size[v], total - size[v]))
            let pair = [ids[p], ids[v]].sorted()
            let ev = (wanted[Self.pairKey(p, v)] ?? []).map { GapEvidence(network: network, tie: $0) }
            let split = smaller == 1
                ? "its loss cuts off \(size[v] == 1 ? ids[v] : ids[p])"
                : "its loss splits \(smaller) partners from the other \(Int(total) - smaller)"
            out.append(Gap(kind: .bridgeTie, severity: strategy.severity(of: .bridgeTie), partners: pair, evidence: ev,
                           score: Double(smaller),
                           action: "Add a second path around \(pair[0])–\(pair[1]): \(split)"))
        }
        if kinds.contains(.singleBroker), let f = focalNode {
            // Nearest broker of every node of the focal component, in preorder.
            var nearest = [Int32](repeating: -1, count: n)
            var direct: [Int: [Int]] = [:]
            for x in forest.preorder where rootOf[Int(x)] == Int32(f) {
                let v = Int(x)
                let p = Int(parent[v])
                guard p >= 0 else { continue }
                nearest[v] = qualifies[v] ? Int32(p) : nearest[p]
                if nearest[v] >= 0 { direct[Int(nearest[v]), default: []].append(v) }
            }
            for w in brokerChildren.keys.sorted() {
                let deps = (direct[w] ?? []).map { ids[$0] }.sorted()
                let total = Int(dependants[w])
                var ev: [GapEvidence] = []
                for c in brokerChildren[w]!.sorted() {
                    ev += (wanted[Self.pairKey(w, c)] ?? []).map { GapEvidence(network: network, tie: $0) }
                }
                ev.sort { $0.tieIndex < $1.tieIndex }
                let sample = deps.prefix(3).joined(separator: ", ") + (deps.count > 3 ? ", …" : "")
                out.append(Gap(kind: .singleBroker, severity: strategy.severity(of: .singleBroker), partners: [ids[w]] + deps,
                               evidence: ev, score: Double(total),
                               action: "Tie \(total == 1 ? "the partner" : "the \(total) partners") that reach \(focal) only through \(ids[w]) (\(sample)) to \(focal) or another partner"))
            }
        }
        return out
    }

    private func missingLinks(_ projection: Projection, top: Int) throws -> [Gap] {
        let g = projection.graph
        let ids = projection.ids
        let themes = strategy.themes
        var eligible: ((Int, Int) -> Bool)?
        var themeSets: [[Int]] = []
        if !themes.isEmpty {
            let index = Dictionary(themes.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            let words = (themes.count + 63) / 64
            var masks = [UInt64](repeating: 0, count: g.nodeCount * words)
            themeSets = projection.partnerIndices.map { p in
                Set(network.partners[p].themes.compactMap { index[$0] }).sorted()
            }
            for (v, set) in themeSets.enumerated() {
                for t in set { masks[v * words + t / 64] |= 1 << UInt64(t % 64) }
            }
            let m = masks
            eligible = { u, v in
                for k in 0..<words where m[u * words + k] & m[v * words + k] != 0 { return true }
                return false
            }
        }
        // A two-mode graph cannot tie two partners of one side: no introduction between them.
        if network.settings.isTwoMode {
            let partnerSides = network.partnerSides()
            let sides = projection.partnerIndices.map { partnerSides[$0] ?? -1 }
            let themed = eligible
            eligible = { u, v in sides[u] != sides[v] && (themed?(u, v) ?? true) }
        }
        let candidates = try g.topLinkCandidates(top, where: eligible)
        return candidates.map { c in
            let common = g.commonNeighbors(c.u, c.v).map { ids[$0] }.sorted()
            let shared = themeSets.isEmpty ? [] : Set(themeSets[c.u]).intersection(themeSets[c.v]).sorted().map { themes[$0] }
            let sample = common.prefix(3).joined(separator: ", ") + (common.count > 3 ? ", …" : "")
            return Gap(kind: .missingLink, severity: strategy.severity(of: .missingLink), partners: [ids[c.u], ids[c.v]],
                       score: c.adamicAdar,
                       action: "Introduce \(ids[c.u]) and \(ids[c.v]): \(c.commonNeighbors) common partner\(c.commonNeighbors == 1 ? "" : "s") (\(sample)); "
                           + "Jaccard \(NumberFormatting.fixed(c.jaccard, digits: 4)), resource allocation \(NumberFormatting.fixed(c.resourceAllocation, digits: 4))"
                           + (shared.isEmpty ? "" : "; shared themes: \(shared.joined(separator: ", "))"),
                       link: LinkScores(commonPartners: common, adamicAdar: c.adamicAdar, jaccard: c.jaccard,
                                        resourceAllocation: c.resourceAllocation, sharedThemes: shared))
        }
    }

    /// Counts current ties between kinds (every kind of the graph plus `extraKinds`).
    /// - Complexity: O(P + T + K²) for K kinds.
    public static func categoryMatrix(_ net: PartnerNetwork, ties: [Int], extraKinds: [String] = []) -> CategoryMatrix {
        categoryMatrix(net, ties: ties, extraKinds: extraKinds, facts: TieFacts(net))
    }

    static func categoryMatrix(_ net: PartnerNetwork, ties: [Int], extraKinds: [String], facts: TieFacts) -> CategoryMatrix {
        let kinds = Set(net.partners.map(\.kind) + extraKinds).sorted()
        let index = Dictionary(uniqueKeysWithValues: kinds.enumerated().map { ($1, $0) })
        let kindOf = net.partners.map { index[$0.kind]! }
        var counts = [[Int]](repeating: [Int](repeating: 0, count: kinds.count), count: kinds.count)
        for i in ties {
            let a = Int(facts.source[i]), b = Int(facts.target[i])
            guard a >= 0, b >= 0 else { continue }
            let x = kindOf[a], y = kindOf[b]
            counts[x][y] += 1
            if x != y { counts[y][x] += 1 }
        }
        return CategoryMatrix(kinds: kinds, counts: counts)
    }
}

/// Per-tie facts computed once per report, so the gap kinds never hash a
/// partner id or look up a type definition twice: endpoint partner indices,
/// the tie's day interval as ordinals, its type as a small integer.
/// - Complexity: O(T) to build, O(1) per query.
struct TieFacts {
    /// Index into `network.partners` of each tie's source and target (-1 when unknown).
    let source: [Int32]
    let target: [Int32]
    /// First and last day ordinals of each tie's interval (`Int.min` / `Int.max` when open).
    let start: [Int]
    let end: [Int]
    /// Type number of each tie; `typeNames`, `typeIsEvent`, `typeLookback` are indexed by it.
    let type: [Int32]
    let typeNames: [String]
    let typeIsEvent: [Bool]
    let typeLookback: [Lookback]

    init(_ net: PartnerNetwork) {
        let n = net.ties.count
        var source = [Int32](repeating: -1, count: n), target = [Int32](repeating: -1, count: n)
        var start = [Int](repeating: Int.min, count: n), end = [Int](repeating: Int.max, count: n)
        var type = [Int32](repeating: 0, count: n)
        var cache: [String: Int32] = [:]
        var names: [String] = [], events: [Bool] = [], lookbacks: [Lookback] = []
        for (i, t) in net.ties.enumerated() {
            let ti: Int32
            if let c = cache[t.type] { ti = c } else {
                let def = net.typeDefinition(of: t)
                ti = Int32(names.count)
                cache[t.type] = ti
                names.append(t.type); events.append(def.isEvent); lookbacks.append(def.lookback)
            }
            type[i] = ti
            source[i] = Int32(net.index(ofPartner: t.source) ?? -1)
            target[i] = Int32(net.index(ofPartner: t.target) ?? -1)
            if let s = t.start { start[i] = s.firstDay.ordinal }
            if let e = t.end { end[i] = e.lastDay.ordinal } else if let s = t.start, events[Int(ti)] { end[i] = s.lastDay.ordinal }
        }
        self.source = source; self.target = target; self.start = start; self.end = end; self.type = type
        typeNames = names; typeIsEvent = events; typeLookback = lookbacks
    }

    /// The first day of each type's lookback window ending at `day` (one lookback for all when given).
    func windowStarts(at day: Day, lookback: Lookback?) -> [Int] {
        typeLookback.map { (lookback ?? $0).windowStart(endingAt: day).ordinal }
    }

    /// Whether tie `i` is current at `day` (as ``PartnerNetwork/isCurrent(_:at:lookback:)``).
    @inline(__always) func isCurrent(_ i: Int, day: Int, windowStarts: [Int]) -> Bool {
        start[i] <= day && end[i] >= windowStarts[Int(type[i])]
    }

    /// The pair key of tie `i` (smaller partner index in the high half), or `nil` for an unknown endpoint or a self-tie.
    @inline(__always) func pairKey(_ i: Int) -> UInt64? {
        let a = source[i], b = target[i]
        guard a >= 0, b >= 0, a != b else { return nil }
        return UInt64(UInt32(min(a, b))) << 32 | UInt64(UInt32(max(a, b)))
    }
}
