import ArgumentParser
import Foundation
import GraphvizRendering

/// `partnergraph layout-worker`: the worker process `render` starts for fdp,
/// clustered and timed layouts (``GraphvizRenderer``). Reads DOT on standard
/// input, writes the rendered bytes on standard output and a one-line report
/// on standard error; not for people, so hidden from help.
struct LayoutWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "layout-worker",
        abstract: "Lay out DOT from standard input with Graphviz's library (used by render).",
        shouldDisplay: false
    )

    @Option(help: "Layout engine, as Graphviz names it.")
    var engine: String

    @Option(help: "Output format, as Graphviz names it.")
    var format: String

    func run() throws {
        LayoutWorker.reexecuteDeterministically()
        let status = GraphvizRenderer.runWorker(
            engine: LayoutEngine(rawValue: engine), format: GraphvizRendering.OutputFormat(rawValue: format))
        if status != 0 { throw ExitCode(status) }
    }
}
