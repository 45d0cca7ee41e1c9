import ArgumentParser
import FigureStyle
import PartnerAnalysis
import PartnerGraph
import PartnerReports

/// `analyze --two-mode` / `--one-mode`.
enum AnalysisMode: String, EnumerableFlag {
    case twoMode, oneMode

    static func help(for value: AnalysisMode) -> ArgumentHelp? {
        switch value {
        case .twoMode: "Per-side measures of a two-mode graph (the default when the file declares settings.modes): degree, degree-centrality, betweenness and closeness with NetworkX's bipartite normalisations."
        case .oneMode: "The one-mode measures even when the file declares two sides."
        }
    }
}

/// Two-mode analysis: on a graph that declares its sides (`settings.modes`),
/// `analyze` lists each side apart with the measures of NetworkX
/// `networkx.algorithms.bipartite` (degree centrality over the other side's
/// size, betweenness over the bipartite maximum, closeness with the bipartite
/// numerator), because one-mode normalisations of a bipartite graph compare
/// each partner with ties it can never have. `--one-mode` gives the usual analysis.
extension AnalyzeCommand {
    /// Runs the two-mode analysis when the file declares two sides (and
    /// `--one-mode` is not given) or `--two-mode` asks for it.
    /// - Returns: whether it ran.
    func runTwoModeIfDeclared(_ net: PartnerNetwork) throws -> Bool {
        if analysisMode == .oneMode { return false }
        guard net.settings.isTwoMode else {
            if analysisMode == .twoMode {
                throw CLI.usage("--two-mode: \(file) does not declare two sides; add settings.modes (two sides, each a name and its partner kinds)", command: "analyze")
            }
            return false
        }
        try checkTwoModeOptions()
        if let range = yearsOption.range {
            try runTwoModeByYear(net, years: range.years)
            return true
        }
        let (twoMode, m) = try twoModeSnapshot(net, at: time.day)
        let rows = (0..<2).map { twoModeRows(net, twoMode, m, side: $0) }
        switch format {
        case .json:
            try CLI.json(AnalyzeTwoModeOutput(twoMode: twoMode, measures: m, selected: twoModeMeasures, network: net,
                                              rows: rows, settings: twoModeJSONSettings))
        case .csv:
            var t = TextTable([("side", .left), ("id", .left), ("name", .left), ("kind", .left)] + twoModeMeasures.map { ($0.rawValue, .right) })
            for s in 0..<2 {
                for v in rows[s] {
                    let p = net.partners[twoMode.projection.partnerIndices[v]]
                    t.add([twoMode.sideNames[s], p.id, p.name, p.kind] + twoModeMeasures.map { Self.cell(value(m, $0, v), $0, format: .csv) })
                }
            }
            CLI.exact(t.render(.csv))
        case .table, .markdown:
            let md = format == .markdown
            let line = twoModeSettingsLine(net, twoMode)
            var out = md ? "**As of \(twoMode.projection.date)** — \(MarkdownText.escape(line))\n" : "As of \(twoMode.projection.date): \(line)\n"
            for s in 0..<2 {
                let size = twoMode.sides.filter { $0 == s }.count
                let kinds = twoMode.sideKinds[s]
                let heading = "\(twoMode.sideNames[s]) (\(size) partners; kind\(kinds.count == 1 ? "" : "s") \(kinds.joined(separator: ", ")))"
                var t = TextTable([("id", .left), ("name", .left), ("kind", .left)] + twoModeMeasures.map { ($0.rawValue, .right) })
                for v in rows[s] {
                    let p = net.partners[twoMode.projection.partnerIndices[v]]
                    t.add([p.id, p.name, p.kind] + twoModeMeasures.map { Self.cell(value(m, $0, v), $0, format: format) })
                }
                out += (md ? "\n### \(MarkdownText.escape(heading))\n\n" : "\n\(heading)\n") + t.render(format)
            }
            CLI.out(out)
        }
        return true
    }

    /// The snapshot at `day` and its measures.
    func twoModeSnapshot(_ net: PartnerNetwork, at day: Day) throws -> (TwoModeNetwork, TwoModeNetwork.Measures) {
        let twoMode: TwoModeNetwork
        do {
            twoMode = try TwoModeNetwork(network: net, asOf: day, lookback: time.lookbackOverride)
        } catch {
            throw CLIError("\(file): cannot build the snapshot at \(day): \(error)")
        }
        do { return (twoMode, try twoMode.measures(threads: threads)) } catch {
            throw CLIError("\(file): analysis failed: \(error)")
        }
    }

    var twoModeJSONSettings: AnalyzeTwoModeOutput.Settings {
        AnalyzeTwoModeOutput.Settings(
            measures: twoModeMeasures.map(\.rawValue), sortBy: twoModeSortMeasure?.rawValue ?? "id", top: top,
            kinds: Set(kindOption.kinds).sorted(), lookback: time.lookbackOverride?.description)
    }

    /// `--years` on a two-mode graph: one snapshot per year as of 31 December.
    /// JSON: `{"byYear": [...]}`; CSV: one row per year, side and partner; table
    /// and Markdown: per side, one table per measure, partners × years.
    func runTwoModeByYear(_ net: PartnerNetwork, years: [Int]) throws {
        var results: [(year: Int, twoMode: TwoModeNetwork, measures: TwoModeNetwork.Measures, rows: [[Int]])] = []
        for y in years {
            let (t, m) = try twoModeSnapshot(net, at: Day(year: y, month: 12, day: 31)!)
            results.append((y, t, m, (0..<2).map { twoModeRows(net, t, m, side: $0) }))
        }
        let measures = twoModeMeasures
        switch format {
        case .json:
            try CLI.json(AnalyzeTwoModeYearsOutput(byYear: results.map {
                AnalyzeTwoModeOutput(twoMode: $0.twoMode, measures: $0.measures, selected: measures, network: net,
                                     rows: $0.rows, settings: twoModeJSONSettings, year: $0.year)
            }))
        case .csv:
            var t = TextTable([("year", .left), ("side", .left), ("id", .left), ("name", .left), ("kind", .left)] + measures.map { ($0.rawValue, .right) })
            for r in results {
                let ids = r.twoMode.projection.ids
                for s in 0..<2 {
                    for v in r.rows[s].sorted(by: { ids[$0] < ids[$1] }) {
                        let p = net.partners[r.twoMode.projection.partnerIndices[v]]
                        t.add([String(r.year), r.twoMode.sideNames[s], p.id, p.name, p.kind]
                              + measures.map { Self.cell(value(r.measures, $0, v), $0, format: .csv) })
                    }
                }
            }
            CLI.exact(t.render(.csv))
        case .table, .markdown:
            let md = format == .markdown
            let last = results.last!.twoMode
            let line = "two-mode (\(last.sideNames[0]) and \(last.sideNames[1])); unweighted; NetworkX bipartite normalisations"
            var out = "Snapshots as of 31 December \(years.first!)–\(years.last!): \(line)\n"
            for s in 0..<2 {
                var ids = Set<String>()
                for r in results { for v in r.rows[s] { ids.insert(r.twoMode.projection.ids[v]) } }
                let sortedIDs = ids.sorted()
                for m in measures {
                    var t = TextTable([("id", .left)] + years.map { (String($0), .right) })
                    for id in sortedIDs {
                        t.add([id] + results.map { r in
                            guard let v = r.twoMode.projection.node(of: id) else { return "" }
                            return Self.cell(value(r.measures, m, v), m, format: format)
                        })
                    }
                    let heading = "\(last.sideNames[s]): \(m.rawValue)"
                    out += (md ? "\n### \(MarkdownText.escape(heading))\n\n" : "\n\(heading)\n") + t.render(format)
                }
            }
            CLI.out(out)
        }
    }

    /// The options a two-mode analysis does not take: an error naming `--one-mode`.
    func checkTwoModeOptions() throws {
        let why = analysisMode == .twoMode ? "with --two-mode" : "on a graph that declares two sides (settings.modes)"
        let refused: [(Bool, String)] = [
            (weighted, "--weighted"), (directed, "--directed"), (rawBetweenness, "--raw"), (samples != nil, "--samples"),
            (includeIsolated, "--include-isolated"), (keepIsolatedInGraph, "--keep-isolated-in-graph"),
        ]
        if let (_, option) = refused.first(where: { $0.0 }) {
            throw CLI.usage("\(option) does not apply to the two-mode measures \(why) (unweighted, undirected, every partner a node, as NetworkX bipartite); give --one-mode for the one-mode analysis", command: "analyze")
        }
        if let measures {
            let names = measures.split(separator: ",").map(String.init)
            if let bad = names.first(where: { Measure(name: $0).map { !AnalyzeTwoModeOutput.measures.contains($0) } ?? true }) {
                throw CLI.usage("--measures: '\(bad)' is not a two-mode measure \(why); two-mode measures: "
                                + AnalyzeTwoModeOutput.measures.map(\.optionName).joined(separator: ", ") + " (--one-mode for the others)", command: "analyze")
            }
        }
        if let sortBy, sortBy != "id", Measure(name: sortBy).map({ !twoModeMeasures.contains($0) }) ?? true {
            throw CLI.usage("--sort-by: '\(sortBy)' is not among the two-mode measures computed ("
                            + twoModeMeasures.map(\.optionName).joined(separator: ", ") + ", or id)", command: "analyze")
        }
    }

    /// `--measures` among the two-mode measures (default: all four).
    var twoModeMeasures: [Measure] {
        guard let measures else { return AnalyzeTwoModeOutput.measures }
        let chosen = Set(measures.split(separator: ",").compactMap { Measure(name: String($0)) })
        return AnalyzeTwoModeOutput.measures.filter { chosen.contains($0) }
    }

    /// `--sort-by`, else betweenness when computed, else the first measure; nil for id order.
    var twoModeSortMeasure: Measure? {
        if sortBy == "id" { return nil }
        if let s = sortBy.flatMap({ Measure(name: $0) }) { return s }
        return twoModeMeasures.contains(.betweenness) ? .betweenness : twoModeMeasures.first
    }

    func value(_ m: TwoModeNetwork.Measures, _ measure: Measure, _ v: Int) -> Double? {
        switch measure {
        case .degree: Double(m.degree[v])
        case .degreeCentrality: m.degreeCentrality[v]
        case .betweenness: m.betweenness[v]
        case .closeness: m.closeness[v]
        default: nil
        }
    }

    /// One side's listed nodes: `--kind`, then ranked by the sort measure (ties by id), then `--top`.
    func twoModeRows(_ net: PartnerNetwork, _ t: TwoModeNetwork, _ m: TwoModeNetwork.Measures, side: Int) -> [Int] {
        let ids = t.projection.ids
        var nodes = (0..<ids.count).filter { t.sides[$0] == side }
        let kinds = Set(kindOption.kinds)
        if !kinds.isEmpty { nodes = nodes.filter { kinds.contains(net.partners[t.projection.partnerIndices[$0]].kind) } }
        if let sm = twoModeSortMeasure {
            nodes.sort { a, b in
                let va = value(m, sm, a) ?? -.infinity, vb = value(m, sm, b) ?? -.infinity
                return va != vb ? va > vb : ids[a] < ids[b]
            }
        }
        if let top { nodes = Array(nodes.prefix(top)) }
        return nodes
    }

    func twoModeSettingsLine(_ net: PartnerNetwork, _ t: TwoModeNetwork) -> String {
        let p = t.projection
        let lb = time.lookbackOverride.map { "lookback \($0) for every type" }
            ?? "lookback " + net.settings.effectiveTypes.map { "\($0.name) \($0.lookback)" }.joined(separator: ", ")
        return "two-mode (\(t.sideNames[0]) and \(t.sideNames[1])); \(p.ids.count) partners, \(p.tieIndices.count) current ties, "
            + "\(p.graph.edgeCount) pairs; unweighted; NetworkX bipartite normalisations; \(lb)"
    }
}

extension CLI {
    /// A request refused once the file is read (an option that does not fit
    /// the data): the message and where the help is, exit 64, like ``unknownValue(_:_:_:among:command:)``.
    static func usage(_ message: String, command: String) -> ExitCode {
        err("Error: \(message).\nSee 'partnergraph \(command) --help' for more information.\n")
        return ExitCode(64)
    }
}
