import Foundation
import Testing

@Suite struct ConvertCommandTests {
    static let seed = "Graphs/unesco-human-rights.yaml"

    @Test("YAML → GraphML → YAML and YAML → JSON → GraphML → YAML give the original YAML back")
    func losslessChain() throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let original = try CLIRunner.run(["convert", Self.seed, "-o", "-", "--format", "yaml"])
        #expect(original.status == 0)
        #expect(original.stderr.isEmpty)
        let g = dir.appendingPathComponent("seed.graphml").path
        let j = dir.appendingPathComponent("seed.json").path
        let g2 = dir.appendingPathComponent("again.graphml").path
        let y = dir.appendingPathComponent("back.yaml").path
        for (from, to) in [(Self.seed, g), (g, j), (j, g2), (g2, y)] {
            let r = try CLIRunner.run(["convert", from, "-o", to])
            #expect(r.status == 0, "\(from) → \(to): \(r.stderr)")
            #expect(r.stderr.isEmpty, "\(from) → \(to)")
        }
        #expect(try String(contentsOfFile: y, encoding: .utf8) == original.stdout)
        #expect(try String(contentsOfFile: g, encoding: .utf8) == String(contentsOfFile: g2, encoding: .utf8))
    }

    @Test("a target that cannot hold everything gets a warning listing what is left out")
    func lossWarnings() throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = try CLIRunner.run(["convert", Self.seed, "-o", dir.appendingPathComponent("pair").path])
        #expect(csv.status == 0)
        #expect(csv.stderr.hasPrefix("warning: CSV cannot hold everything in \(Self.seed); not written:\n"))
        // Title, focal, description and graph attributes travel in graph.yaml beside the pair.
        #expect(!csv.stderr.contains("graph fields"))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("pair/graph.yaml").path))
        #expect(csv.stderr.contains("  - types of partner attributes collective (CSV cells are text)\n"))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("pair/partners.csv").path))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("pair/ties.csv").path))

        let gexf = try CLIRunner.run(["convert", Self.seed, "-o", dir.appendingPathComponent("seed.gexf").path])
        #expect(gexf.status == 0)
        #expect(gexf.stderr == """
            warning: GEXF cannot hold everything in \(Self.seed); not written:
              - graph attributes capturedOn, sourceUrl

            """)
    }

    @Test("reading another tool's GraphML warns about the defaults it fills in")
    func foreignDefaults() throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("plain.graphml")
        try """
        <?xml version="1.0"?>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
          <graph edgedefault="undirected">
            <node id="a"/><node id="b"/><node id="c"/>
            <edge source="a" target="b"/><edge source="b" target="c"/>
          </graph>
        </graphml>
        """.write(to: input, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("plain.yaml").path
        let r = try CLIRunner.run(["convert", input.path, "-o", out])
        #expect(r.status == 0)
        #expect(r.stderr == """
            \(input.path): warning: 3 of 3 nodes have no 'kind'; set to 'unspecified'
                hint: add a node key with attr.name="kind" to classify partners
            \(input.path): warning: 3 nodes have no name or label; the id is used as the name
            \(input.path): warning: 2 of 2 edges have no 'type'; set to 'edge' (declared under settings.tieTypes, weight 1)
                hint: add an edge key with attr.name="type" (agreement, liaison, joint-activity or a declared type)

            """)
        let v = try CLIRunner.run(["validate", out])
        #expect(v.status == 0)
        #expect(v.stdout == "\(out): ok: 3 partners (1 kind), 2 ties (1 type), 2 undated\n")
    }

    @Test("bad input: diagnostics with line and column, exit 1, nothing written", arguments: [
        ("malformed.graphml", "<?xml version=\"1.0\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n<graph>\n<node id=\"a\">\n</graph>\n</graphml>\n",
         ":5:1: error: malformed XML: closing tag does not match <node> opened at 4:1"),
        ("missing.graphml", "<?xml version=\"1.0\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n<graph>\n<node id=\"a\"/>\n  <edge source=\"a\" target=\"b\"/>\n</graph>\n</graphml>\n",
         ":5:3: error: edge target 'b' is not a node"),
        ("types.gexf", "<?xml version=\"1.0\"?>\n<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\"><graph>\n<attributes class=\"edge\">\n <attribute id=\"0\" title=\"since\" type=\"timestamp\"/>\n</attributes>\n</graph></gexf>\n",
         ":4:2: error: unknown attribute type 'timestamp' for attribute '0'"),
    ])
    func badInput(name: String, text: String, expected: String) throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent(name)
        try text.write(to: input, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out.yaml")
        let r = try CLIRunner.run(["convert", input.path, "-o", out.path])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix(input.path + expected), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: out.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == [name])
    }

    @Test("DOT export: every partner and tie, read back by Graphviz's own dot binary")
    func dotExport() throws {
        let out = CLIRunner.tempDir().appendingPathComponent("seed.gv").path
        let r = try CLIRunner.run(["convert", Self.seed, "-o", out])
        #expect(r.status == 0)
        #expect(r.stderr == "warning: DOT is export only: partnergraph cannot read it back, and attribute values become text\n")
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/dot") else { return }
        // `dot -Tplain` lists one "node" line per node and one "edge" line per edge:
        // 17 partners and 17 ties in the seed file (counted by hand).
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/dot")
        p.arguments = ["-Tplain", out]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let plain = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let lines = plain.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("node ") }.count == 17)
        #expect(lines.filter { $0.hasPrefix("edge ") }.count == 17)
    }

    @Test("DOT export: an id of 5,000 characters reaches dot whole; one too long for dot's lexer is refused, nothing written")
    func dotExportLongIDs() throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, length) in [("fits", 5_000), ("long", 20_000)] {
            let id = String(repeating: "a", count: length)
            try Data("partners:\n  - {id: \(id), name: A, kind: ngo}\n  - {id: b, name: B, kind: ngo}\nties:\n  - {type: liaison, between: [\(id), b], start: 2010}\n".utf8)
                .write(to: dir.appendingPathComponent(name + ".yaml"))
        }
        let fits = try CLIRunner.run(["convert", "fits.yaml", "-o", "fits.dot"], in: dir)
        #expect(fits.status == 0, "\(fits.stderr)")
        let plain = try CLIRunner.shell("dot -Tplain '\(dir.path)/fits.dot'")
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout.contains("node " + String(repeating: "a", count: 5_000) + " "))
        let long = try CLIRunner.run(["convert", "long.yaml", "-o", "long.dot"], in: dir)
        #expect(long.status == 1)
        #expect(long.stderr.contains("long.yaml: error: partner id '\(String(repeating: "a", count: 40))…' is 20,000 characters long; dot cannot read a name over 16 KB"), "\(long.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("long.dot").path))
    }

    @Test("usage errors exit 64: unknown extension, standard output without --format")
    func usageErrors() throws {
        let ext = try CLIRunner.run(["convert", Self.seed, "-o", "/tmp/x.txt"])
        #expect(ext.status == 64)
        let stdout = try CLIRunner.run(["convert", Self.seed, "-o", "-"])
        #expect(stdout.status == 64)
        #expect(stdout.stderr.contains("Writing to standard output needs --format"))
    }

    @Test("GraphML to standard output with --format, GEXF through a file, both parse as XML")
    func xmlOutputs() throws {
        let r = try CLIRunner.run(["convert", Self.seed, "-o", "-", "--format", "graphml"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml "))
        #expect(r.stdout.components(separatedBy: "<node id=").count - 1 == 17)
        #expect(r.stdout.components(separatedBy: "<edge ").count - 1 == 17)
    }
}

/// Issue 16: NetworkX writes a MultiGraph's edge keys (0, 1, …) as GraphML edge
/// ids; the key must not become a tie attribute, nor reach GEXF, GraphML or DOT
/// (NetworkX's `read_gexf` fails on an edge attribute named `key`).
@Suite struct MultigraphKeyTests {
    @Test("a NetworkX multigraph's GraphML converts to GEXF that NetworkX reads back, with no key anywhere",
          .enabled(if: CLIRunner.hasNetworkX, "python3 with networkx is not available"))
    func networkXMultigraphRoundTrip() throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let graphml = dir.appendingPathComponent("x.graphml").path
        let made = try CLIRunner.python("""
            import sys, networkx as nx
            G = nx.MultiGraph()
            for v, kind in (("unesco", "agency"), ("ohchr", "office"), ("ilo", "agency")):
                G.add_node(v, name=v.upper(), kind=kind)
            G.add_edge("unesco", "ohchr", type="agreement", start="2003")
            G.add_edge("unesco", "ohchr", type="liaison")
            G.add_edge("unesco", "ilo", type="joint-activity", start="2015", weight=2.0)
            nx.write_graphml(G, sys.argv[1])
            """, [graphml])
        try #require(made.status == 0, "\(made.stderr)")
        #expect(try String(contentsOfFile: graphml, encoding: .utf8).contains("id=\"1\""), "NetworkX wrote no keys as ids")
        let gexf = dir.appendingPathComponent("y.gexf").path
        let r = try CLIRunner.run(["convert", graphml, "-o", gexf])
        #expect(r.status == 0, "\(r.stderr)")
        let read = try CLIRunner.python("""
            import sys, networkx as nx
            G = nx.read_gexf(sys.argv[1])
            edges = sorted((min(u, v), max(u, v), d.get("type", "")) for u, v, d in G.edges(data=True))
            print(G.number_of_nodes(), G.number_of_edges(), edges)
            print(sorted({k for _, _, d in G.edges(data=True) for k in d}))
            """, [gexf])
        #expect(read.status == 0, "read_gexf failed: \(read.stderr)")
        let lines = read.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "3 3 [('ilo', 'unesco', 'joint-activity'), ('ohchr', 'unesco', 'agreement'), ('ohchr', 'unesco', 'liaison')]",
                "\(read.stdout)")
        #expect(lines.count == 2 && !lines[1].contains("'key'"), "\(read.stdout)")
        // and no key in what we write in any format
        for ext in ["gexf", "graphml", "dot", "yaml"] {
            let out = dir.appendingPathComponent("z.\(ext)").path
            let c = try CLIRunner.run(["convert", graphml, "-o", out])
            #expect(c.status == 0, "\(ext): \(c.stderr)")
            let text = try String(contentsOfFile: out, encoding: .utf8)
            for needle in ["\"key\"", "pg_key", "key:", "title=\"key\"", "attr.name=\"key\""] {
                #expect(!text.contains(needle), "\(ext) holds \(needle)")
            }
        }
    }
}

/// Values that used to stop a writer (issue 13): attribute keys DOT cannot
/// write bare, and a weight of 1e19 (beyond the four-decimal formatter).
@Suite struct TotalWriterTests {
    @Test("DOT export with keys like 'x-ref' and 'a b' and a weight of 1e19: exit 0, and dot reads it")
    func awkwardKeysAndHugeWeight() throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let g = dir.appendingPathComponent("g.yaml")
        try """
        partners:
          - {id: a, name: A, kind: ngo}
          - {id: b, name: B, kind: ngo}
        ties:
          - {from: a, to: b, type: agreement, start: 2010, weight: 1e19, attributes: {"x-ref": 1, "a b": 2}}
        """.write(to: g, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("g.dot").path
        let r = try CLIRunner.run(["convert", g.path, "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        // int(1e19) in Python: 10000000000000000000.
        #expect(text.contains("weight=10000000000000000000"), "\(text)")
        #expect(text.contains("\"pg_x-ref\"=\"1\"") && text.contains("\"pg_a b\"=\"2\""), "\(text)")
        if (try? CLIRunner.shell("command -v dot"))?.status == 0 {
            let d = try CLIRunner.shell("dot -Tsvg '\(out)' -o /dev/null")
            #expect(d.status == 0, "\(d.stderr)")
        }
        for args in [["analyze", g.path], ["analyze", g.path, "--weighted"], ["render", g.path, "-o", dir.appendingPathComponent("g.svg").path]] {
            let a = try CLIRunner.run(args)
            #expect(a.status == 0, "\(args): \(a.stderr)")
        }
    }
}
