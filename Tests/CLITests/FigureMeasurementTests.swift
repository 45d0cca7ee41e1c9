import Foundation
import Testing

/// Figures measured as a reader sees them: headless Chromium lays out each SVG (or the
/// report page) and reports every text's box and effective size, every node's box and
/// centre (Tests/CLITests/Figures/figcheck.py); rsvg-convert draws each SVG file.
/// On the example graphs and on a generated 160-partner graph, for render (every
/// engine), report (.svg, .html, .md), timeline and the report's coverage chart:
/// nothing outside the figure, no label over another label or a node it does not
/// belong to, no text under the requested size at the page width, no arrowheads on
/// undirected ties, partners at the same place in every yearly snapshot.
@Suite("figure measurement", .enabled(if: FigureCheck.available, "python3 or chromium is not available"))
struct FigureMeasurementTests {
    static let asOf = ["--as-of", "2016-11-01"]
    /// The example graphs (strategy files are not graphs).
    static let graphs: [String] = {
        let dir = CLIRunner.repoRoot.appendingPathComponent("Graphs")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") && !$0.hasSuffix(".strategy.yaml") }.sorted().map { "Graphs/\($0)" }
    }()
    /// Every engine the docs offer for render ("default" is no --engine: chosen by shape).
    /// fdp is documented as never a default and not repeatable; it is measured too.
    static let engines = ["default", "neato", "twopi", "sfdp", "dot", "circo", "fdp"]
    static let renderCases: [(String, String)] = graphs.flatMap { g in engines.map { (g, $0) } }
    /// Inputs for the report and the timeline: the examples and the generated graph.
    static let inputs: [String] = graphs + [FigureCheck.largeGraphToken]

    // MARK: render

    @Test("render: every example graph with every engine, 16 cm, 9 pt", arguments: renderCases)
    func renderEngines(graph: String, engine: String) throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("figure.svg").path
        let engineArgs = engine == "default" ? [] : ["--engine", engine]
        let r = try CLIRunner.run(["render", graph] + Self.asOf + engineArgs + ["-o", out])
        try #require(r.status == 0, "render \(graph) \(engineArgs) failed: \(r.stderr)")
        let check = try FigureCheck.run([out], ["--rsvg"])
        FigureCheck.expectClean(check, "render \(graph) --engine \(engine)", notes: r.stderr)
    }

    @Test("render: the generated 160-partner graph (default engine)")
    func renderLargeGraph() throws {
        let graph = try FigureCheck.largeGraph()
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("large.svg").path
        let r = try CLIRunner.run(["render", graph] + Self.asOf + ["-o", out])
        try #require(r.status == 0, "\(r.stderr)")
        FigureCheck.expectClean(try FigureCheck.run([out], ["--rsvg"]), "render large graph", notes: r.stderr)
    }

    /// --labels all on 160 partners cannot fit at 9 pt: either the figure passes, or the
    /// CLI says so on standard error; even then nothing may overlap or fall outside.
    @Test("render --labels all: the generated graph fits, or the CLI says it does not")
    func renderLargeGraphAllLabels() throws {
        let graph = try FigureCheck.largeGraph()
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("large-all.svg").path
        let r = try CLIRunner.run(["render", graph] + Self.asOf + ["--labels", "all", "-o", out])
        if r.status != 0 {
            #expect(r.stderr.contains("error") || r.stderr.contains("note"), "exit \(r.status) without a clear message: \(r.stderr)")
            return
        }
        let check = try FigureCheck.run([out], ["--rsvg"])
        if check.violations.isEmpty { return }
        let noted = r.stderr.contains("still wider or taller than the page")
        #expect(noted, "figure violates its page and the CLI gave no note:\n\(check.violations.joined(separator: "\n"))\nstderr: \(r.stderr)")
        let unexplained = check.violations.filter { !$0.contains(": min text ") }
        #expect(unexplained.isEmpty, "render --labels all: \(unexplained.joined(separator: "\n"))")
    }

    /// The boxes per kind are a page element too: 16 cm wide, 9 pt, no
    /// arrowheads on undirected ties, no edge through a node, one box per kind drawn.
    @Test("render --cluster-by kind: 16 cm, 9 pt, one box per kind", arguments: inputs)
    func renderClusters(graph: String) throws {
        let path = graph == FigureCheck.largeGraphToken ? try FigureCheck.largeGraph() : graph
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("clusters.svg").path
        let r = try CLIRunner.run(["render", path] + Self.asOf + ["--cluster-by", "kind", "-o", out])
        try #require(r.status == 0, "\(r.stderr)")
        FigureCheck.expectClean(try FigureCheck.run([out], ["--rsvg"]), "render \(graph) --cluster-by kind", notes: r.stderr)
        let svg = try String(contentsOfFile: out, encoding: .utf8)
        #expect(svg.components(separatedBy: "class=\"cluster ").count > 1, "no box drawn")
    }

    @Test("render --page-width 12cm --font-size 10: 12 cm wide, no text under 10 pt", arguments: graphs)
    func renderPageWidth(graph: String) throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("w12.svg").path
        let r = try CLIRunner.run(["render", graph] + Self.asOf + ["--page-width", "12cm", "--font-size", "10", "-o", out])
        try #require(r.status == 0, "\(r.stderr)")
        let check = try FigureCheck.run([out], ["--width", "12cm", "--min-pt", "10", "--rsvg"])
        FigureCheck.expectClean(check, "render \(graph) --page-width 12cm --font-size 10", notes: r.stderr)
        for f in check.figures {
            #expect(abs(f.widthPt - 340.157) <= 0.5, "width \(f.widthPt) pt, not 12 cm")
            #expect(f.minTextPt ?? 0 >= 10 - 0.05, "min text \(f.minTextPt ?? 0) pt")
        }
    }

    /// The small multiples: markers only (names in the element titles, as the note says);
    /// every cell is the one layout shifted to its place in the grid.
    @Test("render --years 2009...2016 --small-multiples", arguments: graphs)
    func renderSmallMultiples(graph: String) throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("sm.svg").path
        let r = try CLIRunner.run(["render", graph, "--years", "2009...2016", "--small-multiples", "-o", out])
        try #require(r.status == 0, "\(r.stderr)")
        let check = try FigureCheck.run([out], ["--rsvg", "--same-places", "cell-\\d+$"])
        FigureCheck.expectClean(check, "render \(graph) --small-multiples", notes: r.stderr)
    }

    // MARK: timeline

    @Test("timeline at 16 cm, 9 pt", arguments: inputs)
    func timeline(input: String) throws {
        let graph = try FigureCheck.resolve(input)
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("timeline.svg").path
        let r = try CLIRunner.run(["timeline", graph] + Self.asOf + ["-o", out])
        try #require(r.status == 0, "\(r.stderr)")
        FigureCheck.expectClean(try FigureCheck.run([out], ["--rsvg"]), "timeline \(input)", notes: r.stderr)
    }

    @Test("timeline --page-width 12cm --font-size 10", arguments: graphs)
    func timelinePageWidth(graph: String) throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("timeline.svg").path
        let r = try CLIRunner.run(["timeline", graph] + Self.asOf + ["--page-width", "12cm", "--font-size", "10", "-o", out])
        try #require(r.status == 0, "\(r.stderr)")
        let check = try FigureCheck.run([out], ["--width", "12cm", "--min-pt", "10", "--rsvg"])
        FigureCheck.expectClean(check, "timeline \(graph) --page-width 12cm --font-size 10", notes: r.stderr)
    }

    // MARK: report

    /// The measure can fail: Graphviz's straight lines (`splines=line`) from
    /// a to c pass through b, which stands between them.
    @Test("figcheck finds a straight line drawn through a node between its ends")
    func edgeThroughNodeIsFound() throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let dot = dir.appendingPathComponent("row.dot").path, svg = dir.appendingPathComponent("row.svg").path
        try """
        graph row { splines=line; node [shape=box, fixedsize=true, width=0.5, height=0.3];
          a [pos="0,0!"]; b [pos="100,0!"]; c [pos="200,0!"]; d [pos="100,80!"];
          a -- c [id="edge-a-c"]; a -- d [id="edge-a-d"]; }
        """.write(toFile: dot, atomically: true, encoding: .utf8)
        let (status, _, err) = try FigureCheck.exec("/usr/bin/env", ["neato", "-n2", "-Tsvg", dot, "-o", svg])
        try #require(status == 0, "neato: \(err)")
        let check = try FigureCheck.run([svg], [])
        let through = check.violations.filter { $0.contains(" edges through nodes") }
        #expect(through.count == 1, "\(check.violations)")
        #expect(through.first?.contains("1 edges through nodes: edge-a-c through ") == true, "\(through)")
    }

    static func reportArgs(_ input: String) throws -> [String] {
        let graph = try FigureCheck.resolve(input)
        let strategy = graph.replacingOccurrences(of: ".yaml", with: ".strategy.yaml")
        let hasStrategy = FileManager.default.fileExists(atPath: CLIRunner.repoRoot.appendingPathComponent(strategy).path)
        return ["report", graph] + (hasStrategy ? ["--strategy", strategy] : []) + asOf
    }

    @Test("report -o r.svg: one figure", arguments: inputs)
    func reportSVG(input: String) throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("r.svg").path
        let r = try CLIRunner.run(try Self.reportArgs(input) + ["-o", out])
        try #require(r.status == 0, "\(r.stderr)")
        FigureCheck.expectClean(try FigureCheck.run([out], ["--rsvg"]), "report \(input) -o r.svg", notes: r.stderr)
    }

    @Test("report -o r.md: the network, timeline and coverage SVGs beside it", arguments: inputs)
    func reportMarkdown(input: String) throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("r.md").path
        let r = try CLIRunner.run(try Self.reportArgs(input) + ["-o", out])
        try #require(r.status == 0, "\(r.stderr)")
        let svgs = ["network", "timeline", "coverage"].map { dir.appendingPathComponent("r-\($0).svg").path }
        for s in svgs { #expect(FileManager.default.fileExists(atPath: s), "\(s) not written") }
        let check = try FigureCheck.run(svgs.filter { FileManager.default.fileExists(atPath: $0) }, ["--rsvg"])
        #expect(check.figures.count == 3)
        FigureCheck.expectClean(check, "report \(input) -o r.md", notes: r.stderr)
    }

    @Test("report -o r.html: every figure in the page, and the page prints", arguments: inputs)
    func reportHTML(input: String) throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("r.html").path
        let r = try CLIRunner.run(try Self.reportArgs(input) + ["-o", out])
        try #require(r.status == 0, "\(r.stderr)")
        let check = try FigureCheck.run([out], ["--print-pdf"])
        #expect(check.figures.count >= 3, "\(check.figures.count) figures measured")
        FigureCheck.expectClean(check, "report \(input) -o r.html", notes: r.stderr)
    }

    /// The yearly snapshots share one layout: a partner drawn in several years has the
    /// same centre (node ids "snap2014-node-X", "snap2015-node-X", ...).
    @Test("report --year-snapshots: partners keep their places across years")
    func reportYearSnapshots() throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("snap.html").path
        let r = try CLIRunner.run(["report", "Graphs/illustrative-partnerships.yaml", "--as-of", "2016-11-01",
                                   "--year-snapshots", "--years", "2014...2016", "-o", out])
        try #require(r.status == 0, "\(r.stderr)")
        let check = try FigureCheck.run([out], ["--same-centres", "^snap"])
        #expect(check.figures.filter { $0.name.hasPrefix("snap") }.count == 3, "\(check.figures.map(\.name))")
        #expect(check.sharedNodes > 0, "no partner is drawn in two snapshots")
        FigureCheck.expectClean(check, "report --year-snapshots 2014...2016", notes: r.stderr)
    }
}

/// Runs Tests/CLITests/Figures/figcheck.py and reads its JSON report.
enum FigureCheck {
    static let figuresDir = CLIRunner.repoRoot.appendingPathComponent("Tests/CLITests/Figures")
    static let script = figuresDir.appendingPathComponent("figcheck.py").path
    static let largeGraphToken = "generated:160"

    static func tool(_ names: String...) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in names {
            for dir in path.split(separator: ":") + ["/usr/bin", "/usr/local/bin", "/bin"] {
                let p = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: p) { return p }
            }
        }
        return nil
    }

    static let python = tool("python3")
    static let chromium = ProcessInfo.processInfo.environment["CHROMIUM"] ?? tool("chromium", "chromium-browser", "google-chrome")
    static var available: Bool { python != nil && chromium != nil }

    /// The generated graph (make_large_graph.py, 160 partners, fixed seed), written once per process.
    static let generated: Result<String, GenerationError> = {
        guard let python else { return .failure(GenerationError(message: "python3 not found")) }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pg-figures-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let out = dir.appendingPathComponent("large-160.yaml").path
        do {
            let (status, _, err) = try exec(python, [figuresDir.appendingPathComponent("make_large_graph.py").path, "-n", "160", "-o", out])
            if status != 0 { return .failure(GenerationError(message: err)) }
        } catch {
            return .failure(GenerationError(message: "\(error)"))
        }
        return .success(out)
    }()

    struct GenerationError: Error, CustomStringConvertible { let message: String; var description: String { message } }

    static func largeGraph() throws -> String { try generated.get() }
    static func resolve(_ input: String) throws -> String { input == largeGraphToken ? try largeGraph() : input }

    struct Figure {
        let name: String
        let file: String
        let widthPt: Double
        let minTextPt: Double?
        let texts: Int
    }

    struct Check {
        let status: Int32
        let figures: [Figure]
        let violations: [String]
        let sharedNodes: Int
        let stderr: String
    }

    static func run(_ files: [String], _ options: [String]) throws -> Check {
        let (status, out, err) = try exec(python!, [script] + files + ["--json"] + options + (chromium.map { ["--chromium", $0] } ?? []))
        guard status == 0 || status == 1,
              let json = try? JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any] else {
            Issue.record("figcheck.py failed (exit \(status)): \(err)")
            return Check(status: status, figures: [], violations: ["figcheck.py failed: \(err)"], sharedNodes: 0, stderr: err)
        }
        let figures = (json["figures"] as? [[String: Any]] ?? []).map {
            Figure(name: $0["name"] as? String ?? "", file: $0["file"] as? String ?? "",
                   widthPt: ($0["width_pt"] as? NSNumber)?.doubleValue ?? 0,
                   minTextPt: ($0["min_text_pt"] as? NSNumber)?.doubleValue,
                   texts: ($0["texts"] as? [Any])?.count ?? 0)
        }
        let violations = json["violations"] as? [String] ?? []
        let shared = (json["shared_nodes"] as? NSNumber)?.intValue ?? (json["shared_places"] as? NSNumber)?.intValue ?? 0
        #expect((status == 0) == violations.isEmpty, "figcheck exit \(status) with \(violations.count) violations")
        return Check(status: status, figures: figures, violations: violations, sharedNodes: shared, stderr: err)
    }

    /// One expectation per measure, so a failure names what is wrong and where.
    static func expectClean(_ check: Check, _ what: String, notes: String = "",
                            sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!check.figures.isEmpty, "\(what): no figure measured", sourceLocation: sourceLocation)
        for f in check.figures { #expect(f.texts > 0, "\(what): \(f.name) has no text", sourceLocation: sourceLocation) }
        let groups: [(String, (String) -> Bool)] = [
            ("width", { $0.contains(" is not the page width") }),
            ("text size", { $0.contains(": min text ") }),
            ("outside the figure", { $0.contains(" outside the viewport") }),
            ("label overlaps", { $0.contains(" label overlaps") }),
            ("arrowheads on undirected ties", { $0.contains(" undirected edges with arrowheads") }),
            ("edges through nodes", { $0.contains(" edges through nodes") }),
            ("positions across figures", { $0.contains(" moves between figures") || $0.contains(" is not at the same place") || $0.contains("same-centres:") || $0.contains("same-places:") }),
            ("rsvg-convert", { $0.contains(": rsvg: ") }),
            ("printing", { $0.contains(": print: ") }),
        ]
        var rest = check.violations
        let noteText = notes.isEmpty ? "" : "\n(CLI notes: \(notes.trimmingCharacters(in: .whitespacesAndNewlines)))"
        for (measure, matches) in groups {
            let hits = rest.filter(matches)
            rest.removeAll(where: matches)
            #expect(hits.isEmpty, "\(what) — \(measure):\n\(hits.joined(separator: "\n"))\(noteText)", sourceLocation: sourceLocation)
        }
        #expect(rest.isEmpty, "\(what):\n\(rest.joined(separator: "\n"))", sourceLocation: sourceLocation)
    }

    static func exec(_ exe: String, _ arguments: [String]) throws -> (Int32, String, String) {
        let r = try CLIRunner.execute(URL(fileURLWithPath: exe), arguments)
        return (r.status, r.stdout, r.stderr)
    }
}
