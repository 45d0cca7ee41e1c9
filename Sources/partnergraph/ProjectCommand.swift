import ArgumentParser
import Foundation
import PartnerAnalysis
import PartnerGraph
import PartnerGraphIO

/// `partnergraph project FILE --side SIDE -o OUT`: the one-mode graph of one
/// side of a declared two-mode graph.
struct ProjectCommand: ParsableCommand, ReadsData {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Derive the one-mode graph of one side of a two-mode graph (partners tied by shared partners).",
        discussion: """
        The graph must declare its two sides (settings.modes; `import` in bipartite mode writes them). \
        The ties current at the as-of date are taken as in analyze; two partners of the chosen side are \
        tied when they share a partner of the other side, with one undirected tie of type \
        shared-partners whose weight is, by --weighting (NetworkX networkx.algorithms.bipartite):
          count   shared partners (weighted_projected_graph)
          ratio   shared partners / size of the other side
                  (weighted_projected_graph, ratio=True)
          newman  sum over shared partners k of 1/(deg(k) - 1)
                  (collaboration_weighted_projected_graph; Newman 2001)
        Each tie also keeps the count in its attribute `shared`; the new graph's attributes name the \
        source graph, side, weighting and date. Every partner of the side is kept, tied or not. The \
        ties are undated: analyze the projection at any date. The output format follows the extension \
        unless --format names it, as in convert.
        """
    )

    @Argument(help: ArgumentHelp("The two-mode graph (any readable format, or a CSV-pair directory).", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("The side to project onto: its name in settings.modes or one of its kinds.", valueName: "side"))
    var side: String

    @Option(help: ArgumentHelp("Tie weight: count (shared partners), ratio (shared over the other side's size) or newman.", valueName: "weighting"))
    var weighting: ProjectionWeighting = .count

    @OptionGroup var time: AsOfOption

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the projected graph (- or none: standard output, with --format).", valueName: "out"))
    var output: String?

    @Option(help: ArgumentHelp("Output format: \(GraphFormat.all.filter(\.canWrite).map(\.name).joined(separator: ", ")).", valueName: "format"))
    var format: String?

    @OptionGroup(title: "Input limits") var readLimits: ReadLimitOptions

    var outputPath: String { output ?? "-" }

    func validate() throws {
        let writable = GraphFormat.all.filter(\.canWrite)
        if let format, GraphFormat(name: format).map({ f in writable.contains { $0.name == f.name } }) != true {
            throw ValidationError("--format: " + Suggestion.unknownMessage("format", format, among: writable.map(\.name)) + ".")
        }
        if outputPath == "-" {
            let texts = writable.filter(\.isSingleText).map(\.name)
            guard let format else {
                throw ValidationError("Writing to standard output needs --format (\(texts.dropLast().joined(separator: ", ")) or \(texts.last!)).")
            }
            if let f = GraphFormat(name: format), !f.isSingleText {
                throw ValidationError("A CSV pair is two files and cannot go to standard output; give a directory.")
            }
        } else if format == nil, (try? GraphFormat.detect(path: outputPath)) == nil {
            throw ValidationError("Cannot tell the output format from '\(outputPath)'; use \(GraphFormat.extensionList(of: writable, primaryOnly: true)), a directory, or --format.")
        }
    }

    func run() throws {
        let net = try CLI.load(file)
        guard net.settings.isTwoMode else {
            throw CLI.usage("\(file) does not declare two sides: add settings.modes (two sides, each a name and its partner kinds), or import it in bipartite mode", command: "project")
        }
        let twoMode: TwoModeNetwork
        do {
            twoMode = try TwoModeNetwork(network: net, asOf: time.day, lookback: time.lookbackOverride)
        } catch {
            throw CLIError("\(file): cannot build the snapshot at \(time.day): \(error)")
        }
        guard let s = twoMode.side(named: side) else {
            throw CLI.unknownValue("--side", "side", side, among: twoMode.sideNames + twoMode.sideKinds.flatMap { $0 }, command: "project")
        }
        let projected: PartnerNetwork
        do {
            projected = try twoMode.projectedNetwork(of: net, onto: s, weighting: weighting)
        } catch {
            throw CLIError("\(file): projection failed: \(error)")
        }
        try CLI.writeGraph(projected, format: format.flatMap { GraphFormat(name: $0) }, to: outputPath, source: "the projection")
    }
}

extension ProjectionWeighting: ExpressibleByArgument {}
