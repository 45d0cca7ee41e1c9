import Testing
@testable import PartnerAnalysis

@Suite("Centrality against NetworkX 3.6.1 / igraph")
struct CentralityTests {
    @Test(arguments: allCases)
    func degree(_ c: Case) throws {
        let g = try c.fixture.graph()
        #expect(g.degrees() == c.expected.degree)
        expectClose(g.degreeCentrality(), c.expected.degreeCentrality, "degreeCentrality")
    }

    @Test(arguments: weightedCases)
    func strength(_ c: Case) throws {
        expectClose(try c.fixture.graph().strengths(), c.expected.strength!, "strength")
    }

    @Test(arguments: allCases, [1, 2])
    func betweennessExact(_ c: Case, threads: Int) throws {
        let g = try c.fixture.graph()
        expectClose(try g.betweennessCentrality(threads: threads), c.expected.betweenness, "betweenness")
        expectClose(try g.betweennessCentrality(normalized: false, threads: threads), c.expected.betweennessRaw,
                    "raw betweenness")
    }

    /// NetworkX draws its k pivots with random.Random(seed).sample(list(G), k);
    /// the script recorded those pivots, so we pass the same sources.
    @Test(arguments: allCases)
    func betweennessSampledRescalesLikeNetworkX(_ c: Case) throws {
        let g = try c.fixture.graph()
        let pivots = PivotSelection.sources(c.expected.samplePivots)
        expectClose(try g.betweennessCentrality(pivots: pivots), c.expected.betweennessSampled, "sampled betweenness")
        expectClose(try g.betweennessCentrality(normalized: false, pivots: pivots), c.expected.betweennessSampledRaw,
                    "sampled raw betweenness")
    }

    /// Weighted (length 1/weight) against igraph, which ties equal lengths
    /// with a 1e-10 relative tolerance. On karate NetworkX differs by 1 (raw)
    /// on some node because its Dijkstra compares sums of reciprocals exactly.
    @Test(arguments: weightedCases, [1, 2])
    func betweennessWeighted(_ c: Case, threads: Int) throws {
        let g = try c.fixture.graph()
        expectClose(try g.betweennessCentrality(weighted: true, threads: threads), c.expected.weightedBetweenness!,
                    "weighted betweenness")
        expectClose(try g.betweennessCentrality(normalized: false, weighted: true, threads: threads),
                    c.expected.weightedBetweennessRaw!, "weighted raw betweenness")
    }

    /// Hand-computed: 0→1→3 has length 1/2 + 1/12 and 0→2→3 has 1/3 + 1/4,
    /// both 7/12, but in binary floating point the first sum is one ulp
    /// larger, so an exact comparison (NetworkX) gives node 2 the whole pair.
    /// With the relative tolerance they tie: b(1) = b(2) = 1/2. The pair
    /// (1, 2) goes through 3 (1/12 + 1/4 < 1/2 + 1/3): b(3) = 1.
    @Test func equalWeightedPathLengthsTie() throws {
        let viaOne: Double = 1.0 / 2 + 1.0 / 12, viaTwo: Double = 1.0 / 3 + 1.0 / 4
        #expect(viaOne != viaTwo)
        let g = try CSRGraph(nodeCount: 4, edges: [(0, 1, 2), (1, 3, 12), (0, 2, 3), (2, 3, 4)])
        let b = try g.betweennessCentrality(normalized: false, weighted: true)
        expectClose(b, [0, 0.5, 0.5, 1], tol: 1e-12, "tied weighted betweenness")
    }

    @Test(arguments: allCases)
    func closenessAndHarmonic(_ c: Case) throws {
        let g = try c.fixture.graph()
        for threads in [1, 2] {
            expectClose(g.closenessCentrality(threads: threads), c.expected.closeness, "closeness")
            expectClose(g.harmonicCentrality(threads: threads), c.expected.harmonic, "harmonic")
        }
    }

    @Test(arguments: weightedCases)
    func closenessAndHarmonicWeighted(_ c: Case) throws {
        let g = try c.fixture.graph()
        expectClose(g.closenessCentrality(weighted: true), c.expected.weightedCloseness!, "weighted closeness")
        expectClose(g.harmonicCentrality(weighted: true), c.expected.weightedHarmonic!, "weighted harmonic")
        expectClose(g.harmonicCentrality(weighted: true, threads: 2), c.expected.weightedHarmonic!, "weighted harmonic")
    }

    @Test(arguments: allCases)
    func eigenvector(_ c: Case) throws {
        let g = try c.fixture.graph()
        expectClose(try g.eigenvectorCentrality(maxIterations: 100_000, tolerance: 1e-14), c.expected.eigenvector,
                    "eigenvector")
        // NetworkX's defaults (tol 1e-6, max_iter 100): the same iteration stops at the same step
        expectClose(try g.eigenvectorCentrality(maxIterations: 100, tolerance: 1e-6), c.expected.eigenvectorDefault,
                    "eigenvector (NetworkX defaults)")
        // our defaults reach the exact leading eigenvector (numpy.linalg.eigh) to 1e-10
        expectClose(try g.eigenvectorCentrality(), c.expected.eigenvectorExact, tol: 1e-10, "eigenvector (defaults) vs exact")
    }

    /// Issue 16: NetworkX's default tolerance leaves Valjean at 0.2676181759885394,
    /// 1.2e-5 from the exact 0.26760657924244025 (numpy.linalg.eigh of the
    /// unweighted adjacency matrix of nx.les_miserables_graph()).
    @Test func valjeanEigenvectorIsExact() throws {
        let f = Fixtures.lesMiserables
        let g = try f.graph()
        let valjean = f.index(of: "Valjean")
        let exact = 0.26760657924244025
        #expect(abs(try g.eigenvectorCentrality()[valjean] - exact) < 1e-10)
        let options = MeasureOptions()
        #expect(options.tolerance == 1e-12)
        #expect(abs(try g.eigenvectorCentrality(maxIterations: 100, tolerance: 1e-6)[valjean] - 0.2676181759885394) < 1e-15)
    }

    @Test(arguments: weightedCases)
    func eigenvectorWeighted(_ c: Case) throws {
        let g = try c.fixture.graph()
        expectClose(try g.eigenvectorCentrality(weighted: true, maxIterations: 100_000, tolerance: 1e-14),
                    c.expected.weightedEigenvector!, "weighted eigenvector")
        expectClose(try g.eigenvectorCentrality(weighted: true), c.expected.weightedEigenvectorExact!, tol: 1e-10,
                    "weighted eigenvector (defaults) vs exact")
    }

    @Test func eigenvectorReportsNonConvergence() throws {
        let g = try Fixtures.karate.graph()
        #expect(throws: AnalysisError.didNotConverge(algorithm: "eigenvector centrality", iterations: 3,
                                                     tolerance: 1e-12)) {
            try g.eigenvectorCentrality(maxIterations: 3, tolerance: 1e-12)
        }
    }

    @Test(arguments: allCases, [1, 2])
    func pageRank(_ c: Case, threads: Int) throws {
        let g = try c.fixture.graph()
        expectClose(try g.pageRank(tolerance: 1e-14, maxIterations: 100_000, threads: threads), c.expected.pagerank,
                    "pagerank")
        // NetworkX's defaults (tol 1e-6, max_iter 100)
        expectClose(try g.pageRank(tolerance: 1e-6, maxIterations: 100, threads: threads), c.expected.pagerankDefault,
                    "pagerank (NetworkX defaults)")
        // our defaults: NetworkX run to tol 1e-15, to 1e-10
        expectClose(try g.pageRank(threads: threads), c.expected.pagerank, tol: 1e-10, "pagerank (defaults)")
    }

    @Test(arguments: weightedCases)
    func pageRankWeighted(_ c: Case) throws {
        let g = try c.fixture.graph()
        expectClose(try g.pageRank(weighted: true, tolerance: 1e-14, maxIterations: 100_000),
                    c.expected.weightedPagerank!, "weighted pagerank")
        expectClose(try g.pageRank(weighted: true), c.expected.weightedPagerank!, tol: 1e-10, "weighted pagerank (defaults)")
    }

    @Test func directed() throws {
        let f = Fixtures.directedRandom, e = Reference.directedRandom
        let g = try f.graph()
        #expect(g.inDegrees() == e.inDegree)
        #expect(g.outDegrees() == e.outDegree)
        for threads in [1, 2] {
            expectClose(try g.betweennessCentrality(threads: threads), e.betweenness, "directed betweenness")
            expectClose(try g.betweennessCentrality(normalized: false, threads: threads), e.betweennessRaw,
                        "directed raw betweenness")
            expectClose(try g.betweennessCentrality(weighted: true, threads: threads), e.betweenness,
                        "directed betweenness, unit weights through Dijkstra")
            expectClose(g.closenessCentrality(threads: threads), e.closeness, "directed closeness")
            expectClose(g.harmonicCentrality(threads: threads), e.harmonic, "directed harmonic")
            expectClose(g.harmonicCentrality(weighted: true, threads: threads), e.harmonic, "directed harmonic (Dijkstra)")
        }
        expectClose(try g.betweennessCentrality(pivots: .sources(e.samplePivots)), e.betweennessSampled,
                    "directed sampled betweenness")
        expectClose(try g.pageRank(tolerance: 1e-14, maxIterations: 100_000), e.pagerank, "directed pagerank")
        expectClose(try g.pageRank(), e.pagerank, tol: 1e-10, "directed pagerank (defaults)")
        #expect(g.connectedComponents() == e.components)
        #expect(g.degrees() == e.degree)
        expectClose(g.degreeCentrality(), e.degreeCentrality, "directed degree centrality")
        expectClose(g.strengths(), e.degree.map(Double.init), "directed strength, unit weights")
        expectClose(try g.eigenvectorCentrality(maxIterations: 100_000, tolerance: 1e-14), e.eigenvector, "directed eigenvector")
        expectClose(try g.eigenvectorCentrality(), e.eigenvector, tol: 1e-10, "directed eigenvector (defaults)")
    }

    /// The directed fixture with weights: every weighted measure that follows arcs.
    @Test(arguments: [1, 2])
    func directedWeighted(threads: Int) throws {
        let g = try Fixtures.directedWeighted.graph(), e = Reference.directedWeighted
        expectClose(g.strengths(), e.strength, "directed strength")
        expectClose(try g.betweennessCentrality(weighted: true, threads: threads), e.betweenness, "directed weighted betweenness")
        expectClose(try g.betweennessCentrality(normalized: false, weighted: true, threads: threads), e.betweennessRaw,
                    "directed weighted raw betweenness")
        expectClose(g.closenessCentrality(weighted: true, threads: threads), e.closeness, "directed weighted closeness")
        expectClose(g.harmonicCentrality(weighted: true, threads: threads), e.harmonic, "directed weighted harmonic")
        expectClose(try g.eigenvectorCentrality(weighted: true), e.eigenvector, tol: 1e-10, "directed weighted eigenvector")
        expectClose(try g.pageRank(weighted: true, threads: threads), e.pagerank, tol: 1e-10, "directed weighted pagerank")
    }

    @Test func progressIsReportedUpToCompletion() throws {
        final class Box: @unchecked Sendable { var values: [Double] = [] }  // written by worker 0 only
        let box = Box()
        let g = try Fixtures.lesMiserables.graph()
        _ = try g.betweennessCentrality(threads: 1, progress: { box.values.append($0) })
        #expect(!box.values.isEmpty)
        #expect(box.values == box.values.sorted(), "progress went backwards: \(box.values)")
        #expect(box.values.last == 1)
    }

    @Test func invalidPivotsThrow() throws {
        let g = try Fixtures.kite.graph()
        #expect(throws: AnalysisError.self) { try g.betweennessCentrality(pivots: .sources([1, 1])) }
        #expect(throws: AnalysisError.self) { try g.betweennessCentrality(pivots: .sources([10])) }
        #expect(throws: AnalysisError.self) { try g.betweennessCentrality(pivots: .sample(count: 11, seed: 1)) }
        #expect(throws: AnalysisError.self) { try g.betweennessCentrality(pivots: .sample(count: 0, seed: 1)) }
        #expect(throws: AnalysisError.self) { try g.betweennessCentrality(pivots: .sources([])) }
    }
}
