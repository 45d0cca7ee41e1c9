import Foundation
import GraphvizRendering
import Testing
@testable import PartnerReports

/// The router on hand-computed geometry (boxes in points, y up).
@Suite struct EdgeRouterTests {
    typealias P = EdgeRouter.Point

    static func boxNode(_ minX: Double, _ minY: Double, _ maxX: Double, _ maxY: Double) -> EdgeRouter.Node {
        EdgeRouter.Node(centre: P(x: (minX + maxX) / 2, y: (minY + maxY) / 2),
                        box: EdgeRouter.Box(minX: minX, minY: minY, maxX: maxX, maxY: maxY),
                        outline: [P(x: minX, y: minY), P(x: maxX, y: minY), P(x: maxX, y: maxY), P(x: minX, y: maxY)])
    }

    static func close(_ a: [P], _ b: [P], within tolerance: Double = 1e-4) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0.x - $1.x) < tolerance && abs($0.y - $1.y) < tolerance }
    }

    @Test("Nothing in the way: a straight line from outline to outline")
    func straight() {
        let router = EdgeRouter(nodes: [Self.boxNode(0, 0, 20, 10), Self.boxNode(100, 0, 120, 10), Self.boxNode(50, 30, 70, 40)])
        let route = router.route(from: 0, to: 1)
        #expect(route.isClear)
        #expect(Self.close(route.polyline, [P(x: 20, y: 5), P(x: 100, y: 5)]), "\(route.polyline)")
    }

    /// The middle box spans y -10...30, so going under it (corners at
    /// y = -10 - 4.5) is shorter than going over (y = 34.5). The first leg
    /// leaves a's box (0...20 × 0...10) from its centre (10, 5) toward the
    /// corner (45.5, -14.5): it meets y = 0 at t = 5 / 19.5, x = 10 + 35.5 t.
    @Test("A node in the way: round the nearer side through the corners of its grown box")
    func aroundABox() {
        let router = EdgeRouter(nodes: [Self.boxNode(0, 0, 20, 10), Self.boxNode(100, 0, 120, 10), Self.boxNode(50, -10, 70, 30)])
        let route = router.route(from: 0, to: 1)
        #expect(route.isClear)
        let t = 5.0 / 19.5
        // The last leg mirrors the first: it enters b's box at y = 0, x = 110 - 35.5 t.
        let expected = [P(x: 10 + 35.5 * t, y: 0), P(x: 45.5, y: -14.5), P(x: 74.5, y: -14.5), P(x: 110 - 35.5 * t, y: 0)]
        #expect(Self.close(route.polyline, expected), "\(route.polyline)")
        #expect(router.isClear(route.polyline, from: 0, to: 1))
        #expect(!router.isClear([P(x: 20, y: 5), P(x: 100, y: 5)], from: 0, to: 1), "the straight line crosses the middle box")
    }

    @Test("A node walled in by overlapping neighbours: a straight line, reported as not clear")
    func walledIn() {
        // b sits inside a ring of boxes that overlap each other and it.
        var nodes = [Self.boxNode(0, 0, 10, 10), Self.boxNode(100, 0, 110, 10)]
        nodes += [Self.boxNode(85, -15, 125, -3), Self.boxNode(85, 13, 125, 25), Self.boxNode(85, -15, 97, 25), Self.boxNode(113, -15, 125, 25)]
        let route = EdgeRouter(nodes: nodes).route(from: 0, to: 1)
        #expect(!route.isClear)
        #expect(Self.close(route.polyline, [P(x: 10, y: 5), P(x: 100, y: 5)]), "\(route.polyline)")
    }

    /// A right-angle bend at (100, 0): the corner is cut 8 pt each way and
    /// drawn as the quadratic (92,0)–(100,0)–(100,8) raised to a cubic
    /// (controls two thirds of the way to the corner).
    @Test("Corners are rounded; straight runs are cubic segments with controls at thirds")
    func roundedCorner() {
        let spline = EdgeRouter.spline([P(x: 0, y: 0), P(x: 100, y: 0), P(x: 100, y: 100)])
        let expected = [P(x: 0, y: 0), P(x: 92 / 3, y: 0), P(x: 184 / 3, y: 0), P(x: 92, y: 0),
                        P(x: 92 + 16 / 3, y: 0), P(x: 100, y: 8 - 16 / 3), P(x: 100, y: 8),
                        P(x: 100, y: 8 + 92 / 3), P(x: 100, y: 8 + 184 / 3), P(x: 100, y: 100)]
        #expect(Self.close(spline, expected), "\(spline)")
        #expect((spline.count - 1) % 3 == 0)
    }

    @Test("The exit from a convex outline (Cyrus–Beck)")
    func exit() {
        let square = [P(x: -1, y: -1), P(x: 1, y: -1), P(x: 1, y: 1), P(x: -1, y: 1)]
        #expect(EdgeRouter.exit(from: P(x: 0, y: 0), toward: P(x: 4, y: 2), outline: square).map { Self.close([$0], [P(x: 1, y: 0.5)]) } == true)
        #expect(EdgeRouter.exit(from: P(x: 0, y: 0), toward: P(x: 0.5, y: 0.5), outline: square) == nil, "the segment stays inside")
        #expect(EdgeRouter.convexHull([P(x: 0, y: 0), P(x: 2, y: 0), P(x: 1, y: 1), P(x: 2, y: 2), P(x: 0, y: 2)]).count == 4)
    }

    /// Outlines as Graphviz draws them: a fixed-size 1 × 0.5 in box is
    /// 72 × 36 pt about its centre, a 2 × 1 in ellipse has radii 72 and 36.
    @Test("Node outlines read from Graphviz's xdot output")
    func outlinesFromGraphviz() throws {
        let dot = """
        graph g { node [fixedsize=true, style=filled];
          a [shape=box, width=1, height=0.5, pos="100,100!"]; e [shape=ellipse, width=2, height=1, pos="300,100!"]; }
        """
        let bytes = try GraphvizRenderer().render(dot: dot, engine: LayoutEngine(rawValue: "nop"), format: OutputFormat(rawValue: "xdot"))
        let nodes = EdgeRouter.Node.parseXDot(String(decoding: bytes, as: UTF8.self))
        let a = try #require(nodes["a"]), e = try #require(nodes["e"])
        #expect(abs(a.box.maxX - a.box.minX - 72) < 0.05 && abs(a.box.maxY - a.box.minY - 36) < 0.05, "\(a.box)")
        #expect(abs((a.box.minX + a.box.maxX) / 2 - a.centre.x) < 0.05)
        #expect(abs(e.box.maxX - e.box.minX - 144) < 0.05 && abs(e.box.maxY - e.box.minY - 72) < 0.05, "\(e.box)")
        let exit = try #require(EdgeRouter.exit(from: e.centre, toward: P(x: e.centre.x + 500, y: e.centre.y), outline: e.outline))
        #expect(abs(exit.x - (e.centre.x + 72)) < 0.05, "\(exit)")
        #expect(abs(e.centre.x - a.centre.x - 200) < 0.05, "positions keep their distance")
    }
}
