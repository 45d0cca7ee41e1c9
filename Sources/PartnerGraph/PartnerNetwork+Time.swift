/// A closed interval of days; `nil` bounds are open (unknown start, ongoing end).
public struct DayInterval: Hashable, Sendable, CustomStringConvertible {
    public var start: Day?
    public var end: Day?

    public init(start: Day?, end: Day?) {
        self.start = start
        self.end = end
    }

    /// Whether the two intervals share at least one day.
    public func intersects(_ other: DayInterval) -> Bool {
        if let s = start, let e = other.end, e < s { return false }
        if let s = other.start, let e = end, e < s { return false }
        return true
    }

    /// Whether `day` lies inside.
    public func contains(_ day: Day) -> Bool { intersects(DayInterval(start: day, end: day)) }

    public var description: String { "[\(start.map(String.init(describing:)) ?? "…"), \(end.map(String.init(describing:)) ?? "…")]" }
}

/// Where a tie stands at a date.
public enum TieState: String, Sendable, CaseIterable {
    /// Starts after the date.
    case upcoming
    /// Current: its interval meets the lookback window ending at the date.
    case current
    /// Ended before the lookback window.
    case ended
}

/// The ties current at a date and the partners they touch.
public struct Snapshot: Hashable, Sendable {
    public let date: Day
    /// Indices into ``PartnerNetwork/ties``, ascending.
    public let tieIndices: [Int]
    /// Indices into ``PartnerNetwork/partners`` of partners with a current tie, ascending.
    public let partnerIndices: [Int]
}

/// First and last activity of a partner or pair.
public struct ActivitySpan: Hashable, Sendable {
    /// Earliest dated start (nil when no tie has a start).
    public var first: Day?
    /// Latest end; nil when no tie has a known end.
    public var last: Day?
    /// Whether some relationship tie has no end (still running).
    public var isOngoing: Bool
    /// Number of ties counted.
    public var tieCount: Int
}

extension PartnerNetwork {
    /// The earliest and the latest date written on any tie (start or end),
    /// as written; nil when no tie has a date.
    /// - Complexity: O(ties).
    public var dateRange: (earliest: PartialDate, latest: PartialDate)? {
        var lo: PartialDate?, hi: PartialDate?
        for t in ties {
            for d in [t.start, t.end] {
                guard let d else { continue }
                if lo == nil || d < lo! { lo = d }
                if hi == nil || hi! < d { hi = d }
            }
        }
        guard let lo, let hi else { return nil }
        return (lo, hi)
    }

    /// The days a tie covers. A start means the first day of its period, an
    /// end the last. An event type (joint-activity) without an end lasts its
    /// start's period; a relationship (agreement, liaison) without an end is
    /// ongoing. An undated tie has open bounds on both sides.
    public func interval(of tie: Tie) -> DayInterval {
        interval(of: tie, isEvent: { typeDefinition(of: tie).isEvent })
    }

    /// ``interval(of:)`` with the type's `isEvent`, looked up only for a tie with a start and no end.
    private func interval(of tie: Tie, isEvent: () -> Bool) -> DayInterval {
        let start = tie.start?.firstDay
        var end = tie.end?.lastDay
        if end == nil, let s = tie.start, isEvent() { end = s.lastDay }
        return DayInterval(start: start, end: end)
    }

    /// The lookback window `[day − lookback, day]` for a tie type.
    public func window(for tie: Tie, at day: Day, lookback: Lookback? = nil) -> DayInterval {
        let lb = lookback ?? typeDefinition(of: tie).lookback
        return DayInterval(start: lb.windowStart(endingAt: day), end: day)
    }

    /// Where a tie stands at `day`: current when its interval meets
    /// `[day − lookback, day]` (per-type lookback unless `lookback` overrides it).
    public func state(of tie: Tie, at day: Day, lookback: Lookback? = nil) -> TieState {
        // The type's definition once, for both the interval and the window.
        let definition = typeDefinition(of: tie)
        let iv = interval(of: tie, isEvent: { definition.isEvent })
        if let s = iv.start, s > day { return .upcoming }
        let lb = lookback ?? definition.lookback
        return iv.intersects(DayInterval(start: lb.windowStart(endingAt: day), end: day)) ? .current : .ended
    }

    /// Whether a tie is current at `day`.
    public func isCurrent(_ tie: Tie, at day: Day, lookback: Lookback? = nil) -> Bool {
        state(of: tie, at: day, lookback: lookback) == .current
    }

    /// Indices of the ties current at `day`, ascending.
    /// - Complexity: O(T).
    public func currentTies(at day: Day, lookback: Lookback? = nil) -> [Int] {
        ties.indices.filter { isCurrent(ties[$0], at: day, lookback: lookback) }
    }

    /// The snapshot at `day`: current ties and the partners they touch.
    /// - Complexity: O(T + P).
    public func snapshot(at day: Day, lookback: Lookback? = nil) -> Snapshot {
        let tieIdx = currentTies(at: day, lookback: lookback)
        var present = [Bool](repeating: false, count: partners.count)
        for i in tieIdx {
            if let a = index(ofPartner: ties[i].source) { present[a] = true }
            if let b = index(ofPartner: ties[i].target) { present[b] = true }
        }
        return Snapshot(date: day, tieIndices: tieIdx, partnerIndices: present.indices.filter { present[$0] })
    }

    /// Indices of the ties whose interval meets `[from, to]`, ascending.
    public func ties(within window: DayInterval) -> [Int] {
        ties.indices.filter { interval(of: ties[$0]).intersects(window) }
    }

    /// First and last activity over the ties of one partner.
    public func activity(ofPartner id: String) -> ActivitySpan {
        span(ties.indices.filter { ties[$0].source == id || ties[$0].target == id })
    }

    /// First and last activity over the ties joining two partners.
    public func activity(between a: String, and b: String) -> ActivitySpan {
        span(ties.indices.filter { ties[$0].joins(a, b) })
    }

    /// First and last activity of every partner, in one pass, indexed like ``partners``.
    /// - Complexity: O(T + P).
    public func activityByPartner() -> [ActivitySpan] {
        var spans = [ActivitySpan](repeating: ActivitySpan(first: nil, last: nil, isOngoing: false, tieCount: 0),
                                   count: partners.count)
        for t in ties {
            let iv = interval(of: t)
            let ongoing = iv.end == nil && !typeDefinition(of: t).isEvent
            // Each endpoint once (a self-tie counts once).
            if let p = index(ofPartner: t.source) { merge(&spans[p], iv, ongoing) }
            if t.target != t.source, let p = index(ofPartner: t.target) { merge(&spans[p], iv, ongoing) }
        }
        return spans
    }

    private func span(_ indices: [Int]) -> ActivitySpan {
        var s = ActivitySpan(first: nil, last: nil, isOngoing: false, tieCount: 0)
        for i in indices {
            let t = ties[i]
            let iv = interval(of: t)
            merge(&s, iv, iv.end == nil && !typeDefinition(of: t).isEvent)
        }
        return s
    }

    private func merge(_ s: inout ActivitySpan, _ iv: DayInterval, _ ongoing: Bool) {
        s.tieCount += 1
        if let a = iv.start { s.first = s.first.map { min($0, a) } ?? a }
        if let b = iv.end { s.last = s.last.map { max($0, b) } ?? b }
        if ongoing { s.isOngoing = true }
    }
}

extension PartnerNetwork {
    /// The agreements that have lapsed at `day`: each ended before `day`, and
    /// no agreement between the same pair ends later or is still open. The
    /// one rule behind the `lapsed-agreement` gap, the lapsed ties of a
    /// timeline and the `lapsed` changes of a diff.
    ///
    /// Ends are those of ``interval(of:)``: the last day of the end's period,
    /// or of the start's for an event type without an end.
    ///
    /// - Parameters:
    ///   - day: The as-of date.
    ///   - agreementTypes: The tie types that lapse and are renewed (a
    ///     strategy's `agreementTypes`).
    /// - Returns: Indices into ``ties``, ascending; several per pair when they
    ///   share the pair's latest end.
    /// - Complexity: O(T) expected (one dictionary entry per pair).
    public func lapsedAgreements(at day: Day, agreementTypes: Set<String> = ["agreement"]) -> [Int] {
        struct Pair: Hashable {
            let first: String, second: String
            init(_ tie: Tie) {
                (first, second) = tie.source <= tie.target ? (tie.source, tie.target) : (tie.target, tie.source)
            }
        }
        // The latest end per pair; nil when one of its agreements is open.
        var latest: [Pair: Day?] = [:]
        var ends: [(tie: Int, end: Day)] = []
        for (i, tie) in ties.enumerated() where agreementTypes.contains(tie.type) {
            let end = interval(of: tie).end
            let pair = Pair(tie)
            switch (latest[pair], end) {
            case (nil, _): latest[pair] = .some(end)
            case (.some(.some(let known)), .some(let e)) where e > known: latest[pair] = .some(e)
            case (.some(.some), nil): latest[pair] = .some(nil)
            default: break
            }
            if let end, end < day { ends.append((i, end)) }
        }
        return ends.filter { latest[Pair(ties[$0.tie])] == .some(.some($0.end)) }.map(\.tie)
    }
}
