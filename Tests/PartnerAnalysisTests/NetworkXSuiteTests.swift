import Testing
import PartnerGraph
@testable import PartnerAnalysis

/// Graphs and literal expected values from NetworkX 3.6.1's own test suite
/// (the file and test are named on each test), for the directed and weighted
/// variants the generated fixtures (make_fixtures.py) do not cover, and the
/// way `PartnerMeasures` composes the measures for the CLI.
@Suite("NetworkX's test suite, ported")
struct NetworkXSuiteTests {
    /// `name → index` for a graph built from named arcs, nodes in first-seen order (as NetworkX adds them).
    static func graph(_ arcs: [(String, String, Double)], directed: Bool) throws -> (CSRGraph, [String]) {
        var names: [String] = []
        var index: [String: Int] = [:]
        for (u, v, _) in arcs {
            for x in [u, v] where index[x] == nil { index[x] = names.count; names.append(x) }
        }
        let g = try CSRGraph(nodeCount: names.count, edges: arcs.map { (index[$0.0]!, index[$0.1]!, $0.2) }, directed: directed)
        return (g, names)
    }

    /// algorithms/tests/test_core.py, `test_directed_core_number` (NetworkX issue #1959).
    @Test func directedCoreNumber() throws {
        let first: [(String, String, Double)] = [("1", "2", 1), ("2", "1", 1), ("2", "3", 1), ("2", "4", 1), ("3", "4", 1), ("4", "3", 1)]
        let (g, names) = try Self.graph(first, directed: true)
        #expect(names == ["1", "2", "3", "4"])
        #expect(g.coreNumbers() == [2, 2, 2, 2])
        let more: [(String, String, Double)] = [("1", "5", 1), ("3", "5", 1), ("4", "5", 1), ("3", "6", 1), ("4", "6", 1), ("5", "6", 1)]
        let (h, hNames) = try Self.graph(first + more, directed: true)
        #expect(hNames == ["1", "2", "3", "4", "5", "6"])
        #expect(h.coreNumbers() == [3, 3, 3, 3, 3, 3])
    }

    /// The same graphs as partners with directed ties, through `Projection(directed: true)`
    /// and `PartnerMeasures`, as `partnergraph analyze --directed` computes them.
    @Test func directedCoreNumberThroughPartnerMeasures() throws {
        let arcs = [("1", "2"), ("2", "1"), ("2", "3"), ("2", "4"), ("3", "4"), ("4", "3"),
                    ("1", "5"), ("3", "5"), ("4", "5"), ("3", "6"), ("4", "6"), ("5", "6")]
        var net = PartnerNetwork()
        for id in ["1", "2", "3", "4", "5", "6"] { try net.add(Partner(id: id, name: id, kind: "k")) }
        for (a, b) in arcs { net.add(Tie(type: "liaison", source: a, target: b, isDirected: true)) }
        let p = try Projection(network: net, asOf: Day(year: 2020, month: 1, day: 1)!, directed: true)
        let m = try PartnerMeasures(projection: p, measures: [.coreNumber], kinds: p.ids.map { _ in "k" })
        #expect(m.values[.coreNumber]! == [3, 3, 3, 3, 3, 3])
        // undirected (nx.Graph of the same pairs): 1 and 2 lie outside the 3-core, the K4 on 3, 4, 5, 6
        let u = try Projection(network: net, asOf: Day(year: 2020, month: 1, day: 1)!)
        let mu = try PartnerMeasures(projection: u, measures: [.coreNumber], kinds: u.ids.map { _ in "k" })
        #expect(mu.values[.coreNumber]! == [2, 2, 3, 3, 3, 3])
    }

    /// centrality/tests/test_eigenvector_centrality.py, `TestEigenvectorCentralityDirected`:
    /// the reversed graph, weight 2 on every arc (weighted and unweighted give the
    /// same vector), expected values to 1e-4 as NetworkX's test.
    @Test(arguments: [false, true])
    func directedEigenvector(weighted: Bool) throws {
        let edges = [(1, 2), (1, 3), (2, 4), (3, 2), (3, 5), (4, 2), (4, 5), (4, 6), (5, 6), (5, 7), (5, 8),
                     (6, 8), (7, 1), (7, 5), (7, 8), (8, 6), (8, 7)]
        // G.reverse(): arcs v -> u; nodes 1...8 in order
        let g = try CSRGraph(nodeCount: 8, edges: edges.map { ($0.1 - 1, $0.0 - 1, 2.0) }, directed: true)
        let evc = [0.25368793, 0.19576478, 0.32817092, 0.40430835, 0.48199885, 0.15724483, 0.51346196, 0.32475403]
        expectClose(try g.eigenvectorCentrality(weighted: weighted), evc, tol: 1e-4, "directed eigenvector")
    }

    /// link_analysis/tests/test_pagerank.py, `TestPageRank.test_pagerank`: α 0.9,
    /// node 2 dangling, expected values to 1e-4 as NetworkX's test.
    @Test func directedPageRank() throws {
        let edges = [(1, 2), (1, 3), (3, 1), (3, 2), (3, 5), (4, 5), (4, 6), (5, 4), (5, 6), (6, 4)]
        let g = try CSRGraph(nodeCount: 6, edges: edges.map { ($0.0 - 1, $0.1 - 1, 1.0) }, directed: true)
        let expected = [0.03721197, 0.05395735, 0.04150565, 0.37508082, 0.20599833, 0.28624589]
        expectClose(try g.pageRank(alpha: 0.9), expected, tol: 1e-4, "directed pagerank")
        expectClose(try g.pageRank(alpha: 0.9, tolerance: 1e-8), expected, tol: 1e-4, "directed pagerank, tol 1e-8 as the test")
    }

    /// The arcs of centrality/tests/test_betweenness_centrality.py `test_G2` and
    /// test_closeness_centrality.py `test_weighted_closeness`, with NetworkX's
    /// weight as a length: ours is a strength (length 1/weight), so 1/length is passed.
    static let sux: [(String, String, Double)] = [
        ("s", "u", 10), ("s", "x", 5), ("u", "v", 1), ("u", "x", 2), ("v", "y", 1),
        ("x", "u", 3), ("x", "v", 5), ("x", "y", 2), ("y", "s", 7), ("y", "v", 6),
    ]

    /// `test_G2`: weighted directed raw betweenness {"y": 5, "x": 5, "s": 4, "u": 2, "v": 2}.
    @Test func weightedDirectedBetweenness() throws {
        let (g, names) = try Self.graph(Self.sux.map { ($0.0, $0.1, 1 / $0.2) }, directed: true)
        let b = try g.betweennessCentrality(normalized: false, weighted: true)
        let expected: [String: Double] = ["y": 5, "x": 5, "s": 4, "u": 2, "v": 2]
        expectClose(b, names.map { expected[$0]! }, tol: 1e-7, "weighted directed betweenness")
    }

    /// `test_weighted_closeness`: the arcs added to an undirected `nx.Graph`, where a
    /// later edge of the same pair replaces the weight (u–x 3, v–y 6); expected to 1e-3.
    @Test func weightedUndirectedCloseness() throws {
        var last: [String: (String, String, Double)] = [:]
        var order: [String] = []
        for (u, v, w) in Self.sux {
            let key = [u, v].sorted().joined(separator: "-")
            if last[key] == nil { order.append(key) }
            last[key] = (last[key]?.0 ?? u, last[key]?.1 ?? v, w)
        }
        let (g, names) = try Self.graph(order.map { let e = last[$0]!; return (e.0, e.1, 1 / e.2) }, directed: false)
        let expected: [String: Double] = ["y": 0.200, "x": 0.286, "s": 0.138, "u": 0.235, "v": 0.200]
        expectClose(g.closenessCentrality(weighted: true), names.map { expected[$0]! }, tol: 1e-3, "weighted closeness")
    }

    /// test_closeness_centrality.py `test_digraph`: the directed path 0 → 1 → 2 and its reverse.
    @Test func directedCloseness() throws {
        let g = try CSRGraph(nodeCount: 3, edges: [(0, 1, 1), (1, 2, 1)], directed: true)
        expectClose(g.closenessCentrality(), [0, 0.5, 0.667], tol: 1e-3, "closeness")
        let r = try CSRGraph(nodeCount: 3, edges: [(1, 0, 1), (2, 1, 1)], directed: true)
        expectClose(r.closenessCentrality(), [0.667, 0.5, 0], tol: 1e-3, "closeness of the reverse")
    }

    // MARK: isolated partners

    /// The Florentine families as partners (liaisons, weight 1) plus Pucci, who has no tie.
    static func florentineNetwork() throws -> PartnerNetwork {
        let f = Fixtures.florentineWithPucci
        var net = PartnerNetwork()
        for name in f.names { try net.add(Partner(id: name, name: name, kind: "family")) }
        for (u, v, _) in f.edges { net.add(Tie(type: "liaison", source: f.names[u], target: f.names[v])) }
        return net
    }

    static let day = Day(year: 2020, month: 1, day: 1)!
    static let checked: [Measure] = [.degree, .degreeCentrality, .betweenness, .closeness, .harmonic, .eigenvector, .pagerank,
                                     .coreNumber, .clustering, .constraint, .effectiveSize]

    /// The reference column of `measure` (NetworkX, make_fixtures.py) for the partners `ids`, by name.
    static func expected(_ measure: Measure, _ r: Measures, fixture: Fixture, for ids: [String]) -> [Double?] {
        let column: [Double?]
        switch measure {
        case .degree: column = r.degree.map(Double.init)
        case .degreeCentrality: column = r.degreeCentrality
        case .betweenness: column = r.betweenness
        case .closeness: column = r.closeness
        case .harmonic: column = r.harmonic
        case .eigenvector: column = r.eigenvector
        case .pagerank: column = r.pagerank
        case .coreNumber: column = r.coreNumber.map(Double.init)
        case .clustering: column = r.clustering
        case .constraint: column = r.constraint
        case .effectiveSize: column = r.effectiveSize
        default: fatalError("not checked")
        }
        return ids.map { column[fixture.index(of: $0)] }
    }

    /// `--include-isolated`: Pucci is listed with an isolated node's values, and
    /// everyone else has NetworkX's values on the graph without Pucci.
    @Test func listedIsolatedPartnersLeaveTheGraphAlone() throws {
        let net = try Self.florentineNetwork()
        let p = try Projection(network: net, asOf: Self.day, isolated: .listed)
        #expect(p.graph.nodeCount == 15)
        #expect(p.isolatedIDs == ["Pucci"])
        let m = try PartnerMeasures(projection: p, measures: Self.checked + [.community], kinds: p.ids.map { _ in "family" })
        #expect(m.ids == p.ids + ["Pucci"])
        let tied = Array(m.ids.prefix(15))
        for measure in Self.checked {
            let got = Array(m.values[measure]!.prefix(15))
            let want = Self.expected(measure, Reference.florentine, fixture: Fixtures.florentine, for: tied)
            expectClose(got, want, tol: 1e-9, "\(measure) without Pucci")
        }
        // Pucci: what NetworkX gives an isolated node (NaN constraint and effective size: undefined)
        let pucci = m.row(of: "Pucci")!
        #expect(pucci == 15)
        for measure in Self.checked {
            let v = m.values[measure]![pucci]
            if measure == .constraint || measure == .effectiveSize { #expect(v == nil, "\(measure)") } else { #expect(v == 0, "\(measure)") }
        }
        // a community of its own, numbered after the graph's
        let labels = m.values[.community]!.map { Int($0!) }
        #expect(labels[pucci] == (labels.prefix(15).max() ?? -1) + 1)
    }

    /// `--keep-isolated-in-graph`: Pucci is a node, as in NetworkX's graph with Pucci added.
    @Test func isolatedPartnersKeptInTheGraph() throws {
        let net = try Self.florentineNetwork()
        let p = try Projection(network: net, asOf: Self.day, isolated: .inGraph)
        #expect(p.graph.nodeCount == 16)
        #expect(p.isolated.isEmpty)
        let m = try PartnerMeasures(projection: p, measures: Self.checked, kinds: p.ids.map { _ in "family" })
        for measure in Self.checked {
            expectClose(m.values[measure]!, Self.expected(measure, Reference.florentineWithPucci, fixture: Fixtures.florentineWithPucci, for: m.ids),
                        tol: 1e-9, "\(measure) with Pucci")
        }
        let omitted = try Projection(network: net, asOf: Self.day)
        #expect(!omitted.ids.contains("Pucci") && omitted.isolated.isEmpty)
    }

    // MARK: modularity

    /// NetworkX's `modularity` divides by the total edge weight, so a graph
    /// without edges has none (ZeroDivisionError): undefined, not 0.
    @Test func modularityOfAGraphWithoutEdgesIsUndefined() throws {
        let g = try CSRGraph(nodeCount: 3, edges: [])
        #expect(try g.modularity(labels: [0, 1, 2]).isNaN)
        #expect(try g.louvainCommunities().modularity.isNaN)
        var net = PartnerNetwork()
        for id in ["a", "b"] { try net.add(Partner(id: id, name: id, kind: "k")) }
        let p = try Projection(network: net, asOf: Self.day, isolated: .inGraph)
        let m = try PartnerMeasures(projection: p, measures: [.community], kinds: ["k", "k"])
        #expect(m.modularity == nil)
        #expect(m.values[.community]! == [0, 1])
    }
}
