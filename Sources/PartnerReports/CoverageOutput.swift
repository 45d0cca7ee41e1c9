import FigureStyle
import PartnerAnalysis
import PartnerGraph

/// The strategy settings of `coverage` and `gaps` JSON: the strategy file,
/// horizon, cadences, lookback, agreement types, themes and (gaps only) the
/// number of missing-link suggestions.
public struct StrategySettings: Codable, Sendable, Equatable {
    /// The strategy file as given, or nil for the built-in defaults.
    @JSONNullable public var strategy: String?
    public var horizon: String
    /// Expected span between joint activities, by tie type.
    public var cadence: [String: String]
    /// `--lookback` for every type, or nil for the per-type lookbacks.
    @JSONNullable public var lookback: String?
    public var agreementTypes: [String]
    public var themes: [String]
    /// Missing-link suggestions (gaps only; the key is left out when nil).
    public var top: Int?

    public init(strategy: String?, horizon: String, cadence: [String: String], lookback: String?,
                agreementTypes: [String], themes: [String], top: Int? = nil) {
        self.strategy = strategy
        self.horizon = horizon
        self.cadence = cadence
        self.lookback = lookback
        self.agreementTypes = agreementTypes
        self.themes = themes
        self.top = top
    }

    /// The settings of `strategy`, read from `path` (nil: the defaults).
    public init(path: String?, strategy s: Strategy, lookback: Lookback?, top: Int? = nil) {
        var cadence: [String: String] = [:]
        for c in s.sortedCadences { cadence[c.type] = c.span.description }
        self.init(strategy: path, horizon: s.horizon.description, cadence: cadence, lookback: lookback?.description,
                  agreementTypes: s.agreementTypes, themes: s.themes, top: top)
    }
}

/// `null` (no tie with the focal partner started by the date), `"ongoing"`, or
/// the latest end (YYYY-MM-DD) of a tie that ended before the date.
func lastActivityText(_ a: LastActivity) -> String? {
    switch a {
    case .never: nil
    case .ongoing: "ongoing"
    case .ended(let d): d.description
    }
}

/// An expected category and how far the focal partner covers it.
public struct CategoryCoverageOutput: Codable, Sendable, Equatable {
    public var kind: String
    public var min: Int
    public var known: Int
    public var covered: Int
    /// covered / known (0 when none is known).
    @JSONNumber public var share: Double
    public var met: Bool
    /// Covered partners per current tie type.
    public var byType: [String: Int]
    /// See ``lastActivityText(_:)``: nil, `ongoing` or a day.
    @JSONNullable public var lastActivity: String?
    public var coveredPartners: [String]

    public init(_ c: CategoryCoverage) {
        kind = c.kind
        min = c.minimum
        known = c.known.count
        covered = c.covered.count
        share = c.share
        met = c.isMet
        var byType: [String: Int] = [:]
        for t in c.byType { byType[t.type] = t.partners }
        self.byType = byType
        lastActivity = lastActivityText(c.lastActivity)
        coveredPartners = c.covered
    }
}

/// A named expected partner of the strategy (inline or roster).
public struct PartnerCoverageOutput: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var kind: String
    public var inGraph: Bool
    public var covered: Bool
    public var currentTypes: [String]
    @JSONNullable public var lastActivity: String?

    public init(_ p: PartnerCoverage) {
        id = p.id
        name = p.name
        kind = p.kind
        inGraph = p.inGraph
        covered = p.isCovered
        currentTypes = p.currentTypes
        lastActivity = lastActivityText(p.lastActivity)
    }
}

/// `partnergraph coverage --format json` (`Schemas/coverage.schema.json`):
/// one report as of a date.
public struct CoverageOutput: Codable, Sendable, Equatable {
    public var asOf: String
    public var focal: String
    public var settings: StrategySettings
    public var coverage: [CategoryCoverageOutput]
    public var partnerCoverage: [PartnerCoverageOutput]

    public init(_ r: CoverageReport, settings: StrategySettings) {
        asOf = r.asOf.description
        focal = r.focal
        self.settings = settings
        coverage = r.categories.map(CategoryCoverageOutput.init)
        partnerCoverage = r.partners.map(PartnerCoverageOutput.init)
    }
}

/// `partnergraph coverage --years FROM...TO --format json`: the focal
/// partner, the settings (as in the snapshot form) and one report per year
/// as of 31 December.
public struct CoverageYearsOutput: Codable, Sendable, Equatable {
    /// One year's report.
    public struct Year: Codable, Sendable, Equatable {
        public var year: Int
        public var asOf: String
        public var coverage: [CategoryCoverageOutput]
        public var partnerCoverage: [PartnerCoverageOutput]

        public init(_ r: CoverageReport) {
            year = r.asOf.year
            asOf = r.asOf.description
            coverage = r.categories.map(CategoryCoverageOutput.init)
            partnerCoverage = r.partners.map(PartnerCoverageOutput.init)
        }
    }

    public var focal: String
    public var settings: StrategySettings
    public var byYear: [Year]

    /// - Precondition: `reports` is not empty.
    public init(_ reports: [CoverageReport], settings: StrategySettings) {
        precondition(!reports.isEmpty, "coverage by year needs at least one year")
        focal = reports[0].focal
        self.settings = settings
        byYear = reports.map(Year.init)
    }
}
