import FigureStyle
import PartnerGraph

/// `partnergraph summary --format json` (`Schemas/summary.schema.json`):
/// everything the summary table shows — the title, the as-of date and
/// lookback, partner and tie counts, the date range, partners by kind, ties
/// by type (with their states, weight and lookback) and the focal partner's
/// current ties.
public struct SummaryOutput: Codable, Sendable, Equatable {
    /// One partner kind: partners of it, and those with a current tie.
    public struct KindCount: Codable, Sendable, Equatable {
        public var kind: String
        public var partners: Int
        public var current: Int
        public init(kind: String, partners: Int, current: Int) {
            self.kind = kind
            self.partners = partners
            self.current = current
        }
    }

    /// One tie type: its ties by state at the as-of date, its weight and lookback.
    public struct TieTypeCount: Codable, Sendable, Equatable {
        public var type: String
        public var ties: Int
        public var current: Int
        public var ended: Int
        public var upcoming: Int
        /// Ties without a start or an end.
        public var undated: Int
        /// The pair weight of a tie of this type (settings, else 1).
        @JSONNumber public var weight: Double
        /// The lookback applied (`--lookback`, else the type's).
        public var lookback: String

        public init(type: String, ties: Int, current: Int, ended: Int, upcoming: Int, undated: Int, weight: Double, lookback: String) {
            self.type = type
            self.ties = ties
            self.current = current
            self.ended = ended
            self.upcoming = upcoming
            self.undated = undated
            self.weight = weight
            self.lookback = lookback
        }
    }

    /// The earliest and the latest date of any tie, as written.
    public struct DateRange: Codable, Sendable, Equatable {
        public var earliest: String
        public var latest: String
        public init(earliest: String, latest: String) {
            self.earliest = earliest
            self.latest = latest
        }
    }

    /// One current tie of the focal partner.
    public struct FocalTie: Codable, Sendable, Equatable {
        public var type: String
        /// The partner at the other end.
        public var partner: String
        /// Its kind (empty when it is not in the graph).
        public var kind: String
        @JSONNullable public var start: String?
        @JSONNullable public var end: String?
        @JSONNullable public var label: String?

        public init(type: String, partner: String, kind: String, start: String?, end: String?, label: String?) {
            self.type = type
            self.partner = partner
            self.kind = kind
            self.start = start
            self.end = end
            self.label = label
        }
    }

    public var asOf: String
    @JSONNullable public var title: String?
    /// `--lookback` for every type, or nil for the per-type lookbacks (in `tiesByType`).
    @JSONNullable public var lookback: String?
    public var partners: Int
    public var ties: Int
    /// nil when no tie has a date.
    @JSONNullable public var dateRange: DateRange?
    public var currentTies: Int
    public var partnersWithCurrentTie: Int
    public var partnersByKind: [KindCount]
    public var tiesByType: [TieTypeCount]
    @JSONNullable public var focal: String?
    @JSONNullable public var focalName: String?
    public var focalCurrentTies: [FocalTie]

    public init(asOf: String, title: String?, lookback: String?, partners: Int, ties: Int, dateRange: DateRange?,
                currentTies: Int, partnersWithCurrentTie: Int, partnersByKind: [KindCount], tiesByType: [TieTypeCount],
                focal: String?, focalName: String?, focalCurrentTies: [FocalTie]) {
        self.asOf = asOf
        self.title = title
        self.lookback = lookback
        self.partners = partners
        self.ties = ties
        self.dateRange = dateRange
        self.currentTies = currentTies
        self.partnersWithCurrentTie = partnersWithCurrentTie
        self.partnersByKind = partnersByKind
        self.tiesByType = tiesByType
        self.focal = focal
        self.focalName = focalName
        self.focalCurrentTies = focalCurrentTies
    }

    /// The summary of `network` as of `day`: kinds and types sorted, the
    /// focal partner's current ties sorted by type, partner and start.
    ///
    /// - Complexity: O(k · (n + m)) for k kinds and types, n partners and m ties.
    public init(network net: PartnerNetwork, asOf day: Day, lookback: Lookback?, focal: String?) {
        let current = net.currentTies(at: day, lookback: lookback)
        var present = Set<String>()
        for i in current { present.insert(net.ties[i].source); present.insert(net.ties[i].target) }
        let kinds = Set(net.partners.map(\.kind)).sorted().map { k in
            let ps = net.partners.filter { $0.kind == k }
            return KindCount(kind: k, partners: ps.count, current: ps.filter { present.contains($0.id) }.count)
        }
        let types = Set(net.ties.map(\.type)).sorted().map { t in
            let idx = net.ties.indices.filter { net.ties[$0].type == t }
            let states = idx.map { net.state(of: net.ties[$0], at: day, lookback: lookback) }
            let def = net.settings.definition(of: t) ?? TieTypeDefinition(name: t, weight: 1)
            return TieTypeCount(type: t, ties: idx.count, current: states.filter { $0 == .current }.count,
                                ended: states.filter { $0 == .ended }.count, upcoming: states.filter { $0 == .upcoming }.count,
                                undated: idx.filter { net.ties[$0].start == nil && net.ties[$0].end == nil }.count,
                                weight: def.weight, lookback: (lookback ?? def.lookback).description)
        }
        var focalTies: [FocalTie] = []
        if let f = focal {
            focalTies = current.filter { net.ties[$0].source == f || net.ties[$0].target == f }.map { i in
                let t = net.ties[i]
                let other = t.otherEnd(from: f) ?? ""
                return FocalTie(type: t.type, partner: other, kind: net.partner(id: other)?.kind ?? "",
                                start: t.start?.description, end: t.end?.description, label: t.label)
            }.sorted { ($0.type, $0.partner, $0.start ?? "") < ($1.type, $1.partner, $1.start ?? "") }
        }
        self.init(asOf: day.description, title: net.title, lookback: lookback?.description,
                  partners: net.partners.count, ties: net.ties.count,
                  dateRange: net.dateRange.map { DateRange(earliest: $0.earliest.description, latest: $0.latest.description) },
                  currentTies: current.count, partnersWithCurrentTie: present.count, partnersByKind: kinds, tiesByType: types,
                  focal: focal, focalName: focal.map { net.partner(id: $0)?.name ?? $0 }, focalCurrentTies: focalTies)
    }
}
