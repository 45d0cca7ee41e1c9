import DOTRendering
import FigureStyle
import Foundation
import GraphvizRendering
import PartnerGraph
import Testing
@testable import PartnerReports

/// The layout chosen for the shape of the graph (NetworkFigure's discussion):
/// radial around the focal partner for stars, dot only when every tie is
/// directed, neato for meshes, sfdp beyond 1,000 nodes; fdp never.
@Suite struct LayoutChoiceTests {
    static let asOf = Day(year: 2016, month: 11, day: 1)!

    static func drawing(partners n: Int, ties: [(Int, Int)], directed: Bool = false, focal: Bool = true) -> NetworkDrawing {
        let partners = (0..<n).map { Partner(id: "p\($0)", name: "P\($0)", kind: $0 == 0 ? "agency" : "ngo") }
        let list = ties.enumerated().map { i, t in
            Tie(id: "t\(i)", type: "liaison", source: "p\(t.0)", target: "p\(t.1)", isDirected: directed, start: PartialDate("2010"))
        }
        let network = PartnerNetwork(title: "T", focal: focal ? "p0" : nil, partners: partners, ties: list)
        let figure = PartnerFigure(network: network, asOf: asOf)
        return NetworkDrawing(figure: figure, page: .standard, reduction: FigureReduction(), ranking: [:], rankingName: "degree")
    }

    @Test("A star around the focal partner is drawn radially (twopi)")
    func star() {
        let star = Self.drawing(partners: 12, ties: (1..<12).map { (0, $0) })
        #expect(NetworkFigure.chooseEngine(star) == .twopi)
        // Without a focal partner there is no root: neato.
        #expect(NetworkFigure.chooseEngine(Self.drawing(partners: 12, ties: (1..<12).map { (0, $0) }, focal: false)) == .neato)
    }

    @Test("Over 40 nodes, or a focal partner tied to under 60 % of the others: neato")
    func mesh() {
        let bigStar = Self.drawing(partners: 41, ties: (1..<41).map { (0, $0) })
        #expect(NetworkFigure.chooseEngine(bigStar) == .neato)
        // Ring of 10 with the focal partner tied to 5 of 9 others (56 %).
        let ring = (0..<10).map { ($0, ($0 + 1) % 10) } + [(0, 2), (0, 3), (0, 4)]
        #expect(NetworkFigure.chooseEngine(Self.drawing(partners: 10, ties: ring)) == .neato)
        // Tied to 6 of 9 (67 %): radial.
        #expect(NetworkFigure.chooseEngine(Self.drawing(partners: 10, ties: ring + [(0, 5)])) == .twopi)
    }

    @Test("dot only when every tie drawn is directed")
    func directed() {
        let chain = (0..<9).map { ($0, $0 + 1) }
        #expect(NetworkFigure.chooseEngine(Self.drawing(partners: 10, ties: chain, directed: true)) == .dot)
        #expect(NetworkFigure.chooseEngine(Self.drawing(partners: 10, ties: chain, directed: false)) != .dot)
    }

    @Test("Beyond 1,000 nodes: sfdp")
    func large() {
        let ring = (0..<1_001).map { ($0, ($0 + 1) % 1_001) }
        #expect(NetworkFigure.chooseEngine(Self.drawing(partners: 1_001, ties: ring, focal: false)) == .sfdp)
        let smaller = (0..<1_000).map { ($0, ($0 + 1) % 1_000) }
        #expect(NetworkFigure.chooseEngine(Self.drawing(partners: 1_000, ties: smaller, focal: false)) == .neato)
    }
}
