import Foundation
import Testing
import PartnerGraph
import PartnerGraphIO
@testable import PartnerAnalysis

/// Two-mode measures and projections against NetworkX `bipartite` on the
/// Davis Southern Women graph (all 32 nodes); expected values in
/// `davis-bipartite.json`, written by `make_bipartite_fixtures.py`.
@Suite struct BipartiteTests {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let root = here.deletingLastPathComponent().deletingLastPathComponent()

    struct Fixture: Decodable {
        struct Node: Decodable { let side: String; let degree: Int; let degreeCentrality, betweenness, closeness: Double }
        struct Pair: Decodable { let u, v: String; let count: Int; let ratio, newman: Double }
        struct Side: Decodable { let nodes: [String]; let pairs: [Pair] }
        struct NumberedPair: Decodable { let u, v, count: Int; let ratio, newman: Double }
        struct Random: Decodable {
            let sides: [Int]
            let edges: [[Int]]
            let degreeCentrality, betweenness, closeness: [Double]
            let projections: [[NumberedPair]]
        }
        let nodes: [String: Node]
        let projections: [String: Side]
        let random: Random
    }

    static let fixture: Fixture = {
        let data = try! Data(contentsOf: here.appendingPathComponent("davis-bipartite.json"))
        return try! JSONDecoder().decode(Fixture.self, from: data)
    }()

    static func davis() throws -> TwoModeNetwork {
        let net = try GraphFile.load(path: root.appendingPathComponent("Graphs/davis-southern-women.yaml").path)
        return try TwoModeNetwork(network: net, asOf: Day(year: 1934, month: 1, day: 1)!)
    }

    @Test("degree, degree centrality, betweenness and closeness of all 32 nodes equal NetworkX bipartite (1e-12)")
    func measures() throws {
        let d = try Self.davis()
        let m = try d.measures()
        #expect(d.projection.ids.count == 32)
        #expect(Set(d.projection.ids) == Set(Self.fixture.nodes.keys))
        for (i, id) in d.projection.ids.enumerated() {
            let f = Self.fixture.nodes[id]!
            #expect(d.sideNames[d.sides[i]] == f.side, "\(id)")
            #expect(m.degree[i] == f.degree, "\(id)")
            #expect(abs(m.degreeCentrality[i] - f.degreeCentrality) < 1e-12, "\(id) degree centrality")
            #expect(abs(m.betweenness[i] - f.betweenness) < 1e-12, "\(id) betweenness \(m.betweenness[i]) vs \(f.betweenness)")
            #expect(abs(m.closeness[i] - f.closeness) < 1e-12, "\(id) closeness \(m.closeness[i]) vs \(f.closeness)")
        }
    }

    @Test("projections onto either side, every pair, with count, ratio and Newman weights, equal NetworkX (1e-12)",
          arguments: ["women", "events"], ProjectionWeighting.allCases)
    func projections(_ side: String, _ weighting: ProjectionWeighting) throws {
        let d = try Self.davis()
        let s = try #require(d.side(named: side))
        let p = try d.projection(onto: s, weighting: weighting)
        let expected = Self.fixture.projections[side]!
        #expect(p.nodes.map { d.projection.ids[$0] } == expected.nodes)
        let got = p.pairs.map { (d.projection.ids[$0.u], d.projection.ids[$0.v], $0.shared, $0.weight) }
        #expect(got.map { "\($0.0) \($0.1)" } == expected.pairs.map { "\($0.u) \($0.v)" })
        for (g, e) in zip(got, expected.pairs) {
            #expect(g.2 == e.count)
            let w: Double = switch weighting {
            case .count: Double(e.count)
            case .ratio: e.ratio
            case .newman: e.newman
            }
            #expect(abs(g.3 - w) < 1e-12, "\(g.0)–\(g.1): \(g.3) vs \(w)")
        }
        #expect(p.graph.nodeCount == expected.nodes.count && p.graph.edgeCount == expected.pairs.count)
    }

    @Test("the projected network: side's partners, one shared-partners tie per pair weighted as asked")
    func projectedNetwork() throws {
        let net = try GraphFile.load(path: Self.root.appendingPathComponent("Graphs/davis-southern-women.yaml").path)
        let d = try Self.davis()
        let one = try d.projectedNetwork(of: net, onto: 1, weighting: .newman)
        #expect(one.partners.count == 14 && one.partners.allSatisfy { $0.kind == "event" })
        #expect(one.ties.count == Self.fixture.projections["events"]!.pairs.count)
        #expect(one.problems().isEmpty)
        #expect(!one.settings.isTwoMode)
        #expect(one.focal == nil)  // the focal partner, Evelyn Jefferson, is a woman
        #expect(try d.projectedNetwork(of: net, onto: 0, weighting: .count).focal == "evelyn-jefferson")
        let first = Self.fixture.projections["events"]!.pairs[0]
        let t = try #require(one.ties.first { $0.source == first.u && $0.target == first.v })
        #expect(abs(t.weight! - first.newman) < 1e-12 && t.attributes["shared"] == .integer(first.count))
    }

    @Test("a disconnected random bipartite graph with isolated nodes: measures and projections equal NetworkX (1e-12)")
    func disconnectedWithIsolates() throws {
        let r = Self.fixture.random
        let g = try CSRGraph(nodeCount: r.sides.count, edges: r.edges.map { ($0[0], $0[1], 1.0) })
        let checks: [(String, [Double], [Double])] = [
            ("degree centrality", try g.bipartiteDegreeCentrality(sides: r.sides), r.degreeCentrality),
            ("betweenness", try g.bipartiteBetweennessCentrality(sides: r.sides, threads: 1), r.betweenness),
            ("closeness", try g.bipartiteClosenessCentrality(sides: r.sides), r.closeness),
        ]
        for (name, ours, theirs) in checks {
            for v in 0..<r.sides.count { #expect(abs(ours[v] - theirs[v]) < 1e-12, "\(name) of node \(v): \(ours[v]) vs \(theirs[v])") }
        }
        for side in 0..<2 {
            for weighting in ProjectionWeighting.allCases {
                let p = try g.bipartiteProjection(sides: r.sides, onto: side, weighting: weighting)
                let expected = r.projections[side]
                #expect(p.pairs.map { [$0.u, $0.v, $0.shared] } == expected.map { [$0.u, $0.v, $0.count] })
                for (a, e) in zip(p.pairs, expected) {
                    let w = weighting == .count ? Double(e.count) : weighting == .ratio ? e.ratio : e.newman
                    #expect(abs(a.weight - w) < 1e-12, "\(weighting) \(a.u)–\(a.v)")
                }
            }
        }
    }

    @Test("hand-computed path P4 a–x–b–y: sizes 2 and 2")
    func smallHandComputed() throws {
        // Nodes 0 a, 1 b (side 0), 2 x, 3 y (side 1); path a–x–b–y.
        let g = try CSRGraph(nodeCount: 4, edges: [(0, 2, 1), (2, 1, 1), (1, 3, 1)])
        let sides = [0, 0, 1, 1]
        #expect(try g.bipartiteDegreeCentrality(sides: sides) == [0.5, 1, 1, 0.5])
        // Raw betweenness: x and b each lie on 2 of the 6 pairs' paths; max for 2 opposite 2 is 2 (s=0, t=1: (4 + 2·1·(2−1) − 1·(0−1+3))/2 = 2).
        #expect(CSRGraph.bipartiteBetweennessMaximum(side: 2, opposite: 2) == 2)
        #expect(try g.bipartiteBetweennessCentrality(sides: sides, threads: 1) == [0, 1, 1, 0])
        // Closeness of a: distances 1, 2, 3 (sum 6); (m + 2(n − 1)) / 6 = 4/6, reaches everyone.
        let c = try g.bipartiteClosenessCentrality(sides: sides)
        #expect(abs(c[0] - 4.0 / 6) < 1e-15 && abs(c[2] - 4.0 / 4) < 1e-15)
    }

    @Test("sides that do not make the graph bipartite are refused")
    func refusesBadSides() throws {
        let g = try CSRGraph(nodeCount: 3, edges: [(0, 1, 1), (1, 2, 1)])
        #expect(throws: AnalysisError.self) { try g.bipartiteDegreeCentrality(sides: [0, 0, 1]) }
        #expect(throws: AnalysisError.self) { try g.bipartiteDegreeCentrality(sides: [0, 1]) }
        #expect(throws: AnalysisError.self) { try g.bipartiteDegreeCentrality(sides: [0, 0, 0]) }
        #expect(throws: AnalysisError.self) { try g.bipartiteDegreeCentrality(sides: [0, 2, 0]) }
    }
}
