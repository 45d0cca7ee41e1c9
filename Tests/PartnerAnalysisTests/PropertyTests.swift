import Testing
@testable import PartnerAnalysis

/// Property tests on seeded random graphs; every failure names its seed.
@Suite("Properties")
struct PropertyTests {
    /// A random graph: G(n, p)-like with weights in [0.5, 4.5) and a few repeats.
    static func randomEdges(seed: UInt64, n: Int, m: Int) -> [(Int, Int, Double)] {
        var rng = SeededGenerator(seed: seed)
        return (0..<m).map { _ in
            (rng.nextInt(below: n), rng.nextInt(below: n), 0.5 + Double(rng.nextInt(below: 8)) / 2)
        }
    }

    static let seeds: [UInt64] = Array(1...12)

    @Test(arguments: seeds)
    func relabellingNodesPermutesScores(seed: UInt64) throws {
        let n = 30
        let edges = Self.randomEdges(seed: seed, n: n, m: 70)
        var rng = SeededGenerator(seed: seed ^ 0xABCD)
        var perm = Array(0..<n)
        rng.shuffle(&perm)
        let g = try CSRGraph(nodeCount: n, edges: edges)
        let h = try CSRGraph(nodeCount: n, edges: edges.map { (perm[$0.0], perm[$0.1], $0.2) })
        func check(_ a: [Double], _ b: [Double], _ what: String) {
            for v in 0..<n {
                #expect(abs(a[v] - b[perm[v]]) <= 1e-9 * max(1, abs(a[v])),
                        "seed \(seed): \(what) of node \(v) is \(a[v]) but relabelled \(b[perm[v]])")
            }
        }
        check(try g.betweennessCentrality(), try h.betweennessCentrality(), "betweenness")
        check(try g.betweennessCentrality(weighted: true), try h.betweennessCentrality(weighted: true), "weighted betweenness")
        check(g.closenessCentrality(), h.closenessCentrality(), "closeness")
        check(g.harmonicCentrality(weighted: true), h.harmonicCentrality(weighted: true), "weighted harmonic")
        check(try g.pageRank(tolerance: 1e-13, maxIterations: 10_000), try h.pageRank(tolerance: 1e-13, maxIterations: 10_000),
              "pagerank")
        check(g.coreNumbers().map(Double.init), h.coreNumbers().map(Double.init), "core number")
        check(try g.clustering(), try h.clustering(), "clustering")
        check(try g.constraint(weighted: true).map { $0 ?? -1 }, try h.constraint(weighted: true).map { $0 ?? -1 }, "constraint")
        let ag = Set(try g.articulationPoints().map { perm[$0] }), ah = Set(try h.articulationPoints())
        #expect(ag == ah, "seed \(seed): articulation points differ after relabelling")
    }

    @Test(arguments: seeds)
    func isolatedNodeLeavesRawBetweennessUnchanged(seed: UInt64) throws {
        let n = 25
        let edges = Self.randomEdges(seed: seed, n: n, m: 50)
        let g = try CSRGraph(nodeCount: n, edges: edges)
        let h = try CSRGraph(nodeCount: n + 1, edges: edges)
        for weighted in [false, true] {
            let a = try g.betweennessCentrality(normalized: false, weighted: weighted)
            let b = try h.betweennessCentrality(normalized: false, weighted: weighted)
            #expect(b[n] == 0, "seed \(seed): the isolated node has betweenness \(b[n])")
            for v in 0..<n {
                #expect(abs(a[v] - b[v]) <= 1e-9 * max(1, a[v]),
                        "seed \(seed), weighted \(weighted): node \(v) \(a[v]) became \(b[v])")
            }
        }
    }

    @Test(arguments: seeds)
    func samplingEveryNodeEqualsExact(seed: UInt64) throws {
        let n = 20
        let g = try CSRGraph(nodeCount: n, edges: Self.randomEdges(seed: seed, n: n, m: 45))
        let exact = try g.betweennessCentrality()
        let sampled = try g.betweennessCentrality(pivots: .sample(count: n, seed: seed))
        for v in 0..<n {
            #expect(abs(exact[v] - sampled[v]) <= 1e-12, "seed \(seed): node \(v) exact \(exact[v]) sampled \(sampled[v])")
        }
    }

    @Test(arguments: seeds)
    func threadCountsAgree(seed: UInt64) throws {
        let n = 200
        let g = try CSRGraph(nodeCount: n, edges: Self.randomEdges(seed: seed, n: n, m: 600))
        let one = try g.betweennessCentrality(threads: 1), two = try g.betweennessCentrality(threads: 2)
        let h1 = g.harmonicCentrality(threads: 1), h2 = g.harmonicCentrality(threads: 2)
        #expect(one == two, "seed \(seed): betweenness differs between one and two threads")
        #expect(try g.betweennessCentrality(weighted: true, threads: 1) == g.betweennessCentrality(weighted: true, threads: 2),
                "seed \(seed): weighted betweenness differs between one and two threads")
        for v in 0..<n {
            #expect(abs(h1[v] - h2[v]) <= 1e-9, "seed \(seed): harmonic of \(v) differs across thread counts")
        }
        #expect(try g.betweennessCentrality(threads: 2) == two, "seed \(seed): two-thread result is not repeatable")
    }

    /// Multi-source BFS closeness against plain per-source Dijkstra with unit
    /// weights (a different code path) on graphs larger than one 64-source batch.
    @Test(arguments: seeds)
    func bitParallelBFSMatchesDijkstra(seed: UInt64) throws {
        let n = 150
        // unit weights on distinct pairs (repeated pairs would sum to weight 2)
        var pairs = Set<[Int]>()
        for e in Self.randomEdges(seed: seed, n: n, m: 260) { pairs.insert([min(e.0, e.1), max(e.0, e.1)]) }
        let edges = pairs.sorted { $0.lexicographicallyPrecedes($1) }.map { ($0[0], $0[1], 1.0) }
        let g = try CSRGraph(nodeCount: n, edges: edges)
        let bfs = g.closenessCentrality(), dij = g.closenessCentrality(weighted: true)
        for v in 0..<n { #expect(abs(bfs[v] - dij[v]) <= 1e-12, "seed \(seed): closeness of \(v)") }
    }

    /// The locality renumbering used on large graphs must not change results.
    @Test(arguments: seeds)
    func renumberingLeavesBetweennessUnchanged(seed: UInt64) throws {
        let n = 300
        let g = try CSRGraph(nodeCount: n, edges: Self.randomEdges(seed: seed, n: n, m: 700))
        for weighted in [false, true] {
            let a = try g.betweennessCentrality(normalized: true, weighted: weighted, pivots: .all, threads: 2, renumber: false)
            let b = try g.betweennessCentrality(normalized: true, weighted: weighted, pivots: .all, threads: 2, renumber: true)
            for v in 0..<n {
                #expect(abs(a[v] - b[v]) <= 1e-12, "seed \(seed), weighted \(weighted): node \(v) \(a[v]) vs \(b[v])")
            }
        }
        let order = g.localityOrder()
        #expect(Set(order).count == n, "seed \(seed): locality order is not a permutation")
        let h = g.renumbered(by: order, sortRows: true)
        #expect(h.edgeCount == g.edgeCount)
        for i in 0..<n { #expect(h.outDegree(i) == g.outDegree(Int(order[i])), "seed \(seed): degree of \(i)") }
    }
}

@Suite("Large-graph Louvain layout")
struct LouvainLayoutTests {
    /// The renumbered, block-shuffled variant used from 4,096 nodes, forced
    /// on Les Misérables: same quality bar as the default path.
    @Test func blockShuffledLouvainKeepsQuality() throws {
        let g = try Fixtures.lesMiserables.graph()
        let best = Reference.lesMiserables.weightedLouvainBestModularity!
        for seed in UInt64(0)..<10 {
            let c = try g.louvainCommunities(weighted: true, resolution: 1, threshold: 1e-7, seed: seed,
                                             largeGraphLayout: true)
            #expect(abs(try g.modularity(labels: c.labels, weighted: true) - c.modularity) < 1e-12)
            #expect(c.modularity >= best - 0.02, "seed \(seed): \(c.modularity) vs NetworkX best \(best)")
        }
    }
}
