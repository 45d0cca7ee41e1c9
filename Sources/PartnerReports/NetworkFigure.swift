import DOTRendering
import FigureStyle
import Foundation
import GraphvizRendering
import PartnerGraph

/// The network diagram as a page element: chosen layout, reduced until it is
/// legible at the page's width and font size, laid out once and drawn at
/// fixed positions with its legend, key and caption (``NetworkDrawing``).
///
/// ## Fit, then reduce — never shrink text
/// Text is drawn at the page's font size. If the drawing does not fit the
/// page width (and about the page height less the legend), the figure is
/// reduced, in this order, and each step is said in the caption and in
/// ``Result/reductions``: one line per pair (always, unless
/// ``Options/reduction`` asks for one per type); partners beyond the 12
/// ranked highest drawn as numbers with a key below; then only the top
/// partners kept, the rest drawn as one node per kind. Whatever the user set
/// in ``Options/reduction`` is kept as set.
///
/// ## Layout by shape
/// - radial (`twopi`, rooted at the focal partner) when the focal partner is
///   tied to at least 60 % of the others and there are at most 40 nodes;
/// - `dot` when every drawn tie is directed, and for a two-mode graph (`settings.modes`: one column per side);
/// - `neato` (stress majorisation, prism overlap removal) otherwise, `sfdp`
///   beyond 1,000 nodes. fdp is never chosen: it does not repeat byte for
///   byte under load.
/// If the radial layout does not fit, neato is tried before reducing.
///
/// ## Stable positions
/// ``layOut(_:options:renderer:)`` returns positions by partner id; passing
/// them back as ``Options/positions`` draws another snapshot (another year)
/// with every shared partner at the same place.
public enum NetworkFigure {
    public struct Options: Sendable {
        public var page: Page
        /// What the user fixed; the rest is chosen automatically.
        public var reduction: FigureReduction
        /// Never number partners (the user asked for every name).
        public var namesEveryPartner: Bool
        /// Never drop or aggregate partners automatically.
        public var keepsEveryPartner: Bool
        public var engine: LayoutEngine?
        public var header: FigureHeader?
        /// Positions by node key from an earlier layout (stable snapshots);
        /// with them no layout runs and no automatic reduction is made.
        public var positions: [String: DrawingPoint]?
        /// Fixed rank order for a series of snapshots (see ``NetworkDrawing``).
        public var order: [String]?
        /// The extent shared by a series of snapshots (with ``positions``).
        public var frame: DrawingFrame?
        public var idPrefix: String
        /// Extra caption sentences, after the reductions.
        public var notes: [String]
        public var seed: Int?
        /// A box around the partners of each kind, packed across the page
        /// (``NetworkDrawing/packedByKind(width:)``); ``engine`` is then unused.
        public var clustersByKind = false

        public init(page: Page = .standard, reduction: FigureReduction = FigureReduction(), namesEveryPartner: Bool = false,
                    keepsEveryPartner: Bool = false, engine: LayoutEngine? = nil, header: FigureHeader? = nil,
                    positions: [String: DrawingPoint]? = nil, order: [String]? = nil, idPrefix: String = "pg-",
                    notes: [String] = [], seed: Int? = nil) {
            self.page = page
            self.reduction = reduction
            self.namesEveryPartner = namesEveryPartner
            self.keepsEveryPartner = keepsEveryPartner
            self.engine = engine
            self.header = header
            self.positions = positions
            self.order = order
            self.idPrefix = idPrefix
            self.notes = notes
            self.seed = seed
        }
    }

    /// A laid-out, reduced drawing ready to be rendered in any format.
    public struct Layout: Sendable {
        public var drawing: NetworkDrawing
        /// Node centres by node key (partner id, or `more:KIND`), in points.
        public var positions: [String: DrawingPoint]
        public var engine: LayoutEngine
        /// The reduction that was applied.
        public var reduction: FigureReduction
        /// The rank order used (pass it with the positions to later snapshots).
        public var order: [String]
        /// Whether the drawing fits the page at its font size.
        public var fits: Bool
        public var warnings: [String]
        /// Width and height of the drawing alone, in points.
        public var drawingSize: (width: Double, height: Double)
        /// The extent to place; a series of snapshots shares its layout's.
        public var frame: DrawingFrame? = nil
    }

    public struct Result: Sendable {
        /// The document bytes (SVG post-processed for documents, or DOT, PNG, PDF).
        public var bytes: [UInt8]
        public var layout: Layout
        /// The pinned DOT that was rendered (engine `nop`).
        public var dot: String
        /// Sentences saying how the figure was reduced (also in its caption).
        public var reductions: [String]
        public var warnings: [String]
        /// Figure size in points.
        public var size: (width: Double, height: Double)
    }

    /// Chooses the reduction and layout for `figure` and lays it out.
    ///
    /// - Parameters:
    ///   - ranking: score per partner id deciding who is named and kept.
    /// - Throws: ``GraphvizError`` from the layout engine.
    public static func layOut(_ figure: PartnerFigure, ranking: [String: Double], rankingName: String, options: Options,
                              renderer: GraphvizRenderer) throws(GraphvizError) -> Layout {
        let page = options.page
        let selectedCount = figure.network.partners.reduce(0) { $0 + ((figure.partnerIDs?.contains($1.id) ?? true) ? 1 : 0) }
        let order = options.order ?? rankOrder(figure, ranking: ranking)

        if let positions = options.positions {
            var drawing = NetworkDrawing(figure: figure, page: page, reduction: options.reduction, ranking: ranking,
                                         rankingName: rankingName, order: order)
            drawing.clustersByKind = options.clustersByKind
            let size = options.frame.map { ($0.width, $0.height) } ?? extent(drawing, positions)
            return Layout(drawing: drawing, positions: positions, engine: LayoutEngine(rawValue: "nop"), reduction: options.reduction,
                          order: order, fits: size.0 <= page.widthPoints - 8, warnings: [], drawingSize: size, frame: options.frame)
        }

        var attempts: [FigureReduction] = []
        func add(_ named: Int?, _ kept: Int?) {
            var r = options.reduction
            if r.namedCount == nil && !options.namesEveryPartner { r.namedCount = named }
            if r.keptCount == nil && !options.keepsEveryPartner { r.keptCount = kept }
            if !attempts.contains(r) { attempts.append(r) }
        }
        add(nil, nil)
        for named in [12, 6, 0] { add(min(selectedCount, named), nil) }
        // Keep as many partners as the page can hold as numbered nodes, then fewer.
        let numberedNodeArea = pow(page.fontSize * 2.4 + 8, 2) * 2.6
        let capacity = max(8, Int(page.widthPoints * page.heightPoints * 0.6 / numberedNodeArea))
        for kept in [capacity, capacity * 2 / 3, capacity / 2, capacity / 3, 12] where kept < selectedCount {
            add(min(6, kept), max(kept, 8))
            add(0, max(kept, 8))
        }

        var best: Layout?
        var warnings: [String] = []
        for (index, reduction) in attempts.enumerated() {
            var drawing = NetworkDrawing(figure: figure, page: page, reduction: reduction, ranking: ranking,
                                         rankingName: rankingName, order: order)
            drawing.clustersByKind = options.clustersByKind
            let available = availableHeight(drawing, page: page, header: options.header, notes: options.notes)
            let isLast = index == attempts.count - 1
            // Skip layouts that cannot fit by area alone (saves minutes at 1,000+ partners).
            if !isLast, drawing.estimatedArea > page.widthPoints * available * 1.4 { continue }
            if options.clustersByKind {
                var layout = try packed(drawing, reduction: reduction, order: order, width: page.widthPoints - 8, renderer: renderer)
                layout.fits = layout.drawingSize.width <= page.widthPoints - 8 && layout.drawingSize.height <= available
                warnings += layout.warnings
                if layout.fits { layout.warnings = warnings; return layout }
                if best == nil || area(layout) < area(best!) { best = layout }
                continue
            }
            var engines = [options.engine ?? chooseEngine(drawing)]
            if options.engine == nil, engines[0] == .twopi { engines.append(.neato) }
            for engine in engines {
                var layout = try run(drawing, engine: engine, reduction: reduction, order: order, seed: options.seed, renderer: renderer)
                layout.fits = layout.drawingSize.width <= page.widthPoints - 8 && layout.drawingSize.height <= available
                warnings += layout.warnings
                if !layout.fits {
                    // Scaled down to the page, then overlaps removed: often enough, and far better than dropping partners.
                    var compact = try compact(layout, width: page.widthPoints - 8, height: available, renderer: renderer)
                    compact.fits = compact.drawingSize.width <= page.widthPoints - 8 && compact.drawingSize.height <= available
                    warnings += compact.warnings
                    if compact.fits || area(compact) < area(layout) { layout = compact }
                }
                if layout.fits { layout.warnings = warnings; return layout }
                if best == nil || area(layout) < area(best!) { best = layout }
            }
        }
        var result = best!
        result.warnings = warnings
        return result
    }

    /// Lays out (unless positions are given) and renders `figure` in `format`.
    public static func render(_ figure: PartnerFigure, ranking: [String: Double], rankingName: String, options: Options,
                              format: OutputFormat, renderer: GraphvizRenderer,
                              adjust: ((inout DOTDocument) -> Void)? = nil) throws(GraphvizError) -> Result {
        let layout = try layOut(figure, ranking: ranking, rankingName: rankingName, options: options, renderer: renderer)
        return try render(layout, options: options, format: format, renderer: renderer, adjust: adjust)
    }

    /// Renders a layout: the pinned document with legend, key and caption.
    public static func render(_ layout: Layout, options: Options, format: OutputFormat, renderer: GraphvizRenderer,
                              adjust: ((inout DOTDocument) -> Void)? = nil) throws(GraphvizError) -> Result {
        let page = options.page
        var reductions = layout.drawing.reductions
        if !layout.fits {
            reductions.append("It is still wider or taller than the page at \(PageLength.shortNumber(page.fontSize, digits: 1)) pt; "
                              + "narrow it with --top N, --labels N, --ego ID or --kind.")
        }
        let notes = reductions + options.notes
        var pinned = layout.drawing.pinnedDocument(positions: layout.positions, page: page, header: options.header, notes: notes,
                                                   frame: layout.frame)
        let routingWarnings = try routeEdges(&pinned.document, renderer: renderer)
        adjust?(&pinned.document)
        let dot = pinned.document.write()
        if format.rawValue == "dot" {
            return Result(bytes: Array(dot.utf8), layout: layout, dot: dot, reductions: reductions, warnings: layout.warnings + routingWarnings,
                          size: (pinned.width, pinned.height))
        }
        let output = try renderer.renderReportingWarnings(dot: dot, engine: LayoutEngine(rawValue: "nop"), format: format)
        var bytes = output.bytes
        if format == .svg {
            var svgOptions = SVGDocumentOptions(title: layout.drawing.title, description: layout.drawing.description,
                                                elementTitles: layout.drawing.elementTitles)
            svgOptions.idPrefix = options.idPrefix
            let size = page.sizeAttributes(widthPoints: pinned.width, heightPoints: pinned.height)
            svgOptions.sizeAttributes = [size.width, size.height]
            bytes = try SVGDocument.prepareUTF8(bytes, options: svgOptions)
        }
        return Result(bytes: bytes, layout: layout, dot: dot, reductions: reductions, warnings: layout.warnings + routingWarnings + output.warnings,
                      size: (pinned.width, pinned.height))
    }

    // MARK: Steps

    /// Routes the network's edges around its nodes and pins the routes.
    ///
    /// The routes avoid the network's nodes only (the legend and key below
    /// the drawing are rows of nodes of their own) and are written into the
    /// figure as edge `pos`, which `nop2` keeps. Graphviz's router is not
    /// used: it costs O(V³) in the nodes' polygon corners (see ``EdgeRouter``).
    static func routeEdges(_ document: inout DOTDocument, renderer: GraphvizRenderer, spacing: EdgeRouter.Spacing = .init(),
                           group: (String) -> String? = { NetworkDrawing.isNetworkNode($0) ? "" : nil }) throws(GraphvizError) -> [String] {
        let groups = Dictionary(uniqueKeysWithValues: document.nodes.compactMap { node in group(node.id).map { (node.id, $0) } })
        // One route per pair; a second line between the same two partners (a
        // suggested introduction beside a lapsed tie, --edges type) is drawn
        // as a copy of the first one's route, bent to one side.
        func pairKey(_ e: DOTEdge) -> String { e.from < e.to ? "\(e.from)\u{1}\(e.to)" : "\(e.to)\u{1}\(e.from)" }
        var firstOfPair: [String: Int] = [:]
        var parallels: [(index: Int, representative: Int, rank: Int)] = []
        var parallelCount: [String: Int] = [:]
        var edgesToRoute: [Int] = []
        for (i, edge) in document.edges.enumerated() {
            guard let g = groups[edge.from], groups[edge.to] == g, edge.from != edge.to else { continue }
            let key = pairKey(edge)
            if let first = firstOfPair[key] {
                parallelCount[key, default: 0] += 1
                parallels.append((i, first, parallelCount[key]!))
            } else {
                firstOfPair[key] = i
                edgesToRoute.append(i)
            }
        }
        document.graphAttributes["layout"] = "nop2"
        guard !edgesToRoute.isEmpty else { return [] }
        // Graphviz draws the nodes (no edges), so that each one's outline is
        // known exactly; the routes are ours (``EdgeRouter``). The two canvas
        // anchors keep the drawing's box, so its coordinates are the figure's.
        var outlines = document
        outlines.nodes = document.nodes.filter { groups[$0.id] != nil || $0.id.hasPrefix("canvas-") }
        outlines.edges = []
        outlines.subgraphs = []
        outlines.graphAttributes["layout"] = "nop"
        let output = try renderer.renderReportingWarnings(dot: outlines.write(), engine: LayoutEngine(rawValue: "nop"),
                                                          format: OutputFormat(rawValue: "xdot"))
        let drawn = EdgeRouter.Node.parseXDot(String(decoding: output.bytes, as: UTF8.self))
        // One router per group (a small multiple's cell): its nodes are the obstacles.
        var members: [String: [String]] = [:]
        for name in drawn.keys.sorted() { if let g = groups[name] { members[g, default: []].append(name) } }
        var routers: [String: EdgeRouter] = [:]
        var index: [String: Int] = [:]
        for (g, names) in members {
            routers[g] = EdgeRouter(nodes: names.map { drawn[$0]! }, spacing: spacing)
            for (k, name) in names.enumerated() { index[name] = k }
        }
        var crossing = 0
        for i in edgesToRoute {
            let edge = document.edges[i]
            guard let router = routers[groups[edge.from]!], let tail = index[edge.from], let head = index[edge.to] else { continue }
            let route = router.route(from: tail, to: head)
            if !route.isClear { crossing += 1 }
            let points = EdgeRouter.spline(route.polyline, cornerRadius: spacing.cornerRadius).map { (x: $0.x, y: $0.y) }
            let (dir, arrowSize) = arrowStyle(edge)
            document.edges[i].attributes["pos"] = .string(EdgeRoute(points: points).pos(
                arrowAtEnd: dir == "forward" || dir == "both", arrowAtStart: dir == "back" || dir == "both", arrowLength: 10 * arrowSize))
        }
        var usedOffsets: [String: [Double]] = [:]
        for parallel in parallels {
            let representative = document.edges[parallel.representative]
            guard case .string(let route)? = representative.attributes["pos"], let points = EdgeRoute(pos: route),
                  let router = routers[groups[representative.from]!],
                  let tail = index[representative.from], let head = index[representative.to] else { continue }
            let edge = document.edges[parallel.index]
            // Alternate sides, 7 pt further out for each further line; where
            // that would cross a node, the other side, then closer; at last
            // 1 pt (2 pt, …) beside the first line, which keeps 2 pt from every node.
            // No two lines of a pair share an offset.
            let offset = 7.0 * Double((parallel.rank + 1) / 2) * (parallel.rank % 2 == 1 ? 1 : -1)
            let key = pairKey(representative)
            let taken = usedOffsets[key, default: [0]]
            let fallback = (1...(taken.count + 1)).flatMap { [Double($0), -Double($0)] }.first { !taken.contains($0) }!
            let chosen = [offset, -offset, offset / 2, -offset / 2, offset / 4, -offset / 4].filter { !taken.contains($0) }.first {
                router.isClear(points.offset(by: $0).points.map { EdgeRouter.Point(x: $0.x, y: $0.y) }, from: tail, to: head, clearance: 0.5)
            } ?? fallback
            usedOffsets[key] = taken + [chosen]
            var copy = points.offset(by: chosen)
            if edge.from != representative.from { copy = copy.reversed() }
            let (dir, arrowSize) = arrowStyle(edge)
            document.edges[parallel.index].attributes["pos"] = .string(
                copy.pos(arrowAtEnd: dir == "forward" || dir == "both", arrowAtStart: dir == "back" || dir == "both",
                         arrowLength: 10 * arrowSize))
        }
        var warnings = output.warnings
        if crossing > 0 {
            warnings.append("\(crossing) \(crossing == 1 ? "tie crosses" : "ties cross") other partners: no way round them "
                            + "(partners drawn too close together); try --top N or a larger --page-width.")
        }
        return warnings
    }

    /// An edge's `dir` (Graphviz's default in a digraph, forward, when unset) and arrow size.
    static func arrowStyle(_ edge: DOTEdge) -> (dir: String, arrowSize: Double) {
        var dir = "forward", arrowSize = 1.0
        if case .string(let d)? = edge.attributes["dir"] { dir = d }
        if case .number(let a)? = edge.attributes["arrowsize"] { arrowSize = a }
        return (dir, arrowSize)
    }

    /// The quoted value of `name=` in one DOT statement (no escaped quotes in ids or positions).
    static func attribute(_ name: String, in statement: Substring) -> String? {
        for prefix in ["[\(name)=\"", " \(name)=\"", "\t\(name)=\""] {
            guard let r = statement.range(of: prefix) else { continue }
            let rest = statement[r.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { return nil }
            return String(rest[..<end])
        }
        return nil
    }

    /// Focal partner first, then by score (descending), then by id.
    public static func rankOrder(_ figure: PartnerFigure, ranking: [String: Double]) -> [String] {
        let focal = figure.network.focal
        return figure.network.partners.map(\.id).filter { figure.partnerIDs?.contains($0) ?? true }.sorted { a, b in
            if a == focal { return b != focal }
            if b == focal { return false }
            let sa = ranking[a] ?? -.infinity, sb = ranking[b] ?? -.infinity
            return sa != sb ? sa > sb : a < b
        }
    }

    /// The layout engine for the drawing's shape (see the type's discussion).
    public static func chooseEngine(_ drawing: NetworkDrawing) -> LayoutEngine {
        let n = drawing.nodes.count
        if drawing.isDirectedOnly || drawing.isTwoMode { return .dot }
        if let focal = drawing.focalName, n <= radialLimit, n >= 4 {
            let neighbours = Set(drawing.edges.compactMap { $0.from == focal ? $0.to : ($0.to == focal ? $0.from : nil) })
            if Double(neighbours.count) >= radialShare * Double(n - 1) { return .twopi }
        }
        return n > neatoLimit ? .sfdp : .neato
    }

    /// The most nodes drawn radially around the focal partner.
    public static let radialLimit = 40
    /// The share of the other nodes the focal partner must be tied to for a radial layout.
    public static let radialShare = 0.6
    /// The most nodes neato lays out (~n²); sfdp (~n^1.3) beyond.
    public static let neatoLimit = 1_000

    static func run(_ drawing: NetworkDrawing, engine: LayoutEngine, reduction: FigureReduction, order: [String], seed: Int?,
                    renderer: GraphvizRenderer) throws(GraphvizError) -> Layout {
        var document = drawing.layoutDocument(engine: engine.rawValue)
        if let seed { document.graphAttributes["start"] = .integer(seed) }
        let output = try renderer.renderReportingWarnings(dot: document.write(), engine: engine, format: OutputFormat(rawValue: "plain"))
        let positions = parsePlain(output.bytes, drawing: drawing)
        var measured = drawing
        measured.measuredSizes = parsePlainSizes(output.bytes, drawing: drawing)
        return Layout(drawing: measured, positions: positions, engine: engine, reduction: reduction, order: order, fits: false,
                      warnings: output.warnings, drawingSize: extent(measured, positions))
    }

    /// The partners packed by kind (``NetworkDrawing/packedByKind(width:)``)
    /// at the sizes Graphviz gives their nodes (measured by one osage pass,
    /// which places nodes in a grid: no force layout is run).
    static func packed(_ drawing: NetworkDrawing, reduction: FigureReduction, order: [String], width: Double,
                       renderer: GraphvizRenderer) throws(GraphvizError) -> Layout {
        var layout = try run(drawing, engine: LayoutEngine(rawValue: "osage"), reduction: reduction, order: order, seed: nil, renderer: renderer)
        layout.positions = layout.drawing.packedByKind(width: width)
        layout.drawingSize = extent(layout.drawing, layout.positions)
        return layout
    }

    /// The layout's positions scaled (about the centre of its nodes) so that
    /// the drawing would fit `width` × `height`, then spread by Graphviz's
    /// overlap removal wherever nodes now overlap. Tried twice, the second
    /// time scaling a little more to absorb what the overlap removal added.
    static func compact(_ layout: Layout, width: Double, height: Double, renderer: GraphvizRenderer) throws(GraphvizError) -> Layout {
        var current = layout
        for _ in 0..<2 {
            let size = current.drawingSize
            let factor = min(width / size.width, height / size.height, 1) * 0.97
            guard factor < 1, factor > 0.3 else { break }
            let xs = current.positions.values.map(\.x), ys = current.positions.values.map(\.y)
            let cx = ((xs.min() ?? 0) + (xs.max() ?? 0)) / 2, cy = ((ys.min() ?? 0) + (ys.max() ?? 0)) / 2
            let scaled = current.positions.mapValues { DrawingPoint(x: cx + ($0.x - cx) * factor, y: cy + ($0.y - cy) * factor) }
            let document = current.drawing.compactionDocument(positions: scaled)
            let output = try renderer.renderReportingWarnings(dot: document.write(), engine: LayoutEngine(rawValue: "nop"),
                                                              format: OutputFormat(rawValue: "plain"))
            let positions = parsePlain(output.bytes, drawing: current.drawing)
            guard positions.count == current.positions.count else { break }
            let next = Layout(drawing: current.drawing, positions: positions, engine: current.engine, reduction: current.reduction,
                              order: current.order, fits: false, warnings: output.warnings,
                              drawingSize: extent(current.drawing, positions))
            if area(next) >= area(current) { break }
            current = next
            if current.drawingSize.width <= width && current.drawingSize.height <= height { break }
        }
        return current
    }

    /// Node sizes from Graphviz's `plain` output (inches) as points, by node key.
    static func parsePlainSizes(_ bytes: [UInt8], drawing: NetworkDrawing) -> [String: DrawingPoint] {
        let keyOf = Dictionary(uniqueKeysWithValues: drawing.nodes.map { ($0.name, $0.key) })
        var result: [String: DrawingPoint] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") where line.hasPrefix("node ") {
            let fields = line.split(separator: " ", maxSplits: 6)
            guard fields.count >= 6, let key = keyOf[String(fields[1])], let w = Double(fields[4]), let h = Double(fields[5]) else { continue }
            result[key] = DrawingPoint(x: w * 72, y: h * 72)
        }
        return result
    }

    /// Node centres from Graphviz's `plain` output (inches) as points, by node key.
    static func parsePlain(_ bytes: [UInt8], drawing: NetworkDrawing) -> [String: DrawingPoint] {
        let keyOf = Dictionary(uniqueKeysWithValues: drawing.nodes.map { ($0.name, $0.key) })
        var result: [String: DrawingPoint] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") where line.hasPrefix("node ") {
            let fields = line.split(separator: " ", maxSplits: 4)
            guard fields.count >= 4, let key = keyOf[String(fields[1])], let x = Double(fields[2]), let y = Double(fields[3]) else { continue }
            result[key] = DrawingPoint(x: (x * 72 * 100).rounded() / 100, y: (y * 72 * 100).rounded() / 100)
        }
        return result
    }

    static func extent(_ drawing: NetworkDrawing, _ positions: [String: DrawingPoint]) -> (width: Double, height: Double) {
        let frame = drawing.frame(positions)
        return (frame.width, frame.height)
    }

    static func availableHeight(_ drawing: NetworkDrawing, page: Page, header: FigureHeader?, notes: [String]) -> Double {
        let extras = drawing.estimatedExtrasHeight(notes: drawing.reductions + notes) + (header == nil ? 0 : page.fontSize * 7)
        // The key of numbered partners may run below the page; the drawing may not.
        return max(page.heightPoints * 0.75, page.heightPoints - extras)
    }

    static func area(_ layout: Layout) -> Double { layout.drawingSize.width * layout.drawingSize.height }
}

extension NetworkFigure {
    /// One layout for a series of dates: every partner drawn at any of
    /// `days` (`select` gives each date's partners) laid out together, so
    /// that each snapshot can reuse the positions (``Options/positions``).
    ///
    /// - Returns: the union layout (its ``Layout/order`` and ``Layout/frame``
    ///   go with the positions) and each date's partners.
    public static func seriesLayout(network: PartnerNetwork, days: [Day], lookback: Lookback?, showsLapsedTies: Bool,
                                    select: (Day) -> Set<String>, ranking: [String: Double], rankingName: String,
                                    options: Options, renderer: GraphvizRenderer) throws(GraphvizError) -> (layout: Layout, selections: [Set<String>]) {
        let selections = days.map(select)
        let union = selections.reduce(into: Set<String>()) { $0.formUnion($1) }
        // Drawn at the last date with lapsed ties shown: every tie of the series.
        let figure = PartnerFigure(network: network, asOf: days.max() ?? days[0], partnerIDs: union, showsLapsedTies: true, lookback: lookback)
        var layout = try layOut(figure, ranking: ranking, rankingName: rankingName, options: options, renderer: renderer)
        layout.frame = layout.drawing.frame(layout.positions)
        return (layout, selections)
    }

    /// `render --years A...B --small-multiples`: a grid of yearly snapshots
    /// (31 December) on one page, from one layout of every partner of the
    /// series, so each partner keeps its place in every year.
    public static func smallMultiples(network: PartnerNetwork, years: [Int], lookback: Lookback?, showsLapsedTies: Bool,
                                      select: (Day) -> Set<String>, ranking: [String: Double], rankingName: String,
                                      options: Options, format: OutputFormat, renderer: GraphvizRenderer) throws(GraphvizError) -> Result {
        let days = years.map { Day(year: $0, month: 12, day: 31)! }
        var layoutOptions = options
        // Markers, not names, in small cells: lay out numbered nodes.
        if layoutOptions.reduction.namedCount == nil { layoutOptions.reduction.namedCount = 0 }
        layoutOptions.namesEveryPartner = false
        let series = try seriesLayout(network: network, days: days, lookback: lookback, showsLapsedTies: showsLapsedTies,
                                      select: select, ranking: ranking, rankingName: rankingName, options: layoutOptions, renderer: renderer)
        let reduction = series.layout.reduction
        let cells = zip(days, series.selections).map { day, ids in
            (heading: String(day.year), drawing: NetworkDrawing(
                figure: PartnerFigure(network: network, asOf: day, partnerIDs: ids, showsLapsedTies: showsLapsedTies, lookback: lookback),
                page: options.page, reduction: reduction, ranking: ranking, rankingName: rankingName, order: series.layout.order))
        }
        var reductions = series.layout.drawing.reductions.filter { !$0.contains("drawn as numbers") }
        reductions.insert("Each cell is the network on 31 December of its year, every partner at the same place (one layout of all \(series.layout.positions.count) nodes); partners are drawn as markers, names are in the element titles.", at: 0)
        let notes = reductions + options.notes
        var pinned = NetworkDrawing.smallMultiplesDocument(cells: cells, positions: series.layout.positions, frame: series.layout.frame!,
                                                           page: options.page, legend: series.layout.drawing, notes: notes)
        // Each cell's ties routed around that cell's partners (node ids "cN_nM").
        let routingWarnings = try routeEdges(&pinned.document, renderer: renderer, spacing: .tight,
                                             group: NetworkDrawing.smallMultiplesCell(ofNode:))
        let dot = pinned.document.write()
        if format.rawValue == "dot" {
            return Result(bytes: Array(dot.utf8), layout: series.layout, dot: dot, reductions: reductions,
                          warnings: series.layout.warnings + routingWarnings,
                          size: (pinned.width, pinned.height))
        }
        let output = try renderer.renderReportingWarnings(dot: dot, engine: LayoutEngine(rawValue: "nop"), format: format)
        var bytes = output.bytes
        if format == .svg {
            let title = (network.title ?? "Partner network") + ", \(years.first!)–\(years.last!)"
            var svgOptions = SVGDocumentOptions(title: title, description: "Small multiples: the network on 31 December of each year from \(years.first!) to \(years.last!), every partner at the same place.",
                                                elementTitles: NetworkDrawing.smallMultiplesTitles(cells: cells))
            svgOptions.idPrefix = options.idPrefix
            let size = options.page.sizeAttributes(widthPoints: pinned.width, heightPoints: pinned.height)
            svgOptions.sizeAttributes = [size.width, size.height]
            bytes = try SVGDocument.prepareUTF8(bytes, options: svgOptions)
        }
        return Result(bytes: bytes, layout: series.layout, dot: dot, reductions: reductions,
                      warnings: series.layout.warnings + routingWarnings + output.warnings,
                      size: (pinned.width, pinned.height))
    }
}
