import Foundation
import Testing

/// `partnergraph analyze` against NetworkX: tolerance, directed core number,
/// isolated partners, undefined modularity, and what the help promises.
@Suite struct AnalyzeCommandTests {
    static let seed = "Graphs/unesco-human-rights.yaml"

    /// The `partners` rows of `analyze --format json`, by id.
    static func rows(_ json: String) throws -> [String: [String: Any]] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let partners = try #require(object["partners"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: partners.map { ($0["id"] as! String, $0) })
    }

    static func number(_ row: [String: Any]?, _ key: String) -> Double? { (row?[key] as? NSNumber)?.doubleValue }

    /// Writes a graph file (JSON, the YAML schema) from a Python script that prints it.
    static func graphFromPython(_ script: String, in dir: URL) throws -> String {
        let r = try CLIRunner.python(script)
        try #require(r.status == 0, "python: \(r.stderr)")
        let path = dir.appendingPathComponent("graph.json").path
        try r.stdout.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Issue 16: NetworkX's default tolerance leaves Valjean at 0.2676181759885394;
    /// the exact leading eigenvector (numpy.linalg.eigh of the unweighted
    /// adjacency matrix of nx.les_miserables_graph()) gives 0.26760657924244025.
    @Test(.enabled(if: CLIRunner.hasNetworkXPageRank, "python3 with networkx and scipy is not available"))
    func eigenvectorAndPageRankAreExactByDefault() throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let graph = try Self.graphFromPython("""
            import json, networkx as nx
            G = nx.les_miserables_graph()
            print(json.dumps({"partners": [{"id": v, "name": v, "kind": "character"} for v in G],
                              "ties": [{"type": "liaison", "between": [u, v]} for u, v in G.edges()]}))
            """, in: dir)
        let expected = try CLIRunner.python("""
            import json, sys, networkx as nx
            G = nx.les_miserables_graph()
            print(json.dumps(nx.pagerank(G, weight=None, tol=1e-15, max_iter=100000)))
            """)
        let pagerank = try #require(try JSONSerialization.jsonObject(with: Data(expected.stdout.utf8)) as? [String: Double])
        let r = try CLIRunner.run(["analyze", graph, "--as-of", "2020", "--measures", "eigenvector,pagerank", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try Self.rows(r.stdout)
        let valjean = try #require(Self.number(rows["Valjean"], "eigenvector"))
        #expect(abs(valjean - 0.26760657924244025) < 1e-10, "Valjean \(valjean)")
        #expect(rows.count == pagerank.count)
        for (id, p) in pagerank {
            let ours = try #require(Self.number(rows[id], "pagerank"), "\(id)")
            #expect(abs(ours - p) < 1e-10, "\(id): \(ours) ≠ \(p)")
        }
        // --tolerance 1e-6 is NetworkX's default, and stops where NetworkX stops
        let loose = try CLIRunner.run(["analyze", graph, "--as-of", "2020", "--measures", "eigenvector", "--tolerance", "1e-6", "--format", "json"])
        #expect(loose.status == 0)
        let looseValjean = try #require(Self.number(try Self.rows(loose.stdout)["Valjean"], "eigenvector"))
        #expect(abs(looseValjean - 0.2676181759885394) < 1e-12, "Valjean at 1e-6: \(looseValjean)")
    }

    @Test func pagerankToleranceIsADeprecatedAliasOfTolerance() throws {
        let new = try CLIRunner.run(["analyze", Self.seed, "--as-of", "2016-11-01", "--tolerance", "1e-8", "--format", "json"])
        let old = try CLIRunner.run(["analyze", Self.seed, "--as-of", "2016-11-01", "--pagerank-tolerance", "1e-8", "--format", "json"])
        #expect(new.status == 0 && old.status == 0)
        #expect(new.stderr.isEmpty)
        #expect(old.stderr == "partnergraph: --pagerank-tolerance is deprecated; use --tolerance\n")
        #expect(old.stdout == new.stdout)
        #expect(new.stdout.contains("\"tolerance\" : 1e-08"))
        let help = try CLIRunner.run(["analyze", "--help"])
        #expect(help.stdout.contains("--tolerance <t>"))
        #expect(!help.stdout.contains("pagerank-tolerance"))
        for bad in [["--tolerance", "0"], ["--tolerance=-1e-3"], ["--pagerank-tolerance", "nan"]] {
            let r = try CLIRunner.run(["analyze", Self.seed] + bad)
            #expect(r.status == 64, "\(bad)")
            #expect(r.stderr.contains("must be a positive number"), "\(bad): \(r.stderr)")
        }
    }

    /// Two disjoint cliques, K40 and K40 minus an edge: their leading eigenvalues differ
    /// by about 0.05, so power iteration needs some 20,000 steps to reach 1e-12.
    /// NetworkX's `eigenvector_centrality(G, tol=1e-12, max_iter=10000)` raises
    /// PowerIterationFailedConvergence; we exit 1 with the measure, tolerance and a way out.
    @Test func eigenvectorThatDoesNotConvergeIsAnError() throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        var partners: [String] = [], ties: [String] = []
        for v in 0..<80 { partners.append("{\"id\": \"p\(v)\", \"name\": \"P\(v)\", \"kind\": \"k\"}") }
        for base in [0, 40] {
            for u in base..<(base + 40) {
                for v in (u + 1)..<(base + 40) where !(u == 40 && v == 41) {
                    ties.append("{\"type\": \"liaison\", \"between\": [\"p\(u)\", \"p\(v)\"]}")
                }
            }
        }
        let path = dir.appendingPathComponent("cliques.json").path
        try "{\"partners\": [\(partners.joined(separator: ", "))], \"ties\": [\(ties.joined(separator: ", "))]}\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["analyze", path, "--measures", "eigenvector"])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("analysis failed: eigenvector centrality did not converge to tolerance 1e-12 within 10000 iterations; "
                                  + "give a larger --tolerance, or leave it out with --measures"), "\(r.stderr)")
        // NetworkX's tolerance converges (its value for node 0 is 0.15810559365265872)
        let loose = try CLIRunner.run(["analyze", path, "--measures", "eigenvector", "--tolerance", "1e-6", "--format", "json"])
        #expect(loose.status == 0, "\(loose.stderr)")
        let p0 = try #require(Self.number(try Self.rows(loose.stdout)["p0"], "eigenvector"))
        #expect(abs(p0 - 0.15810559365265872) < 1e-12, "\(p0)")
    }

    /// NetworkX's algorithms/tests/test_core.py `test_directed_core_number`, as directed ties.
    @Test func directedCoreNumberFollowsNetworkX() throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        func run(_ arcs: [(Int, Int)]) throws -> [String: Int] {
            let nodes = Set(arcs.flatMap { [$0.0, $0.1] }).sorted()
            let partners = nodes.map { "{\"id\": \"\($0)\", \"name\": \"\($0)\", \"kind\": \"k\"}" }
            let ties = arcs.map { "{\"type\": \"liaison\", \"from\": \"\($0.0)\", \"to\": \"\($0.1)\"}" }
            let path = dir.appendingPathComponent("core.json").path
            try "{\"partners\": [\(partners.joined(separator: ", "))], \"ties\": [\(ties.joined(separator: ", "))]}\n"
                .write(toFile: path, atomically: true, encoding: .utf8)
            let r = try CLIRunner.run(["analyze", path, "--directed", "--measures", "core-number", "--format", "json"])
            #expect(r.status == 0, "\(r.stderr)")
            return try Self.rows(r.stdout).mapValues { ($0["coreNumber"] as! NSNumber).intValue }
        }
        let first = [(1, 2), (2, 1), (2, 3), (2, 4), (3, 4), (4, 3)]
        #expect(try run(first) == ["1": 2, "2": 2, "3": 2, "4": 2])
        let more = [(1, 5), (3, 5), (4, 5), (3, 6), (4, 6), (5, 6)]
        #expect(try run(first + more) == ["1": 3, "2": 3, "3": 3, "4": 3, "5": 3, "6": 3])
    }

    /// `--include-isolated` lists partners without a current tie but leaves the
    /// graph alone: everyone else's degree, betweenness, closeness and PageRank
    /// are NetworkX's on the graph without them. `--keep-isolated-in-graph` is
    /// NetworkX's graph with the isolated nodes added.
    @Test(.enabled(if: CLIRunner.hasNetworkXPageRank, "python3 with networkx and scipy is not available"))
    func includeIsolatedOnlyLists() throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        // the Florentine families, and two families with only a lapsed agreement
        let graph = try Self.graphFromPython("""
            import json, networkx as nx
            G = nx.florentine_families_graph()
            partners = [{"id": v, "name": v, "kind": "family"} for v in sorted(G)] + \\
                [{"id": v, "name": v, "kind": "family"} for v in ("Pucci", "Zeno")]
            ties = [{"type": "liaison", "between": [u, v]} for u, v in G.edges()]
            ties.append({"type": "agreement", "between": ["Pucci", "Zeno"], "start": "1400", "end": "1401"})
            print(json.dumps({"partners": partners, "ties": ties}))
            """, in: dir)
        let reference = try CLIRunner.python("""
            import json, networkx as nx
            out = {}
            for name, extra in (("without", []), ("with", ["Pucci", "Zeno"])):
                G = nx.florentine_families_graph()
                G.add_nodes_from(extra)
                out[name] = {v: {"degree": G.degree(v), "betweenness": b, "closeness": c, "pagerank": p}
                             for v, b, c, p in zip(G, *(m.values() for m in (
                                 nx.betweenness_centrality(G), nx.closeness_centrality(G),
                                 nx.pagerank(G, weight=None, tol=1e-15, max_iter=100000))))}
            print(json.dumps(out))
            """)
        let nx = try #require(try JSONSerialization.jsonObject(with: Data(reference.stdout.utf8)) as? [String: [String: [String: Double]]])
        let measures = ["degree", "betweenness", "closeness", "pagerank"]
        func analyze(_ flags: [String]) throws -> [String: [String: Any]] {
            let r = try CLIRunner.run(["analyze", graph, "--as-of", "2020", "--measures", measures.joined(separator: ","), "--format", "json"] + flags)
            #expect(r.status == 0, "\(r.stderr)")
            return try Self.rows(r.stdout)
        }
        func check(_ rows: [String: [String: Any]], against expected: [String: [String: Double]], _ what: String) {
            for (id, values) in expected {
                for m in measures {
                    let ours = Self.number(rows[id], m)
                    #expect(ours.map { abs($0 - values[m]!) < 1e-10 } == true, "\(what) \(id) \(m): \(String(describing: ours)) ≠ \(values[m]!)")
                }
            }
        }
        let plain = try analyze([])
        #expect(plain.count == 15 && plain["Pucci"] == nil)
        check(plain, against: nx["without"]!, "plain")
        let listed = try analyze(["--include-isolated"])
        #expect(listed.count == 17)
        check(listed, against: nx["without"]!.filter { $0.key != "Pucci" && $0.key != "Zeno" }, "--include-isolated")
        for id in ["Pucci", "Zeno"] {
            for m in measures { #expect(Self.number(listed[id], m) == 0, "\(id) \(m)") }
        }
        let kept = try analyze(["--keep-isolated-in-graph"])
        #expect(kept.count == 17)
        check(kept, against: nx["with"]!, "--keep-isolated-in-graph")
        // the PageRank of the tied families differs between the two
        #expect(Self.number(listed["Medici"], "pagerank") != Self.number(kept["Medici"], "pagerank"))
        let both = try CLIRunner.run(["analyze", graph, "--include-isolated", "--keep-isolated-in-graph"])
        #expect(both.status == 64)
    }

    /// NetworkX's `modularity` divides by the total edge weight, so a graph
    /// without edges has none: `null` in JSON and – in the table, not 0.
    @Test func modularityOfAGraphWithoutEdgesIsUndefined() throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("edgeless.json").path
        try """
            {"partners": [{"id": "a", "name": "A", "kind": "k"}, {"id": "b", "name": "B", "kind": "k"}], "ties": []}

            """.write(toFile: path, atomically: true, encoding: .utf8)
        let json = try CLIRunner.run(["analyze", path, "--keep-isolated-in-graph", "--measures", "community", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let graph = try #require(object?["graph"] as? [String: Any])
        #expect(graph["modularity"] is NSNull)
        let table = try CLIRunner.run(["analyze", path, "--keep-isolated-in-graph", "--measures", "community"])
        #expect(table.stdout.contains("\ncomponents: 2; modularity: –\n"), "\(table.stdout)")
        // with an edge it is a number
        let seed = try CLIRunner.run(["analyze", Self.seed, "--as-of", "2016-11-01", "--measures", "community"])
        #expect(seed.stdout.contains("; modularity: 0"), "\(seed.stdout)")
    }

    /// The help states, per measure, weights, direction, normalisation and the NetworkX function.
    @Test func helpStatesWhatEachMeasureIs() throws {
        // words as one line: the parser wraps help text to the terminal's width
        let help = try CLIRunner.run(["analyze", "--help"]).stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for text in ["Strength always sums these weights", "strength always in + out", "G.degree(weight=\"weight\")",
                     "betweenness_centrality", "closeness_centrality", "harmonic_centrality", "eigenvector_centrality",
                     "pagerank", "core_number", "clustering", "constraint", "effective_size", "louvain_communities",
                     "--directed keeps directed ties as arcs", "use the undirected graph either way", "default 1e-12",
                     "clustering no none clustering", "core-number no in + out core_number",
                     "--keep-isolated-in-graph"] {
            #expect(help.contains(text), "help lacks '\(text)'")
        }
    }
}
