import Testing
@testable import PartnerAnalysis

@Suite("Structure against NetworkX 3.6.1")
struct StructureTests {
    @Test(arguments: allCases)
    func coreNumber(_ c: Case) throws {
        #expect(try c.fixture.graph().coreNumbers() == c.expected.coreNumber)
    }

    /// NetworkX `core_number` on a DiGraph: degree = in + out degree.
    @Test func directedCoreNumber() throws {
        #expect(try Fixtures.directedRandom.graph().coreNumbers() == Reference.directedRandom.coreNumber)
    }

    @Test(arguments: allCases)
    func clustering(_ c: Case) throws {
        expectClose(try c.fixture.graph().clustering(), c.expected.clustering, "clustering")
    }

    @Test(arguments: allCases)
    func componentsArticulationPointsBridges(_ c: Case) throws {
        let g = try c.fixture.graph()
        #expect(g.connectedComponents() == c.expected.components)
        #expect(try g.articulationPoints() == c.expected.articulationPoints)
        #expect(try g.bridges().map { [$0.0, $0.1] } == c.expected.bridges)
    }

    @Test func componentsAreNumberedBySmallestNode() throws {
        let g = try CSRGraph(nodeCount: 7, edges: [(5, 6, 1), (3, 1, 1), (0, 4, 1)])
        #expect(g.connectedComponents() == [0, 1, 2, 1, 0, 3, 3])
    }

    @Test func articulationAndBridgesOnAPathAndACycle() throws {
        // hand-computed: path 0-1-2-3 plus triangle 3-4-5-3 and isolated 6
        let g = try CSRGraph(nodeCount: 7, edges: [(0, 1, 1), (1, 2, 1), (2, 3, 1), (3, 4, 1), (4, 5, 1), (5, 3, 1)])
        #expect(try g.articulationPoints() == [1, 2, 3])
        #expect(try g.bridges().map { [$0.0, $0.1] } == [[0, 1], [1, 2], [2, 3]])
    }

    @Test(arguments: allCases)
    func constraintAndEffectiveSize(_ c: Case) throws {
        let g = try c.fixture.graph()
        expectClose(try g.constraint(), c.expected.constraint, "constraint")
        expectClose(try g.effectiveSize(), c.expected.effectiveSize, "effective size")
    }

    @Test(arguments: weightedCases)
    func constraintAndEffectiveSizeWeighted(_ c: Case) throws {
        let g = try c.fixture.graph()
        expectClose(try g.constraint(weighted: true), c.expected.weightedConstraint!, "weighted constraint")
        expectClose(try g.effectiveSize(weighted: true), c.expected.weightedEffectiveSize!, "weighted effective size")
    }

    @Test func constraintUsesBothScanStrategies() throws {
        // a hub of degree 40 whose leaves are paired up: rows of very different
        // lengths exercise the binary-search branch; compare with a brute force
        // evaluation of Burt's formula written out from the definition.
        var edges = [(Int, Int, Double)]()
        for v in 1...40 { edges.append((0, v, Double(v % 3 + 1))) }
        for v in stride(from: 1, to: 40, by: 2) { edges.append((v, v + 1, 2)) }
        let g = try CSRGraph(nodeCount: 41, edges: edges)
        let got = try g.constraint(weighted: true)
        let s = g.strengths()
        func p(_ u: Int, _ v: Int) -> Double { (g.weight(from: u, to: v) ?? 0) / s[u] }
        for u in 0..<41 {
            var c = 0.0
            for v in g.neighbors(of: u).map(Int.init) {
                var indirect = 0.0
                for w in g.neighbors(of: u).map(Int.init) { indirect += p(u, w) * p(w, v) }
                c += (p(u, v) + indirect) * (p(u, v) + indirect)
            }
            #expect(abs(got[u]! - c) < 1e-12, "node \(u): \(got[u]!) ≠ \(c)")
        }
    }

    @Test func undirectedOnlyMeasuresRejectDirectedGraphs() throws {
        let g = try Fixtures.directedRandom.graph()
        #expect(throws: AnalysisError.requiresUndirected(measure: "bridges")) { try g.bridges() }
        #expect(throws: AnalysisError.self) { try g.articulationPoints() }
        #expect(throws: AnalysisError.self) { try g.constraint() }
        #expect(throws: AnalysisError.self) { try g.clustering() }
        #expect(throws: AnalysisError.self) { try g.louvainCommunities() }
    }
}
