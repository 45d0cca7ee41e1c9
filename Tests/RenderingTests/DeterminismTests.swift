import Foundation
import GraphvizRendering
import Testing

private let sampleDOT = """
    graph "sample" {
      graph [overlap="false", start=1];
      node [fontname="Arial"];
      a -- b; b -- c; c -- a; c -- d; d -- e; e -- f; f -- a; g -- h; h -- i; a -- g; b -- h; i -- c;
      subgraph "cluster_x" { j -- k; k -- l; }
      a -- j; e -- l;
    }

    """

private let dotPath = "/usr/bin/dot"

@Suite("Same DOT, same bytes")
struct DeterminismTests {
    @Test("Repeated in-process renders give identical bytes", arguments: [LayoutEngine.dot, .neato, .sfdp, .circo, .twopi])
    func repeatedRenders(engine: LayoutEngine) throws {
        let dot = randomGraphDOT(name: "r", nodes: 40, edgesPerNode: 2, seed: 7)
        let first = try Graphviz.shared.render(dot: dot, engine: engine, format: .svg)
        for _ in 0..<3 {
            // Another layout in between must not change the next result.
            _ = try Graphviz.shared.render(dot: sampleDOT, engine: engine, format: .svg)
            let again = try Graphviz.shared.render(dot: dot, engine: engine, format: .svg)
            let same = again == first
            #expect(same, "\(engine) output changed between calls")
        }
    }

    @Test("The background warm-up changes no later result and reports nothing", arguments: [LayoutEngine.dot, .neato])
    func warmUpLeavesResultsAlone(engine: LayoutEngine) throws {
        let dot = randomGraphDOT(name: "w", nodes: 25, edgesPerNode: 2, seed: 5)
        let before = try Graphviz.shared.renderReportingWarnings(dot: dot, engine: engine, format: .svg)
        // A render that starts while the warm-up runs waits for it (one lock).
        let warmUp = Graphviz.shared.beginWarmUp(engines: [.dot, .neato, LayoutEngine(rawValue: "no-such-engine")])
        let during = try Graphviz.shared.renderReportingWarnings(dot: dot, engine: engine, format: .svg)
        warmUp.wait()
        let after = try Graphviz.shared.renderReportingWarnings(dot: dot, engine: engine, format: .svg)
        #expect(during == before)
        #expect(after == before)
        #expect(before.warnings.isEmpty)
    }

    @Test("In-process SVG equals the dot program's SVG for the same DOT", arguments: [LayoutEngine.dot, .neato, .sfdp, .circo, .twopi])
    func matchesCommandLine(engine: LayoutEngine) throws {
        guard FileManager.default.isExecutableFile(atPath: dotPath) else {
            Issue.record("\(dotPath) is missing; install Debian's graphviz package")
            return
        }
        let dot = randomGraphDOT(name: "cli", nodes: 30, edgesPerNode: 2, seed: 11)
        // Warm the process up with other layouts first: history must not matter.
        _ = try Graphviz.shared.render(dot: sampleDOT, engine: engine, format: .svg)
        let library = try Graphviz.shared.render(dot: dot, engine: engine, format: .svg)
        let cli = try runTool(dotPath, ["-K\(engine)", "-Tsvg"], input: Data(dot.utf8))
        #expect(cli.status == 0)
        let same = library == [UInt8](cli.stdout)
        #expect(same, "\(engine): libgvc and dot -Tsvg differ")
    }

    @Test("Concurrent renders from several tasks do not crash and agree byte for byte")
    func concurrentRenders() async throws {
        let dot = randomGraphDOT(name: "threads", nodes: 25, edgesPerNode: 2, seed: 3)
        let expected = try Graphviz.shared.render(dot: dot, engine: .neato, format: .svg)
        let results = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for index in 0..<8 {
                group.addTask {
                    // Each task also uses its own Graphviz instance (its own GVC_t)
                    // half of the time; the lock is process-wide either way.
                    let graphviz = index.isMultiple(of: 2) ? Graphviz.shared : Graphviz()
                    var last: [UInt8] = []
                    for _ in 0..<3 {
                        last = try graphviz.render(dot: dot, engine: .neato, format: .svg)
                    }
                    return last
                }
            }
            var collected: [[UInt8]] = []
            for try await result in group { collected.append(result) }
            return collected
        }
        #expect(results.count == 8)
        let allSame = results.allSatisfy { $0 == expected }
        #expect(allSame)
    }

    // fdp is not byte-repeatable under load: Pango's font threads change its
    // output now and then, and the dot program shows the same. It is never a
    // default; this test checks that it draws the same graph every time,
    // never that the bytes are equal, so it cannot flake.
    @Test("fdp through fresh worker processes draws every node and edge on every call")
    func fdpInWorkerDrawsTheGraph() throws {
        guard let executable = builtPartnergraph() else {
            Issue.record("no built partnergraph executable answering `layout-worker` next to the test bundle (swift build, or set PG_LAYOUT_WORKER)")
            return
        }
        let renderer = GraphvizRenderer(worker: .partnergraph(executable: executable))
        let dot = randomGraphDOT(name: "fdp", nodes: 40, edgesPerNode: 2, seed: 1)
        for _ in 0..<3 {
            let svg = utf8(try renderer.render(dot: dot, engine: .fdp, format: .svg))
            #expect(svg.components(separatedBy: "class=\"node\"").count - 1 == 40)
            #expect(svg.components(separatedBy: "class=\"edge\"").count - 1 == dot.components(separatedBy: " -- ").count - 1)
        }
    }

    @Test("fdp without a worker is refused rather than rendered unrepeatably")
    func fdpNeedsWorker() {
        #expect(throws: GraphvizError.workerRequired(engine: "fdp", reason: "fdp layouts depend on earlier layouts in the same process")) {
            try GraphvizRenderer().render(dot: sampleDOT, engine: .fdp, format: .svg)
        }
    }

    @Test("No timestamps: the only comment Graphviz writes is the fixed version line")
    func noTimestamps() throws {
        let svg = utf8(try Graphviz.shared.render(dot: sampleDOT, engine: .dot, format: .svg))
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        #expect(!svg.contains(String(year)))
    }
}

/// The first line where two texts differ, both versions, for failure messages.
func firstDifference(_ a: String, _ b: String) -> String {
    let la = a.split(separator: "\n", omittingEmptySubsequences: false)
    let lb = b.split(separator: "\n", omittingEmptySubsequences: false)
    for (i, (x, y)) in zip(la, lb).enumerated() where x != y {
        return "line \(i + 1): \(x) | \(y)"
    }
    return la.count == lb.count ? "none" : "lengths \(la.count) and \(lb.count) lines"
}
