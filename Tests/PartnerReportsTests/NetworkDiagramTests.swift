import DOTRendering
import Foundation
import GraphvizRendering
import PartnerAnalysis
import PartnerGraph
import PartnerReports
import Testing

/// The `render` use case called as a library: on the path a – b – c – d
/// (c – d lapsed in 2010) plus a b – e liaison; expected values by hand.
@Suite struct NetworkDiagramTests {
    static let network = PartnerNetwork(
        partners: [Partner(id: "a", name: "Alpha", kind: "ngo"), Partner(id: "b", name: "Beta", kind: "agency"),
                   Partner(id: "c", name: "Gamma", kind: "ngo"), Partner(id: "d", name: "Delta", kind: "agency"),
                   Partner(id: "e", name: "Epsilon", kind: "academia"), Partner(id: "f", name: "Zeta", kind: "ngo")],
        ties: [Tie(type: "agreement", source: "a", target: "b", start: PartialDate("2012")),
               Tie(type: "agreement", source: "b", target: "c", start: PartialDate("2013")),
               Tie(type: "liaison", source: "b", target: "e", start: PartialDate("2014")),
               Tie(type: "agreement", source: "c", target: "d", start: PartialDate("2005"), end: PartialDate("2010"))])
    static let day = Day(year: 2016, month: 11, day: 1)!

    @Test("prepare: the selection decides who is drawn; the ranking is the measure asked for, by id")
    func prepare() throws {
        var options = NetworkDiagram.Options(asOf: Self.day)
        #expect(try NetworkDiagram.prepare(Self.network, options: options).partnerCount == 5)  // f has no tie
        options.selection = FigureSelection(showsLapsedTies: false)
        #expect(try NetworkDiagram.prepare(Self.network, options: options).partnerCount == 4)
        options.selection = FigureSelection(ego: "a")
        options.ranking = .degree
        let ego = try NetworkDiagram.prepare(Self.network, options: options)
        #expect(ego.partnerCount == 2)
        // Degree (number of neighbours) on the whole current snapshot a – b, b – c, b – e, not only the ego's part.
        let expected: [String: Double] = ["a": 1, "b": 3, "c": 1, "e": 1]
        #expect(ego.ranking == expected)
    }

    @Test("Nothing to draw is an error that says the date and the selection")
    func nothingToDraw() {
        var options = NetworkDiagram.Options(asOf: Day(year: 1990, month: 1, day: 1)!)
        #expect {
            _ = try NetworkDiagram.prepare(Self.network, options: options)
        } throws: { error in
            "\(error)" == "nothing to draw as of 1990-01-01: no partner has a current or lapsed tie"
        }
        options = NetworkDiagram.Options(asOf: Self.day)
        options.selection = FigureSelection(kinds: ["government"])
        #expect {
            _ = try NetworkDiagram.prepare(Self.network, options: options)
        } throws: { error in
            "\(error)".hasSuffix("among the partners selected")
        }
    }

    @Test("draw: an SVG with one node group per partner drawn and their names as text")
    func drawSVG() throws {
        var options = NetworkDiagram.Options(asOf: Self.day)
        options.selection = FigureSelection(showsLapsedTies: false)
        let result = try NetworkDiagram.draw(Self.network, options: options, renderer: GraphvizRenderer())
        let svg = String(decoding: result.bytes, as: UTF8.self)
        #expect(svg.hasPrefix("<?xml") || svg.hasPrefix("<svg"))
        for name in ["Alpha", "Beta", "Gamma", "Epsilon"] {
            let found = svg.contains(">\(name)<")
            #expect(found, "\(name) missing")
        }
        let leftOut = svg.contains("Delta") || svg.contains("Zeta")
        #expect(!leftOut)
        let physical = svg.range(of: #"<svg[^>]* width="[0-9.]+(cm|mm|in|pt)""#, options: .regularExpression) != nil
        #expect(physical, "the SVG carries its physical size")
    }

    @Test("draw with clustersByKind: one box per kind, pinned around its members for nop2")
    func clustered() throws {
        var options = NetworkDiagram.Options(asOf: Self.day)
        options.figure.clustersByKind = true
        options.format = .dot
        let dot = String(decoding: try NetworkDiagram.draw(Self.network, options: options, renderer: GraphvizRenderer()).bytes, as: UTF8.self)
        // Kinds drawn: ngo (a, c), agency (b, d), academia (e): one box each, pinned (bb) for nop2.
        #expect(dot.components(separatedBy: "subgraph \"cluster_").count - 1 == 3)
        #expect(dot.contains(#"layout="nop2""#))
        // Every member's centre lies inside its kind's box.
        for (kind, members) in [("ngo", ["a", "c"]), ("agency", ["b", "d"]), ("academia", ["e"])] {
            let box = try #require(dot.firstMatch(of: try Regex("subgraph \"cluster_\(kind)\" \\{\\s*graph \\[bb=\"([-0-9.]+),([-0-9.]+),([-0-9.]+),([-0-9.]+)\"")))
            let b = (1...4).map { Double(box.output[$0].substring!)! }
            for m in members {
                let id = "node-\(m)"
                let node = try #require(dot.firstMatch(of: try Regex("id=\"\(id)\"[^\\]]*pos=\"([-0-9.]+),([-0-9.]+)!?\"")), "\(m) not found")
                let x = Double(node.output[1].substring!)!, y = Double(node.output[2].substring!)!
                #expect(b[0] < x && x < b[2] && b[1] < y && y < b[3], "\(m) at \(x),\(y) outside \(kind)'s box \(b)")
            }
        }
    }

    @Test("Suggested links are the gap report's missing-link findings, in its order")
    func missingLinks() throws {
        let report = try GapFinder(network: Self.network, strategy: Strategy(), focal: "b").report(asOf: Self.day, lookback: nil, kinds: [.missingLink])
        let links = SuggestedLink.missingLinks(in: report)
        // Untied pairs at distance two over b: a – c, a – e, c – e.
        let pairs: Set<[String]> = Set(links.map { [$0.first, $0.second].sorted() })
        let expected: Set<[String]> = [["a", "c"], ["a", "e"], ["c", "e"]]
        #expect(pairs == expected)
        let firsts: [String] = report.gaps.filter { $0.kind == .missingLink }.map { $0.partners[0] }
        #expect(links.map(\.first) == firsts)
    }
}
