import Testing
import PartnerAnalysis
import PartnerGraph
@testable import PartnerReports

/// Expected changes worked out by hand from the tie dates.
@Suite struct NetworkDiffTests {
    static func network() -> PartnerNetwork {
        let partners = ["a", "b", "c", "d"].map { Partner(id: $0, name: $0.uppercased(), kind: "k") }
        let ties = [
            Tie(id: "ab-old", type: "agreement", source: "a", target: "b", start: PartialDate("2001"), end: PartialDate("2004")),
            Tie(id: "ab-new", type: "agreement", source: "a", target: "b", start: PartialDate("2005")),
            Tie(id: "ac", type: "agreement", source: "a", target: "c", start: PartialDate("2001"), end: PartialDate("2006")),
            Tie(id: "bd", type: "liaison", source: "b", target: "d", start: PartialDate("2007")),
        ]
        return PartnerNetwork(partners: partners, ties: ties)
    }

    @Test func oneNetworkAtTwoDates() throws {
        let d = try NetworkDiff(network: Self.network(), from: Day(year: 2003, month: 6, day: 1)!, to: Day(year: 2008, month: 1, day: 1)!)
        // 2003: ab-old, ac current. 2008: ab-new, bd current. ab-old was renewed (ended); ac was not (lapsed).
        #expect(d.ties.map { "\($0.change) \($0.reference)" } == ["added ab-new", "added bd", "lapsed ac", "ended ab-old"])
        #expect(d.partnersEntering == ["d"])
        #expect(d.partnersLeaving == ["c"])
        // Degree: a 2 → 1, b 1 → 2, c 1 → 0, d 0 → 1; sorted by |change| then id.
        let degree = d.centrality.filter { $0.measure == "degree" }
        #expect(degree.map(\.id) == ["a", "b", "c", "d"])
        #expect(degree.map(\.delta) == [-1, 1, -1, 1])
        // Betweenness (normalised, n − 1 = 2 in 2003: a is the centre of the path b–a–c) 1 → 0.
        let a = try #require(d.centrality.first { $0.measure == "betweenness" && $0.id == "a" })
        #expect(a.before == 1 && a.after == 0)
    }

    @Test("PageRank's tolerance reaches both dates, and a snapshot passed as 'later' gives the same changes as one computed here")
    func toleranceAtBothDates() throws {
        let net = Self.network()
        let d0 = Day(year: 2003, month: 6, day: 1)!, d1 = Day(year: 2008, month: 1, day: 1)!
        let coarse = 0.1
        let diff = try NetworkDiff(network: net, from: d0, to: d1, tolerance: coarse)
        let exact = try NetworkDiff(network: net, from: d0, to: d1)
        func pagerank(_ d: NetworkDiff) -> [Double] { d.centrality.filter { $0.measure == "pagerank" }.flatMap { [$0.before, $0.after] } }
        #expect(pagerank(diff) != pagerank(exact), "a tolerance of 0.1 stops PageRank early on this graph")
        // Each side equals PageRank to 0.1 computed directly.
        let p1 = try Projection(network: net, asOf: d1)
        let direct = try p1.graph.pageRank(tolerance: coarse)
        for change in diff.centrality where change.measure == "pagerank" {
            if let node = p1.node(of: change.id) { #expect(change.after == direct[node]) }
        }
        let reused = try NetworkDiff(network: net, from: d0, to: d1, tolerance: coarse,
                                     later: CentralitySnapshot(p1, tolerance: coarse))
        #expect(reused.centrality == diff.centrality)
    }

    @Test func twoVersionsOfAFile() throws {
        var new = Self.network()
        new.ties[3].end = PartialDate("2010")
        new.ties.remove(at: 2)
        new.ties.append(Tie(type: "joint-activity", source: "c", target: "d", start: PartialDate("2009-05-01")))
        let d = try NetworkDiff(old: Self.network(), new: new, asOf: Day(year: 2009, month: 6, day: 1)!)
        #expect(d.ties.map { "\($0.change) \($0.reference)" } == ["added #4", "changed bd", "removed ac"])
        #expect(d.ties[1].details == ["end: – → 2010"])
        #expect(d.partnersEntering == ["c"])
    }

    @Test("a tie kept by its id that joins other partners is changed, 'between' old → new; provenance by its name")
    func endpointsChange() throws {
        let old = Self.network()
        var new = old
        new.ties[3].target = "c"
        new.ties[3].provenance = "minutes 2009"
        let d = try NetworkDiff(old: old, new: new, asOf: Day(year: 2009, month: 6, day: 1)!)
        let change = try #require(d.ties.first { $0.reference == "bd" })
        #expect(change.change == "changed")
        #expect(change.details == ["between: b – d → b – c", "provenance: – → minutes 2009"])
    }
}
