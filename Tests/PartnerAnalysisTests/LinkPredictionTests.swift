import Foundation
import Testing
@testable import PartnerAnalysis

/// Expected values from NetworkX 3.6.1 (`nx.adamic_adar_index`,
/// `nx.jaccard_coefficient`, `nx.resource_allocation_index` over
/// `nx.non_edges(G)` with at least one common neighbour, ranked by
/// `(-round(aa * 1e9), u, v)`), computed with:
///
///     res = [(u, v, len(list(nx.common_neighbors(G, u, v))), aa, j, ra) for u, v in nx.non_edges(G) ...]
///
/// on `nx.florentine_families_graph()` (nodes numbered as in
/// `Fixtures.florentine`) and `nx.karate_club_graph()`.
@Suite("Link prediction against NetworkX 3.6.1")
struct LinkPredictionTests {
    typealias Row = (u: Int, v: Int, common: Int, aa: Double, jaccard: Double, ra: Double)

    static let florentineTop10: [Row] = [
        (1, 12, 2, 1.8204784532536746, 0.25, 0.6666666666666666),
        (2, 11, 2, 1.631586747071319, 0.5, 0.5833333333333333),
        (1, 2, 1, 1.4426950408889634, 0.125, 0.5),
        (1, 10, 1, 1.4426950408889634, 0.16666666666666666, 0.5),
        (7, 8, 2, 1.279458146995729, 0.5, 0.41666666666666663),
        (1, 4, 1, 0.9102392266268373, 0.1111111111111111, 0.3333333333333333),
        (1, 13, 1, 0.9102392266268373, 0.16666666666666666, 0.3333333333333333),
        (3, 5, 1, 0.9102392266268373, 0.25, 0.3333333333333333),
        (3, 12, 1, 0.9102392266268373, 0.16666666666666666, 0.3333333333333333),
        (4, 5, 1, 0.9102392266268373, 0.2, 0.3333333333333333),
    ]

    static let karateTop10: [Row] = [
        (2, 33, 6, 4.719381261461351, 0.2857142857142857, 1.5666666666666667),
        (0, 33, 4, 2.7110197222973085, 0.13793103448275862, 0.9),
        (1, 33, 3, 2.252921681630931, 0.13043478260869565, 0.7833333333333333),
        (4, 5, 3, 1.9922605072935597, 0.75, 0.6458333333333333),
        (6, 10, 3, 1.9922605072935597, 0.75, 0.6458333333333333),
        (7, 13, 4, 1.8081984819901584, 0.8, 0.44027777777777777),
        (2, 31, 3, 1.6733425912309228, 0.23076923076923078, 0.47916666666666663),
        (23, 31, 3, 1.6656249548734432, 0.375, 0.47549019607843135),
        (23, 24, 2, 1.631586747071319, 0.3333333333333333, 0.5833333333333333),
        (0, 32, 3, 1.613740043014111, 0.12, 0.4666666666666667),
    ]

    func check(_ got: [LinkCandidate], _ expected: [Row]) {
        #expect(got.count == expected.count)
        for (g, e) in zip(got, expected) {
            #expect(g.u == e.u && g.v == e.v, "pair (\(g.u), \(g.v)), expected (\(e.u), \(e.v))")
            #expect(g.commonNeighbors == e.common)
            #expect(abs(g.adamicAdar - e.aa) < 1e-12)
            #expect(abs(g.jaccard - e.jaccard) < 1e-12)
            #expect(abs(g.resourceAllocation - e.ra) < 1e-12)
        }
    }

    @Test func florentineTopTenMatchesNetworkX() throws {
        let g = try Fixtures.florentine.graph()
        check(try g.topLinkCandidates(10), Self.florentineTop10)
    }

    @Test func karateTopTenMatchesNetworkX() throws {
        // The karate fixture is weighted; link prediction ignores weights, as NetworkX does.
        let g = try Fixtures.karate.graph()
        check(try g.topLinkCandidates(10), Self.karateTop10)
    }

    @Test func pairFunctionsEqualTheRankedScores() throws {
        let g = try Fixtures.karate.graph()
        for c in try g.topLinkCandidates(50) {
            #expect(g.adamicAdarIndex(c.u, c.v) == c.adamicAdar)
            #expect(abs(g.jaccardCoefficient(c.u, c.v) - c.jaccard) < 1e-15)
            #expect(abs(g.resourceAllocationIndex(c.u, c.v) - c.resourceAllocation) < 1e-15)
        }
        // Only pairs at distance two: NetworkX finds 35 on the Florentine graph (of 85 non-edges), 265 on karate (of 483).
        #expect(try Fixtures.florentine.graph().topLinkCandidates(1000).count == 35)
        #expect(try g.topLinkCandidates(1000).count == 265)
    }

    @Test func filterAndEdgeCases() throws {
        let g = try Fixtures.florentine.graph()
        // Only pairs involving node 3 (Peruzzi): (3, 5) and (3, 12) lead.
        let only3 = try g.topLinkCandidates(2, where: { u, v in u == 3 || v == 3 })
        #expect(only3.map { [$0.u, $0.v] } == [[3, 5], [3, 12]])
        #expect(try g.topLinkCandidates(0).isEmpty)
        // A triangle has no untied pair; a path a-b-c has one.
        #expect(try CSRGraph(nodeCount: 3, edges: [(0, 1, 1), (1, 2, 1), (0, 2, 1)]).topLinkCandidates(5).isEmpty)
        let path = try CSRGraph(nodeCount: 3, edges: [(0, 1, 1), (1, 2, 1)]).topLinkCandidates(5)
        #expect(path.count == 1 && path[0].u == 0 && path[0].v == 2)
        #expect(abs(path[0].adamicAdar - 1 / log(2.0)) < 1e-15)
        #expect(path[0].jaccard == 1 && path[0].resourceAllocation == 0.5)
        let directed = try CSRGraph(nodeCount: 3, edges: [(0, 1, 1)], directed: true)
        #expect(throws: AnalysisError.requiresUndirected(measure: "link prediction")) { try directed.topLinkCandidates(3) }
    }
}
