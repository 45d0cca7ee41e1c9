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

    /// Graphviz's layouts depend on memory addresses (it orders named
    /// subgraphs by the addresses of their interned names, and fdp and
    /// clustered layouts came out different now and then). Two things in this
    /// process move those addresses from one run to the next: address-space
    /// randomisation, and Swift's per-process hash seed (it changes how the
    /// runtime allocates). The worker therefore re-executes itself once with
    /// randomisation off (Linux `personality(ADDR_NO_RANDOMIZE)`),
    /// `SWIFT_DETERMINISTIC_HASHING=1` and a fixed `argv[0]`, so the same DOT
    /// gives the same bytes on every call.
    static func disableAddressRandomization() {
        #if os(Linux)
        // personality(2) from glibc, looked up at run time (its header is not in Glibc's module map).
        typealias Personality = @convention(c) (UInt) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "personality") else { return }
        let personality = unsafeBitCast(symbol, to: Personality.self)
        let noRandomize: UInt = 0x0040000  // ADDR_NO_RANDOMIZE
        let current = personality(0xffff_ffff)
        guard current != -1 else { return }
        let hashingFixed = getenv("SWIFT_DETERMINISTIC_HASHING") != nil
        guard UInt(current) & noRandomize == 0 || !hashingFixed else { return }
        guard personality(UInt(current) | noRandomize) != -1 else { return }
        setenv("SWIFT_DETERMINISTIC_HASHING", "1", 1)
        let args = ["partnergraph"] + CommandLine.arguments.dropFirst()
        let cArgs = args.map { strdup($0) } + [nil]
        execv("/proc/self/exe", cArgs)
        // execv returns only on failure: carry on as we were.
        _ = personality(UInt(current))
        #endif
    }
}
