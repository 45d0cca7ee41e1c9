import Testing
@testable import PartnerAnalysis

@Suite("Gould–Fernandez brokerage")
struct BrokerageTests {
    /// Hand-computed. Groups: A = {0, 1, 2}, B = {3, 4}, C = {5}.
    /// Arcs: 0→1, 1→2, 2→3, 3→4, 1→3, 4→1, 5→1, 1→5, 0→2.
    /// Two-paths i→j→k (i ≠ k, no arc i→k), by broker j:
    /// - j = 1: in {0, 4, 5}, out {2, 3, 5}.
    ///   0→1→2: closed by 0→2, skipped. 0→1→3: A A B representative.
    ///   0→1→5: A A C representative. 4→1→2: B A A gatekeeper.
    ///   4→1→3: B A B itinerant. 4→1→5: B A C liaison.
    ///   5→1→2: C A A gatekeeper. 5→1→3: C A B liaison. 5→1→5: i = k, skipped.
    /// - j = 2: in {0, 1}, out {3}: 0→2→3 A A B representative; 1→2→3 closed by 1→3.
    /// - j = 3: in {1, 2}, out {4}: 1→3→4 A B B gatekeeper; 2→3→4 A B B gatekeeper.
    /// - j = 4: in {3}, out {1}: 3→4→1 B B A representative.
    /// - j = 0: no in-arcs; j = 5: in {1}, out {1}: i = k.
    @Test func handComputedExample() throws {
        let arcs = [(0, 1), (1, 2), (2, 3), (3, 4), (1, 3), (4, 1), (5, 1), (1, 5), (0, 2)]
        let g = try CSRGraph(nodeCount: 6, edges: arcs.map { ($0.0, $0.1, 1.0) }, directed: true)
        let r = try g.brokerageRoles(groups: [0, 0, 0, 1, 1, 2])
        #expect(r.coordinator == [0, 0, 0, 0, 0, 0])
        #expect(r.representative == [0, 2, 1, 0, 1, 0])
        #expect(r.gatekeeper == [0, 2, 0, 2, 0, 0])
        #expect(r.itinerant == [0, 1, 0, 0, 0, 0])
        #expect(r.liaison == [0, 2, 0, 0, 0, 0])
        #expect(r.total == [0, 7, 1, 2, 1, 0])
    }

    /// Hand-computed coordinator count: a directed 3-path 0→1→2→3 in one group.
    @Test func coordinatorsOnAPath() throws {
        let g = try CSRGraph(nodeCount: 4, edges: [(0, 1, 1), (1, 2, 1), (2, 3, 1)], directed: true)
        let r = try g.brokerageRoles(groups: [7, 7, 7, 7])
        #expect(r.coordinator == [0, 1, 1, 0])
        #expect(r.total == [0, 1, 1, 0])
    }

    @Test func wrongGroupCountThrows() throws {
        let g = try Fixtures.directedRandom.graph()
        #expect(throws: AnalysisError.wrongLength(what: "groups", expected: 25, actual: 3)) {
            try g.brokerageRoles(groups: [0, 1, 2])
        }
    }
}
