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
        let twoMode: TwoModeNetwork
        do {
            twoMode = try TwoModeNetwork(network: net, asOf: time.day, lookback: time.lookbackOverride)
        } catch {
            throw CLIError("\(file): cannot build the snapshot at \(time.day): \(error)")
        }
        let m: TwoModeNetwork.Measures
        do { m = try twoMode.measures(threads: threads) } catch {
            throw CLIError("\(file): analysis failed: \(error)")
        }
        let rows = (0..<2).map { twoModeRows(net, twoMode, m, side: $0) }
        switch format {
        case .json:
            let settings = AnalyzeTwoModeOutput.Settings(
                measures: twoModeMeasures.map(\.rawValue), sortBy: twoModeSortMeasure?.rawValue ?? "id", top: top,
                kinds: Set(kindOption.kinds).sorted(), lookback: time.lookbackOverride?.description)
            try CLI.json(AnalyzeTwoModeOutput(twoMode: twoMode, measures: m, selected: twoModeMeasures, network: net,
                                              rows: rows, settings: settings))
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

    /// The options a two-mode analysis does not take: an error naming `--one-mode`.
    func checkTwoModeOptions() throws {
        let why = analysisMode == .twoMode ? "with --two-mode" : "on a graph that declares two sides (settings.modes)"
        let refused: [(Bool, String)] = [
            (weighted, "--weighted"), (directed, "--directed"), (rawBetweenness, "--raw"), (samples != nil, "--samples"),
            (includeIsolated, "--include-isolated"), (keepIsolatedInGraph, "--keep-isolated-in-graph"), (byYear != nil, "--years"),
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
