import Foundation

/// Routes a figure's edges around its nodes: shortest paths in the
/// visibility graph of the nodes' boxes, corners rounded, ends cut where the
/// line leaves and enters the two nodes' outlines.
///
/// Graphviz's own router (`splines=true`) builds the visibility graph of
/// every node's polygon for each figure, O(V³) in the polygons' corners:
/// 13 s for 82 partners and 839 ties, 78 % of a 1,000-partner `render`
/// (measured with `perf`). Boxes have four corners and a segment is tested
/// against a box in constant time, so the same figure routes here in well
/// under a second; the price is a route that keeps clear of a node's box
/// rather than of its exact shape.
///
/// - A line that passes no other node (within ``Spacing/clearance``) stays straight.
/// - Otherwise it follows the shortest path through the corners of the other
///   nodes' boxes grown by ``Spacing/margin``; each corner is rounded with a
///   radius of at most ``Spacing/cornerRadius``, which keeps it clear of the box.
/// - When no path exists (a node boxed in by overlapping neighbours), the
///   line stays straight and ``Route/isClear`` is false.
///
/// Deterministic: the same nodes give the same routes, bit for bit.
struct EdgeRouter {
    struct Point: Equatable { var x, y: Double }

    /// An axis-aligned box; `contains` and `crosses` ignore its boundary.
    struct Box: Equatable {
        var minX, minY, maxX, maxY: Double

        func grown(by d: Double) -> Box { Box(minX: minX - d, minY: minY - d, maxX: maxX + d, maxY: maxY + d) }

        func contains(_ p: Point) -> Bool { p.x > minX && p.x < maxX && p.y > minY && p.y < maxY }

        /// Whether the segment a–b passes through the box's interior (slab test).
        func crosses(_ a: Point, _ b: Point) -> Bool {
            // Quick rejection: the segment's bounding box misses the box.
            if max(a.x, b.x) <= minX || min(a.x, b.x) >= maxX || max(a.y, b.y) <= minY || min(a.y, b.y) >= maxY { return false }
            var t0 = 0.0, t1 = 1.0
            func slab(_ delta: Double, _ start: Double, _ low: Double, _ high: Double) -> Bool {
                if delta == 0 { return start > low && start < high }
                var u = (low - start) / delta, v = (high - start) / delta
                if u > v { swap(&u, &v) }
                t0 = max(t0, u)
                t1 = min(t1, v)
                return t0 < t1
            }
            guard slab(b.x - a.x, a.x, minX, maxX), slab(b.y - a.y, a.y, minY, maxY) else { return false }
            return t1 - t0 > 1e-9
        }
    }

    /// A node as the router sees it: its centre, box and outline (a convex
    /// polygon, counter-clockwise, as Graphviz drew it).
    struct Node {
        var centre: Point
        var box: Box
        var outline: [Point]
    }

    struct Route {
        /// From the tail's outline to the head's outline.
        var polyline: [Point]
        /// False when the line had to cross other nodes.
        var isClear: Bool
    }

    /// Distances in points: how far a line keeps from any node's box it does
    /// not end at, how far the route's corners stand off a box, and the
    /// largest radius of a rounded corner (which cuts into the corner by less
    /// than the margin less the clearance).
    struct Spacing: Sendable {
        var clearance = 2.0
        var margin = 4.5
        var cornerRadius = 8.0
        /// For small markers packed closely (small multiples).
        static let tight = Spacing(clearance: 0.75, margin: 1.75, cornerRadius: 3)
    }

    let nodes: [Node]
    let spacing: Spacing
    private let blocks: [Box]
    private let corners: [Point]
    /// Visibility between corners, row-major.
    private let visible: [Bool]
    /// Visibility from each node's centre to each corner (the node itself not
    /// counted as an obstacle), row-major by node.
    private let fromCentre: [Bool]

    init(nodes: [Node], spacing: Spacing = Spacing()) {
        self.nodes = nodes
        self.spacing = spacing
        blocks = nodes.map { $0.box.grown(by: spacing.clearance) }
        var corners: [Point] = []
        for node in nodes {
            let b = node.box.grown(by: spacing.margin)
            for c in [Point(x: b.minX, y: b.minY), Point(x: b.maxX, y: b.minY), Point(x: b.maxX, y: b.maxY), Point(x: b.minX, y: b.maxY)]
            where !blocks.contains(where: { $0.contains(c) }) {
                corners.append(c)
            }
        }
        self.corners = corners
        let n = corners.count
        var visible = [Bool](repeating: false, count: n * n)
        let blocks = self.blocks
        for i in 0..<n {
            for j in (i + 1)..<n where !blocks.contains(where: { $0.crosses(corners[i], corners[j]) }) {
                visible[i * n + j] = true
                visible[j * n + i] = true
            }
        }
        self.visible = visible
        var fromCentre = [Bool](repeating: false, count: nodes.count * n)
        for (k, node) in nodes.enumerated() {
            for i in 0..<n {
                fromCentre[k * n + i] = !blocks.indices.contains { $0 != k && blocks[$0].crosses(node.centre, corners[i]) }
            }
        }
        self.fromCentre = fromCentre
    }

    /// The route from node `tail` to node `head` (indices into ``nodes``).
    func route(from tail: Int, to head: Int) -> Route {
        let a = nodes[tail].centre, b = nodes[head].centre
        // A segment from a centre may cross that node; nothing else may be crossed.
        func blocked(_ p: Point, _ q: Point, leaving: Int = -1, entering: Int = -1) -> Bool {
            for (k, box) in blocks.enumerated() where k != leaving && k != entering && box.crosses(p, q) { return true }
            return false
        }
        if !blocked(a, b, leaving: tail, entering: head) { return Route(polyline: clipped([a, b], tail: tail, head: head), isClear: true) }
        // Dijkstra over the corners; source and target are the two centres.
        // Ties are broken by index, so the result never depends on timing.
        let n = corners.count
        var distance = [Double](repeating: .infinity, count: n)
        var previous = [Int](repeating: -1, count: n)
        var done = [Bool](repeating: false, count: n)
        var toHead = [Double](repeating: .infinity, count: n)
        for i in 0..<n {
            if fromCentre[tail * n + i] { distance[i] = Self.length(a, corners[i]) }
            if fromCentre[head * n + i] { toHead[i] = Self.length(corners[i], b) }
        }
        var best = Double.infinity, last = -1
        while true {
            var u = -1, du = Double.infinity
            for i in 0..<n where !done[i] && distance[i] < du { u = i; du = distance[i] }
            if u < 0 || du >= best { break }
            done[u] = true
            if toHead[u] < .infinity, du + toHead[u] < best { best = du + toHead[u]; last = u }
            let row = u * n
            for v in 0..<n where !done[v] && visible[row + v] {
                let d = du + Self.length(corners[u], corners[v])
                if d < distance[v] { distance[v] = d; previous[v] = u }
            }
        }
        guard last >= 0 else { return Route(polyline: clipped([a, b], tail: tail, head: head), isClear: false) }
        var path = [b]
        var k = last
        while k >= 0 { path.append(corners[k]); k = previous[k] }
        path.append(a)
        return Route(polyline: clipped(path.reversed(), tail: tail, head: head), isClear: true)
    }

    /// Whether the line through `points` (a route's control points, whose
    /// curve lies within them) keeps `clearance` (default: the spacing's)
    /// from every node but its two ends.
    func isClear(_ points: [Point], from tail: Int, to head: Int, clearance: Double? = nil) -> Bool {
        let grown = clearance.map { d in nodes.map { $0.box.grown(by: d) } } ?? blocks
        for (p, q) in zip(points, points.dropFirst()) {
            for (k, box) in grown.enumerated() where k != tail && k != head && box.crosses(p, q) { return false }
        }
        return true
    }

    /// The polyline with its first segment starting where it leaves the
    /// tail's outline and its last ending where it enters the head's.
    private func clipped(_ path: [Point], tail: Int, head: Int) -> [Point] {
        var path = path
        if let p = Self.exit(from: path[0], toward: path[1], outline: nodes[tail].outline) { path[0] = p }
        let n = path.count
        if let p = Self.exit(from: path[n - 1], toward: path[n - 2], outline: nodes[head].outline) { path[n - 1] = p }
        return path
    }

    /// Where the segment from `inside` toward `outside` crosses the convex
    /// `outline` (Cyrus–Beck); nil when it does not leave it.
    static func exit(from inside: Point, toward outside: Point, outline: [Point]) -> Point? {
        guard outline.count >= 3 else { return nil }
        let dx = outside.x - inside.x, dy = outside.y - inside.y
        var tExit = 1.0
        for i in outline.indices {
            let p = outline[i], q = outline[(i + 1) % outline.count]
            // Outward normal of a counter-clockwise edge.
            let nx = q.y - p.y, ny = -(q.x - p.x)
            let denominator = nx * dx + ny * dy
            let numerator = nx * (p.x - inside.x) + ny * (p.y - inside.y)
            if denominator > 0 { tExit = min(tExit, numerator / denominator) }
        }
        guard tExit > 0, tExit < 1 else { return nil }
        return Point(x: inside.x + dx * tExit, y: inside.y + dy * tExit)
    }

    /// The polyline as cubic Bézier control points (3n + 1), straight runs
    /// with each corner rounded.
    static func spline(_ polyline: [Point], cornerRadius: Double = Spacing().cornerRadius) -> [Point] {
        guard polyline.count >= 2 else { return polyline }
        var points = [polyline[0]]
        func lineTo(_ p: Point) {
            let s = points[points.count - 1]
            points += [Point(x: s.x + (p.x - s.x) / 3, y: s.y + (p.y - s.y) / 3),
                       Point(x: s.x + (p.x - s.x) * 2 / 3, y: s.y + (p.y - s.y) * 2 / 3), p]
        }
        for i in 1..<(polyline.count - 1) {
            let corner = polyline[i], before = polyline[i - 1], after = polyline[i + 1]
            let lengthIn = length(before, corner), lengthOut = length(corner, after)
            let cut = min(cornerRadius, lengthIn / 2, lengthOut / 2)
            guard cut > 1e-6 else { continue }
            let start = Point(x: corner.x + (before.x - corner.x) / lengthIn * cut, y: corner.y + (before.y - corner.y) / lengthIn * cut)
            let end = Point(x: corner.x + (after.x - corner.x) / lengthOut * cut, y: corner.y + (after.y - corner.y) / lengthOut * cut)
            lineTo(start)
            // The quadratic curve start–corner–end, raised to a cubic.
            points += [Point(x: start.x + (corner.x - start.x) * 2 / 3, y: start.y + (corner.y - start.y) * 2 / 3),
                       Point(x: end.x + (corner.x - end.x) * 2 / 3, y: end.y + (corner.y - end.y) * 2 / 3), end]
        }
        lineTo(polyline[polyline.count - 1])
        return points
    }

    static func length(_ p: Point, _ q: Point) -> Double { ((q.x - p.x) * (q.x - p.x) + (q.y - p.y) * (q.y - p.y)).squareRoot() }

    /// The convex hull, counter-clockwise, of `points` (monotone chain).
    static func convexHull(_ points: [Point]) -> [Point] {
        let sorted = points.sorted { $0.x != $1.x ? $0.x < $1.x : $0.y < $1.y }
        guard sorted.count >= 3 else { return sorted }
        func cross(_ o: Point, _ a: Point, _ b: Point) -> Double { (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x) }
        var lower: [Point] = [], upper: [Point] = []
        for p in sorted {
            while lower.count >= 2 && cross(lower[lower.count - 2], lower[lower.count - 1], p) <= 0 { lower.removeLast() }
            lower.append(p)
        }
        for p in sorted.reversed() {
            while upper.count >= 2 && cross(upper[upper.count - 2], upper[upper.count - 1], p) <= 0 { upper.removeLast() }
            upper.append(p)
        }
        return Array(lower.dropLast() + upper.dropLast())
    }
}

extension EdgeRouter.Node {
    /// Nodes by name from Graphviz's `xdot` output: each node's centre (`pos`)
    /// and the convex hull of everything in its `_draw_` operations
    /// (polygons, B-spline control points, ellipses sampled every 15°).
    static func parseXDot(_ text: String) -> [String: EdgeRouter.Node] {
        let joined = text.replacingOccurrences(of: "\\\n", with: "")
        var result: [String: EdgeRouter.Node] = [:]
        for statement in joined.components(separatedBy: "];\n") {
            let trimmed = statement.drop { $0 == " " || $0 == "\t" || $0 == "\n" }
            guard let bracket = trimmed.firstIndex(of: "[") else { continue }
            var name = trimmed[..<bracket].trimmingCharacters(in: .whitespaces)
            if name.hasPrefix("\"") && name.hasSuffix("\"") && name.count >= 2 { name = String(name.dropFirst().dropLast()) }
            guard !name.isEmpty, !name.contains(" "), name != "graph", name != "node", name != "edge",
                  let pos = NetworkFigure.attribute("pos", in: trimmed[bracket...]),
                  let draw = NetworkFigure.attribute("_draw_", in: trimmed[bracket...]) else { continue }
            let xy = pos.split(separator: ",").compactMap { Double($0) }
            guard xy.count >= 2 else { continue }
            let hull = EdgeRouter.convexHull(drawnPoints(draw))
            guard hull.count >= 3 else { continue }
            let xs = hull.map(\.x), ys = hull.map(\.y)
            result[name] = EdgeRouter.Node(centre: EdgeRouter.Point(x: xy[0], y: xy[1]),
                                           box: EdgeRouter.Box(minX: xs.min()!, minY: ys.min()!, maxX: xs.max()!, maxY: ys.max()!),
                                           outline: hull)
        }
        return result
    }

    /// The points of an xdot drawing: `P p L B b` point lists and `E e`
    /// ellipses; text, colour, font and style operations are skipped.
    static func drawnPoints(_ draw: String) -> [EdgeRouter.Point] {
        let bytes = Array(draw.utf8)
        var i = 0
        func skipSpaces() { while i < bytes.count && bytes[i] == 32 { i += 1 } }
        func token() -> Substring {
            skipSpaces()
            let start = i
            while i < bytes.count && bytes[i] != 32 { i += 1 }
            return Substring(decoding: bytes[start..<i], as: UTF8.self)
        }
        func number() -> Double? { Double(token()) }
        /// `n -bytes`: skip n bytes after the dash.
        func skipString() {
            guard let n = Int(token()) else { i = bytes.count; return }
            skipSpaces()
            i = min(bytes.count, i + 1 + n)
        }
        var points: [EdgeRouter.Point] = []
        while i < bytes.count {
            let op = token()
            switch op {
            case "P", "p", "L", "B", "b":
                guard let n = Int(token()) else { return points }
                for _ in 0..<n {
                    guard let x = number(), let y = number() else { return points }
                    points.append(EdgeRouter.Point(x: x, y: y))
                }
            case "E", "e":
                guard let x = number(), let y = number(), let rx = number(), let ry = number() else { return points }
                for step in 0..<24 {
                    let angle = Double(step) * Double.pi / 12
                    points.append(EdgeRouter.Point(x: x + rx * cos(angle), y: y + ry * sin(angle)))
                }
            case "c", "C", "S":
                skipString()
            case "F":
                _ = token(); skipString()
            case "T", "I":
                for _ in 0..<4 { _ = token() }
                skipString()
            case "t":
                _ = token()
            default:
                return points
            }
        }
        return points
    }
}
