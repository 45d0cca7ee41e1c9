import Foundation
import PartnerGraph

/// An edge's route as Graphviz writes it in `pos`: a cubic B-spline's
/// control points (3n + 1 of them), the arrowheads' tips folded in as the
/// ends, so a route can be copied to another edge between the same two
/// nodes, bent to one side and given its own arrowheads.
struct EdgeRoute: Equatable {
    /// From the tail's end to the head's end, arrow tips included.
    var points: [(x: Double, y: Double)]

    static func == (a: EdgeRoute, b: EdgeRoute) -> Bool {
        a.points.count == b.points.count && zip(a.points, b.points).allSatisfy { $0.x == $1.x && $0.y == $1.y }
    }

    init(points: [(x: Double, y: Double)]) { self.points = points }

    /// Parses `"[s,x,y ][e,x,y ]x,y x,y …"`; nil for anything else.
    init?(pos: String) {
        var start: (x: Double, y: Double)?, end: (x: Double, y: Double)?
        var spline: [(x: Double, y: Double)] = []
        for token in pos.split(separator: " ") {
            let parts = token.split(separator: ",")
            switch parts.count {
            case 2:
                guard let x = Double(parts[0]), let y = Double(parts[1]) else { return nil }
                spline.append((x, y))
            case 3:
                guard let x = Double(parts[1]), let y = Double(parts[2]) else { return nil }
                if parts[0] == "s" { start = (x, y) } else if parts[0] == "e" { end = (x, y) } else { return nil }
            default:
                return nil
            }
        }
        guard spline.count >= 4, (spline.count - 1) % 3 == 0 else { return nil }
        // The spline stops short of an arrowhead; its tip is where the line ends.
        if let start { spline[0] = start }
        if let end { spline[spline.count - 1] = end }
        points = spline
    }

    /// The same route bent `distance` points to the left of its chord (a
    /// negative distance bends it right); the two ends stay on the nodes.
    func offset(by distance: Double) -> EdgeRoute {
        guard let first = points.first, let last = points.last else { return self }
        let dx = last.x - first.x, dy = last.y - first.y
        let length = (dx * dx + dy * dy).squareRoot()
        guard length > 0 else { return self }
        let nx = -dy / length * distance, ny = dx / length * distance
        var bent = points
        for i in bent.indices.dropFirst().dropLast() {
            bent[i] = (bent[i].x + nx, bent[i].y + ny)
        }
        return EdgeRoute(points: bent)
    }

    func reversed() -> EdgeRoute { EdgeRoute(points: points.reversed()) }

    /// The `pos` value: where an end has an arrowhead, the spline stops
    /// `arrowLength` short of it along its last control leg and the tip is
    /// written as `e,` / `s,`, as Graphviz writes its own routes.
    func pos(arrowAtEnd: Bool, arrowAtStart: Bool, arrowLength: Double) -> String {
        var spline = points
        var prefix: [String] = []
        func pulledBack(_ tip: (x: Double, y: Double), toward next: (x: Double, y: Double)) -> (x: Double, y: Double) {
            let dx = next.x - tip.x, dy = next.y - tip.y
            let length = (dx * dx + dy * dy).squareRoot()
            guard length > 0 else { return tip }
            let step = min(arrowLength, length * 0.9) / length
            return (tip.x + dx * step, tip.y + dy * step)
        }
        if arrowAtStart, spline.count >= 2 {
            prefix.append("s,\(Self.format(spline[0]))")
            spline[0] = pulledBack(spline[0], toward: spline[1])
        }
        if arrowAtEnd, spline.count >= 2 {
            let n = spline.count
            prefix.append("e,\(Self.format(spline[n - 1]))")
            spline[n - 1] = pulledBack(spline[n - 1], toward: spline[n - 2])
        }
        return (prefix + spline.map(Self.format)).joined(separator: " ")
    }

    static func format(_ p: (x: Double, y: Double)) -> String {
        "\(number(p.x)),\(number(p.y))"
    }

    /// At most three decimals, no trailing zeros: the same bytes on every run.
    static func number(_ value: Double) -> String {
        NumberFormatting.fixed(value, digits: 3)
    }
}
