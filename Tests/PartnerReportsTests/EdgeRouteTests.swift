import Foundation
import Testing
@testable import PartnerReports

@Suite struct EdgeRouteTests {
    @Test("Graphviz's pos is read with the arrow tip as the line's end")
    func parses() throws {
        let route = try #require(EdgeRoute(pos: "e,100,0 0,0 30,0 60,0 90,0"))
        #expect(route.points.map(\.x) == [0, 30, 60, 100])
        #expect(EdgeRoute(pos: "0,0 1,1") == nil, "a cubic B-spline has 3n + 1 points")
        #expect(EdgeRoute(pos: "0,0 x,1 2,2 3,3") == nil)
    }

    @Test("A parallel line bends to one side of the chord; its ends stay on the nodes")
    func offsets() throws {
        // Chord along +x, so left is +y (hand computation: normal (-dy, dx)/|d|).
        let route = try #require(EdgeRoute(pos: "0,0 30,0 60,0 90,0"))
        let bent = route.offset(by: 7)
        #expect(bent.points.map(\.y) == [0, 7, 7, 0])
        #expect(bent.points.map(\.x) == [0, 30, 60, 90])
        #expect(route.offset(by: -7).points.map(\.y) == [0, -7, -7, 0])
        #expect(bent.reversed().points.map(\.x) == [90, 60, 30, 0])
    }

    @Test("An arrowhead at the end: the spline stops arrowLength short and the tip is written as e,")
    func arrowheads() throws {
        let route = try #require(EdgeRoute(pos: "0,0 30,0 60,0 90,0"))
        #expect(route.pos(arrowAtEnd: false, arrowAtStart: false, arrowLength: 6) == "0,0 30,0 60,0 90,0")
        #expect(route.pos(arrowAtEnd: true, arrowAtStart: false, arrowLength: 6) == "e,90,0 0,0 30,0 60,0 84,0")
        #expect(route.pos(arrowAtEnd: false, arrowAtStart: true, arrowLength: 6) == "s,0,0 6,0 30,0 60,0 90,0")
        #expect(EdgeRoute.number(1.23456) == "1.235" && EdgeRoute.number(2.5) == "2.5")
    }
}
