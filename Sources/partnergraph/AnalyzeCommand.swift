import ArgumentParser
import Foundation
import FigureStyle
import PartnerAnalysis
import PartnerGraph
import PartnerGraphIO
import PartnerReports

struct AnalyzeCommand: ParsableCommand, ReadsData, WritesText {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Centrality and structure of the network as of a date (NetworkX conventions).",
        discussion: """
        The ties current at the as-of date collapse into one edge per pair, weighted by the sum of the \
        ties' weights (agreement 3, joint-activity 2, liaison 1 unless the file's settings say otherwise). \
        Strength always sums these weights; every other measure is unweighted unless --weighted, which \
        makes eigenvector, PageRank, constraint, effective-size and community use the weights and the \
        path measures (betweenness, closeness, harmonic) use length 1/weight.
        --directed keeps directed ties as arcs (an undirected tie is two arcs). It changes degree, \
        degree-centrality, strength and core-number (in + out), betweenness, closeness and harmonic \
        (paths follow arcs; closeness and harmonic count distances to the partner), eigenvector and \
        PageRank (in-arcs), and adds brokerage roles; clustering, constraint, effective-size, community \
        and the structure lines (components, articulation points, bridges) use the undirected graph \
        either way.

        Each measure equals the NetworkX function named, normalised as it is.
        Weights: "with --weighted", "always" or "no"; --directed: what it changes.
          measure            weights  --directed  NetworkX function, normalisation
          degree             no       in + out    G.degree
          degree-centrality  no       in + out    degree_centrality: degree / (n - 1)
          strength           always   in + out    G.degree(weight="weight")
          betweenness        with     arcs        betweenness_centrality: pair sums
                                                  divided by (n-1)(n-2)/2, directed
                                                  by (n-1)(n-2); --raw for the sums
          closeness          with     arcs in     closeness_centrality: r/(sum of
                                                  distances) * r/(n-1), r = partners
                                                  reaching it (Wasserman-Faust)
          harmonic           with     arcs in     harmonic_centrality: sum of
                                                  1/distance, not normalised
          eigenvector        with     in-arcs     eigenvector_centrality: unit
                                                  length, power iteration on A + I
          pagerank           with     arcs        pagerank: alpha 0.85, sums to 1
          core-number        no       in + out    core_number
          clustering         no       none        clustering
          constraint         with     none        constraint (Burt; undefined for
                                                  isolates)
          effective-size     with     none        effective_size (Burt; undefined
                                                  for isolates)
          community          with     none        louvain_communities (seeded); its
                                                  modularity is undefined (null, –)
                                                  for a graph without edges
        Weighted betweenness equals igraph's (equal path lengths tie within 1e-10).
        Eigenvector and PageRank iterate until the mean change per partner is below --tolerance \
        (default 1e-12; NetworkX's tol, whose own default is 1e-6) and fail with an error after \
        10,000 (eigenvector) or 1,000 (PageRank) iterations.
        """
    )

    @Argument(help: ArgumentHelp("Graph file or CSV directory.", valueName: "file"))
    var file: String

    @OptionGroup var time: AsOfOption

    @OptionGroup var yearsOption: YearsOption

    @Option(help: ArgumentHelp("Comma-separated measures (default: all).", valueName: "list"))
    var measures: String?

    @Flag(help: "Use pair weights in eigenvector, PageRank, betweenness, closeness, harmonic, constraint, effective-size and community (path length 1/weight). Strength is weighted either way.")
    var weighted = false

    @Flag(help: "Keep directed ties as arcs: directed degree, strength, core-number (in + out), betweenness, closeness, harmonic, eigenvector, PageRank; brokerage roles. Clustering, constraint, effective-size and community stay undirected.")
    var directed = false

    @Flag(name: .customLong("raw"), help: "Raw betweenness (not normalised).")
    var rawBetweenness = false

    @Option(help: "Sampled betweenness with K pivot sources (for large graphs).")
    var samples: Int?

    @Option(help: "Seed for pivot sampling and Louvain communities.")
    var seed: UInt64 = 1

    @Option(help: "Worker threads (0 = all cores).")
    var threads: Int = 0

    @Option(help: ArgumentHelp("Eigenvector and PageRank stop when the mean change per partner is below T (NetworkX's tol; default 1e-12).", valueName: "t"))
    var tolerance: Double = CSRGraph.defaultTolerance

    /// The former spelling of `--tolerance` (PageRank only then); prints a deprecation line.
    @Option(name: .customLong("pagerank-tolerance"), help: ArgumentHelp(visibility: .hidden))
    var pagerankTolerance: Double?

    @Flag(name: .customLong("include-isolated"), help: "Also list partners without a current tie, with the values of an isolated node (0, or – where undefined); they are not added to the graph, so everyone else's measures do not change.")
    var includeIsolated = false

    @Flag(name: .customLong("keep-isolated-in-graph"), help: "List partners without a current tie as nodes of the graph (NetworkX with isolated nodes added: normalised measures and PageRank of everyone change).")
    var keepIsolatedInGraph = false

    /// Only lists partners of these kinds: measures are computed on the whole network.
    @OptionGroup var kindOption: KindOption

    @Option(help: "Only list the N partners ranked highest by --sort-by.")
    var top: Int?

    @Option(name: .customLong("sort-by"), help: "Measure to rank by (default: betweenness; id for alphabetical).")
    var sortBy: String?

    @Option(help: "Output format: table, csv, json or markdown.")
    var format: OutputFormat = .table

    /// `--two-mode` / `--one-mode` (see AnalyzeCommand+TwoMode.swift); default: two-mode when the file declares settings.modes.
    @Flag var analysisMode: AnalysisMode?

    @OptionGroup var textOutput: TextOutputOption

    @OptionGroup(title: "Input limits") var readLimits: ReadLimitOptions

    func validate() throws {
        if let measures {
            for name in measures.split(separator: ",") where Measure(name: String(name)) == nil {
                throw ValidationError("--measures: unknown measure '\(name)'; known: \(Measure.allCases.map(\.optionName).joined(separator: ", ")).")
            }
        }
        if let sortBy, sortBy != "id", Measure(name: sortBy) == nil {
            throw ValidationError("--sort-by: unknown measure '\(sortBy)'.")
        }
        if let top, top < 1 { throw ValidationError("--top must be at least 1.") }
        if let samples, samples < 1 { throw ValidationError("--samples must be at least 1.") }
        if threads < 0 { throw ValidationError("--threads must be 0 (all cores) or more.") }
        try yearsOption.check(against: time)
        for (option, value) in [("--tolerance", tolerance), ("--pagerank-tolerance", pagerankTolerance ?? 1)]
        where !(value.isFinite && value > 0) {
            throw ValidationError("\(option) must be a positive number such as 1e-12.")
        }
        if pagerankTolerance != nil && tolerance != CSRGraph.defaultTolerance {
            throw ValidationError("--pagerank-tolerance is the former name of --tolerance; give only --tolerance.")
        }
        if includeIsolated && keepIsolatedInGraph {
            throw ValidationError("--include-isolated and --keep-isolated-in-graph exclude each other; --keep-isolated-in-graph lists them too.")
        }
    }

    /// `settings.isolated` in JSON: omitted, listed or in-graph.
    var isolatedName: String {
        switch isolatedPartners {
        case .omitted: "omitted"
        case .listed: "listed"
        case .inGraph: "in-graph"
        }
    }

    /// What becomes of partners without a current tie.
    var isolatedPartners: Projection.IsolatedPartners {
        keepIsolatedInGraph ? .inGraph : includeIsolated ? .listed : .omitted
    }

    var selectedMeasures: [Measure] {
        guard let measures else { return Measure.allCases }
        let chosen = Set(measures.split(separator: ",").compactMap { Measure(name: String($0)) })
        return Measure.allCases.filter { chosen.contains($0) }
    }

    var options: MeasureOptions {
        var o = MeasureOptions()
        o.weighted = weighted
        o.normalizedBetweenness = !rawBetweenness
        o.samples = samples
        o.seed = seed
        o.threads = threads
        o.tolerance = pagerankTolerance ?? tolerance
        return o
    }

    func run() throws {
        if pagerankTolerance != nil { CLI.deprecated("--pagerank-tolerance", "--tolerance") }
        let net = try CLI.load(file)
        try kindOption.check(in: net, command: "analyze")
        if try runTwoModeIfDeclared(net) { return }
        if let range = yearsOption.range {
            try runByYear(net, years: range.years)
            return
        }
        let result = try analyze(net, at: time.day)
        switch format {
        case .json: try CLI.json(jsonOutput(net, result))
        case .csv: CLI.exact(table(net, result).render(.csv))
        case .markdown:
            CLI.out("**As of \(result.projection.date)** — \(MarkdownText.escape(settingsLine(net, result)))\n\n" + table(net, result).render(.markdown))
        case .table:
            CLI.out("As of \(result.projection.date): \(settingsLine(net, result))\n\n" + table(net, result).render(.table) + structureLines(result))
        }
    }

    func analyze(_ net: PartnerNetwork, at day: Day) throws -> PartnerMeasures {
        let projection: Projection
        do {
            projection = try Projection(network: net, asOf: day, lookback: time.lookbackOverride,
                                        isolated: isolatedPartners, directed: directed)
        } catch {
            throw CLIError("\(file): cannot build the snapshot at \(day): \(error)")
        }
        let kinds = projection.partnerIndices.map { net.partners[$0].kind }
        let bar = ProgressBar(label: "analyze \(day)", minimumWork: 20_000, work: projection.graph.edgeCount * 2)
        do {
            return try PartnerMeasures(projection: projection, measures: selectedMeasures, kinds: kinds, options: options,
                                       progress: bar.update)
        } catch AnalysisError.didNotConverge(let algorithm, let iterations, let tolerance) {
            throw CLIError("\(file): analysis failed: \(algorithm) did not converge to tolerance \(tolerance) within \(iterations) iterations; "
                           + "give a larger --tolerance, or leave it out with --measures")
        } catch {
            throw CLIError("\(file): analysis failed: \(error)")
        }
    }

    // MARK: Rows

    /// Listed rows (graph nodes, then listed isolated partners): kind filter,
    /// then top-N by the sort measure; in rank order, ties by id.
    func listedNodes(_ net: PartnerNetwork, _ r: PartnerMeasures) -> [Int] {
        var nodes = Array(0..<r.ids.count).sorted { r.ids[$0] < r.ids[$1] }
        let kinds = Set(kindOption.kinds)
        if !kinds.isEmpty { nodes = nodes.filter { kinds.contains(net.partners[r.partnerIndices[$0]].kind) } }
        if let m = sortMeasure(r), let vals = r.values[m] {
            nodes.sort { a, b in
                let va = vals[a] ?? -.infinity, vb = vals[b] ?? -.infinity
                return va != vb ? va > vb : r.ids[a] < r.ids[b]
            }
        }
        if let top { nodes = Array(nodes.prefix(top)) }
        return nodes
    }

    /// The measure that ranks partners for `--top` (`--sort-by`, else
    /// betweenness, else the first measure); nil for id order.
    func sortMeasure(_ r: PartnerMeasures) -> Measure? {
        let m: Measure? = sortBy == "id" ? nil
            : (sortBy.flatMap { Measure(name: $0) } ?? (selectedMeasures.contains(.betweenness) ? .betweenness : selectedMeasures.first))
        guard let m, r.values[m] != nil else { return nil }
        return m
    }

    func table(_ net: PartnerNetwork, _ r: PartnerMeasures) -> TextTable {
        let ms = selectedMeasures
        var t = TextTable([("id", .left), ("name", .left), ("kind", .left)] + ms.map { ($0.rawValue, .right) })
        for v in listedNodes(net, r) {
            let p = net.partners[r.partnerIndices[v]]
            t.add([p.id, p.name, p.kind] + ms.map { m in Self.cell(r.values[m]?[v] ?? nil, m, format: format) })
        }
        return t
    }

    static func cell(_ v: Double?, _ m: Measure, format: OutputFormat) -> String {
        guard let v else { return format == .csv ? "" : "–" }
        if m.isInteger { return String(Int(v)) }
        return format == .csv ? NumberFormatting.shortest(v) : NumberFormatting.fixed(v, digits: 4)
    }

    func settingsLine(_ net: PartnerNetwork, _ r: PartnerMeasures, withCounts: Bool = true) -> String {
        let lb = time.lookbackOverride.map { "lookback \($0) for every type" }
            ?? "lookback " + net.settings.effectiveTypes.map { "\($0.name) \($0.lookback)" }.joined(separator: ", ")
        var parts = [weighted ? "weighted (length 1/weight)" : "unweighted", directed ? "directed" : "undirected", lb]
        if withCounts {
            var counts = "\(r.projection.ids.count) partners, \(r.projection.tieIndices.count) current ties, \(r.projection.graph.edgeCount) \(directed ? "arcs" : "pairs")"
            if !r.projection.isolated.isEmpty { counts += " (and \(r.projection.isolated.count) isolated partners listed, not in the graph)" }
            parts.insert(counts, at: 0)
        }
        if let s = samples { parts.append("betweenness sampled with \(s) pivots, seed \(seed)") }
        if rawBetweenness { parts.append("raw betweenness") }
        if options.tolerance != CSRGraph.defaultTolerance && (selectedMeasures.contains(.eigenvector) || selectedMeasures.contains(.pagerank)) {
            parts.append("tolerance \(NumberFormatting.shortest(options.tolerance))")
        }
        if selectedMeasures.contains(.community) { parts.append("Louvain seed \(seed)") }
        return parts.joined(separator: "; ")
    }

    func structureLines(_ r: PartnerMeasures) -> String {
        let ids = r.projection.ids
        var s = "\ncomponents: \(r.componentCount)"
        if r.values[.community] != nil {
            s += "; modularity: " + (r.modularity.map { NumberFormatting.fixed($0, digits: 4) } ?? Self.cell(nil, .community, format: .table))
        }
        s += "\narticulation points: " + (r.articulationPoints.isEmpty ? "none" : r.articulationPoints.map { ids[$0] }.sorted().joined(separator: ", "))
        s += "\nbridges: " + (r.bridges.isEmpty ? "none" : Self.sortedBridges(r).map { "\($0[0]) – \($0[1])" }.joined(separator: ", "))
        return s + "\n"
    }

    static func sortedBridges(_ r: PartnerMeasures) -> [[String]] {
        let ids = r.projection.ids
        return r.bridges.map { [ids[$0.0], ids[$0.1]].sorted() }.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }
    }

    // MARK: JSON

    /// The snapshot's JSON value: the listed partners sorted by id, the options in its settings.
    func jsonOutput(_ net: PartnerNetwork, _ r: PartnerMeasures, year: Int? = nil) -> AnalyzeOutput {
        let settings = AnalyzeOutput.Settings(
            measures: selectedMeasures.map(\.rawValue), sortBy: sortMeasure(r)?.rawValue ?? "id", top: top,
            kinds: Set(kindOption.kinds).sorted(), weighted: weighted, directed: directed, normalizedBetweenness: !rawBetweenness,
            samples: samples, seed: seed, lookback: time.lookbackOverride?.description, tolerance: options.tolerance,
            isolated: isolatedName)
        return AnalyzeOutput(result: r, network: net, rows: listedNodes(net, r), settings: settings, year: year)
    }

    // MARK: By year

    func runByYear(_ net: PartnerNetwork, years: [Int]) throws {
        var results: [(Int, PartnerMeasures)] = []
        for y in years { results.append((y, try analyze(net, at: Day(year: y, month: 12, day: 31)!))) }
        switch format {
        case .json:
            try CLI.json(AnalyzeYearsOutput(byYear: results.map { jsonOutput(net, $0.1, year: $0.0) }))
        case .csv:
            var t = TextTable([("year", .left), ("id", .left), ("name", .left), ("kind", .left)] + selectedMeasures.map { ($0.rawValue, .right) })
            for (y, r) in results {
                for v in listedNodes(net, r).sorted(by: { r.ids[$0] < r.ids[$1] }) {
                    let p = net.partners[r.partnerIndices[v]]
                    t.add([String(y), p.id, p.name, p.kind] + selectedMeasures.map { Self.cell(r.values[$0]?[v] ?? nil, $0, format: .csv) })
                }
            }
            CLI.exact(t.render(.csv))
        case .table, .markdown:
            // One table per measure: partners × years, so risers and fallers show.
            let settings = settingsLine(net, results.last!.1, withCounts: false)
            var out = "Snapshots as of 31 December \(years.first!)–\(years.last!): \(format == .markdown ? MarkdownText.escape(settings) : settings)\n"
            var ids = Set<String>()
            for (_, r) in results { for v in listedNodes(net, r) { ids.insert(r.ids[v]) } }
            let sortedIDs = ids.sorted()
            for m in selectedMeasures {
                var t = TextTable([("id", .left)] + years.map { (String($0), .right) })
                for id in sortedIDs {
                    t.add([id] + results.map { _, r in
                        guard let v = r.row(of: id) else { return "" }
                        return Self.cell(r.values[m]?[v] ?? nil, m, format: format)
                    })
                }
                out += (format == .markdown ? "\n### \(m.rawValue)\n\n" : "\n\(m.rawValue)\n") + t.render(format)
            }
            CLI.out(out)
        }
    }
}


/// A run-time error with a message for standard error; exit status 1.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
