import ArgumentParser
import Foundation
import FigureStyle
import PartnerAnalysis
import PartnerGraph
import PartnerGraphIO

struct AnalyzeCommand: ParsableCommand, ReadsData {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Centrality and structure of the network as of a date (NetworkX conventions).",
        discussion: """
        The ties current at the as-of date collapse into one edge per pair, weighted by the sum of the \
        ties' weights (agreement 3, joint-activity 2, liaison 1 unless the file's settings say otherwise). \
        Without --weighted every measure is unweighted; with it, strength, eigenvector and PageRank use \
        weights and path measures use length 1/weight.
        Measures: \(Measure.allCases.map(\.optionName).joined(separator: ", ")).
        """
    )

    @Argument(help: ArgumentHelp("Graph file or CSV directory.", valueName: "file"))
    var file: String

    @OptionGroup var time: AsOfOption

    @Option(help: ArgumentHelp("One snapshot per year, as of 31 December: FROM...TO (e.g. 2000...2016).", valueName: "from...to"))
    var byYear: String?

    @Option(help: ArgumentHelp("Comma-separated measures (default: all).", valueName: "list"))
    var measures: String?

    @Flag(help: "Use pair weights (strengths; path length 1/weight).")
    var weighted = false

    @Flag(help: "Keep directed ties as arcs (directed betweenness, closeness, PageRank; brokerage roles).")
    var directed = false

    @Flag(name: .customLong("raw"), help: "Raw betweenness (not normalised).")
    var rawBetweenness = false

    @Option(help: "Sampled betweenness with K pivot sources (for large graphs).")
    var samples: Int?

    @Option(help: "Seed for pivot sampling and Louvain communities.")
    var seed: UInt64 = 1

    @Option(help: "Worker threads (0 = all cores).")
    var threads: Int = 0

    @Option(name: .customLong("pagerank-tolerance"), help: "PageRank convergence tolerance.")
    var pagerankTolerance: Double = 1e-6

    @Flag(name: .customLong("include-isolated"), help: "List partners without a current tie too.")
    var includeIsolated = false

    /// Only lists partners of these kinds: measures are computed on the whole network.
    @OptionGroup var kindOption: KindOption

    @Option(help: "Only list the N partners ranked highest by --sort-by.")
    var top: Int?

    @Option(name: .customLong("sort-by"), help: "Measure to rank by (default: betweenness; id for alphabetical).")
    var sortBy: String?

    @Option(help: "Output format: table, csv, json or markdown.")
    var format: OutputFormat = .table

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
        if let byYear, YearRange(byYear) == nil { throw ValidationError("--by-year: write a range like 2000...2016.") }
        if byYear != nil && time.asOf != nil { throw ValidationError("--by-year and --as-of exclude each other.") }
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
        o.pagerankTolerance = pagerankTolerance
        return o
    }

    func run() throws {
        let net = try CLI.load(file)
        try kindOption.check(in: net, command: "analyze")
        if let byYear, let range = YearRange(byYear) {
            try runByYear(net, years: range.years)
            return
        }
        let result = try analyze(net, at: time.day)
        switch format {
        case .json: CLI.exact(json(net, result))
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
                                        includeIsolated: includeIsolated, directed: directed)
        } catch {
            throw CLIError("\(file): cannot build the snapshot at \(day): \(error)")
        }
        let kinds = projection.partnerIndices.map { net.partners[$0].kind }
        let bar = ProgressBar(label: "analyze \(day)", minimumWork: 20_000, work: projection.graph.edgeCount * 2)
        do {
            return try PartnerMeasures(projection: projection, measures: selectedMeasures, kinds: kinds, options: options,
                                       progress: bar.update)
        } catch {
            throw CLIError("\(file): analysis failed: \(error)")
        }
    }

    // MARK: Rows

    /// Listed nodes: kind filter, then top-N by the sort measure; in rank order.
    func listedNodes(_ net: PartnerNetwork, _ r: PartnerMeasures) -> [Int] {
        var nodes = Array(0..<r.projection.ids.count)
        let kinds = Set(kindOption.kinds)
        if !kinds.isEmpty { nodes = nodes.filter { kinds.contains(net.partners[r.projection.partnerIndices[$0]].kind) } }
        let sortMeasure: Measure? = sortBy == "id" ? nil
            : (sortBy.flatMap { Measure(name: $0) } ?? (selectedMeasures.contains(.betweenness) ? .betweenness : selectedMeasures.first))
        if let m = sortMeasure, let vals = r.values[m] {
            nodes.sort { a, b in
                let va = vals[a] ?? -.infinity, vb = vals[b] ?? -.infinity
                return va != vb ? va > vb : a < b
            }
        }
        if let top { nodes = Array(nodes.prefix(top)) }
        return nodes
    }

    func table(_ net: PartnerNetwork, _ r: PartnerMeasures) -> TextTable {
        let ms = selectedMeasures
        var t = TextTable([("id", .left), ("name", .left), ("kind", .left)] + ms.map { ($0.rawValue, .right) })
        for v in listedNodes(net, r) {
            let p = net.partners[r.projection.partnerIndices[v]]
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
            parts.insert("\(r.projection.ids.count) partners, \(r.projection.tieIndices.count) current ties, \(r.projection.graph.edgeCount) \(directed ? "arcs" : "pairs")", at: 0)
        }
        if let s = samples { parts.append("betweenness sampled with \(s) pivots, seed \(seed)") }
        if rawBetweenness { parts.append("raw betweenness") }
        if selectedMeasures.contains(.community) { parts.append("Louvain seed \(seed)") }
        return parts.joined(separator: "; ")
    }

    func structureLines(_ r: PartnerMeasures) -> String {
        let ids = r.projection.ids
        var s = "\ncomponents: \(r.componentCount)"
        if let q = r.modularity { s += "; modularity: \(NumberFormatting.fixed(q, digits: 4))" }
        s += "\narticulation points: " + (r.articulationPoints.isEmpty ? "none" : r.articulationPoints.map { ids[$0] }.sorted().joined(separator: ", "))
        s += "\nbridges: " + (r.bridges.isEmpty ? "none" : Self.sortedBridges(r).map { "\($0[0]) – \($0[1])" }.joined(separator: ", "))
        return s + "\n"
    }

    static func sortedBridges(_ r: PartnerMeasures) -> [[String]] {
        let ids = r.projection.ids
        return r.bridges.map { [ids[$0.0], ids[$0.1]].sorted() }.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }
    }

    // MARK: JSON

    func json(_ net: PartnerNetwork, _ r: PartnerMeasures) -> String {
        jsonObject(net, r, indent: "") + "\n"
    }

    func jsonObject(_ net: PartnerNetwork, _ r: PartnerMeasures, indent: String) -> String {
        let ids = r.projection.ids
        let nodes = listedNodes(net, r).sorted()  // JSON lists partners sorted by id
        func num(_ v: Double?, _ m: Measure) -> String {
            guard let v, v.isFinite else { return "null" }
            return m.isInteger ? String(Int(v)) : NumberFormatting.shortest(v)
        }
        var s = "{\"asOf\": \"\(r.projection.date)\", "
        s += "\"graph\": {\"partners\": \(ids.count), \"ties\": \(r.projection.tieIndices.count), \"pairs\": \(r.projection.graph.edgeCount), "
        s += "\"components\": \(r.componentCount), \"modularity\": \(JSONText.number(r.modularity))}, "
        s += "\"settings\": {\"weighted\": \(weighted), \"directed\": \(directed), \"normalizedBetweenness\": \(!rawBetweenness), "
        s += "\"samples\": \(samples.map(String.init) ?? "null"), \"seed\": \(seed), \"lookback\": \(time.lookbackOverride.map { JSONText.quote($0.description) } ?? "null")}, "
        s += "\"partners\": [\n"
        var rows: [String] = []
        for v in nodes {
            let p = net.partners[r.projection.partnerIndices[v]]
            var fields = ["\"id\": \(JSONText.quote(p.id))", "\"name\": \(JSONText.quote(p.name))", "\"kind\": \(JSONText.quote(p.kind))"]
            for m in Measure.allCases {
                if let vals = r.values[m] { fields.append("\"\(m.rawValue)\": \(num(vals[v], m))") }
            }
            if let b = r.brokerage {
                fields.append("\"brokerage\": {\"coordinator\": \(b.coordinator[v]), \"gatekeeper\": \(b.gatekeeper[v]), "
                              + "\"representative\": \(b.representative[v]), \"itinerant\": \(b.itinerant[v]), \"liaison\": \(b.liaison[v])}")
            }
            rows.append(indent + "  {" + fields.joined(separator: ", ") + "}")
        }
        s += rows.joined(separator: ",\n") + "\n" + indent + "], "
        s += "\"articulationPoints\": [" + r.articulationPoints.map { ids[$0] }.sorted().map(JSONText.quote).joined(separator: ", ") + "], "
        s += "\"bridges\": [" + Self.sortedBridges(r).map { "[\(JSONText.quote($0[0])), \(JSONText.quote($0[1]))]" }.joined(separator: ", ") + "]}"
        return s
    }

    // MARK: By year

    func runByYear(_ net: PartnerNetwork, years: [Int]) throws {
        var results: [(Int, PartnerMeasures)] = []
        for y in years { results.append((y, try analyze(net, at: Day(year: y, month: 12, day: 31)!))) }
        switch format {
        case .json:
            CLI.exact("{\"byYear\": [\n" + results.map { "  " + jsonObject(net, $0.1, indent: "  ") }.joined(separator: ",\n") + "\n]}\n")
        case .csv:
            var t = TextTable([("year", .left), ("id", .left), ("name", .left), ("kind", .left)] + selectedMeasures.map { ($0.rawValue, .right) })
            for (y, r) in results {
                for v in listedNodes(net, r).sorted(by: { r.projection.ids[$0] < r.projection.ids[$1] }) {
                    let p = net.partners[r.projection.partnerIndices[v]]
                    t.add([String(y), p.id, p.name, p.kind] + selectedMeasures.map { Self.cell(r.values[$0]?[v] ?? nil, $0, format: .csv) })
                }
            }
            CLI.exact(t.render(.csv))
        case .table, .markdown:
            // One table per measure: partners × years, so risers and fallers show.
            let settings = settingsLine(net, results.last!.1, withCounts: false)
            var out = "Snapshots as of 31 December \(years.first!)–\(years.last!): \(format == .markdown ? MarkdownText.escape(settings) : settings)\n"
            var ids = Set<String>()
            for (_, r) in results { for v in listedNodes(net, r) { ids.insert(r.projection.ids[v]) } }
            let sortedIDs = ids.sorted()
            for m in selectedMeasures {
                var t = TextTable([("id", .left)] + years.map { (String($0), .right) })
                for id in sortedIDs {
                    t.add([id] + results.map { _, r in
                        guard let v = r.projection.node(of: id) else { return "" }
                        return Self.cell(r.values[m]?[v] ?? nil, m, format: format)
                    })
                }
                out += (format == .markdown ? "\n### \(m.rawValue)\n\n" : "\n\(m.rawValue)\n") + t.render(format)
            }
            CLI.out(out)
        }
    }
}

/// `2000...2016` (also `2000..2016`, `2000-2016`).
struct YearRange {
    let years: [Int]
    init?(_ text: String) {
        for sep in ["...", "..", "-", ":"] {
            let parts = text.components(separatedBy: sep)
            if parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]), a <= b, a >= 1, b <= 9999, b - a <= 500 {
                years = Array(a...b)
                return
            }
        }
        return nil
    }
}

/// A run-time error with a message for standard error; exit status 1.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
