import Foundation
import GraphvizRendering
import Testing

private let dotPath = "/usr/bin/dot"

@Suite("Layout worker processes")
struct WorkerTests {
    @Test("A timeout really stops a runaway layout and throws .timeout")
    func timeoutStopsRunawayLayout() throws {
        guard FileManager.default.isExecutableFile(atPath: dotPath) else {
            Issue.record("\(dotPath) is missing; install Debian's graphviz package")
            return
        }
        // dot does not finish a random 1,000-node graph in minutes here.
        let dot = randomGraphDOT(name: "runaway", nodes: 1_000, edgesPerNode: 3, seed: 5)
        let renderer = GraphvizRenderer(worker: .graphvizCommand(executable: URL(fileURLWithPath: dotPath)), timeout: 1)
        let start = Date()
        #expect(throws: GraphvizError.timeout(seconds: 1)) {
            try renderer.render(dot: dot, engine: .dot, format: .svg)
        }
        let elapsed = Date().timeIntervalSince(start)
        #expect(elapsed < 10, "the worker was not stopped promptly (\(elapsed) s)")
    }

    @Test("A timeout without a worker is refused: an in-process layout cannot be stopped")
    func timeoutNeedsWorker() {
        #expect(throws: GraphvizError.workerRequired(engine: "dot", reason: "only a separate process can be stopped when the timeout passes")) {
            try GraphvizRenderer(timeout: 5).render(dot: "digraph \"g\" { a }", engine: .dot, format: .svg)
        }
    }

    @Test("A worker that cannot be started is reported with its path")
    func missingWorker() {
        let renderer = GraphvizRenderer(worker: .partnergraph(executable: URL(fileURLWithPath: "/nonexistent/partnergraph")), timeout: 5)
        do {
            _ = try renderer.render(dot: "digraph \"g\" { a }", engine: .dot, format: .svg)
            Issue.record("expected an error")
        } catch {
            guard case .workerUnavailable(let path, _) = error else {
                Issue.record("expected workerUnavailable, got \(error)")
                return
            }
            #expect(path == "/nonexistent/partnergraph")
        }
    }

    @Test("Graphviz errors from a plain worker come back as workerFailed with Graphviz's text")
    func plainWorkerError() {
        let renderer = GraphvizRenderer(worker: .graphvizCommand(executable: URL(fileURLWithPath: dotPath)), timeout: 30)
        do {
            _ = try renderer.render(dot: "digraph \"g\" { a -> ; }", engine: .dot, format: .svg)
            Issue.record("expected an error")
        } catch {
            guard case .workerFailed(let status, let message) = error else {
                Issue.record("expected workerFailed, got \(error)")
                return
            }
            #expect(status != 0)
            #expect(message.contains("syntax error"))
        }
    }

    @Test("runWorker renders stdin to stdout and reports success on stderr")
    func runWorkerSuccess() throws {
        let (status, output, report) = try runWorkerInProcess(dot: "digraph \"w\" { a -> b }", engine: .dot, format: .svg)
        #expect(status == 0)
        #expect(output.hasPrefix("<?xml"))
        #expect(output.contains("<title>w</title>"))
        #expect(report == "partnergraph-layout-worker-report: {\"warnings\":[]}\n")
    }

    @Test("runWorker reports a Graphviz error as JSON and exits 1")
    func runWorkerFailure() throws {
        let (status, output, report) = try runWorkerInProcess(dot: "", engine: .dot, format: .svg)
        #expect(status == 1)
        #expect(output.isEmpty)
        #expect(report == "partnergraph-layout-worker-report: {\"error\":{\"emptyInput\":{}},\"warnings\":[]}\n")
    }

    @Test("The partnergraph layout-worker subcommand round-trips errors and output")
    func partnergraphWorker() throws {
        guard let executable = builtPartnergraph() else {
            Issue.record("no built partnergraph executable answering `layout-worker` next to the test bundle (swift build, or set PG_LAYOUT_WORKER)")
            return
        }
        let renderer = GraphvizRenderer(worker: .partnergraph(executable: executable), timeout: 60)
        let svg = try renderer.render(dot: "digraph \"pw\" { a -> b }", engine: .dot, format: .svg)
        let sameAsInProcess = try svg == Graphviz.shared.render(dot: "digraph \"pw\" { a -> b }", engine: .dot, format: .svg)
        #expect(sameAsInProcess)
        #expect(throws: GraphvizError.emptyInput) {
            try renderer.render(dot: "  ", engine: .dot, format: .svg)
        }
        // A repeatable engine through the worker gives the in-process bytes, call after call.
        let dot = randomGraphDOT(name: "fdpw", nodes: 40, edgesPerNode: 2, seed: 2)
        let inProcess = try Graphviz.shared.render(dot: dot, engine: .neato, format: .svg)
        for _ in 0..<2 {
            let same = try renderer.render(dot: dot, engine: .neato, format: .svg) == inProcess
            #expect(same)
        }
        // fdp is not byte-repeatable under load (Pango's font threads), so only
        // what it draws is checked: every node and every edge.
        let fdp = String(decoding: try renderer.render(dot: dot, engine: .fdp, format: .svg), as: UTF8.self)
        #expect(fdp.components(separatedBy: "class=\"node\"").count - 1 == 40)
        #expect(fdp.components(separatedBy: "class=\"edge\"").count - 1 == dot.components(separatedBy: " -- ").count - 1)
        let slow = GraphvizRenderer(worker: .partnergraph(executable: executable), timeout: 1)
        #expect(throws: GraphvizError.timeout(seconds: 1)) {
            try slow.render(dot: randomGraphDOT(name: "runaway", nodes: 1_000, edgesPerNode: 3, seed: 5), engine: .dot, format: .svg)
        }
    }
}

/// Runs `GraphvizRenderer.runWorker` with files for its three streams.
private func runWorkerInProcess(dot: String, engine: LayoutEngine, format: OutputFormat) throws -> (Int32, String, String) {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pg-worker-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let urls = ["in", "out", "err"].map { directory.appendingPathComponent($0) }
    try Data(dot.utf8).write(to: urls[0])
    for url in urls.dropFirst() { _ = FileManager.default.createFile(atPath: url.path, contents: nil) }
    let input = try FileHandle(forReadingFrom: urls[0])
    let output = try FileHandle(forWritingTo: urls[1])
    let errors = try FileHandle(forWritingTo: urls[2])
    let status = GraphvizRenderer.runWorker(engine: engine, format: format, input: input, output: output, errorOutput: errors)
    try input.close()
    try output.close()
    try errors.close()
    return (status, String(decoding: try Data(contentsOf: urls[1]), as: UTF8.self),
            String(decoding: try Data(contentsOf: urls[2]), as: UTF8.self))
}

/// The `partnergraph` executable to use as a layout worker: `PG_LAYOUT_WORKER`
/// when set, else the one built next to this test bundle — if it answers the
/// worker protocol.
func builtPartnergraph() -> URL? {
    var candidates: [URL] = []
    if let override = ProcessInfo.processInfo.environment["PG_LAYOUT_WORKER"] {
        candidates.append(URL(fileURLWithPath: override))
    }
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
        candidates.append(directory.appendingPathComponent("partnergraph"))
        directory = directory.deletingLastPathComponent()
    }
    for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
        let probe = try? runTool(candidate.path, ["layout-worker", "--engine", "dot", "--format", "svg"],
                                 input: Data("digraph \"probe\" { a }".utf8))
        if let probe, probe.status == 0, String(decoding: probe.stdout, as: UTF8.self).contains("<title>probe</title>") {
            return candidate
        }
    }
    return nil
}
