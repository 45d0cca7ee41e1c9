import ArgumentParser
import Foundation
import GraphvizRendering
#if canImport(Glibc)
import Glibc
#endif

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
        Self.disableAddressRandomization()
        let status = GraphvizRenderer.runWorker(
            engine: LayoutEngine(rawValue: engine), format: GraphvizRendering.OutputFormat(rawValue: format))
        if status != 0 { throw ExitCode(status) }
    }

    /// Graphviz orders named subgraphs (clusters) by the addresses of their
    /// interned names, so with address-space randomisation a clustered layout
    /// can differ from one process to the next. The worker re-executes itself
    /// once with randomisation off (Linux `personality(ADDR_NO_RANDOMIZE)`),
    /// which makes those addresses, and so the output, the same every time.
    static func disableAddressRandomization() {
        #if os(Linux)
        // personality(2) from glibc, looked up at run time (its header is not in Glibc's module map).
        typealias Personality = @convention(c) (UInt) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "personality") else { return }
        let personality = unsafeBitCast(symbol, to: Personality.self)
        let noRandomize: UInt = 0x0040000  // ADDR_NO_RANDOMIZE
        let current = personality(0xffff_ffff)
        guard current != -1, UInt(current) & noRandomize == 0 else { return }
        guard personality(UInt(current) | noRandomize) != -1 else { return }
        let args = CommandLine.arguments.map { strdup($0) } + [nil]
        execv("/proc/self/exe", args)
        // execv returns only on failure: carry on with randomisation as it was.
        _ = personality(UInt(current))
        #endif
    }
}
