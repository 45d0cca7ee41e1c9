import DOTRendering
import FigureStyle
import Foundation
import GraphvizRendering
import PartnerAnalysis
import PartnerGraph

/// The strategy-review report of a network as of a date, computed once: the
/// network figure, timeline and coverage chart, the ranked tables, gaps,
/// changes, methods and provenance, as a ``ReportDocument`` to write as
/// HTML or Markdown, and the network figure alone as SVG.
///
/// ```swift
/// var options = StrategyReview.Options(asOf: day)
/// let review = try StrategyReview(network: net, strategy: plan, options: options,
///                                 renderer: GraphvizRenderer())
/// let html = review.document.html()
/// ```
public struct StrategyReview {
    /// What to review and how to draw it.
    public struct Options: Sendable {
        /// The report date.
        public var day: Day
        /// The date the changes are counted from (default: a year before `day`).
        public var before: Day
        /// A lookback for every tie type instead of the per-type defaults.
        public var lookback: Lookback?
        /// The years of the timeline, the coverage chart and the snapshots (default: the ten up to `day`).
        public var years: [Int]
        /// Rows in the ranked tables.
        public var top = 10
        /// Eigenvector and PageRank tolerance.
        public var tolerance = CSRGraph.defaultTolerance
        /// The layout engine; nil: chosen by the graph's shape (``NetworkFigure``).
        public var engine: LayoutEngine?
        /// The page every figure is drawn for.
        public var page = Page.standard
        /// Whether the network figure carries the title and headline figures (the SVG report).
        public var withHeader = false
        /// Whether to draw one network snapshot per year, all with the same positions.
        public var snapshots = false
        /// The graph file's path, for the methods section.
        public var source = "<input>"
        /// The strategy file's path, for the methods section; nil: defaults.
        public var strategyPath: String?

        public init(asOf day: Day) {
            self.day = day
            before = day.adding(years: -1)
            years = Array((day.year - 9)...day.year)
        }
    }

    /// The report, ready to write as HTML or Markdown.
    public var document: ReportDocument
    /// Warnings from Graphviz while drawing.
    public var warnings: [String] = []
    /// What the network figure left out or numbered to fit the page.
    public var notes: [String] = []
    /// The network figure alone (with a header when ``Options/withHeader``).
    public let diagramSVG: String
    /// The headline figures: partners, the focal partner's ties, coverage, gaps.
    public let keyFigures: [ReportDocument.Figure]
    /// The report's title.
    public let title: String
    /// The report date.
    public let day: Day

    /// Reviews `net` (whose ``PartnerNetwork/focal`` must be set to one of
    /// its partners) against `plan`, drawing through `renderer`.
    /// - Throws: ``GraphvizError`` from a layout, or the analysis' errors.
    public init(network net: PartnerNetwork, strategy plan: Strategy, options o: Options, renderer: GraphvizRenderer) throws {
        precondition(net.focal.flatMap(net.partner(id:)) != nil, "StrategyReview needs the network's focal partner")
        let day = o.day, before = o.before, lookback = o.lookback, years = o.years, top = o.top, tolerance = o.tolerance
        let engine = o.engine, page = o.page, withHeader = o.withHeader, snapshots = o.snapshots
        let source = o.source, strategyPath = o.strategyPath
        self.day = day
        let focal = net.focal!
        let focalName = net.partner(id: focal)?.name ?? focal
        title = net.title ?? "Partnership review of \(focalName)"

        // Analysis at the as-of date.
        let projection = try Projection(network: net, asOf: day, lookback: lookback)
        var measureOptions = MeasureOptions()
        measureOptions.tolerance = tolerance
        let measures = try PartnerMeasures(projection: projection, measures: [.degree, .strength, .betweenness, .closeness,
                                                                               .eigenvector, .pagerank, .constraint, .effectiveSize, .community],
                                           kinds: projection.partnerIndices.map { net.partners[$0].kind }, options: measureOptions)
        let gaps = try GapFinder(network: net, strategy: plan, focal: focal).report(asOf: day, lookback: lookback)
        let coverage = try Coverage(network: net, strategy: plan, focal: focal)
        // The changes reuse the analysis at `day` (the same definitions: normalised betweenness, PageRank to the tolerance).
        let values = { (m: Measure) in (measures.values[m] ?? []).map { $0 ?? 0 } }
        let later = projection.graph.nodeCount > 0
            ? CentralitySnapshot(projection: projection, degree: values(.degree), betweenness: values(.betweenness), pagerank: values(.pagerank))
            : nil
        let diff = try NetworkDiff(network: net, from: before, to: day, lookback: lookback,
                                   agreementTypes: Set(plan.agreementTypes), tolerance: tolerance, later: later)

        // Figures.
        let betweenness = measures.values[.betweenness] ?? []
        let sizes = NodeMeasure(name: "betweenness", values: Dictionary(uniqueKeysWithValues: projection.ids.enumerated().compactMap { i, id in
            betweenness[i].map { (id, $0) }
        }))
        let suggested = Array(SuggestedLink.missingLinks(in: gaps).prefix(5))
        let drawn = FigureSelection().partners(of: net, asOf: day, lookback: lookback)
        var options = NetworkFigure.Options(page: page, engine: engine, idPrefix: "net-")
        if withHeader {
            options.header = FigureHeader(title: title, subtitle: "\(focalName) · as of \(day)",
                                          figures: Self.headlineFigures(projection: projection, net: net, focal: focal, focalName: focalName,
                                                                        coverage: coverage, gaps: gaps, day: day, lookback: lookback)
                                              .prefix(3).map { ($0.value, $0.label) })
        }
        let figure = PartnerFigure(network: net, asOf: day, partnerIDs: drawn, sizeMeasure: sizes,
                                   suggestedLinks: Array(suggested), lookback: lookback)
        let diagram = try NetworkFigure.render(figure, ranking: sizes.values, rankingName: "betweenness", options: options,
                                               format: .svg, renderer: renderer)
        diagramSVG = String(decoding: diagram.bytes, as: UTF8.self)
        warnings += diagram.warnings
        notes += diagram.reductions
        let timeline = Timeline(network: net, asOf: day, focal: focal, fromYear: years.first, toYear: max(years.last ?? day.year, day.year),
                                agreementTypes: Set(plan.agreementTypes), page: page).svg()
        let reports = years.map { coverage.report(asOf: Day(year: $0, month: 12, day: 31)!, lookback: lookback) }
        let categoryKinds = reports.last?.categories.map(\.kind) ?? []
        let chartRows = categoryKinds.map { kind in
            CoverageChart.Row(label: kind, cells: reports.map { r in
                let c = r.categories.first { $0.kind == kind }
                return CoverageChart.Cell(covered: c?.covered.count ?? 0, known: c?.known.count ?? 0)
            })
        }
        let coverageSVG = CoverageChart(title: "Coverage of expected partner categories by \(focalName)", years: years, rows: chartRows, page: page).svg()

        // Headline figures.
        let now = coverage.report(asOf: day, lookback: lookback)
        keyFigures = Self.headlineFigures(projection: projection, net: net, focal: focal, focalName: focalName,
                                          coverage: coverage, gaps: gaps, day: day, lookback: lookback)

        func name(_ id: String) -> String { net.partner(id: id)?.name ?? id }
        func fmt(_ v: Double?) -> String { v.map { NumberFormatting.fixed($0, digits: 3) } ?? "–" }

        // Ranked tables.
        let nodes = Array(0..<projection.ids.count)
        let byBetweenness = nodes.sorted { (betweenness[$0] ?? 0, projection.ids[$1]) > (betweenness[$1] ?? 0, projection.ids[$0]) }
        let v = measures.values
        let topTable = ReportDocument.Table(
            caption: "Top \(min(top, nodes.count)) partners by betweenness, as of \(day)",
            headers: ["Partner", "Kind", "Degree", "Strength", "Betweenness", "Eigenvector", "PageRank"], numeric: [2, 3, 4, 5, 6],
            rows: byBetweenness.prefix(top).map { i in
                let p = net.partners[projection.partnerIndices[i]]
                return [p.name, p.kind, (v[.degree]?[i] ?? nil).map { String(Int($0)) } ?? "–", fmt(v[.strength]?[i] ?? nil),
                        fmt(v[.betweenness]?[i] ?? nil), fmt(v[.eigenvector]?[i] ?? nil), fmt(v[.pagerank]?[i] ?? nil)]
            })
        let brokers = byBetweenness.filter { (betweenness[$0] ?? 0) > 0 }
        let brokerTable = ReportDocument.Table(
            caption: "Brokers: partners on shortest paths between others (lower constraint = more brokerage opportunity)",
            headers: ["Partner", "Kind", "Betweenness", "Constraint", "Effective size", "Articulation point"], numeric: [2, 3, 4],
            rows: brokers.prefix(top).map { i in
                let p = net.partners[projection.partnerIndices[i]]
                return [p.name, p.kind, fmt(v[.betweenness]?[i] ?? nil), fmt(v[.constraint]?[i] ?? nil),
                        fmt(v[.effectiveSize]?[i] ?? nil), measures.articulationPoints.contains(i) ? "yes" : "no"]
            })

        // Gaps.
        let gapTable = ReportDocument.Table(
            caption: "Coordination gaps as of \(day), most urgent first",
            headers: ["Severity", "Gap", "Partners", "Evidence", "Suggested action"],
            rows: gaps.gaps.map { g in
                [g.severity.rawValue, g.kind.rawValue, g.partners.map(name).joined(separator: "; "),
                 g.evidence.map { "\($0.tie) (\($0.type), \($0.start?.description ?? "?")–\($0.end?.description ?? ""))" }.joined(separator: "; "),
                 g.action]
            })
        let coverageTable = ReportDocument.Table(
            caption: "Coverage of expected categories as of \(day)",
            headers: ["Category", "Known", "With a current tie", "Share", "Minimum", "Last activity"], numeric: [1, 2, 3, 4],
            rows: now.categories.map { c in
                [c.kind, String(c.known.count), String(c.covered.count), NumberFormatting.fixed(c.share * 100, digits: 0) + "%",
                 String(c.minimum), c.lastActivity.description]
            })

        // Changes.
        let changeTable = ReportDocument.Table(
            caption: "Ties that started, ended or lapsed between \(before) and \(day)",
            headers: ["Change", "Tie", "Type", "Between", "Start", "End"],
            rows: diff.ties.map { [$0.change, $0.reference, $0.type, "\(name($0.source)) – \(name($0.target))",
                                   $0.start?.description ?? "", $0.end?.description ?? ""] })
        let moves = diff.centrality.filter { $0.measure == "betweenness" }.prefix(top)
        let moveTable = ReportDocument.Table(
            caption: "Biggest betweenness rises and falls between \(before) and \(day)",
            headers: ["Partner", "Before", "After", "Change"], numeric: [1, 2, 3],
            rows: moves.map { [name($0.id), fmt($0.before), fmt($0.after), ($0.delta > 0 ? "+" : "") + fmt($0.delta)] })
        let entering: String = diff.partnersEntering.isEmpty ? "none" : diff.partnersEntering.map(name).joined(separator: ", ")
        let leaving: String = diff.partnersLeaving.isEmpty ? "none" : diff.partnersLeaving.map(name).joined(separator: ", ")
        var changeText: [String] = ["Partners entering: \(entering).", "Partners leaving: \(leaving)."]
        if diff.ties.isEmpty { changeText.insert("No tie started, ended or lapsed in this period.", at: 0) }

        // Methods and provenance.
        let lb = lookback.map { "\($0) for every tie type" }
            ?? net.settings.effectiveTypes.map { "\($0.name) \($0.lookback)" }.joined(separator: ", ")
        let weights = net.settings.effectiveTypes.map { "\($0.name) \(NumberFormatting.shortest($0.weight))" }.joined(separator: ", ")
        let strategyText: String = strategyPath.map { " in \($0)" } ?? " defaults (no strategy file)"
        let cadenceText: String = plan.sortedCadences.isEmpty ? "none" : plan.sortedCadences.map { "\($0.type) \($0.span)" }.joined(separator: ", ")
        let methods: [String] = [
            "Snapshot: a tie is current on \(day) when its interval meets [\(day) − lookback, \(day)]; lookback: \(lb). A start date means the first day of its period, an end date the last day; agreements and liaisons without an end are ongoing, a joint activity without an end lasts its start's period.",
            "Projection: current ties collapse into one undirected edge per pair; pair weight = sum of the ties' weights (type weights: \(weights)). The measures below are unweighted, except strength, the sum of a partner's pair weights.",
            "Betweenness (Brandes 2001): b(v) = Σ σ_st(v) / σ_st over pairs s ≠ v ≠ t, normalised by (n − 1)(n − 2) as NetworkX. Eigenvector: the unit-length leading eigenvector, by power iteration on A + I. PageRank: α = 0.85, dangling mass spread uniformly. Both iterate until the mean change per partner is below \(NumberFormatting.shortest(tolerance)) (NetworkX's tol). Closeness: (r − 1)/Σd scaled by (r − 1)/(n − 1) (Wasserman–Faust). Burt's constraint c(i) = Σ_j (p_ij + Σ_q p_iq p_qj)² and effective size; communities by Louvain (seed 1).",
            "Gaps follow the strategy\(strategyText): renewal horizon \(plan.horizon), cadences \(cadenceText). Suggested links rank untied pairs at distance two by Adamic–Adar, Σ 1/log deg(w) over common partners w.",
            "Data: \(source), \(net.partners.count) partners and \(net.ties.count) ties; report as of \(day), compared with \(before).",
        ]
        let provenance = ReportDocument.Table(
            caption: "Every tie and the source it rests on",
            headers: ["Tie", "Type", "Between", "Dates", "Source"],
            rows: net.ties.indices.map { i in
                let t = net.ties[i]
                let dates = t.start == nil && t.end == nil ? "undated" : "\(t.start?.description ?? "?")–\(t.end?.description ?? "")"
                return [net.reference(ofTie: i), t.type, "\(name(t.source)) – \(name(t.target))", dates, t.provenance ?? "(no source given)"]
            })

        var snapshotCharts: [(year: Int, chart: ReportDocument.Chart)] = []
        if snapshots {
            // One layout of every partner drawn in any year; each year reuses its positions.
            let days = years.map { Day(year: $0, month: 12, day: 31)! }
            var seriesOptions = NetworkFigure.Options(page: page, engine: engine, idPrefix: "snap-")
            let series = try NetworkFigure.seriesLayout(
                network: net, days: days, lookback: lookback, showsLapsedTies: true,
                select: { FigureSelection().partners(of: net, asOf: $0, lookback: lookback) },
                ranking: sizes.values, rankingName: "betweenness", options: seriesOptions, renderer: renderer)
            seriesOptions.positions = series.layout.positions
            seriesOptions.order = series.layout.order
            seriesOptions.frame = series.layout.frame
            seriesOptions.reduction = series.layout.reduction
            for (d, ids) in zip(days, series.selections) {
                seriesOptions.idPrefix = "snap\(d.year)-"
                let yearFigure = PartnerFigure(network: net, asOf: d, partnerIDs: ids, lookback: lookback)
                let s = try NetworkFigure.render(yearFigure, ranking: sizes.values, rankingName: "betweenness", options: seriesOptions,
                                                 format: .svg, renderer: renderer)
                snapshotCharts.append((d.year, .init(id: "snapshot-\(d.year)", caption: "The network as of \(d), every partner where it is in the other years.",
                                                     alternative: "Network diagram as of \(d)", svg: String(decoding: s.bytes, as: UTF8.self))))
            }
        }

        let sections: [ReportDocument.Section] = [
            .init(id: "network", heading: "The network as of \(day)",
                  paragraphs: ["\(projection.ids.count) partners have at least one current tie; \(projection.tieIndices.count) ties are current between \(projection.graph.edgeCount) pairs in \(measures.componentCount) connected component\(measures.componentCount == 1 ? "" : "s")."],
                  charts: [.init(id: "network", caption: "Partners as of \(day): colour and shape by kind, line style by tie type, size by betweenness; dashed red lines are suggested introductions; grey lines have lapsed.",
                                 alternative: "Network diagram of \(projection.ids.count) partners and their current ties as of \(day)", svg: diagramSVG)]),
            .init(id: "timeline", heading: "Ties over time",
                  charts: [.init(id: "timeline", caption: "Ties of \(focalName) by partner, \(years.first ?? day.year)–\(day.year); the red line is \(day).",
                                 alternative: "Timeline of the ties of \(focalName)", svg: timeline)]),
            .init(id: "coverage", heading: "Coverage",
                  charts: [.init(id: "coverage", caption: "Share of each expected category's partners with a current tie to \(focalName), by year (31 December).",
                                 alternative: "Heat map of coverage by category and year", svg: coverageSVG)],
                  tables: [coverageTable]),
            .init(id: "centrality", heading: "Central partners and brokers", tables: [topTable, brokerTable]),
            .init(id: "gaps", heading: "Coordination gaps", paragraphs: gaps.gaps.isEmpty ? ["No gaps found."] : [], tables: [gapTable]),
            .init(id: "changes", heading: "Changes since \(before)", paragraphs: changeText, tables: [changeTable, moveTable]),
            .init(id: "methods", heading: "Methods", paragraphs: methods),
            .init(id: "provenance", heading: "Data provenance", tables: [provenance]),
        ]
        document = ReportDocument(title: title, subtitle: "\(focalName) · as of \(day) · compared with \(before)",
                                  figures: keyFigures, sections: sections, snapshots: snapshotCharts)
    }

    /// The headline figures: partners, the focal partner's ties, coverage, gaps.
    public static func headlineFigures(projection: Projection, net: PartnerNetwork, focal: String, focalName: String, coverage: Coverage,
                                gaps: GapReport, day: Day, lookback: Lookback?) -> [ReportDocument.Figure] {
        let now = coverage.report(asOf: day, lookback: lookback)
        let coveredCats = now.categories.filter(\.isMet).count
        let high = gaps.gaps.filter { $0.severity == .high }.count, medium = gaps.gaps.filter { $0.severity == .medium }.count
        let low = gaps.gaps.filter { $0.severity == .low }.count
        let focalTies = projection.tieIndices.filter { net.ties[$0].source == focal || net.ties[$0].target == focal }.count
        return [
            .init(label: "Partners with a current tie", value: "\(projection.ids.count) of \(net.partners.count)"),
            .init(label: "Current ties of \(focalName)", value: "\(focalTies)"),
            .init(label: "Expected categories covered", value: "\(coveredCats) of \(now.categories.count)"),
            .init(label: "Gaps (high / medium / low)", value: "\(high) / \(medium) / \(low)"),
        ]
    }
}
