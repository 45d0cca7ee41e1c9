import PartnerAnalysis
import PartnerGraph
import PartnerReports
import Testing

/// Who a figure draws, on a path a – b – c – d whose last tie ended in 2010
/// (so lapsed on 1 November 2016); expected sets worked out by hand.
@Suite struct FigureSelectionTests {
    static let network = PartnerNetwork(
        partners: [Partner(id: "a", name: "A", kind: "ngo"), Partner(id: "b", name: "B", kind: "agency"),
                   Partner(id: "c", name: "C", kind: "ngo"), Partner(id: "d", name: "D", kind: "agency"),
                   Partner(id: "e", name: "E", kind: "ngo")],
        ties: [Tie(type: "agreement", source: "a", target: "b", start: PartialDate("2012")),
               Tie(type: "agreement", source: "b", target: "c", start: PartialDate("2013")),
               Tie(type: "agreement", source: "c", target: "d", start: PartialDate("2005"), end: PartialDate("2010"))])
    static let day = Day(year: 2016, month: 11, day: 1)!

    @Test(arguments: [
        (FigureSelection(), ["a", "b", "c", "d"]),
        (FigureSelection(showsLapsedTies: false), ["a", "b", "c"]),
        (FigureSelection(kinds: ["ngo"]), ["a", "c"]),
        (FigureSelection(ego: "a"), ["a", "b"]),
        (FigureSelection(ego: "a", depth: 2), ["a", "b", "c"]),
        // d's only tie has lapsed: it is no step away from anyone over current ties.
        (FigureSelection(ego: "b", depth: 5), ["a", "b", "c"]),
        (FigureSelection(kinds: ["agency"], ego: "c"), ["b"]),
    ])
    func selection(_ selection: FigureSelection, _ expected: [String]) {
        #expect(selection.partners(of: Self.network, asOf: Self.day, lookback: nil).sorted() == expected)
    }

    @Test("nodes within a radius: NetworkX ego_graph's nodes")
    func radius() throws {
        // The snapshot holds a, b, c (d's tie lapsed, e has none): the path a – b – c.
        let p = try Projection(network: Self.network, asOf: Self.day)
        let b = try #require(p.node(of: "b")), a = try #require(p.node(of: "a"))
        #expect(p.graph.nodes(within: 0, of: b).map { p.ids[$0] } == ["b"])
        #expect(Set(p.graph.nodes(within: 1, of: a).map { p.ids[$0] }) == ["a", "b"])
        #expect(Set(p.graph.nodes(within: 1, of: b).map { p.ids[$0] }) == ["a", "b", "c"])
        #expect(p.graph.nodes(within: 2, of: a).count == 3)
    }
}
