import FigureStyle
import PartnerAnalysis
import PartnerGraph

/// `partnergraph gaps --format json` (`Schemas/gaps.schema.json`).
public struct GapsOutput: Codable, Sendable, Equatable {
    /// Gap counts and the size of the snapshot.
    public struct Summary: Codable, Sendable, Equatable {
        public var gaps, high, medium, low, currentTies, partnersWithCurrentTie, pairs: Int
    }

    /// A tie that shows the gap.
    public struct Evidence: Codable, Sendable, Equatable {
        public var tie: String
        public var type: String
        @JSONNullable public var start: String?
        @JSONNullable public var end: String?
    }

    /// The scores of a suggested missing link.
    public struct Link: Codable, Sendable, Equatable {
        public var commonPartners: [String]
        @JSONNumber public var adamicAdar: Double?
        @JSONNumber public var jaccard: Double?
        @JSONNumber public var resourceAllocation: Double?
        public var sharedThemes: [String]
    }

    /// One gap.
    public struct Item: Codable, Sendable, Equatable {
        public var kind: String
        public var severity: String
        public var partners: [String]
        public var evidence: [Evidence]
        @JSONNumber public var score: Double?
        /// Missing links only.
        public var link: Link?
        public var action: String
    }

    /// Current ties between categories: `ties[i][j]` between `kinds[i]` and `kinds[j]`.
    public struct Matrix: Codable, Sendable, Equatable {
        public var kinds: [String]
        public var ties: [[Int]]
    }

    public var asOf: String
    public var focal: String
    public var settings: StrategySettings
    public var summary: Summary
    public var gaps: [Item]
    public var coverage: [CategoryCoverageOutput]
    public var partnerCoverage: [PartnerCoverageOutput]
    public var categoryMatrix: Matrix

    public init(_ r: GapReport, settings: StrategySettings) {
        asOf = r.asOf.description
        focal = r.focal
        self.settings = settings
        func count(_ l: GapSeverity) -> Int { r.gaps.filter { $0.severity == l }.count }
        summary = Summary(gaps: r.gaps.count, high: count(.high), medium: count(.medium), low: count(.low),
                          currentTies: r.currentTieCount, partnersWithCurrentTie: r.projectedPartners, pairs: r.projectedPairs)
        gaps = r.gaps.map { g in
            Item(kind: g.kind.rawValue, severity: g.severity.rawValue, partners: g.partners,
                 evidence: g.evidence.map { Evidence(tie: $0.tie, type: $0.type, start: $0.start?.description, end: $0.end?.description) },
                 score: g.score,
                 link: g.link.map { Link(commonPartners: $0.commonPartners, adamicAdar: $0.adamicAdar, jaccard: $0.jaccard,
                                         resourceAllocation: $0.resourceAllocation, sharedThemes: $0.sharedThemes) },
                 action: g.action)
        }
        coverage = r.coverage.categories.map(CategoryCoverageOutput.init)
        partnerCoverage = r.coverage.partners.map(PartnerCoverageOutput.init)
        categoryMatrix = Matrix(kinds: r.categoryMatrix.kinds, ties: r.categoryMatrix.counts)
    }
}
